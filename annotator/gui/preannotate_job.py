"""Pre-annotation in the window: a background job, the visible document first.

``install(window)`` adds two Model-menu actions ("Pre-annotate now" and the
checkable "Pre-annotate automatically", stored in QSettings as
``preannotate/auto``, on by default) and starts a run when a project opens and
when documents arrive (an import). The job opens its own ``Project`` (the core
is not thread-safe), runs :func:`annotator.core.recognizers.preannotate` with
the current document first, and after each document posts its id back to the
GUI thread, which tells the window's project to refresh: the view updates as
suggestions land, without blocking. Progress and Cancel are the status bar's
job bar. Everything written before a cancel stays (one transaction per document).
After the entity recognizers the claim recognizer runs over the same documents (it
reads the entities as claimants), the visible document first again.

The first view has suggestions: the first document opened after a project
opens gets the model-free recognizers (``FIRST_VIEW``) synchronously, on
the GUI thread, before the window draws it (``recognizers.base.FIRST_VIEW``;
bench/bench_names.py measures it in a fresh process). So the first frame, and
``annotator screenshot``, show
people, organisations, places and dates at once; the background run follows
for the other documents and the model recognizers. It obeys the same setting.

``ANNOTATOR_NO_AUTO_PREANNOTATE=1`` (set by the test-suite) turns the automatic
start and the first view's suggestions off; the menu action still works.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from annotator.core.store import Changes, Project
from annotator.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from annotator.gui.context import WindowContext

SETTING_AUTO = "preannotate/auto"
SETTING_STANZA_DIR = "preannotate/stanza_dir"
# The automatic run starts this long after the window (or another project) opens: its
# worker imports Stanza and torch, which holds the GIL for a second or two; the window's
# first paint and first document come first.
AUTO_START_DELAY_MS = 400


class Preannotation(QObject):
    document_done = Signal(int)  # a document's suggestions are stored (GUI thread)

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.last_report: Any = None
        self.last_claims = 0  # claims the last run suggested
        self._pending = False
        self._first_view_pending = True  # until the first document of a project is shown
        self.first_view_report: Any = None
        self.document_done.connect(self._on_document_done)
        self.run_action = QAction("&Pre-annotate now", window)
        self.run_action.triggered.connect(lambda: self.start())
        self.auto_action = QAction("Pre-annotate &automatically", window)
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(self.auto)
        self.auto_action.toggled.connect(self._set_auto)
        window.controller.project_changed.connect(self._on_project_changed)
        window.controller.changed.connect(self._on_changed)
        window.controller.document_opened.connect(self._on_document_opened)

    # --- settings -------------------------------------------------------------------

    @property
    def auto(self) -> bool:
        return bool(self.window.settings.value(SETTING_AUTO, True, type=bool))

    def _set_auto(self, on: bool) -> None:
        self.window.settings.setValue(SETTING_AUTO, bool(on))
        if on:
            self.start()

    def _auto_allowed(self) -> bool:
        return self.auto and not os.environ.get("ANNOTATOR_NO_AUTO_PREANNOTATE")

    # --- triggers ---------------------------------------------------------------------

    def _on_project_changed(self) -> None:
        self._first_view_pending = True
        if self.job is not None:
            self.job.cancel()
        if self._auto_allowed():
            QTimer.singleShot(AUTO_START_DELAY_MS, self, self.start)

    def _on_changed(self, changes: Changes) -> None:
        # new documents (an import): suggest for them too
        if changes.documents_added and self._auto_allowed() and self.job is None:
            QTimer.singleShot(0, self.start)

    def before_open(self, doc_id: int | None) -> None:
        """Called by the window just before it opens a document: the first one of a
        project gets its suggestions now, so it is drawn once, with them."""
        if doc_id is None or not self._first_view_pending:
            return
        self._first_view_pending = False
        if self._auto_allowed():
            from annotator.core.model import AnnotatorError

            try:  # its language, so the run does not ask the whole project for one
                lang = self.window.controller.project.documents.get(doc_id, segment=False).lang
            except AnnotatorError:
                return  # the controller reports a missing document
            self.suggest_now(doc_id, lang)

    def _on_document_opened(self) -> None:
        # documents opened another way (next/previous) than MainWindow.open_document
        doc = self.window.controller.doc
        if doc is None or not self._first_view_pending:
            return
        self._first_view_pending = False
        if self._auto_allowed():
            self.suggest_now(doc.id, doc.lang)

    def suggest_now(self, doc_id: int, lang: str | None = None) -> Any:
        """The model-free suggestions for one document, now, on this thread (the store
        notifies the view). Returns the run report (None when it failed: the message
        is in the status bar and the background run will try again)."""
        import sqlite3

        from annotator.core.model import AnnotatorError
        from annotator.core.recognizers import preannotate
        from annotator.core.recognizers.base import FIRST_VIEW  # not imported at start-up

        project = self.window.controller.project
        try:
            report = preannotate(project, list(FIRST_VIEW), [doc_id],
                                 lang=lang or project.settings.get("lang") or None,
                                 options={"accepted": False})
        except (AnnotatorError, OSError, sqlite3.Error) as exc:
            self.window.statusBar().showMessage(f"Pre-annotation failed: {exc}", 15000)
            return None
        self.first_view_report = report
        return report

    # --- the job --------------------------------------------------------------------------

    def start(self) -> Job | None:
        """Start a run (or queue one after the running one); returns the job started."""
        if self.job is not None:
            self._pending = True
            return None
        project = self.window.controller.project
        path = project.path
        current = self.window.controller.doc
        first = current.id if current is not None else None
        stanza_dir = self.window.settings.value(SETTING_STANZA_DIR, "") or None
        def work(ctx: JobContext) -> Any:
            from annotator.core.claims import preannotate_claims
            from annotator.core.recognizers import preannotate

            with Project(path) as proj:
                ids = proj.documents.ids()
                if first is not None and first in ids:
                    ids.remove(first)
                    ids.insert(0, first)
                # each committed document, to the GUI thread (job.notified)
                proj.add_listener(lambda c: ctx.notify(c.doc_id) if c.doc_id is not None
                                  else None)
                report = preannotate(proj, None, ids, cancel=ctx.cancel_flag,
                                     progress=lambda done, total: ctx._emit(done, total),
                                     options={"stanza_dir": Path(str(stanza_dir))
                                              if stanza_dir else None})
                claims = 0
                for doc_id in ids:  # claims after the entities: their claimants
                    if ctx.cancel_flag.is_set():
                        break
                    claims += preannotate_claims(proj, [doc_id]).added
                return report, claims

        job = Job("Pre-annotating", work, self)
        self.job = job
        self.window.files.job_bar.track(job)
        job.notified.connect(lambda doc_id: self.document_done.emit(int(doc_id)))
        job.succeeded.connect(self._on_success)
        job.failed.connect(lambda msg: self.window.statusBar().showMessage(
            f"Pre-annotation failed: {msg}", 15000))
        job.cancelled.connect(lambda: self.window.statusBar().showMessage(
            "Pre-annotation cancelled; the documents done so far keep their suggestions", 8000))
        job.finished.connect(self._on_finished)
        job.start()
        return job

    def _on_document_done(self, doc_id: int) -> None:
        # the worker committed this document: let the window's project re-read it
        self.window.controller.project.notify(Changes(
            doc_ids=frozenset({doc_id}), spans=True, claims=True, tokens=True))

    def _on_success(self, result: Any) -> None:
        report, claims = result
        self.last_report = report
        self.last_claims = claims
        if not report.documents:
            return  # nothing to say about an empty project
        added = sum(report.added.values())
        text = (f"Pre-annotation: {added} new suggestions and {claims} suggested claims in "
                f"{report.documents} documents")
        lacking = sorted({m.split(":")[0] for m in report.messages})
        if lacking:  # the full messages are long: name the recognizers and the way out
            text += (f" — no models for {', '.join(lacking)}"
                     " (Model > Download Stanza models… or Use a models folder…)")
        self.window.statusBar().showMessage(text, 15000)

    def _on_finished(self) -> None:
        self.job = None
        if self._pending:
            self._pending = False
            QTimer.singleShot(0, self.start)


def install(window: WindowContext) -> Preannotation:
    """Create the pre-annotation controller, add its Model-menu actions, maybe start."""
    pre = Preannotation(window)
    menu = window.menus["Model"]
    menu.addSeparator()
    menu.addAction(pre.run_action)
    menu.addAction(pre.auto_action)
    if pre._auto_allowed():
        QTimer.singleShot(AUTO_START_DELAY_MS, pre, pre.start)  # not after pre is gone
    return pre
