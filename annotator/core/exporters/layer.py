"""One annotator's layer of a team project (``export --annotator NAME``)."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.core.exporters.source import ExportClaim, ExportDoc, ExportSpan
from annotator.core.model import AnnotatorError, SpanStatus
from annotator.core.store import Project


def iter_layer_export_docs(project: Project, annotator: str, status: str = "done",
                           include_suggested: bool = False, batch: int = 200,
                           only: set[str] | None = None) -> Iterator[ExportDoc]:
    """The layer's documents as ``iter_export_docs`` gives the gold layer; ``status`` is
    the annotator's own. Entity ids are made up (negative): layer rows have no gold id."""
    layers = project.layers
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
            head = project.documents.get(doc_id, segment=False)
            if only is not None and head.external_id not in only:
                continue
            layer = next(d for d in docs[doc_id] if d.annotator == annotator)
            text, base = texts[doc_id]
            live = [s for s in layer.entities if s.status != SpanStatus.REJECTED]
            ents = [ExportSpan(-k, s.start, s.end, s.label, str(s.status), s.source, s.score,
                               doc_id) for k, s in enumerate(live, 1)]
            by_offsets = {(e.start, e.end): e.id for e in ents}
            claims = [ExportClaim(-k, c.start, c.end, c.label,
                                  by_offsets.get(c.claimant) if c.claimant else None,
                                  c.claimant_text, c.cue[0] if c.cue else None,
                                  c.cue[1] if c.cue else None, dict(c.attrs), str(c.status),
                                  c.source, c.score, doc_id)
                      for k, c in enumerate(layer.claims, 1) if c.status in wanted]
            yield ExportDoc(
                id=doc_id, external_id=head.external_id, text=text, meta=head.meta,
                status=layer.status, annotator=annotator, lang=head.lang,
                base_tokens=base, edges={p for e in ents for p in (e.start, e.end)},
                stored_sentences=None, entities=[e for e in ents if e.status in wanted],
                claims=claims, live=ents)
