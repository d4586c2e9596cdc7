"""Many rows in few statements: the import's insert path.

``executemany`` runs its statement once per row, and two things make that dear
for the entity table (measured at 215,871 imported spans, bench/bench_io.py):

- the ``CHECK (status IN (...))`` constraint builds its little lookup table
  once per statement run: ~1.7 us a row, a third of the insert;
- Python's sqlite3 binds ``None`` through its adapter lookup, which raises and
  catches two AttributeErrors a value: ~0.4 us per NULL column of every row.

So rows go in as multi-row ``INSERT ... VALUES (...), (...), ...`` statements of
``ROWS_PER_STATEMENT`` rows (the constraint's table is built once per statement),
and the import's common entity row (no score, annotator or decider, stamped now)
writes its NULL columns as SQL ``NULL`` instead of binding ``None``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Any

from annotator.core.store.rows import CLAIM_COLS, ENTITY_COLS, steps_blob

if TYPE_CHECKING:
    from annotator.core.text_batch import Steps

# ~200 rows a statement is the measured sweet spot (fewer: the per-run cost shows
# again; more: longer statements to prepare for the remainder). SQLite allows
# 32,766 parameters a statement since 3.32: 200 rows of 18 columns is 3,600.
ROWS_PER_STATEMENT = 200

# An imported entity as most are: (id, doc_id, start, end, label, status, source,
# created_at, updated_at, decided); score, annotator and decided_by are NULL.
PLAIN_ENTITY_ROW = "(?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL)"
ENTITY_HEAD = f"INSERT INTO entities ({ENTITY_COLS}) VALUES "
ENTITY_ROW = f"({', '.join('?' * 13)})"
CLAIM_ROW = f"({', '.join('?' * 18)})"
CLAIM_HEAD = f"INSERT INTO claims ({CLAIM_COLS}) VALUES "


def insert_rows(conn: sqlite3.Connection, head: str, row: str,
                rows: Sequence[Sequence[Any]]) -> None:
    """``head`` + ``row`` repeated: every row of ``rows`` (each with as many values as
    ``row`` has ``?``) in statements of ROWS_PER_STATEMENT rows."""
    start, per = 0, ROWS_PER_STATEMENT
    while start < len(rows):
        # The rest in statements of 128, 64, ... 1 rows: a prepared statement of
        # 200 entity rows holds ~170 KB, and sqlite3 keeps the last 128 it used, so
        # a statement per remainder size made memory grow with the import's length.
        while per > len(rows) - start:
            per = 1 << ((len(rows) - start).bit_length() - 1)
        statement = head + ", ".join([row] * per)
        while start + per <= len(rows):
            conn.execute(statement, list(chain.from_iterable(rows[start:start + per])))
            start += per


# rows.steps_blob's type code for steps that all fit one byte (nearly every text)
BYTE_STEPS = b"B"


def steps_blobs(steps: Steps) -> list[bytes]:
    """``rows.steps_blob`` of each text's steps (``text_batch.segment_many``), cut from
    one byte array instead of a Python list of ints per text."""
    wide = steps.texts_with_steps_over(0xFF)
    packed = steps.values.astype("<u1").tobytes()  # right for every text not wide
    return [steps_blob(steps.of(i)) if i in wide else BYTE_STEPS + packed[a:b]
            for i, (a, b) in enumerate(pairwise(steps.cuts.tolist()))]
