"""The project: one SQLite file (sqlite-utils), WAL, foreign keys, migrations.

All writes go through short transactions; every edit is a command
(``annotator.core.commands``) run by ``Project.execute`` and logged in ``events``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.labels import LabelScheme, load_scheme
from annotator.core.model import (
    AnnotatorError,
    Claim,
    DocStatus,
    Document,
    DocumentSummary,
    EntitySpan,
    Offsets,
    ProjectLockedError,
    SchemaTooNewError,
    SpanStatus,
)
from annotator.core.sqlite_utils_lite import Migrations, sqlite_utils
from annotator.core.text import split_sentences, tokenize

if TYPE_CHECKING:
    from annotator.core.commands import Command

SCHEMA_VERSION = 1
APPLICATION_ID = 0x414E4E4F  # "ANNO": marks the file as an annotator project

migrations = Migrations("annotator")


class _Statuses(dict[str, SpanStatus]):
    """Stored status text -> SpanStatus by one dict lookup (``SpanStatus(text)`` costs
    a microsecond a row: 5,000 spans are read on every switch to a long document)."""

    def __missing__(self, key: str) -> SpanStatus:
        return SpanStatus(key)  # unknown text: the enum's own error


_SPAN_STATUS = _Statuses({str(s): s for s in SpanStatus})


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            meta TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            annotator TEXT,
            lang TEXT,
            tokens TEXT,            -- JSON [[start, end], ...]; NULL: fallback tokenizer
            sentences TEXT,         -- JSON [[start, end], ...]; NULL: fallback splitter
            tokens_source TEXT NOT NULL DEFAULT 'fallback',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_status ON documents(status);

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX entities_doc ON entities(doc_id, start);

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            claimant_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            claimant_text TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            attrs TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX claims_doc ON claims(doc_id, start);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            doc_id INTEGER,
            annotator TEXT,
            action TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX events_doc ON events(doc_id);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Which recognizer (and version) already ran on which document: nothing runs twice.
        CREATE TABLE recognizer_runs (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            recognizer TEXT NOT NULL,
            version TEXT NOT NULL,
            ran_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, recognizer, version)
        );

        -- Full-text search; external content, filled by Project.update_search_index().
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='id', tokenize='unicode61'
        );
        """
    )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class NewDocument:
    """A document about to be inserted, with its imported annotations."""

    text: str
    external_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    annotator: str | None = None
    lang: str | None = None
    entities: list[EntitySpan] = field(default_factory=list)
    # Claims reference their claimant by index into ``entities`` (claimant_id),
    # since the entities have no database ids yet.
    claims: list[Claim] = field(default_factory=list)
    # (recognizer, version) pairs that already ran on it (``annotator suggest`` shards)
    runs: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class InsertResult:
    inserted: int = 0
    skipped_duplicates: int = 0
    entities: int = 0
    claims: int = 0
    doc_ids: list[int] = field(default_factory=list)


ChangeListener = Callable[[int | None], None]


class Project:
    """An open project file. Not thread-safe: one Project per thread."""

    def __init__(self, path: Path | str, *, create: bool = True, timeout: float = 5.0,
                 read_only: bool | None = None) -> None:
        """Open (or create) a project.

        ``timeout``: seconds an edit waits for another program's lock before
        ProjectLockedError. ``read_only``: None detects it (an existing file or
        folder this process may not write, e.g. chmod 0444 or a read-only mount);
        a read-only project can be read, and every edit fails with a clear message.
        """
        self.path = Path(path)
        if not create and not self.path.exists():
            raise AnnotatorError(f"{self.path}: no such project file")
        if read_only is None:
            read_only = self.path.exists() and not (
                os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK))
        self.read_only = read_only
        self.annotator: str | None = None
        self._listeners: list[ChangeListener] = []
        self._scheme: LabelScheme | None = None
        conn: sqlite3.Connection | None = None
        try:
            if read_only:
                conn = self._connect_read_only(timeout)
            else:
                conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            # no sqlite-utils plugins: looking for them scans every installed package's
            # entry points (60 ms of the window's start-up), and the project uses none
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self._check_file()
            self.db.execute("PRAGMA foreign_keys = ON")
            # SQLite's default page cache is 2 MB; the unique indexes on sha256 and
            # external_id take random inserts and outgrow it past ~30,000 documents,
            # which made big imports disk-bound. Pages are only held as they are used.
            self.db.execute("PRAGMA cache_size = -65536")
            if not read_only:
                self._set_journal_mode()
                self.db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except BaseException as exc:
            if conn is not None:  # never leave a half-open file (or its -wal) behind
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise _translate(exc, self.path) from None
            raise

    def _connect_read_only(self, timeout: float) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                               isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            # A WAL file in a folder we may not write: SQLite cannot create the
            # -shm file, so read it as an immutable snapshot.
            conn.close()
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                                   isolation_level=None)

    # --- opening ---------------------------------------------------------

    def _check_file(self) -> None:
        user_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if user_version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path}: this project was written by a newer version of annotator "
                f"(schema {user_version}; this version reads up to {SCHEMA_VERSION}). "
                "Update annotator to open it; the file was not changed."
            )
        tables = set(self.db.table_names())
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if tables and app_id != APPLICATION_ID and "documents" not in tables:
            raise AnnotatorError(f"{self.path}: an SQLite file, but not an annotator project")
        known = {m.name for m in migrations._migrations}
        applied = {m.name for m in migrations.applied(self.db)}
        if applied - known:
            raise SchemaTooNewError(
                f"{self.path}: this project has schema changes unknown to this version "
                f"({', '.join(sorted(applied - known))}). Update annotator to open it."
            )

    def _set_journal_mode(self) -> None:
        mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and self.path.exists():
            # e.g. a read-only folder: WAL needs to create -wal and -shm files
            pass

    def _migrate(self) -> None:
        if migrations.pending(self.db):
            if self.read_only:
                raise AnnotatorError(
                    f"{self.path}: the project file is read-only and needs upgrading "
                    "(or is not a project yet); open a writable copy.")
            migrations.apply(self.db)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions and change notification ----------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: BEGIN IMMEDIATE ... COMMIT, or nothing at all."""
        conn = self.db.conn
        if conn.in_transaction:  # nested: join the outer transaction
            yield
            return
        if self.read_only:
            raise AnnotatorError(
                f"{self.path}: the project is open read-only (the file or its folder is not "
                "writable); nothing was saved.")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.path) from None
        try:
            yield
        except BaseException as exc:
            if conn.in_transaction:  # SQLite may have rolled back already (e.g. SQLITE_FULL)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise _translate(exc, self.path) from None
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from None

    def add_listener(self, listener: ChangeListener) -> None:
        """Called with the changed document's id (None: many documents) after a commit."""
        self._listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def notify(self, doc_id: int | None) -> None:
        for listener in list(self._listeners):
            listener(doc_id)

    # --- edits -------------------------------------------------------------

    def execute(self, command: Command) -> None:
        """Apply one command in its own transaction and append it to the event log."""
        try:
            with self.transaction():
                command.apply(self)
                self._log(command.doc_id, command.name, command.payload())
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from None
        self.notify(command.doc_id)

    def revert(self, command: Command) -> None:
        """Undo a command (also one transaction and one event)."""
        try:
            with self.transaction():
                command.revert(self)
                self._log(command.doc_id, "undo:" + command.name, command.payload())
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from None
        self.notify(command.doc_id)

    def _log(self, doc_id: int | None, action: str, payload: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO events (ts, doc_id, annotator, action, payload) VALUES (?, ?, ?, ?, ?)",
            [now(), doc_id, self.annotator, action, json.dumps(payload, ensure_ascii=False)],
        )

    # --- documents ---------------------------------------------------------

    def insert_documents(self, docs: Iterable[NewDocument], *, batch_size: int = 2000,
                         progress: Callable[[int], None] | None = None) -> InsertResult:
        """Insert documents and their annotations in ONE transaction (all or nothing).

        A document whose text is already in the project is skipped and counted.
        Raises whatever the iterator raises (e.g. a parse error) after rolling back.
        """
        result = InsertResult()
        with self.transaction():
            batch: list[NewDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= batch_size:
                    self._insert_batch(batch, result)
                    if progress:
                        progress(result.inserted + result.skipped_duplicates)
                    batch = []
            if batch:
                self._insert_batch(batch, result)
                if progress:
                    progress(result.inserted + result.skipped_duplicates)
            if result.inserted:
                self._log(None, "import", {"documents": result.inserted,
                                           "skipped": result.skipped_duplicates})
        if result.inserted:
            self.notify(None)
        return result

    def _insert_batch(self, batch: Sequence[NewDocument], result: InsertResult) -> None:
        stamp = now()
        hashes = [text_sha256(d.text) for d in batch]
        existing = self._existing_hashes(hashes)
        next_id = (self.db.execute("SELECT max(id) FROM documents").fetchone()[0] or 0) + 1
        rows: list[tuple[Any, ...]] = []
        pending: list[tuple[int, NewDocument]] = []
        taken_ids: set[str] = set()
        for doc, sha in zip(batch, hashes, strict=True):
            if sha in existing:
                result.skipped_duplicates += 1
                continue
            existing.add(sha)
            ext = self._free_external_id(doc.external_id or f"doc-{next_id}", taken_ids)
            taken_ids.add(ext)
            rows.append((next_id, ext, doc.text, sha,
                         json.dumps(doc.meta, ensure_ascii=False), str(doc.status),
                         doc.annotator, doc.lang, stamp, stamp))
            pending.append((next_id, doc))
            next_id += 1
        self.db.conn.executemany(
            "INSERT INTO documents (id, external_id, text, sha256, meta, status, annotator, "
            "lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # Ids are given here (not by SQLite) so that all rows go in with executemany
        # and claims can name their claimant entity's id at once.
        next_entity = (self.db.execute("SELECT max(id) FROM entities").fetchone()[0] or 0) + 1
        entity_rows: list[tuple[Any, ...]] = []
        claim_rows: list[tuple[Any, ...]] = []
        run_rows: list[tuple[Any, ...]] = []
        for doc_id, doc in pending:
            first_entity = next_entity
            for ent in doc.entities:
                ent.doc_id, ent.id = doc_id, next_entity
                next_entity += 1
                entity_rows.append(_entity_row(ent, stamp))
            for claim in doc.claims:
                claim.doc_id = doc_id
                if claim.claimant_id is not None:  # an index into doc.entities until now
                    claim.claimant_id = first_entity + claim.claimant_id
                claim_rows.append(_claim_row(claim, stamp))
            result.entities += len(doc.entities)
            result.claims += len(doc.claims)
            result.doc_ids.append(doc_id)
            run_rows.extend((doc_id, name, version, stamp) for name, version in doc.runs)
        self.db.conn.executemany(_INSERT_ENTITY, entity_rows)
        self.db.conn.executemany(_INSERT_CLAIM, claim_rows)
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO recognizer_runs (doc_id, recognizer, version, ran_at) "
            "VALUES (?, ?, ?, ?)", run_rows)
        result.inserted += len(pending)

    def _existing_hashes(self, hashes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(
                f"SELECT sha256 FROM documents WHERE sha256 IN ({marks})", chunk))
        return found

    def _free_external_id(self, wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 1
        while candidate in taken or self.db.execute(
                "SELECT 1 FROM documents WHERE external_id = ?", [candidate]).fetchone():
            n += 1
            candidate = f"{wanted}~{n}"
        return candidate

    def count_documents(self, status: DocStatus | str | None = None) -> int:
        if status is None:
            return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])
        return int(self.db.execute(
            "SELECT count(*) FROM documents WHERE status = ?", [str(status)]).fetchone()[0])

    def status_counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in DocStatus}
        for status, n in self.db.execute(
                "SELECT status, count(*) FROM documents GROUP BY status"):
            counts[status] = n
        return counts

    def document_ids(self, status: DocStatus | str | None = None) -> list[int]:
        """All document ids in order (cheap even at 100,000 documents)."""
        # Scan the status index (it holds every rowid), not the table whose pages hold
        # the texts, and build the list in one JSON value: ~10x faster at 100,000.
        if status is None:
            row = self.db.execute("SELECT json_group_array(id) FROM documents "
                                  "INDEXED BY documents_status").fetchone()
        else:
            row = self.db.execute("SELECT json_group_array(id) FROM documents WHERE status = ?",
                                  [str(status)]).fetchone()
        ids: list[int] = json.loads(row[0]) if row and row[0] else []
        ids.sort()
        return ids

    def next_document_id(self, after: int | None,
                         statuses: Sequence[DocStatus | str] = (DocStatus.NEW,
                                                                DocStatus.IN_PROGRESS),
                         ) -> int | None:
        """The first document after ``after`` (wrapping around) with one of ``statuses``."""
        marks = ",".join("?" * len(statuses))
        values = [str(s) for s in statuses]
        row = self.db.execute(
            f"SELECT id FROM documents WHERE id > ? AND status IN ({marks}) ORDER BY id LIMIT 1",
            [after or 0, *values]).fetchone()
        if row is None and after:
            row = self.db.execute(
                f"SELECT id FROM documents WHERE id <= ? AND status IN ({marks}) "
                "ORDER BY id LIMIT 1", [after, *values]).fetchone()
        return int(row[0]) if row else None

    def document_status(self, doc_id: int) -> DocStatus | None:
        row = self.db.execute("SELECT status FROM documents WHERE id = ?", [doc_id]).fetchone()
        return DocStatus(row[0]) if row else None

    def tokens_source(self, doc_id: int) -> str | None:
        """Who computed the stored tokens ("fallback", "stanza"...): a cheap change check."""
        row = self.db.execute("SELECT tokens_source FROM documents WHERE id = ?",
                              [doc_id]).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def summaries(self, ids: Sequence[int]) -> list[DocumentSummary]:
        """Light rows (title = first line, at most 200 characters) for the given ids."""
        out: dict[int, DocumentSummary] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    "SELECT id, external_id, substr(text, 1, 200), status, annotator "
                    f"FROM documents WHERE id IN ({marks})", chunk):
                title = next((ln.strip() for ln in row[2].splitlines() if ln.strip()), "")
                out[row[0]] = DocumentSummary(row[0], row[1], title, DocStatus(row[3]), row[4])
        return [out[i] for i in ids if i in out]

    def document(self, doc_id: int, *, segment: bool = True) -> Document:
        """One document; ``segment=False`` leaves tokens and sentences empty (fast open
        of a long document when they are not needed yet)."""
        row = self.db.execute(
            "SELECT id, external_id, text, meta, status, annotator, lang, tokens, sentences, "
            "tokens_source, sha256, created_at, updated_at FROM documents WHERE id = ?",
            [doc_id]).fetchone()
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        text = row[2]
        doc = Document(
            id=row[0], external_id=row[1], text=text, meta=json.loads(row[3]),
            status=DocStatus(row[4]), annotator=row[5], lang=row[6],
            tokens_source=row[9], sha256=row[10], created_at=row[11], updated_at=row[12])
        if not segment:
            return doc
        doc.sentences = ([tuple(s) for s in json.loads(row[8])] if row[8]
                         else split_sentences(text))
        stored_tokens = [tuple(t) for t in json.loads(row[7])] if row[7] else None
        edges = self._span_edges(doc_id)
        doc.tokens = (tokenize(text, edges) if stored_tokens is None
                      else _split_stored(stored_tokens, edges))
        return doc

    def document_by_external_id(self, external_id: str) -> Document | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE external_id = ?", [external_id]).fetchone()
        return self.document(row[0]) if row else None

    def _span_edges(self, doc_id: int) -> set[int]:
        edges: set[int] = set()
        for s, e in self.db.execute(
                'SELECT start, "end" FROM entities WHERE doc_id = ? AND status != ?',
                [doc_id, str(SpanStatus.REJECTED)]):
            edges.add(s)
            edges.add(e)
        return edges

    def set_tokens(self, doc_id: int, tokens: Sequence[Offsets], sentences: Sequence[Offsets],
                   source: str) -> None:
        """Store tokens and sentences computed by a recognizer (e.g. Stanza)."""
        with self.transaction():
            self.db.execute(
                "UPDATE documents SET tokens = ?, sentences = ?, tokens_source = ? WHERE id = ?",
                [json.dumps([list(t) for t in tokens]), json.dumps([list(s) for s in sentences]),
                 source, doc_id])

    def set_lang(self, doc_id: int | None, lang: str) -> None:
        with self.transaction():
            if doc_id is None:
                self.db.execute("UPDATE documents SET lang = ?", [lang])
            else:
                self.db.execute("UPDATE documents SET lang = ? WHERE id = ?", [lang, doc_id])

    def update_document_status(self, doc_id: int, status: DocStatus | str) -> None:
        """Low-level: used by commands inside their transaction."""
        self.db.execute(
            "UPDATE documents SET status = ?, annotator = coalesce(?, annotator), "
            "updated_at = ? WHERE id = ?", [str(status), self.annotator, now(), doc_id])

    def iter_documents(self, status: DocStatus | str | None = None,
                       batch: int = 500) -> Iterator[Document]:
        """Stream documents in id order (for exporters): constant memory."""
        last = 0
        where = "" if status is None else "AND status = ?"
        while True:
            params: list[Any] = [last] + ([] if status is None else [str(status)])
            ids = [r[0] for r in self.db.execute(
                f"SELECT id FROM documents WHERE id > ? {where} ORDER BY id LIMIT {batch}",
                params)]
            if not ids:
                return
            for doc_id in ids:
                yield self.document(doc_id)
            last = ids[-1]

    # --- entities ----------------------------------------------------------

    def entities(self, doc_id: int, *, include_rejected: bool = False) -> list[EntitySpan]:
        sql = ('SELECT id, doc_id, start, "end", label, status, source, score, annotator, '
               "created_at, updated_at FROM entities WHERE doc_id = ?")
        params: list[Any] = [doc_id]
        if not include_rejected:
            sql += " AND status != ?"
            params.append(str(SpanStatus.REJECTED))
        sql += ' ORDER BY start, "end", id'
        status = _SPAN_STATUS
        # positional: EntitySpan(doc_id, start, end, label, status, source, score,
        # annotator, id, created_at, updated_at)
        return [EntitySpan(d, s, e, lab, status[st], src, sc, who, i, ca, ua)
                for i, d, s, e, lab, st, src, sc, who, ca, ua in self.db.execute(sql, params)]

    def entity(self, entity_id: int) -> EntitySpan | None:
        r = self.db.execute(
            'SELECT id, doc_id, start, "end", label, status, source, score, annotator, '
            "created_at, updated_at FROM entities WHERE id = ?", [entity_id]).fetchone()
        if r is None:
            return None
        return EntitySpan(id=r[0], doc_id=r[1], start=r[2], end=r[3], label=r[4],
                          status=SpanStatus(r[5]), source=r[6], score=r[7], annotator=r[8],
                          created_at=r[9], updated_at=r[10])

    def insert_entity(self, ent: EntitySpan, *, stamp: str | None = None) -> int:
        """Low-level insert (inside a transaction); keeps ``ent.id`` when it is set."""
        cur = self.db.execute(_INSERT_ENTITY, _entity_row(ent, stamp or now()))
        ent.id = int(cur.lastrowid or 0)
        return ent.id

    def update_entity(self, entity_id: int, **fields: Any) -> None:
        """Low-level update of some columns (start, end, label, status, source, score)."""
        allowed = {"start", "end", "label", "status", "source", "score", "annotator"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"bad entity fields: {sorted(fields)}")
        fields["updated_at"] = now()
        sets = ", ".join(f'"{k}" = ?' for k in fields)
        self.db.execute(f"UPDATE entities SET {sets} WHERE id = ?",
                        [*(str(v) if k == "status" else v for k, v in fields.items()), entity_id])

    def delete_entity(self, entity_id: int) -> None:
        self.db.execute("DELETE FROM entities WHERE id = ?", [entity_id])

    # --- claims --------------------------------------------------------------

    _CLAIM_COLS = ('id, doc_id, start, "end", label, claimant_id, claimant_text, cue_start, '
                   "cue_end, attrs, status, source, score, annotator, created_at, updated_at")

    def claims(self, doc_id: int, *, include_rejected: bool = False) -> list[Claim]:
        sql = f"SELECT {self._CLAIM_COLS} FROM claims WHERE doc_id = ?"
        params: list[Any] = [doc_id]
        if not include_rejected:
            sql += " AND status != ?"
            params.append(str(SpanStatus.REJECTED))
        sql += ' ORDER BY start, "end", id'
        return [_claim(r) for r in self.db.execute(sql, params)]

    def claim(self, claim_id: int) -> Claim | None:
        r = self.db.execute(f"SELECT {self._CLAIM_COLS} FROM claims WHERE id = ?",
                            [claim_id]).fetchone()
        return _claim(r) if r else None

    def insert_claim(self, claim: Claim, *, stamp: str | None = None) -> int:
        cur = self.db.execute(_INSERT_CLAIM, _claim_row(claim, stamp or now()))
        claim.id = int(cur.lastrowid or 0)
        return claim.id

    def update_claim(self, claim_id: int, **fields: Any) -> None:
        allowed = {"start", "end", "label", "claimant_id", "claimant_text", "cue_start",
                   "cue_end", "attrs", "status", "source", "score", "annotator"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"bad claim fields: {sorted(fields)}")
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "attrs":
                value = json.dumps(value, ensure_ascii=False)
            elif key == "status":
                value = str(value)
            values[key] = value
        values["updated_at"] = now()
        sets = ", ".join(f'"{k}" = ?' for k in values)
        self.db.execute(f"UPDATE claims SET {sets} WHERE id = ?", [*values.values(), claim_id])

    def delete_claim(self, claim_id: int) -> None:
        self.db.execute("DELETE FROM claims WHERE id = ?", [claim_id])

    # --- recognizer cache ------------------------------------------------------

    def has_run(self, doc_id: int, recognizer: str, version: str) -> bool:
        return self.db.execute(
            "SELECT 1 FROM recognizer_runs WHERE doc_id = ? AND recognizer = ? AND version = ?",
            [doc_id, recognizer, version]).fetchone() is not None

    def mark_run(self, doc_id: int, recognizer: str, version: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO recognizer_runs (doc_id, recognizer, version, ran_at) "
            "VALUES (?, ?, ?, ?)", [doc_id, recognizer, version, now()])

    # --- settings and labels ---------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                            [key, json.dumps(value, ensure_ascii=False)])

    @property
    def scheme(self) -> LabelScheme:
        """The project's label scheme: its own override, else resources/labels.toml."""
        if self._scheme is None:
            stored = self.get_setting("label_scheme")
            self._scheme = (LabelScheme.from_dict(stored, f"{self.path} label scheme")
                            if stored else load_scheme())
        return self._scheme

    def reload_scheme(self) -> LabelScheme:
        """Read the scheme again (another connection saved one, e.g. an import job)."""
        self._scheme = None
        return self.scheme

    def save_scheme(self, scheme: LabelScheme) -> None:
        self.set_setting("label_scheme", scheme.to_dict())
        self._scheme = scheme
        self.notify(None)

    # --- search ------------------------------------------------------------------

    def update_search_index(self, progress: Callable[[int], None] | None = None,
                            batch: int = 5000) -> int:
        """Index documents added since the last call; returns how many were indexed.

        Import stays fast by not indexing; this catches up (a background job in the
        window, a step after ``annotator import`` on the command line).
        """
        done = 0
        while True:
            upto = int(self.get_setting("fts_indexed_upto", 0))
            with self.transaction():
                ids = [r[0] for r in self.db.execute(
                    f"SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT {batch}", [upto])]
                if not ids:
                    return done
                self.db.execute(
                    "INSERT INTO documents_fts (rowid, text) SELECT id, text FROM documents "
                    "WHERE id > ? AND id <= ?", [upto, ids[-1]])
                self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                ["fts_indexed_upto", json.dumps(ids[-1])])
            done += len(ids)
            if progress:
                progress(done)

    def search_pending(self) -> int:
        upto = int(self.get_setting("fts_indexed_upto", 0))
        return int(self.db.execute(
            "SELECT count(*) FROM documents WHERE id > ?", [upto]).fetchone()[0])

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Document ids matching a full-text query (words are ANDed; prefix with *)."""
        terms = [t for t in query.split() if t]
        if not terms:
            return []
        # Quote every term so user input is never parsed as FTS5 syntax.
        fts_query = " ".join('"' + t.replace('"', '""').rstrip("*") + '"'
                             + ("*" if t.endswith("*") else "") for t in terms)
        try:
            return [r[0] for r in self.db.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                "ORDER BY rowid LIMIT ?", [fts_query, limit])]
        except sqlite3.OperationalError:
            return []

    # --- events --------------------------------------------------------------------

    def events(self, doc_id: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, ts, doc_id, annotator, action, payload FROM events"
        params: list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        return [{"id": r[0], "ts": r[1], "doc_id": r[2], "annotator": r[3], "action": r[4],
                 "payload": json.loads(r[5])} for r in self.db.execute(sql + " ORDER BY id",
                                                                        params)]


def _split_stored(tokens: list[Offsets], edges: set[int]) -> list[Offsets]:
    from annotator.core.text import split_at
    return split_at(tokens, edges)


_INSERT_ENTITY = ('INSERT INTO entities (id, doc_id, start, "end", label, status, source, '
                  "score, annotator, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_CLAIM = (f"INSERT INTO claims ({Project._CLAIM_COLS}) VALUES "
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _entity_row(ent: EntitySpan, stamp: str) -> tuple[Any, ...]:
    """The entity's values in _INSERT_ENTITY's order (``id`` None: SQLite picks one)."""
    return (ent.id, ent.doc_id, ent.start, ent.end, ent.label, str(ent.status), ent.source,
            ent.score, ent.annotator, ent.created_at or stamp, ent.updated_at or stamp)


def _claim_row(claim: Claim, stamp: str) -> tuple[Any, ...]:
    return (claim.id, claim.doc_id, claim.start, claim.end, claim.label, claim.claimant_id,
            claim.claimant_text, claim.cue_start, claim.cue_end,
            json.dumps(claim.attrs, ensure_ascii=False), str(claim.status), claim.source,
            claim.score, claim.annotator, claim.created_at or stamp, claim.updated_at or stamp)


def _claim(r: Sequence[Any]) -> Claim:
    return Claim(id=r[0], doc_id=r[1], start=r[2], end=r[3], label=r[4], claimant_id=r[5],
                 claimant_text=r[6], cue_start=r[7], cue_end=r[8], attrs=json.loads(r[9]),
                 status=SpanStatus(r[10]), source=r[11], score=r[12], annotator=r[13],
                 created_at=r[14], updated_at=r[15])


def _translate(exc: sqlite3.DatabaseError, path: Path) -> AnnotatorError:
    """Turn SQLite's errors into one clear sentence for the user."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return ProjectLockedError(
            f"{path}: the project is locked by another program (another annotator window "
            "or a running import). Try again when it has finished.")
    if "readonly" in msg or "read-only" in msg:
        return AnnotatorError(f"{path}: the project file is read-only; nothing was saved.")
    if "full" in msg:
        return AnnotatorError(f"{path}: the disk is full; the last change was not saved.")
    if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
        return AnnotatorError(f"{path}: not an annotator project (or a damaged file).")
    if "unable to open" in msg:
        return AnnotatorError(f"{path}: cannot open the project file (check the folder).")
    return AnnotatorError(f"{path}: database error: {exc}")
