"""The fallback sentence splitter that jumps from terminator to terminator gives
exactly the sentences of the character-by-character splitter it replaced."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.model import Offsets
from annotator.core.text import split_sentences

_TERMINATORS = ".!?…"
_CLOSERS = "\"'”’»)]"

def reference_split_sentences(text: str) -> list[Offsets]:
    """A language-neutral fallback sentence splitter.

    Splits at line breaks and after ``. ! ? …`` (plus closing quotes) when
    whitespace follows and the next text does not start in lower case. A period
    after a single letter (an initial) does not end a sentence. Stanza's
    sentences replace these where a Stanza recognizer ran.
    """
    sentences: list[Offsets] = []
    n = len(text)
    line_start = 0
    while line_start <= n:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        _split_line(text, line_start, line_end, sentences)
        line_start = line_end + 1
    return sentences


def _split_line(text: str, start: int, end: int, out: list[Offsets]) -> None:
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in _TERMINATORS:
            j = i + 1
            while j < end and (text[j] in _TERMINATORS or text[j] in _CLOSERS):
                j += 1
            if j < end and text[j].isspace():
                k = j
                while k < end and text[k].isspace():
                    k += 1
                is_initial = ch == "." and i - 1 >= start and text[i - 1].isupper() and (
                    i - 2 < start or not text[i - 2].isalnum()
                )
                if k < end and not text[k].islower() and not is_initial:
                    _emit(text, sent_start, j, out)
                    sent_start = k
                    i = k
                    continue
            i = j
            continue
        i += 1
    _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[Offsets]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


TRICKY = list("ab Zé É1 .!?…\"'”’»)]\n\t\u00a0\u2028\x1c(Jl")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=80))
@example("Jl. Sudirman. Ia datang! \"Ya.\" Lalu?  B. J. Habibie… pergi.\nKorea\nUtara")
@example("A. b. C.D. ?! x.)  Y")
def test_sentences_equal_the_reference_splitter(text: str) -> None:
    assert split_sentences(text) == reference_split_sentences(text)


def test_reference_is_typed() -> None:
    out: list[Offsets] = reference_split_sentences("Satu. Dua.")
    assert out == [(0, 5), (6, 10)]
