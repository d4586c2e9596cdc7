"""The fallback tokenizer and sentence splitter of :mod:`annotator.core.text`, run
over many texts at once with numpy: what an import keeps for each document.

``text.token_steps`` and ``text.split_sentences`` look at one text at a time, and
even in C-speed regex calls they build a Python string per token (about 2.5
million at 10,000 news documents: ~0.8 s of a 4 s import). Here the texts of an
insert batch are joined by line breaks (no token, and no sentence, crosses a
line break, so each text segments exactly as alone), every character gets its
class bits once (a table for ASCII, ``str`` methods for each distinct other
character), and token and sentence edges are found by array comparisons. The
rules are the ones of ``text``, stated again below in array form;
tests/core/test_text_batch.py checks both give the same offsets on tricky text.

The pieces next to a mark, joiner or flag letter (``text.is_sticky``) are glued
by the rules of ``text.merge_decisions``.

numpy is imported by this module alone, which only an insert of many documents
loads (the window's start-up never does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from annotator.core.text import CLOSERS, TERMINATORS, is_sticky, merge_decisions

# class bits of one character
WORD = 1  # re's \w: str.isalnum() or "_"
SPACE = 2  # re's \s: str.isspace()
NEWLINE = 4  # "\n": the only line break of the sentence splitter
TERMINATOR = 8  # . ! ? ...
CLOSER = 16  # closing quotes and brackets after a terminator
UPPER = 32
LOWER = 64
ALNUM = 128
STICKY = 256  # a combining mark, joiner, variation selector, modifier or flag letter

Array = npt.NDArray[np.int64]


def _bits(ch: str) -> int:
    bits = 0
    if ch.isalnum() or ch == "_":
        bits |= WORD
    if ch.isspace():
        bits |= SPACE
    if ch == "\n":
        bits |= NEWLINE
    if ch in TERMINATORS:
        bits |= TERMINATOR
    if ch in CLOSERS:
        bits |= CLOSER
    if ch.isupper():
        bits |= UPPER
    if ch.islower():
        bits |= LOWER
    if ch.isalnum():
        bits |= ALNUM
    if is_sticky(ch):
        bits |= STICKY
    return bits


_ASCII_BITS = np.array([_bits(chr(c)) for c in range(128)], dtype=np.uint16)


def _classify(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint16]:
    """The class bits of every character: one lookup table over the characters
    present (a table for ASCII, ``_bits`` for each distinct other character)."""
    distinct = np.unique(codes[codes >= 128])
    table = np.zeros(int(distinct[-1]) + 1 if len(distinct) else 128, dtype=np.uint16)
    table[:128] = _ASCII_BITS
    table[distinct] = [_bits(chr(c)) for c in distinct.tolist()]
    return table[codes]


@dataclass(slots=True)
class Steps:
    """The steps (gap, length, gap, length, ...) of the spans of many texts in one
    array: text ``i``'s are ``values[cuts[i]:cuts[i + 1]]``."""

    values: Array
    cuts: Array

    def __len__(self) -> int:
        return len(self.cuts) - 1

    def of(self, i: int) -> list[int]:
        steps: list[int] = self.values[self.cuts[i]:self.cuts[i + 1]].tolist()
        return steps

    def texts_with_steps_over(self, limit: int) -> set[int]:
        """The texts with a step above ``limit`` in ``values``."""
        over = np.flatnonzero(self.values > limit)
        return set((np.searchsorted(self.cuts, over, side="right") - 1).tolist())


def segment_many(texts: Sequence[str]) -> tuple[Steps, Steps]:
    """The steps of each text's tokens (``text.token_steps``) and of its sentences
    (``text.split_sentences``)."""
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    bits = _classify(codes)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    begins = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=begins[1:])
    token_starts, token_ends = _glued(joined, bits, *_tokens(bits))
    tokens = _per_text(token_starts, token_ends, begins)
    sentences = _per_text(*_sentences(codes, bits), begins)
    return tokens, sentences


def _glued(joined: str, bits: npt.NDArray[np.uint16], starts: Array, ends: Array
           ) -> tuple[Array, Array]:
    """The pieces with marks, joiners and flag pairs glued on (``text.glue``): the
    pieces that touch the piece before at a sticky character are found here, the
    rules (``text.merge_decisions``) look at those alone."""
    sticky = np.flatnonzero((bits & STICKY) != 0)
    if not len(sticky) or not len(starts):
        return starts, ends
    boundary = np.concatenate([sticky, sticky + 1])
    k = np.searchsorted(starts, boundary)
    inside = (k > 0) & (k < len(starts))
    k, boundary = k[inside], boundary[inside]
    touching = (starts[k] == boundary) & (ends[k - 1] == boundary)
    candidates = np.unique(k[touching])
    # the arrays index as sequences of ints do (only the candidates' pieces are read)
    merged = merge_decisions(joined, cast(Sequence[int], starts), cast(Sequence[int], ends),
                             candidates.tolist())
    if not merged:
        return starts, ends
    keep = np.ones(len(starts), dtype=np.bool_)
    keep[merged] = False
    heads = np.flatnonzero(keep)
    # a glued token ends where the last piece glued onto it does
    return starts[heads], ends[np.append(heads[1:], len(starts)) - 1]


def _shifted(mask: npt.NDArray[np.bool_], by: int) -> npt.NDArray[np.bool_]:
    """mask[p - by] at p (False where that falls outside)."""
    out = np.zeros_like(mask)
    if by > 0:
        out[by:] = mask[:-by]
    else:
        out[:by] = mask[-by:]
    return out


def _tokens(bits: npt.NDArray[np.uint16]) -> tuple[Array, Array]:
    """The pieces of ``text._PIECE`` (``\\w+|\\S``): a run of word characters, or
    any other character that is not a space."""
    word = (bits & WORD) != 0
    other = (bits & (WORD | SPACE)) == 0
    starts = np.flatnonzero(other | (word & ~_shifted(word, 1)))
    ends = np.flatnonzero(other | (word & ~_shifted(word, -1))) + 1
    return starts, ends


class _Stretches:
    """Sorted positions (e.g. of every space) as stretches of consecutive ones."""

    def __init__(self, positions: Array) -> None:
        self.positions = positions
        step = positions[1:] != positions[:-1] + 1
        self._first = np.flatnonzero(np.concatenate([[True], step]))
        self._last = np.flatnonzero(np.concatenate([step, [True]]))

    def end(self, index: Array) -> Array:
        """Just after the stretch of ``positions[index]``."""
        return self.positions[self._last[np.searchsorted(self._last, index)]] + 1

    def start(self, index: Array) -> Array:
        """The first position of the stretch of ``positions[index]``."""
        return self.positions[self._first[np.searchsorted(self._first, index, "right") - 1]]

    def skip(self, at: Array, forward: bool) -> Array:
        """Each of ``at``, or where its stretch ends (begins) when it is in one."""
        if not len(self.positions):
            return at
        index = np.minimum(np.searchsorted(self.positions, at), len(self.positions) - 1)
        inside = self.positions[index] == at
        out = at.copy()
        out[inside] = (self.end(index[inside]) if forward
                       else self.start(index[inside]) - 1)
        return out


def _sentences(codes: npt.NDArray[np.uint32], bits: npt.NDArray[np.uint16]
               ) -> tuple[Array, Array]:
    """``text.split_sentences``: lines cut after a run of terminators (and closers)
    followed by spaces and a character that is not lower case, unless the run
    starts with the period of an initial; each piece trimmed of spaces, empty
    pieces dropped. Works on the few positions that matter (terminators, closers,
    spaces), not on every character."""
    n = len(bits)
    padded = np.append(bits, np.uint16(NEWLINE))  # position n: the end, like a line end
    # A run starts at the first terminator of a stretch of terminators and closers
    # and ends where the stretch does (the splitter jumps over the whole run).
    marks = _Stretches(np.flatnonzero((bits & (TERMINATOR | CLOSER)) != 0))
    is_terminator = np.flatnonzero((bits[marks.positions] & TERMINATOR) != 0)
    terminators = marks.positions[is_terminator]
    terminator_ends = marks.end(is_terminator)
    first = np.ones(len(terminators), dtype=np.bool_)
    first[1:] = terminator_ends[1:] != terminator_ends[:-1]
    run_starts, run_ends = terminators[first], terminator_ends[first]
    # spaces within the line after the run, then a character on the same line
    spaces = np.flatnonzero((bits & SPACE) != 0)
    inline = _Stretches(spaces[(bits[spaces] & NEWLINE) == 0])
    cut = (padded[run_ends] & (SPACE | NEWLINE)) == SPACE
    after = run_ends.copy()
    after[cut] = inline.end(np.searchsorted(inline.positions, run_ends[cut]))
    cut &= (padded[after] & (NEWLINE | LOWER)) == 0
    # the period of an initial: "B. J. Habibie" (an upper-case letter after no letter)
    prev1 = np.where(run_starts >= 1, bits[np.maximum(run_starts - 1, 0)], 0)  # 0: none
    prev2 = np.where(run_starts >= 2, bits[np.maximum(run_starts - 2, 0)], 0)
    cut &= ~((codes[run_starts] == ord(".")) & ((prev1 & UPPER) != 0)
             & ((prev2 & ALNUM) == 0))
    # pieces: from the start, from after each cut and line break, to the end
    breaks = np.flatnonzero((bits & NEWLINE) != 0)
    cut_ends = np.concatenate([run_ends[cut], breaks])
    order = np.argsort(cut_ends)
    piece_ends = np.append(cut_ends[order], n)
    piece_starts = np.concatenate([[0], np.concatenate([after[cut], breaks + 1])[order]])
    # trimmed: a piece that starts (ends) in spaces starts after (ends before) them
    all_spaces = _Stretches(spaces)
    starts = all_spaces.skip(piece_starts, forward=True)
    ends = all_spaces.skip(piece_ends - 1, forward=False) + 1
    keep = starts < ends
    return starts[keep], ends[keep]


def _per_text(starts: Array, ends: Array, begins: Array) -> Steps:
    """The steps of each text's spans, offsets from the text's own start."""
    flat = np.empty(2 * len(starts), dtype=np.int64)
    flat[0::2] = starts
    flat[1::2] = ends
    steps = np.empty_like(flat)
    if len(flat):
        steps[0] = flat[0]
        steps[1:] = flat[1:] - flat[:-1]
    bounds = np.append(np.searchsorted(starts, begins), len(starts))
    # each text's first gap counts from the text's own start (texts with spans)
    has = bounds[:-1] < bounds[1:]
    steps[2 * bounds[:-1][has]] = starts[bounds[:-1][has]] - begins[has]
    return Steps(steps, 2 * bounds)
