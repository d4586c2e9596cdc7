"""Text: normalisation remaps offsets; UTF-16 maps round trip; tokens split at span edges."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import AnnotatorError
from annotator.core.text import Utf16Map, decode, normalize, tokenize

SAMPLES = [
    "plain ascii",
    "👩‍👩‍👧 family, 🇮🇩 flag, 👍🏽 thumbs",
    "Jose\u0301 e\u0301 combining",
    "من می‌خواهم — עברית",
    "nbsp\u00a0here",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_utf16_map_round_trips(text: str) -> None:
    m = Utf16Map(text)
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert m.to_codepoint(u16) == cp


def test_utf16_inside_a_surrogate_pair_snaps_back() -> None:
    m = Utf16Map("a😀b")
    assert m.to_utf16(2) == 3
    assert m.to_codepoint(2) == 1  # the middle of the emoji


@given(st.text(alphabet=st.sampled_from(list("ab \r\n\ufeff😀é")), max_size=40))
def test_normalize_remaps_every_offset(raw: str) -> None:
    norm = normalize(raw)
    assert "\r" not in norm.text
    # only the leading BOM goes; a second U+FEFF is content (a zero-width no-break space)
    assert norm.text.startswith("\ufeff") == raw.startswith("\ufeff\ufeff")
    # every kept character lands where the map says
    for i, ch in enumerate(raw):
        j = norm.map_offset(i)
        if ch == "\r":
            assert norm.text[j] == "\n"
        elif not (i == 0 and ch == "\ufeff" and raw.startswith("\ufeff")):
            assert norm.text[j] == ch
    assert norm.map_offset(len(raw)) == len(norm.text)


def test_normalize_examples() -> None:
    assert normalize("\ufeffa\r\nb\rc").text == "a\nb\nc"
    norm = normalize("x\r\nKim\r\n")
    assert norm.text[norm.map_offset(3):norm.map_offset(6)] == "Kim"
    assert normalize("no change").removed == ()


def test_decode_errors_name_the_line() -> None:
    with pytest.raises(AnnotatorError, match=r"f\.txt, line 3: not valid UTF-8"):
        decode(b"a\nb\n\xff", "f.txt")
    with pytest.raises(AnnotatorError, match="binary"):
        decode(b"\x00\x01", "f.txt")
    assert decode("\ufeffok".encode(), "f") == "\ufeffok"


def test_tokens_split_at_span_edges() -> None:
    text = "Korea-Rusia 👩‍👩‍👧 Jose\u0301"
    toks = tokenize(text, [0, 5, 6, 11])
    assert (0, 5) in toks and (6, 11) in toks
    assert text[toks[-1][0]:toks[-1][1]] == "Jose\u0301"
    assert any(text[s:e] == "👩‍👩‍👧" for s, e in toks)


@given(st.text(alphabet=st.sampled_from(list("ab1_ -.,“”é–\u00a0\n😀אב")), max_size=60))
def test_plain_text_tokens_are_the_regex_pieces(text: str) -> None:
    """Without marks, joiners or flags a token is a word run or one visible character."""
    assert tokenize(text) == [m.span() for m in re.finditer(r"\w+|\S", text)]
