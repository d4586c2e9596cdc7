"""What the annotators of a document agree on, and what is left to adjudicate.

Only documents every annotator finished count (each layer ``done``; a ``skipped``
layer is left out; while any layer is new or in progress, nothing is decided yet).
An item is an accepted span ``(start, end, label)`` or an accepted claim
``(start, end, label, claimant)``. Items every finished annotator has are the
consensus: accepted into the gold layer (the main tables) at merge time. The other
items, grouped by overlap, are disagreement sites; a site is resolved once the gold
layer holds a decided row there (accepted or rejected) that is not a consensus row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.model import Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store.layers import LayerClaim, LayerDocument, LayerSpan
from annotator.core.teams import CONSENSUS


@dataclass(slots=True)
class Item:
    """One annotated span or claim and who annotated it exactly so."""

    kind: str                                # "entity" or "claim"
    start: int
    end: int
    label: str
    annotators: list[str] = field(default_factory=list)
    span: LayerSpan | None = None            # a representative row (for copying)
    claim: LayerClaim | None = None


@dataclass(slots=True)
class Site:
    """Overlapping items the annotators disagree on."""

    kind: str
    start: int
    end: int
    items: list[Item] = field(default_factory=list)

    def version(self, annotator: str) -> list[Item]:
        return [i for i in self.items if annotator in i.annotators]


def judges(layers: Sequence[LayerDocument]) -> list[LayerDocument] | None:
    """The layers that decide a document: None while someone is still at work on it."""
    if any(d.status in (DocStatus.NEW, DocStatus.IN_PROGRESS) for d in layers):
        return None
    return [d for d in layers if d.status == DocStatus.DONE]


def claim_key(c: LayerClaim) -> tuple[object, ...]:
    claimant: object = c.claimant
    if claimant is None and c.claimant_text:
        claimant = c.claimant_text.strip().casefold()
    return (c.start, c.end, c.label, claimant)


def items(layers: Sequence[LayerDocument]) -> tuple[list[Item], list[Item]]:
    """(entity items, claim items) of the deciding layers, in text order."""
    ents: dict[tuple[object, ...], Item] = {}
    claims: dict[tuple[object, ...], Item] = {}
    for layer in layers:
        for s in layer.entities:
            if s.status == SpanStatus.ACCEPTED:
                item = ents.setdefault(s.key, Item("entity", s.start, s.end, s.label, span=s))
                if layer.annotator not in item.annotators:
                    item.annotators.append(layer.annotator)
        for c in layer.claims:
            if c.status == SpanStatus.ACCEPTED:
                item = claims.setdefault(claim_key(c),
                                         Item("claim", c.start, c.end, c.label, claim=c))
                if layer.annotator not in item.annotators:
                    item.annotators.append(layer.annotator)

    def ordered(d: dict[tuple[object, ...], Item]) -> list[Item]:
        return sorted(d.values(), key=lambda i: (i.start, i.end, i.label, str(i.annotators)))

    return ordered(ents), ordered(claims)


def split(layers: Sequence[LayerDocument]) -> tuple[list[Item], list[Site]]:
    """(consensus items, disagreement sites) of a document; both empty while someone
    is still at work on it."""
    deciding = judges(layers)
    if not deciding:
        return [], []
    n = len(deciding)
    agreed: list[Item] = []
    sites: list[Site] = []
    for group in items(deciding):
        open_items: list[Item] = []
        for item in group:
            (agreed if len(item.annotators) == n else open_items).append(item)
        sites += _group(open_items)
    return agreed, sites


def _group(open_items: list[Item]) -> list[Site]:
    sites: list[Site] = []
    for item in sorted(open_items, key=lambda i: (i.start, i.end)):
        if sites and item.start < sites[-1].end:
            site = sites[-1]
            site.end = max(site.end, item.end)
            site.items.append(item)
        else:
            sites.append(Site(item.kind, item.start, item.end, [item]))
    return sites


def _decided_gold(rows: Sequence[EntitySpan | Claim]) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in rows
            if r.status != SpanStatus.SUGGESTED and r.source != CONSENSUS]


def open_sites(layers: Sequence[LayerDocument], gold_entities: Sequence[EntitySpan],
               gold_claims: Sequence[Claim]) -> list[Site]:
    """The disagreement sites of a document not yet resolved in the gold layer (pass
    the gold rows with the rejected ones)."""
    _agreed, sites = split(layers)
    decided = {"entity": _decided_gold(gold_entities), "claim": _decided_gold(gold_claims)}
    return [s for s in sites
            if not any(a < s.end and s.start < b for a, b in decided[s.kind])]


def count_open(sites: Sequence[Site]) -> tuple[int, int]:
    return (sum(1 for s in sites if s.kind == "entity"),
            sum(1 for s in sites if s.kind == "claim"))
