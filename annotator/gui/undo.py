"""The Edit menu's Undo / Redo, mirroring the core editor's history.

The history itself lives in ``annotator.core.editing.Editor`` (one per project,
per-document stacks); this adapter only shows its state: enabled, and the text of
the step an undo or redo would take ("Undo relabel as ORG").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from annotator.gui.controller import Controller


class UndoMenu(QObject):
    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self._undo: QAction | None = None
        self._redo: QAction | None = None
        controller.editor.add_history_listener(self.refresh)

    def bind(self, undo: QAction, redo: QAction) -> None:
        """Keep these actions' state and text in step with the history."""
        self._undo, self._redo = undo, redo
        self.refresh()

    def refresh(self) -> None:
        editor = self.controller.editor
        doc = self.controller.doc
        doc_id = doc.id if doc is not None else None
        for action, name, can, text in (
                (self._undo, "Undo", editor.can_undo(doc_id), editor.undo_text(doc_id)),
                (self._redo, "Redo", editor.can_redo(doc_id), editor.redo_text(doc_id))):
            if action is not None:
                action.setEnabled(can)
                action.setText(f"&{name} {text}" if can else f"&{name}")
