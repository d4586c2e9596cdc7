"""A document as the claim recognizer reads it: words, sentences, quotations, speakers."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.claim_recognizer.lexicon import Cue, Phrase
from annotator.core.model import Document, EntitySpan, Offsets, SpanStatus
from annotator.core.text import split_sentences, tokenize

SPEAKER_LABELS = ("PER", "ORG")

# Opening mark -> closing marks. The straight double quote closes itself.
QUOTES: dict[str, str] = {'"': '"', "“": "”", "‘": "’", "«": "»", "„": "“”", "‹": "›"}
CLOSING_MARKS = "\"”’»“›"
STRIP = " \t\n,;:.-–—"


@dataclass(slots=True)
class FoundCue:
    start: int
    end: int
    tok: int  # index of the cue's first token
    tok_end: int  # index after its last token
    cue: Cue


class WordedDoc:
    def __init__(self, doc: Document, entities: Iterable[EntitySpan]) -> None:
        self.text = doc.text
        self.tokens: list[Offsets] = list(doc.tokens) or tokenize(doc.text)
        self.sentences: list[Offsets] = list(doc.sentences) or split_sentences(doc.text)
        self.words = [self.text[s:e].lower() for s, e in self.tokens]
        self.starts = [s for s, _ in self.tokens]
        self.sent_starts = [s for s, _ in self.sentences]
        live = [e for e in entities if e.status != SpanStatus.REJECTED]
        self.entities = sorted(live, key=lambda e: (e.start, e.end))
        self.speakers = [e for e in self.entities if e.label in SPEAKER_LABELS]
        self._ent_starts = [e.start for e in self.entities]
        self._longest = max((e.end - e.start for e in self.entities), default=0)
        self.cues: list[FoundCue] = []
        self._cue_starts: list[int] = []
        self.quotes: list[Offsets] = find_quotes(self.text)
        self.quote_starts = [q[0] for q in self.quotes]
        self.cue_named: set[str] | None = None  # claimant.py's cache

    def set_cues(self, cues: list[FoundCue]) -> None:
        self.cues = cues
        self._cue_starts = [c.start for c in cues]

    def cue_after(self, pos: int) -> FoundCue | None:
        """The first cue starting at or after ``pos``."""
        k = bisect.bisect_left(self._cue_starts, pos)
        return self.cues[k] if k < len(self.cues) else None

    def cue_end_before(self, pos: int) -> int:
        """The end of the last cue that ends by ``pos`` (0 when none)."""
        k = bisect.bisect_right(self._cue_starts, pos) - 1
        while k >= 0 and self.cues[k].end > pos:
            k -= 1
        return self.cues[k].end if k >= 0 else 0

    def quoted(self, pos: int) -> bool:
        """``pos`` lies inside a quotation (between its marks)."""
        return in_quote(pos, self.quotes, self.quote_starts)

    def cues_in(self, start: int, end: int) -> list[FoundCue]:
        lo = bisect.bisect_right(self._cue_starts, start)
        hi = bisect.bisect_left(self._cue_starts, end)
        return self.cues[lo:hi]

    def entities_over(self, start: int, end: int) -> list[EntitySpan]:
        """Entities overlapping ``[start, end)``, in document order (bisect, not a scan:
        long documents have thousands of cues and entities)."""
        hi = bisect.bisect_left(self._ent_starts, end)
        lo = bisect.bisect_left(self._ent_starts, start - self._longest)
        return [e for e in self.entities[lo:hi] if e.end > start]

    def sentence(self, pos: int) -> Offsets:
        """The sentence holding ``pos`` (or the line, between sentences)."""
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        if k >= 0 and self.sentences[k][0] <= pos < self.sentences[k][1]:
            return self.sentences[k]
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        return (line_start, len(self.text) if line_end < 0 else line_end)

    def sentence_no(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def toks_in(self, start: int, end: int) -> list[Offsets]:
        return [t for t in self.tokens[self.tok_at(start):self.tok_at(end)] if t[1] <= end]

    def words_in(self, start: int, end: int) -> list[str]:
        return [self.text[s:e].lower() for s, e in self.toks_in(start, end)]

    def word_count(self, start: int, end: int) -> int:
        return sum(1 for s, _e in self.toks_in(start, end) if self.text[s].isalnum())

    def has_phrase(self, start: int, end: int, phrases: Sequence[Phrase]) -> bool:
        words = self.words_in(start, end)
        by_first = _by_first_word(tuple(phrases))
        for i, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    return True
        return False

    def line_no(self, pos: int) -> int:
        """The paragraph number of ``pos``, counting non-empty lines only."""
        if not hasattr(self, "_line_starts"):
            self._line_starts = [0]
            self._filled_before = [0]  # non-empty lines before each line
            for line in self.text.split("\n"):
                self._line_starts.append(self._line_starts[-1] + len(line) + 1)
                self._filled_before.append(self._filled_before[-1] + bool(line.strip()))
        return self._filled_before[bisect.bisect_right(self._line_starts, pos) - 1]


@functools.lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[Phrase, ...]) -> dict[str, list[Phrase]]:
    out: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return out


def find_quotes(text: str) -> list[Offsets]:
    """Outermost quotations as (opening mark, closing mark + 1); never across lines.

    An unclosed quotation runs to the end of its line (a quote that continues in
    the next paragraph). ``’`` inside a word is an apostrophe, not a closing mark.
    """
    quotes: list[Offsets] = []
    pos = 0
    n = len(text)
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        i = pos
        opener = -1
        closers = ""
        while i < line_end:
            ch = text[i]
            if opener < 0:
                if ch in QUOTES and (ch != "‘" or i == pos or not text[i - 1].isalnum()):
                    opener, closers = i, QUOTES[ch]
            elif ch in closers and not (
                    ch == "’" and i + 1 < line_end and text[i + 1].isalnum()):
                quotes.append((opener, i + 1))
                opener = -1
            i += 1
        if opener >= 0 and opener + 1 < line_end:
            quotes.append((opener, line_end))
        pos = line_end + 1
    return quotes


def strip(text: str, start: int, end: int, chars: str = STRIP) -> Offsets:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def inner(text: str, quote: Offsets) -> Offsets:
    """The quoted text: without the marks, surrounding space and a trailing comma."""
    start, end = quote
    closed = end - 1 > start and text[end - 1] in CLOSING_MARKS
    return strip(text, start + 1, end - 1 if closed else end, " \t\n,")


def in_quote(pos: int, quotes: Sequence[Offsets], starts: Sequence[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and quotes[k][0] < pos < quotes[k][1]


def quote_at(pos: int, quotes: Sequence[Offsets]) -> Offsets | None:
    """The quotation holding ``pos`` (its marks included)."""
    return next((q for q in quotes if q[0] <= pos < q[1]), None)
