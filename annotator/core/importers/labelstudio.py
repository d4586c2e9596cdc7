"""Label Studio: the JSON export (a list of tasks), JSON-MIN rows and its CSV.

A task is ``{"data": {"text": ...}, "annotations": [...], "predictions": [...]}``;
each annotation or prediction holds ``result`` items, and a text span is
``{"type": "labels", "from_name": ..., "to_name": ..., "value": {"start",
"end", "text", "labels": [LABEL]}}``. What we make of it:

- the task's annotation (the ground truth one, else the latest not cancelled)
  gives accepted spans and makes the document ``done``; a task whose every
  annotation was cancelled (skipped in Label Studio) is ``skipped``; more than one
  annotation: the others are named in a warning (a project holds one layer);
- predictions give suggested spans (their score kept, source ``labelstudio``);
  our own export writes the accepted spans of unfinished documents as the
  prediction ``annotator-accepted``, which comes back accepted;
- spans from the ``claim`` control (or with a label only the claim scheme knows)
  become claims; a ``claimant`` relation links a claim to its entity;
- other result types (choices, text areas...) are left out with one warning;
- offsets are code points (Label Studio 1.x); a span whose ``text`` matches only
  when the offsets are read as UTF-16 units (older versions, astral characters)
  is remapped; overlapping spans (allowed there, not here) are dropped with a
  warning.

JSON-MIN and CSV rows hold the task's data fields at the top level and each
labels control as a list of ``{"start", "end", "text", "labels"}`` (a JSON string
in the CSV).
"""

from __future__ import annotations

import json
from typing import Any

from annotator.core.importers.common import (
    ReadContext,
    check_overlaps,
    drop_overlaps,
    offsets,
    trim,
)
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument
from annotator.core.text import NormalizedText, Utf16Map, normalize

ACCEPTED_PREDICTION = "annotator-accepted"
CLAIM_CONTROL = "claim"
CLAIMANT = "claimant"
_TASK_KEYS = ("annotations", "predictions", "completions")
_BOOKKEEPING = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time",
                "text", "meta"}


def is_task(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("data"), dict) and (
        any(k in obj for k in _TASK_KEYS) or "text" not in obj)


def _is_span_list(value: Any) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, dict) and "labels" in v and "start" in v for v in value))


def is_min_row(obj: dict[str, Any]) -> bool:
    """A JSON-MIN row: some field is a list of ``{"start", "end", "labels"}``."""
    return "spans" not in obj and "entities" not in obj and any(
        _is_span_list(v) for k, v in obj.items() if k != "meta")


def is_json_min(obj: Any) -> bool:
    """A row of Label Studio's JSON-MIN export: spans under a control's name, or an
    annotated task without spans (it still carries the ``annotation_id``)."""
    return (isinstance(obj, dict) and "data" not in obj
            and (is_min_row(obj) or "annotation_id" in obj))


def task(ctx: ReadContext, obj: Any, where: str, source: str) -> NewDocument | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("data"), dict):
        raise AnnotatorError(f"{where}: not a Label Studio task (expected an object with "
                             "\"data\")")
    data: dict[str, Any] = obj["data"]
    results = [r for key in _TASK_KEYS for a in (obj.get(key) or []) if isinstance(a, dict)
               for r in (a.get("result") or []) if isinstance(r, dict)]
    text_key = _text_key(data, results, where)
    raw = data[text_key]
    norm = normalize(raw)
    if not norm.text.strip():
        ctx.warn(f"{where}: empty text, skipped")
        return None
    meta = {k: v for k, v in data.items() if k not in (text_key, "id", "meta")}
    if isinstance(data.get("meta"), dict):
        meta.update(data["meta"])
    if obj.get("id") is not None:
        meta["labelstudio_id"] = obj["id"]
    meta.setdefault("source", source)
    ext = data.get("id", obj.get("id"))
    if isinstance(ext, bool) or not isinstance(ext, str | int):
        ext = obj.get("id") if isinstance(obj.get("id"), str | int) else None
    doc = NewDocument(text=norm.text, external_id=None if ext is None else str(ext), meta=meta)
    for key in _TASK_KEYS:
        if not isinstance(obj.get(key) or [], list):
            raise AnnotatorError(f"{where}: \"{key}\" must be a list")
    annotations = [a for a in (obj.get("annotations") or obj.get("completions") or [])
                   if isinstance(a, dict)]
    chosen = _choose(ctx, annotations, where)
    regions: dict[str, tuple[str, int]] = {}   # result id -> ("entity"|"claim", index)
    relations: list[dict[str, Any]] = []
    if chosen is not None:
        doc.status = DocStatus.DONE
        doc.annotator = _annotator(chosen)
        _results(ctx, chosen.get("result") or [], doc, norm, raw, f"{where}, annotation",
                 SpanStatus.ACCEPTED, None, "import", regions, relations)
    elif annotations:
        doc.status = DocStatus.SKIPPED
    for k, pred in enumerate(obj.get("predictions") or [], 1):
        if not isinstance(pred, dict):
            continue
        version = pred.get("model_version")
        ours = version == ACCEPTED_PREDICTION
        if ours and doc.status == DocStatus.NEW:
            doc.status = DocStatus.IN_PROGRESS
        score = pred.get("score")
        _results(ctx, pred.get("result") or [], doc, norm, raw, f"{where}, prediction {k}",
                 SpanStatus.ACCEPTED if ours else SpanStatus.SUGGESTED,
                 score if isinstance(score, int | float) and not isinstance(score, bool)
                 else None,
                 "import" if ours else "labelstudio", regions, relations)
    _link_claimants(ctx, doc, regions, relations, where)
    _drop_copies(doc)
    drop_overlaps(doc, where, ctx.warn)
    check_overlaps(doc, where)
    return doc


def _text_key(data: dict[str, Any], results: list[dict[str, Any]], where: str) -> str:
    if isinstance(data.get("text"), str):
        return "text"
    for r in results:
        key = r.get("to_name")
        if isinstance(key, str) and isinstance(data.get(key), str):
            return key
    strings = [k for k, v in data.items() if isinstance(v, str) and k != "id"]
    if len(strings) == 1:
        return strings[0]
    raise AnnotatorError(f"{where}: cannot tell which field of \"data\" is the text "
                         f"(fields: {', '.join(data) or 'none'}); name it \"text\"")


def _choose(ctx: ReadContext, annotations: list[dict[str, Any]], where: str
            ) -> dict[str, Any] | None:
    live = [a for a in annotations if not a.get("was_cancelled")]
    if not live:
        return None
    truth = [a for a in live if a.get("ground_truth")]
    pool = truth or live
    chosen = max(enumerate(pool), key=lambda p: (str(p[1].get("updated_at")
                                                     or p[1].get("created_at") or ""), p[0]))[1]
    if len(live) > 1:
        ctx.warn(f"{where}: {len(live)} annotations; imported annotation "
                 f"{chosen.get('id', '?')} ({'ground truth' if truth else 'the latest'}), "
                 "the others are not imported")
    return chosen


def _annotator(annotation: dict[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username")
    return who if isinstance(who, str) else None


def _results(ctx: ReadContext, results: list[Any], doc: NewDocument, norm: NormalizedText,
             raw: str, where: str, status: SpanStatus, score: float | None, source: str,
             regions: dict[str, tuple[str, int]], relations: list[dict[str, Any]]) -> None:
    for k, item in enumerate(results, 1):
        w = f"{where}, result {k}"
        if not isinstance(item, dict):
            raise AnnotatorError(f"{w}: expected an object")
        kind = item.get("type")
        if kind == "relation":
            relations.append(item)
            continue
        value = item.get("value")
        if kind != "labels" or not isinstance(value, dict):
            ctx.warn_once(f"ls-type-{kind}", f"{w}: Label Studio results of type {kind!r} "
                          "are not imported (only \"labels\" spans and claimant relations)")
            continue
        item_score = item.get("score", score)
        added = _span(ctx, value, doc, norm, raw, w, status, item_score, source,
                      as_claim=item.get("from_name") == CLAIM_CONTROL)
        if added is not None and item.get("id") is not None:
            regions[str(item["id"])] = added


def _span(ctx: ReadContext, value: dict[str, Any], doc: NewDocument, norm: NormalizedText,
          raw: str, where: str, status: SpanStatus, score: float | None, source: str,
          as_claim: bool = False) -> tuple[str, int] | None:
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise AnnotatorError(f"{where}: \"labels\" must be a non-empty list")
    if len(labels) > 1:
        ctx.warn(f"{where}: {len(labels)} labels on one span; imported the first, "
                 f"{labels[0]!r}")
    start, end = _offsets(value, norm, raw, where)
    start, end = trim(norm.text, start, end, where, ctx.warn)
    item_score = score if isinstance(score, int | float) and not isinstance(score, bool) else None
    if as_claim or ctx.is_claim_label(labels[0]):
        doc.claims.append(Claim(0, start, end, ctx.label("claim", labels[0], where),
                                status=status, source=source, score=item_score))
        return ("claim", len(doc.claims) - 1)
    doc.entities.append(EntitySpan(0, start, end, ctx.label("entity", labels[0], where),
                                   status=status, source=source, score=item_score))
    return ("entity", len(doc.entities) - 1)


def _offsets(value: dict[str, Any], norm: NormalizedText, raw: str, where: str
             ) -> tuple[int, int]:
    try:
        return offsets(value, "start", "end", norm, raw, where)
    except AnnotatorError:
        # Label Studio before 1.4 counted UTF-16 units (JavaScript string lengths).
        start, end, text = value.get("start"), value.get("end"), value.get("text")
        units = Utf16Map(raw)
        if units.identity or not isinstance(text, str) or not (
                isinstance(start, int) and isinstance(end, int)):
            raise
        remapped = {"start": units.to_codepoint(start), "end": units.to_codepoint(end),
                    "text": text}
        return offsets(remapped, "start", "end", norm, raw, where)


def _link_claimants(ctx: ReadContext, doc: NewDocument, regions: dict[str, tuple[str, int]],
                    relations: list[dict[str, Any]], where: str) -> None:
    for rel in relations:
        labels = rel.get("labels") or []
        source, target = regions.get(str(rel.get("from_id"))), regions.get(str(rel.get("to_id")))
        if CLAIMANT not in labels or source is None or target is None:
            ctx.warn_once("ls-relation", f"{where}: Label Studio relations other than "
                          f"{CLAIMANT!r} (claim -> entity) are not imported")
            continue
        if source[0] == "entity" and target[0] == "claim":
            source, target = target, source
        if source[0] == "claim" and target[0] == "entity":
            doc.claims[source[1]].claimant_id = target[1]


def _drop_copies(doc: NewDocument) -> None:
    """A prediction the annotator accepted as is: the same span twice (no warning,
    nothing is lost)."""
    accepted = {(e.start, e.end, e.label) for e in doc.entities
                if e.status == SpanStatus.ACCEPTED}
    if not accepted:
        return
    keep = [e for e in doc.entities if e.status == SpanStatus.ACCEPTED
            or (e.start, e.end, e.label) not in accepted]
    if len(keep) == len(doc.entities):
        return
    old = doc.entities
    doc.entities = keep
    index = {id(e): i for i, e in enumerate(keep)}
    for claim in doc.claims:
        if claim.claimant_id is not None:
            claim.claimant_id = index.get(id(old[claim.claimant_id]))


def min_row(ctx: ReadContext, obj: dict[str, Any], doc: NewDocument, norm: NormalizedText,
            raw: str, where: str) -> None:
    """A JSON-MIN row (or a CSV row already parsed): the annotated spans of one task."""
    found = False
    for key, value in obj.items():
        if key in _BOOKKEEPING or not _is_span_list(value):
            continue
        found = True
        for k, span in enumerate(value, 1):
            _span(ctx, span, doc, norm, raw, f"{where}, {key} {k}", SpanStatus.ACCEPTED, None,
                  "import", as_claim=key == CLAIM_CONTROL)
    if found and doc.status == DocStatus.NEW:
        doc.status = DocStatus.DONE
    if isinstance(obj.get("annotator"), str) and not doc.annotator:
        doc.annotator = obj["annotator"]
    for key in ("annotation_id", "lead_time", "created_at", "updated_at"):
        doc.meta.pop(key, None)
    drop_overlaps(doc, where, ctx.warn)


def parse_cell(cell: str) -> list[Any] | None:
    """A CSV cell holding a JSON-MIN span list (Label Studio's CSV export), else None."""
    if not cell.startswith("[{"):
        return None
    try:
        value = json.loads(cell)
    except ValueError:
        return None
    return value if _is_span_list(value) else None
