"""Background jobs: run a function off the GUI thread with progress, cancel and result.

A job function takes a :class:`JobContext` and returns a result. It reports
progress with ``ctx.progress(done, total)``; once cancel is requested, the next
``ctx.progress`` (or ``ctx.check()``) raises :class:`Cancelled`, so work that
runs inside a transaction (import) rolls back. Signals arrive on the GUI thread.

The core's ``Project`` is not thread-safe: a job that touches the store opens its
own ``Project(path)`` inside the function and closes it.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.core.model import AnnotatorError

_RUNNING: set[Job] = set()  # started and not finished (GUI thread bookkeeping)


def safe_emit(owner: QObject, emit: Callable[..., None], *args: Any) -> bool:
    """Emit from a worker thread unless ``owner`` (the signal's QObject) is gone:
    when the window closes while a job runs, its QObjects are deleted and a plain
    emit raises "Signal source has been deleted". Returns whether it was emitted."""
    if not shiboken6.isValid(owner):
        return False
    try:
        emit(*args)
    except RuntimeError:
        if shiboken6.isValid(owner):
            raise
        return False  # deleted between the check and the emit
    return True


def stop_all(timeout: float = 3.0) -> bool:
    """Cancel every running job and wait up to ``timeout`` seconds for the worker
    threads (the window is closing). Returns whether all of them finished."""
    for job in list(_RUNNING):
        if shiboken6.isValid(job):
            job.cancel()
    return QThreadPool.globalInstance().waitForDone(int(timeout * 1000))


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobContext:
    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._emit: Callable[[int, int], None] = lambda done, total: None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0) -> None:
        """Report progress (total 0: unknown) and stop here if cancelled."""
        self._emit(int(done), int(total))
        self.check()


class Job(QObject):
    """One background job. Keep a reference until ``finished`` has fired."""

    progress = Signal(int, int)  # done, total (0: unknown)
    succeeded = Signal(object)  # the function's result
    failed = Signal(str)  # one clear message
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(self, title: str, func: Callable[[JobContext], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.func = func
        self.ctx = JobContext()
        progress = self.progress.emit

        def emit_progress(done: int, total: int) -> None:
            safe_emit(self, progress, done, total)

        self.ctx._emit = emit_progress
        # deleted with its parent (the window closed): the work stops at its next check
        cancel = self.ctx._cancel
        self.destroyed.connect(lambda *_: cancel.set())
        self.running = False
        self.result: Any = None
        self.error: str | None = None

    def cancel(self) -> None:
        self.ctx._cancel.set()

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        _RUNNING.add(self)
        self.finished.connect(lambda: _RUNNING.discard(self))
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def run_here(self) -> None:
        """Run synchronously on the calling thread (tests, command line)."""
        self.running = True
        _Runner(self).run()

    def _done(self, kind: str, value: Any) -> None:
        if not shiboken6.isValid(self):
            _RUNNING.discard(self)
            return  # the window (and this job's QObject) is gone: nobody to tell
        self.running = False
        if kind == "ok":
            self.result = value
            safe_emit(self, self.succeeded.emit, value)
        elif kind == "cancelled":
            safe_emit(self, self.cancelled.emit)
        else:
            self.error = str(value)
            safe_emit(self, self.failed.emit, str(value))
        if not safe_emit(self, self.finished.emit):
            _RUNNING.discard(self)


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        try:
            result = job.func(job.ctx)
        except Cancelled:
            job._done("cancelled", None)
        except AnnotatorError as exc:
            job._done("error", exc)
        except Exception as exc:  # a bug: say what it was, keep the window alive
            traceback.print_exc()
            job._done("error", f"{type(exc).__name__}: {exc}")
        else:
            if job.ctx.cancelled:
                job._done("cancelled", None)
            else:
                job._done("ok", result)
