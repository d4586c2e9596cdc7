"""JSON records: native / Prodigy lines, doccano lines, and JSON arrays of them.

A record in Label Studio's shape (``data`` + ``annotations``/``predictions``, or
a JSON-MIN row) is handed to :mod:`annotator.core.importers.labelstudio`, so a
Label Studio file imports whatever its extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.importers import labelstudio
from annotator.core.importers.common import (
    INVISIBLE,
    ReadContext,
    check_overlaps,
    checked_span,
    doc_status,
    load_json,
    opt_lang,
    opt_str,
    score_of,
    source_of,
    span_status,
)
from annotator.core.model import AnnotatorError, Claim, EntitySpan, SpanStatus
from annotator.core.store import NewDocument
from annotator.core.text import NormalizedText, normalize


def read_jsonl(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    name = ctx.name(path)
    for lineno, line in ctx.lines(path):
        if not line.strip():
            continue
        where = f"{name}, line {lineno}"
        if lineno == 1 and line.lstrip().startswith("["):
            # A JSON array of records (not JSON Lines): read it whole.
            yield from read_json_array(ctx, path)
            return
        obj = load_json(line, where, one_line=True)
        doc = record(ctx, obj, where, path)
        if doc is not None:
            yield doc


def read_json_array(ctx: ReadContext, path: Path, only_labelstudio: bool = False
                    ) -> Iterator[NewDocument]:
    """A whole .json file: an array of records or a single record."""
    name = ctx.name(path)
    items = load_json("".join(line for _, line in ctx.lines(path)), name)
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise AnnotatorError(f"{name}: expected JSON Lines or a JSON array of records "
                             "(unsupported format)")
    for i, obj in enumerate(items, 1):
        where = f"{name}, record {i}"
        if only_labelstudio and not labelstudio.is_json_min(obj):
            doc = labelstudio.task(ctx, obj, where, name)
        else:
            doc = record(ctx, obj, where, path)
        if doc is not None:
            yield doc


def record(ctx: ReadContext, obj: Any, where: str, path: Path) -> NewDocument | None:
    if not isinstance(obj, dict):
        raise AnnotatorError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    if labelstudio.is_task(obj):
        return labelstudio.task(ctx, obj, where, ctx.name(path))
    raw_text = obj.get("text")
    if raw_text is None and isinstance(obj.get("data"), str):
        raw_text = obj["data"]  # older doccano exports
    if not isinstance(raw_text, str):
        raise AnnotatorError(f"{where}: no \"text\" field (a string) in this record; "
                             "not a format annotator reads (unsupported format)")
    norm = normalize(raw_text)
    text = norm.text
    if not text.strip():
        ctx.warn(f"{where}: empty text, skipped")
        return None
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise AnnotatorError(f"{where}: \"meta\" must be an object")
    meta = dict(meta)
    meta.setdefault("source", ctx.name(path))
    ext_id = obj.get("id")
    if (ext_id is not None and not isinstance(ext_id, str | int)) or isinstance(ext_id, bool):
        raise AnnotatorError(f"{where}: \"id\" must be a string or a number")
    min_row = labelstudio.is_min_row(obj)
    # a JSON-MIN row's "annotator" is Label Studio's numeric user id (min_row reads it)
    doc = NewDocument(text=text, external_id=None if ext_id is None else str(ext_id),
                      meta=meta,
                      annotator=None if labelstudio.is_json_min(obj)
                      else record_annotator(obj, where),
                      lang=opt_lang(obj, where))
    doc.status = doc_status(obj, where)
    if min_row:
        labelstudio.min_row(ctx, obj, doc, norm, raw_text, where)
    elif ("entities" in obj or "relations" in obj
            or (isinstance(obj.get("label"), list) and "spans" not in obj)):
        _doccano(ctx, obj, doc, norm, raw_text, where)
    else:
        _native(ctx, obj, doc, norm, raw_text, where)
    check_overlaps(doc, where)
    doc.runs = recognizer_runs(obj, where)
    return doc


# --- native / Prodigy records ----------------------------------------------------


_PLAIN_SPAN_KEYS = frozenset({"id", "start", "end", "text", "label", "token_start",
                              "token_end"})


def _native(ctx: ReadContext, obj: dict[str, Any], doc: NewDocument, norm: NormalizedText,
            raw: str, where: str) -> None:
    spans = obj.get("spans") or []
    if not isinstance(spans, list):
        raise AnnotatorError(f"{where}: \"spans\" must be a list")
    # Prodigy's binary interfaces: "reject" says the span shown is wrong.
    default = SpanStatus.REJECTED if obj.get("answer") == "reject" else SpanStatus.ACCEPTED
    index: dict[str, int] = {}
    # The common span (ours or Prodigy's: offsets, text, label already known, no
    # status/source/score/annotator) passes the same checks inline: plain ints in
    # range, the same text, no whitespace at an edge. Anything else, or any doubt,
    # takes the general path below, which words the errors and warnings.
    plain = not norm.removed
    n = len(raw)
    known = ctx.known_entity_labels
    entities = doc.entities
    for k, span in enumerate(spans):
        if plain and type(span) is dict and span.keys() <= _PLAIN_SPAN_KEYS:
            start, end, label = span.get("start"), span.get("end"), span.get("label")
            if (type(start) is int and type(end) is int and 0 <= start < end <= n
                    and type(label) is str and label in known
                    and not (raw[start].isspace() or raw[start] in INVISIBLE
                             or raw[end - 1].isspace() or raw[end - 1] in INVISIBLE)):
                expected = span.get("text")
                if expected is None or expected == raw[start:end]:
                    key = span.get("id")
                    if key is not None:
                        key = str(key)
                        if key in index:
                            raise AnnotatorError(f"{where}, span {k + 1}: span id {key!r} "
                                                 "is used twice")
                        index[key] = len(entities)
                    entities.append(EntitySpan(0, start, end, label, default, "import"))
                    continue
        w = f"{where}, span {k + 1}"
        if not isinstance(span, dict):
            raise AnnotatorError(f"{w}: expected an object")
        start, end = checked_span(span, "start", "end", norm, raw, w, ctx.warn)
        label = ctx.label("entity", span.get("label"), w)
        ent = EntitySpan(doc_id=0, start=start, end=end, label=label,
                         status=span_status(span, w, default), source=source_of(span, w),
                         score=score_of(span, w), annotator=opt_str(span, "annotator", w))
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
        start, end = checked_span(item, "start", "end", norm, raw, w, ctx.warn)
        claim = Claim(doc_id=0, start=start, end=end,
                      label=ctx.label("claim", item.get("label"), w),
                      status=span_status(item, w, default), source=source_of(item, w),
                      score=score_of(item, w), annotator=opt_str(item, "annotator", w))
        claimant = item.get("claimant")
        claimant_text = opt_str(item, "claimant_text", w)
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
            claim.cue_start, claim.cue_end = checked_span(cue, "start", "end", norm, raw,
                                                          w + ", cue", ctx.warn)
        attrs = item.get("attrs") or {}
        if not isinstance(attrs, dict):
            raise AnnotatorError(f"{w}: \"attrs\" must be an object")
        claim.attrs = attrs
        doc.claims.append(claim)


# --- doccano records ----------------------------------------------------------------


def _doccano(ctx: ReadContext, obj: dict[str, Any], doc: NewDocument, norm: NormalizedText,
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
            start, end = checked_span(span, "start", "end", norm, raw, w, ctx.warn)
            if ctx.scheme.get("claim", str(triple[2])) is not None:
                doc.claims.append(Claim(0, start, end, ctx.label("claim", triple[2], w),
                                        source="import"))
            else:
                doc.entities.append(EntitySpan(0, start, end,
                                               ctx.label("entity", triple[2], w),
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
            ctx.warn(f"{w}: relation type {rel.get('type')!r} is not imported "
                     "(only \"claimant\")")
            continue
        claimant_of[str(rel["from_id"])] = str(rel["to_id"])
    parsed: list[tuple[str, int, int, Any, str]] = []
    for k, ent in enumerate(entities):
        w = f"{where}, entity {k + 1}"
        if not isinstance(ent, dict):
            raise AnnotatorError(f"{w}: expected an object")
        start, end = checked_span(ent, "start_offset", "end_offset", norm, raw, w, ctx.warn)
        key = str(ent.get("id", f"#{k}"))
        parsed.append((key, start, end, ent.get("label"), w))
    index: dict[str, int] = {}
    claim_rows: list[tuple[str, int, int, Any, str]] = []
    for key, start, end, label, w in parsed:
        if key in claimant_of or ctx.is_claim_label(label):
            claim_rows.append((key, start, end, label, w))
            continue
        if key in index:
            raise AnnotatorError(f"{w}: entity id {key!r} is used twice")
        index[key] = len(doc.entities)
        doc.entities.append(EntitySpan(0, start, end, ctx.label("entity", label, w),
                                       source="import"))
    for key, start, end, label, w in claim_rows:
        claim = Claim(0, start, end, ctx.label("claim", label, w), source="import")
        if key in claimant_of:
            target = claimant_of[key]
            if target not in index:
                raise AnnotatorError(f"{w}: its claimant relation points to {target!r}, "
                                     "which is not an entity of this record")
            claim.claimant_id = index[target]
        doc.claims.append(claim)


def record_annotator(obj: dict[str, Any], where: str) -> str | None:
    """Who annotated the record: native ``annotator``, else Prodigy's ``_annotator_id``."""
    return opt_str(obj, "annotator", where) or opt_str(obj, "_annotator_id", where)


def recognizer_runs(obj: dict[str, Any], where: str) -> list[tuple[str, str]]:
    """``recognizer_runs`` written by ``annotator suggest``: marked done on import, so
    the project's pre-annotation does not run them again on this document."""
    runs = obj.get("recognizer_runs") or []
    if not isinstance(runs, list) or not all(
            isinstance(r, dict) and isinstance(r.get("recognizer"), str)
            and isinstance(r.get("version"), str) for r in runs):
        raise AnnotatorError(f"{where}: \"recognizer_runs\" must be a list of "
                             "{\"recognizer\": NAME, \"version\": VERSION}")
    return [(r["recognizer"], r["version"]) for r in runs]
