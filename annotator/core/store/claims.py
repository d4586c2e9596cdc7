"""``project.claims``: claims (who claims what, and what kind of claim)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import Claim, SpanStatus
from annotator.core.store.rows import (
    CLAIM_COLS,
    INSERT_CLAIM,
    claim_from_row,
    claim_row,
    column_value,
    id_range,
)

if TYPE_CHECKING:
    from annotator.core.store.base import Store

_REJECTED = str(SpanStatus.REJECTED)
_FIELDS = {"start", "end", "label", "claimant_id", "claimant_text", "cue_start", "cue_end",
           "attrs", "status", "source", "score", "annotator", "decided", "decided_by"}


class Claims:
    def __init__(self, project: Store) -> None:
        self._p = project

    def list(self, doc_id: int, *, include_rejected: bool = False) -> builtins.list[Claim]:
        sql = f"SELECT {CLAIM_COLS} FROM claims WHERE doc_id = ?"
        params: builtins.list[Any] = [doc_id]
        if not include_rejected:
            sql += " AND status != ?"
            params.append(_REJECTED)
        sql += ' ORDER BY start, "end", id'
        return [claim_from_row(r) for r in self._p.db.execute(sql, params)]

    def get(self, claim_id: int) -> Claim | None:
        r = self._p.db.execute(f"SELECT {CLAIM_COLS} FROM claims WHERE id = ?",
                               [claim_id]).fetchone()
        return claim_from_row(r) if r else None

    def export_rows(self, first: int, last: int, only: Sequence[int] | None = None,
                    ) -> builtins.list[tuple[Any, ...]]:
        """Non-rejected claims of documents ``first``..``last`` (ids; ``only``: just
        these) as plain rows
        ``(id, start, end, label, claimant_id, claimant_text, cue_start, cue_end, attrs
        (JSON text), status, source, score, doc_id)`` in (doc_id, start, end, id) order:
        the exporters' bulk read."""
        where, params = id_range(first, last, only)
        return self._p.db.execute(
            'SELECT id, start, "end", label, claimant_id, claimant_text, cue_start, cue_end, '
            f"attrs, status, source, score, doc_id FROM claims WHERE {where} "
            'AND status != ? ORDER BY doc_id, start, "end", id',
            [*params, _REJECTED]).fetchall()

    def with_claimant(self, entity_id: int) -> builtins.list[int]:
        """Ids of the claims whose claimant is this entity."""
        return [r[0] for r in self._p.db.execute(
            "SELECT id FROM claims WHERE claimant_id = ?", [entity_id])]

    def label_counts(self) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in self._p.db.execute(
            "SELECT label, count(*) FROM claims GROUP BY label")}

    def counts(self) -> builtins.list[tuple[str, str, int]]:
        """(label, status, count) rows in label, status order."""
        return [(str(a), str(b), int(c)) for a, b, c in self._p.db.execute(
            "SELECT label, status, count(*) FROM claims GROUP BY label, status "
            "ORDER BY label, status")]

    # --- low-level writes (inside a command's transaction) ----------------------------

    def insert(self, claim: Claim, *, stamp: str | None = None) -> int:
        with self._p.transaction():
            cur = self._p.db.execute(INSERT_CLAIM, claim_row(claim, stamp or self._p.now()))
            claim.id = int(cur.lastrowid or 0)
            self._p.note(claim.doc_id, "claims")
        return claim.id

    def update(self, claim_id: int, *, touch: bool = True, **fields: Any) -> None:
        """Update some columns; ``touch=False`` keeps ``updated_at`` (a machine refresh)."""
        if not fields or set(fields) - _FIELDS:
            raise ValueError(f"bad claim fields: {sorted(fields)}")
        values = {k: column_value(k, v) for k, v in fields.items()}
        if touch:
            values["updated_at"] = self._p.now()
        sets = ", ".join(f'"{k}" = ?' for k in values)
        with self._p.transaction():
            row = self._p.db.execute(
                f"UPDATE claims SET {sets} WHERE id = ? RETURNING doc_id",
                [*values.values(), claim_id]).fetchone()
            if row is not None:
                self._p.note(row[0], "claims")

    def delete(self, claim_id: int) -> None:
        with self._p.transaction():
            row = self._p.db.execute("DELETE FROM claims WHERE id = ? RETURNING doc_id",
                                     [claim_id]).fetchone()
            if row is not None:
                self._p.note(row[0], "claims")

    def rename_label(self, old: str, new: str) -> builtins.list[int]:
        """Relabel every claim labelled ``old``; returns their ids."""
        with self._p.transaction():
            rows = self._p.db.execute(
                "UPDATE claims SET label = ? WHERE label = ? RETURNING id",
                [new, old]).fetchall()
            self._p.note(None, "claims", "all_documents")
        return [r[0] for r in rows]
