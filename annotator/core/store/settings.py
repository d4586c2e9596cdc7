"""``project.settings``: key/value settings and the project's label scheme."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from annotator.core.labels import LabelKind, LabelScheme, load_scheme

if TYPE_CHECKING:
    from annotator.core.store.base import Store


class Settings:
    def __init__(self, project: Store) -> None:
        self._p = project
        self._scheme: LabelScheme | None = None

    def get(self, key: str, default: Any = None) -> Any:
        row = self._p.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        """Store a setting (logged in ``events`` with its key)."""
        with self._p.transaction():
            self._write(key, value)
            self._p.log(None, "set_setting", {"key": key})
            self._p.note(None, "settings")

    def _write(self, key: str, value: Any) -> None:
        self._p.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           [key, json.dumps(value, ensure_ascii=False)])

    # --- the label scheme ------------------------------------------------------------

    @property
    def scheme(self) -> LabelScheme:
        """The project's label scheme: its own override, else resources/labels.toml."""
        if self._scheme is None:
            stored = self.get("label_scheme")
            self._scheme = (LabelScheme.from_dict(stored, f"{self._p.path} label scheme")
                            if stored else load_scheme())
        return self._scheme

    def reload_scheme(self) -> LabelScheme:
        """Read the scheme again (another connection saved one, e.g. an import job)."""
        self._scheme = None
        return self.scheme

    def save_scheme(self, scheme: LabelScheme) -> None:
        """Low-level: store the scheme (``commands.EditScheme`` is the logged edit)."""
        with self._p.transaction():
            self._write("label_scheme", scheme.to_dict())
            self._p.note(None, "scheme")
        self._scheme = scheme

    def add_labels(self, labels: Iterable[tuple[LabelKind, str]]) -> list[str]:
        """Add labels to the scheme as it is stored now (an import's new labels).

        Read and written inside one write transaction: another program that added
        labels meanwhile (a second import) keeps them; saving a scheme read before
        the transaction would drop them. Returns the names it added."""
        added = []
        with self._p.transaction():
            self._scheme = None  # the stored scheme, not this connection's cached one
            scheme = self.scheme
            for kind, name in labels:
                if scheme.ensure(kind, name):
                    added.append(name)
            if added:
                self._write("label_scheme", scheme.to_dict())
                self._p.note(None, "scheme")
        return added

    def forget_scheme(self) -> None:
        """Drop the cached scheme (a rolled-back transaction may have changed it)."""
        self._scheme = None
