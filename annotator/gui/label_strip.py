"""The bottom strip: label chips with their hotkeys, the focused label's guideline
and the keys that matter now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from annotator.core.model import SpanStatus
from annotator.gui.controller import Controller


class LabelChip(QLabel):
    """A label's chip: a click labels like its key (it takes no keyboard focus, so the
    article keeps its selection)."""

    clicked = Signal(str)

    def __init__(self, text: str, label: str) -> None:
        super().__init__(text)
        self.label = label
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.label)
            event.accept()
            return
        super().mousePressEvent(event)


class LabelStrip(QWidget):
    label_clicked = Signal(str)  # a chip was clicked: label the selection / focused span

    def __init__(self, controller: Controller, keys: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelStrip")
        self.controller = controller
        self.keys = keys
        self.chips: dict[str, LabelChip] = {}
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        self.guideline = QLabel()
        self.guideline.setObjectName("guideline")
        self.guideline.setWordWrap(False)
        # a long guideline must never widen the window (and relayout the article)
        self.guideline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hints = QLabel()
        self.hints.setObjectName("keyHints")
        self.hints.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addLayout(self.row)
        top.addStretch(1)
        top.addWidget(self.hints)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.guideline)
        self.rebuild()
        controller.focus_changed.connect(self.update_state)
        controller.changed.connect(lambda _d: self.update_state())
        controller.document_opened.connect(self.update_state)
        controller.project_changed.connect(self.rebuild)

    def rebuild(self) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.chips.clear()
        for lab in self.controller.project.scheme.entities:
            chip = LabelChip(f"<b>{lab.hotkey}</b>&nbsp;&nbsp;{lab.name}", lab.name)
            chip.setObjectName("labelChip")
            chip.setToolTip(f"{lab.guideline}\n\nClick (or press {lab.hotkey}): label the "
                            "selection, the focused span or the word at the cursor")
            chip.clicked.connect(self.label_clicked)
            chip.setStyleSheet(f"background: {lab.color}; color: #111;")
            self.row.addWidget(chip)
            self.chips[lab.name] = chip
        self.update_state()

    def update_state(self) -> None:
        ctl = self.controller
        ent = ctl.focused()
        scheme = ctl.project.scheme
        for name, chip in self.chips.items():
            current = ent is not None and ent.label == name
            if chip.property("current") != current:
                chip.setProperty("current", current)
                chip.style().unpolish(chip)
                chip.style().polish(chip)
        k = self.keys
        hotkeys = [lab.hotkey for lab in scheme.entities if lab.hotkey]
        digits = f"{hotkeys[0]}–{hotkeys[-1]}" if len(hotkeys) > 1 else "".join(hotkeys)
        if ent is not None:
            lab = scheme.get("entity", ent.label)
            text = ctl.doc.text[ent.start:ent.end] if ctl.doc else ""
            self.guideline.setText(f"<b>{ent.label}</b> “{_esc(text)}” — "
                                   f"{_esc(lab.guideline if lab else '')}")
            if ent.status == SpanStatus.SUGGESTED:
                hints = [(k.get("accept_span"), "accept"), (k.get("reject_span"), "reject"),
                         (digits, "relabel"), (k.get("next_span"), "skip to next")]
            else:
                hints = [(digits, "relabel"), (k.get("widen_start"), "widen left"),
                         (k.get("widen_end"), "widen right"), (k.get("reject_span"), "reject"),
                         (k.get("next_span"), "next")]
        elif ctl.doc is None:
            if ctl.project.documents.count() == 0:
                self.guideline.setText("No documents yet: File > Import… adds articles "
                                       "(.txt files or folders, JSONL, CSV).")
                hints = [(k.get("import_files"), "import articles")]
            elif ctl.next_unfinished_id() is None:
                self.guideline.setText("Every document is done or skipped: File > Export… "
                                       "writes the annotations.")
                hints = [(k.get("export"), "export")]
            else:
                self.guideline.setText("Pick a document on the left.")
                hints = [(k.get("next_unfinished"), "next unfinished")]
        else:
            mode = "characters" if ctl.char_precision else "whole words"
            self.guideline.setText(
                f"Select text (mouse or Shift+arrows) or put the cursor on a word, then press "
                f"a label key or click a label. "
                f"Selections snap to {mode} ({k.get('toggle_precision', '')} toggles).")
            hints = [(k.get("next_span"), "next span"), (k.get("accept_all"), "accept all"),
                     (k.get("mark_done_next"), "done & next")]
        self.hints.setText("&nbsp;&nbsp;&nbsp;".join(
            f"<b>{_esc(pretty_key(key))}</b>&nbsp;{_esc(what)}" for key, what in hints if key))


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pretty_key(key: str) -> str:
    """How a key sequence is shown in hints: 'Return' reads 'Enter', 'Delete' 'Del'."""
    return {"Return": "Enter", "Delete": "Del"}.get(key, key)
