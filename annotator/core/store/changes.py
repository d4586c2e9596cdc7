"""What a committed transaction changed, announced once after the commit.

Like Anki's ``OpChanges``: a listener asks "did what I show change?" and re-reads
only that, instead of reloading everything on every write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    doc_ids: frozenset[int] = frozenset()  # the documents whose rows changed
    all_documents: bool = False  # e.g. a label rename or a merge: any document
    spans: bool = False
    claims: bool = False
    status: bool = False  # a document's status
    tokens: bool = False  # stored tokens / sentences / language
    scheme: bool = False  # the label scheme
    documents_added: bool = False
    settings: bool = False

    @classmethod
    def everything(cls) -> Changes:
        """Another process changed the file: re-read all."""
        return cls(all_documents=True, spans=True, claims=True, status=True, tokens=True,
                   scheme=True, documents_added=True, settings=True)

    @classmethod
    def of_document(cls, doc_id: int) -> Changes:
        return cls(doc_ids=frozenset({doc_id}), spans=True, claims=True, status=True,
                   tokens=True)

    def touches(self, doc_id: int | None) -> bool:
        """Did rows of this document (None: no document) change?"""
        return doc_id is not None and (self.all_documents or doc_id in self.doc_ids)

    @property
    def doc_id(self) -> int | None:
        """The one document changed, else None (several, all, or none)."""
        if self.all_documents or len(self.doc_ids) != 1:
            return None
        return next(iter(self.doc_ids))

    def __bool__(self) -> bool:
        return any((self.doc_ids, self.all_documents, self.spans, self.claims, self.status,
                    self.tokens, self.scheme, self.documents_added, self.settings))


ChangeListener = Callable[[Changes], None]


@dataclass(slots=True)
class ChangeRecorder:
    """Collects what an open transaction writes; ``take()`` empties it."""

    doc_ids: set[int] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)

    def note(self, doc_id: int | None = None, *kinds: str) -> None:
        if doc_id is not None:
            self.doc_ids.add(doc_id)
        self.flags.update(kinds)

    def take(self) -> Changes:
        flags = {k: True for k in self.flags}
        changes = Changes(doc_ids=frozenset(self.doc_ids), **flags)
        self.doc_ids.clear()
        self.flags.clear()
        return changes
