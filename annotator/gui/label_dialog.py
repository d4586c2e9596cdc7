"""The label scheme editor (entities and claims) and the guidelines panel.

The scheme is saved by the editor's ``edit_scheme`` (a command: one transaction,
logged in ``events``). Renaming a label also renames it on the spans and claims
that carry it and in the undo history; removing a label in use is refused.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.editing import Editor
from annotator.core.labels import KINDS, Label, LabelKind, LabelScheme
from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext

def apply_scheme(editor: Editor, scheme: LabelScheme,
                 renames: dict[LabelKind, dict[str, str]]) -> None:
    """Save a scheme through the editor: one logged command that also renames the
    labels on stored spans and claims, and in the undo history."""
    editor.edit_scheme(scheme, renames)


class LabelSchemeDialog(QDialog):
    COLS = ("Name", "Colour", "Hotkey", "Guideline")

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Label scheme")
        self.editor = editor
        self.project = project = editor.project
        scheme = project.scheme
        self.tabs = QTabWidget()
        self.tables: dict[LabelKind, QTableWidget] = {}
        self.originals: dict[LabelKind, list[str | None]] = {}
        for kind in KINDS:
            table = QTableWidget(0, len(self.COLS))
            table.setObjectName(f"{kind}LabelTable")
            table.setHorizontalHeaderLabels(self.COLS)
            table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            table.cellDoubleClicked.connect(
                lambda row, col, t=table: self._pick_colour(t, row) if col == 1 else None)
            self.tables[kind] = table
            self.originals[kind] = []
            for lab in scheme.of_kind(kind):
                self._add_row(kind, lab, original=lab.name)
            page = QWidget()
            lay = QVBoxLayout(page)
            lay.addWidget(table)
            row = QHBoxLayout()
            for text, slot in (("Add", lambda _=False, k=kind: self._add_row(k)),
                               ("Remove", lambda _=False, k=kind: self._remove_row(k)),
                               ("Colour…", lambda _=False, t=table: self._pick_colour(
                                   t, t.currentRow()))):
                button = QPushButton(text)
                button.clicked.connect(slot)
                row.addWidget(button)
            row.addStretch(1)
            lay.addLayout(row)
            self.tabs.addTab(page, "Entities" if kind == "entity" else "Claims")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        note = QLabel("Hotkeys: entity labels use the key itself, claim labels Alt+key. "
                      "Renaming a label renames it on every annotation.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _add_row(self, kind: LabelKind, lab: Label | None = None,
                 original: str | None = None) -> None:
        table = self.tables[kind]
        lab = lab or Label("NEW", kind, "#cccccc", "", "")
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate((lab.name, lab.color, lab.hotkey, lab.guideline)):
            item = QTableWidgetItem(value)
            if col == 1:
                item.setBackground(QColor(lab.color))
            table.setItem(row, col, item)
        self.originals[kind].append(original)

    def _remove_row(self, kind: LabelKind) -> None:
        table = self.tables[kind]
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            del self.originals[kind][row]

    def _pick_colour(self, table: QTableWidget, row: int) -> None:
        if row < 0:
            return
        item = table.item(row, 1)
        if item is None:
            return
        colour = QColorDialog.getColor(QColor(item.text()), self, "Label colour")
        if colour.isValid():
            item.setText(colour.name())
            item.setBackground(colour)

    def scheme_and_renames(self) -> tuple[LabelScheme, dict[LabelKind, dict[str, str]]]:
        old = self.project.scheme
        labels: dict[LabelKind, list[Label]] = {}
        renames: dict[LabelKind, dict[str, str]] = {}
        for kind in KINDS:
            table = self.tables[kind]
            labels[kind] = []
            renames[kind] = {}
            for row in range(table.rowCount()):
                values = [_cell(table, row, c) for c in range(len(self.COLS))]
                name, colour, hotkey, guideline = values
                if not QColor(colour).isValid():
                    raise AnnotatorError(f"{name}: {colour!r} is not a colour (#rrggbb)")
                labels[kind].append(Label(name, kind, colour, hotkey, guideline))
                original = self.originals[kind][row]
                if original is not None and original != name:
                    renames[kind][original] = name
        scheme = dataclasses.replace(old, entities=labels["entity"], claims=labels["claim"])
        return scheme, renames

    def save(self) -> None:
        try:
            scheme, renames = self.scheme_and_renames()
            apply_scheme(self.editor, scheme, renames)
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Label scheme", str(exc))
            return
        self.accept()


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


def edit_labels(window: WindowContext) -> LabelSchemeDialog:
    dialog = LabelSchemeDialog(window.controller.editor, window)
    dialog.finished.connect(lambda code: _after_scheme_edit(window, code))
    dialog.open()
    return dialog


def _after_scheme_edit(window: WindowContext, code: int) -> None:
    if code != QDialog.DialogCode.Accepted:
        return
    # saving notified the window, which rebuilt its label keys, strip and colours
    window.controller.reload()
    window.statusBar().showMessage("Label scheme saved; its label keys work now", 8000)


# --- guidelines -------------------------------------------------------------------------

def guideline_files() -> list[Path]:
    folder = resources_dir() / "guidelines"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


class GuidelinesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = guideline_files()
        self.choice = QComboBox()
        self.choice.addItems([p.stem.capitalize() for p in self.files])
        self.browser = QTextBrowser()
        self.browser.setObjectName("guidelinesBrowser")
        self.browser.setOpenExternalLinks(False)
        self.choice.currentIndexChanged.connect(self.show_file)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.choice)
        layout.addWidget(self.browser, 1)
        self.show_file(0)

    def show_file(self, index: int) -> None:
        if not 0 <= index < len(self.files):
            self.browser.setPlainText("No guidelines found in resources/guidelines.")
            return
        try:
            self.browser.setMarkdown(self.files[index].read_text(encoding="utf-8"))
        except OSError as exc:
            self.browser.setPlainText(f"{self.files[index]}: {exc}")


def show_guidelines(window: WindowContext) -> QDockWidget:
    dock = window.findChild(QDockWidget, "guidelinesDock")
    if not isinstance(dock, QDockWidget):
        dock = QDockWidget("Guidelines", window)
        dock.setObjectName("guidelinesDock")
        dock.setWidget(GuidelinesPanel(dock))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
    else:
        dock.setVisible(not dock.isVisible())
    return dock
