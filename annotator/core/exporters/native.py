"""The writer protocol and the formats that keep offsets as they are: native
JSONL (Prodigy-compatible), doccano, and claims (one a line)."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from itertools import count
from typing import Any

import orjson

from annotator.core.exporters.source import (
    CachedRun,
    ExportDoc,
    ExportSummary,
    check_range,
    check_ranges,
    token_ranges,
)
from annotator.core.model import DocStatus
from annotator.core.store.export_cache import CachedOutput


class Writer:
    """Writes documents to ``out`` (an open stream; a folder for folder formats).

    Text formats hand a document's UTF-8 bytes to :meth:`emit` (bytes between
    documents, like a JSON array's commas, to :meth:`frame`); they are collected and
    written about a megabyte at a time (to the byte buffer under a text stream when it
    has one: no decode and re-encode of every line). :meth:`document` writes one
    document and :meth:`replay` a run of documents from the export cache
    (``exporters/cached.py``).
    """

    binary = False
    folder = False          # writes a folder of files (brat)
    side_files = False      # writes files beside the data (hf), so never to stdout
    cacheable = True        # a document's output can be kept in the export cache
    CHUNK = 1 << 20

    def __init__(self, out: Any, summary: ExportSummary, unit: str = "document") -> None:
        self.out = out
        self.summary = summary
        self.unit = unit
        self._said: set[str] = set()
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._doc: list[bytes] = []  # the document being written
        raw = getattr(out, "buffer", None)
        if raw is not None:
            out.flush()  # whatever was written as text goes first
        self._raw: Any = raw

    def write(self, doc: ExportDoc) -> None:
        raise NotImplementedError

    def document(self, doc: ExportDoc) -> CachedOutput | None:
        """Write one document; returns what to cache for it (None: nothing)."""
        before = self._mark()
        self.write(doc)
        data = self._end_document()
        return self._recorded(before, data) if doc.cache_key is not None else None

    def replay(self, run: CachedRun) -> None:
        """Write documents' cached output (one join for the run) and add what they
        added to the summary."""
        self.emit(b"".join([out.data for out in run.outputs]))
        self._end_document()
        self._count(run)

    def _count(self, run: CachedRun) -> None:
        self.summary.spans += sum([out.spans for out in run.outputs])
        self.summary.claims += sum([out.claims for out in run.outputs])
        for out in run.outputs:
            if out.extra is None:
                continue
            extra = orjson.loads(out.extra)
            self.summary.merged_sentences += extra.get("merged", 0)
            for message in extra.get("warnings", ()):
                if message not in self.summary.warnings:  # warn_once's, said already
                    self.warn(message)

    def _mark(self) -> tuple[int, int, int, int]:
        s = self.summary
        return s.spans, s.claims, len(s.warnings), s.merged_sentences

    def _recorded(self, before: tuple[int, int, int, int], data: bytes,
                  **extra: Any) -> CachedOutput:
        spans, claims, warnings, merged = before
        s = self.summary
        if s.merged_sentences != merged:
            extra["merged"] = s.merged_sentences - merged
        if len(s.warnings) != warnings:
            extra["warnings"] = s.warnings[warnings:]
        return CachedOutput(data, s.spans - spans, s.claims - claims,
                            orjson.dumps(extra) if extra else None)

    def emit(self, data: bytes) -> None:
        self._doc.append(data)

    def frame(self, data: bytes) -> None:
        """Bytes between documents (not part of any document's cached output)."""
        if self._doc:
            self._end_document()
        self._push(data)

    def _end_document(self) -> bytes:
        data = b"".join(self._doc)
        self._doc.clear()
        if data:
            self._push(data)
        return data

    def _push(self, data: bytes) -> None:
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._doc:
            self._end_document()
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending, self._pending_size = [], 0
        if self._raw is not None:
            self._raw.write(data)
        else:  # a text stream without a byte buffer (io.StringIO)
            self.out.write(data.decode("utf-8"))

    def close(self) -> None:
        """Finish (a DocBin is written here)."""

    def finish(self) -> None:
        self._end_document()
        self.close()
        self.flush()
        if self._raw is not None:
            self._raw.flush()

    def warn(self, message: str) -> None:
        self.summary.warnings.append(message)

    def warn_once(self, key: str, message: str) -> None:
        if key not in self._said:
            self._said.add(key)
            self.warn(message)


def dumps_bytes(obj: Any, newline: bool = True) -> bytes:
    """JSON as UTF-8 bytes by orjson (compact); what orjson refuses (an integer
    beyond 64 bits in imported meta) goes through the standard library instead."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE if newline else 0)
    except orjson.JSONEncodeError:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n" if newline else text).encode("utf-8")


def dumps(obj: Any) -> str:
    return dumps_bytes(obj, newline=False).decode("utf-8")


ANSWER = {DocStatus.DONE: "accept", DocStatus.SKIPPED: "ignore"}


def token_records(text: str, starts: list[int], ends: list[int]) -> list[dict[str, Any]]:
    """Prodigy's token objects; ``ws``: whitespace follows the token. The texts and
    ``ws`` flags are made by ``map`` over C functions, the dicts by one comprehension."""
    padded = text + "x"  # the last token's ``ws`` without a bounds check
    texts = map(text.__getitem__, map(slice, starts, ends))
    spaces = map(str.isspace, map(padded.__getitem__, ends))
    return [{"text": t, "start": s, "end": e, "id": i, "ws": w}
            for i, t, s, e, w in zip(count(), texts, starts, ends, spaces)]


class JsonlWriter(Writer):
    """Native JSONL: a superset of Prodigy's ner_manual records."""

    def write(self, doc: ExportDoc) -> None:
        text = doc.text
        firsts, lasts = token_ranges(doc, doc.entities)
        spans = []
        for ent, t0, t1 in zip(doc.entities, firsts, lasts, strict=True):
            span: dict[str, Any] = {
                "id": f"e{ent.id}", "start": ent.start, "end": ent.end,
                "text": text[ent.start:ent.end], "label": ent.label,
                "token_start": t0, "token_end": t1, "source": ent.source,
                "status": ent.status}
            if ent.score is not None:
                span["score"] = ent.score
            spans.append(span)
        claims = []
        if doc.claims:
            exported = {ent.id for ent in doc.entities}
            check_ranges(doc, doc.claims, "claim")
            for c in doc.claims:
                claimant_text = c.claimant_text
                if c.claimant_id is not None and claimant_text is None:
                    claimant_text = doc.entity_text.get(c.claimant_id)
                cue = None
                if c.cue_start is not None:
                    check_range(doc, c.cue_start, c.cue_end, f"cue of the {c.label} claim")
                    cue = {"start": c.cue_start, "end": c.cue_end}
                item: dict[str, Any] = {
                    "id": f"c{c.id}", "start": c.start, "end": c.end,
                    "text": text[c.start:c.end], "label": c.label,
                    "claimant": f"e{c.claimant_id}" if c.claimant_id in exported else None,
                    "claimant_text": claimant_text, "cue": cue, "attrs": c.attrs,
                    "source": c.source, "status": c.status}
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
        record["tokens"] = token_records(text, *doc.token_bounds)
        record["spans"] = spans
        record["claims"] = claims
        self.emit(dumps_bytes(record))
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
        check_ranges(doc, doc.entities, "span")
        check_ranges(doc, doc.claims, "claim")
        for key, ent in enumerate(doc.entities, 1):
            ids[ent.id] = key
            entities.append({"id": key, "label": ent.label,
                             "start_offset": ent.start, "end_offset": ent.end})
        for c in doc.claims:
            claim_key = len(entities) + 1
            entities.append({"id": claim_key, "label": c.label,
                             "start_offset": c.start, "end_offset": c.end})
            if c.claimant_id is not None and c.claimant_id in ids:
                relations.append({"id": len(relations) + 1, "from_id": claim_key,
                                  "to_id": ids[c.claimant_id], "type": "claimant"})
        record = {"id": doc.external_id, "text": doc.text, "entities": entities,
                  "relations": relations, "meta": doc.meta}
        self.emit(dumps_bytes(record))
        self.summary.spans += len(doc.entities)
        self.summary.claims += len(doc.claims)




class ClaimsWriter(Writer):
    """One claim a line, with its sentence(s) and the document's source meta."""

    def write(self, doc: ExportDoc) -> None:
        if not doc.claims:
            return
        text = doc.text
        sentences = doc.sentences
        starts = [s for s, _ in sentences]
        check_ranges(doc, doc.claims, "claim")
        for c in doc.claims:
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
            self.emit(dumps_bytes({
                "doc_id": doc.external_id, "claim_id": f"c{c.id}", "text": text[c.start:c.end],
                "label": c.label, "start": c.start, "end": c.end, "attrs": c.attrs,
                "claimant_text": claimant_text, "cue_text": cue_text,
                "sentence": text[s_start:s_end], "status": c.status,
                "meta": doc.meta}))
        self.summary.claims += len(doc.claims)

