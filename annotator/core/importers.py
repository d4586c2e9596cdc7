"""Import: .txt files and folders, JSONL (native/Prodigy and doccano lines), CSV.

One ``import_paths`` call is ONE transaction: every document of every file is
inserted, or (on any bad line) nothing at all, and the project stays exactly as
it was, label scheme included. An error names the file and the line.

Texts are decoded as UTF-8 and normalised (BOM removed, CRLF and CR turned into
LF); imported span offsets are remapped through that change and validated: in
range, ``start < end``, no overlap between the non-rejected entities of one
document (claims may overlap), and a span's ``text`` (when given) must equal the
slice it points at. Files are streamed line by line: a 300 MB JSONL file never
sits in memory at once.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from annotator.core.labels import LabelKind, LabelScheme, load_scheme
from annotator.core.langid import guess_language
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.core.text import BOM, NormalizedText, decode, normalize

Format = Literal["auto", "txt", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("auto", "txt", "jsonl", "csv")

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}
# A .json file named explicitly is read whole (an array of records, or one record);
# folders skip .json files (they are usually manifests or settings, not documents).

# (bytes done, bytes in all files)
ImportProgress = Callable[[int, int], None]


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

    def describe(self) -> str:
        text = (f"imported {self.documents} document{'s' * (self.documents != 1)} "
                f"({self.entities} entities, {self.claims} claims) from {self.files} "
                f"file{'s' * (self.files != 1)}")
        if self.duplicates:
            text += f"; skipped {self.duplicates} already in the project"
        return text


def collect_files(paths: Sequence[Path | str], fmt: str = "auto") -> list[tuple[Path, str]]:
    """Expand folders (recursively) and pick each file's format.

    A file named on the command line is read in ``fmt`` (or by its extension /
    content when ``auto``). In a folder only files with a known extension are
    taken (with ``fmt`` other than auto: only that format's extensions); hidden
    files are ignored.
    """
    if fmt not in FORMATS:
        raise AnnotatorError(f"unknown import format {fmt!r} (use one of {', '.join(FORMATS)})")
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if not child.is_file() or any(p.startswith(".") for p in rel):
                    continue
                kind = EXTENSIONS.get(child.suffix.lower())
                if kind is None or (fmt != "auto" and kind != fmt):
                    continue
                out.append((child, kind))
        elif path.is_file():
            out.append((path, fmt if fmt != "auto" else _sniff(path)))
        elif path.exists():
            raise AnnotatorError(f"{path}: not a file or folder")
        else:
            raise AnnotatorError(f"{path}: no such file or folder")
    return out


def _sniff(path: Path) -> str:
    if path.suffix.lower() == ".json":
        return "json"
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind:
        return kind
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise AnnotatorError(f"{path}: cannot read ({exc.strerror})") from None
    stripped = head.removeprefix(BOM.encode()).lstrip()
    return "jsonl" if stripped.startswith(b"{") else "txt"


def import_paths(project: Project, paths: Sequence[Path | str], fmt: str = "auto",
                 progress: ImportProgress | None = None,
                 lang: str | None = None) -> ImportSummary:
    """Import files and folders into ``project`` in one transaction (all or nothing).

    ``lang`` sets every document's language; otherwise a record's own ``lang`` is
    kept and documents without one get a guess from their words (core.langid).
    """
    files = collect_files(paths, fmt)
    summary = ImportSummary(files=len(files))
    if not files:
        summary.warnings.append("no importable files found (.txt, .jsonl, .csv, .tsv)")
        return summary
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    reader = _Reader(project.scheme, summary, progress, total)
    try:
        with project.transaction():
            result = project.insert_documents(_with_language(reader.documents(files), lang))
            if summary.labels_added:
                project.save_scheme(reader.scheme)
    except BaseException:
        # The transaction rolled back: forget a label scheme that was never committed.
        project._scheme = None
        raise
    summary.documents = result.inserted
    summary.duplicates = result.skipped_duplicates
    summary.entities = result.entities
    summary.claims = result.claims
    summary.doc_ids = result.doc_ids
    return summary


# --- reading -------------------------------------------------------------------


def reader_for(summary: ImportSummary, scheme: LabelScheme | None = None) -> _Reader:
    """A parser without a project (``annotator suggest``): ``.documents(files)``
    yields each file's documents as the import would insert them."""
    return _Reader(scheme or load_scheme(), summary, None, 0)


def _with_language(docs: Iterable[NewDocument], lang: str | None) -> Iterator[NewDocument]:
    for doc in docs:
        if lang:
            doc.lang = lang
        elif not doc.lang:
            doc.lang = guess_language(doc.text)
        yield doc


class _Reader:
    def __init__(self, scheme: LabelScheme, summary: ImportSummary,
                 progress: ImportProgress | None, total: int) -> None:
        # Work on a copy: the project's scheme changes only if the import commits.
        self.scheme = LabelScheme.from_dict(scheme.to_dict())
        self.summary = summary
        self.progress = progress
        self.total = total
        self.done = 0
        self._last_report = 0
        self._known_labels: set[tuple[str, str]] = set()

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        if self.progress and (self.done - self._last_report >= 1 << 20 or self.done >= self.total):
            self._last_report = self.done
            self.progress(self.done, self.total)

    def warn(self, message: str) -> None:
        self.summary.warnings.append(message)

    def label(self, kind: LabelKind, name: Any, where: str) -> str:
        if isinstance(name, str) and (kind, name) in self._known_labels:  # the common case
            return name
        if not isinstance(name, str) or not name.strip():
            raise AnnotatorError(f"{where}: a label must be a non-empty string, not {name!r}")
        self._known_labels.add((kind, name))
        if self.scheme.ensure(kind, name):
            self.summary.labels_added.append(f"{kind} {name}")
            self.warn(f"{where}: unknown {kind} label {name!r} added to the project's labels")
        return name

    def documents(self, files: Iterable[tuple[Path, str]]) -> Iterator[NewDocument]:
        for path, kind in files:
            if kind == "txt":
                yield from self._txt(path)
            elif kind == "jsonl":
                yield from self._jsonl(path)
            elif kind == "json":
                yield from self._json_array(path)
            else:
                yield from self._csv(path)

    # --- txt -------------------------------------------------------------

    def _txt(self, path: Path) -> Iterator[NewDocument]:
        data = _read_bytes(path)
        self.advance(len(data))
        text = normalize(decode(data, str(path))).text
        if not text.strip():
            self.warn(f"{path}: empty, skipped")
            return
        yield NewDocument(text=text, external_id=path.stem, meta={"source": str(path)})

    # --- jsonl -----------------------------------------------------------

    def _jsonl(self, path: Path) -> Iterator[NewDocument]:
        for lineno, line in self._lines(path):
            if not line.strip():
                continue
            where = f"{path}, line {lineno}"
            if lineno == 1 and line.lstrip().startswith("["):
                # A JSON array of records (not JSON Lines): read it whole.
                yield from self._json_array(path)
                return
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotatorError(
                    f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            except RecursionError:
                raise AnnotatorError(f"{where}: JSON nested too deeply") from None
            _no_lone_surrogates(line, obj, where)
            doc = self._record(obj, where, path)
            if doc is not None:
                yield doc

    def _json_array(self, path: Path) -> Iterator[NewDocument]:
        """A whole .json file: an array of records or a single record."""
        data = "".join(line for _, line in self._lines(path))
        try:
            items = json.loads(data)
        except json.JSONDecodeError as exc:
            raise AnnotatorError(
                f"{path}, line {exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        except RecursionError:
            raise AnnotatorError(f"{path}: JSON nested too deeply") from None
        _no_lone_surrogates(data, items, str(path))
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            raise AnnotatorError(f"{path}: expected JSON Lines or a JSON array of records")
        for i, obj in enumerate(items, 1):
            doc = self._record(obj, f"{path}, record {i}", path)
            if doc is not None:
                yield doc

    def _lines(self, path: Path) -> Iterator[tuple[int, str]]:
        """Decoded lines (with their line number), streamed; errors name the line."""
        try:
            f = path.open("rb")
        except OSError as exc:
            raise AnnotatorError(f"{path}: cannot read ({exc.strerror})") from None
        with f:
            if b"\x00" in f.read(8192):
                raise AnnotatorError(f"{path}: looks like a binary file, not text")
            f.seek(0)
            for lineno, raw in enumerate(f, 1):
                self.advance(len(raw))
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise AnnotatorError(
                        f"{path}, line {lineno}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                        f"at column {exc.start + 1}); save the file as UTF-8 and import it again"
                    ) from None
                if lineno == 1:
                    line = line.removeprefix(BOM)
                yield lineno, line

    def _record(self, obj: Any, where: str, path: Path) -> NewDocument | None:
        if not isinstance(obj, dict):
            raise AnnotatorError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        raw_text = obj.get("text")
        if raw_text is None and isinstance(obj.get("data"), str):
            raw_text = obj["data"]  # older doccano exports
        if not isinstance(raw_text, str):
            raise AnnotatorError(f"{where}: no \"text\" field (a string) in this record")
        norm = normalize(raw_text)
        text = norm.text
        if not text.strip():
            self.warn(f"{where}: empty text, skipped")
            return None
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise AnnotatorError(f"{where}: \"meta\" must be an object")
        meta = dict(meta)
        meta.setdefault("source", str(path))
        ext_id = obj.get("id")
        if (ext_id is not None and not isinstance(ext_id, str | int)) or isinstance(ext_id, bool):
            raise AnnotatorError(f"{where}: \"id\" must be a string or a number")
        doc = NewDocument(text=text, external_id=None if ext_id is None else str(ext_id),
                          meta=meta, annotator=_opt_str(obj, "annotator", where),
                          lang=_opt_str(obj, "lang", where))
        doc.status = _doc_status(obj, where)
        is_doccano = ("entities" in obj or "relations" in obj
                      or (isinstance(obj.get("label"), list) and "spans" not in obj))
        if is_doccano:
            self._doccano(obj, doc, norm, raw_text, where)
        else:
            self._native(obj, doc, norm, raw_text, where)
        _check_overlaps(doc, where)
        doc.runs = _recognizer_runs(obj, where)
        return doc

    # --- native / Prodigy records ----------------------------------------

    def _native(self, obj: dict[str, Any], doc: NewDocument, norm: NormalizedText,
                raw: str, where: str) -> None:
        spans = obj.get("spans") or []
        if not isinstance(spans, list):
            raise AnnotatorError(f"{where}: \"spans\" must be a list")
        index: dict[str, int] = {}
        for k, span in enumerate(spans):
            w = f"{where}, span {k + 1}"
            if not isinstance(span, dict):
                raise AnnotatorError(f"{w}: expected an object")
            start, end = _offsets(span, "start", "end", norm, raw, w)
            label = self.label("entity", span.get("label"), w)
            ent = EntitySpan(doc_id=0, start=start, end=end, label=label,
                             status=_span_status(span, w), source=_source(span, w),
                             score=_score(span, w),
                             annotator=_opt_str(span, "annotator", w))
            if "id" in span and span["id"] is not None:
                key = str(span["id"])
                if key in index:
                    raise AnnotatorError(f"{w}: span id {key!r} is used twice")
                index[key] = len(doc.entities)
            doc.entities.append(ent)
        claims = obj.get("claims") or []
        if not isinstance(claims, list):
            raise AnnotatorError(f"{where}: \"claims\" must be a list")
        for k, item in enumerate(claims):
            w = f"{where}, claim {k + 1}"
            if not isinstance(item, dict):
                raise AnnotatorError(f"{w}: expected an object")
            start, end = _offsets(item, "start", "end", norm, raw, w)
            claim = Claim(doc_id=0, start=start, end=end,
                          label=self.label("claim", item.get("label"), w),
                          status=_span_status(item, w), source=_source(item, w),
                          score=_score(item, w), annotator=_opt_str(item, "annotator", w))
            claimant = item.get("claimant")
            claimant_text = _opt_str(item, "claimant_text", w)
            if claimant is not None:
                key = str(claimant)
                if key not in index:
                    raise AnnotatorError(f"{w}: claimant {key!r} is not the id of a span "
                                         "in this record")
                claim.claimant_id = index[key]
                ent = doc.entities[index[key]]
                if claimant_text == doc.text[ent.start:ent.end]:
                    claimant_text = None  # just a copy of the entity's text
            claim.claimant_text = claimant_text
            cue = item.get("cue")
            if cue is not None:
                if isinstance(cue, list | tuple) and len(cue) == 2:
                    cue = {"start": cue[0], "end": cue[1]}
                if not isinstance(cue, dict):
                    raise AnnotatorError(f"{w}: \"cue\" must be {{\"start\": N, \"end\": N}}")
                claim.cue_start, claim.cue_end = _offsets(cue, "start", "end", norm, raw,
                                                          w + ", cue")
            attrs = item.get("attrs") or {}
            if not isinstance(attrs, dict):
                raise AnnotatorError(f"{w}: \"attrs\" must be an object")
            claim.attrs = attrs
            doc.claims.append(claim)

    # --- doccano records -------------------------------------------------

    def _doccano(self, obj: dict[str, Any], doc: NewDocument, norm: NormalizedText,
                 raw: str, where: str) -> None:
        label_field = obj.get("label")
        if isinstance(label_field, list) and "entities" not in obj:
            categories: list[str] = []
            for k, triple in enumerate(label_field):
                w = f"{where}, label {k + 1}"
                if isinstance(triple, str):  # a text-classification label
                    categories.append(triple)
                    continue
                if not isinstance(triple, list | tuple) or len(triple) != 3:
                    raise AnnotatorError(f"{w}: expected [start, end, \"LABEL\"]")
                span = {"start": triple[0], "end": triple[1]}
                start, end = _offsets(span, "start", "end", norm, raw, w)
                if self.scheme.get("claim", str(triple[2])) is not None:
                    doc.claims.append(Claim(0, start, end, self.label("claim", triple[2], w),
                                            source="import"))
                else:
                    doc.entities.append(EntitySpan(0, start, end,
                                                   self.label("entity", triple[2], w),
                                                   source="import"))
            if categories:
                doc.meta["categories"] = categories
            return
        entities = obj.get("entities") or []
        relations = obj.get("relations") or []
        if not isinstance(entities, list) or not isinstance(relations, list):
            raise AnnotatorError(f"{where}: \"entities\" and \"relations\" must be lists")
        claimant_of: dict[str, str] = {}
        for k, rel in enumerate(relations):
            w = f"{where}, relation {k + 1}"
            if not isinstance(rel, dict) or "from_id" not in rel or "to_id" not in rel:
                raise AnnotatorError(f"{w}: expected {{\"from_id\", \"to_id\", \"type\"}}")
            if str(rel.get("type", "")).lower() != "claimant":
                self.warn(f"{w}: relation type {rel.get('type')!r} is not imported "
                          "(only \"claimant\")")
                continue
            claimant_of[str(rel["from_id"])] = str(rel["to_id"])
        parsed: list[tuple[str, int, int, Any, str]] = []
        for k, ent in enumerate(entities):
            w = f"{where}, entity {k + 1}"
            if not isinstance(ent, dict):
                raise AnnotatorError(f"{w}: expected an object")
            start, end = _offsets(ent, "start_offset", "end_offset", norm, raw, w)
            key = str(ent.get("id", f"#{k}"))
            parsed.append((key, start, end, ent.get("label"), w))
        index: dict[str, int] = {}
        claim_rows: list[tuple[str, int, int, Any, str]] = []
        for key, start, end, label, w in parsed:
            is_claim = key in claimant_of or (
                isinstance(label, str) and self.scheme.get("claim", label) is not None
                and self.scheme.get("entity", label) is None)
            if is_claim:
                claim_rows.append((key, start, end, label, w))
                continue
            if key in index:
                raise AnnotatorError(f"{w}: entity id {key!r} is used twice")
            index[key] = len(doc.entities)
            doc.entities.append(EntitySpan(0, start, end, self.label("entity", label, w),
                                           source="import"))
        for key, start, end, label, w in claim_rows:
            claim = Claim(0, start, end, self.label("claim", label, w), source="import")
            if key in claimant_of:
                target = claimant_of[key]
                if target not in index:
                    raise AnnotatorError(f"{w}: its claimant relation points to {target!r}, "
                                         "which is not an entity of this record")
                claim.claimant_id = index[target]
            doc.claims.append(claim)

    # --- csv -------------------------------------------------------------

    def _csv(self, path: Path) -> Iterator[NewDocument]:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        previous = csv.field_size_limit()
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        try:
            yield from self._csv_rows(path, delimiter)
        finally:
            csv.field_size_limit(previous)

    def _csv_rows(self, path: Path, delimiter: str) -> Iterator[NewDocument]:
        lines = self._lines(path)
        reader = csv.reader((line for _, line in lines), delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                self.warn(f"{path}: empty, skipped")
                return
            names = [h.strip() for h in header]
            lowered = [h.lower() for h in names]
            if "text" not in lowered:
                raise AnnotatorError(f"{path}, line 1: no \"text\" column "
                                     f"(columns: {', '.join(names) or 'none'})")
            text_col = lowered.index("text")
            id_col = lowered.index("id") if "id" in lowered else None
            for row in reader:
                where = f"{path}, line {reader.line_num}"
                if not row or not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(names):
                    raise AnnotatorError(f"{where}: {len(row)} fields, but the header has "
                                         f"{len(names)}")
                row = row + [""] * (len(names) - len(row))
                text = normalize(row[text_col]).text
                if not text.strip():
                    self.warn(f"{where}: empty text, skipped")
                    continue
                meta: dict[str, Any] = {"source": str(path)}
                for i, name in enumerate(names):
                    if i not in (text_col, id_col) and name and row[i] != "":
                        meta[name] = row[i]
                ext = row[id_col].strip() if id_col is not None else ""
                yield NewDocument(text=text, external_id=ext or None, meta=meta)
        except csv.Error as exc:
            raise AnnotatorError(f"{path}, line {reader.line_num}: {exc}") from None


# --- field helpers -----------------------------------------------------------------

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_lone_surrogates(source: str, obj: Any, where: str) -> None:
    """JSON can spell an unpaired UTF-16 surrogate (\\ud800), which no UTF-8 file holds."""
    if not _SURROGATE_ESCAPE.search(source):
        return
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AnnotatorError(
            f"{where}: an unpaired UTF-16 surrogate escape (\\u{ord(exc.object[exc.start]):04x})"
            " is not a character; fix the text and import again") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AnnotatorError(f"{path}: cannot read ({exc.strerror})") from None


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise AnnotatorError(f"{where}: \"{key}\" must be a string")
    return value


def _doc_status(obj: dict[str, Any], where: str) -> DocStatus:
    status = obj.get("status")
    if status is None:
        # Prodigy: an accepted answer is a finished document; ignore/reject: skipped.
        answer = obj.get("answer")
        if answer == "accept":
            return DocStatus.DONE
        if answer in ("ignore", "reject"):
            return DocStatus.SKIPPED
        return DocStatus.NEW
    try:
        return DocStatus(status)
    except ValueError:
        raise AnnotatorError(f"{where}: unknown document status {status!r} (use one of "
                             f"{', '.join(s.value for s in DocStatus)})") from None


_SPAN_STATUS = {s.value: s for s in SpanStatus}  # a dict lookup: Enum() costs ~1 us a call


def _span_status(obj: dict[str, Any], where: str) -> SpanStatus:
    status = obj.get("status")
    if status is None:
        return SpanStatus.ACCEPTED
    try:
        return _SPAN_STATUS[status]
    except (KeyError, TypeError):
        raise AnnotatorError(f"{where}: unknown status {status!r} (use one of "
                             f"{', '.join(s.value for s in SpanStatus)})") from None


def _source(obj: dict[str, Any], where: str) -> str:
    return _opt_str(obj, "source", where) or "import"


def _score(obj: dict[str, Any], where: str) -> float | None:
    score = obj.get("score")
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise AnnotatorError(f"{where}: \"score\" must be a number")
    return float(score)


def _offsets(obj: dict[str, Any], start_key: str, end_key: str, norm: NormalizedText,
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


def _recognizer_runs(obj: dict[str, Any], where: str) -> list[tuple[str, str]]:
    """``recognizer_runs`` written by ``annotator suggest``: marked done on import, so
    the project's pre-annotation does not run them again on this document."""
    runs = obj.get("recognizer_runs") or []
    if not isinstance(runs, list) or not all(
            isinstance(r, dict) and isinstance(r.get("recognizer"), str)
            and isinstance(r.get("version"), str) for r in runs):
        raise AnnotatorError(f"{where}: \"recognizer_runs\" must be a list of "
                             "{\"recognizer\": NAME, \"version\": VERSION}")
    return [(r["recognizer"], r["version"]) for r in runs]


def _check_overlaps(doc: NewDocument, where: str) -> None:
    live = sorted((e.start, e.end, e.label) for e in doc.entities
                  if e.status != SpanStatus.REJECTED)
    for (s1, e1, l1), (s2, e2, l2) in itertools.pairwise(live):
        if s2 < e1:
            raise AnnotatorError(
                f"{where}: the {l2} span [{s2}, {e2}) {doc.text[s2:e2]!r} overlaps the {l1} "
                f"span [{s1}, {e1}) {doc.text[s1:e1]!r}; entities may not overlap")
