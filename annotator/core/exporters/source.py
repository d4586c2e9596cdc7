"""What the exporters read: documents with their tokens and exportable spans,
span checks, and sentence units that never cut a span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from annotator.core.model import (
    AnnotatorError,
    Claim,
    DocStatus,
    EntitySpan,
    Offsets,
    SpanStatus,
)
from annotator.core.store import Project
from annotator.core.store.rows import offsets_from_blob
from annotator.core.text import split_at, split_sentences, tokenize

# (documents done, documents in the export)
ExportProgress = Callable[[int, int], None]


@dataclass(slots=True)
class ExportSummary:
    documents: int = 0
    spans: int = 0
    claims: int = 0
    path: str = "-"
    extra_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    merged_sentences: int = 0     # sentence boundaries inside a span, not used as one
    parts: dict[str, int] = field(default_factory=dict)  # split part -> documents

    def describe(self) -> str:
        text = (f"exported {self.documents} document{'s' * (self.documents != 1)} "
                f"({self.spans} entities, {self.claims} claims) to {self.path}")
        if self.parts:
            text += " (" + ", ".join(f"{k} {v}" for k, v in self.parts.items()) + ")"
        return text


@dataclass(slots=True)
class ExportDoc:
    """A document as the exporters see it: text, tokens and the spans to write."""

    id: int
    external_id: str
    text: str
    meta: dict[str, Any]
    status: DocStatus
    annotator: str | None
    lang: str | None
    base_tokens: list[Offsets] | None   # a recognizer's (None: the fallback tokenizer's,
    edges: set[int]                     # every non-rejected span's start and end
    stored_sentences: list[Offsets] | None
    entities: list[EntitySpan]          # the ones to export
    claims: list[Claim]                 # the ones to export
    entity_text: dict[int, str]         # every non-rejected entity's text, by id
    token_blob: bytes | None = None     # kept at import, else computed now)
    sentence_blob: bytes | None = None  # the fallback splitter's, kept at import
    _sentences: list[Offsets] | None = None
    _tokens: list[Offsets] | None = None

    @property
    def tokens(self) -> list[Offsets]:
        """The tokens split at span edges; computed on first use (only the token
        formats need them: doccano, claims, Label Studio and brat never pay)."""
        if self._tokens is None:
            base = self.base_tokens
            if base is None:
                base = offsets_from_blob(self.token_blob) or tokenize(self.text)
            self._tokens = split_at(base, self.edges) if self.edges else base
        return self._tokens

    @property
    def sentences(self) -> list[Offsets]:
        if self._sentences is None:
            self._sentences = (self.stored_sentences if self.stored_sentences is not None
                               else offsets_from_blob(self.sentence_blob)
                               or split_sentences(self.text))
        return self._sentences


def entity_labels_in_use(project: Project) -> set[str]:
    return project.spans.labels_used()


def external_ids(project: Project, status: str = "done") -> list[str]:
    return project.documents.external_ids(None if status == "all" else status)


# --- reading ---------------------------------------------------------------------------


def iter_export_docs(project: Project, status: str = "done", include_suggested: bool = False,
                     batch: int = 500, warn: Callable[[str], None] | None = None,
                     only: set[str] | None = None) -> Iterator[ExportDoc]:
    """Documents in id order with their exportable spans, a batch of queries at a time.

    Tokens are computed as ``Project.document`` does: the stored tokens (from a
    recognizer) or the fallback tokenizer, split at every non-rejected span edge.
    An entity made of whitespace only (possible in projects made before imports
    refused them) has no token to write: it is left out and ``warn`` says so.
    ``only``: the external ids to export (a split part).
    """
    wanted = {SpanStatus.ACCEPTED}
    if include_suggested:
        wanted.add(SpanStatus.SUGGESTED)
    last = 0
    while True:
        page = project.documents.page(last, None if status == "all" else status, batch)
        if not page:
            return
        lo, hi = page[0].id, page[-1].id
        ents = project.spans.for_documents(lo, hi)
        claims = project.claims.for_documents(lo, hi)
        for stored in page:
            if only is not None and stored.external_id not in only:
                continue
            doc_id, text = stored.id, stored.text
            live = ents.get(doc_id, [])
            blank = [e for e in live if not text[e.start:e.end].strip()]
            if blank:
                live = [e for e in live if text[e.start:e.end].strip()]
                if warn:
                    for e in blank:
                        warn(f"document {stored.external_id!r}: the {e.label} span "
                             f"[{e.start}, {e.end}) is only whitespace and was left out")
            edges: set[int] = set()
            for e in live:
                edges.add(e.start)
                edges.add(e.end)
            yield ExportDoc(
                id=doc_id, external_id=stored.external_id, text=text, meta=stored.meta,
                status=stored.status, annotator=stored.annotator, lang=stored.lang,
                base_tokens=stored.base_tokens, token_blob=stored.fallback_tokens, edges=edges,
                stored_sentences=stored.sentences, sentence_blob=stored.fallback_sentences,
                entities=[e for e in live if e.status in wanted],
                claims=[c for c in claims.get(doc_id, []) if c.status in wanted],
                entity_text={e.id: text[e.start:e.end] for e in live if e.id is not None})
        last = hi


def count_export_docs(project: Project, status: str = "done") -> int:
    if status == "all":
        return project.documents.count()
    return project.documents.count(status)


# --- checks ----------------------------------------------------------------------------


def fail(doc: ExportDoc, message: str) -> AnnotatorError:
    return AnnotatorError(f"document {doc.external_id!r} (id {doc.id}): {message}; "
                          "the export was stopped and no file was written")


def check_range(doc: ExportDoc, start: int | None, end: int | None, what: str) -> None:
    if start is None or end is None or not 0 <= start < end <= len(doc.text):
        raise fail(doc, f"{what} [{start}, {end}) lies outside the text "
                        f"(length {len(doc.text)})")


def token_range(doc: ExportDoc, start: int, end: int, what: str,
                starts: list[int], ends: list[int]) -> tuple[int, int]:
    """Indexes of the first and last token of a span (``token_end`` inclusive).

    Checks that the tokens cover exactly the span's text (whitespace at its
    edges aside): otherwise the span would be written shifted.
    """
    check_range(doc, start, end, what)
    first = bisect_left(starts, start)
    last = bisect_right(ends, end) - 1
    text = doc.text
    if (first > last or first >= len(starts) or last < 0
            or text[start:starts[first]].strip() or text[ends[last]:end].strip()):
        raise fail(doc, f"{what} [{start}, {end}) {text[start:end]!r} does not start and end "
                        "on token boundaries")
    return first, last


# --- sentence units --------------------------------------------------------------------


def span_safe_units(doc: ExportDoc) -> list[Offsets]:
    """The document's sentences, merged wherever an entity crosses a boundary
    (``Jl. Sudirman``, ``Korea\\nUtara``): a unit never cuts a span."""
    sentences = doc.sentences
    if not sentences:
        return [(0, len(doc.text))] if doc.text else []
    starts = [s for s, _ in sentences]

    def index(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    joined = [False] * len(sentences)  # joined[k]: sentence k continues sentence k - 1
    for ent in doc.entities:
        first, last = index(ent.start), index(ent.end - 1)
        for k in range(first + 1, last + 1):
            joined[k] = True
    units: list[Offsets] = []
    for k, (start, end) in enumerate(sentences):
        if k and joined[k]:
            units[-1] = (units[-1][0], end)
        else:
            units.append((start if units else 0, end))
    units[-1] = (units[-1][0], max(units[-1][1], len(doc.text)))
    return units


def merged_boundaries(doc: ExportDoc, units: list[Offsets]) -> int:
    return max(0, len(doc.sentences) - len(units))


def group_tokens(tokens: list[Offsets], units: list[Offsets]) -> list[range]:
    """Token indexes per unit (a token belongs to the unit its start falls in; tokens
    before the first unit go to it): runs of consecutive indexes, since both lists
    are in text order, found by one bisection per unit."""
    if not units:
        return []
    token_starts = [s for s, _ in tokens]
    bounds = [0] + [bisect_left(token_starts, start) for start, _ in units[1:]]
    bounds.append(len(tokens))
    return [range(lo, hi) for lo, hi in pairwise(bounds)]
