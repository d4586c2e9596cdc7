"""``project.runs``: which recognizer (and version) already ran on which document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.base import Store


class Runs:
    def __init__(self, project: Store) -> None:
        self._p = project

    def has_run(self, doc_id: int, recognizer: str, version: str) -> bool:
        return self._p.db.execute(
            "SELECT 1 FROM recognizer_runs WHERE doc_id = ? AND recognizer = ? AND version = ?",
            [doc_id, recognizer, version]).fetchone() is not None

    def cached(self, doc_ids: Sequence[int], recognizers: Sequence[str],
               ) -> set[tuple[int, str, str]]:
        """(doc id, recognizer, version) of the runs recorded for these documents."""
        if not doc_ids or not recognizers:
            return set()
        marks = ",".join("?" * len(doc_ids))
        names = ",".join("?" * len(recognizers))
        return {(r[0], r[1], r[2]) for r in self._p.db.execute(
            f"SELECT doc_id, recognizer, version FROM recognizer_runs WHERE doc_id IN ({marks}) "
            f"AND recognizer IN ({names})", [*doc_ids, *recognizers])}

    def mark(self, doc_id: int, recognizer: str, version: str) -> None:
        """Record a run (replacing the recognizer's earlier runs on the document)."""
        with self._p.transaction():
            self._p.db.execute(
                "DELETE FROM recognizer_runs WHERE doc_id = ? AND recognizer = ?",
                [doc_id, recognizer])
            self._p.db.execute(
                "INSERT INTO recognizer_runs (doc_id, recognizer, version, ran_at) "
                "VALUES (?, ?, ?, ?)", [doc_id, recognizer, version, self._p.now()])
