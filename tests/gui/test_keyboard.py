"""Annotating from the keyboard with real key presses, and undo/redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.editing import PROPAGATION
from annotator.core.model import DocStatus, SpanStatus
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow

K = Qt.Key
M = Qt.KeyboardModifier


class Keys:
    """Real key presses on the focused widget, counted."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.count = 0

    def __call__(self, key: Qt.Key, mods: Qt.KeyboardModifier = M.NoModifier,
                 times: int = 1) -> None:
        for _ in range(times):
            widget = self.window.focusWidget() or self.window.article
            QTest.keyClick(widget, key, mods)
            self.count += 1


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


def test_annotate_a_seed_article_from_the_keyboard(window: MainWindow, seeded: Project,
                                                   qtbot: QtBot) -> None:
    doc = seeded.documents.by_external_id("001_9a646063f88033d4")
    assert doc is not None
    text = doc.text
    # suggestions as a recognizer would leave them (the text order is the Tab order)
    korea = _suggest(seeded, doc.id, "Korea Utara", "LOC")
    presiden = _suggest(seeded, doc.id, "Presiden", "MISC")
    putin = _suggest(seeded, doc.id, "Vladimir Putin", "PER")
    minggu = _suggest(seeded, doc.id, "Minggu", "PER")
    # a fixed set of suggestions to count keys on: propagation (other mentions of an
    # accepted text become suggestions) has its own test in test_window_keys.py
    window.controller.editor.propagation = False
    window.open_document(doc.id)
    window.article.setFocus()
    keys = Keys(window)

    keys(K.Key_Tab)  # the first suggestion in text order
    assert window.controller.focused_id == korea
    keys(K.Key_Return)  # accept; the focus moves on to the next suggestion
    assert window.controller.focused_id == presiden
    keys(K.Key_Delete)  # reject "Presiden" (a title, not a name)
    assert window.controller.focused_id == putin
    keys(K.Key_Return)
    assert window.controller.focused_id == minggu
    keys(K.Key_4)  # "Minggu" is a DATE: relabel (and accept)

    # new spans: select with Shift+arrows, press a label key (snapped to words)
    keys(K.Key_Escape)
    keys(K.Key_Home, M.ControlModifier)
    keys(K.Key_Right, M.ControlModifier | M.ShiftModifier, times=3)  # "Kim Jong Un "
    keys(K.Key_1)
    keys(K.Key_Right, M.ControlModifier, times=2)  # past " Temui"
    keys(K.Key_Right, M.ShiftModifier, times=3)  # "Put" of "Putin" snaps to the word
    keys(K.Key_1)
    putin_title = text.index("Putin")
    # widen the focused span by one token at the start, then narrow it back
    keys(K.Key_Left, M.AltModifier)
    assert window.controller.focused() is not None
    assert text[window.controller.focused().start:window.controller.focused().end] == \
        "Temui Putin"
    keys(K.Key_Right, M.AltModifier)
    keys(K.Key_Return)  # an accepted span: Enter just moves on
    keys(K.Key_D)  # done; the next unfinished document opens

    spans = {(e.start, e.end): e for e in seeded.spans.list(doc.id, include_rejected=True)}
    kim = text.index("Kim Jong Un")
    assert spans[(kim, kim + 11)].label == "PER"
    assert spans[(kim, kim + 11)].status == SpanStatus.ACCEPTED
    assert spans[(kim, kim + 11)].annotator == seeded.annotator
    assert spans[(putin_title, putin_title + 5)].label == "PER"
    k = text.index("Korea Utara")
    assert spans[(k, k + 11)].status == SpanStatus.ACCEPTED
    p = text.index("Presiden")
    assert spans[(p, p + 8)].status == SpanStatus.REJECTED
    m = text.index("Minggu")
    assert (spans[(m, m + 6)].label, spans[(m, m + 6)].status) == ("DATE", SpanStatus.ACCEPTED)
    v = text.index("Vladimir Putin")
    assert spans[(v, v + 14)].status == SpanStatus.ACCEPTED
    assert seeded.documents.status(doc.id) == DocStatus.DONE
    assert seeded.documents.get(doc.id).annotator == seeded.annotator
    assert window.controller.doc is not None and window.controller.doc.id != doc.id
    finished = sum(1 for e in spans.values() if e.status == SpanStatus.ACCEPTED)
    assert finished == 5
    print(f"\nkeystrokes: {keys.count} for {finished} finished entities "
          f"({keys.count / finished:.1f} per entity, plus 1 rejection)")


def test_undo_redo_and_accept_all_as_one_step(window: MainWindow, seeded: Project) -> None:
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    ids = [_suggest(seeded, doc.id, w, "LOC") for w in ("Korea Utara", "Rusia")]
    window.open_document(doc.id)
    window.article.setFocus()
    keys = Keys(window)

    keys(K.Key_A)  # accept all suggestions: one step, and the document is in progress
    assert {seeded.spans.get(i).status for i in ids} == {SpanStatus.ACCEPTED}  # type: ignore[union-attr]
    assert seeded.documents.status(doc.id) == DocStatus.IN_PROGRESS
    keys(K.Key_Z, M.ControlModifier)
    assert {seeded.spans.get(i).status for i in ids} == {SpanStatus.SUGGESTED}  # type: ignore[union-attr]
    assert seeded.documents.status(doc.id) == DocStatus.NEW
    keys(K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert {seeded.spans.get(i).status for i in ids} == {SpanStatus.ACCEPTED}  # type: ignore[union-attr]

    # a new span, undone and redone
    keys(K.Key_Home, M.ControlModifier)
    keys(K.Key_Right, M.ShiftModifier | M.ControlModifier)
    keys(K.Key_2)
    assert len(seeded.spans.list(doc.id)) == 3
    keys(K.Key_Z, M.ControlModifier)
    assert len(seeded.spans.list(doc.id)) == 2
    assert window.controller.focused_id is None or window.controller.focused() is not None
    keys(K.Key_Y, M.ControlModifier)
    assert len(seeded.spans.list(doc.id)) == 3
    # the view follows the store: three painted spans
    assert len(window.article._spans16) == 3

    # one stack per document: another document's undo does not touch this one
    other = seeded.documents.by_external_id("002_c5c46807e336cefa")
    assert other is not None
    window.open_document(other.id)
    keys(K.Key_Z, M.ControlModifier)
    assert len(seeded.spans.list(doc.id)) == 3


def test_overlapping_selection_replaces_suggestion_in_one_step(window: MainWindow,
                                                                seeded: Project) -> None:
    doc = seeded.documents.by_external_id("001_9a646063f88033d4")
    assert doc is not None
    sid = _suggest(seeded, doc.id, "Jong Un", "PER")
    window.open_document(doc.id)
    view = window.article
    view.setFocus()
    keys = Keys(window)
    keys(K.Key_Home, M.ControlModifier)
    keys(K.Key_Right, M.ControlModifier | M.ShiftModifier, times=3)
    keys(K.Key_1)
    # (the other mentions of "Kim Jong Un" became suggestions: propagation)
    ents = [e for e in seeded.spans.list(doc.id) if e.source != PROPAGATION]
    assert [(e.start, e.end, e.label) for e in ents] == [(0, 11, "PER")]
    assert seeded.spans.get(sid).status == SpanStatus.REJECTED  # type: ignore[union-attr]
    keys(K.Key_Z, M.ControlModifier)
    assert seeded.spans.get(sid).status == SpanStatus.SUGGESTED  # type: ignore[union-attr]
    assert len([e for e in seeded.spans.list(doc.id) if e.source != PROPAGATION]) == 1
