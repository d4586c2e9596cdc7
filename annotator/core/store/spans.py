"""``project.spans``: entity spans (the ``entities`` table)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import EntitySpan, SpanStatus
from annotator.core.store.rows import (
    ENTITY_COLS,
    INSERT_ENTITY,
    column_value,
    entity_from_row,
    entity_row,
    id_range,
)

if TYPE_CHECKING:
    from annotator.core.store.base import Store

_REJECTED = str(SpanStatus.REJECTED)
_FIELDS = {"start", "end", "label", "status", "source", "score", "annotator", "decided",
           "decided_by"}


class Spans:
    def __init__(self, project: Store) -> None:
        self._p = project

    def list(self, doc_id: int, *, include_rejected: bool = False) -> builtins.list[EntitySpan]:
        sql = f"SELECT {ENTITY_COLS} FROM entities WHERE doc_id = ?"
        params: builtins.list[Any] = [doc_id]
        if not include_rejected:
            sql += " AND status != ?"
            params.append(_REJECTED)
        sql += ' ORDER BY start, "end", id'
        return [entity_from_row(r) for r in self._p.db.execute(sql, params)]

    def get(self, entity_id: int) -> EntitySpan | None:
        r = self._p.db.execute(f"SELECT {ENTITY_COLS} FROM entities WHERE id = ?",
                               [entity_id]).fetchone()
        return entity_from_row(r) if r else None

    def export_rows(self, first: int, last: int, only: Sequence[int] | None = None,
                    ) -> builtins.list[tuple[Any, ...]]:
        """Non-rejected spans of documents ``first``..``last`` (ids; ``only``: just
        these) as plain rows ``(id, start, end, label, status, source, score, doc_id)``
        in the index's order, (doc_id, start, id): the exporters' bulk read (a tuple
        a span, no object: an export reads hundreds of thousands; spans sharing a
        start are put in end order by the caller, which costs less than SQLite's
        sort of every row)."""
        where, params = id_range(first, last, only)
        return self._p.db.execute(
            'SELECT id, start, "end", label, status, source, score, doc_id FROM entities '
            f"WHERE {where} AND status != ? ORDER BY doc_id, start, id",
            [*params, _REJECTED]).fetchall()

    def edges(self, doc_id: int) -> set[int]:
        """Every non-rejected span's start and end: where tokens are split."""
        edges: set[int] = set()
        for s, e in self._p.db.execute(
                'SELECT start, "end" FROM entities WHERE doc_id = ? AND status != ?',
                [doc_id, _REJECTED]):
            edges.add(s)
            edges.add(e)
        return edges

    def overlapping(self, doc_id: int, start: int, end: int,
                    ignore: int | None = None) -> EntitySpan | None:
        """A non-rejected span of the document overlapping [start, end), if any."""
        r = self._p.db.execute(
            f"SELECT {ENTITY_COLS} FROM entities WHERE doc_id = ? AND status != ? "
            'AND start < ? AND "end" > ? AND id IS NOT ? LIMIT 1',
            [doc_id, _REJECTED, end, start, ignore]).fetchone()
        return entity_from_row(r) if r else None

    def accepted_texts(self) -> builtins.list[tuple[str, str]]:
        """(text, label) of every accepted span in the project (the dictionary's input)."""
        return [(str(t), str(lab)) for t, lab in self._p.db.execute(
            'SELECT substr(d.text, e.start + 1, e."end" - e.start), e.label FROM entities e '
            "JOIN documents d ON d.id = e.doc_id WHERE e.status = ?", [str(SpanStatus.ACCEPTED)])]

    def labels_used(self) -> set[str]:
        return {r[0] for r in self._p.db.execute("SELECT DISTINCT label FROM entities")}

    def label_counts(self) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in self._p.db.execute(
            "SELECT label, count(*) FROM entities GROUP BY label")}

    def counts(self) -> builtins.list[tuple[str, str, int]]:
        """(label, status, count) rows in label, status order."""
        return [(str(a), str(b), int(c)) for a, b, c in self._p.db.execute(
            "SELECT label, status, count(*) FROM entities GROUP BY label, status "
            "ORDER BY label, status")]

    # --- low-level writes (inside a command's transaction) ----------------------------

    def insert(self, ent: EntitySpan, *, stamp: str | None = None) -> int:
        """Insert a row; keeps ``ent.id`` when it is set (a command's redo)."""
        with self._p.transaction():
            cur = self._p.db.execute(INSERT_ENTITY, entity_row(ent, stamp or self._p.now()))
            ent.id = int(cur.lastrowid or 0)
            self._p.note(ent.doc_id, "spans")
        return ent.id

    def update(self, entity_id: int, **fields: Any) -> None:
        """Update some columns (start, end, label, status, source, score, annotator,
        decided, decided_by)."""
        if not fields or set(fields) - _FIELDS:
            raise ValueError(f"bad entity fields: {sorted(fields)}")
        values = {k: column_value(k, v) for k, v in fields.items()}
        values["updated_at"] = self._p.now()
        sets = ", ".join(f'"{k}" = ?' for k in values)
        with self._p.transaction():
            row = self._p.db.execute(
                f"UPDATE entities SET {sets} WHERE id = ? RETURNING doc_id",
                [*values.values(), entity_id]).fetchone()
            if row is not None:
                self._p.note(row[0], "spans")

    def delete(self, entity_id: int) -> None:
        with self._p.transaction():
            row = self._p.db.execute("DELETE FROM entities WHERE id = ? RETURNING doc_id",
                                     [entity_id]).fetchone()
            if row is not None:
                self._p.note(row[0], "spans")

    def rename_label(self, old: str, new: str) -> builtins.list[int]:
        """Relabel every span labelled ``old``; returns their ids."""
        with self._p.transaction():
            rows = self._p.db.execute(
                "UPDATE entities SET label = ? WHERE label = ? RETURNING id, doc_id",
                [new, old]).fetchall()
            self._p.note(None, "spans", "all_documents")
        return [r[0] for r in rows]
