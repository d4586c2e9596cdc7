"""The language guess over many texts at once (core/langid_batch.py, what an import
runs) gives exactly the one-text guess of core/langid.py."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.langid import SAMPLE_CHARS, function_words, guess_language
from annotator.core.langid_batch import guess_languages

FUNCTION = sorted(function_words())
OTHER = ["Jakarta", "Kim", "Putin", "12", "x1y", "a_b", "²", "Ⅻ", "½", "٣", "İ", "ΣΑΣ",
         "\u212aan", "Été", "FÜR", "Über", "été\u0301", "naïve", "😀", "dengan", "x" * 9,
         "ab\u0300", "ǅ", "ß", "ﬁ"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "-", "'", "\u00a0", "_", "1", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(FUNCTION), st.sampled_from(OTHER)),
                          max_size=40))
    out = []
    for word in words:
        case = draw(st.sampled_from([str.lower, str.upper, str.title]))
        out.append(case(word) + draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


@settings(max_examples=600, deadline=None)
@given(st.lists(texts(), max_size=5))
@example(["Die Regierung hat am Montag gesagt, dass die neue Brücke im nächsten Monat für "
          "den Verkehr geöffnet wird", "The city council said on Monday that the new bridge",
          "", "the and", "Pemerintah kota mengatakan bahwa jalan baru itu akan dibuka"])
def test_many_texts_are_guessed_as_each_alone(group: list[str]) -> None:
    assert guess_languages(group) == [guess_language(t) for t in group]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=4))
def test_any_characters(group: list[str]) -> None:
    assert guess_languages(group) == [guess_language(t) for t in group]


def test_only_the_sample_counts() -> None:
    # past SAMPLE_CHARS, and past 150 words, nothing counts; a word cut at the edge
    long_en = "x " * (SAMPLE_CHARS // 2 - 2) + "theand " + "the and of to " * 100
    many_words = "kata " * 150 + "the and of to is " * 30
    mixed = "dan yang di " * 10 + "the and of " * 10
    # id just leads en (30 >= 1.2 x 25) in the first 150 words; one more "the" would tie
    at_the_edge = "yang " * 30 + "the " * 25 + "kata " * 95 + "the the"
    group = [long_en, many_words, mixed, "the and of to is in that it " * 3, at_the_edge]
    assert guess_languages(group) == [guess_language(t) for t in group]
    assert guess_languages(group)[3:] == ["en", "id"]
