"""The side panel: the document's entities (label, text, status) and a claims slot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import EntitySpan, SpanStatus
from annotator.core.store import Changes
from annotator.gui.controller import Controller

Index = QModelIndex | QPersistentModelIndex
STATUS_MARK = {SpanStatus.SUGGESTED: "? suggested", SpanStatus.ACCEPTED: "✓ accepted",
               SpanStatus.REJECTED: "✗ rejected"}


_FONTS: list[QFont] = []


def _fonts() -> list[QFont]:
    """[bold, italic], made once (a QFont per cell and call is slow)."""
    if not _FONTS:
        bold, italic = QFont(), QFont()
        bold.setWeight(QFont.Weight.DemiBold)
        italic.setItalic(True)
        _FONTS.extend([bold, italic])
    return _FONTS


# roles as plain ints: Qt passes ints, and enum comparisons per call add up
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ROLE_SLOT = {_DISPLAY: 0, int(Qt.ItemDataRole.BackgroundRole.value): 1,
              int(Qt.ItemDataRole.ForegroundRole.value): 2,
              int(Qt.ItemDataRole.TextAlignmentRole.value): 3,
              int(Qt.ItemDataRole.FontRole.value): 4, int(Qt.ItemDataRole.ToolTipRole.value): 5}
_DARK_TEXT: list[QColor] = []


class EntityModel(QAbstractTableModel):
    """The entities as a table. A view asks ``data`` about a thousand times per
    refresh (every role of every visible cell), so each row's answers are made once,
    on first use, and ``data`` only looks them up."""

    HEADERS = ("Label", "Text", "Status")

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self.rows: list[EntitySpan] = []
        self._colours: dict[str, QColor] = {}
        self._cells: dict[int, tuple[tuple[Any, Any, Any], ...]] = {}  # row -> by role slot

    def reload(self) -> None:
        self._colours.clear()
        self.beginResetModel()
        self.rows = list(self.controller.entities)
        self._cells = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        slot = _ROLE_SLOT.get(role)
        if slot is None or not index.isValid():
            return None
        row = index.row()
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self._row_cells(self.rows[row])
        return cells[slot][index.column()]

    def _row_cells(self, ent: EntitySpan) -> tuple[tuple[Any, Any, Any], ...]:
        """(display, background, foreground, alignment, font, tooltip), each per column."""
        doc = self.controller.doc
        text = doc.text[ent.start:ent.end].replace("\n", " ") if doc else ""
        colour = self._colours.get(ent.label)
        if colour is None:
            lab = self.controller.project.scheme.get("entity", ent.label)
            colour = self._colours[ent.label] = QColor(lab.color if lab else "#cccccc")
        if not _DARK_TEXT:
            _DARK_TEXT.append(QColor("#111111"))
        bold, italic = _fonts()
        extra = f", score {ent.score:.2f}" if ent.score is not None else ""
        tip = f"[{ent.start}, {ent.end}) from {ent.source}{extra}"
        slanted = italic if ent.status == SpanStatus.SUGGESTED else None
        return ((ent.label, text, STATUS_MARK[ent.status]),
                (colour, None, None),
                (_DARK_TEXT[0], None, None),
                (Qt.AlignmentFlag.AlignCenter, None, None),
                (bold, slanted, slanted),
                (tip, tip, tip))


class EntityPanel(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = EntityModel(controller)
        self.table = QTableView()
        self.table.setObjectName("entityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 58)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # fixed widths: ResizeToContents would ask the model about every row on each reload
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 96)
        self.table.clicked.connect(self._on_clicked)
        self.summary = QLabel()
        self.summary.setObjectName("panelSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        controller.document_opened.connect(self.reload)
        controller.changed.connect(self._on_changed)
        controller.focus_changed.connect(self._on_focus)

    def reload(self) -> None:
        self.model.reload()
        ents = self.controller.entities
        sug = sum(1 for e in ents if e.status == SpanStatus.SUGGESTED)
        acc = sum(1 for e in ents if e.status == SpanStatus.ACCEPTED)
        self.summary.setText(f"{acc} accepted · {sug} suggested" if ents else
                             "No entities yet: select words and press a label key.")
        self._on_focus()

    def _on_changed(self, changes: Changes) -> None:
        doc = self.controller.doc
        if doc is not None and (changes.scheme or (changes.spans and changes.touches(doc.id))):
            self.reload()

    def _on_focus(self) -> None:
        fid = self.controller.focused_id
        for row, ent in enumerate(self.model.rows):
            if ent.id == fid:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return
        self.table.clearSelection()

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.controller.focus(self.model.rows[index.row()].id)


class SidePanel(QTabWidget):
    """Entities and Claims tabs. The claims tab is a slot: ``set_claims_widget``."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.controller = controller
        self.entities = EntityPanel(controller)
        self.addTab(self.entities, "Entities")
        placeholder = QLabel("Claims are marked here.\n(Claim editing comes with the claims "
                             "layer.)")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setObjectName("placeholder")
        self.claims: QWidget = placeholder
        self.addTab(self.claims, "Claims")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        controller.document_opened.connect(self._update_titles)
        controller.changed.connect(lambda _d: self._update_titles())

    def set_claims_widget(self, widget: QWidget) -> None:
        """Put the claims panel in its tab (for the claims layer)."""
        self.removeTab(1)
        self.claims.deleteLater()
        self.claims = widget
        self.insertTab(1, widget, "Claims")
        self._update_titles()

    def _update_titles(self) -> None:
        title = f"Entities ({len(self.controller.entities)})"
        if self.tabText(0) != title:  # setTabText relayouts and repaints the window
            self.setTabText(0, title)
