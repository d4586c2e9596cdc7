"""``project.search``: full-text search over documents (FTS5)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.base import Store
    from annotator.core.store.settings import Settings


MAX_TERMS = 16
MAX_TERM_CHARS = 100


def build_fts_query(query: str) -> str:
    """An FTS5 query from what a person typed: every word quoted, so user input is
    never parsed as FTS5 syntax (a trailing * stays a prefix search); at most
    MAX_TERMS different words of at most MAX_TERM_CHARS characters."""
    terms: list[str] = []
    for word in query.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")[:MAX_TERM_CHARS]
        if not word:
            continue
        phrase = '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
        if phrase not in terms:
            terms.append(phrase)
            if len(terms) == MAX_TERMS:
                break
    return " ".join(terms)


class Search:
    def __init__(self, project: Store, settings: Settings) -> None:
        self._p = project
        self._settings = settings

    def find(self, query: str, limit: int = 1000) -> list[int]:
        """Document ids matching a full-text query (words are ANDed; prefix with *).
        Only the first MAX_TERMS different words count (a pasted page of text would
        otherwise make an FTS5 query of thousands of phrases: seconds per keystroke)."""
        fts_query = build_fts_query(query)
        if not fts_query:
            return []
        try:
            return [r[0] for r in self._p.db.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                "ORDER BY rowid LIMIT ?", [fts_query, limit])]
        except sqlite3.OperationalError:
            return []

    def update_index(self, progress: Callable[[int], None] | None = None,
                     batch: int = 5000) -> int:
        """Index documents added since the last call; returns how many were indexed.

        Import stays fast by not indexing; this catches up (a background job in the
        window, a step after ``annotator import`` on the command line).
        """
        done = 0
        db = self._p.db
        while True:
            upto = int(self._settings.get("fts_indexed_upto", 0))
            with self._p.transaction():
                ids = [r[0] for r in db.execute(
                    "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", [upto, batch])]
                if not ids:
                    return done
                db.execute(
                    "INSERT INTO documents_fts (rowid, text) SELECT id, text FROM documents "
                    "WHERE id > ? AND id <= ?", [upto, ids[-1]])
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           ["fts_indexed_upto", json.dumps(ids[-1])])
            done += len(ids)
            if progress:
                progress(done)

    def pending(self) -> int:
        upto = int(self._settings.get("fts_indexed_upto", 0))
        return int(self._p.db.execute(
            "SELECT count(*) FROM documents WHERE id > ?", [upto]).fetchone()[0])
