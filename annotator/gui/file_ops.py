"""File menu work: new/open project, import and export as background jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QWidget,
)

from annotator.core.model import AnnotatorError
from annotator.core.store import Project
from annotator.core.teams import member_name
from annotator.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext

EXPORT_FORMATS = [
    ("jsonl", "Native JSONL (Prodigy-compatible)", ".jsonl"),
    ("doccano", "doccano JSONL", ".jsonl"),
    ("conll", "CoNLL-2003 BIO", ".conll"),
    ("hf", "Hugging Face tokens + ner_tags", ".jsonl"),
    ("spacy", "spaCy DocBin", ".spacy"),
    ("claims", "Claims, one a line", ".jsonl"),
    ("labelstudio", "Label Studio JSON tasks", ".json"),
    ("brat", "brat standoff (a folder)", ""),
]
PROJECT_FILTER = "annotator projects (*.annotator.db *.db);;All files (*)"


class JobBar(QWidget):
    """Progress and cancel for the running background job, in the status bar."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def track(self, job: Job) -> None:
        self.label.setText(job.title)
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.cancel.clicked.connect(job.cancel)
        job.progress.connect(self._progress)
        job.finished.connect(self.hide)
        self.show()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        self.label.setText(self.label.text().split("  ")[0] + f"  {done:,}")


class _SearchKeys(QObject):
    """Keys typed in the search box stay there (Enter, Tab, Delete, digits...)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if not mods or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()
        return False


def _call_with_progress(func: Callable[..., Any], ctx: JobContext, *args: Any,
                        **kwargs: Any) -> Any:
    def progress(*values: Any) -> None:
        done = int(values[0]) if values else 0
        total = int(values[1]) if len(values) > 1 and values[1] else 0
        ctx.progress(done, total)
    return func(*args, progress=progress, **kwargs)


class FileOps(QObject):
    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.window = window
        self.job_bar = JobBar()
        self.jobs: list[Job] = []
        self.search_filter = _SearchKeys(self)

    @property
    def project(self) -> Project:
        return self.window.controller.project

    # --- projects ---------------------------------------------------------

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New project", "project.annotator.db",
                                              PROJECT_FILTER)
        if path:
            if Path(path).exists():
                QMessageBox.warning(self.window, "New project",
                                    f"{path} exists already; use Open project.")
                return
            self.switch_project(Path(path))

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", "", PROJECT_FILTER)
        if path:
            self.switch_project(Path(path))

    def switch_project(self, path: Path) -> bool:
        if self.jobs:
            QMessageBox.information(self.window, "annotator",
                                    "Wait for the running job to finish (or cancel it).")
            return False
        try:
            project = Project(path)
        except AnnotatorError as exc:
            QMessageBox.critical(self.window, "Cannot open the project", str(exc))
            return False
        # an assigned file (annotator assign) carries its annotator's name, others the user's
        person = str(self.window.settings.value("annotator/name", "") or "")
        project.annotator = member_name(project) or person or self.project.annotator
        old = self.project
        self.window.controller.set_project(project)
        old.close()
        self.window.settings.setValue("last_project", str(path))
        self.window.open_last_document()
        return True

    # --- jobs -----------------------------------------------------------------

    def run(self, job: Job, on_success: Callable[[Any], None]) -> Job:
        self.jobs.append(job)
        self.job_bar.track(job)
        job.succeeded.connect(on_success)
        job.failed.connect(lambda msg: QMessageBox.critical(self.window, job.title, msg))
        job.cancelled.connect(lambda: self.window.statusBar().showMessage(
            f"{job.title}: cancelled, nothing changed", 8000))
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        job.start()
        return job

    def confirm_close(self) -> bool:
        if not self.jobs:
            return True
        answer = QMessageBox.question(
            self.window, "annotator", "A background job is running. Cancel it and quit?")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        for job in self.jobs:
            job.cancel()
        return True

    # --- import ------------------------------------------------------------------

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import articles", "",
            "Articles (*.txt *.jsonl *.json *.csv *.tsv *.conll *.iob *.bio *.ann);;"
            "All files (*)")
        if paths:
            self.start_import([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of articles")
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: list[Path], fmt: str = "auto") -> Job | None:
        try:
            from annotator.core import importers
        except ImportError:
            QMessageBox.information(self.window, "Import", "Import is not available yet.")
            return None
        project_path = self.project.path
        annotator = self.project.annotator

        def work(ctx: JobContext) -> Any:
            with Project(project_path) as proj:
                proj.annotator = annotator
                result = _call_with_progress(importers.import_paths, ctx, proj, paths, fmt=fmt)
                proj.search.update_index()
            return result

        def done(result: Any) -> None:
            describe = getattr(result, "describe", None)
            text = describe() if callable(describe) else "import finished"
            warnings = getattr(result, "warnings", [])
            self.window.statusBar().showMessage(
                text[:1].upper() + text[1:] + (f" — {warnings[0]}" if warnings else ""), 15000)
            if getattr(result, "labels_added", None):
                self.project.settings.reload_scheme()  # the job's connection added labels
            self.project.notify(None)
            if self.window.controller.doc is None:
                self.window.open_last_document()

        return self.run(Job("Importing", work), done)

    # --- export ---------------------------------------------------------------------

    def export(self) -> None:
        names = [f"{label}  ({fmt})" for fmt, label, _ in EXPORT_FORMATS]
        choice, ok = QInputDialog.getItem(self.window, "Export", "Format:", names, 0, False)
        if not ok:
            return
        fmt, _label, ext = EXPORT_FORMATS[names.index(choice)]
        scope, ok = QInputDialog.getItem(self.window, "Export", "Documents:",
                                         ["done", "all"], 0, False)
        if not ok:
            return
        default = f"{self.project.path.name.split('.')[0]}-{fmt}{ext}"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export to", default)
        if path:
            self.start_export(fmt, Path(path), scope)

    def start_export(self, fmt: str, out_path: Path, status: str = "done") -> Job | None:
        try:
            from annotator.core import exporters
        except ImportError:
            QMessageBox.information(self.window, "Export", "Export is not available yet.")
            return None
        project_path = self.project.path
        try:  # before the job: never let an export replace the project it reads
            exporters.check_target(project_path, fmt, out_path)
        except AnnotatorError as exc:
            QMessageBox.critical(self.window, "Export", str(exc))
            return None

        def work(ctx: JobContext) -> Any:
            with Project(project_path) as proj:
                return _call_with_progress(exporters.export, ctx, proj, fmt, out_path,
                                           status=status)

        def done(result: Any) -> None:
            describe = getattr(result, "describe", None)
            self.window.statusBar().showMessage(
                describe() if callable(describe) else f"Exported to {out_path}", 15000)

        return self.run(Job(f"Exporting {fmt}", work), done)
