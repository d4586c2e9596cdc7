"""Export: native JSONL, doccano, CoNLL, Hugging Face, spaCy DocBin, claims.

Exporters read the store only, stream documents in batches (constant memory,
except the spaCy DocBin, which spaCy serialises at once), and write to a
temporary file that replaces the target only when everything was written: a
failed export leaves no half file (on stdout it cannot take anything back).

What is exported:
- documents: ``status="done"`` (the default; finished work is training data) or
  ``"all"`` (every document, whatever its status, skipped ones included);
- entities: the accepted ones; with ``include_suggested`` also the suggested
  ones (marked ``"status": "suggested"`` in jsonl). Rejected spans never;
- claims: likewise accepted (plus suggested on request).

Every span is checked before it is written: its offsets lie in the text and its
first and last tokens start and end exactly at its edges (only whitespace may
lie between), so a shifted span aborts the export with the document's name.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from annotator.core.model import (
    AnnotatorError,
    Claim,
    DocStatus,
    EntitySpan,
    Offsets,
    SpanStatus,
)
from annotator.core.store import Project
from annotator.core.text import split_sentences, tokenize

FORMATS: tuple[str, ...] = ("jsonl", "doccano", "conll", "hf", "spacy", "claims")
STATUSES: tuple[str, ...] = ("done", "all")

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

    def describe(self) -> str:
        return (f"exported {self.documents} document{'s' * (self.documents != 1)} "
                f"({self.spans} entities, {self.claims} claims) to {self.path}")


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
    tokens: list[Offsets]
    stored_sentences: list[Offsets] | None
    entities: list[EntitySpan]          # the ones to export
    claims: list[Claim]                 # the ones to export
    entity_text: dict[int, str]         # every non-rejected entity's text, by id
    _sentences: list[Offsets] | None = None

    @property
    def sentences(self) -> list[Offsets]:
        if self._sentences is None:
            self._sentences = (self.stored_sentences if self.stored_sentences is not None
                               else split_sentences(self.text))
        return self._sentences


# --- reading the store --------------------------------------------------------------


def iter_export_docs(project: Project, status: str = "done", include_suggested: bool = False,
                     batch: int = 500) -> Iterator[ExportDoc]:
    """Documents in id order with their exportable spans, a batch of queries at a time.

    Tokens are computed as ``Project.document`` does: the stored tokens (from a
    recognizer) or the fallback tokenizer, split at every non-rejected span edge.
    """
    wanted = {str(SpanStatus.ACCEPTED)}
    if include_suggested:
        wanted.add(str(SpanStatus.SUGGESTED))
    where = "" if status == "all" else "AND status = ?"
    last = 0
    db = project.db
    while True:
        params: list[Any] = [last] + ([] if status == "all" else [status])
        rows = db.execute(
            "SELECT id, external_id, text, meta, status, annotator, lang, tokens, sentences "
            f"FROM documents WHERE id > ? {where} ORDER BY id LIMIT {batch}", params).fetchall()
        if not rows:
            return
        lo, hi = rows[0][0], rows[-1][0]
        ents: dict[int, list[EntitySpan]] = {}
        for r in db.execute(
                'SELECT id, doc_id, start, "end", label, status, source, score, annotator '
                'FROM entities WHERE doc_id BETWEEN ? AND ? AND status != ? '
                'ORDER BY doc_id, start, "end", id', [lo, hi, str(SpanStatus.REJECTED)]):
            ents.setdefault(r[1], []).append(EntitySpan(
                id=r[0], doc_id=r[1], start=r[2], end=r[3], label=r[4],
                status=SpanStatus(r[5]), source=r[6], score=r[7], annotator=r[8]))
        claims: dict[int, list[Claim]] = {}
        for r in db.execute(
                'SELECT id, doc_id, start, "end", label, claimant_id, claimant_text, cue_start, '
                "cue_end, attrs, status, source, score, annotator FROM claims "
                'WHERE doc_id BETWEEN ? AND ? AND status != ? ORDER BY doc_id, start, "end", id',
                [lo, hi, str(SpanStatus.REJECTED)]):
            if r[10] not in wanted:
                continue
            claims.setdefault(r[1], []).append(Claim(
                id=r[0], doc_id=r[1], start=r[2], end=r[3], label=r[4], claimant_id=r[5],
                claimant_text=r[6], cue_start=r[7], cue_end=r[8], attrs=json.loads(r[9]),
                status=SpanStatus(r[10]), source=r[11], score=r[12], annotator=r[13]))
        for row in rows:
            doc_id, text = row[0], row[2]
            live = ents.get(doc_id, [])
            edges: set[int] = set()
            for e in live:
                edges.add(e.start)
                edges.add(e.end)
            base = [(t[0], t[1]) for t in json.loads(row[7])] if row[7] else tokenize(text)
            tokens = split_tokens(base, edges)
            yield ExportDoc(
                id=doc_id, external_id=row[1], text=text, meta=json.loads(row[3]),
                status=DocStatus(row[4]), annotator=row[5], lang=row[6], tokens=tokens,
                stored_sentences=[(s[0], s[1]) for s in json.loads(row[8])] if row[8] else None,
                entities=[e for e in live if str(e.status) in wanted],
                claims=claims.get(doc_id, []),
                entity_text={e.id: text[e.start:e.end] for e in live if e.id is not None})
        last = hi


def iter_layer_export_docs(project: Project, annotator: str, status: str = "done",
                           include_suggested: bool = False,
                           batch: int = 200) -> Iterator[ExportDoc]:
    """One annotator's layer of a team project (``export --annotator``), as
    ``iter_export_docs`` gives the gold layer; ``status`` is the annotator's own."""
    from annotator.core.store.layers import Layers

    layers = Layers(project.db)
    if annotator not in layers.annotators():
        known = ", ".join(layers.annotators()) or "none: merge annotators' files first"
        raise AnnotatorError(f"{project.path}: no layer of annotator {annotator!r} "
                             f"(annotators: {known})")
    wanted = {SpanStatus.ACCEPTED} | ({SpanStatus.SUGGESTED} if include_suggested else set())
    ids = layers.layer_doc_ids(annotator, None if status == "all" else status)
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        docs, texts = layers.documents(chunk), layers.texts_and_tokens(chunk)
        for doc_id in chunk:
            layer = next(d for d in docs[doc_id] if d.annotator == annotator)
            head = project.document(doc_id, segment=False)
            text, base = texts[doc_id]
            live = [s for s in layer.entities if s.status != SpanStatus.REJECTED]
            ents = [EntitySpan(doc_id, s.start, s.end, s.label, s.status, s.source, s.score,
                               annotator, id=-k) for k, s in enumerate(live, 1)]
            by_offsets = {(e.start, e.end): e.id for e in ents}
            claims = [Claim(doc_id, c.start, c.end, c.label,
                            by_offsets.get(c.claimant) if c.claimant else None,
                            c.claimant_text, cue_start=c.cue[0] if c.cue else None,
                            cue_end=c.cue[1] if c.cue else None, attrs=dict(c.attrs),
                            status=c.status, source=c.source, score=c.score,
                            annotator=annotator)
                      for c in layer.claims if c.status in wanted]
            yield ExportDoc(
                id=doc_id, external_id=head.external_id, text=text, meta=head.meta,
                status=layer.status, annotator=annotator, lang=head.lang,
                tokens=split_tokens(base, {p for e in ents for p in (e.start, e.end)}),
                stored_sentences=None, entities=[e for e in ents if e.status in wanted],
                claims=claims,
                entity_text={e.id: text[e.start:e.end] for e in ents if e.id is not None})


def split_tokens(tokens: list[Offsets], edges: set[int]) -> list[Offsets]:
    """``text.split_at`` for few edges and many tokens: the same result, found by
    looking up each edge's token instead of each token's edges."""
    if not edges or not tokens:
        return tokens
    starts = [s for s, _ in tokens]
    inside: dict[int, list[int]] = {}
    for cut in edges:
        k = bisect_right(starts, cut) - 1
        if k >= 0 and tokens[k][0] < cut < tokens[k][1]:
            inside.setdefault(k, []).append(cut)
    if not inside:
        return tokens
    out: list[Offsets] = []
    prev = 0
    for k in sorted(inside):
        out.extend(tokens[prev:k])
        start, end = tokens[k]
        for cut in sorted(inside[k]):
            out.append((start, cut))
            start = cut
        out.append((start, end))
        prev = k + 1
    out.extend(tokens[prev:])
    return out


def count_export_docs(project: Project, status: str = "done") -> int:
    if status == "all":
        return project.count_documents()
    return project.count_documents(status)


# --- checks --------------------------------------------------------------------------


def _fail(doc: ExportDoc, message: str) -> AnnotatorError:
    return AnnotatorError(f"document {doc.external_id!r} (id {doc.id}): {message}; "
                          "the export was stopped and no file was written")


def check_range(doc: ExportDoc, start: int | None, end: int | None, what: str) -> None:
    if start is None or end is None or not 0 <= start < end <= len(doc.text):
        raise _fail(doc, f"{what} [{start}, {end}) lies outside the text "
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
        raise _fail(doc, f"{what} [{start}, {end}) {text[start:end]!r} does not start and end "
                         "on token boundaries")
    return first, last


# --- writers ---------------------------------------------------------------------------


class Writer:
    binary = False

    def __init__(self, out: IO[Any], summary: ExportSummary) -> None:
        self.out = out
        self.summary = summary

    def write(self, doc: ExportDoc) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish (a DocBin is written here)."""


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


ANSWER = {DocStatus.DONE: "accept", DocStatus.SKIPPED: "ignore"}


class JsonlWriter(Writer):
    """Native JSONL: a superset of Prodigy's ner_manual records."""

    def __init__(self, out: IO[Any], summary: ExportSummary) -> None:
        super().__init__(out, summary)
        # Token texts repeat a lot: keep their JSON form (the token list is most
        # of the output, and formatting it by hand is ~3x faster than json.dumps).
        self._escaped: dict[str, str] = {}

    def _tokens_json(self, text: str, tokens: list[Offsets]) -> str:
        escaped = self._escaped
        if len(escaped) > 200_000:
            escaped.clear()
        n = len(text)
        parts = []
        for i, (s, e) in enumerate(tokens):
            tok = text[s:e]
            esc = escaped.get(tok)
            if esc is None:
                esc = escaped[tok] = json.dumps(tok, ensure_ascii=False)
            ws = "true" if e < n and text[e].isspace() else "false"
            parts.append(f'{{"text": {esc}, "start": {s}, "end": {e}, "id": {i}, "ws": {ws}}}')
        return "[" + ", ".join(parts) + "]"

    def write(self, doc: ExportDoc) -> None:
        text = doc.text
        starts = [s for s, _ in doc.tokens]
        ends = [e for _, e in doc.tokens]
        spans = []
        exported: set[int] = set()
        for ent in doc.entities:
            t0, t1 = token_range(doc, ent.start, ent.end, f"{ent.label} span", starts, ends)
            span: dict[str, Any] = {
                "id": f"e{ent.id}", "start": ent.start, "end": ent.end,
                "text": text[ent.start:ent.end], "label": ent.label,
                "token_start": t0, "token_end": t1, "source": ent.source,
                "status": str(ent.status)}
            if ent.score is not None:
                span["score"] = ent.score
            spans.append(span)
            if ent.id is not None:
                exported.add(ent.id)
        claims = []
        for c in doc.claims:
            check_range(doc, c.start, c.end, f"{c.label} claim")
            claimant_text = c.claimant_text
            if c.claimant_id is not None and claimant_text is None:
                claimant_text = doc.entity_text.get(c.claimant_id)
            cue = None
            if c.cue_start is not None:
                check_range(doc, c.cue_start, c.cue_end, f"cue of the {c.label} claim")
                cue = {"start": c.cue_start, "end": c.cue_end}
            item: dict[str, Any] = {
                "id": f"c{c.id}", "start": c.start, "end": c.end, "text": text[c.start:c.end],
                "label": c.label,
                "claimant": f"e{c.claimant_id}" if c.claimant_id in exported else None,
                "claimant_text": claimant_text, "cue": cue, "attrs": c.attrs,
                "source": c.source, "status": str(c.status)}
            if c.score is not None:
                item["score"] = c.score
            claims.append(item)
        record: dict[str, Any] = {"id": doc.external_id, "text": text, "meta": doc.meta,
                                  "status": str(doc.status)}
        if doc.annotator:
            record["annotator"] = doc.annotator
        if doc.lang:
            record["lang"] = doc.lang
        if doc.status in ANSWER:
            record["answer"] = ANSWER[doc.status]
        head = _dumps(record)[:-1]
        self.out.write(f'{head}, "tokens": {self._tokens_json(text, doc.tokens)}, '
                       f'"spans": {_dumps(spans)}, "claims": {_dumps(claims)}}}\n')
        self.summary.spans += len(spans)
        self.summary.claims += len(claims)


class DoccanoWriter(Writer):
    """doccano's sequence labelling + relations format.

    Entities keep their label; claims are entities with their claim label, and a
    claim with an entity claimant gets a ``claimant`` relation (claim -> entity).
    Claim attributes, cues and free-text claimants exist only in native jsonl.
    """

    def write(self, doc: ExportDoc) -> None:
        entities: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        ids: dict[int, int] = {}
        for ent in doc.entities:
            check_range(doc, ent.start, ent.end, f"{ent.label} span")
            ids[ent.id or 0] = len(entities) + 1
            entities.append({"id": len(entities) + 1, "label": ent.label,
                             "start_offset": ent.start, "end_offset": ent.end})
        for c in doc.claims:
            check_range(doc, c.start, c.end, f"{c.label} claim")
            claim_key = len(entities) + 1
            entities.append({"id": claim_key, "label": c.label,
                             "start_offset": c.start, "end_offset": c.end})
            if c.claimant_id is not None and c.claimant_id in ids:
                relations.append({"id": len(relations) + 1, "from_id": claim_key,
                                  "to_id": ids[c.claimant_id], "type": "claimant"})
        record = {"id": doc.external_id, "text": doc.text, "entities": entities,
                  "relations": relations, "meta": doc.meta}
        self.out.write(_dumps(record) + "\n")
        self.summary.spans += len(doc.entities)
        self.summary.claims += len(doc.claims)


def bio_tags(doc: ExportDoc) -> list[str]:
    """One BIO tag per token (checked: each span covers whole tokens)."""
    starts = [s for s, _ in doc.tokens]
    ends = [e for _, e in doc.tokens]
    tags = ["O"] * len(doc.tokens)
    for ent in doc.entities:
        t0, t1 = token_range(doc, ent.start, ent.end, f"{ent.label} span", starts, ends)
        tags[t0] = "B-" + ent.label
        for i in range(t0 + 1, t1 + 1):
            tags[i] = "I-" + ent.label
    return tags


class ConllWriter(Writer):
    """CoNLL-2003 style: ``-DOCSTART-`` per document, ``token -X- _ TAG`` per token,
    a blank line after each sentence. Whitespace inside a token becomes ``_``."""

    def write(self, doc: ExportDoc) -> None:
        tags = bio_tags(doc)
        text = doc.text
        sent_starts = [s for s, _ in doc.sentences]
        lines: list[str] = ["-DOCSTART- -X- -X- O", ""]
        current = None
        for (s, e), tag in zip(doc.tokens, tags, strict=True):
            k = bisect_right(sent_starts, s) - 1
            if k != current and current is not None:
                lines.append("")
            current = k
            token = "".join("_" if ch.isspace() else ch for ch in text[s:e])
            lines.append(f"{token} -X- _ {tag}")
        if doc.tokens:
            lines.append("")
        self.out.write("\n".join(lines) + "\n")
        self.summary.spans += len(doc.entities)


class HfWriter(Writer):
    """Hugging Face token classification: one JSON line with tokens and ner_tags."""

    def __init__(self, out: IO[Any], summary: ExportSummary) -> None:
        super().__init__(out, summary)
        self.labels: set[str] = set()

    def write(self, doc: ExportDoc) -> None:
        tags = bio_tags(doc)
        self.labels.update(e.label for e in doc.entities)
        self.out.write(_dumps({"id": doc.external_id,
                               "tokens": [doc.text[s:e] for s, e in doc.tokens],
                               "ner_tags": tags}) + "\n")
        self.summary.spans += len(doc.entities)


def hf_label_list(entity_labels: list[str], used: set[str]) -> list[str]:
    """``O`` then B-/I- for each label (the scheme's order, then any others)."""
    names = list(entity_labels) + sorted(used - set(entity_labels))
    return ["O"] + [f"{p}-{n}" for n in names for p in ("B", "I")]


class ClaimsWriter(Writer):
    """One claim a line, with its sentence(s) and the document's source meta."""

    def write(self, doc: ExportDoc) -> None:
        text = doc.text
        sentences = doc.sentences
        starts = [s for s, _ in sentences]
        for c in doc.claims:
            check_range(doc, c.start, c.end, f"{c.label} claim")
            first = max(bisect_right(starts, c.start) - 1, 0)
            last = max(bisect_left(starts, c.end) - 1, first)
            s_start = min(sentences[first][0], c.start) if sentences else c.start
            s_end = max(sentences[last][1], c.end) if sentences else c.end
            claimant_text = c.claimant_text
            if claimant_text is None and c.claimant_id is not None:
                claimant_text = doc.entity_text.get(c.claimant_id)
            cue_text = None
            if c.cue_start is not None:
                check_range(doc, c.cue_start, c.cue_end, f"cue of the {c.label} claim")
                cue_text = text[c.cue_start:c.cue_end]
            self.out.write(_dumps({
                "doc_id": doc.external_id, "claim_id": f"c{c.id}", "text": text[c.start:c.end],
                "label": c.label, "start": c.start, "end": c.end, "attrs": c.attrs,
                "claimant_text": claimant_text, "cue_text": cue_text,
                "sentence": text[s_start:s_end], "status": str(c.status),
                "meta": doc.meta}) + "\n")
        self.summary.claims += len(doc.claims)


class SpacyWriter(Writer):
    """A spaCy DocBin: the project's tokens as words (whitespace kept, so
    ``doc.text`` is the stored text), entities as ``doc.ents``, claims in the
    span group ``doc.spans["claims"]``, the document id in ``doc.user_data``."""

    binary = True

    def __init__(self, out: IO[Any], summary: ExportSummary) -> None:
        super().__init__(out, summary)
        try:
            from spacy.tokens import DocBin
            from spacy.vocab import Vocab
        except ImportError:
            raise AnnotatorError(
                "the spacy format needs spaCy: pip install 'annotator[spacy]'") from None
        self.vocab = Vocab()
        self.docbin = DocBin(store_user_data=True)

    def write(self, doc: ExportDoc) -> None:
        from spacy.tokens import Doc

        text = doc.text
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for s, e in doc.tokens:
            _add_gap(text[pos:s], words, spaces)
            words.append(text[s:e])
            spaces.append(False)
            pos = e
        _add_gap(text[pos:], words, spaces)
        sdoc = Doc(self.vocab, words=words, spaces=spaces)
        if sdoc.text != text:
            raise _fail(doc, "spaCy rebuilt a different text from the tokens")
        ents = []
        for ent in doc.entities:
            check_range(doc, ent.start, ent.end, f"{ent.label} span")
            span = sdoc.char_span(ent.start, ent.end, label=ent.label)
            if span is None:
                span = sdoc.char_span(ent.start, ent.end, label=ent.label,
                                      alignment_mode="contract")
                if span is None or text[ent.start:ent.end].strip() != span.text:
                    raise _fail(doc, f"{ent.label} span [{ent.start}, {ent.end}) does not "
                                     "match spaCy's tokens")
            elif span.text != text[ent.start:ent.end]:
                raise _fail(doc, f"{ent.label} span [{ent.start}, {ent.end}) is shifted")
            ents.append(span)
        sdoc.set_ents(ents)
        claim_spans = []
        for c in doc.claims:
            check_range(doc, c.start, c.end, f"{c.label} claim")
            span = sdoc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
            if span is not None:
                claim_spans.append(span)
        sdoc.spans["claims"] = claim_spans
        sdoc.user_data["id"] = doc.external_id
        sdoc.user_data["meta"] = doc.meta
        self.docbin.add(sdoc)
        self.summary.spans += len(ents)
        self.summary.claims += len(claim_spans)

    def close(self) -> None:
        self.out.write(self.docbin.to_bytes())


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    """Whitespace between tokens: one space is the previous word's trailing space;
    anything else becomes a whitespace token (as spaCy's own tokenizer does)."""
    if not gap:
        return
    if words and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
        if not gap:
            return
    if gap.endswith(" ") and len(gap) > 1:
        words.append(gap[:-1])
        spaces.append(True)
    else:
        words.append(gap)
        spaces.append(False)


WRITERS: dict[str, type[Writer]] = {
    "jsonl": JsonlWriter, "doccano": DoccanoWriter, "conll": ConllWriter, "hf": HfWriter,
    "spacy": SpacyWriter, "claims": ClaimsWriter,
}


# --- the export --------------------------------------------------------------------------


def export(project: Project, fmt: str, out: Path | str | IO[Any] = "-", *,
           status: str = "done", include_suggested: bool = False,
           progress: ExportProgress | None = None,
           annotator: str | None = None) -> ExportSummary:
    """Write the project's documents in ``fmt`` to ``out`` (a path, "-" for stdout,
    or an open stream). A file target is written atomically."""
    if fmt not in WRITERS:
        raise AnnotatorError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    if status != "all" and status not in {s.value for s in DocStatus}:
        raise AnnotatorError(f"unknown status {status!r} (use done or all)")
    writer_cls = WRITERS[fmt]
    summary = ExportSummary()
    total = count_export_docs(project, status)

    def run(stream: IO[Any]) -> None:
        writer = writer_cls(stream, summary)
        docs = (iter_export_docs(project, status, include_suggested) if annotator is None
                else iter_layer_export_docs(project, annotator, status, include_suggested))
        for n, doc in enumerate(docs, 1):
            writer.write(doc)
            summary.documents = n
            if progress and (n % 200 == 0 or n == total):
                progress(n, total)
        writer.close()

    if not isinstance(out, str | Path):
        if writer_cls.binary and "b" not in getattr(out, "mode", "b"):
            raise AnnotatorError("the spacy format writes a binary file: give --out FILE")
        summary.path = getattr(out, "name", "<stream>")
        run(out)
    elif str(out) == "-":
        if writer_cls.binary:
            raise AnnotatorError("the spacy format writes a binary DocBin file and cannot go "
                                 "to stdout: give --out FILE.spacy")
        summary.path = "-"
        run(sys.stdout)
        sys.stdout.flush()
    else:
        path = Path(out)
        summary.path = str(path)
        with atomic_output(path, binary=writer_cls.binary) as stream:
            run(stream)
    if fmt == "hf":
        _write_hf_labels(project, out, summary)
    if summary.documents == 0 and status == "done" and project.count_documents():
        summary.warnings.append("no document is marked done yet; --status all exports "
                                "every document")
    return summary


def _write_hf_labels(project: Project, out: Path | str | IO[Any], summary: ExportSummary) -> None:
    """The label list beside the data (``NAME.labels.json``): ids are list positions."""
    if not isinstance(out, str | Path) or str(out) == "-":
        return
    used = {e.name for e in project.scheme.entities}
    used |= {r[0] for r in project.db.execute("SELECT DISTINCT label FROM entities")}
    labels = hf_label_list(project.scheme.names("entity"), used)
    path = Path(out)
    side = path.with_name(path.name.split(".")[0] + ".labels.json")
    with atomic_output(side) as f:
        f.write(_dumps({"labels": labels}) + "\n")
    summary.extra_files.append(str(side))


@contextlib.contextmanager
def atomic_output(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it only on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise AnnotatorError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise AnnotatorError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        if binary:
            with os.fdopen(fd, "wb") as fb:
                yield fb
                fb.flush()
                os.fsync(fb.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as ft:
                yield ft
                ft.flush()
                os.fsync(ft.fileno())
        # mkstemp makes a private file: keep the old file's mode, else rw-r--r--
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
