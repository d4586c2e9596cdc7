"""What the exporters read: documents with their tokens and exportable spans,
span checks, and sentence units that never cut a span."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, groupby, pairwise, repeat
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

import orjson

from annotator.core.model import AnnotatorError, DocStatus, Offsets, SpanStatus
from annotator.core.store import Project
from annotator.core.store.documents import stored_document
from annotator.core.store.export_cache import CachedOutput, ExportCache
from annotator.core.store.rows import flat_offsets_from_blob, offsets_from_blob
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
    cached: int = 0               # documents written from the export cache

    def describe(self) -> str:
        text = (f"exported {self.documents} document{'s' * (self.documents != 1)} "
                f"({self.spans} entities, {self.claims} claims) to {self.path}")
        if self.parts:
            text += " (" + ", ".join(f"{k} {v}" for k, v in self.parts.items()) + ")"
        if self.cached:
            text += f"; {self.cached} unchanged since the last export, from the export cache"
        return text


class ExportSpan(NamedTuple):
    """An entity as the exporters see it: a store row as is (an export reads hundreds
    of thousands; a tuple costs a fraction of a model object)."""

    id: int
    start: int
    end: int
    label: str
    status: str          # a SpanStatus value
    source: str
    score: float | None
    doc_id: int


class ExportClaim(NamedTuple):
    """A claim as the exporters see it (a store row, ``attrs`` parsed)."""

    id: int
    start: int
    end: int
    label: str
    claimant_id: int | None
    claimant_text: str | None
    cue_start: int | None
    cue_end: int | None
    attrs: dict[str, Any]
    status: str
    source: str
    score: float | None
    doc_id: int


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
    entities: list[ExportSpan]          # the ones to export
    claims: list[ExportClaim]           # the ones to export
    live: list[ExportSpan]              # every non-rejected entity (claimants' texts)
    token_blob: bytes | None = None     # kept at import, else computed now)
    sentence_blob: bytes | None = None  # the fallback splitter's, kept at import
    cache_key: bytes | None = None      # its revision token, to cache its output under
    _sentences: list[Offsets] | None = None
    _bounds: tuple[list[int], list[int]] | None = None
    _tokens: list[Offsets] | None = None
    _entity_text: dict[int, str] | None = None

    @property
    def token_bounds(self) -> tuple[list[int], list[int]]:
        """(token starts, token ends), the tokens split at span edges; computed on
        first use (only the token formats need them: doccano, claims, Label Studio
        and brat never pay). Two flat lists, not a pair a token: the token formats
        slice, bisect and join them in C."""
        if self._bounds is None:
            if self.base_tokens is not None:
                starts = [s for s, _ in self.base_tokens]
                ends = [e for _, e in self.base_tokens]
            else:
                flat = (flat_offsets_from_blob(self.token_blob) if self.token_blob
                        else list(chain.from_iterable(tokenize(self.text))))
                starts, ends = flat[0::2], flat[1::2]
            self._bounds = _split_bounds(starts, ends, self.edges)
        return self._bounds

    @property
    def tokens(self) -> list[Offsets]:
        """The tokens split at span edges, as (start, end) pairs."""
        if self._tokens is None:
            starts, ends = self.token_bounds
            self._tokens = list(zip(starts, ends, strict=True))
        return self._tokens

    @property
    def sentences(self) -> list[Offsets]:
        if self._sentences is None:
            self._sentences = (self.stored_sentences if self.stored_sentences is not None
                               else offsets_from_blob(self.sentence_blob)
                               or split_sentences(self.text))
        return self._sentences

    @property
    def entity_text(self) -> dict[int, str]:
        """Every non-rejected entity's text, by id (a claimant's text)."""
        if self._entity_text is None:
            text = self.text
            self._entity_text = {e.id: text[e.start:e.end] for e in self.live}
        return self._entity_text


def _split_bounds(starts: list[int], ends: list[int], edges: set[int],
                  ) -> tuple[list[int], list[int]]:
    """Token bounds split at every edge that falls inside a token (``text.split_at``,
    the one place that splits, does it). Most edges are a token's start or end
    already: those are set aside in C, and only the others are looked up."""
    inside = []
    for edge in edges.difference(starts, ends):
        k = bisect_right(starts, edge) - 1
        if k >= 0 and starts[k] < edge < ends[k]:
            inside.append(edge)
    if not inside:
        return starts, ends
    tokens = split_at(list(zip(starts, ends, strict=True)), inside)
    return [s for s, _ in tokens], [e for _, e in tokens]


def entity_labels_in_use(project: Project) -> set[str]:
    return project.spans.labels_used()


def external_ids(project: Project, status: str = "done") -> list[str]:
    return project.documents.external_ids(None if status == "all" else status)


# --- reading ---------------------------------------------------------------------------


class CachedRun(NamedTuple):
    """Consecutive documents whose output comes from the export cache: written
    together (a line format joins their bytes at once), nothing else read for them."""

    ids: list[int]
    external_ids: list[str]
    texts: list[str]              # only when the writer needs them (brat), else empty
    outputs: list[CachedOutput]


@dataclass(slots=True)
class CacheUse:
    """The export cache as one export uses it: the cache, the project's id in it, the
    export's variant, and whether a cached document needs its text too (brat writes
    the .txt)."""

    cache: ExportCache
    project: bytes
    variant: bytes
    text_on_hit: bool = False


def iter_export_docs(project: Project, status: str = "done", include_suggested: bool = False,
                     batch: int = 500, warn: Callable[[str], None] | None = None,
                     only: set[str] | None = None, cache: CacheUse | None = None,
                     ) -> Iterator[ExportDoc | CachedRun]:
    """Documents in id order with their exportable spans, a few queries a batch.

    Tokens are computed as ``Project.document`` does: the stored tokens (from a
    recognizer) or the fallback tokenizer, split at every non-rejected span edge.
    An entity made of whitespace only (possible in projects made before imports
    refused them) has no token to write: it is left out and ``warn`` says so.
    ``only``: the external ids to export (a split part). ``cache``: documents whose
    output is cached come as runs (:class:`CachedRun`) and nothing else is read for
    them; the others come with the key to cache theirs under.
    """
    wanted = {str(SpanStatus.ACCEPTED)}
    if include_suggested:
        wanted.add(str(SpanStatus.SUGGESTED))
    tokens = project.revisions.tokens() if cache is not None else {}
    last = 0
    while True:
        heads = project.documents.head_page(last, None if status == "all" else status, batch)
        if not heads:
            return
        last = heads[-1][0]
        if only is not None:
            heads = [h for h in heads if h[1] in only]
        hits: dict[int, CachedOutput] = {}
        if cache is not None and heads:
            kept = cache.cache.get(cache.project, cache.variant, heads[0][0], heads[-1][0])
            hits = {doc_id: out for doc_id, (token, out) in kept.items()
                    if tokens.get(doc_id) == token}
        misses = [doc_id for doc_id, _ in heads if doc_id not in hits]
        texts = (project.documents.texts([i for i, _ in heads if i in hits])
                 if cache is not None and cache.text_on_hit and hits else {})
        # by id: a document another program deleted since the page was read is skipped
        computed = {doc.id: doc for doc in _computed(project, misses, wanted, warn, tokens)}
        run = CachedRun([], [], [], [])
        for doc_id, external_id in heads:
            cached = hits.get(doc_id)
            if cached is None:
                if run.ids:
                    yield run
                    run = CachedRun([], [], [], [])
                if doc_id in computed:
                    yield computed.pop(doc_id)
                continue
            run.ids.append(doc_id)
            run.external_ids.append(external_id)
            run.outputs.append(cached)
            if texts:
                run.texts.append(texts[doc_id])
        if run.ids:
            yield run


def _computed(project: Project, ids: list[int], wanted: set[str],
              warn: Callable[[str], None] | None, tokens: dict[int, bytes],
              ) -> Iterator[ExportDoc]:
    """The documents ``ids`` (in id order) with everything the writers need, and the
    revision token to cache each one's output under."""
    if not ids:
        return
    with project.snapshot():  # the documents and their spans at one time
        rows = project.documents.rows(ids)
        lo, hi = ids[0], ids[-1]
        just = None if len(ids) == hi - lo + 1 else ids  # a run of ids: a range query
        ents = {doc_id: _in_order(list(map(ExportSpan._make, group))) for doc_id, group in
                groupby(project.spans.export_rows(lo, hi, just), itemgetter(7))}
        claims = {doc_id: [ExportClaim._make((*r[:8], load_attrs(r[8]), *r[9:]))
                           for r in group]
                  for doc_id, group in groupby(project.claims.export_rows(lo, hi, just),
                                               itemgetter(12))}
    no_spans: list[ExportSpan] = []
    no_claims: list[ExportClaim] = []
    for row in rows:
        stored = stored_document(row)
        doc_id, text = stored.id, stored.text
        live = ents.get(doc_id, no_spans)
        starts = list(map(itemgetter(1), live))
        ends = list(map(itemgetter(2), live))
        if live and not all(map(str.strip, map(text.__getitem__, map(slice, starts, ends)))):
            live = _without_blank(stored.external_id, text, live, warn)
            starts = list(map(itemgetter(1), live))
            ends = list(map(itemgetter(2), live))
        doc_claims = claims.get(doc_id, no_claims)
        yield ExportDoc(
            id=doc_id, external_id=stored.external_id, text=text, meta=stored.meta,
            status=stored.status, annotator=stored.annotator, lang=stored.lang,
            base_tokens=stored.base_tokens, token_blob=stored.fallback_tokens,
            edges={*starts, *ends},
            stored_sentences=stored.sentences, sentence_blob=stored.fallback_sentences,
            entities=[e for e in live if e.status in wanted],
            claims=[c for c in doc_claims if c.status in wanted] if doc_claims else no_claims,
            live=live, cache_key=tokens.get(doc_id))


def _in_order(spans: list[ExportSpan]) -> list[ExportSpan]:
    """A document's spans as the store gives them (start, then id) put in (start,
    end, id) order: only spans that share a start can be out of it, so they are
    looked for in C and the list is sorted only when there are some."""
    starts = list(map(_START, spans))
    if len(set(starts)) < len(starts):
        spans.sort(key=_START_END_ID)
    return spans


def _without_blank(external_id: str, text: str, live: list[ExportSpan],
                   warn: Callable[[str], None] | None) -> list[ExportSpan]:
    kept = []
    for e in live:
        if text[e.start:e.end].strip():
            kept.append(e)
        elif warn:
            warn(f"document {external_id!r}: the {e.label} span "
                 f"[{e.start}, {e.end}) is only whitespace and was left out")
    return kept


def load_attrs(stored: str) -> dict[str, Any]:
    """A claim's stored attributes (orjson; the standard library for what it refuses,
    e.g. an integer beyond 64 bits)."""
    try:
        attrs: dict[str, Any] = orjson.loads(stored)
    except orjson.JSONDecodeError:
        attrs = json.loads(stored)
    return attrs


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


_START, _END = attrgetter("start"), attrgetter("end")
_START_END_ID = attrgetter("start", "end", "id")


def token_ranges(doc: ExportDoc, spans: list[ExportSpan], what: str = "span",
                 ) -> tuple[list[int], list[int]]:
    """The first and last token (inclusive) of every span, checked as
    :func:`token_range` checks one, but for all of a document's spans at once: the
    bisections and comparisons run in C, and only a document where some span does not
    start and end exactly on token bounds takes the span-by-span way (with its
    whitespace warning or its error)."""
    if not spans:
        return [], []
    starts, ends = doc.token_bounds
    span_starts, span_ends = list(map(_START, spans)), list(map(_END, spans))
    n = len(spans)
    first = list(map(bisect_left, repeat(starts, n), span_starts))
    last = [k - 1 for k in map(bisect_right, repeat(ends, n), span_ends)]
    try:
        exact = (max(span_ends) <= len(doc.text) and min(last) >= 0
                 and list(map(starts.__getitem__, first)) == span_starts
                 and list(map(ends.__getitem__, last)) == span_ends)
    except IndexError:  # a span after the last token
        exact = False
    if exact:
        return first, last
    pairs = [token_range(doc, s.start, s.end, f"{s.label} {what}", starts, ends)
             for s in spans]
    return [a for a, _ in pairs], [b for _, b in pairs]


def check_ranges(doc: ExportDoc, spans: list[ExportSpan] | list[ExportClaim],
                 what: str) -> None:
    """:func:`check_range` for all of a document's spans (or claims) at once."""
    if spans and (min(map(_START, spans)) < 0 or max(map(_END, spans)) > len(doc.text)
                  or any(s.end <= s.start for s in spans)):
        for s in spans:
            check_range(doc, s.start, s.end, f"{s.label} {what}")


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


def group_tokens(token_starts: list[int], units: list[Offsets]) -> list[range]:
    """Token indexes per unit (a token belongs to the unit its start falls in; tokens
    before the first unit go to it): runs of consecutive indexes, since both lists
    are in text order, found by one bisection per unit."""
    if not units:
        return []
    bounds = [0] + [bisect_left(token_starts, start) for start, _ in units[1:]]
    bounds.append(len(token_starts))
    return [range(lo, hi) for lo, hi in pairwise(bounds)]
