"""Hard cases for the project file: newer schema, read-only, locked, disk full, two windows.

Each must end in one clear AnnotatorError (or work) and lose nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.core import store as store_module
from annotator.core.commands import AddEntity, SetDocumentStatus, relabel
from annotator.core.model import AnnotatorError, DocStatus, ProjectLockedError, SchemaTooNewError
from annotator.core.store import SCHEMA_VERSION, NewDocument, Project

TEXT = "Kim Jong Un bertemu Vladimir Putin di Vladivostok pada Rabu. " * 20


def make_project(path: Path, docs: int = 3) -> int:
    """A closed project with a few documents and one entity; returns the first doc id."""
    with Project(path) as project:
        ids = project.documents.insert(
            [NewDocument(text=f"{i}: {TEXT}", external_id=f"d{i}") for i in range(docs)]).doc_ids
        project.execute(AddEntity(ids[0], 3, 14, "PER"))
        return ids[0]


def snapshot(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'documents_fts%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


# --- a file written by a newer version ---------------------------------------------


def test_newer_schema_version_is_refused_and_file_untouched(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    make_project(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = snapshot(db)
    with pytest.raises(SchemaTooNewError) as err:
        Project(db)
    message = str(err.value)
    assert str(db) in message and "newer version" in message
    assert f"schema {SCHEMA_VERSION + 1}" in message
    assert snapshot(db) == before  # same bytes, no -wal or -shm left behind


def test_unknown_migration_is_refused_and_file_untouched(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    make_project(db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('annotator', 'm042_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = snapshot(db)
    with pytest.raises(SchemaTooNewError, match="m042_from_the_future"):
        Project(db)
    assert snapshot(db) == before


def test_not_a_project_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"these are my notes, not a database\n" * 100)
    before = junk.read_bytes()
    with pytest.raises(AnnotatorError, match="not an annotator project"):
        Project(junk)
    assert junk.read_bytes() == before


# --- read-only files ----------------------------------------------------------------------


def _edits_fail_read_only(project: Project, doc_id: int) -> None:
    attempts = [
        lambda: project.execute(AddEntity(doc_id, 20, 27, "PER")),
        lambda: project.execute(SetDocumentStatus(doc_id, DocStatus.DONE)),
        lambda: project.documents.insert([NewDocument(text="a new document")]),
        lambda: project.settings.set("x", 1),
        lambda: project.search.update_index(),
    ]
    for attempt in attempts:
        with pytest.raises(AnnotatorError, match="read-only"):
            attempt()


def test_read_only_project_reads_and_refuses_edits(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    before = dump(db)
    main_bytes = db.read_bytes()
    with Project(db, read_only=True) as project:
        assert project.read_only
        assert project.documents.count() == 3
        assert [e.label for e in project.spans.list(doc_id)] == ["PER"]
        assert project.documents.get(doc_id).text.startswith("0: Kim")
        _edits_fail_read_only(project, doc_id)
    assert db.read_bytes() == main_bytes
    assert dump(db) == before


def test_unwritable_file_is_detected_as_read_only(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (CI), chmod does not stop writes, so os.access is what decides: fake it."""
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    before = dump(db)
    real_access = os.access

    def no_write(path: object, mode: int, **kw: object) -> bool:
        return False if mode & os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.os, "access", no_write)
    with Project(db) as project:
        assert project.read_only
        assert project.documents.count() == 3
        _edits_fail_read_only(project, doc_id)
    assert dump(db) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes through chmod 0444")
def test_chmod_0444_file_is_read_only(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    db.chmod(0o444)
    try:
        with Project(db) as project:
            assert project.read_only
            _edits_fail_read_only(project, doc_id)
    finally:
        db.chmod(0o644)


def test_read_only_project_that_needs_creating_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()  # an empty file: never made a project (issue 15.8)
    with pytest.raises(AnnotatorError, match="an empty file, not an annotator project"):
        Project(empty, read_only=True)
    assert empty.read_bytes() == b""


# --- locked by another process ------------------------------------------------------------

LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO settings (key, value) VALUES ('locker', '1')")
print("LOCKED", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("RELEASED", flush=True)
"""


def test_locked_project_gives_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdin is not None
        assert locker.stdout.readline().strip() == "LOCKED"
        with Project(db, timeout=0.2) as project:  # opening and reading still work (WAL)
            assert project.documents.count() == 3
            add = AddEntity(doc_id, 20, 27, "PER")
            with pytest.raises(ProjectLockedError, match="locked by another program"):
                project.execute(add)
            with pytest.raises(ProjectLockedError):
                project.documents.insert([NewDocument(text="blocked document")])
            assert project.documents.count() == 3
            assert len(project.spans.list(doc_id)) == 1

            locker.stdin.write("go\n")
            locker.stdin.flush()
            assert locker.stdout.readline().strip() == "RELEASED"
            project.execute(add)  # the same command, retried, now lands
            project.documents.insert([NewDocument(text="unblocked document")])
            assert [(e.start, e.end) for e in project.spans.list(doc_id)] == [(3, 14), (20, 27)]
            assert project.documents.count() == 4
            assert project.db.execute(
                "SELECT value FROM settings WHERE key = 'locker'").fetchone() == ("1",)
    finally:
        if locker.poll() is None:
            locker.kill()
        locker.wait()


# --- disk full -------------------------------------------------------------------------------


def test_disk_full_gives_clear_error_and_keeps_earlier_data(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    with Project(db) as project:
        pages = project.db.execute("PRAGMA page_count").fetchone()[0]
        project.db.execute(f"PRAGMA max_page_count = {pages}")
        big = [NewDocument(text=f"{i} " + "x" * 50_000) for i in range(4)]
        with pytest.raises(AnnotatorError, match="disk is full"):
            project.documents.insert(big)
        assert project.documents.count() == 3
        # Small edits fill the last free pages, then fail one by one, cleanly.
        added, failures = 0, 0
        for i in range(400):
            start = 20 + i
            try:
                project.execute(SetDocumentStatus(doc_id, DocStatus.IN_PROGRESS))
                project.execute(relabel(project.spans.list(doc_id)[0].id or 0, "ORG"))
                project.execute(AddEntity(doc_id, start, start + 1, "MISC"))
                added += 1
            except AnnotatorError as exc:
                assert "disk is full" in str(exc)
                failures += 1
                break
        assert failures == 1
        # Room again: the project carries on, and everything before is there.
        project.db.execute("PRAGMA max_page_count = 1073741823")
        project.documents.insert(big)
        assert project.documents.count() == 7
        assert len(project.spans.list(doc_id)) == 1 + added
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


# --- two windows on one project ------------------------------------------------------------


def test_second_project_sees_the_first_ones_changes(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    with Project(db) as first, Project(db) as second:
        assert len(second.spans.list(doc_id)) == 1
        first.execute(AddEntity(doc_id, 20, 27, "LOC"))
        assert [e.label for e in second.spans.list(doc_id)] == ["PER", "LOC"]
        second.execute(SetDocumentStatus(doc_id, DocStatus.DONE))
        assert first.documents.get(doc_id).status == DocStatus.DONE
        first.documents.insert([NewDocument(text="imported in the first window")])
        assert second.documents.count() == 4


def test_simultaneous_edits_from_two_projects_both_land(tmp_path: Path) -> None:
    db = tmp_path / "p.annotator.db"
    doc_id = make_project(db)
    errors: list[BaseException] = []
    per_writer = 40

    def writer(offset: int) -> None:
        try:
            with Project(db, timeout=10) as project:
                for i in range(per_writer):
                    start = 100 + 2 * (offset + 2 * i)  # the writers interleave positions
                    project.execute(AddEntity(doc_id, start, start + 1, "MISC"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Project(db) as project:
        assert len(project.spans.list(doc_id)) == 1 + 2 * per_writer
        assert len([e for e in project.events.list(doc_id) if e["action"] == "add_entity"]) == (
            1 + 2 * per_writer)
