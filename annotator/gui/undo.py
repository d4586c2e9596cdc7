"""The Edit menu's Undo / Redo, mirroring the core editor's history.

The history itself lives in ``annotator.core.editing.Editor`` (one per project,
per-document stacks); this adapter only shows its state: enabled, and the text of
the step an undo or redo would take ("Undo relabel as ORG").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from annotator.core.editing import Editor


class UndoMenu(QObject):
    """``current_doc`` gives the open document's id: its history is the one shown."""

    def __init__(self, editor: Editor, current_doc: Callable[[], int | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.current_doc = current_doc
        self._undo: QAction | None = None
        self._redo: QAction | None = None
        editor.add_history_listener(self.refresh)

    def bind(self, undo: QAction, redo: QAction) -> None:
        """Keep these actions' state and text in step with the history."""
        self._undo, self._redo = undo, redo
        self.refresh()

    def refresh(self) -> None:
        editor = self.editor
        doc_id = self.current_doc()
        for action, name, can, text in (
                (self._undo, "Undo", editor.can_undo(doc_id), editor.undo_text(doc_id)),
                (self._redo, "Redo", editor.can_redo(doc_id), editor.redo_text(doc_id))):
            if action is not None:
                # enabled with nothing to take back: the key then says so instead of
                # doing nothing (the history is per document)
                action.setText(f"&{name} {text}" if can else f"&{name}")
