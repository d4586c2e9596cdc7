"""What the window's feature modules may use of it: a small context, not ``MainWindow``.

Feature modules (the action table, claims, file operations, jobs, dialogs) take a
``WindowContext``; ``MainWindow`` is one. They never import ``main_window``, so the
window can import them without an import cycle (TYPE_CHECKING imports included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from annotator.core.model import DocStatus
from annotator.gui.article_view import ArticleView
from annotator.gui.controller import Controller
from annotator.gui.entity_panel import SidePanel
from annotator.gui.review import ReviewMode
from annotator.gui.workers import Job


class ClaimActions(Protocol):
    def step(self, step: int) -> None: ...
    def mark_claim(self, label: str | None = None) -> bool: ...
    def label_key(self, hotkey: str) -> None: ...
    def cycle_claimant(self) -> None: ...
    def mark_cue(self) -> None: ...
    def toggle_quote(self) -> None: ...
    def cycle_stance(self) -> None: ...
    def accept_current(self) -> None: ...
    def remove_current(self) -> None: ...
    def accept_all(self) -> None: ...
    def move_edge(self, edge: str, step: int) -> bool: ...
    def focus(self, claim_id: int | None) -> None: ...


class JobTracker(Protocol):
    def track(self, job: Job) -> None: ...


class FileActions(Protocol):
    jobs: list[Job]

    @property
    def job_bar(self) -> JobTracker: ...

    def run(self, job: Job, on_success: Callable[[Any], None]) -> Job: ...
    def new_project(self) -> None: ...
    def open_project(self) -> None: ...
    def import_files(self) -> None: ...
    def import_folder(self) -> None: ...
    def export(self) -> None: ...


class PreannotationActions(Protocol):
    def start(self) -> Job | None: ...

    def before_open(self, doc_id: int | None) -> None: ...


class WindowContext(QMainWindow):
    """The window as its features see it (``MainWindow`` fills it in)."""

    controller: Controller
    settings: QSettings
    shortcuts: dict[str, list[str]]
    menus: dict[str, QMenu]
    action_table: dict[str, Any]  # action id -> QAction
    article: ArticleView
    side: SidePanel
    claims: ClaimActions
    files: FileActions
    preannotation: PreannotationActions
    review: ReviewMode  # adjudication of a merged team project

    def say(self, text: str, msecs: int = 8000) -> None:
        """A one-line note in the status bar."""
        self.statusBar().showMessage(text, msecs)

    # the window's own commands, for the action table
    def label_key(self, label: str) -> None: raise NotImplementedError
    def step_span(self, step: int) -> None: raise NotImplementedError
    def move_edge(self, edge: str, step: int) -> None: raise NotImplementedError
    def change_annotator_name(self) -> None: raise NotImplementedError
    def clear_focus(self) -> None: raise NotImplementedError
    def toggle_precision(self) -> None: raise NotImplementedError
    def mark_and_next(self, status: DocStatus) -> None: raise NotImplementedError
    def go_next_unfinished(self) -> None: raise NotImplementedError
    def step_document(self, step: int) -> None: raise NotImplementedError
    def open_last_document(self) -> None: raise NotImplementedError
    def focus_search(self) -> None: raise NotImplementedError
    def toggle_dark(self) -> None: raise NotImplementedError
    def show_shortcuts(self) -> QDialog: raise NotImplementedError
    def show_about(self) -> None: raise NotImplementedError
