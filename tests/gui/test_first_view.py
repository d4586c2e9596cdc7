"""The first view shows suggestions: model-free recognizers run before the first paint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from annotator.core.recognizers.base import FIRST_VIEW
from annotator.core.store import NewDocument, Project
from annotator.gui.app import build_window, ensure_app, render_screenshot
from annotator.gui.preannotate_job import SETTING_AUTO

ARTICLE = ("BANDUNG, WARTANUSA.com - Ketua Koperasi Tani Makmur (KTM) Sutrisno Adiwijaya "
           "mengatakan panen raya dimulai pekan depan. \"Harga gabah stabil,\" kata "
           "Sutrisno kepada wartawan di Bandung, Senin (4/3/2024).\n")


@pytest.fixture
def fresh(tmp_path: Path) -> Project:
    project = Project(tmp_path / "fresh.annotator.db")
    project.documents.insert([NewDocument(ARTICLE, lang="id", external_id="a1"),
                              NewDocument("Dokumen kedua tanpa nama.", lang="id")])
    return project


def labelled(project: Project, doc_id: int) -> set[tuple[str, str, str]]:
    text = project.documents.get(doc_id).text
    return {(text[e.start:e.end], e.label, e.source) for e in project.spans.list(doc_id)}


def test_first_document_has_suggestions_before_any_event(
        qtbot: QtBot, fresh: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_NO_AUTO_PREANNOTATE", raising=False)
    ensure_app()
    win = build_window(fresh, restore=False)
    qtbot.addWidget(win)
    win.persist = False
    win.open_last_document()
    # no event loop has run: what the first paint will show is already there
    entities = win.controller.entities
    doc = win.controller.doc
    assert doc is not None
    shown = {(doc.text[e.start:e.end], e.label) for e in entities}
    assert ("Sutrisno Adiwijaya", "PER") in shown and ("KTM", "ORG") in shown
    assert {e.source for e in entities} <= set(FIRST_VIEW)
    report = win.preannotation.first_view_report
    assert report is not None and report.documents == 1  # only the document shown
    other = [i for i in fresh.documents.ids() if i != doc.id]
    assert not fresh.spans.list(other[0])
    win.close()


def test_no_first_view_suggestions_when_automatic_preannotation_is_off(
        qtbot: QtBot, fresh: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_NO_AUTO_PREANNOTATE", raising=False)
    ensure_app()
    win = build_window(fresh, restore=False)
    qtbot.addWidget(win)
    win.persist = False
    win.settings.setValue(SETTING_AUTO, False)
    try:
        win.open_last_document()
        assert win.controller.entities == []
    finally:
        win.settings.setValue(SETTING_AUTO, True)
        win.close()


def test_screenshot_of_a_fresh_project_shows_people_highlighted(
        fresh: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANNOTATOR_NO_AUTO_PREANNOTATE", raising=False)
    out = tmp_path / "shot.png"
    render_screenshot(out, fresh, "a1")
    doc_id = fresh.documents.ids()[0]
    assert ("Sutrisno Adiwijaya", "PER", "names") in labelled(fresh, doc_id)
    # the PER colour's light tint (a suggestion) is in the picture
    image = QImage(str(out))
    per = QColor(fresh.scheme.get("entity", "PER").color)  # type: ignore[union-attr]
    alpha = 70 / 255
    tint = [round(255 * (1 - alpha) + c * alpha) for c in (per.red(), per.green(), per.blue())]
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            px = image.pixelColor(x, y)
            if all(abs(a - b) <= 3 for a, b in zip((px.red(), px.green(), px.blue()), tint,
                                                   strict=True)):
                hits += 1
    assert hits > 50
