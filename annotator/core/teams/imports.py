"""Importing records of one text by several annotators (native ``annotator``,
Prodigy ``_annotator_id``): the later annotators' records go to their layers
instead of being skipped as "already in the project".

The first record of a text is imported as always. When a record of the same text
by another annotator arrives (in the same import or a later one), the document
becomes a team document: the first annotator's spans and claims move from the main
tables into their layer, the newcomer's go to theirs, and the main tables become
the gold layer, holding what all of them agree on (as ``annotator merge`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotator.core.model import SpanStatus
from annotator.core.store import NewDocument, Project, text_sha256
from annotator.core.store.layers import LayerClaim, LayerDocument, LayerSpan
from annotator.core.teams.merge import MergeSummary, update_gold


class LayerRouter:
    """Wraps the import's document stream (``route``), then writes the layers
    (``write``) inside the same transaction."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.layers = project.layers
        self.first: dict[str, str | None] = {}   # sha256 -> first record's annotator
        self.team: dict[str, bool] = {}          # sha256 -> the document has layers
        self.pending: list[tuple[str, NewDocument]] = []
        self.layered = 0

    def route(self, docs: Iterable[NewDocument]) -> Iterator[NewDocument]:
        for doc in docs:
            if doc.annotator is None:
                yield doc
                continue
            sha = text_sha256(doc.text)
            if sha not in self.first:
                found = self.layers.doc_ids_by_sha([sha])
                if sha not in found:  # a new text: imported as always
                    self.first[sha] = doc.annotator
                    yield doc
                    continue
                self.first[sha] = self.project.documents.get(found[sha], segment=False).annotator
                self.team[sha] = self._has_layers(found[sha])
            if self.first[sha] == doc.annotator and not self.team.get(sha):
                yield doc  # the same person's record again: a duplicate, as before
                continue
            self.team[sha] = True
            self.pending.append((sha, doc))

    def _has_layers(self, doc_id: int | None) -> bool:
        return doc_id is not None and bool(self.layers.doc_statuses(doc_id))

    def write(self) -> int:
        """Write the routed records as layers; returns how many."""
        if not self.pending:
            return 0
        ids = self.layers.doc_ids_by_sha([sha for sha, _ in self.pending])
        changed: set[int] = set()
        for sha, doc in self.pending:
            doc_id = ids[sha]
            first = self.first.get(sha)
            if first is not None and not self._has_layers(doc_id):
                self._move_main_to_layer(doc_id, first)
            self.layers.replace_layer(_layer(doc_id, doc))
            if doc.annotator not in self.layers.sources():
                self.layers.set_source(str(doc.annotator), "import", None)
            changed.add(doc_id)
            self.layered += 1
        update_gold(self.project, self.layers, sorted(changed), MergeSummary())
        return self.layered

    def _move_main_to_layer(self, doc_id: int, who: str) -> None:
        """The document's first version becomes its annotator's layer; the main
        tables start again as the gold layer."""
        doc = self.project.documents.get(doc_id, segment=False)
        entities = self.project.spans.list(doc_id, include_rejected=True)
        offsets = {e.id: (e.start, e.end) for e in entities}
        claims = self.project.claims.list(doc_id, include_rejected=True)
        self.layers.replace_layer(LayerDocument(
            who, doc_id, doc.status,
            [LayerSpan(who, e.start, e.end, e.label, e.status, e.source, e.score)
             for e in entities],
            [LayerClaim(who, c.start, c.end, c.label,
                        offsets.get(c.claimant_id) if c.claimant_id is not None else None,
                        c.claimant_text, c.cue, c.attrs, c.status, c.source, c.score)
             for c in claims]))
        if who not in self.layers.sources():
            self.layers.set_source(who, "import", None)
        for c in claims:
            if c.id is not None:
                self.project.claims.delete(c.id)
        for e in entities:
            if e.id is not None:
                self.project.spans.delete(e.id)


def _layer(doc_id: int, doc: NewDocument) -> LayerDocument:
    who = str(doc.annotator)
    spans = [LayerSpan(who, e.start, e.end, e.label, SpanStatus(e.status), e.source, e.score)
             for e in doc.entities]
    claims = []
    for c in doc.claims:  # claimant_id: an index into doc.entities (NewDocument's rule)
        claimant = None
        if c.claimant_id is not None and 0 <= c.claimant_id < len(doc.entities):
            ent = doc.entities[c.claimant_id]
            claimant = (ent.start, ent.end)
        claims.append(LayerClaim(who, c.start, c.end, c.label, claimant, c.claimant_text,
                                 c.cue, dict(c.attrs), SpanStatus(c.status), c.source, c.score))
    return LayerDocument(who, doc_id, doc.status, spans, claims)
