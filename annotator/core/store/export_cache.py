"""The export cache: what each document exported, kept in a SQLite file of its own in
the user's cache folder (never in the project: it would grow the file people back up
and merge by several times the text).

An entry is one document's output in one project (a random id the project keeps) and
one variant of export (format, options, exporter code): one slot, rewritten as the
document changes, and stored with the document's export revision token
(``revisions.py``); it is used only while the token is the document's current one, so
it is never stale, only unused. Slots of a project and variant sit together, in
document order, so a page of documents is one range read. The cache
is an optimisation and nothing else: any error (no space, a locked or broken file, a
folder we may not write) turns it off for the rest of the export, which goes on; a
broken file is removed so the next export starts a new one. New entries are written
by a thread of their own (SQLite lets go of the GIL while it writes), at most a few
batches behind the export, and the oldest entries go when the file holds more than
its limit.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

DEFAULT_LIMIT_BYTES = 2 << 30   # 2 GiB
_QUEUED_BATCHES = 4             # batches waiting for the writer: bounded memory
_CACHE_SCHEMA = 2               # PRAGMA user_version of the file; another: start anew
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    project BLOB NOT NULL,
    variant BLOB NOT NULL,
    doc_id INTEGER NOT NULL,
    token BLOB NOT NULL,
    data BLOB NOT NULL,
    spans INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    extra BLOB,
    UNIQUE (project, variant, doc_id)
)"""


class CachedOutput(NamedTuple):
    """A document's output bytes and what writing it added to the export's summary."""

    data: bytes
    spans: int
    claims: int
    extra: bytes | None   # JSON: warnings, merged sentence boundaries, brat labels


# (document id, revision token, output)
Entries = Sequence[tuple[int, bytes, CachedOutput]]


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=1.0, isolation_level=None, check_same_thread=False)
    # For a new file: 16 KB pages read an entry of ~17 KB in two; incremental vacuum
    # gives trimmed space back. A rollback journal without syncs: the cache is written
    # once and read often, and a lost or torn entry only costs a miss.
    db.execute("PRAGMA page_size = 16384")
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA synchronous = OFF")
    if db.execute("PRAGMA user_version").fetchone()[0] != _CACHE_SCHEMA:
        db.execute("DROP TABLE IF EXISTS entries")  # another layout: begin anew
        db.execute(f"PRAGMA user_version = {_CACHE_SCHEMA}")
    db.execute(_SCHEMA)
    return db


class ExportCache:
    def __init__(self, path: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.path = path
        self.limit_bytes = limit_bytes
        self._db: sqlite3.Connection | None = None
        self._queue: queue.Queue[list[tuple[object, ...]] | None] = queue.Queue(
            _QUEUED_BATCHES)
        self._writer: threading.Thread | None = None
        self._failed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connect(path)
            # reads: memory-mapped, and a larger page cache
            self._db.execute("PRAGMA mmap_size = 268435456").fetchall()
            self._db.execute("PRAGMA cache_size = -65536")
        except (OSError, sqlite3.Error) as exc:
            self._off(exc)

    @property
    def usable(self) -> bool:
        return self._db is not None and not self._failed

    def _off(self, exc: BaseException) -> None:
        log.info("export cache %s not used: %s", self.path, exc)
        self._failed = True
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
                exc, sqlite3.OperationalError):  # malformed, not a database: start anew
            for suffix in ("", "-journal"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()

    def get(self, project: bytes, variant: bytes, first: int, last: int,
            ) -> dict[int, tuple[bytes, CachedOutput]]:
        """The entries of documents ``first``..``last`` (ids): document id ->
        (the revision token it was made under, the output)."""
        if self._db is None or self._failed:
            return {}
        try:
            return {r[0]: (r[1], CachedOutput._make(r[2:])) for r in self._db.execute(
                "SELECT doc_id, token, data, spans, claims, extra FROM entries "
                "WHERE project = ? AND variant = ? AND doc_id BETWEEN ? AND ?",
                [project, variant, first, last])}
        except sqlite3.Error as exc:
            self._off(exc)
            return {}

    def put(self, project: bytes, variant: bytes, entries: Entries) -> None:
        """Queue entries for the writer thread (waits when it is a few batches behind)."""
        if self._db is None or self._failed or not entries:
            return
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_all, name="export-cache",
                                            daemon=True)
            self._writer.start()
        self._queue.put([(project, variant, doc_id, token, *out)
                         for doc_id, token, out in entries])

    def _write_all(self) -> None:
        added = 0
        try:
            db = _connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            self._off(exc)
            db = None
        while True:
            batch = self._queue.get()
            if batch is None:
                break
            if db is None or self._failed:
                continue  # keep draining: put() must never block for good
            try:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO entries (project, variant, doc_id, "
                               "token, data, spans, claims, extra) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
                db.execute("COMMIT")
                added += len(batch)
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                self._off(exc)
        if db is not None:
            try:
                if added and not self._failed:
                    self._trim(db)
            except (OSError, sqlite3.Error) as exc:
                log.info("export cache %s not trimmed: %s", self.path, exc)
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def close(self) -> None:
        """Wait for the writer (it trims the file to its limit), then close."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _trim(self, db: sqlite3.Connection) -> None:
        """Drop the oldest entries until the file holds 80% of its limit."""
        if self.path.stat().st_size <= self.limit_bytes:
            return  # the file is never smaller than what it holds
        total = db.execute("SELECT coalesce(sum(length(data)), 0) FROM entries").fetchone()[0]
        if total <= self.limit_bytes:
            return
        excess = total - int(self.limit_bytes * 0.8)
        db.execute("BEGIN IMMEDIATE")
        cut = db.execute(
            "SELECT rowid FROM (SELECT rowid, sum(length(data)) OVER (ORDER BY rowid) "
            "AS running FROM entries) WHERE running >= ? LIMIT 1", [excess]).fetchone()
        if cut is not None:
            db.execute("DELETE FROM entries WHERE rowid <= ?", [cut[0]])
        db.execute("COMMIT")
        db.execute("PRAGMA incremental_vacuum").fetchall()
