"""A claim's label from its cue and its words.

In order: a denial (the cue, or "tidak benar", "membantah" in the claim) -> DENIAL;
a prediction cue ("memperkirakan") -> PREDICTION; obligation words ("harus",
"perlu") or an appeal ("agar ..." after "mengimbau") -> OPINION; future, target and
likelihood words ("akan", "diperkirakan", "target", "berpeluang"), or a condition opening
the claim ("Kalau ..., petani bisa rugi") -> PREDICTION; the cue's other hint (OPINION
for "menilai"); figures (digits) -> the default label (CHECKWORTHY: numbers are what
gets checked);
evaluative and modal words ("harus", "sangat", "tepat") -> OPINION; else the
language's default label.
"""

from __future__ import annotations

from annotator.core.claim_recognizer.document import WordedDoc
from annotator.core.claim_recognizer.lexicon import Cue, CueLexicon


def label_for(d: WordedDoc, lex: CueLexicon, cue: Cue | None, start: int, end: int) -> str:
    hint = cue.label if cue is not None else None
    if hint == "DENIAL" or d.has_phrase(start, end, lex.denial_markers):
        return "DENIAL"
    if hint == "PREDICTION":
        return hint
    first = next(iter(d.words_in(start, end)), "")
    if d.has_phrase(start, end, lex.modal_markers) or first in lex.appeal_openers:
        return "OPINION"  # "pemerintah harus segera ...": an obligation, not a forecast
    if d.has_phrase(start, end, lex.future_markers) or first in lex.condition_openers:
        # "X menilai Y akan ...": about the future all the same; "Kalau begini terus,
        # harga bisa naik": what follows from a condition has not happened yet
        return "PREDICTION"
    if hint:
        return hint
    if any(ch.isdigit() for ch in d.text[start:end]):
        return lex.default_label
    if d.has_phrase(start, end, lex.opinion_markers):
        return "OPINION"
    return lex.default_label
