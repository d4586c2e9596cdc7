"""``project.events``: the append-only log of every write."""

from __future__ import annotations

import builtins
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.core.store.base import Store


class Events:
    def __init__(self, project: Store) -> None:
        self._p = project

    def append(self, doc_id: int | None, action: str, payload: dict[str, Any]) -> None:
        self._p.db.execute(
            "INSERT INTO events (ts, doc_id, annotator, action, payload) VALUES (?, ?, ?, ?, ?)",
            [self._p.now(), doc_id, self._p.annotator, action,
             json.dumps(payload, ensure_ascii=False)])

    def list(self, doc_id: int | None = None) -> builtins.list[dict[str, Any]]:
        sql = "SELECT id, ts, doc_id, annotator, action, payload FROM events"
        params: builtins.list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        return [{"id": r[0], "ts": r[1], "doc_id": r[2], "annotator": r[3], "action": r[4],
                 "payload": json.loads(r[5])} for r in self._p.db.execute(sql + " ORDER BY id",
                                                                        params)]
