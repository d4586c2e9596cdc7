"""Model > Train model: readiness, a real background training, the result, re-suggestion."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core import training
from annotator.core.model import DocStatus
from annotator.core.store import Project
from annotator.gui import train_dialog
from annotator.gui.app import build_window, ensure_app
from annotator.gui.main_window import MainWindow

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from tests.fixtures.ner_docs import generate_documents  # noqa: E402


def _window(qtbot: QtBot, project: Project) -> MainWindow:
    ensure_app()
    win = build_window(project, restore=False)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def generated(project: Project) -> Iterator[Project]:
    project.documents.insert(generate_documents(12, seed=5, sentences=(3, 6)))
    todo = generate_documents(2, seed=6, status=DocStatus.NEW, prefix="todo")
    for doc in todo:
        doc.entities = []
    project.documents.insert(todo)
    yield project


def test_model_menu_and_how_many_more_documents(qtbot: QtBot, project: Project) -> None:
    project.documents.insert(generate_documents(3, seed=1))
    win = _window(qtbot, project)
    menus = {a.text().replace("&", ""): a.menu() for a in win.menuBar().actions() if a.menu()}
    assert "Model" in menus
    assert "&Train model…" in [a.text() for a in menus["Model"].actions()]
    win.action_table["train_model"].trigger()
    dialog = win.findChild(train_dialog.TrainDialog)
    assert dialog is not None and dialog.isVisible()
    assert "Finished documents: 3." in dialog.info.text()
    assert "finish 7 more documents" in dialog.info.text()
    assert not dialog.train_button.isEnabled()
    assert not dialog.latest_button.isEnabled()
    dialog.close()
    win.persist = False
    win.close()


@pytest.mark.slow
def test_training_in_the_background_then_evaluation_and_resuggestion(
        qtbot: QtBot, generated: Project) -> None:
    win = _window(qtbot, generated)
    options = training.TrainOptions(min_docs=5, steps=40, hidden_dim=16, pretrain="none")
    job = train_dialog.start_training(win, options)
    assert job is not None
    assert win.files.job_bar.isVisible()
    # annotation goes on while the model trains: an edit from the GUI thread
    first = generated.documents.ids(DocStatus.NEW)[0]
    win.open_document(first)
    assert win.controller.set_status(DocStatus.IN_PROGRESS)
    assert job.running
    assert generated.documents.get(first).status == DocStatus.IN_PROGRESS
    with qtbot.waitSignal(job.finished, timeout=180_000):
        pass
    assert job.error is None, job.error
    report = job.result
    assert isinstance(report, training.TrainReport)
    result = win.findChild(train_dialog.ResultDialog)
    assert result is not None and result.isVisible()
    assert "overall" in result.table.toPlainText()
    assert report.model.id in result.summary.text()
    assert training.active_model(generated) is not None
    assert result.resuggest_button.isEnabled()
    result.resuggest_button.click()
    resuggest = next(j for j in win.files.jobs if j.title == "Re-suggesting")
    with qtbot.waitSignal(resuggest.finished, timeout=60_000):
        pass
    assert resuggest.error is None, resuggest.error
    suggested = [e for e in generated.spans.list(first) if e.source == "stanza-ner"]
    text = generated.documents.get(first).text
    assert all(text[e.start:e.end] == text[e.start:e.end].strip() != "" for e in suggested)
    assert generated.runs.has_run(first, "stanza-ner", report.model.version)
    # the dialog now shows the model in use and its evaluation
    dialog = train_dialog.open_dialog(win)
    assert report.model.id in dialog.info.text()
    assert "overall" in dialog.table.toPlainText()
    dialog.none_button.click()
    assert training.active_model(generated) is None
    assert "none" in dialog.info.text()
    dialog.close()
    win.persist = False
    win.close()


@pytest.mark.slow
def test_cancelled_training_job_changes_nothing(qtbot: QtBot, generated: Project) -> None:
    win = _window(qtbot, generated)
    job = train_dialog.start_training(
        win, training.TrainOptions(min_docs=5, steps=3000, hidden_dim=16, pretrain="none"))
    assert job is not None
    qtbot.waitUntil(lambda: win.files.job_bar.bar.maximum() > 0
                    and win.files.job_bar.bar.value() > 60, timeout=120_000)
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=60_000):
        pass
    assert training.list_models(generated.path) == []
    assert not [p for p in training.models_dir(generated.path).iterdir()
                if p.name.startswith(".tmp-")]
    assert training.active_model(generated) is None
    win.persist = False
    win.close()
