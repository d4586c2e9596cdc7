"""Text normalisation, the fallback tokenizer and sentence splitter, UTF-16 maps.

Stored text is the imported text decoded as UTF-8 with the BOM removed and CRLF
and CR turned into LF; nothing else changes. Every offset is a code point index.
Qt counts UTF-16 units, so ``Utf16Map`` is the one place that converts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter, sub
from typing import Any

from annotator.core.model import AnnotatorError, Offsets

BOM = "\ufeff"
ZWJ = "\u200d"
ZWNJ = "\u200c"


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus the positions (in the original) that were removed."""

    text: str
    removed: tuple[int, ...]

    def map_offset(self, original: int) -> int:
        """Map an offset into the original text to one into the normalised text."""
        return original - bisect_left(self.removed, original)


def decode(data: bytes, source: str = "input") -> str:
    """Decode bytes as UTF-8 (BOM allowed) with an error that names the place."""
    if b"\x00" in data[:8192]:
        raise AnnotatorError(f"{source}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnnotatorError(
            f"{source}, line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at "
            f"position {exc.start}); save the file as UTF-8 and import it again"
        ) from None


def normalize(raw: str) -> NormalizedText:
    """Remove a leading BOM and turn CRLF and lone CR into LF."""
    if not raw.startswith(BOM) and "\r" not in raw:
        return NormalizedText(raw, ())
    removed: list[int] = []
    out: list[str] = []
    start = 0
    if raw.startswith(BOM):
        removed.append(0)
        start = 1
    i = start
    n = len(raw)
    chunk_start = start
    while True:
        j = raw.find("\r", i)
        if j < 0:
            out.append(raw[chunk_start:])
            break
        if j + 1 < n and raw[j + 1] == "\n":
            out.append(raw[chunk_start:j])
            removed.append(j)
            chunk_start = j + 1
        else:
            out.append(raw[chunk_start:j])
            out.append("\n")
            chunk_start = j + 1
        i = j + 1
    return NormalizedText("".join(out), tuple(removed))


# --- tokens -----------------------------------------------------------------

_GLUE_CATEGORIES = {"Mn", "Mc", "Me"}  # combining marks stay with their base


def _is_glue(ch: str) -> bool:
    if ch in (ZWJ, ZWNJ) or "\ufe00" <= ch <= "\ufe0f":
        return True
    if "\U0001f3fb" <= ch <= "\U0001f3ff":  # emoji skin-tone modifiers
        return True
    if "\U000e0020" <= ch <= "\U000e007f":  # emoji tag sequences (subdivision flags)
        return True
    return unicodedata.category(ch) in _GLUE_CATEGORIES


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _is_regional_indicator(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def is_sticky(ch: str) -> bool:
    """A mark, joiner, variation selector, modifier or flag letter: the characters
    the tokenizer glues (a text without any is split by the regex alone)."""
    return _is_glue(ch) or _is_regional_indicator(ch)


_PIECE = re.compile(r"\w+|\S")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _sticky_chars(text: str) -> str:
    """The distinct marks, joiners, modifiers and flag letters of the text (usually
    none): a look at each distinct non-ASCII character, not at every character."""
    if text.isascii():
        return ""
    return "".join(ch for ch in set(_NON_ASCII.findall(text)) if is_sticky(ch))


def tokenize(text: str, boundaries: Iterable[int] = ()) -> list[Offsets]:
    """Split text into word, number and symbol tokens.

    A token never crosses a position in ``boundaries`` (span edges), so every
    span starts and ends on a token boundary (Prodigy's rule). Combining marks,
    variation selectors, zero-width joiners and emoji modifiers stay with the
    character before them; a pair of regional indicators (a flag) is one token.
    """
    tokens = glue(text, [m.span() for m in _PIECE.finditer(text)])
    return split_at(tokens, boundaries) if boundaries else tokens


def glue(text: str, pieces: list[Offsets]) -> list[Offsets]:
    """The regex's pieces of ``text`` (``\\w+|\\S``) with marks, joiners and flag
    pairs glued on (the tokens of :func:`tokenize`)."""
    sticky = _sticky_chars(text)
    return _glue(text, pieces, sticky) if sticky else pieces


def offset_steps(pairs: Iterable[Offsets]) -> list[int]:
    """(start, end) pairs in order as the steps between their offsets: gap before the
    first, its length, gap before the second, ... (what the store keeps)."""
    flat = list(chain.from_iterable(pairs))
    return list(map(sub, flat, [0, *flat[:-1]]))


_GAP_AND_PIECE = re.compile(r"(\s*)(\w+|\S)")


def token_steps(text: str) -> list[int]:
    """The tokens of :func:`tokenize` as the steps between their offsets: gap before
    the first token, its length, gap before the second, its length, ... (what the
    store keeps). For text without marks, joiners or flag letters (most) these are
    the lengths of the regex groups, counted in C: no offset pairs are built."""
    if _sticky_chars(text):
        return offset_steps(tokenize(text))
    return list(map(len, chain.from_iterable(_GAP_AND_PIECE.findall(text))))


def _glue(text: str, pieces: list[Offsets], sticky: str) -> list[Offsets]:
    """Marks, joiners and flag pairs glued onto the piece before (:func:`glue_merges`)."""
    at = [m.start() for m in re.finditer(f"[{re.escape(sticky)}]", text)]
    merged = glue_merges(text, list(map(itemgetter(0), pieces)),
                         list(map(itemgetter(1), pieces)), at)
    if not merged:
        return pieces
    out: list[Offsets] = []
    done = 0
    run = merged
    i = 0
    while i < len(run):
        first_k = last_k = run[i]
        while i + 1 < len(run) and run[i + 1] == last_k + 1:
            i += 1
            last_k = run[i]
        out.extend(pieces[done:first_k - 1])
        out.append((pieces[first_k - 1][0], pieces[last_k][1]))
        done = last_k + 1
        i += 1
    out.extend(pieces[done:])
    return out


def glue_merges(text: str, starts: Sequence[int], ends: Sequence[int],
                sticky_at: Iterable[int]) -> list[int]:
    """The pieces (``starts[k]``, ``ends[k]``) of ``text`` that glue onto the piece
    before them, in order, given where the sticky characters are (``sticky_at``).

    Every rule needs a sticky character at a piece's start or just before it, so
    only the pieces next to one are looked at (found by a bisection), not every
    piece: the rest of the text costs what plain text costs.
    """
    candidates: set[int] = set()
    for at in sticky_at:
        for boundary in (at, at + 1):
            k = bisect_left(starts, boundary)
            if 0 < k < len(starts) and starts[k] == boundary and ends[k - 1] == boundary:
                candidates.add(k)
    return merge_decisions(text, starts, ends, sorted(candidates))


def merge_decisions(text: str, starts: Sequence[int], ends: Sequence[int],
                    candidates: Iterable[int]) -> list[int]:
    """Which of the ``candidates`` (pieces that touch the piece before them at a
    sticky character, in order) glue onto it: a mark or joiner, a piece after a
    joiner, a word after a word ending in a mark, the second letter of a flag."""
    merged: set[int] = set()
    for k in candidates:  # in order: a merge may depend on the one before
        t = k - 1
        while t in merged:
            t -= 1
        cur_start, cur_end = starts[t], ends[k - 1]
        cur_is_word = ends[t] - cur_start > 1 or _is_word(text[cur_start])
        start, end = starts[k], ends[k]
        first, last = text[start], text[cur_end - 1]
        is_word = end - start > 1 or _is_word(first)
        glue = not is_word and _is_glue(first)
        joined = last in (ZWJ, ZWNJ)
        marked_word = is_word and cur_is_word and _is_glue(last)
        flag = (not is_word and _is_regional_indicator(first)
                and cur_end - cur_start == 1 and _is_regional_indicator(last))
        if glue or joined or marked_word or flag:
            merged.add(k)
    return sorted(merged)


def split_at(tokens: Sequence[Offsets], boundaries: Iterable[int]) -> list[Offsets]:
    """Split tokens at the given positions (span edges inside a token).

    The one place that splits tokens at span edges: the store, the editor and the
    exporters all call it with the tokens as stored (never already split), so a span
    that is gone leaves no split behind. Looks up each edge's token (few edges, many
    tokens), not each token's edges.
    """
    tokens = list(tokens)
    if not tokens:
        return tokens
    starts = list(map(itemgetter(0), tokens))
    inside: dict[int, list[int]] = {}
    for cut in set(boundaries):
        k = bisect_right(starts, cut) - 1
        if k >= 0 and tokens[k][0] < cut < tokens[k][1]:
            inside.setdefault(k, []).append(cut)
    if not inside:
        return tokens
    out: list[Offsets] = []
    prev = 0
    for k in sorted(inside):
        out.extend(tokens[prev:k])
        start, end = tokens[k]
        for cut in sorted(inside[k]):
            out.append((start, cut))
            start = cut
        out.append((start, end))
        prev = k + 1
    out.extend(tokens[prev:])
    return out


# --- sentences --------------------------------------------------------------

TERMINATORS = ".!?…"
CLOSERS = "\"'”’»)]"


def split_sentences(text: str) -> list[Offsets]:
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


_TERMINATOR = re.compile(f"[{re.escape(TERMINATORS)}]")
_TERMINATOR_RUN = re.compile(f"[{re.escape(TERMINATORS + CLOSERS)}]*")
_SPACE_RUN = re.compile(r"\s*")  # re's \s is str.isspace


def _split_line(text: str, start: int, end: int, out: list[Offsets]) -> None:
    # Jumps from terminator to terminator (a regex search in C) instead of looking
    # at every character; tests/core/test_sentence_equivalence.py holds the
    # character-by-character version as the oracle.
    sent_start = start
    i = start
    while True:
        found = _TERMINATOR.search(text, i, end)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        j = _TERMINATOR_RUN.match(text, i + 1, end).end()  # type: ignore[union-attr]
        if j < end and text[j].isspace():
            k = _SPACE_RUN.match(text, j, end).end()  # type: ignore[union-attr]
            is_initial = ch == "." and i - 1 >= start and text[i - 1].isupper() and (
                i - 2 < start or not text[i - 2].isalnum()
            )
            if k < end and not text[k].islower() and not is_initial:
                _emit(text, sent_start, j, out)
                sent_start = k
                i = k
                continue
        i = j
    _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[Offsets]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentence_groups(tokens: Sequence[Offsets], sentences: Sequence[Offsets]
                    ) -> list[list[Offsets]]:
    """Tokens grouped by the sentence their start falls in (tokens before the first go first)."""
    if not sentences:
        return [list(tokens)] if tokens else []
    starts = [s for s, _ in sentences]
    groups: list[list[Offsets]] = [[] for _ in sentences]
    for tok in tokens:
        groups[max(0, bisect_right(starts, tok[0]) - 1)].append(tok)
    return [g for g in groups if g]


def tags_to_spans(tokens: Sequence[Offsets], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Character spans from BIOES (or BIO) tags over tokens with offsets."""
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None  # [start, end, label]
    for (start, end), tag in zip(tokens, tags, strict=True):
        prefix, _, label = tag.partition("-")
        if tag in ("O", "", "_") or not label:
            if cur:
                spans.append((cur[0], cur[1], cur[2]))
            cur = None
            continue
        if prefix in ("B", "S") or cur is None or cur[2] != label:
            if cur:
                spans.append((cur[0], cur[1], cur[2]))
            cur = [start, end, label]
        else:  # I or E continuing the same label
            cur[1] = end
        if prefix in ("S", "E"):
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur:
        spans.append((cur[0], cur[1], cur[2]))
    return spans


def snap_to_tokens(tokens: Sequence[Offsets], start: int, end: int) -> Offsets | None:
    """Widen [start, end) to whole tokens; None if it touches no token."""
    if not tokens or end <= start:
        return None
    ends = [e for _, e in tokens]
    starts = [s for s, _ in tokens]
    first = bisect_right(ends, start)
    last = bisect_left(starts, end) - 1
    if first > last or first >= len(tokens):
        return None
    return (tokens[first][0], tokens[last][1])


# --- UTF-16 ------------------------------------------------------------------


class Utf16Map:
    """Code point <-> UTF-16 unit offsets for one text (Qt counts UTF-16 units)."""

    __slots__ = ("_astral", "_astral_u16")

    def __init__(self, text: str) -> None:
        # Only characters outside the BMP take two UTF-16 units; most texts have none.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if (
            text and max(text) > "\uffff"
        ) else []
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        """True when both offsets are the same (no character outside the BMP)."""
        return not self._astral

    def to_utf16(self, cp: int) -> int:
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, u16: int) -> int:
        """Map a UTF-16 position back; a position inside a surrogate pair snaps back."""
        if not self._astral:
            return u16
        k = bisect_left(self._astral_u16, u16)
        if k > 0 and self._astral_u16[k - 1] + 1 == u16:
            return self._astral[k - 1]
        return u16 - k
