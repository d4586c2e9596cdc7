"""Claims: the recognizer's suggestions stored in a project, and claimant candidates.

The recognizer itself (cues, quotes, claimants, labels, the claim at a caret) lives in
``annotator.core.claim_recognizer``; its public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.claim_recognizer import (
    NAME,
    SCORES,
    SPEAKER_LABELS,
    ClaimHint,
    Cue,
    CueLexicon,
    WordedDoc,
    claim_at,
    cue_file,
    find_quotes,
    load_cues,
    suggest_claims,
)
from annotator.core.commands import MachineWrite
from annotator.core.model import Claim, Document, EntitySpan, SpanStatus

if TYPE_CHECKING:
    from annotator.core.store import Project

VERSION = "2"  # 2: more cues, speaker phrases, pronouns by kind, labels from content

__all__ = ["NAME", "SCORES", "SPEAKER_LABELS", "VERSION", "ClaimHint", "ClaimRunResult", "Cue",
           "CueLexicon", "claim_at", "claim_dict", "claimant_candidates", "cue_file",
           "find_quotes", "load_cues", "preannotate_claims", "suggest_claims"]


# --- claimants for the window ------------------------------------------------------

def claimant_candidates(doc: Document, entities: Sequence[EntitySpan],
                        offset: int) -> list[EntitySpan]:
    """PER/ORG entities of the sentence at ``offset`` and its two neighbours.

    In document order, one per distinct (label, text): of repeated mentions the
    one nearest to ``offset`` is kept. The window cycles through these.
    """
    d = WordedDoc(doc, entities)
    if not d.sentences:
        return []
    k = d.sentence_no(offset)
    lo = d.sentences[max(0, k - 1)][0]
    hi = d.sentences[min(len(d.sentences) - 1, k + 1)][1]
    best: dict[tuple[str, str], EntitySpan] = {}
    for ent in d.speakers:
        if lo <= ent.start and ent.end <= hi:
            key = (ent.label, doc.text[ent.start:ent.end])
            old = best.get(key)
            if old is None or abs(ent.start - offset) < abs(old.start - offset):
                best[key] = ent
    return sorted(best.values(), key=lambda e: (e.start, e.end))


# --- pre-annotation ------------------------------------------------------------------

@dataclass(slots=True)
class ClaimRunResult:
    documents: int = 0
    added: int = 0
    skipped: int = 0  # candidates already present (same span or same cue) or rejected
    updated: int = 0  # untouched suggestions that now have an entity as claimant


def preannotate_claims(project: Project, doc_ids: Iterable[int] | None = None,
                       lang: str | None = None) -> ClaimRunResult:
    """Store suggested claims for documents (all when ``doc_ids`` is None).

    ``lang`` is the language of documents that have none (default: the project's).

    Cheap enough to run again whenever entities change. A candidate is not stored
    when a claim with the same span exists (whatever its status: a rejected
    suggestion is never made again) or when a claim shares its cue and overlaps it;
    an untouched suggestion with a free-text claimant then gets the entity claimant
    found now (entities usually arrive after the first run).
    Each document is one transaction; the run is logged in ``events``.
    """
    from annotator.core.recognizers.runner import project_lang

    default_lang = project_lang(project, lang)
    result = ClaimRunResult()
    ids = list(doc_ids) if doc_ids is not None else project.documents.ids()
    scheme_labels = set(project.scheme.names("claim"))
    fallback_label = project.scheme.claims[0].name if project.scheme.claims else "CHECKWORTHY"

    def write(doc_id: int, p: Project) -> dict[str, Any] | None:
        doc = p.documents.get(doc_id)
        found = suggest_claims(doc, p.spans.list(doc_id), doc.lang or default_lang)
        existing = p.claims.list(doc_id, include_rejected=True)
        added = updated = 0
        for claim in found:
            old = _duplicate(claim, existing)
            if old is not None:
                if _refresh_claimant(p, old, claim):
                    updated += 1
                else:
                    result.skipped += 1
                continue
            if claim.label not in scheme_labels:
                claim.label = fallback_label
            p.claims.insert(claim)
            existing.append(claim)
            added += 1
        p.runs.mark(doc_id, NAME, VERSION)
        result.added += added
        result.updated += updated
        return {"added": added, "updated": updated} if added or updated else None

    for doc_id in ids:  # one machine command (transaction) a document
        project.execute(MachineWrite("preannotate_claims", doc_id,
                                     lambda p, d=doc_id: write(d, p)))  # type: ignore[misc]
        result.documents += 1
    return result


def _duplicate(claim: Claim, existing: Iterable[Claim]) -> Claim | None:
    for old in existing:
        if (old.start, old.end) == (claim.start, claim.end):
            return old
        if (claim.cue is not None and old.cue == claim.cue
                and old.start < claim.end and claim.start < old.end):
            return old
    return None


def _refresh_claimant(project: Project, old: Claim, new: Claim) -> bool:
    """An untouched suggestion whose claimant was free text gets the entity found now
    (entities often arrive after the claims ran)."""
    if (old.id is None or old.status != SpanStatus.SUGGESTED or old.source != NAME
            or old.decided or old.claimant_id is not None or new.claimant_id is None):
        return False
    # a machine refresh: the claim stays an undecided suggestion
    project.claims.update(old.id, touch=False, claimant_id=new.claimant_id,
                          claimant_text=None)
    return True


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A plain dict of a claim (for logs and the CLI)."""
    return {"start": claim.start, "end": claim.end, "label": claim.label,
            "claimant_id": claim.claimant_id, "claimant_text": claim.claimant_text,
            "cue": list(claim.cue) if claim.cue else None, "attrs": claim.attrs,
            "score": claim.score}
