"""Adjudication (the window's review mode) without Qt: a merged document's open
disagreements and the edit that settles one.

Every decision is an ordinary undoable command (a ``Batch`` of ``AddEntity`` /
``AddClaim`` / ``UpdateEntity``) run through the editor's one edit path, so undo
works as everywhere. Taking a version adds its spans (or claims) to the gold
layer, accepted; taking neither adds them rejected, which records the decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from annotator.core import commands as cmds
from annotator.core.model import Claim, SpanStatus
from annotator.core.store import Project
from annotator.core.teams.consensus import Site, count_open, open_sites
from annotator.core.teams.merge import gold_claim

REVIEW = "review"  # the source of gold rows decided in the review mode
ALL = "*all*"
NONE = "*none*"


@dataclass(slots=True)
class DocumentReview:
    """The open disagreements of one document, and who annotated it."""

    doc_id: int
    annotators: list[str] = field(default_factory=list)  # the project's order
    sites: list[Site] = field(default_factory=list)


def annotators(project: Project) -> list[str]:
    return project.layers.annotators()


def load(project: Project, doc_id: int) -> DocumentReview:
    layers = project.layers
    doc_layers = layers.documents([doc_id]).get(doc_id, [])
    sites = open_sites(doc_layers, project.spans.list(doc_id, include_rejected=True),
                       project.claims.list(doc_id, include_rejected=True))
    return DocumentReview(doc_id, layers.annotators(), sites)


def refresh_open(project: Project, doc_id: int) -> int:
    """Count the document's open disagreements again and store the count."""
    review = load(project, doc_id)
    e_open, c_open = count_open(review.sites)
    with project.transaction():
        project.layers.set_open([(doc_id, e_open, c_open)])
    return e_open + c_open


def open_documents(project: Project) -> dict[int, int]:
    """doc id -> open disagreements, for every document with any."""
    return project.layers.open_counts()


def decide(project: Project, doc_id: int, site: Site, choice: str) -> cmds.Command:
    """The edit that settles ``site``: ``choice`` is an annotator's name (their
    version; nothing of theirs there means neither), ``ALL`` or ``NONE``.

    Raises AnnotatorError (via the commands, when applied) if the chosen spans
    overlap a span already in the gold layer."""
    if choice == ALL:
        taken = list(site.items)
    elif choice == NONE:
        taken = []
    else:
        taken = site.version(choice)
    rejected = [i for i in site.items if i not in taken] if not taken else []
    parts: list[cmds.Command] = []
    if site.kind == "entity":
        live = project.spans.list(doc_id)
        parts += [cmds.reject(e.id) for e in live if e.id is not None
                  and e.status == SpanStatus.SUGGESTED and e.start < site.end
                  and site.start < e.end]
        parts += [cmds.AddEntity(doc_id, i.start, i.end, i.label, SpanStatus.ACCEPTED, REVIEW)
                  for i in taken]
        parts += [cmds.AddEntity(doc_id, i.start, i.end, i.label, SpanStatus.REJECTED, REVIEW)
                  for i in rejected]
    else:
        entity_ids: dict[tuple[int, int], int | None] = {
            (e.start, e.end): e.id for e in project.spans.list(doc_id)}
        text = project.documents.get(doc_id, segment=False).text
        for item, status in [*((i, SpanStatus.ACCEPTED) for i in taken),
                             *((i, SpanStatus.REJECTED) for i in rejected)]:
            assert item.claim is not None
            claim: Claim = gold_claim(doc_id, item.claim, entity_ids, REVIEW, status, text)
            parts.append(cmds.AddClaim(claim))
    what = ("all versions" if choice == ALL else "neither version" if choice == NONE
            else f"{choice}'s version")
    return cmds.Batch(parts, label=f"take {what}")


def overlapping(site: Site) -> bool:
    """Whether taking every version would put overlapping spans in the gold layer."""
    if site.kind != "entity":
        return False
    items = sorted(site.items, key=lambda i: (i.start, i.end))
    return any(b.start < a.end for a, b in pairwise(items))


def describe_site(site: Site, text: str, order: Sequence[str]) -> list[tuple[str, str]]:
    """(annotator, what they said) for every annotator of ``order``, in that order."""
    rows = []
    for who in order:
        mine = site.version(who)
        if not mine:
            rows.append((who, "(nothing here)"))
            continue
        said = []
        for item in mine:
            words = text[item.start:item.end].replace("\n", " ")
            if len(words) > 60:
                words = words[:57] + "…"
            extra = ""
            if item.claim is not None and (item.claim.claimant or item.claim.claimant_text):
                c = item.claim
                who_said = (text[c.claimant[0]:c.claimant[1]] if c.claimant
                            else c.claimant_text or "")
                extra = f" — by {who_said}"
            said.append(f"[{words}] {item.label}{extra}")
        rows.append((who, "; ".join(said)))
    return rows
