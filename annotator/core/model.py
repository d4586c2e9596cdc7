"""Plain data types shared by the store, the importers, the exporters and the GUI.

Offsets are Python ``str`` indices (code points), half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DocStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class SpanStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Stance(StrEnum):
    ASSERTS = "asserts"
    DENIES = "denies"
    QUESTIONS = "questions"


Offsets = tuple[int, int]


@dataclass(slots=True)
class Document:
    id: int
    external_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    annotator: str | None = None
    lang: str | None = None
    # Token and sentence boundaries as (start, end) pairs; ``tokens_source`` says
    # who computed them ("fallback" or a recognizer such as "stanza").
    tokens: list[Offsets] = field(default_factory=list)
    sentences: list[Offsets] = field(default_factory=list)
    tokens_source: str = "fallback"
    sha256: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def title(self) -> str:
        """The first non-empty line, for lists and window titles."""
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""


@dataclass(slots=True)
class EntitySpan:
    doc_id: int
    start: int
    end: int
    label: str
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None
    annotator: str | None = None
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    # Whether a person decided this span (added, accepted, rejected, resized or
    # relabelled it) and who; a suggestion is a row no person decided.
    decided: bool = False
    decided_by: str | None = None


@dataclass(slots=True)
class Claim:
    doc_id: int
    start: int
    end: int
    label: str
    # The claimant is either an entity of the same document or free text
    # (when the speaker is not named as an entity, e.g. "sumber tersebut").
    claimant_id: int | None = None
    claimant_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None
    annotator: str | None = None
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    decided: bool = False  # as EntitySpan.decided
    decided_by: str | None = None

    @property
    def cue(self) -> Offsets | None:
        if self.cue_start is None or self.cue_end is None:
            return None
        return (self.cue_start, self.cue_end)


@dataclass(slots=True)
class DocumentSummary:
    """A light row for document lists: no text, no spans."""

    id: int
    external_id: str
    title: str
    status: DocStatus
    annotator: str | None = None


class AnnotatorError(Exception):
    """An error with a message meant for the user, shown as it is."""


class SchemaTooNewError(AnnotatorError):
    pass


class ProjectLockedError(AnnotatorError):
    pass
