"""What the store's parts need from the project (a protocol: no import cycle)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from annotator.core.sqlite_utils_lite import sqlite_utils


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store(Protocol):
    db: sqlite_utils.Database
    path: Path
    annotator: str | None
    read_only: bool

    def set_lock_wait(self, seconds: float | None) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def snapshot(self) -> AbstractContextManager[None]: ...

    def note(self, doc_id: int | None = None, *kinds: str) -> None:
        """Record what the open transaction changed (announced after its commit)."""

    def log(self, doc_id: int | None, action: str, payload: dict[str, Any]) -> None:
        """Append an event (inside the open transaction)."""

    def now(self) -> str: ...
