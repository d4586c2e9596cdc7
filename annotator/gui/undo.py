"""QUndoStack adapter over the core's commands: one stack per document.

Every edit is applied by ``Project.execute`` (its own transaction, on disk at
once) *before* it is pushed, so a command the store refuses never reaches the
stack. ``redo()`` then skips its first call; later redo/undo calls go to
``Project.execute`` / ``Project.revert``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.commands import Command
from annotator.core.model import AnnotatorError
from annotator.core.store import Project


class StoreCommand(QUndoCommand):
    def __init__(self, project: Project, command: Command,
                 on_error: Callable[[str], None]) -> None:
        super().__init__(command.text)
        self.project = project
        self.command = command
        self.on_error = on_error
        self._applied = True  # pushed after Project.execute succeeded

    def redo(self) -> None:
        if self._applied:
            return
        try:
            self.project.execute(self.command)
            self._applied = True
        except AnnotatorError as exc:
            self.setObsolete(True)
            self.on_error(f"cannot redo {self.text()}: {exc}")

    def undo(self) -> None:
        try:
            self.project.revert(self.command)
            self._applied = False
        except AnnotatorError as exc:
            self.setObsolete(True)
            self.on_error(f"cannot undo {self.text()}: {exc}")


class UndoManager(QObject):
    """A QUndoGroup holding one QUndoStack per document id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}

    def stack(self, doc_id: int) -> QUndoStack:
        stack = self._stacks.get(doc_id)
        if stack is None:
            stack = QUndoStack(self.group)
            self._stacks[doc_id] = stack
        return stack

    def activate(self, doc_id: int | None) -> None:
        self.group.setActiveStack(self.stack(doc_id) if doc_id is not None else None)  # type: ignore[arg-type]

    def push(self, project: Project, command: Command, doc_id: int,
             on_error: Callable[[str], None]) -> None:
        self.stack(doc_id).push(StoreCommand(project, command, on_error))

    def undo(self) -> None:
        self.group.undo()

    def redo(self) -> None:
        self.group.redo()

    def clear(self) -> None:
        self.group.setActiveStack(None)  # type: ignore[arg-type]
        for stack in self._stacks.values():
            stack.clear()
            stack.deleteLater()
        self._stacks.clear()
