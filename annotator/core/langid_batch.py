"""``langid.guess_language`` for many texts at once, with numpy: what an import
runs for every document that does not say its language.

The one-text guess builds a Python string for each of the first 150 words and
looks it up (~50 us a document: 0.5 s of a 3 s import of 10,000 news documents),
though only the function words count. Here the words are found by array
comparisons over the texts' starts joined together, and each word that could be
a function word (at most 8 characters, each lower-cased to one Latin-1
character, as every listed function word is) is packed into one 64-bit integer,
a byte a character: an exact key, compared with the function words' keys in
one sorted search. The counts per language then go through ``langid.decide``,
the rule of the one-text guess. tests/core/test_langid_batch.py checks both
give the same answer.

A function word list that does not pack (a longer or non-Latin-1 word in
resources/langid.toml) makes this fall back to the one-text guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from annotator.core.langid import (
    SAMPLE_CHARS,
    SAMPLE_WORDS,
    decide,
    function_words,
    guess_language,
)

PACKED_CHARS = 8  # characters a 64-bit key holds, a byte each
Array = npt.NDArray[np.int64]


def _letter(ch: str) -> bool:
    """A character of langid's words (``[^\\W\\d_]``): \\w without digits and "_"."""
    return ch.isalnum() and not ch.isdecimal()


def _lower_byte(ch: str) -> int:
    """The character's lower case as one Latin-1 byte (1-255), 0 when it is not one."""
    low = ch.lower()
    return ord(low) if len(low) == 1 and 0 < ord(low) < 256 else 0


def _pack(word: str) -> int | None:
    if len(word) > PACKED_CHARS or not all(0 < ord(c) < 256 for c in word):
        return None
    return sum(ord(c) << (8 * i) for i, c in enumerate(word))


@lru_cache(maxsize=1)
def _keys() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], list[str]] | None:
    """Sorted keys of the function words, a word x language count matrix (rows in key
    order) and the languages; None when a function word does not pack."""
    index = function_words()
    packed = {word: _pack(word) for word in index}
    if not index or any(key is None for key in packed.values()):
        return None
    langs = sorted({lang for found in index.values() for lang in found})
    words = sorted(index, key=lambda w: packed[w] or 0)
    matrix = np.zeros((len(words), len(langs)), dtype=np.int64)
    for row, word in enumerate(words):
        for lang in index[word]:
            matrix[row, langs.index(lang)] += 1
    keys = np.array([packed[w] for w in words], dtype=np.uint64)
    return keys, matrix, langs


def guess_languages(texts: Sequence[str]) -> list[str | None]:
    """``langid.guess_language`` of each text."""
    table = _keys()
    if table is None:
        return [guess_language(t) for t in texts]
    keys, matrix, langs = table
    samples = [t[:SAMPLE_CHARS] for t in texts]
    joined = " ".join(samples)  # a space: no word runs from one text into the next
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    letter, lower = _classify(codes)
    lengths = np.fromiter(map(len, samples), dtype=np.int64, count=len(samples))
    begins = np.zeros(len(samples), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=begins[1:])
    edges = np.diff(letter.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    # each text's first SAMPLE_WORDS words
    owner = np.searchsorted(begins, starts, side="right") - 1
    rank = np.arange(len(starts)) - np.searchsorted(starts, begins)[owner]
    kept = rank < SAMPLE_WORDS
    word_counts = np.bincount(owner[kept], minlength=len(texts))
    sizes = ends - starts
    # words that can be keys: short, every character lower-cased to one byte
    unpackable = np.cumsum(letter & (lower == 0), dtype=np.int32)
    fits = kept & (sizes <= PACKED_CHARS) & (unpackable[ends - 1] == unpackable[starts]) & (
        lower[starts] != 0)
    starts, sizes, owner = starts[fits], sizes[fits], owner[fits]
    # each word's bytes and the bytes after it, read as one little-endian integer,
    # then cut to the word's own bytes
    padded = np.concatenate([lower, np.zeros(PACKED_CHARS, dtype=np.uint8)])
    windows = np.lib.stride_tricks.as_strided(
        padded, shape=(len(lower), PACKED_CHARS), strides=(1, 1), writeable=False)
    packed = windows[starts].copy().view("<u8")[:, 0] & _MASKS[sizes]
    at = np.minimum(np.searchsorted(keys, packed), len(keys) - 1)
    hit = keys[at] == packed
    scores = np.zeros((len(texts), len(langs)), dtype=np.int64)
    np.add.at(scores, owner[hit], matrix[at[hit]])
    return [decide(dict(zip(langs, row, strict=True)), n)
            for row, n in zip(scores.tolist(), word_counts.tolist(), strict=True)]


# the low 8 x n bits of a 64-bit integer, for n = 0..8
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(PACKED_CHARS + 1)], dtype=np.uint64)


def _classify(codes: npt.NDArray[np.uint32]
              ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint8]]:
    """Per character: a letter of a word? its lower case as a byte (0: none). One
    lookup table over the characters present (an str method call each)."""
    distinct = np.unique(codes[codes >= 128])
    size = int(distinct[-1]) + 1 if len(distinct) else 128
    letter_of = np.zeros(size, dtype=np.bool_)
    lower_of = np.zeros(size, dtype=np.uint8)
    letter_of[:128], lower_of[:128] = _ASCII_LETTER, _ASCII_LOWER
    chars = [chr(c) for c in distinct.tolist()]
    letter_of[distinct] = [_letter(c) for c in chars]
    lower_of[distinct] = [_lower_byte(c) for c in chars]
    return letter_of[codes], lower_of[codes]


_ASCII_LETTER = np.array([_letter(chr(c)) for c in range(128)], dtype=np.bool_)
_ASCII_LOWER = np.array([_lower_byte(chr(c)) for c in range(128)], dtype=np.uint8)
