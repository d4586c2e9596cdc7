"""The piece-by-piece tokenizer that ``annotator.core.text.tokenize`` replaced (which
now looks only at the pieces next to a sticky character): kept verbatim as the
oracle of the equivalence tests."""

from __future__ import annotations

import re
import unicodedata

from annotator.core.model import Offsets

ZWJ = "\u200d"
ZWNJ = "\u200c"

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


_PIECE = re.compile(r"\w+|\S")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _needs_glue(text: str) -> bool:
    """Whether the text has any mark, joiner, modifier or flag letter (usually not)."""
    if text.isascii():
        return False
    return any(_is_glue(ch) or _is_regional_indicator(ch)
               for ch in set(_NON_ASCII.findall(text)))


def reference_tokenize(text: str) -> list[Offsets]:
    """Split text into word, number and symbol tokens.

    A token never crosses a position in ``boundaries`` (span edges), so every
    span starts and ends on a token boundary (Prodigy's rule). Combining marks,
    variation selectors, zero-width joiners and emoji modifiers stay with the
    character before them; a pair of regional indicators (a flag) is one token.
    """
    if _needs_glue(text):
        tokens = _tokenize_glued(text)
    else:  # the common case: the regex pieces are the tokens
        tokens = [m.span() for m in _PIECE.finditer(text)]
    return tokens


def _tokenize_glued(text: str) -> list[Offsets]:
    """Regex pieces, then marks, joiners and flag pairs glued onto the piece before."""
    tokens: list[Offsets] = []
    cur_start = cur_end = -1
    cur_is_word = False
    for match in _PIECE.finditer(text):
        start, end = match.span()
        first = text[start]
        is_word = end - start > 1 or _is_word(first)
        if start == cur_end:
            last = text[cur_end - 1]
            glue = not is_word and _is_glue(first)
            joined = last in (ZWJ, ZWNJ)
            marked_word = is_word and cur_is_word and _is_glue(last)
            flag = (not is_word and _is_regional_indicator(first)
                    and cur_end - cur_start == 1 and _is_regional_indicator(last))
            if glue or joined or marked_word or flag:
                cur_end = end
                continue
        if cur_end >= 0:
            tokens.append((cur_start, cur_end))
        cur_start, cur_end, cur_is_word = start, end, is_word
    if cur_end >= 0:
        tokens.append((cur_start, cur_end))
    return tokens
