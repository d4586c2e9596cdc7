"""Bugs found driving the real window with keys under Xvfb (a QA round): each test
presses the keys an annotator pressed."""

from __future__ import annotations

import re

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.model import Claim, DocStatus, SpanStatus
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow
from tests.fixtures.gui_keys import K, M, press


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_alt_letter_opens_the_menus(window: MainWindow, qtbot: QtBot) -> None:
    """Alt+F did nothing: File > Back up project… and Annotator name… had no
    keyboard path."""
    window.article.setFocus()
    press(window, K.Key_F, M.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    popup = QApplication.activePopupWidget()
    assert popup is window.menus["File"]
    press(window, K.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_menu_mnemonics_are_unique(window: MainWindow) -> None:
    """File had N twice (New project, Annotator name): N only highlighted the first."""
    bar = [_mnemonic(menu.title()) for menu in window.menus.values()]
    assert None not in bar and len(set(bar)) == len(bar), bar
    for title, menu in window.menus.items():
        letters = [_mnemonic(a.text()) for a in menu.actions() if a.text()]
        used = [m for m in letters if m is not None]
        assert len(set(used)) == len(used), (title, letters)


def test_undo_says_what_it_did_and_when_there_is_nothing(window: MainWindow,
                                                         seeded: Project) -> None:
    """Ctrl+Z in a document with no history did nothing, silently (histories are per
    document, so after Alt+Down an annotator expects their last edit to go), and an
    undo or redo left the status bar as it was."""
    first, second = seeded.documents.ids()[:2]
    window.open_document(first)
    window.article.setFocus()
    text = seeded.documents.get(first).text
    start = text.index("Rusia")
    assert window.controller.label_range(start, start + 5, "LOC")
    window.open_document(second)
    window.article.setFocus()
    press(window, K.Key_Z, M.ControlModifier)
    assert "Nothing to undo in this document" in window.statusBar().currentMessage()
    press(window, K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert "Nothing to redo in this document" in window.statusBar().currentMessage()
    window.open_document(first)
    window.article.setFocus()
    press(window, K.Key_Z, M.ControlModifier)
    assert not [e for e in seeded.spans.list(first) if e.start == start and e.label == "LOC"
                and e.decided]
    assert window.statusBar().currentMessage().startswith("Undone: ")
    press(window, K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert window.statusBar().currentMessage().startswith("Redone: ")


def test_filter_chips_are_never_clipped_in_a_narrow_window(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    """At 1000x650 (and beside the review dock) "In progress" and "Skipped" showed as
    "progr" and "kippe": the chips wrap onto a second row instead."""
    window.resize(1000, 650)
    qtbot.wait(50)
    for width in (window.documents.width(), 170):
        window.splitter.setSizes([width, 1000 - width - 300, 300])
        qtbot.wait(50)
        for button in window.documents.filter_buttons:
            assert button.width() >= button.sizeHint().width(), button.text()
            right = button.mapTo(window.documents, button.rect().topRight()).x()
            assert right < window.documents.width(), button.text()


def test_d_with_only_claims_undecided_speaks_of_claims(window: MainWindow, seeded: Project,
                                                        qtbot: QtBot) -> None:
    """With only suggested claims left, `D` said training reads them as "no entity" and
    "not being a name": claims are neither entities nor names."""
    doc_id = seeded.documents.ids()[0]
    sentence_end = seeded.documents.get(doc_id).text.index(".") + 1
    seeded.execute(cmds.AddClaim(Claim(doc_id, 0, sentence_end, "CHECKWORTHY",
                                       status=SpanStatus.SUGGESTED, source="test")))
    window.open_document(doc_id)
    window.article.setFocus()
    texts: list[str] = []

    def read_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read_and_cancel)
            return
        texts.extend(label.text() for label in dialog.findChildren(QLabel))
        QTest.keyClick(dialog, K.Key_Escape)
    QTimer.singleShot(20, read_and_cancel)
    press(window, K.Key_D)
    said = " ".join(texts)
    assert "1 suggested claim" in said
    assert "entity" not in said and "name" not in said, said
    assert "claim" in said.split("nobody decided", 1)[1]  # why it matters, for claims
    assert seeded.documents.status(doc_id) != DocStatus.DONE
    assert isinstance(window.focusWidget(), QWidget)


def test_first_start_fits_the_screen(qtbot: QtBot, seeded: Project) -> None:
    """On a 1400x900 screen the first window was 1400x900 plus the window manager's
    title bar: the status bar (where every key says what it did) was off screen."""
    from annotator.gui import app

    app.ensure_app()
    window = app.build_window(seeded)
    qtbot.addWidget(window)
    window.persist = False
    app.show_window(window)
    qtbot.waitExposed(window)
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())
    status = window.statusBar()
    assert screen.contains(status.mapToGlobal(status.rect().bottomRight()))
    window.close()


def test_claims_table_shows_the_claims_in_a_narrow_window(window: MainWindow,
                                                          seeded: Project,
                                                          qtbot: QtBot) -> None:
    """At 1000x650 the Claims tab showed four letters of each claim ("SURA…"): the
    label and claimant columns took the width."""
    doc_id = seeded.documents.ids()[0]
    sentence_end = seeded.documents.get(doc_id).text.index(".") + 1
    seeded.execute(cmds.AddClaim(Claim(doc_id, 0, sentence_end, "CHECKWORTHY",
                                       claimant_text="juru bicara Gedung Putih")))
    window.open_document(doc_id)
    window.resize(1000, 650)
    panel = window.claims.panel
    window.side.setCurrentWidget(panel)
    qtbot.wait(100)
    table = panel.table
    assert table.rowCount() == 1
    assert table.columnWidth(2) >= 0.45 * table.viewport().width(), [
        table.columnWidth(c) for c in range(3)]
