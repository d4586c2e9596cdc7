"""GUI test fixtures: a window on a project with the seed articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.seeds import seed_documents
from annotator.core.store import Project
from annotator.gui.app import build_window, ensure_app
from annotator.gui.main_window import MainWindow


@pytest.fixture
def seeded(project: Project) -> Project:
    project.documents.insert(seed_documents())
    project.search.update_index()
    return project


@pytest.fixture
def window(qtbot: QtBot, seeded: Project) -> Iterator[MainWindow]:
    ensure_app()
    win = build_window(seeded, restore=False)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    yield win
    win.persist = False
    win.close()
