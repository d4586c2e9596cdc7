"""The review mode on a merged team project, with real key presses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.core.model import SpanStatus
from annotator.core.store import Project
from annotator.core.teams.assign import assign
from annotator.core.teams.merge import merge_projects
from annotator.gui.app import build_window, ensure_app
from annotator.gui.main_window import MainWindow
from tests.fixtures.gui_keys import K, M, press, select
from tests.fixtures.team_projects import annotate

TEXT = "Joko Widodo bertemu Angela Merkel di Jakarta pada Senin."
AGREED = "Presiden Prabowo berkunjung ke Surabaya."
JW, AM, MERKEL, JKT, SENIN = (0, 11), (20, 33), (27, 33), (37, 44), (50, 55)


def _doc_id(project: Project, text: str = TEXT) -> int:
    return next(d.id for d in project.documents.iter() if d.text == text)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Project]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(AGREED, encoding="utf-8")
    assign([corpus], ["ana", "budi"], tmp_path / "team", overlap=1.0)
    ana, budi = tmp_path / "team" / "ana.annotator.db", tmp_path / "team" / "budi.annotator.db"
    annotate(ana, TEXT, [(*JW, "PER"), (*AM, "PER"), (*JKT, "LOC"), (*SENIN, "DATE")],
             [(0, len(TEXT), "CHECKWORTHY", JW)])
    annotate(budi, TEXT, [(*JW, "PER"), (*MERKEL, "PER"), (*JKT, "ORG"), (*SENIN, "DATE")],
             [(0, len(TEXT), "FACTUAL", JW)])
    for path in (ana, budi):
        annotate(path, AGREED, [(9, 16, "PER")])
    project = Project(tmp_path / "team.db")
    merge_projects(project, [ana, budi])
    yield project
    project.close()


@pytest.fixture
def window(qtbot: QtBot, team: Project) -> Iterator[MainWindow]:
    ensure_app()
    win = build_window(team, restore=False)
    qtbot.addWidget(win)
    win.resize(1400, 850)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    win.open_document(_doc_id(team))
    win.article.setFocus()
    yield win
    win.persist = False
    win.close()


def _gold(project: Project) -> set[tuple[int, int, str, str]]:
    doc_id = _doc_id(project)
    return {(e.start, e.end, e.label, str(e.status))
            for e in project.spans.list(doc_id, include_rejected=True)}


def test_adjudicate_with_keys_and_undo(window: MainWindow, team: Project) -> None:
    review = window.review
    panel = review.panel
    press(window, K.Key_R, M.ControlModifier)
    assert review.active and panel.isVisible()
    assert panel.sites.count() == 3  # Angela Merkel / Merkel, Jakarta LOC / ORG, the claim
    assert "ana" in panel.header.text() and "budi" in panel.header.text()
    assert panel.documents.count() == 1
    press(window, K.Key_J)
    assert review.current == 1 and panel.sites.currentRow() == 1
    press(window, K.Key_K)
    assert review.current == 0
    site = review.site()
    assert site is not None and (site.start, site.end) == (AM[0], AM[1])

    press(window, K.Key_1, M.ControlModifier)  # ana's version: Angela Merkel
    assert (*AM, "PER", "accepted") in _gold(team)
    assert panel.sites.count() == 2
    press(window, K.Key_Z, M.ControlModifier)  # undo, as everywhere
    assert (*AM, "PER", "accepted") not in _gold(team)
    assert panel.sites.count() == 3
    press(window, K.Key_1, M.ControlModifier)
    press(window, K.Key_2, M.ControlModifier)  # budi's version: Jakarta ORG
    assert {(*AM, "PER", "accepted"), (*JKT, "ORG", "accepted")} <= _gold(team)
    site = review.site()
    assert site is not None and site.kind == "claim"
    press(window, K.Key_0, M.ControlModifier)  # neither claim label
    doc_id = _doc_id(team)
    claims = team.claims.list(doc_id, include_rejected=True)
    assert sorted((c.label, str(c.status)) for c in claims if c.source == "review") == [
        ("CHECKWORTHY", "rejected"), ("FACTUAL", "rejected")]
    assert panel.sites.count() == 0
    assert team.layers.open_counts() == {}  # progress: no document left open
    assert panel.documents.count() == 0
    assert "0 documents" in panel.documents_label.text()
    # the consensus spans were there from the merge
    assert {(*JW, "PER", "accepted"), (*SENIN, "DATE", "accepted")} <= _gold(team)
    assert all(e.status != SpanStatus.SUGGESTED for e in team.spans.list(doc_id))


def test_review_keys_need_the_mode_and_take_all_refuses_overlaps(window: MainWindow,
                                                                  team: Project) -> None:
    press(window, K.Key_1, M.ControlModifier)
    assert "review mode" in window.statusBar().currentMessage().lower()
    press(window, K.Key_R, M.ControlModifier)
    press(window, K.Key_B, M.ControlModifier)  # Angela Merkel and Merkel overlap
    assert "overlap" in window.statusBar().currentMessage()
    assert window.review.panel.sites.count() == 3
    assert window.documents.model.ids == [_doc_id(team)]  # the open ones only
    press(window, K.Key_R, M.ControlModifier)
    assert not window.review.active
    assert window.documents.model.ids == team.documents.ids()  # every document again
    assert window.findChild(type(window.review.panel), "reviewPanel").isVisible() is False


def test_review_mode_refuses_a_project_without_layers(qtbot: QtBot, tmp_path: Path) -> None:
    ensure_app()
    with Project(tmp_path / "plain.db") as project:
        win = build_window(project, restore=False)
        qtbot.addWidget(win)
        win.review.toggle()
        assert not win.review.active
        assert "merge" in win.statusBar().currentMessage()
        win.persist = False
        win.close()


def test_review_actions_have_free_keys(window: MainWindow) -> None:
    """No review key clashes with another action's or a label's key."""
    seen: dict[str, str] = {}
    for action in window.actions():
        for seq in action.shortcuts():
            key = seq.toString()
            assert key not in seen, f"{key}: {seen.get(key)} and {action.objectName()}"
            seen[key] = action.objectName()
    assert seen["Ctrl+1"] == "review_take_1" and seen["Ctrl+0"] == "review_take_none"
    assert seen["J"] == "review_next" and seen["K"] == "review_previous"


def test_an_assigned_file_stamps_its_annotators_name(qtbot: QtBot, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    assign([corpus], ["ana"], tmp_path / "team")
    ensure_app()
    with Project(tmp_path / "team" / "ana.annotator.db", create=False) as project:
        win = build_window(project, restore=False)
        qtbot.addWidget(win)
        win.open_document(project.documents.ids()[0])
        assert win.controller.label_range(*JW, "PER")
        assert [e.annotator for e in project.spans.list(project.documents.ids()[0])] == ["ana"]
        win.persist = False
        win.close()


def test_ordinary_labelling_settles_a_disagreement_with_the_mode_off(window: MainWindow,
                                                                      team: Project) -> None:
    doc_id = _doc_id(team)
    assert team.layers.open_counts() == {doc_id: 3}
    window.article.setFocus()
    select(window, *JKT)
    press(window, K.Key_3)  # LOC, the ordinary label key
    assert (*JKT, "LOC", "accepted") in _gold(team)
    assert team.layers.open_counts() == {doc_id: 2}


def _luminance(rgb: int) -> float:
    colour = QColor(rgb)
    return (0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF())


def test_current_disagreement_is_readable_in_the_dark_theme(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    """Under Xvfb the current row's light yellow kept the dark theme's light text:
    "1. span" and the annotators' versions could not be read."""
    press(window, K.Key_D, M.ControlModifier | M.ShiftModifier)
    try:
        press(window, K.Key_R, M.ControlModifier)
        sites = window.review.panel.sites
        qtbot.waitUntil(lambda: sites.currentItem() is not None)
        qtbot.wait(50)
        rect = sites.visualItemRect(sites.currentItem())
        row = sites.viewport().grab(rect).toImage()
        background = _luminance(row.pixel(row.width() - 3, row.height() // 2))
        # "1. span", the first words of the row: some pixel must stand out
        first_line = [_luminance(row.pixel(x, y)) for x in range(8, 48)
                      for y in range(3, 3 + sites.fontMetrics().height())]
        assert max(abs(background - lum) for lum in first_line) > 0.45
    finally:
        press(window, K.Key_D, M.ControlModifier | M.ShiftModifier)


def test_review_dock_leaves_the_article_room_in_a_narrow_window(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    """At 1000x650 the review dock took 340 px (the window could not even get that
    narrow: 1024) and the article was left about 290-320."""
    window.resize(1000, 650)
    qtbot.wait(50)
    press(window, K.Key_R, M.ControlModifier)
    qtbot.wait(100)
    assert window.review.panel.isVisible()
    # the list and the entity panel at their minimums (150 + 200) take the rest
    assert window.article.width() >= 0.36 * window.width(), window.splitter.sizes()
    assert window.review.panel.width() >= 220  # the disagreements stay readable
