"""The window's keyboard paths and small parts (issue 16 focus/navigation, issue 13.3/13.4,
and `D` with undecided suggestions), with real key presses."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.editing import PROPAGATION
from annotator.core.model import DocStatus, SpanStatus
from annotator.core.store import Project
from annotator.gui import app
from annotator.gui.claim_panel import cue_colour
from annotator.gui.main_window import MainWindow
from tests.fixtures.gui_keys import K, M, press, put_cursor, select

SEED = "001_9a646063f88033d4"  # Kim Jong Un meets Putin


def _suggest(project: Project, doc_id: int, needle: str, label: str, nth: int = 0) -> int:
    text = project.documents.get(doc_id).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    cmd = cmds.AddEntity(doc_id, start, start + len(needle), label, SpanStatus.SUGGESTED,
                         source="test", score=0.5)
    project.execute(cmd)
    assert cmd.entity_id is not None
    return cmd.entity_id


def _later(action: Callable[[QWidget], None], tries: int = 500) -> None:
    """Act on the modal dialog the next key press opens (it runs its own event loop):
    look for it every 20 ms, 10 s at most."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if tries > 0:
                _later(action, tries - 1)
            return
        action(dialog)
    QTimer.singleShot(20, run)


def _seed_doc(project: Project, external_id: str = SEED) -> int:
    doc = project.documents.by_external_id(external_id)
    assert doc is not None
    return doc.id


# --- D with undecided suggestions ------------------------------------------------------

def test_d_with_undecided_suggestions_asks(window: MainWindow, seeded: Project,
                                           qtbot: QtBot) -> None:
    doc_id = _seed_doc(seeded)
    korea = _suggest(seeded, doc_id, "Korea Utara", "LOC")
    window.open_document(doc_id)
    window.article.setFocus()
    texts: list[str] = []

    def escape(dialog: QWidget) -> None:
        texts.append(dialog.findChild(QWidget, "qt_msgbox_informativelabel").text())  # type: ignore[union-attr]
        QTest.keyClick(dialog, K.Key_Escape)
    _later(escape)
    press(window, K.Key_D)  # Escape: cancelled, nothing changed
    assert "no entity" in texts[0]  # says what training makes of them
    assert seeded.documents.status(doc_id) != DocStatus.DONE
    assert window.controller.doc is not None and window.controller.doc.id == doc_id
    assert seeded.spans.get(korea).status == SpanStatus.SUGGESTED  # type: ignore[union-attr]

    qtbot.waitUntil(window.isActiveWindow)
    _later(lambda dialog: QTest.keyClick(dialog, K.Key_Return))  # the default: accept all
    press(window, K.Key_D)
    assert seeded.documents.status(doc_id) == DocStatus.DONE
    assert seeded.spans.get(korea).status == SpanStatus.ACCEPTED  # type: ignore[union-attr]
    assert window.controller.doc is not None and window.controller.doc.id != doc_id
    # one undo step (in that document's history)
    window.open_document(doc_id)
    qtbot.waitUntil(window.isActiveWindow)
    press(window, K.Key_Z, M.ControlModifier)
    assert seeded.documents.status(doc_id) != DocStatus.DONE
    assert seeded.spans.get(korea).status == SpanStatus.SUGGESTED  # type: ignore[union-attr]

    _later(lambda dialog: QTest.keyClick(dialog, K.Key_R, M.AltModifier))  # reject all
    qtbot.waitUntil(window.isActiveWindow)
    press(window, K.Key_D)
    assert seeded.documents.status(doc_id) == DocStatus.DONE
    assert seeded.spans.get(korea).status == SpanStatus.REJECTED  # type: ignore[union-attr]


# --- search box and list ------------------------------------------------------------------

def _type_search(window: MainWindow, text: str) -> None:
    window.focus_search()
    QTest.keyClicks(window.documents.search, text)
    window.documents.apply_search_now()


def test_search_box_keys(window: MainWindow, seeded: Project) -> None:
    first = seeded.documents.ids()[0]
    window.open_document(first)
    docs = window.documents
    _type_search(window, "Wagner")
    assert (docs.model.ids and first not in docs.model.ids) or len(docs.model.ids) >= 1
    QTest.keyClick(docs.search, K.Key_Tab)  # Tab: to the article, no other document
    assert window.focusWidget() is window.article
    assert window.controller.doc is not None and window.controller.doc.id == first

    window.focus_search()
    QTest.keyClick(docs.search, K.Key_Escape)  # Escape: search cleared, back to the article
    assert docs.search.text() == "" and docs.model.query == ""
    assert window.focusWidget() is window.article

    _type_search(window, "Wagner")
    hits = list(docs.model.ids)
    QTest.keyClick(docs.search, K.Key_Return)  # Enter: the first result opens
    assert window.controller.doc is not None and window.controller.doc.id == hits[0]
    assert window.focusWidget() is window.article

    window.open_document(seeded.documents.ids()[-1])
    window.focus_search()
    QTest.keyClick(docs.search, K.Key_Down)  # Down: into the results, the first opens
    assert window.focusWidget() is docs.view
    assert window.controller.doc is not None and window.controller.doc.id == hits[0]


def test_after_d_with_a_filter_list_and_article_agree(window: MainWindow,
                                                       seeded: Project) -> None:
    docs = window.documents
    _type_search(window, "Wagner")
    hits = list(docs.model.ids)
    assert hits and len(hits) < len(seeded.documents.ids())
    window.open_document(hits[-1])
    window.article.setFocus()
    press(window, K.Key_D)  # no suggestions: no question
    opened = window.controller.doc
    assert opened is not None and opened.id != hits[-1]
    current = docs.view.currentIndex()
    highlighted = docs.model.ids[current.row()] if current.isValid() else None
    assert highlighted in (opened.id, None)  # never another document's row
    assert highlighted == (opened.id if opened.id in docs.model.ids else None)


# --- labels -------------------------------------------------------------------------------

def test_label_key_labels_the_word_under_the_caret(window: MainWindow,
                                                    seeded: Project) -> None:
    doc_id = _seed_doc(seeded)
    text = seeded.documents.get(doc_id).text
    window.open_document(doc_id)
    window.article.setFocus()
    at = text.index("Rusia menggunakan")
    put_cursor(window, at + 2)
    press(window, K.Key_3)  # one key: LOC on "Rusia"
    made = [e for e in seeded.spans.list(doc_id) if e.source != PROPAGATION]
    assert [(e.start, e.end, e.label) for e in made] == [(at, at + 5, "LOC")]
    # on a span: relabels that span
    put_cursor(window, at + 1)
    window.controller.focus(None)
    press(window, K.Key_2)
    assert seeded.spans.list(doc_id)[0].label in ("ORG", "LOC")
    assert any(e.start == at and e.label == "ORG" for e in seeded.spans.list(doc_id))


def test_label_chips_are_clickable(window: MainWindow, seeded: Project, qtbot: QtBot) -> None:
    doc_id = _seed_doc(seeded)
    text = seeded.documents.get(doc_id).text
    window.open_document(doc_id)
    window.article.setFocus()
    kim = text.index("Kim Jong Un")
    select(window, kim, kim + len("Kim Jong Un"))
    qtbot.mouseClick(window.strip.chips["PER"], Qt.MouseButton.LeftButton)
    assert any((e.start, e.end, e.label, e.status) == (kim, kim + 11, "PER", SpanStatus.ACCEPTED)
               for e in seeded.spans.list(doc_id))


def test_accepted_span_propagates_to_other_mentions(window: MainWindow,
                                                    seeded: Project) -> None:
    doc_id = _seed_doc(seeded)
    text = seeded.documents.get(doc_id).text
    putin = _suggest(seeded, doc_id, "Vladimir Putin", "PER")
    second = text.index("Vladimir Putin", text.index("Vladimir Putin") + 1)
    kim_mentions = [i for i in range(len(text)) if text.startswith("Kim Jong Un", i)]
    # a person's decision at the third "Kim Jong Un": propagation never goes over it
    no = cmds.AddEntity(doc_id, kim_mentions[2], kim_mentions[2] + 11, "ORG",
                        SpanStatus.SUGGESTED, source="test")
    seeded.execute(no)
    seeded.execute(cmds.reject(no.entity_id or 0))
    window.open_document(doc_id)
    window.article.setFocus()
    press(window, K.Key_Tab)
    assert window.controller.focused_id == putin
    press(window, K.Key_Return)  # accept: the other "Vladimir Putin" is suggested at once
    spans = {(e.start, e.end): e for e in seeded.spans.list(doc_id, include_rejected=True)}
    copy = spans.get((second, second + 14))
    assert copy is not None and (copy.label, copy.status, copy.source) == (
        "PER", SpanStatus.SUGGESTED, PROPAGATION)
    assert window.controller.focused_id == copy.id  # the next suggestion to decide
    # labelling a selection: its other mentions too, never over the rejected one
    select(window, kim_mentions[0], kim_mentions[0] + 11)
    press(window, K.Key_1)
    spans = {(e.start, e.end): e for e in seeded.spans.list(doc_id, include_rejected=True)}
    assert spans[(kim_mentions[1], kim_mentions[1] + 11)].source == PROPAGATION
    kept = spans[(kim_mentions[2], kim_mentions[2] + 11)]
    assert (kept.label, kept.status) == ("ORG", SpanStatus.REJECTED)


# --- window parts ---------------------------------------------------------------------------

def test_narrow_window_gives_the_article_most_of_the_width(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    window.resize(1000, 650)
    qtbot.waitUntil(lambda: window.width() == 1000)
    QApplication.processEvents()
    assert window.article.width() >= 0.45 * window.width(), window.splitter.sizes()
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.width() == 1400)
    assert window.splitter.sizes()[2] >= 380  # room again: the side panel gets it back


def test_f1_dialog_shows_whole_key_names(window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget)
    assert table is not None
    metrics = table.fontMetrics()
    keys_col = 2
    widest = max(metrics.horizontalAdvance(table.item(r, keys_col).text())  # type: ignore[union-attr]
                 for r in range(table.rowCount()))
    assert table.horizontalHeader().sectionSize(keys_col) >= widest
    dialog.close()


def test_annotator_name_can_be_changed(window: MainWindow, seeded: Project,
                                       qtbot: QtBot) -> None:
    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Dewi")
        dialog.accept()
    _later(rename)
    window.action_table["annotator_name"].trigger()
    assert seeded.annotator == "Dewi"
    assert window.settings.value("annotator/name") == "Dewi"
    assert "Dewi" in window.project_label.text()
    doc_id = _seed_doc(seeded)
    window.open_document(doc_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article.setFocus()
    put_cursor(window, seeded.documents.get(doc_id).text.index("Rusia"))
    press(window, K.Key_3)
    mine = [e for e in seeded.spans.list(doc_id) if e.source != PROPAGATION]
    assert [e.annotator for e in mine] == ["Dewi"]


def test_cancelling_the_first_name_prompt_says_which_name(tmp_path: Path,
                                                           window: MainWindow) -> None:
    store = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    _later(lambda dialog: QTest.keyClick(dialog, K.Key_Escape))
    name, note = app.annotator_name(store, ask=True)
    assert name == getpass.getuser()
    assert note is not None and repr(name) in note and "Annotator name" in note


def test_cue_frame_visible_on_the_dark_page() -> None:
    def contrast(a: QColor, b: QColor) -> float:
        from annotator.gui.claim_panel import _luminance

        hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    dark_page = app.palette(True).color(app.palette(True).ColorRole.Base)
    light_page = app.palette(False).color(app.palette(False).ColorRole.Base)
    for colour in ("#e63946", "#457b9d", "#9d4edd", "#2a9d8f", "#6c757d"):
        assert contrast(cue_colour(QColor(colour), True), dark_page) >= 3.0, colour
        assert contrast(cue_colour(QColor(colour), False), light_page) >= 3.0, colour


def test_context_menus_have_a_border(window: MainWindow) -> None:
    sheet = QApplication.instance().styleSheet()  # type: ignore[union-attr]
    assert "QMenu" in sheet and "border: 1px solid" in sheet.split("QMenu {", 1)[1][:120]
