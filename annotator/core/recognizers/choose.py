"""The contest between overlapping suggestions, shared by the project runner
(``runner.preannotate``) and the project-free ``core.suggest``.

A suggestion must lie inside the text, be non-empty and have no surrounding
whitespace (:func:`valid_suggestion`). Between overlapping candidates the
stronger recognizer in ``base.PRIORITY`` wins, then the longer span, then the
higher score, then the earlier start (:meth:`Candidate.key`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.recognizers import base
from annotator.core.recognizers.base import Suggestion


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    score: float
    source: str
    existing_id: int | None = None  # an already stored suggestion

    def key(self) -> tuple[int, int, float, int]:
        return (base.priority_rank(self.source), -(self.end - self.start), -self.score,
                self.start)


def valid_suggestion(sug: Suggestion, text: str, text_len: int) -> bool:
    if not 0 <= sug.start < sug.end <= text_len:
        return False
    piece = text[sug.start:sug.end]
    return piece.strip() == piece and bool(piece)


class Intervals:
    """A union of half-open intervals with a fast overlap test (sorted, merged)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in sorted(spans):
            if self._ends and s < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], e)
            else:
                self._starts.append(s)
                self._ends.append(e)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, start) - 1  # last interval starting at or before start
        if k >= 0 and self._ends[k] > start:
            return True
        return k + 1 < len(self._starts) and self._starts[k + 1] < end

    def add(self, start: int, end: int) -> None:
        """Add an interval that overlaps none already present."""
        k = bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
