"""brat standoff: a ``NAME.txt`` with its annotations in ``NAME.ann``.

Read from ``.ann``: text-bound annotations (``T1<TAB>LABEL START END<TAB>text``)
as entities, or as claims when the label is one only the claim scheme knows, and
``claimant`` relations (``R1<TAB>claimant Arg1:T5 Arg2:T2``, claim -> entity).
Left out, each kind with one warning a file: discontinuous spans
(``START END;START END``: a span here is one piece), other relations, events,
attributes, normalisations and equivalences. Notes (``#1 AnnotatorNotes``) are
ignored. Offsets count code points of the ``.txt`` as written; when a span's text
only matches the text with CRLF turned into LF, the offsets are read as such.
Overlapping entities (brat allows them, a project does not) are dropped with a
warning. A document with a ``.ann`` file is ``done``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.importers.common import (
    ReadContext,
    check_overlaps,
    drop_overlaps,
    offsets,
    trim,
)
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan
from annotator.core.store import NewDocument
from annotator.core.text import NormalizedText, decode, normalize

_IGNORED = {"R": "relations", "E": "events", "A": "attributes", "M": "attributes",
            "N": "normalisations", "*": "equivalences"}


def ann_path(txt: Path) -> Path:
    return txt.with_suffix(".ann")


def read_brat(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    """``path`` is the .txt (or the .ann) of one document."""
    txt = path.with_suffix(".txt")
    ann = ann_path(txt)
    name = ctx.name(txt)
    if not txt.is_file():
        raise AnnotatorError(f"{ctx.name(path)}: brat annotations without their text file "
                             f"{txt.name}")
    raw = decode(ctx.read_bytes(txt), name)
    norm = normalize(raw)
    if not norm.text.strip():
        ctx.warn(f"{name}: empty, skipped")
        return
    doc = NewDocument(text=norm.text, external_id=txt.stem, meta={"source": name})
    if not ann.is_file():
        ctx.warn(f"{name}: no {ann.name} beside it; imported without annotations")
        yield doc
        return
    doc.status = DocStatus.DONE
    _read_ann(ctx, ann, doc, norm, raw)
    drop_overlaps(doc, ctx.name(ann), ctx.warn)
    check_overlaps(doc, ctx.name(ann))
    yield doc


def _read_ann(ctx: ReadContext, ann: Path, doc: NewDocument, norm: NormalizedText,
              raw: str) -> None:
    name = ctx.name(ann)
    regions: dict[str, tuple[str, int]] = {}
    relations: list[tuple[str, str, str]] = []
    skipped: dict[str, int] = {}
    for lineno, line in ctx.lines(ann):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        where = f"{name}, line {lineno}"
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "#":
            continue  # notes
        if kind == "R":
            fields = rest.split()
            if len(fields) == 3 and fields[0].lower() == "claimant":
                relations.append((fields[1].partition(":")[2], fields[2].partition(":")[2],
                                  where))
                continue
        if kind != "T":
            if kind not in _IGNORED:
                raise AnnotatorError(f"{where}: not a brat annotation line: {line[:60]!r}")
            skipped[_IGNORED[kind]] = skipped.get(_IGNORED[kind], 0) + 1
            continue
        label_and_offsets, _, span_text = rest.partition("\t")
        label, _, spec = label_and_offsets.partition(" ")
        if ";" in spec:
            ctx.warn(f"{where}: the discontinuous {label} span {span_text!r} was not imported "
                     "(a span here is one piece of text)")
            continue
        parts = spec.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise AnnotatorError(f"{where}: expected \"T1<TAB>LABEL START END<TAB>text\"")
        start, end = _offsets(int(parts[0]), int(parts[1]), span_text, norm, raw, where)
        start, end = trim(norm.text, start, end, where, ctx.warn)
        if ctx.is_claim_label(label):
            doc.claims.append(Claim(0, start, end, ctx.label("claim", label, where),
                                    source="import"))
            regions[ident] = ("claim", len(doc.claims) - 1)
        else:
            doc.entities.append(EntitySpan(0, start, end, ctx.label("entity", label, where),
                                           source="import"))
            regions[ident] = ("entity", len(doc.entities) - 1)
    for claim_id, entity_id, where in relations:
        claim, entity = regions.get(claim_id), regions.get(entity_id)
        if claim and entity and claim[0] == "claim" and entity[0] == "entity":
            doc.claims[claim[1]].claimant_id = entity[1]
        else:
            ctx.warn(f"{where}: a claimant relation must go from a claim to an entity; "
                     "not imported")
    for what, n in sorted(skipped.items()):
        ctx.warn(f"{name}: {n} {what} not imported (only text-bound spans and claimant "
                 "relations are)")


def _same(written: str, actual: str) -> bool:
    """brat's .ann is one annotation a line: a line break in a span's text is
    written as a space."""
    return written == actual or written == actual.replace("\r", " ").replace("\n", " ")


def _offsets(start: int, end: int, text: str, norm: NormalizedText, raw: str, where: str
             ) -> tuple[int, int]:
    if not 0 <= start < end <= len(raw):
        raise AnnotatorError(f"{where}: offsets [{start}, {end}) are outside the text "
                             f"(length {len(raw)}) or empty")
    if _same(text, raw[start:end]):
        return offsets({"start": start, "end": end}, "start", "end", norm, raw, where)
    # offsets counted in the text with CRLF already turned into LF
    if norm.removed and end <= len(norm.text) and _same(text, norm.text[start:end]):
        return start, end
    raise AnnotatorError(f"{where}: the span's text {text!r} does not match the text at "
                         f"[{start}, {end}), which is {raw[start:end]!r}")
