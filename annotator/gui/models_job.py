"""Model > Download Stanza models… and Model > Use a models folder….

Download: asks for the language (default: the project's), then runs
:func:`annotator.core.stanza_models.download` (``stanza.download``, one processor
at a time) as a background job with progress and Cancel in the status bar. The
models go to the folder pre-annotation reads (the project's chosen folder, else
the ``stanza`` folder in the data folder). Offline, the job fails with one clear
message (status bar and a non-blocking message box). After a download, or after
choosing a folder, a pre-annotation run starts so the new models are used.

Use a models folder: a folder with ``resources.json`` (a Stanza models folder,
e.g. copied from another machine) becomes the project's ``stanza_dir`` setting,
which the recognizers honour.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from annotator.core.model import AnnotatorError
from annotator.gui.preannotate_job import SETTING_STANZA_DIR
from annotator.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from types import ModuleType

    from annotator.gui.context import WindowContext


def _sm() -> ModuleType:
    """annotator.core.stanza_models, imported on first use (window start-up stays lean)."""
    from annotator.core import stanza_models

    return stanza_models


class ModelActions(QObject):
    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.box: QMessageBox | None = None  # the last message shown (tests look at it)
        self.download_action = QAction("&Download Stanza models…", window)
        self.download_action.setObjectName("download_models")
        self.download_action.triggered.connect(lambda: self.ask_download())
        self.folder_action = QAction("&Use a models folder…", window)
        self.folder_action.setObjectName("use_models_folder")
        self.folder_action.triggered.connect(lambda: self.choose_folder())

    def models_folder(self) -> Path:
        """The folder pre-annotation reads: a machine-wide override (window settings),
        else the project's chosen folder, else the default one."""
        override = self.window.settings.value(SETTING_STANZA_DIR, "") or None
        return _sm().models_dir(self.window.controller.project,
                             Path(str(override)) if override else None)

    # --- download ----------------------------------------------------------------

    def ask_download(self) -> Job | None:
        from annotator.core.recognizers import project_lang

        lang, ok = QInputDialog.getText(
            self.window, "Download Stanza models",
            f"Language code (models go to {self.models_folder()}):",
            text=project_lang(self.window.controller.project))
        if not ok or not lang.strip():
            return None
        return self.start_download(lang.strip())

    def start_download(self, lang: str) -> Job | None:
        if self.job is not None:
            self._say("A model download is already running")
            return None
        root = self.models_folder()

        def work(ctx: JobContext) -> Any:
            return _sm().download(lang, root, progress=lambda done, total, _p: ctx.progress(
                done, total), cancel=ctx.cancel_flag)

        job = Job(f"Downloading Stanza models ({lang})", work, self)
        self.job = job
        self.window.files.job_bar.track(job)
        job.succeeded.connect(lambda got: self._downloaded(lang, root, got))
        job.failed.connect(lambda msg: self._show("Download Stanza models", msg))
        job.cancelled.connect(lambda: self._say(
            "Model download cancelled; the files fetched completely so far stay"))
        job.finished.connect(self._finished)
        job.start()
        return job

    def _finished(self) -> None:
        self.job = None

    def _downloaded(self, lang: str, root: Path, got: list[str]) -> None:
        status = _sm().lang_status(root, lang.strip().lower())
        self._say(f"Stanza models in {root} — {status.line()}; pre-annotating with them")
        self.window.preannotation.start()

    # --- a folder chosen by the user -------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "A Stanza models folder (with resources.json)",
            str(self.models_folder()))
        if folder:
            self.use_folder(Path(folder))

    def use_folder(self, folder: Path) -> bool:
        try:
            root = _sm().use_folder(self.window.controller.project, folder)
        except AnnotatorError as exc:
            self._show("Use a models folder", str(exc))
            return False
        # the user's latest choice wins over a machine-wide override
        self.window.settings.remove(SETTING_STANZA_DIR)
        self._say(f"This project now reads Stanza models from {root}; pre-annotating")
        self.window.preannotation.start()
        return True

    # --- messages ------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def _show(self, title: str, text: str) -> None:
        self._say(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("modelsMessage")
        self.box = box
        box.open()  # not modal for the event loop: the window keeps running


def install(window: WindowContext) -> ModelActions:
    models = ModelActions(window)
    menu = window.menus["Model"]
    menu.addSeparator()
    menu.addAction(models.download_action)
    menu.addAction(models.folder_action)
    return models
