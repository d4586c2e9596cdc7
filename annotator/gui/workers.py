"""Background jobs: run a function off the GUI thread with progress, cancel and result.

A job function takes a :class:`JobContext` and returns a result. It reports
progress with ``ctx.progress(done, total)``; once cancel is requested, the next
``ctx.progress`` (or ``ctx.check()``) raises :class:`Cancelled`, so work that
runs inside a transaction (import) rolls back. Signals arrive on the GUI thread.

The core's ``Project`` is not thread-safe: a job that touches the store opens its
own ``Project(path)`` inside the function and closes it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from annotator.core.cancel import CancelFlag, Cancelled
from annotator.core.model import AnnotatorError

_RUNNING: set[Job] = set()  # started and not finished (GUI thread bookkeeping)


def stop_all(timeout: float = 3.0) -> bool:
    """Cancel every running job and wait up to ``timeout`` seconds for the worker
    threads (the window is closing). Returns whether all of them finished."""
    for job in list(_RUNNING):
        job.ctx.cancel_flag.set()
    return QThreadPool.globalInstance().waitForDone(int(timeout * 1000))


class _Relay(QObject):
    """What the worker thread emits on. It has no parent, and the worker holds it,
    so it outlives the window: a job's own QObject is deleted with its window, and
    emitting on it from the worker then crashed ("Signal source has been deleted",
    or a segfault). Qt drops the relayed signals of a deleted job."""

    progress = Signal(int, int)
    note = Signal(object)
    done = Signal(str, object)  # kind ("ok", "cancelled", "error"), value


class JobContext:
    def __init__(self) -> None:
        self.cancel_flag = CancelFlag()  # hand it to core functions that take ``cancel``
        self._emit: Callable[[int, int], None] = lambda done, total: None
        self._notify: Callable[[Any], None] = lambda value: None

    @property
    def cancelled(self) -> bool:
        return self.cancel_flag.is_set()

    def check(self) -> None:
        self.cancel_flag.check()

    def notify(self, value: Any) -> None:
        """Pass a value to the GUI thread (the job's ``notified`` signal)."""
        self._notify(value)

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
    notified = Signal(object)  # what the function passed to ``ctx.notify``

    def __init__(self, title: str, func: Callable[[JobContext], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.func = func
        self.ctx = JobContext()
        self._relay = _Relay()
        self._relay.progress.connect(self.progress)
        self._relay.note.connect(self.notified)
        self._relay.done.connect(self._finish)
        self.ctx._emit = self._relay.progress.emit
        self.ctx._notify = self._relay.note.emit
        # deleted with its parent (the window closed): the work stops at its next check
        cancel = self.ctx.cancel_flag

        def on_destroyed(*_args: object) -> None:
            cancel.set()
            _RUNNING.discard(self)

        self.destroyed.connect(on_destroyed)
        self.running = False
        self.result: Any = None
        self.error: str | None = None

    def cancel(self) -> None:
        self.ctx.cancel_flag.set()

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    @Slot(str, object)
    def _finish(self, kind: str, value: Any) -> None:
        # on the GUI thread (queued from the worker), and only while this job exists
        _RUNNING.discard(self)
        self.running = False
        if kind == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.error = str(value)
            self.failed.emit(str(value))
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        # what the worker needs, not the job itself (its QObject may be deleted meanwhile)
        self.func, self.ctx, self.relay = job.func, job.ctx, job._relay
        self.setAutoDelete(True)

    def run(self) -> None:
        done = self.relay.done.emit
        try:
            result = self.func(self.ctx)
        except Cancelled:
            done("cancelled", None)
        except AnnotatorError as exc:
            done("error", exc)
        except Exception as exc:  # a bug: say what it was, keep the window alive
            traceback.print_exc()
            done("error", f"{type(exc).__name__}: {exc}")
        else:
            done("cancelled" if self.ctx.cancelled else "ok", None if self.ctx.cancelled
                 else result)
