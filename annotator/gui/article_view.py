"""The article: read-only text with entity spans painted in their label colours.

Accepted spans are filled with the label colour; suggested spans get a light
tint of it with a dashed outline; rejected spans are not shown; the focused
span has a thick outline. Fills are character formats applied in one batch to
a fresh QTextDocument before it is shown (so there is one layout pass); outlines
are painted over the visible part only. Qt positions are UTF-16 units: every
conversion goes through the controller's ``core.text.Utf16Map``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from annotator.core.model import EntitySpan, SpanStatus
from annotator.core.store import Changes
from annotator.gui.controller import Controller

TEXT_WIDTH = 780  # px: a readable measure (about 80 characters)
MARGIN = 36
SpanKey = tuple[int, int, int, str, str]


def preferred_font(size: float = 12.5) -> QFont:
    font = QFont()
    font.setFamilies(["Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Sans Serif"])
    font.setPointSizeF(size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class ArticleView(QTextEdit):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.setObjectName("articleView")
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.text_font = preferred_font()
        self.dark = False
        self.redrawing = False  # set_dark renders the same document again
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}
        self._pens: dict[str, QPen] = {}
        self._painted: dict[int, SpanKey] = {}  # entity id -> what is painted
        self._spans16: list[tuple[int, int, EntitySpan]] = []  # sorted by start (UTF-16)
        self._starts16: list[int] = []
        # span rectangles by UTF-16 range, for the current layout (painting asks for the
        # visible spans' on every paint); cleared whenever the layout may have moved
        self._rects: dict[tuple[int, int], list[QRectF]] = {}
        self._empty_text = ""
        controller.document_opened.connect(self.show_document)
        controller.changed.connect(self._on_changed)
        controller.focus_changed.connect(self._on_focus)

    # --- colours ------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._formats.clear()
        self._pens.clear()
        self._painted.clear()
        # the same document again: the caret and the scroll stay (and with the caret a
        # focused claim, which lets go when the caret leaves it)
        caret = self.textCursor().position()
        scroll = self.verticalScrollBar().value()
        self.redrawing = True  # the caret's trip to 0 and back is no move of the reader's
        try:
            self.show_document()
            if self.document().characterCount() > caret:
                cursor = self.textCursor()
                cursor.setPosition(caret)
                self.setTextCursor(cursor)
        finally:
            self.redrawing = False
        self.verticalScrollBar().setValue(scroll)

    def _label_colour(self, label: str) -> QColor:
        lab = self.controller.project.scheme.get("entity", label)
        return QColor(lab.color if lab else "#bbbbbb")

    def _format(self, label: str, status: str) -> QTextCharFormat:
        key = (label, status)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            colour = self._label_colour(label)
            if status == SpanStatus.ACCEPTED:
                fmt.setBackground(colour)
                fmt.setForeground(QColor("#111111"))
            else:  # suggested: a light tint; the dashed outline is painted
                tint = QColor(colour)
                tint.setAlpha(70 if not self.dark else 90)
                fmt.setBackground(tint)
            self._formats[key] = fmt
        return fmt

    # --- document ---------------------------------------------------------------

    def show_document(self) -> None:
        doc = self.controller.doc
        # QTextEdit.setDocument deletes the previous document when it is its parent
        qdoc = QTextDocument(self)
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(self.text_font)
        qdoc.setDocumentMargin(MARGIN)
        self._painted = {}
        self._spans16 = []
        self._starts16 = []
        self._rects.clear()
        layout = qdoc.documentLayout()
        layout.update.connect(self._forget_rects)
        layout.documentSizeChanged.connect(self._forget_rects)
        if doc is None:
            self.setDocument(qdoc)
            self.viewport().update()
            return
        qdoc.setPlainText(doc.text)
        cursor = QTextCursor(qdoc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(150.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self.text_font.pointSizeF() * 0.7)
        cursor.mergeBlockFormat(block)
        self._apply(cursor, self.controller.entities)
        cursor.endEditBlock()
        self.setDocument(qdoc)
        self._reindex()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def _to16(self) -> Callable[[int], int] | None:
        """Code point -> UTF-16 offset, or None when they are the same (most texts)."""
        u16 = self.controller.u16
        return None if u16 is None or u16.identity else u16.to_utf16

    def _apply(self, cursor: QTextCursor, entities: list[EntitySpan]) -> None:
        # a long document has thousands of spans: no per-span work beyond what Qt needs
        to16 = self._to16()
        set_position, set_format = cursor.setPosition, cursor.setCharFormat
        keep = QTextCursor.MoveMode.KeepAnchor
        formats, painted = self._formats, self._painted
        rejected = SpanStatus.REJECTED
        for ent in entities:
            if ent.id is None or ent.status == rejected:
                continue
            key = _key(ent)
            if to16 is None:
                set_position(ent.start)
                set_position(ent.end, keep)
            else:
                set_position(to16(ent.start))
                set_position(to16(ent.end), keep)
            set_format(formats.get(key[3:]) or self._format(key[3], key[4]))
            painted[ent.id] = key

    def _on_changed(self, changes: Changes) -> None:
        doc = self.controller.doc
        if doc is None or not (changes.scheme or (changes.spans and changes.touches(doc.id))):
            return
        # repaint only what changed: clear old ranges, then paint new or changed spans
        now = {e.id: _key(e) for e in self.controller.entities if e.id is not None}
        gone = [k for i, k in self._painted.items() if now.get(i) != k]
        new = [e for e in self.controller.entities
               if e.id is not None and self._painted.get(e.id) != now[e.id]]
        if gone or new:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            plain = QTextCharFormat()
            to16 = self.controller.to_utf16
            for _, start, end, _, _ in gone:
                cursor.setPosition(to16(start))
                cursor.setPosition(to16(end), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(plain)
            for i in [i for i, k in self._painted.items() if now.get(i) != k]:
                del self._painted[i]
            self._apply(cursor, new)
            cursor.endEditBlock()
            self._rects.clear()
        self._reindex()
        self.viewport().update()

    def _reindex(self) -> None:
        to16 = self._to16()
        rejected = SpanStatus.REJECTED
        self._spans16 = [(e.start, e.end, e) if to16 is None else (to16(e.start), to16(e.end), e)
                         for e in self.controller.entities if e.status != rejected]
        self._starts16 = [s for s, _, _ in self._spans16]

    def _on_focus(self) -> None:
        ent = self.controller.focused()
        if ent is not None:
            to16 = self.controller.to_utf16
            cursor = self.textCursor()
            cursor.setPosition(to16(ent.start))
            self.setTextCursor(cursor)
            rects = self.span_rects(to16(ent.start), to16(ent.end))
            if rects:
                r = rects[0]
                self._scroll_to(r)
        self.viewport().update()

    def _scroll_to(self, rect: QRectF) -> None:
        bar = self.verticalScrollBar()
        top, height = bar.value(), self.viewport().height()
        if rect.top() < top + 40 or rect.bottom() > top + height - 40:
            bar.setValue(int(rect.center().y() - height / 3))

    # --- selection -------------------------------------------------------------

    def selection_codepoints(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self.controller.to_codepoint
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def place_cursor(self, cp: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.controller.to_utf16(cp))
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    # --- geometry of spans ----------------------------------------------------------

    def _forget_rects(self, *_args: object) -> None:
        self._rects.clear()

    def span_rects(self, s16: int, e16: int) -> list[QRectF]:
        """Rectangles (document coordinates) covering [s16, e16), one per line
        (cached for the current layout: do not modify the list)."""
        key = (s16, e16)
        rects = self._rects.get(key)
        if rects is None:
            rects = self._span_rects(s16, e16)
            if rects:  # nothing: maybe not laid out yet
                self._rects[key] = rects
        return rects

    def _span_rects(self, s16: int, e16: int) -> list[QRectF]:
        qdoc = self.document()
        layout = qdoc.documentLayout()
        rects: list[QRectF] = []
        block = qdoc.findBlock(s16)
        while block.isValid() and block.position() < e16:
            tl = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            pos = block.position()
            bs, be = max(s16, pos) - pos, min(e16, pos + block.length() - 1) - pos
            first = tl.lineForTextPosition(bs)
            for i in range(first.lineNumber() if first.isValid() else 0, tl.lineCount()):
                line = tl.lineAt(i)
                a = max(bs, line.textStart())
                b = min(be, line.textStart() + line.textLength())
                if a >= b:
                    if line.textStart() >= be:
                        break
                    continue
                x1 = _x(line.cursorToX(a))
                x2 = _x(line.cursorToX(b))
                rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1,
                                    line.ascent() + line.descent()))
            block = block.next()
        return rects

    def _offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _visible_spans(self) -> list[tuple[int, int, EntitySpan]]:
        if not self._spans16:
            return []
        top, bottom = self._visible_range()
        starts = self._starts16
        lo = max(0, bisect_left(starts, top) - 1)
        hi = bisect_left(starts, bottom + 1)
        return [t for t in self._spans16[lo:hi] if t[1] >= top]

    def _visible_range(self) -> tuple[int, int]:
        """UTF-16 range of the blocks (paragraphs) in the viewport, found by a binary
        search over the laid-out blocks. (A hit test at the viewport's corners lands in
        the document margin and, while a long document is still being laid out, gives
        positions far off: no span painted, or thousands.)"""
        qdoc = self.document()
        count = qdoc.blockCount()
        y0 = float(self.verticalScrollBar().value())
        y1 = y0 + self.viewport().height()

        def first_below(y: float) -> int:
            # the first block reaching below y; a block not laid out yet counts as below.
            # (QTextBlock.layout(), not blockBoundingRect: that lays the block out first)
            lo, hi = 0, count
            while lo < hi:
                mid = (lo + hi) // 2
                tl = qdoc.findBlockByNumber(mid).layout()
                if tl.lineCount() and tl.position().y() + tl.boundingRect().bottom() <= y:
                    lo = mid + 1
                else:
                    hi = mid
            return min(lo, count - 1)

        first = qdoc.findBlockByNumber(first_below(y0))
        last = qdoc.findBlockByNumber(first_below(y1))
        return first.position(), last.position() + last.length()

    def span_at_point(self, point: QPoint) -> EntitySpan | None:
        doc_point = QPointF(point) + self._offset()
        for s16, e16, ent in self._visible_spans():
            for r in self.span_rects(s16, e16):
                if r.adjusted(-1, -2, 1, 2).contains(doc_point):
                    return ent
        return None

    # --- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.controller.doc is None:
            self._paint_empty()
            return
        painter = QPainter(self.viewport())
        painter.translate(-self._offset())
        focused = self.controller.focused_id
        focus_rects: list[QRectF] = []
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for s16, e16, ent in self._visible_spans():
            if ent.status != SpanStatus.SUGGESTED and ent.id != focused:
                continue
            rects = self.span_rects(s16, e16)
            if ent.id == focused:
                focus_rects = rects
            if ent.status == SpanStatus.SUGGESTED:
                painter.setPen(self._dash_pen(ent.label))
                for r in rects:
                    painter.drawRect(r.adjusted(-1, -1, 0, 0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if focus_rects:
            pen = QPen(QColor("#1f4fd6") if not self.dark else QColor("#8ab4ff"))
            pen.setWidthF(2.6)
            painter.setPen(pen)
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            for r in focus_rects:
                painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), 4, 4)
        painter.end()

    def _dash_pen(self, label: str) -> QPen:
        pen = self._pens.get(label)
        if pen is None:
            pen = QPen(self._label_colour(label).darker(150 if not self.dark else 80))
            pen.setWidth(1)
            pen.setStyle(Qt.PenStyle.DashLine)
            self._pens[label] = pen
        return pen

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.viewport().update()

    def _paint_empty(self) -> None:
        if not self._empty_text:
            return
        painter = QPainter(self.viewport())
        font = QFont(self.text_font)
        font.setPointSizeF(self.text_font.pointSizeF() + 2)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(40, 40, -40, -40),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self._empty_text)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # from the widget's own width: the viewport's resize events come here too (with
        # the viewport's size), and new margins from those would resize it again, and
        # again (a recursion at some widths)
        side = max(0, (self.width() - TEXT_WIDTH - 2 * MARGIN) // 2)
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (side, side):
            self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
        self._rects.clear()

    # --- mouse -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            ent = self.span_at_point(event.position().toPoint())
            self.controller.focus(ent.id if ent else None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            ent = self.span_at_point(event.position().toPoint())
            if ent is None:
                QToolTip.hideText()
            else:
                tip = f"{ent.label} · {ent.status}"
                if ent.source != "manual":
                    tip += f" · {ent.source}"
                if ent.score is not None:
                    tip += f" {ent.score:.2f}"
                QToolTip.showText(event.globalPosition().toPoint(), tip, self.viewport())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.build_context_menu(event.pos()).exec(event.globalPos())

    def build_context_menu(self, pos: QPoint) -> QMenu:
        menu = QMenu(self)
        ctl = self.controller
        selection = self.selection_codepoints()
        ent = None if selection else self.span_at_point(pos)
        if ent is not None:
            ctl.focus(ent.id)
        labels = ctl.project.scheme.entities
        if selection is not None:
            sub = menu.addMenu("Label selection as")
            for lab in labels:
                sub.addAction(f"{lab.name}\t{lab.hotkey}").triggered.connect(
                    lambda _=False, n=lab.name, s=selection: ctl.label_range(s[0], s[1], n))
        elif ent is not None:
            for lab in labels:
                act = menu.addAction(f"{lab.name}\t{lab.hotkey}")
                act.setCheckable(True)
                act.setChecked(lab.name == ent.label)
                act.triggered.connect(lambda _=False, n=lab.name: ctl.relabel_focused(n))
            menu.addSeparator()
            menu.addAction("Accept").triggered.connect(ctl.accept_focused)
            menu.addAction("Reject").triggered.connect(ctl.reject_focused)
            menu.addAction("Delete").triggered.connect(ctl.remove_focused)
        else:
            menu.addAction("Select words, then press a label key").setEnabled(False)
        return menu


_STATUS_TEXT = {s: str(s) for s in SpanStatus}


def _key(ent: EntitySpan) -> SpanKey:
    status = ent.status
    return (ent.id or 0, ent.start, ent.end, ent.label, _STATUS_TEXT.get(status) or str(status))



def _x(value: object) -> float:
    """QTextLine.cursorToX returns (x, position) in PySide6."""
    return float(value[0] if isinstance(value, tuple) else value)  # type: ignore[arg-type]
