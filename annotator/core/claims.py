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
    ids = list(doc_ids) if doc_ids is not None else [
        r[0] for r in project.db.execute("SELECT id FROM documents ORDER BY id")]
    scheme_labels = set(project.scheme.names("claim"))
    fallback_label = project.scheme.claims[0].name if project.scheme.claims else "CHECKWORTHY"
    for doc_id in ids:
        doc = project.document(doc_id)
        entities = project.entities(doc_id)
        found = suggest_claims(doc, entities, doc.lang or default_lang)
        existing = project.claims(doc_id, include_rejected=True)
        added = 0
        with project.transaction():
            for claim in found:
                old = _duplicate(claim, existing)
                if old is not None:
                    if _refresh_claimant(project, old, claim):
                        result.updated += 1
                    else:
                        result.skipped += 1
                    continue
                if claim.label not in scheme_labels:
                    claim.label = fallback_label
                project.insert_claim(claim)
                existing.append(claim)
                added += 1
            project.mark_run(doc_id, NAME, VERSION)
            if added or result.updated:
                project._log(doc_id, "preannotate_claims", {"added": added})
        result.documents += 1
        result.added += added
        if added or result.updated:
            project.notify(doc_id)
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
            or old.updated_at != old.created_at or old.claimant_id is not None
            or new.claimant_id is None):
        return False
    project.update_claim(old.id, claimant_id=new.claimant_id, claimant_text=None)
    project.db.execute("UPDATE claims SET updated_at = created_at WHERE id = ?", [old.id])
    return True


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A plain dict of a claim (for logs and the CLI)."""
    return {"start": claim.start, "end": claim.end, "label": claim.label,
            "claimant_id": claim.claimant_id, "claimant_text": claim.claimant_text,
            "cue": list(claim.cue) if claim.cue else None, "attrs": claim.attrs,
            "score": claim.score}
