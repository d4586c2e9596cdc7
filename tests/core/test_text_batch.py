"""The tokenizer and sentence splitter over many texts at once (core/text_batch.py,
what an import keeps) give exactly the steps of the one-text functions of
core/text.py, on tricky text, whatever texts stand next to each other."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.text import offset_steps, split_sentences, token_steps
from annotator.core.text_batch import segment_many
from tests.core.test_tokenizer_equivalence import TRICKY as TOKEN_TRICKY

SENTENCE_TRICKY = list("ab Zé É1 .!?…\"'”’»)]\n\t\u00a0\u2028\x1c(Jl")
TEXT = st.text(alphabet=st.sampled_from(TOKEN_TRICKY + SENTENCE_TRICKY), max_size=60)


def _check(texts: list[str]) -> None:
    tokens, sentences = segment_many(texts)
    assert len(tokens) == len(sentences) == len(texts)
    for i, text in enumerate(texts):
        assert tokens.of(i) == token_steps(text), (i, text)
        assert sentences.of(i) == offset_steps(split_sentences(text)), (i, text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(TEXT, max_size=4))
@example([])
@example(["", "", ""])
@example(["  ", "\n", "a"])
@example(["Jl. Sudirman. Ia datang! \"Ya.\" Lalu?  B. J. Habibie… pergi.\nKorea\nUtara"])
@example(["A. b. C.D. ?! x.)  Y", "J.. Smith. ..... Ok.\n"])
@example(["🇮🇩🇷🇺🇮", "👩\u200d👩\u200d👧 ok", "e\u0301t\u0301e a\u200d b", " \u0301a \u200db"])
@example(["x.", "Y", ".", "!"])
def test_many_texts_segment_as_each_alone(texts: list[str]) -> None:
    _check(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=3))
def test_any_characters(texts: list[str]) -> None:
    _check(texts)


def test_long_stretches_and_big_steps() -> None:
    # a stretch of terminators, a long gap (steps above 255), a last empty text
    _check(["Ya" + "." * 5000 + " Tidak.", " " * 70_000 + "Jauh. Sekali", "x" * 300, ""])
