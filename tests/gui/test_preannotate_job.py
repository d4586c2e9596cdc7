"""Pre-annotation in the window: background job, visible document first, live refresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.model import SpanStatus
from annotator.core.recognizers import get
from annotator.core.store import Project
from annotator.gui.app import build_window, ensure_app
from annotator.gui.main_window import MainWindow
from annotator.gui.preannotate_job import SETTING_STANZA_DIR


def test_runs_in_background_visible_document_first(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    project = window.controller.project
    ids = project.documents.ids()
    window.open_document(ids[2])
    assert not window.controller.entities
    seen: list[int] = []
    pre = window.preannotation
    pre.document_done.connect(seen.append)
    job = pre.start()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert seen[0] == ids[2]  # the visible document first
    assert sorted(set(seen)) == ids
    # the open view was refreshed as its suggestions landed
    assert window.controller.entities
    assert all(e.status == SpanStatus.SUGGESTED for e in window.controller.entities)
    assert {e.source for e in project.spans.list(ids[0])} <= {"names", "gazetteer", "dates",
                                                            "dictionary"}
    report = pre.last_report
    assert report is not None and any("stanza" in m for m in report.messages)
    assert "Pre-annotation" in window.statusBar().currentMessage()
    # the Model menu offers it
    model_menu = next(a.menu() for a in window.menuBar().actions()
                      if a.text().replace("&", "") == "Model")
    texts = [a.text() for a in model_menu.actions()]
    assert "&Pre-annotate now" in texts and "Pre-annotate &automatically" in texts


def test_cancel_keeps_finished_documents(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    pre = window.preannotation
    job = pre.start()
    assert job is not None
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert pre.job is None
    # whatever was written is complete per document: a new run finishes the rest
    job2 = pre.start()
    assert job2 is not None
    with qtbot.waitSignal(job2.finished, timeout=60_000):
        pass
    project = window.controller.project
    version = get("gazetteer").version
    assert all(project.runs.has_run(i, "gazetteer", version) for i in project.documents.ids())


def test_starts_by_itself_when_a_project_opens(qtbot: QtBot, seeded: Project,
                                               monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.delenv("ANNOTATOR_NO_AUTO_PREANNOTATE", raising=False)
    ensure_app()
    win = build_window(seeded, restore=False)
    win.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.preannotation.job is not None, timeout=10_000)
    job = win.preannotation.job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert seeded.db.execute("SELECT count(*) FROM entities WHERE status = 'suggested'"
                             ).fetchone()[0] > 0
    win.persist = False
    win.close()
