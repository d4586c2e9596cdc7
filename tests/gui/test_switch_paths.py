"""The fast paths of a document switch show the same things as before: the entity
table's cached cells, the side panel's title, the article's span rectangles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.model import SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.gui.main_window import MainWindow

R = Qt.ItemDataRole


def _add(project: Project, doc_id: int, nth_word: int, label: str,
         status: SpanStatus = SpanStatus.SUGGESTED, score: float | None = 0.25) -> int:
    text = project.documents.get(doc_id).text
    words = [k for k in range(1, len(text)) if text[k - 1].isspace() and text[k].isalpha()]
    start = words[nth_word]
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    cmd = cmds.AddEntity(doc_id, start, end, label, status, source="test", score=score)
    project.execute(cmd)
    assert cmd.entity_id is not None
    return cmd.entity_id


def test_entity_table_cells_follow_the_entities(window: MainWindow, seeded: Project) -> None:
    ids = seeded.documents.ids()
    first, second = ids[0], ids[1]
    _add(seeded, first, 3, "PER")
    _add(seeded, first, 9, "LOC", SpanStatus.ACCEPTED, None)
    window.open_document(first)
    model = window.side.entities.model
    assert model.rowCount() == 2
    text = seeded.documents.get(first).text
    ents = seeded.spans.list(first)
    for row, ent in enumerate(ents):
        shown = [model.data(model.index(row, c)) for c in range(3)]
        assert shown[0] == ent.label
        assert shown[1] == text[ent.start:ent.end]
        assert shown[2].endswith(str(ent.status))
        colour = model.data(model.index(row, 0), R.BackgroundRole)
        assert isinstance(colour, QColor)
        lab = seeded.scheme.get("entity", ent.label)
        assert lab is not None and colour.name() == QColor(lab.color).name()
        assert model.data(model.index(row, 1), R.BackgroundRole) is None
        font = model.data(model.index(row, 1), R.FontRole)
        if ent.status == SpanStatus.SUGGESTED:
            assert isinstance(font, QFont) and font.italic()
        else:
            assert font is None
        assert isinstance(model.data(model.index(row, 0), R.FontRole), QFont)
        tip = model.data(model.index(row, 2), R.ToolTipRole)
        assert tip.startswith(f"[{ent.start}, {ent.end}) from test")
        assert ("score 0.25" in tip) == (ent.score is not None)
        assert model.data(model.index(row, 0), R.DecorationRole) is None
    assert window.side.tabText(0) == "Entities (2)"

    # a change is shown (the per-row cache is rebuilt): accept the suggestion
    suggested = next(e for e in ents if e.status == SpanStatus.SUGGESTED)
    assert suggested.id is not None
    window.controller.edit(cmds.UpdateEntity(suggested.id, {"status": SpanStatus.ACCEPTED}))
    row = [e.id for e in model.rows].index(suggested.id)
    assert model.data(model.index(row, 2)).endswith("accepted")
    assert model.data(model.index(row, 1), R.FontRole) is None

    # another document: its own rows and title
    window.open_document(second)
    assert model.rowCount() == 0
    assert window.side.tabText(0) == "Entities (0)"
    _add(seeded, second, 1, "ORG")
    seeded.notify(second)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "ORG"
    assert window.side.tabText(0) == "Entities (1)"


def test_span_rects_are_fresh_after_resize_and_edit(window: MainWindow, seeded: Project,
                                                    qtbot: QtBot) -> None:
    doc_id = seeded.documents.ids()[0]
    ent_id = _add(seeded, doc_id, 40, "PER")
    window.open_document(doc_id)
    view = window.article
    view.viewport().repaint()
    ent = next(e for e in seeded.spans.list(doc_id) if e.id == ent_id)
    s16, e16 = window.controller.to_utf16(ent.start), window.controller.to_utf16(ent.end)

    def fresh() -> list[object]:
        view._rects.clear()
        return [r.getRect() for r in view.span_rects(s16, e16)]

    before = [r.getRect() for r in view.span_rects(s16, e16)]
    assert before and before == fresh()
    # a narrower window wraps the text elsewhere: the rectangles follow
    width = view.viewport().width()
    window.resize(900, 800)
    qtbot.waitUntil(lambda: view.viewport().width() < width - 100)
    view.viewport().repaint()
    after = [r.getRect() for r in view.span_rects(s16, e16)]
    assert after == fresh()
    assert after != before
    # an edit (the span grows by a word) gives the new span's rectangles
    window.controller.focus(ent_id)
    window.controller.resize_focused("end", 1)
    grown = next(e for e in window.controller.entities if e.id == ent_id)
    assert grown.end > ent.end
    g16 = window.controller.to_utf16(grown.end)
    got = [r.getRect() for r in view.span_rects(s16, g16)]
    view._rects.clear()
    assert got == [r.getRect() for r in view.span_rects(s16, g16)]


def test_visible_spans_are_the_ones_in_the_viewport(window: MainWindow, seeded: Project,
                                                    qtbot: QtBot) -> None:
    # a long document (laid out in steps): the spans painted are those on screen,
    # right from the first paint and after scrolling
    para = ("Presiden Joko Widodo bertemu Menteri Luar Negeri di Jakarta pada hari Senin "
            "untuk membahas kerja sama ekonomi kedua negara.\n")
    text = para * 1500
    res = seeded.documents.insert([NewDocument(text, external_id="long-view")])
    doc_id = res.doc_ids[0]
    step = len(para)
    seeded.execute(cmds.Batch([
        cmds.AddEntity(doc_id, k * step + 9, k * step + 20, "PER", SpanStatus.SUGGESTED,
                       source="test") for k in range(1500)]))
    window.open_document(doc_id)
    view = window.article
    visible = view._visible_spans()  # before any paint of the new document
    assert visible and visible[0][0] == 9

    def check() -> None:
        view.viewport().repaint()
        spans = view._visible_spans()
        assert spans
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        # every span on screen is in the list, and the list is about a screenful
        on_screen = [s for s, e, _ in view._spans16
                     if any(r.bottom() > top and r.top() < bottom
                            for r in view.span_rects(s, e))]
        assert on_screen and set(on_screen) <= {s for s, _, _ in spans}
        assert len(spans) <= len(on_screen) + 4

    check()
    height = view.document().size().height()
    bar = view.verticalScrollBar()
    for y in (height / 2, height - view.viewport().height()):
        bar.setValue(int(y))
        check()
