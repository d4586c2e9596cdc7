"""The label scheme editor (entities and claims) and the guidelines panel.

The scheme is saved with ``Project.save_scheme`` (it lives in the project file).
Renaming a label also renames it on the spans and claims that carry it, in one
transaction logged in ``events``; removing a label that is in use is refused.
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

from annotator.core.labels import Label, LabelKind, LabelScheme
from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir
from annotator.core.store import Project

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

KINDS: tuple[LabelKind, ...] = ("entity", "claim")
TABLES = {"entity": "entities", "claim": "claims"}


def label_usage(project: Project, kind: LabelKind) -> dict[str, int]:
    rows = project.db.execute(
        f"SELECT label, count(*) FROM {TABLES[kind]} GROUP BY label").fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def apply_scheme(project: Project, scheme: LabelScheme,
                 renames: dict[LabelKind, dict[str, str]]) -> None:
    """Save a scheme; rename labels on stored spans and claims in the same transaction."""
    for kind in KINDS:
        names = scheme.names(kind)
        if len(set(names)) != len(names):
            raise AnnotatorError(f"two {kind} labels have the same name")
        if any(not n.strip() for n in names):
            raise AnnotatorError(f"a {kind} label has no name")
        used = label_usage(project, kind)
        renamed_from = set(renames.get(kind, {}))
        missing = [n for n in used if n not in names and n not in renamed_from]
        if missing:
            raise AnnotatorError(f"{kind} label {missing[0]} is used by {used[missing[0]]} "
                                 "annotations: rename it instead of removing it")
    with project.transaction():
        for kind in KINDS:
            for old, new in renames.get(kind, {}).items():
                if old != new:
                    project.db.execute(f"UPDATE {TABLES[kind]} SET label = ? WHERE label = ?",
                                       [new, old])
                    project._log(None, "rename_label", {"kind": kind, "from": old, "to": new})
        project.save_scheme(scheme)


class LabelSchemeDialog(QDialog):
    COLS = ("Name", "Colour", "Hotkey", "Guideline")

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Label scheme")
        self.project = project
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
            apply_scheme(self.project, scheme, renames)
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Label scheme", str(exc))
            return
        self.accept()


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


def edit_labels(window: MainWindow) -> LabelSchemeDialog:
    dialog = LabelSchemeDialog(window.controller.project, window)
    dialog.finished.connect(lambda code: _after_scheme_edit(window, code))
    dialog.open()
    return dialog


def _after_scheme_edit(window: MainWindow, code: int) -> None:
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


def show_guidelines(window: MainWindow) -> QDockWidget:
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
