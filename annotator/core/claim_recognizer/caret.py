"""The claim the annotator asks for with one key, shaped as the guideline says.

``claim_at`` takes the caret (or a selection) and returns the span to claim with
hints for the rest: inside a quotation the quoted words (without the marks and a
trailing comma); elsewhere the reported clause the recognizer finds in that
sentence ("X mengatakan, <clause>"), or the sentence itself when it reports nothing
("no reporting verb but clearly an attributed statement: the sentence"). A selection
is kept as the annotator made it (only outer spaces and quotation marks go).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.claim_recognizer.detect import candidates, skip_dateline, to_claim
from annotator.core.claim_recognizer.document import (
    CLOSING_MARKS,
    QUOTES,
    WordedDoc,
    inner,
    quote_at,
    strip,
)
from annotator.core.claim_recognizer.labels import label_for
from annotator.core.claim_recognizer.lexicon import load_cues
from annotator.core.model import Claim, Document, EntitySpan, QuoteKind, Stance

_MARKS = " \t\n" + "".join(QUOTES) + CLOSING_MARKS


@dataclass(slots=True)
class ClaimHint:
    """A claim to make: its span and what the recognizer suggests for the rest."""

    start: int
    end: int
    label: str | None = None  # None: the recognizer has no opinion (no cue words)
    claimant_id: int | None = None
    claimant_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    suggested: bool = False  # the span is one the recognizer suggests too


def claim_at(doc: Document, entities: Sequence[EntitySpan], start: int,
             end: int | None = None, lang: str | None = None, *,
             cues_folder: Path | None = None) -> ClaimHint | None:
    """The guideline-shaped claim at a caret (``end`` None or equal) or a selection.

    None when there is no text there (an empty line, past the end).
    """
    lex = load_cues(lang or doc.lang or "", cues_folder)
    d = WordedDoc(doc, entities)
    text = doc.text
    if not text.strip() or start < 0 or start > len(text):
        return None
    found: list[Claim] = []
    if lex is not None:
        found = [to_claim(doc, d, lex, c) for c in candidates(d, lex)]
    if end is not None and end > start:
        span = strip(text, start, min(end, len(text)), _MARKS)
        if span[1] <= span[0]:
            return None
        quote = quote_at(span[0], d.quotes)
        kind = QuoteKind.DIRECT if quote is not None and span[1] <= quote[1] else None
        return _hint(d, lex, span, _overlapping(found, span), kind)
    pos = min(start, len(text) - 1)
    quote = quote_at(pos, d.quotes)
    if quote is not None:
        span = inner(text, quote)
        if span[1] > span[0]:
            return _hint(d, lex, span, _overlapping(found, span), QuoteKind.DIRECT)
    sentence = d.sentence(pos)
    if not text[sentence[0]:sentence[1]].strip():
        return None
    here = [c for c in found if c.start <= pos < c.end]
    if not here:
        here = sorted((c for c in found if c.start < sentence[1] and sentence[0] < c.end),
                      key=lambda c: min(abs(c.start - pos), abs(c.end - pos)))
    if here:
        return _from_claim(here[0])
    span = strip(text, skip_dateline(d, *sentence), sentence[1])
    if span[1] <= span[0]:
        return None
    return _hint(d, lex, span, None, QuoteKind.INDIRECT)


def _overlapping(found: Sequence[Claim], span: tuple[int, int]) -> Claim | None:
    best = max(found, default=None, key=lambda c: min(c.end, span[1]) - max(c.start, span[0]))
    if best is None or min(best.end, span[1]) <= max(best.start, span[0]):
        return None
    return best


def _from_claim(claim: Claim) -> ClaimHint:
    return ClaimHint(claim.start, claim.end, claim.label, claim.claimant_id,
                     claim.claimant_text, claim.cue_start, claim.cue_end, dict(claim.attrs),
                     suggested=True)


def _hint(d: WordedDoc, lex: Any, span: tuple[int, int], like: Claim | None,
          kind: QuoteKind | None) -> ClaimHint:
    if like is not None and (like.start, like.end) == span:
        return _from_claim(like)
    label = label_for(d, lex, None, *span) if lex is not None else None
    attrs = {"quote": (kind or QuoteKind.INDIRECT).value, "stance": Stance.ASSERTS.value}
    if like is None:
        return ClaimHint(*span, label, attrs=attrs)
    # the suggestion's speaker and cue fit a span inside it or around it
    attrs["stance"] = like.attrs.get("stance", Stance.ASSERTS.value)
    if kind is None:
        attrs["quote"] = like.attrs.get("quote", QuoteKind.INDIRECT.value)
    return ClaimHint(*span, like.label or label, like.claimant_id, like.claimant_text,
                     like.cue_start, like.cue_end, attrs)
