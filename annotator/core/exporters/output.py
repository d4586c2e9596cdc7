"""Where an export writes, safely.

Every target (the data, an hf label file, a split part, a brat folder) is
checked before anything is written, and written to a hidden temporary file or
folder beside it that replaces it only when the whole export succeeded: a
failed export leaves no half file and no ``.part`` (also on SIGTERM, which the
command line turns into an exception). Refused targets:

- the project file itself, its ``-wal``/``-shm``/``-journal``, or a symlink or
  hard link to any of them (an export there would destroy the project);
- a folder given where a file is written, a missing parent folder;
- a non-empty folder for a folder format, unless it holds only what such an
  export writes (then it is replaced whole);
- two outputs of one export on the same path.

A full disk or any other write error becomes one line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.model import AnnotatorError
from annotator.core.store.files import refuse_project_target


def _real(path: Path) -> str:
    return os.path.realpath(path)


class Outputs:
    """The files and folders of one export, committed together.

    ``file()`` and ``folder()`` hand out temporary targets; ``commit()`` renames
    them all into place; leaving the ``with`` block without committing removes them.
    """

    def __init__(self, project_path: Path | None, folder_allows: tuple[str, ...] = ()) -> None:
        self._project = project_path
        self._pending: list[tuple[Path, Path, bool]] = []  # (temporary, target, is folder)
        self._targets: set[str] = set()
        self._folder_allows = folder_allows

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    # --- checks ----------------------------------------------------------------

    def check(self, path: Path, *, folder: bool = False) -> None:
        real = _real(path)
        if self._project is not None:
            refuse_project_target(self._project, path, "export")
        if real in self._targets:
            raise AnnotatorError(f"{path}: two outputs of this export would share this path")
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise AnnotatorError(f"{path}: the folder {parent} does not exist")
        if folder:
            if path.exists() and not path.is_dir():
                raise AnnotatorError(f"{path}: a file; this format writes a folder")
            if path.is_dir():
                strangers = [p.name for p in path.iterdir()
                             if not (p.is_file() and p.name.endswith(self._folder_allows))
                             and p.name != ".stats_cache"]
                if strangers:
                    raise AnnotatorError(
                        f"{path}: the folder holds other files ({', '.join(sorted(strangers)[:3])}"
                        "); give a new or empty folder")
        elif path.is_dir():
            raise AnnotatorError(f"{path}: a folder; give a file name (e.g. {path}/export)")
        self._targets.add(real)

    # --- temporary targets -------------------------------------------------------

    @contextlib.contextmanager
    def file(self, path: Path, binary: bool = False) -> Iterator[IO[Any]]:
        """A stream to a temporary file that becomes ``path`` at commit (a pipe or a
        device, e.g. /dev/stdout, is written directly: renaming over it would replace
        it with a file)."""
        self.check(path)
        if _is_special(path):
            try:
                with (path.open("wb") if binary else
                      path.open("w", encoding="utf-8", newline="\n")) as direct:
                    yield direct
            except OSError as exc:
                raise write_error(path, exc) from None
            return
        folder = path.parent if str(path.parent) else Path(".")
        try:
            with _termination_deferred():  # made and noted for removal, or neither
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
                self._pending.append((Path(tmp), path, False))
        except OSError as exc:
            raise AnnotatorError(f"{path}: cannot write here ({exc.strerror})") from None
        try:
            if binary:
                with os.fdopen(fd, "wb") as fb:
                    yield fb
                    fb.flush()
                    os.fsync(fb.fileno())
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as ft:
                    yield ft
                    ft.flush()
                    os.fsync(ft.fileno())
        except OSError as exc:
            raise write_error(path, exc) from None

    def folder(self, path: Path) -> Path:
        """A temporary folder that becomes ``path`` at commit."""
        path = Path(os.path.abspath(path))  # "." has no name to put a temporary beside
        self.check(path, folder=True)
        parent = path.parent if str(path.parent) else Path(".")
        try:
            with _termination_deferred():
                tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part",
                                            dir=parent))
                self._pending.append((tmp, path, True))
        except OSError as exc:
            raise AnnotatorError(f"{path}: cannot write here ({exc.strerror})") from None
        return tmp

    def commit(self) -> None:
        try:
            for tmp, path, is_folder in self._pending:
                if is_folder:
                    _replace_folder(tmp, path)
                else:
                    # mkstemp makes a private file: keep the old file's mode, else rw-r--r--
                    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
                    os.chmod(tmp, mode)
                    os.replace(tmp, path)
        except OSError as exc:
            raise write_error(Path(exc.filename or "export"), exc) from None
        self._pending = []

    def discard(self) -> None:
        for tmp, _path, is_folder in self._pending:
            if is_folder:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self._pending = []


@contextlib.contextmanager
def atomic_output(path: Path, binary: bool = False, project_path: Path | None = None
                  ) -> Iterator[IO[Any]]:
    """One file written through a temporary beside it, in place only on success."""
    with Outputs(project_path) as outputs:
        with outputs.file(path, binary) as stream:
            yield stream
        outputs.commit()


@contextlib.contextmanager
def _termination_deferred() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block is done: the command line turns them into
    an exception, which between making a temporary file and noting it for removal
    would leave it behind (a ``.part`` that no one removes)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:  # Windows: no signal masks
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file or a folder (a FIFO, a device,
    /dev/stdout through its link)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _replace_folder(tmp: Path, path: Path) -> None:
    os.chmod(tmp, 0o755)
    if not path.exists():
        os.replace(tmp, path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
    os.replace(path, old / path.name)
    os.replace(tmp, path)
    shutil.rmtree(old, ignore_errors=True)


def write_error(path: Path, exc: OSError) -> AnnotatorError:
    return AnnotatorError(f"{path}: cannot write ({exc.strerror or exc}); the export was "
                          "stopped and no file was written")


DATA_SUFFIXES = (".jsonl", ".json", ".ndjson", ".conll", ".txt", ".spacy", ".csv", ".tsv")


def base_and_suffix(path: Path) -> tuple[str, str]:
    """``data.jsonl`` -> (``data``, ``.jsonl``); ``data.v1`` -> (``data.v1``, ``""``)."""
    suffix = path.suffix if path.suffix.lower() in DATA_SUFFIXES else ""
    return path.name[:len(path.name) - len(suffix)], suffix


def part_path(path: Path, part: str, folder: bool = False) -> Path:
    """Where a split part goes: ``data.train.jsonl``, or ``OUT/train`` for folders."""
    if folder:
        return path / part
    base, suffix = base_and_suffix(path)
    return path.with_name(f"{base}.{part}{suffix}")


def side_path(path: Path, name: str) -> Path:
    """A file that goes with the data: ``data.v1`` -> ``data.v1.labels.json``."""
    base, _ = base_and_suffix(path)
    return path.with_name(f"{base}.{name}")
