"""``dictionary``: what annotators accepted elsewhere, suggested wherever the same text appears.

The table is every accepted entity's text in the project, with the majority
label for that exact string (ties: alphabetical). Matching is case-sensitive on
word boundaries, longest first. The score is the majority label's share of the
decisions for that string (so a string annotated both PER and ORG scores lower).
Strings without a letter, or of one character, are left out.

The recognizer's version is a hash of the table, so when annotators accept new
spans the dictionary runs again on every document (it is cheap) and replaces
its own earlier suggestions; other suggestions and human decisions stay.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from annotator.core.model import Document
from annotator.core.recognizers.base import Suggestion
from annotator.core.recognizers.gazetteer import compile_terms

if TYPE_CHECKING:
    from annotator.core.store import Project


class Dictionary:
    name = "dictionary"
    base_version = "1"

    def __init__(self, entries: dict[str, str] | None = None, **_options: Any) -> None:
        self.table: dict[str, tuple[str, float]] = {}
        self.version = self.base_version
        self._pattern: re.Pattern[str] | None = None
        if entries:
            self.set_table({k: (v, 1.0) for k, v in entries.items()})

    def set_table(self, table: dict[str, tuple[str, float]]) -> None:
        self.table = table
        digest = hashlib.sha256()
        for term in sorted(table):
            digest.update(f"{term}\t{table[term][0]}\n".encode())
        self.version = f"{self.base_version}+{digest.hexdigest()[:12]}" if table else \
            self.base_version
        self._pattern = compile_terms(table)

    def prepare(self, project: Project) -> None:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for text, label in project.spans.accepted_texts():
            term = str(text)
            if len(term) > 1 and term.strip() == term and any(ch.isalpha() for ch in term):
                votes[term][label] += 1
        table: dict[str, tuple[str, float]] = {}
        for term, counter in votes.items():
            label, n = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            table[term] = (label, round(n / sum(counter.values()), 4))
        self.set_table(table)

    def recognize(self, doc: Document) -> list[Suggestion]:
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(doc.text):
            label, score = self.table[m.group()]
            out.append(Suggestion(m.start(), m.end(), label, score))
        return out
