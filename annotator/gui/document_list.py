"""The document list: a Qt model over the store's ids, fast at 100,000 documents.

The model holds only the ids of the current filter (status or full-text search);
titles and statuses are fetched in pages for the rows Qt actually asks about.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DocStatus, DocumentSummary
from annotator.core.store import Changes
from annotator.gui.controller import Controller
from annotator.gui.flow_layout import FlowLayout

PAGE = 200
STATUS_COLOURS = {
    DocStatus.NEW: "#9aa0a6",
    DocStatus.IN_PROGRESS: "#e9a23b",
    DocStatus.DONE: "#2e9d5b",
    DocStatus.SKIPPED: "#b0b0b0",
}
STATUS_TEXT = {DocStatus.NEW: "new", DocStatus.IN_PROGRESS: "in progress",
               DocStatus.DONE: "done", DocStatus.SKIPPED: "skipped"}
FILTERS: list[tuple[str, DocStatus | None]] = [
    ("All", None), ("New", DocStatus.NEW), ("In progress", DocStatus.IN_PROGRESS),
    ("Done", DocStatus.DONE), ("Skipped", DocStatus.SKIPPED)]
SummaryRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractListModel):
    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self.ids: list[int] = []
        self._cache: dict[int, DocumentSummary] = {}
        self.status: DocStatus | None = None
        self.query = ""
        self.only: set[int] | None = None  # e.g. the review mode's documents left open

    def reload(self) -> None:
        project = self.controller.project
        self.beginResetModel()
        if self.query.strip():
            ids = project.search.find(self.query, limit=100_000)
            if self.status is not None:
                keep = set(project.documents.ids(self.status))
                ids = [i for i in ids if i in keep]
        else:
            ids = project.documents.ids(self.status)
        if self.only is not None:
            ids = [i for i in ids if i in self.only]
        self.ids = ids
        self._cache.clear()
        self.endResetModel()

    def row_of(self, doc_id: int) -> int | None:
        k = bisect_left(self.ids, doc_id)  # ids are in id order (lists and searches)
        return k if k < len(self.ids) and self.ids[k] == doc_id else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def summary(self, row: int) -> DocumentSummary | None:
        doc_id = self.ids[row]
        found = self._cache.get(doc_id)
        if found is None:
            lo = max(0, row - PAGE // 4)
            page = self.ids[lo:lo + PAGE]
            if len(self._cache) > 20_000:
                self._cache.clear()
            for s in self.controller.project.documents.summaries(page):
                self._cache[s.id] = s
            found = self._cache.get(doc_id)
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == IdRole:
            return self.ids[index.row()]
        s = self.summary(index.row())
        if s is None:
            return None
        if role == SummaryRole:
            return s
        if role == Qt.ItemDataRole.DisplayRole:
            return s.title or s.external_id
        if role == Qt.ItemDataRole.ToolTipRole:
            who = f" · {s.annotator}" if s.annotator else ""
            return f"{s.external_id} · {STATUS_TEXT[s.status]}{who}"
        return None

    def refresh_doc(self, doc_id: int) -> None:
        self._cache.pop(doc_id, None)
        row = self.row_of(doc_id)
        if row is not None:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx)


class DocumentDelegate(QStyledItemDelegate):
    """Two lines per document: a status dot and the title; the id and status below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, int(fm.height() * 2.6) + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        s: DocumentSummary | None = index.data(SummaryRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if s is None:
            return
        rect: QRect = opt.rect.adjusted(10, 4, -8, -4)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal: QPalette = opt.palette
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.Text)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(opt.font)
        line_h = fm.height()
        dot = QColor(STATUS_COLOURS[s.status])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        painter.drawEllipse(rect.left(), rect.top() + line_h // 2 - 4, 8, 8)
        painter.setPen(text_colour)
        title_font = QFont(opt.font)
        if s.status in (DocStatus.NEW, DocStatus.IN_PROGRESS):
            title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        text_rect = QRect(rect.left() + 16, rect.top(), rect.width() - 16, line_h)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(title_font).elidedText(
                             s.title or s.external_id, Qt.TextElideMode.ElideRight,
                             text_rect.width()))
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        painter.setFont(small)
        sub = QColor(text_colour)
        sub.setAlpha(150)
        painter.setPen(sub)
        painter.drawText(QRect(rect.left() + 16, rect.top() + line_h + 2, rect.width() - 16,
                               line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{s.external_id}  ·  {STATUS_TEXT[s.status]}")
        painter.restore()


class DocumentList(QWidget):
    """Search box, status filter, the list, done/total counts."""

    document_chosen = Signal(int)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.controller = controller
        self.model = DocumentListModel(controller)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the text…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(2000)  # a pasted page is cut here; the store reads 16 words
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        filters = FlowLayout(spacing=2)  # wraps when the list is narrow
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: list[QPushButton] = []
        for k, (name, _status) in enumerate(FILTERS):
            btn = QPushButton(name)
            btn.setCheckable(True)
            btn.setObjectName("filterButton")
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.filter_group.addButton(btn, k)
            filters.addWidget(btn)
            self.filter_buttons.append(btn)
        self.filter_buttons[0].setChecked(True)
        self.filter_group.idClicked.connect(self.set_filter)

        # a table with fixed row heights never walks all rows (a QListView or QTreeView
        # asks the Python model about every row: 0.5 s at 100,000 documents)
        self.view = QTableView()
        self.view.setObjectName("documentView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(DocumentDelegate(self.view))
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        vheader = self.view.verticalHeader()
        vheader.hide()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(int(QFontMetrics(self.font()).height() * 2.6) + 6)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.selectionModel().currentChanged.connect(self._on_current)

        self.counts = QLabel()
        self.counts.setObjectName("countsLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        controller.changed.connect(self._on_changed)
        controller.document_opened.connect(self._select_current)
        controller.project_changed.connect(self.reload)
        self._last_status: dict[int, DocStatus] = {}

    def reload(self) -> None:
        self.model.reload()
        self.update_counts()
        self._select_current()

    def restrict(self, ids: set[int] | None) -> None:
        """Show only these documents (None: all of them again)."""
        if ids != self.model.only:
            self.model.only = ids
            self.reload()

    def set_filter(self, k: int) -> None:
        self.filter_buttons[k].setChecked(True)
        self.model.status = FILTERS[k][1]
        self.reload()

    def apply_search_now(self) -> None:
        """Run the typed search at once (not after the typing pause)."""
        self._search_timer.stop()
        self._apply_search()

    def _apply_search(self) -> None:
        if self.search.text() != self.model.query:
            self.model.query = self.search.text()
            self.reload()

    def update_counts(self) -> None:
        counts = self.controller.project.documents.status_counts()
        total = sum(counts.values())
        done = counts.get("done", 0)
        shown = len(self.model.ids)
        text = f"{done:,} / {total:,} done"
        if shown != total:
            text += f"   ·   {shown:,} shown"
        self.counts.setText(text)

    def _on_changed(self, changes: Changes) -> None:
        if changes.documents_added or (changes.all_documents and changes.status):
            self.reload()
            return
        if not changes.status:
            return  # the list shows titles and statuses only
        for doc_id in changes.doc_ids:
            self.model.refresh_doc(doc_id)
            status = self.controller.project.documents.status(doc_id)
            if status is not None and self._last_status.get(doc_id) != status:
                self._last_status[doc_id] = status
                self.update_counts()

    def _select_current(self) -> None:
        doc = self.controller.doc
        if doc is None:
            self.view.clearSelection()
            return
        self._last_status[doc.id] = doc.status
        row = self.model.row_of(doc.id)
        if row is None:  # not in the filtered list: no highlight on another document
            self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(QModelIndex())
            self.view.clearSelection()
            self.view.selectionModel().blockSignals(False)
            self.view.viewport().update()
            return
        idx = self.model.index(row)
        if self.view.currentIndex() != idx:
            self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(idx)
            self.view.selectionModel().blockSignals(False)
            self.view.viewport().update()
        self.view.scrollTo(idx)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.document_chosen.emit(self.model.ids[current.row()])

    def neighbour(self, doc_id: int | None, step: int) -> int | None:
        """The document ``step`` rows away in the current list (no wrap)."""
        if not self.model.ids:
            return None
        row = self.model.row_of(doc_id) if doc_id is not None else None
        if row is None:
            return self.model.ids[0]
        k = row + step
        return self.model.ids[k] if 0 <= k < len(self.model.ids) else None
