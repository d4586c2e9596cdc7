"""What every importer shares: the summary, the read context, field and span checks.

Spans from any format go through :func:`checked_span`: offsets in range, remapped
through the text's normalisation, compared with the span's own text when the
format gives one, and **trimmed** when whitespace lies at an edge (a warning
says so: ``" Jakarta"`` becomes ``"Jakarta"``). A span made of whitespace only
(spaces, newlines, NBSP) is refused: it has no token and no export could write
it. We trim rather than refuse edge whitespace because the usual source is a
mouse selection in another tool that took the neighbouring space; the word
itself is what the annotator meant.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from annotator.core.labels import LabelKind, LabelScheme
from annotator.core.langid import check_lang_code
from annotator.core.model import AnnotatorError, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument
from annotator.core.text import BOM, NormalizedText, normalize

# (bytes done, bytes in all files)
ImportProgress = Callable[[int, int], None]

# Characters str.isspace() misses but that are no more a word than a space is.
INVISIBLE = "\u200b\u2060\ufeff"


@dataclass(slots=True)
class ImportSummary:
    files: int = 0
    documents: int = 0
    entities: int = 0
    claims: int = 0
    duplicates: int = 0
    labels_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)
    layered: int = 0  # records of a text by another annotator, kept as their layer

    def describe(self) -> str:
        text = (f"imported {self.documents} document{'s' * (self.documents != 1)} "
                f"({self.entities} entities, {self.claims} claims) from {self.files} "
                f"file{'s' * (self.files != 1)}")
        if self.duplicates:
            text += f"; skipped {self.duplicates} already in the project"
        if self.layered:
            text += f"; {self.layered} records by other annotators kept as their layers"
        return text


class ReadContext:
    """State shared by the readers of one import: the label scheme copy, the
    summary (warnings), progress in bytes and the display names of the sources."""

    def __init__(self, scheme: LabelScheme, summary: ImportSummary,
                 progress: ImportProgress | None, total: int,
                 names: dict[Path, str] | None = None) -> None:
        # Work on a copy: the project's scheme changes only if the import commits.
        self.scheme = LabelScheme.from_dict(scheme.to_dict())
        self.summary = summary
        self.progress = progress
        self.total = total
        self.done = 0
        self._last_report = 0
        self._known_labels: set[tuple[str, str]] = set()
        self._entity_labels: set[str] = set()
        self._names = names or {}
        self._said: set[str] = set()

    def name(self, path: Path) -> str:
        """How errors call a source (``-`` is spooled to a temporary file)."""
        return self._names.get(path, str(path))

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        if self.progress and (self.done - self._last_report >= 1 << 20 or self.done >= self.total):
            self._last_report = self.done
            self.progress(self.done, self.total)

    def warn(self, message: str) -> None:
        self.summary.warnings.append(message)

    def warn_once(self, key: str, message: str) -> None:
        """A warning that would repeat for every record (e.g. an unread result type)."""
        if key not in self._said:
            self._said.add(key)
            self.warn(message)

    @property
    def known_entity_labels(self) -> set[str]:
        """Entity labels already checked (and added to the scheme) in this import: a
        span with one of them needs no further label check."""
        return self._entity_labels

    def label(self, kind: LabelKind, name: Any, where: str) -> str:
        if isinstance(name, str) and (kind, name) in self._known_labels:  # the common case
            return name
        check_label(name, where)
        assert isinstance(name, str)
        self._known_labels.add((kind, name))
        if kind == "entity":
            self._entity_labels.add(name)
        if self.scheme.ensure(kind, name):
            self.summary.labels_added.append(f"{kind} {name}")
            self.warn(f"{where}: unknown {kind} label {name!r} added to the project's labels")
        return name

    def is_claim_label(self, name: Any) -> bool:
        """A label only the claim scheme knows (formats that mix both in one list)."""
        return (isinstance(name, str) and self.scheme.get("claim", name) is not None
                and self.scheme.get("entity", name) is None)

    def read_bytes(self, path: Path) -> bytes:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AnnotatorError(f"{self.name(path)}: cannot read ({exc.strerror})") from None
        self.advance(len(data))
        return data

    def lines(self, path: Path) -> Iterator[tuple[int, str]]:
        """Decoded lines (with their line number), streamed; errors name the line."""
        name = self.name(path)
        try:
            f = path.open("rb")
        except OSError as exc:
            raise AnnotatorError(f"{name}: cannot read ({exc.strerror})") from None
        with f:
            if b"\x00" in f.read(8192):
                raise AnnotatorError(f"{name}: looks like a binary file, not text "
                                     "(unsupported format)")
            f.seek(0)
            for lineno, raw in enumerate(f, 1):
                self.advance(len(raw))
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise AnnotatorError(
                        f"{name}, line {lineno}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                        f"at column {exc.start + 1}); save the file as UTF-8 and import it again"
                    ) from None
                if lineno == 1:
                    line = line.removeprefix(BOM)
                yield lineno, line


_LABEL_OK = re.compile(r"[^\s\x00-\x1f\x7f]+")


def check_label(name: Any, where: str) -> None:
    """A label is one word: CoNLL, brat and BIO tags would break on a space or newline."""
    if not isinstance(name, str) or not name.strip():
        raise AnnotatorError(f"{where}: a label must be a non-empty string, not {name!r}")
    if not _LABEL_OK.fullmatch(name):
        raise AnnotatorError(f"{where}: the label {name!r} contains a space, a newline or a "
                             "control character; labels are single words (use _ or -)")


# --- fields ----------------------------------------------------------------------

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def no_lone_surrogates(source: str, obj: Any, where: str) -> None:
    """JSON can spell an unpaired UTF-16 surrogate (\\ud800), which no UTF-8 file holds."""
    if not _SURROGATE_ESCAPE.search(source):
        return
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AnnotatorError(
            f"{where}: an unpaired UTF-16 surrogate escape (\\u{ord(exc.object[exc.start]):04x})"
            " is not a character; fix the text and import again") from None


def load_json(data: str, name: str, one_line: bool = False) -> Any:
    try:
        items = orjson.loads(data)
    except orjson.JSONDecodeError:
        # orjson is stricter (NaN, integers beyond 64 bits, nesting past 255 levels):
        # the standard library reads those as before, and words the errors as before.
        return _load_json_stdlib(data, name, one_line)
    no_lone_surrogates(data, items, name)
    return items


def _load_json_stdlib(data: str, name: str, one_line: bool) -> Any:
    try:
        items = json.loads(data)
    except json.JSONDecodeError as exc:
        where = name if one_line else f"{name}, line {exc.lineno}"
        raise AnnotatorError(
            f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise AnnotatorError(f"{name}: JSON nested too deeply") from None
    no_lone_surrogates(data, items, name)
    return items


def opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise AnnotatorError(f"{where}: \"{key}\" must be a string")
    return value


def opt_lang(obj: dict[str, Any], where: str) -> str | None:
    """The record's language code, checked: it names model folders later, never a path."""
    value = opt_str(obj, "lang", where)
    return check_lang_code(value, f'{where}: "lang"') if value else None


def doc_status(obj: dict[str, Any], where: str) -> DocStatus:
    status = obj.get("status")
    if status is None:
        # Prodigy: an accepted answer is a finished document; ignore: skipped; a
        # binary "reject" says the span is wrong: a decision made, not a finished doc.
        answer = obj.get("answer")
        if answer == "accept":
            return DocStatus.DONE
        if answer == "ignore":
            return DocStatus.SKIPPED
        if answer == "reject":
            return DocStatus.IN_PROGRESS
        return DocStatus.NEW
    try:
        return DocStatus(status)
    except ValueError:
        raise AnnotatorError(f"{where}: unknown document status {status!r} (use one of "
                             f"{', '.join(s.value for s in DocStatus)})") from None


_SPAN_STATUS = {s.value: s for s in SpanStatus}  # a dict lookup: Enum() costs ~1 us a call


def span_status(obj: dict[str, Any], where: str, default: SpanStatus = SpanStatus.ACCEPTED
                ) -> SpanStatus:
    status = obj.get("status")
    if status is None:
        return default
    try:
        return _SPAN_STATUS[status]
    except (KeyError, TypeError):
        raise AnnotatorError(f"{where}: unknown status {status!r} (use one of "
                             f"{', '.join(s.value for s in SpanStatus)})") from None


def source_of(obj: dict[str, Any], where: str) -> str:
    return opt_str(obj, "source", where) or "import"


def score_of(obj: dict[str, Any], where: str) -> float | None:
    score = obj.get("score")
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise AnnotatorError(f"{where}: \"score\" must be a number")
    return float(score)


# --- spans -------------------------------------------------------------------------


def offsets(obj: dict[str, Any], start_key: str, end_key: str, norm: NormalizedText,
            raw: str, where: str) -> tuple[int, int]:
    """Validate offsets into the raw text, remap them into the normalised text."""
    start, end = obj.get(start_key), obj.get(end_key)
    # Fast path (most spans): plain ints in range, nothing removed by normalisation,
    # no text or the same text. Anything else takes the checks below.
    if (type(start) is int and type(end) is int and not norm.removed
            and 0 <= start < end <= len(raw)):
        expected = obj.get("text")
        if expected is None or expected == raw[start:end]:
            return start, end
    for key, value in ((start_key, start), (end_key, end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnnotatorError(f"{where}: \"{key}\" must be an integer, not {value!r}")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= len(raw):
        raise AnnotatorError(f"{where}: offsets [{start}, {end}) are outside the text "
                             f"(length {len(raw)}) or empty")
    new_start, new_end = norm.map_offset(start), norm.map_offset(end)
    if new_end <= new_start:
        raise AnnotatorError(f"{where}: span [{start}, {end}) covers only a removed "
                             "character (BOM or CR)")
    expected = obj.get("text")
    if expected is not None:
        actual = norm.text[new_start:new_end]
        if not isinstance(expected, str) or (expected != actual
                                             and normalize(expected).text != actual
                                             and expected != raw[start:end]):
            raise AnnotatorError(
                f"{where}: the span's text {expected!r} does not match the text at "
                f"[{start}, {end}), which is {raw[start:end]!r}")
    return new_start, new_end


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in INVISIBLE


def trim(text: str, start: int, end: int, where: str, warn: Callable[[str], None]
         ) -> tuple[int, int]:
    """Whitespace at a span's edges is cut off (with a warning); a span of whitespace
    only is refused (see the module docstring)."""
    if not (_blank(text[start]) or _blank(text[end - 1])):
        return start, end
    new_start, new_end = start, end
    while new_start < new_end and _blank(text[new_start]):
        new_start += 1
    while new_end > new_start and _blank(text[new_end - 1]):
        new_end -= 1
    if new_start == new_end:
        raise AnnotatorError(f"{where}: the span [{start}, {end}) {text[start:end]!r} is only "
                             "whitespace; remove it from the file and import again")
    warn(f"{where}: whitespace trimmed from the span {text[start:end]!r} -> "
         f"{text[new_start:new_end]!r}")
    return new_start, new_end


def checked_span(obj: dict[str, Any], start_key: str, end_key: str, norm: NormalizedText,
                 raw: str, where: str, warn: Callable[[str], None]) -> tuple[int, int]:
    """:func:`offsets`, then :func:`trim`: the span as it will be stored."""
    start, end = offsets(obj, start_key, end_key, norm, raw, where)
    return trim(norm.text, start, end, where, warn)


def check_overlaps(doc: NewDocument, where: str) -> None:
    live = sorted((e.start, e.end, e.label) for e in doc.entities
                  if e.status != SpanStatus.REJECTED)
    for (s1, e1, l1), (s2, e2, l2) in itertools.pairwise(live):
        if s2 < e1:
            raise AnnotatorError(
                f"{where}: the {l2} span [{s2}, {e2}) {doc.text[s2:e2]!r} overlaps the {l1} "
                f"span [{s1}, {e1}) {doc.text[s1:e1]!r}; entities may not overlap")


def drop_overlaps(doc: NewDocument, where: str, warn: Callable[[str], None]) -> None:
    """For formats that allow nested or overlapping entities (Label Studio, brat):
    keep accepted spans before suggested ones, then the longer, then the earlier;
    every span left out is named in a warning."""
    order = sorted(range(len(doc.entities)), key=lambda i: (
        doc.entities[i].status != SpanStatus.ACCEPTED,
        -(doc.entities[i].end - doc.entities[i].start), doc.entities[i].start))
    kept: list[tuple[int, int]] = []
    dropped: set[int] = set()
    for i in order:
        ent = doc.entities[i]
        if ent.status == SpanStatus.REJECTED:
            continue
        if any(ent.start < e and s < ent.end for s, e in kept):
            dropped.add(i)
            warn(f"{where}: the {ent.label} span {doc.text[ent.start:ent.end]!r} overlaps "
                 "another entity and was not imported (entities may not overlap)")
        else:
            kept.append((ent.start, ent.end))
    if dropped:
        remap: dict[int, int] = {}
        survivors: list[EntitySpan] = []
        for i, ent in enumerate(doc.entities):
            if i not in dropped:
                remap[i] = len(survivors)
                survivors.append(ent)
        doc.entities = survivors
        for claim in doc.claims:
            if claim.claimant_id is not None:
                claim.claimant_id = remap.get(claim.claimant_id)

