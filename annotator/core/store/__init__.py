"""The project: one SQLite file (sqlite-utils), WAL, foreign keys, migrations.

``Project`` opens the file, runs transactions and commands (``execute`` /
``revert``, each logged in ``events``) and, after each commit, tells its listeners
what changed (``Changes``). The per-table verbs live in parts: ``project.documents``,
``project.spans``, ``project.claims``, ``project.settings``, ``project.search``,
``project.runs``, ``project.events``. This package is the only place with SQL.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from annotator.core.labels import LabelScheme
from annotator.core.model import AnnotatorError, ProjectLockedError, SchemaTooNewError
from annotator.core.sqlite_utils_lite import sqlite_utils
from annotator.core.store.base import now
from annotator.core.store.changes import ChangeListener, ChangeRecorder, Changes
from annotator.core.store.claims import Claims
from annotator.core.store.documents import (
    Documents,
    InsertResult,
    NewDocument,
    StoredDocument,
    text_sha256,
)
from annotator.core.store.events import Events
from annotator.core.store.files import (
    NoSuchProjectError,
    NotAProjectError,
    check_not_empty,
    create_atomically,
    identify,
    no_such_project,
)
from annotator.core.store.layers import Layers
from annotator.core.store.revisions import Revisions
from annotator.core.store.runs import Runs
from annotator.core.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.core.store.search import Search
from annotator.core.store.settings import Settings
from annotator.core.store.spans import Spans

log = logging.getLogger(__name__)

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "ChangeListener", "Changes", "InsertResult",
           "NewDocument", "NoSuchProjectError", "NotAProjectError", "Operation", "Project",
           "StoredDocument", "now", "text_sha256"]


class Operation(Protocol):
    """What ``Project.execute`` runs: a command (``annotator.core.commands``)."""

    name: str

    @property
    def doc_id(self) -> int | None: ...

    def apply(self, project: Project) -> None: ...

    def revert(self, project: Project) -> None: ...

    def payload(self) -> dict[str, Any]: ...


class Project:
    """An open project file. Not thread-safe: one Project per thread.

    The project opens the file, runs transactions and commands, and announces what
    each committed transaction changed; the parts hold the per-table verbs:
    ``documents``, ``spans``, ``claims``, ``settings``, ``search``, ``runs``, ``events``.
    """

    def __init__(self, path: Path | str, *, create: bool = True, timeout: float = 5.0,
                 read_only: bool | None = None, adopt_empty: bool = False) -> None:
        """Open (or create) a project.

        ``create``: make a new project when nothing is at ``path`` (atomically: a
        crash never leaves a half-made file); False: a missing path is an error
        ("no such project"). An existing file that is not a project (another program's
        SQLite file, an empty file) is refused and left as it was. ``adopt_empty``:
        an empty SQLite file (a project an old version began and never finished) is
        made a project (only for the app's own default project).
        ``timeout``: seconds an edit waits for another program's lock before
        ProjectLockedError. ``read_only``: None detects it (an existing file or
        folder this process may not write, e.g. chmod 0444 or a read-only mount);
        a read-only project can be read, and every edit fails with a clear message.
        """
        self.path = Path(path)
        self._timeout = timeout
        if not self.path.exists():
            if not create or read_only:
                raise no_such_project(self.path)
            try:
                create_atomically(self.path, _build_new_project)
            except sqlite3.DatabaseError as exc:
                raise _translate(exc, self.path) from None
            except OSError as exc:
                raise AnnotatorError(
                    f"{self.path}: cannot create the project ({exc.strerror})") from None
        check_not_empty(self.path)
        if read_only is None:
            read_only = self.path.exists() and not (
                os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK))
        self.read_only = read_only
        self.annotator: str | None = None
        self._listeners: list[ChangeListener] = []
        self._recorder = ChangeRecorder()
        self.events = Events(self)
        self.settings = Settings(self)
        self.spans = Spans(self)
        self.claims = Claims(self)
        self.documents = Documents(self, self.spans)
        self.search = Search(self, self.settings)
        self.runs = Runs(self)
        self.layers = Layers(self)  # annotators' layers of a team project
        self.revisions = Revisions(self)  # export revision tokens (the export cache)
        conn: sqlite3.Connection | None = None
        try:
            if read_only:
                conn = self._connect_read_only(timeout)
            else:
                # mode=rw: never create a file here (it was made above, or it exists)
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True,
                                       timeout=timeout, isolation_level=None)
            # no sqlite-utils plugins: looking for them scans every installed package's
            # entry points (60 ms of the window's start-up), and the project uses none
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self._check_file(adopt_empty)  # reads only: a refused file stays byte-identical
            self.db.execute("PRAGMA foreign_keys = ON")
            # SQLite's default page cache is 2 MB; the unique indexes on sha256 and
            # external_id take random inserts and outgrow it past ~30,000 documents,
            # which made big imports disk-bound. Pages are only held as they are used.
            self.db.execute("PRAGMA cache_size = -65536")
            if not read_only:
                self._set_journal_mode()
                self.db.execute("PRAGMA synchronous = FULL")
                # The project file alone holds every acknowledged edit: after each
                # commit SQLite copies the log into the file (a passive checkpoint: it
                # never waits; a reader in another process can hold back what it still
                # reads, until the next commit). bench/bench_safety.py measures the cost.
                self.db.execute("PRAGMA wal_autocheckpoint = 1")
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

    def _check_file(self, adopt_empty: bool) -> None:
        user_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if user_version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path}: this project was written by a newer version of annotator "
                f"(schema {user_version}; this version reads up to {SCHEMA_VERSION}). "
                "Update annotator to open it; the file was not changed."
            )
        if not (adopt_empty and not self.db.table_names()):
            identify(self.db.conn, self.path)
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
        if not self.read_only and (
                self.db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID):
            # a project made before the application id (recognised by its migrations)
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def set_lock_wait(self, seconds: float | None) -> None:
        """How long a write waits for another program's lock before ProjectLockedError
        (None: the timeout the project was opened with). The window waits briefly and
        queues its edits instead of freezing (gui/controller.py)."""
        wait = self._timeout if seconds is None else seconds
        self.db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}").fetchall()

    def close(self) -> None:
        self.catch_up()  # a reader that held others' commits back lets them into the file
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions and change notification ----------------------------

    def now(self) -> str:
        return now()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: BEGIN IMMEDIATE ... COMMIT, or nothing at all. Nested
        calls join the outer transaction; listeners hear once, after the commit."""
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
            self._recorder.take()
            self.settings.forget_scheme()
            if isinstance(exc, sqlite3.DatabaseError):
                raise _translate(exc, self.path) from None
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            self._recorder.take()
            self.settings.forget_scheme()
            raise _translate(exc, self.path) from None
        changes = self._recorder.take()
        if changes:
            self._announce(changes)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A consistent read of many rows (a deferred read transaction under WAL: no
        write lock, others keep writing). While it lasts, other connections' commits
        cannot all be copied into the project file; when it ends, they are."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
            self.catch_up()

    def catch_up(self) -> None:
        """Copy what other connections committed while a long read held it back into
        the project file (a passive checkpoint: it never waits, nothing if up to date)."""
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):
                self.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def note(self, doc_id: int | None = None, *kinds: str) -> None:
        """Record what the open transaction changed (the parts call this)."""
        self._recorder.note(doc_id, *kinds)

    def log(self, doc_id: int | None, action: str, payload: dict[str, Any]) -> None:
        """Append an event (inside the open transaction)."""
        self.events.append(doc_id, action, payload)

    def add_listener(self, listener: ChangeListener) -> None:
        """Called with a ``Changes`` after each commit that changed something."""
        self._listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def notify(self, changes: Changes | int | None) -> None:
        """Announce changes this connection did not make (another connection's writes,
        e.g. a background job's): a ``Changes``, a document id, or None for all."""
        if changes is None:
            changes = Changes.everything()
        elif isinstance(changes, int):
            changes = Changes.of_document(changes)
        if self.db.conn.in_transaction:  # never inside a transaction: after its commit
            self._recorder.note(None, *_flags(changes))
            for doc_id in changes.doc_ids:
                self._recorder.note(doc_id)
            return
        if changes.scheme:
            self.settings.forget_scheme()
        self._announce(changes)

    def _announce(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                # the write is committed: a failing view must not make it look refused
                # (the editor would then leave it out of the undo history)
                log.exception("a change listener failed")

    # --- commands ----------------------------------------------------------

    def execute(self, command: Operation) -> None:
        """Apply one command in its own transaction and append it to the event log."""
        with self.transaction():
            command.apply(self)
            if getattr(command, "changed", True):  # a machine write that wrote nothing
                self.log(command.doc_id, command.name, command.payload())

    def revert(self, command: Operation) -> None:
        """Undo a command (also one transaction and one event)."""
        with self.transaction():
            command.revert(self)
            self.log(command.doc_id, "undo:" + command.name, command.payload())

    # --- shortcuts ------------------------------------------------------------------

    @property
    def scheme(self) -> LabelScheme:
        """The project's label scheme (``settings.scheme``)."""
        return self.settings.scheme


def _build_new_project(path: Path) -> None:
    """A complete new project in ``path`` (a temporary file; see files.create_atomically).
    A rollback journal while building: everything is in the one file when it closes."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        # born in WAL mode (nothing is written after this: the -wal stays empty, and
        # closing removes it), so two first opens never race to switch the mode
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
    finally:
        conn.close()


def _flags(changes: Changes) -> list[str]:
    return [name for name in ("all_documents", "spans", "claims", "status", "tokens", "scheme",
                              "documents_added", "settings") if getattr(changes, name)]


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
