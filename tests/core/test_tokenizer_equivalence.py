"""The tokenizer that looks only at the pieces next to a sticky character gives
exactly the tokens of the piece-by-piece tokenizer it replaced, on tricky text: emoji with skin
tones and ZWJ sequences, flags (pairs and odd runs of regional indicators),
subdivision flags (tag characters), combining marks before, inside and after
words, Indic vowel signs, joiners after spaces, odd whitespace."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.store.rows import offsets_from_blob, steps_blob
from annotator.core.text import token_steps, tokenize
from tests.core.reference_tokenizer import reference_tokenize

TRICKY = list(
    "ab Z1_9 .,-\"'()\t\n\r\x1c\x1f\u00a0\u2028\u3000"   # ASCII, odd whitespace
    "éñßİıЖж中文한글אבعربي"                                 # letters of many scripts
    "\u0301\u0308\u0327\u20dd\u0903\u093f\u0e31\u0e49"      # Mn, Me, Mc marks (Devanagari, Thai)
    "\u200d\u200c\ufe0f\ufe0e\u00ad\u200b\u2060"            # joiners, variation selectors, Cf
    "👍👩👧🏽🏿❤😀🇮🇩🇷🇺🏴"                                      # emoji, skin tones, flag letters
    "\U000e0067\U000e0062\U000e0065\U000e006e\U000e007f"    # tag characters (England flag)
    "٣½Ⅻ²"                                                  # digits and numbers of other kinds
)
TRICKY_TEXT = st.text(alphabet=st.sampled_from(TRICKY), max_size=80)


@settings(max_examples=1500, deadline=None)
@given(TRICKY_TEXT)
@example("🇮🇩🇷🇺🇮")                      # three flag letters: one flag, one lone letter
@example("👩‍👩‍👧 ok")                    # a ZWJ family
@example("👍🏽👍")                         # a skin tone
@example("e\u0301t\u0301e a\u200d b")     # marks inside words, a joiner before a space
@example(" \u0301a \u200db")              # a mark and a joiner after a space
@example("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f!")
@example("क्षि नम\u093f")                 # Devanagari with virama and vowel sign
def test_tokens_equal_the_reference_tokenizer(text: str) -> None:
    assert tokenize(text) == reference_tokenize(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_tokens_equal_the_reference_on_any_assigned_character(text: str) -> None:
    assert tokenize(text) == reference_tokenize(text)


@settings(max_examples=800, deadline=None)
@given(TRICKY_TEXT)
@example("  a  ")
@example("")
def test_token_steps_are_the_tokens(text: str) -> None:
    """What the store keeps at import decodes to exactly the tokens."""
    assert offsets_from_blob(steps_blob(token_steps(text))) == tokenize(text)
