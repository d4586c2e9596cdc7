"""Model > Train model: train the project's NER model in the background.

The dialog says how many documents are finished and how many more are needed,
which model is in use (with its held-out evaluation), and lets the user train,
switch to the latest model or back to none. Training runs as a background job
(progress and Cancel in the status bar) on its own connection to the project,
from a snapshot taken at its start: annotation goes on meanwhile. When it ends,
the evaluation table is shown, with an offer to re-suggest entities in the
unfinished documents (another background job; human decisions are never touched).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from annotator.core import training
from annotator.core.model import AnnotatorError
from annotator.core.store import Project
from annotator.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext

_SCALE = 1000


def _table_widget(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setMinimumSize(560, 220)
    return view


def status_text(project: Project, min_docs: int = training.DEFAULT_MIN_DOCS) -> str:
    """What the dialog says about readiness and the model in use."""
    done, needed = training.readiness(project, min_docs)
    lines = [f"Finished documents: {done:,}."]
    if needed:
        lines.append(f"Training needs at least {min_docs}: finish {needed} more "
                     f"document{'s' if needed != 1 else ''} (mark them done).")
    else:
        lines.append("Ready to train: about 80% of them train the model, 20% are held out "
                     "to evaluate it.")
    model = training.active_model(project)
    if model is None:
        lines.append("Model in use for stanza-ner: none (the language's Stanza model, if any).")
    else:
        ev = model.evaluation
        score = f", held-out F1 {100 * ev.overall.f1:.1f}%" if ev else ""
        lines.append(f"Model in use for stanza-ner: {model.id}{score}.")
    return "\n".join(lines)


class TrainDialog(QDialog):
    """Readiness, the model in use, and Train / Use latest / Use none."""

    def __init__(self, window: WindowContext, min_docs: int = training.DEFAULT_MIN_DOCS) -> None:
        super().__init__(window)
        self.setObjectName("trainDialog")
        self.setWindowTitle("Train model")
        self.window_ = window
        self.min_docs = min_docs
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = _table_widget("")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.train_button = QPushButton("&Train now")
        self.latest_button = QPushButton("Use &latest model")
        self.none_button = QPushButton("Use &no project model")
        for button in (self.train_button, self.latest_button, self.none_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.train_button.clicked.connect(self._train)
        self.latest_button.clicked.connect(lambda: self._use("latest"))
        self.none_button.clicked.connect(lambda: self._use("none"))
        layout.addWidget(buttons)
        self.refresh()

    @property
    def project(self) -> Project:
        return self.window_.controller.project

    def refresh(self) -> None:
        self.info.setText(status_text(self.project, self.min_docs))
        _done, needed = training.readiness(self.project, self.min_docs)
        running = any(job.title == TRAIN_TITLE for job in self.window_.files.jobs)
        self.train_button.setEnabled(not needed and not running)
        self.latest_button.setEnabled(bool(training.list_models(self.project.path)))
        model = training.active_model(self.project)
        ev = model.evaluation if model else None
        self.table.setPlainText(training.format_table(ev) if ev else
                                "(no evaluation: no project model in use)")

    def _use(self, choice: str) -> None:
        try:
            training.use_model(self.project, choice)
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Train model", str(exc))
        self.refresh()

    def _train(self) -> None:
        if start_training(self.window_, min_docs=self.min_docs) is not None:
            self.accept()


TRAIN_TITLE = "Training model"


def open_dialog(window: WindowContext) -> TrainDialog:
    """The Model > Train model action."""
    dialog = TrainDialog(window)
    dialog.show()
    return dialog


def start_training(window: WindowContext, options: training.TrainOptions | None = None,
                   min_docs: int = training.DEFAULT_MIN_DOCS) -> Job | None:
    """Start a training job; on success show the evaluation (see module doc)."""
    if any(job.title == TRAIN_TITLE for job in window.files.jobs):
        QMessageBox.information(window, "Train model", "A model is already training.")
        return None
    options = options or training.TrainOptions(min_docs=min_docs)
    project_path = window.controller.project.path

    def work(ctx: JobContext) -> Any:
        def progress(fraction: float, _message: str) -> None:
            # Raises Cancelled once cancel is requested: train_model cleans up and the
            # job ends as cancelled (from Stanza's log reader the flag does the same).
            ctx.progress(int(_SCALE * fraction), _SCALE)

        return training.train_model(project_path, options, progress=progress,
                                    cancel=ctx.cancel_flag)

    def done(result: Any) -> None:
        window.controller.project.notify(None)
        show_result(window, result)

    return window.files.run(Job(TRAIN_TITLE, work), done)


class ResultDialog(QDialog):
    def __init__(self, window: WindowContext, report: training.TrainReport) -> None:
        super().__init__(window)
        self.setObjectName("trainResultDialog")
        self.setWindowTitle("Model trained")
        self.window_ = window
        model = report.model
        data = model.meta.get("data", {})
        layout = QVBoxLayout(self)
        summary = (f"Model {model.id}\n"
                   f"Trained on {report.train_documents} documents "
                   f"({data.get('train_sentences')} sentences) in {report.seconds:.0f} s, "
                   f"{report.size_bytes / 1e6:.1f} MB; labels {', '.join(model.labels)}.\n"
                   + ("It is now the project's stanza-ner model."
                      if training.active_model(window.controller.project) is not None
                      else ""))
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        table = (training.format_table(report.evaluation) if report.evaluation else
                 f"No held-out evaluation: fewer than {training.MIN_DOCS_FOR_HELDOUT} "
                 "finished documents.")
        self.table = _table_widget(table)
        layout.addWidget(self.table)
        unfinished = len(training.unfinished_ids(window.controller.project))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.resuggest_button = QPushButton(
            f"&Re-suggest {unfinished:,} unfinished document{'s' if unfinished != 1 else ''}")
        self.resuggest_button.setEnabled(unfinished > 0)
        buttons.addButton(self.resuggest_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.resuggest_button.clicked.connect(self._resuggest)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _resuggest(self) -> None:
        start_resuggest(self.window_)
        self.accept()


def show_result(window: WindowContext, report: training.TrainReport) -> ResultDialog:
    dialog = ResultDialog(window, report)
    dialog.show()
    return dialog


def start_resuggest(window: WindowContext) -> Job | None:
    """Re-suggest with the project model in unfinished documents (a background job)."""
    project_path: Path = window.controller.project.path

    def work(ctx: JobContext) -> Any:
        with Project(project_path) as proj:
            report = training.resuggest(proj, progress=ctx.progress, cancel=ctx.cancel_flag)
        ctx.check()  # a cancelled run returns what it did: the job ends as cancelled
        return report

    def done(report: Any) -> None:
        window.controller.project.notify(None)
        window.statusBar().showMessage(f"Re-suggested: {report.summary() or 'nothing to do'}",
                                       15000)

    return window.files.run(Job("Re-suggesting", work), done)
