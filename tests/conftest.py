"""Test set-up shared by the core and GUI tests."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen Qt must be chosen before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TORCH_NUM_THREADS", "1")
# Windows in tests do not start background pre-annotation by themselves
# (tests/gui/test_preannotate_job.py turns it on where it tests it).
os.environ.setdefault("ANNOTATOR_NO_AUTO_PREANNOTATE", "1")

from annotator.core.store import Project


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder: never touch the user's projects."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    yield home


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app makes no network call unless the user asks: fail any test that connects."""

    def refuse(self: socket.socket, address: object) -> None:
        if isinstance(address, str):  # AF_UNIX sockets (e.g. X11, D-Bus) are local
            return original(self, address)
        raise AssertionError(f"a test tried to open a network connection to {address!r}")

    original = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project(tmp_path / "test.annotator.db") as proj:
        yield proj
