"""Closing the window while a background job runs: the job is cancelled and waited
for, and a job whose QObject is already gone emits nothing (no "Signal source has
been deleted" from the worker thread)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.core.recognizers import base
from annotator.core.store import Project
from annotator.gui.app import build_window, ensure_app
from annotator.gui.preannotate_job import SETTING_STANZA_DIR
from annotator.gui.workers import Job, JobContext, stop_all


def test_a_job_outliving_its_qobject_stops_quietly(qtbot: QtBot,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    ensure_app()
    parent = QObject()
    started, stopped = threading.Event(), threading.Event()
    steps: list[int] = []

    def work(ctx: JobContext) -> None:
        started.set()
        try:
            for k in range(400):  # about 4 s unless cancelled
                steps.append(k)
                ctx.progress(k, 400)
                time.sleep(0.01)
        finally:
            stopped.set()

    job = Job("slow", work, parent)
    job.start()
    assert started.wait(10)
    shiboken6.delete(parent)  # the window went away with its jobs
    assert not shiboken6.isValid(job)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    assert stopped.is_set() and len(steps) < 400  # cancelled, not run to the end
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err
    assert "Traceback" not in err


class SlowRecognizer:
    name = "test-slow"
    version = "1"

    def recognize(self, doc: Document) -> list[base.Suggestion]:
        time.sleep(0.3)
        return []


@pytest.fixture
def slow() -> Iterator[None]:
    base.register(SlowRecognizer.name, lambda **_: SlowRecognizer())
    yield
    base.unregister(SlowRecognizer.name)


def test_closing_the_window_cancels_and_waits_for_preannotation(
        qtbot: QtBot, seeded: Project, tmp_path: Path, slow: None,
        capfd: pytest.CaptureFixture[str]) -> None:
    ensure_app()
    window = build_window(seeded, restore=False)
    window.persist = False
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    window.show()
    seen: list[int] = []
    window.preannotation.document_done.connect(seen.append)
    job = window.preannotation.start()
    assert job is not None
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)  # it is under way
    window.close()  # cancels and waits (bounded)
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert len(set(seen)) < len(seeded.documents.ids())  # stopped early
    shiboken6.delete(window)
    assert stop_all(1.0)
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err
    assert "Traceback" not in err


def test_automatic_preannotation_starts_after_the_first_paint(
        qtbot: QtBot, seeded: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_NO_AUTO_PREANNOTATE", raising=False)
    ensure_app()
    window = build_window(seeded, restore=False)
    window.persist = False
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    window.show()
    window.open_last_document()
    ensure_app().processEvents()
    window.article.viewport().repaint()
    assert window.preannotation.job is None  # the window first
    qtbot.waitUntil(lambda: window.preannotation.job is not None, timeout=10_000)
    job = window.preannotation.job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass
    window.close()
    shiboken6.delete(window)
