"""The one cancel flag and the one ``Cancelled`` exception of the whole program.

Long work (training, pre-annotation, imports, model downloads) runs in a
background job or a command-line loop. Whoever wants it to stop sets a
:class:`CancelFlag`; the work checks it at safe points (between documents,
between optimisation steps, between files) and raises :class:`Cancelled`,
so each piece of work cleans up after itself on the way out (a transaction
rolls back, a half-trained model folder is removed).
"""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The work stopped because its cancel flag was set; what it promised to undo is undone."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class CancelFlag(threading.Event):
    """A thread-safe "please stop" flag: ``set()`` from anywhere, ``check()`` in the work."""

    def check(self, message: str = "cancelled") -> None:
        """Raise :class:`Cancelled` (with ``message``) if the flag is set."""
        if self.is_set():
            raise Cancelled(message)
