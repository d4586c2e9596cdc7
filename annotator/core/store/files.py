"""The project file itself: what counts as a project, atomic creation, backups.

- Only a file this program made is a project: ``PRAGMA application_id`` says so
  (a file from before the id, recognised by our migrations table, is stamped).
  Anything else (another program's SQLite file, an empty file) is refused and left
  byte-identical.
- A new project is built completely in a hidden temporary file in the same folder,
  synced, then hard-linked into place: a crash leaves either no project or a whole
  one, never a half-made file; two processes creating the same project at once
  both end up using the one that was linked first.
- ``backup_project`` copies a project (committed state, -wal included) with
  SQLite's online backup API into a temporary file, then renames it into place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.model import AnnotatorError
from annotator.core.store.schema import APPLICATION_ID, MIGRATION_SET, MIGRATIONS_TABLE

CREATING_SUFFIX = ".creating"
STALE_CREATING_S = 3600.0  # a leftover temporary file older than this is from a crash


class NotAProjectError(AnnotatorError):
    """The file exists but is not an annotator project (nothing was changed)."""


class NoSuchProjectError(AnnotatorError):
    """The path names no file (and this caller may not create one)."""


def no_such_project(path: Path) -> NoSuchProjectError:
    return NoSuchProjectError(f"{path}: no such project file (check the path; "
                              "'annotator import' makes a new project)")


def check_not_empty(path: Path) -> None:
    """An existing empty file is never turned into a project: it may be a typo for
    another file, or a file another program is about to write."""
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == 0 and not _wal_path(path).exists():
            raise NotAProjectError(
                f"{path}: an empty file, not an annotator project (nothing was changed; "
                "choose another name for a new project)")


def identify(conn: sqlite3.Connection, path: Path) -> bool:
    """Whether the open file is ours. True: an annotator project (maybe a legacy one
    without the application id, to be stamped). Raises NotAProjectError for another
    program's file. Reads only."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return True
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id == 0 and MIGRATIONS_TABLE in tables:
        ours, others = conn.execute(
            f"SELECT count(*) FILTER (WHERE migration_set = ?), "
            f"count(*) FILTER (WHERE migration_set != ?) FROM [{MIGRATIONS_TABLE}]",
            [MIGRATION_SET, MIGRATION_SET]).fetchone()
        if ours or (not others and tables <= {MIGRATIONS_TABLE, "sqlite_sequence"}):
            # made by an annotator before the application id (or begun by one: only
            # the empty migrations table, the first thing sqlite-utils makes)
            return True
    if app_id != 0:
        raise NotAProjectError(
            f"{path}: an SQLite file of another program (application id {app_id:#x}), "
            "not an annotator project; it was not changed")
    if not tables:
        raise NotAProjectError(
            f"{path}: an empty SQLite database, not an annotator project; it was not changed")
    raise NotAProjectError(
        f"{path}: an SQLite file, but not an annotator project (no annotator schema); "
        "it was not changed")


def create_atomically(path: Path, build: Callable[[Path], None]) -> None:
    """Make the project at ``path`` with ``build(temporary path)``; nothing appears at
    ``path`` until the file is complete and on disk. If another process made ``path``
    meanwhile, its file wins and ours is thrown away (both then open the same one)."""
    folder = path.parent
    if not folder.is_dir():
        raise AnnotatorError(f"{path}: the folder {folder} does not exist")
    _remove_stale_temporaries(path)
    tmp = folder / f".{path.name}.{secrets.token_hex(6)}{CREATING_SUFFIX}"
    try:
        build(tmp)
        _fsync_file(tmp)
        try:
            os.link(tmp, path)  # fails if path exists: never replaces another's project
        except FileExistsError:
            pass
        except OSError:
            # no hard links here (FAT, some network shares): rename, after a last check
            if not path.exists():
                os.replace(tmp, path)
        _fsync_folder(folder)
    finally:
        for leftover in (tmp, *_companions(tmp)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def backup_project(source: Path, out: Path) -> int:
    """Copy the project at ``source`` to ``out`` with SQLite's backup API (a consistent
    snapshot of everything committed, the -wal included; writers are not blocked).
    Written to a temporary file and renamed into place: ``out`` is either the old file
    or the whole backup. Returns the size in bytes."""
    refuse_project_target(source, out, "back up", may_replace_project=True)
    if out.is_dir():
        raise AnnotatorError(f"{out}: is a folder; give a file name for the backup")
    if out.exists() and not out.is_file():  # renaming over it would replace it
        raise AnnotatorError(f"{out}: not a regular file (a pipe or a device); give a file "
                             "name for the backup")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise AnnotatorError(f"{out}: the folder {folder} does not exist")
    tmp = folder / f".{out.name}.{secrets.token_hex(6)}.part"
    uri = source.resolve().as_uri()
    try:
        src = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0)
        try:
            identify(src, source)
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                # the copy stands alone: a rollback journal, so it is one file
                dst.execute("PRAGMA journal_mode = DELETE")
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise AnnotatorError(f"{out}: the backup failed its check ({ok})")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync_file(tmp)
        os.replace(tmp, out)
        _fsync_folder(folder)
        return out.stat().st_size
    except sqlite3.Error as exc:
        raise AnnotatorError(f"backup of {source} failed: {exc}") from None
    except OSError as exc:
        raise AnnotatorError(f"{out}: cannot write the backup ({exc.strerror})") from None
    finally:
        for leftover in (tmp, *_companions(tmp)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def refuse_project_target(project: Path, out: Path, verb: str,
                          may_replace_project: bool = False) -> None:
    """Never write onto the project file, its -wal/-shm/-journal, or a link to them;
    nor onto a database in use, another program's SQLite file, or (unless
    ``may_replace_project``: a backup replaces an earlier backup) another project."""
    targets = [project, *_companions(project)]
    real_out = Path(os.path.realpath(out))
    for target in targets:
        same = real_out == Path(os.path.realpath(target))
        if not same and out.exists() and target.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, target)
        if same:
            what = ("the project file" if target == project
                    else f"the project file's {target.name[len(project.name):]} journal")
            raise AnnotatorError(
                f"{out}: that is {what} ({project}); refusing to {verb} onto it. "
                "Choose another file name.")
    # Another SQLite database with a journal beside it is in use (or was not closed):
    # replacing the file would make SQLite replay that journal onto the new one (a
    # corrupt file) and send its program's next edits to a deleted file.
    in_use = [c.name for c in _companions(out) if c.exists()] if out.is_file() else []
    if in_use:
        raise AnnotatorError(
            f"{out}: a database in use by another program or window ({', '.join(in_use)} "
            f"beside it); refusing to {verb} onto it. Choose another file name.")
    ours = _sqlite_kind(out)
    if ours is False or (ours and not may_replace_project):
        what = "another annotator project" if ours else "an SQLite database of another program"
        raise AnnotatorError(f"{out}: {what}; refusing to {verb} onto it (it was not "
                             "changed). Choose another file name.")


def _sqlite_kind(path: Path) -> bool | None:
    """None: not an SQLite file (or none at all); True: an annotator project; False:
    another program's SQLite database. Reads only."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None  # a pipe (/dev/stdout) or a device: reading it could block
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return None
    except OSError:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return identify(conn, path)
        finally:
            conn.close()
    except NotAProjectError:
        return False
    except sqlite3.Error:
        return False


# --- helpers ------------------------------------------------------------------------


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to sync it; NTFS logs renames
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_stale_temporaries(path: Path) -> None:
    cutoff = time.time() - STALE_CREATING_S
    for stale in path.parent.glob(f".{path.name}.*{CREATING_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
