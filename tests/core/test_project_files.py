"""The project file itself (issue 15.3, 15.4, 15.8): what is a project, atomic
creation under kill -9, the file alone holding every acknowledged edit, backups.

Real files and real child processes (tests/core/project_file_worker.py); the long
kill runs are in bench/bench_safety.py.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main as cli
from annotator.core.commands import AddEntity
from annotator.core.model import AnnotatorError
from annotator.core.paths import default_project_path
from annotator.core.seeds import open_default_project
from annotator.core.store import APPLICATION_ID, NewDocument, Project

WORKER = Path(__file__).with_name("project_file_worker.py")
CREATE_KILLS = 10


def start_worker(*args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    return proc


def go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def make_project(path: Path) -> int:
    with Project(path) as project:
        doc_id = project.documents.insert(
            [NewDocument(text="Kim Jong Un bertemu Putin.", external_id="d0")]).doc_ids[0]
        project.execute(AddEntity(doc_id, 0, 11, "PER"))
        return doc_id


def entity_labels(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT label FROM entities ORDER BY id")]
    finally:
        conn.close()


# --- 15.8: only a file this program made is a project -------------------------------------


def foreign_sqlite(path: Path, application_id: int = 0) -> None:
    """Another program's database that happens to have a ``documents`` table."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO documents (body) VALUES ('their data')")
    if application_id:
        conn.execute(f"PRAGMA application_id = {application_id}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("application_id", [0, 0x12345678])
def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(
        tmp_path: Path, application_id: int) -> None:
    theirs = tmp_path / "theirs.db"
    foreign_sqlite(theirs, application_id)
    before = files_in(tmp_path)
    with pytest.raises(AnnotatorError, match="not an annotator project") as err:
        Project(theirs)
    assert str(theirs) in str(err.value)
    assert files_in(tmp_path) == before  # not switched to WAL, no migrations table, no -wal
    conn = sqlite3.connect(theirs)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"documents"}
    conn.close()


def test_another_sqlite_utils_programs_migrated_file_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    conn = sqlite3.connect(theirs)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
                 "name TEXT, applied_at TEXT)")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('their_app', 'm001', '2024-01-01')")
    conn.commit()
    conn.close()
    before = files_in(tmp_path)
    with pytest.raises(AnnotatorError, match="not an annotator project"):
        Project(theirs)
    assert files_in(tmp_path) == before


def test_an_empty_file_is_never_made_a_project(tmp_path: Path) -> None:
    empty = tmp_path / "typo.db"
    empty.touch()
    for create in (True, False):
        with pytest.raises(AnnotatorError, match="an empty file, not an annotator project"):
            Project(empty, create=create)
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["typo.db"]


def test_a_missing_path_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    missing = tmp_path / "projekt.db"
    with pytest.raises(AnnotatorError, match=f"{missing}: no such project file"):
        Project(missing, create=False)
    for read_only in (True, None):
        with pytest.raises(AnnotatorError, match="no such project"):
            Project(missing, create=False, read_only=read_only)
    with pytest.raises(AnnotatorError, match="no such project"):
        Project(missing, read_only=True)  # a read-only open never creates
    assert list(tmp_path.iterdir()) == []


def test_a_new_project_carries_the_application_id(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Project(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_project_from_before_the_application_id_is_accepted_and_stamped(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_project(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")  # as older versions left it
    conn.close()
    with Project(path) as project:
        assert project.spans.counts()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_read_only_verbs_refuse_another_programs_file(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    foreign_sqlite(theirs)
    before = files_in(tmp_path)
    result = CliRunner().invoke(cli, ["stats", "--project", str(theirs)])
    assert result.exit_code != 0
    assert "not an annotator project" in result.output
    assert files_in(tmp_path) == before


# --- 15.4: creating a project is atomic ------------------------------------------------------


def test_a_creation_killed_at_any_moment_leaves_an_openable_project_or_none(
        tmp_path: Path) -> None:
    rng = random.Random(15_4)
    # how long creation takes here, so the kills land inside it
    path = tmp_path / "timing.db"
    proc = start_worker("create", str(path))
    started = time.perf_counter()
    go(proc)
    assert proc.wait(30) == 0
    span = time.perf_counter() - started
    for attempt in range(CREATE_KILLS):
        path = tmp_path / f"p{attempt}.db"
        proc = start_worker("create", str(path))
        go(proc)
        time.sleep(rng.uniform(0.0, span))
        kill(proc)
        with Project(path) as project:  # opens (creating it if the kill came first)
            assert project.documents.count() == 0
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    leftovers = {p.name.split(".creating")[0] for p in tmp_path.iterdir()
                 if p.name.startswith(".")}
    assert len(leftovers) <= CREATE_KILLS  # hidden temporaries of killed runs only
    assert all(name.endswith(".creating") or ".creating-" in name
               for name in (p.name for p in tmp_path.iterdir() if p.name.startswith(".")))


def test_the_default_project_always_starts_after_a_killed_first_start(tmp_path: Path) -> None:
    rng = random.Random(15_44)
    proc = start_worker("default")
    started = time.perf_counter()
    go(proc)
    assert proc.wait(60) == 0
    span = time.perf_counter() - started
    home = Path(os.environ["ANNOTATOR_HOME"])
    for _ in range(CREATE_KILLS):
        for leftover in home.iterdir():
            if leftover.is_file():
                leftover.unlink()
        proc = start_worker("default")
        go(proc)
        time.sleep(rng.uniform(0.0, span))
        kill(proc)
        with open_default_project() as project:
            assert project.documents.count() == 5  # the seeds, once
    assert default_project_path().exists()


def test_a_half_made_default_project_of_an_old_version_is_finished(tmp_path: Path) -> None:
    path = default_project_path()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")  # the old code's first step, then a crash
    conn.close()
    with open_default_project() as project:
        assert project.documents.count() == 5


# --- 15.3: the project file alone holds every acknowledged edit ---------------------------


def test_a_copy_of_the_file_alone_has_the_last_edit_while_the_project_is_open(
        tmp_path: Path) -> None:
    path = tmp_path / "open.db"
    make_project(path)
    with Project(path) as project:
        entity_id = project.spans.list(1)[0].id
        from annotator.core.commands import relabel

        project.execute(relabel(entity_id, "ORG"))
        copy = tmp_path / "copy.db"
        shutil.copyfile(path, copy)  # the .db alone, not its -wal
        assert entity_labels(copy) == ["ORG"]


def test_a_copy_of_the_file_alone_has_the_last_edit_after_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    Project(path).close()
    proc = start_worker("edit", str(path))
    go(proc)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("ACK")
    kill(proc)
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    assert entity_labels(copy) == ["PER"]


# --- 15.3: annotator backup ----------------------------------------------------------------


def test_backup_copies_the_project_with_its_last_edit(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    make_project(path)
    out = tmp_path / "backup.db"
    with Project(path) as project:  # open, with edits in its -wal
        project.execute(AddEntity(1, 12, 19, "ORG"))
        result = CliRunner().invoke(cli, ["backup", "--project", str(path), str(out)])
        assert result.exit_code == 0, result.output
        assert "backed up" in result.output
    assert entity_labels(out) == ["PER", "ORG"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "p.db"]
    with Project(out, create=False) as copy:  # a project in its own right
        assert copy.documents.count() == 1


@pytest.mark.parametrize("target", ["project", "wal", "shm", "symlink", "hardlink"])
def test_backup_refuses_to_write_onto_the_project(tmp_path: Path, target: str) -> None:
    path = tmp_path / "p.db"
    make_project(path)
    with Project(path):  # open: its -wal and -shm exist
        out = {"project": path, "wal": Path(f"{path}-wal"), "shm": Path(f"{path}-shm"),
               "symlink": tmp_path / "link.db", "hardlink": tmp_path / "hard.db"}[target]
        if target == "symlink":
            out.symlink_to(path)
        elif target == "hardlink":
            os.link(path, out)
        before = path.read_bytes()
        result = CliRunner().invoke(cli, ["backup", "--project", str(path), str(out)])
        assert result.exit_code != 0
        assert "refusing to back up onto it" in result.output
        assert path.read_bytes() == before
    assert entity_labels(path) == ["PER"]


def test_backup_of_a_missing_project_creates_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["backup", "--project", str(tmp_path / "nope.db"),
                                      str(tmp_path / "out.db")])
    assert result.exit_code != 0
    assert "no such project" in result.output
    assert list(tmp_path.iterdir()) == []


def test_odd_file_names_work_and_a_dangling_link_is_not_followed(tmp_path: Path) -> None:
    odd = tmp_path / "my project #1 %20 ?&=.db"
    make_project(odd)
    with Project(odd, create=False) as project:
        assert project.documents.count() == 1
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "missing" / "target.db")
    with pytest.raises(AnnotatorError):
        Project(link)
    assert not (tmp_path / "missing").exists()


def test_edits_held_back_by_a_long_read_reach_the_file_when_the_read_ends(
        tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    make_project(path)
    with Project(path) as window, Project(path) as export:
        with export.snapshot():  # a long export's consistent read
            assert export.documents.count() == 1
            window.execute(AddEntity(1, 12, 19, "ORG"))  # acknowledged, in the -wal
        # the read is over: the reader copied the edit into the file, no new commit needed
        copy = tmp_path / "copy.db"
        shutil.copyfile(path, copy)
        assert entity_labels(copy) == ["PER", "ORG"]
