"""The main window: a composition of panels and the action table (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.editing import word_at
from annotator.core.model import DocStatus
from annotator.core.store import Changes
from annotator.gui import actions as act
from annotator.gui import claim_panel, finish_dialog, models_job, preannotate_job, review, workers
from annotator.gui.article_view import ArticleView
from annotator.gui.context import WindowContext
from annotator.gui.controller import Controller
from annotator.gui.document_list import DocumentList
from annotator.gui.entity_panel import SidePanel
from annotator.gui.file_ops import FileOps
from annotator.gui.label_strip import LabelStrip
from annotator.gui.navigation import SearchNavigation

NO_DOCUMENTS = ("No documents in this project yet.\n\n"
                "Import articles with File > Import…  ({key})")
ALL_DONE = ("All {n:,} documents are done or skipped.\n\n"
            "Export the annotations with File > Export…  ({key}),\n"
            "or pick any document on the left to review it.")


class _Splitter(QSplitter):
    """A splitter that says when its width changed (after it shared out the change)."""

    widened = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.widened.emit()


class MainWindow(WindowContext):
    controller: Controller
    files: FileOps
    def __init__(self, controller: Controller, settings: QSettings,
                 on_dark: object = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller
        self.settings = settings
        self._on_dark = on_dark
        self.persist = True  # False: leave window settings alone (screenshots)
        self.shortcuts, warning = act.load_shortcuts()
        keys = {k: (v[0] if v else "") for k, v in self.shortcuts.items()}

        self.documents = DocumentList(controller)
        self.article = ArticleView(controller)
        self.side = SidePanel(controller)
        self.strip = LabelStrip(controller, keys)
        self.splitter = _Splitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.documents, self.article, self.side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 760, 380])  # the side panel's tables need ~380
        self._panel_widths = (280, 380)  # what fit_panels gives the panels when there's room
        self.splitter.splitterMoved.connect(lambda *_: self._on_splitter_moved())
        self.splitter.widened.connect(self.fit_panels)
        # the side panels may shrink (fit_panels) or be dragged shut; the article never
        self.documents.setMinimumWidth(150)
        self.side.setMinimumWidth(200)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setCollapsible(0, True)
        self.splitter.setCollapsible(2, True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.strip)
        self.setCentralWidget(central)

        self.files = FileOps(self)
        self.action_table = act.build_actions(self, self.shortcuts)
        controller.undo.bind(self.action_table["undo"], self.action_table["redo"])
        self.label_actions: list[QAction] = []
        self._scheme_keys: object = None
        self.claims: claim_panel.ClaimLayer = claim_panel.install(self)
        # adjudication of a merged team project (menu Review)
        self.review: review.ReviewMode = review.ReviewMode(review.ReviewContext(
            controller, self.article, lambda m: self.statusBar().showMessage(m, 8000),
            review.dock(self), self.open_document, self.documents.restrict), keys)
        self._build_menus()
        self.preannotation = preannotate_job.install(self)  # background, visible doc first
        self.models = models_job.install(self)  # download / choose Stanza models
        self.project_label = QLabel()
        self.project_label.setObjectName("projectLabel")
        self.menuBar().setCornerWidget(self.project_label, Qt.Corner.TopRightCorner)
        # the focused label's guideline is the status bar's resting text (a message covers
        # it for a while): no empty status row under the label strip
        self.strip.guideline.setContentsMargins(8, 0, 0, 0)
        self.statusBar().addWidget(self.strip.guideline, 1)
        self.statusBar().messageChanged.connect(  # also right for a message shown early
            lambda text: self.strip.guideline.setVisible(not text))
        self.statusBar().addPermanentWidget(self.files.job_bar)

        self.documents.document_chosen.connect(self.open_document)
        controller.document_opened.connect(self._update_title)
        controller.project_changed.connect(self._on_project_changed)
        controller.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        controller.changed.connect(self._on_store_changed)
        self.documents.search.installEventFilter(self.files.search_filter)
        self.navigation = SearchNavigation(self, self.documents)  # after: it sees keys first
        self.strip.label_clicked.connect(self._on_chip)
        self._on_project_changed()
        if warning:
            self.statusBar().showMessage(warning, 15000)

    def _build_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(act.MENU_TITLES[name]) for name in act.MENUS}
        self.menus = menus  # by name, for the parts that add their own actions
        for spec in act.ACTIONS:
            menus[spec.menu].addAction(self.action_table[spec.id])
            if spec.id in ("open_project", "import_folder", "annotator_name", "redo",
                           "remove_span",
                           "accept_all", "narrow_end", "skip_document", "next_unfinished"):
                menus[spec.menu].addSeparator()
        self.label_menu = menus["Annotate"].addMenu("Label")

    # --- state ----------------------------------------------------------------

    def _on_project_changed(self) -> None:
        self._on_project_label()
        self.documents.reload()
        self.rebuild_labels()
        self._update_title()

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.scheme and act.scheme_keys(self) != self._scheme_keys:
            self.rebuild_labels()  # the label scheme editor, an import of new labels
        if changes.status or changes.documents_added:
            self._update_title()

    def rebuild_labels(self) -> None:
        """Label key bindings, the Annotate > Label menu, the strip and the span
        colours from the project's current label scheme."""
        for old in self.label_actions:
            self.removeAction(old)
            old.deleteLater()
        self.label_actions = act.build_label_actions(self)
        self.label_menu.clear()
        self.label_menu.addActions(self.label_actions)
        self._scheme_keys = act.scheme_keys(self)
        self.strip.rebuild()
        self.article.set_dark(self.article.dark)  # fresh formats in the scheme's colours

    def fit_panels(self) -> None:
        """The side panels keep their preferred widths (the last ones dragged) while
        the article has half the width or more; in a narrower window they give way
        in proportion (at 1000 px the article gets about 500 px, not 320)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) != 3 or total <= 0:
            return
        docs_pref, side_pref = self._panel_widths
        room = min(docs_pref + side_pref, total // 2)
        docs = max(self.documents.minimumWidth(), docs_pref * room // (docs_pref + side_pref))
        side = max(self.side.minimumWidth(), room - docs)
        if [docs, side] != [sizes[0], sizes[2]]:
            self.splitter.setSizes([docs, total - docs - side, side])

    def _on_splitter_moved(self) -> None:
        sizes = self.splitter.sizes()
        if len(sizes) == 3 and sizes[1] >= sum(sizes) // 2:
            self._panel_widths = (sizes[0], sizes[2])  # the user's choice

    def _update_title(self) -> None:
        doc = self.controller.doc
        name = self.controller.project.path.name
        self.setWindowTitle(f"{doc.title[:60]} — {name} — annotator" if doc
                            else f"{name} — annotator")
        if doc is None:
            total = self.controller.project.documents.count()
            key = self.shortcuts.get("import_files", [""])[0]
            if total == 0:
                self.article.set_empty_text(NO_DOCUMENTS.format(key=key))
            else:
                self.article.set_empty_text(ALL_DONE.format(
                    n=total, key=self.shortcuts.get("export", [""])[0])
                    if self.controller.next_unfinished_id() is None
                    else "Pick a document on the left.")

    def open_document(self, doc_id: int | None) -> None:
        self.preannotation.before_open(doc_id)  # the first document: suggestions first
        self.controller.open_document(doc_id)
        if doc_id is not None and self.persist:
            self.settings.setValue(self._last_doc_key(), doc_id)

    def _last_doc_key(self) -> str:
        return "last_document/" + str(self.controller.project.path.resolve()).replace("/", "|")

    def open_last_document(self) -> None:
        project = self.controller.project
        last = self.settings.value(self._last_doc_key())
        try:
            doc_id = int(str(last)) if last is not None else None
        except (TypeError, ValueError):
            doc_id = None
        if doc_id is None or project.documents.status(doc_id) is None:
            doc_id = project.documents.next_id(None) or self.documents.neighbour(None, 1)
        self.open_document(doc_id)
        total = project.documents.count()
        if total and self.controller.next_unfinished_id() is None:
            self.statusBar().showMessage(ALL_DONE.format(
                n=total, key=self.shortcuts.get("export", [""])[0]).replace("\n\n", " ")
                .replace(",\n", ", "), 30000)

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
            self._on_splitter_moved()
        dark = self.settings.value("window/dark", False, type=bool)
        self.action_table["toggle_dark"].setChecked(bool(dark))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_close():
            event.ignore()
            return
        if self.controller.save_waiting_edits():  # never drop an edit (issue 15.10)
            QMessageBox.warning(self, "annotator", "Some edits are still waiting for another "
                                "program to finish writing the project; try again shortly.")
            event.ignore()
            return
        if self.persist:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
            self.settings.sync()
        workers.stop_all()  # cancel background jobs, wait for them a little
        super().closeEvent(event)

    # --- handlers used by the action table ------------------------------------------

    def label_key(self, label: str) -> None:
        """A label key: the selection, else the focused span, else the span or the word
        under the caret gets the label. One key."""
        ctl = self.controller
        selection = self.article.selection_codepoints()
        if selection is None and ctl.focused() is None and ctl.doc is not None:
            cp = ctl.to_codepoint(self.article.textCursor().position())
            under = ctl.span_at(cp)
            if under is not None:
                ctl.focus(under.id)
            else:
                selection = word_at(ctl.doc.text, ctl.tokens(), cp)
        if selection is not None:
            if ctl.label_range(selection[0], selection[1], label):
                # keep reading on from the end of the new span
                ent = ctl.focused()
                self.article.place_cursor(ent.end if ent else selection[1])
        elif ctl.focused() is not None:
            ctl.relabel_focused(label)
        else:
            self.statusBar().showMessage("Put the cursor on a word, select some text or "
                                         "focus a span (Tab) first", 5000)

    def _on_chip(self, label: str) -> None:
        self.label_key(label)
        self.article.setFocus()

    def move_edge(self, edge: str, step: int) -> None:
        """Move an edge of the focused span, or else of the focused claim."""
        if self.controller.focused() is None and self.claims.move_edge(edge, step):
            return
        self.controller.resize_focused(edge, step)

    def change_annotator_name(self) -> None:
        project = self.controller.project
        name, ok = QInputDialog.getText(
            self, "Annotator name", "Your name (stored with every decision you make from "
            "now on):", text=project.annotator or "")
        if not ok or not name.strip():
            return
        project.annotator = name.strip()
        self.settings.setValue("annotator/name", project.annotator)
        self._on_project_label()
        self.say(f"decisions are now stored as {project.annotator!r}")

    def _on_project_label(self) -> None:
        project = self.controller.project
        self.project_label.setText(f"{project.path.name}  ·  {project.annotator or '?'}   ")

    def step_span(self, step: int) -> None:
        self.article.clear_selection()
        self.controller.step_focus(step)
        self.article.setFocus()

    def clear_focus(self) -> None:
        self.article.clear_selection()
        self.controller.focus(None)
        self.claims.focus(None)

    def toggle_precision(self) -> None:
        ctl = self.controller
        ctl.char_precision = not ctl.char_precision
        self.action_table["toggle_precision"].setChecked(ctl.char_precision)
        self.statusBar().showMessage("Selections keep exact characters" if ctl.char_precision
                                     else "Selections snap to whole words", 5000)
        self.strip.update_state()

    def mark_and_next(self, status: DocStatus) -> None:
        if self.controller.doc is None:
            return
        if status == DocStatus.DONE:  # undecided suggestions: ask first
            if not finish_dialog.mark_done(self):
                return
            nxt = self.controller.next_unfinished_id()
        else:
            nxt = self.controller.mark_and_next(status)
        self.open_document(nxt)
        self.article.setFocus()

    def go_next_unfinished(self) -> None:
        nxt = self.controller.next_unfinished_id()
        if nxt is None:
            self.statusBar().showMessage("No unfinished documents left", 5000)
        else:
            self.open_document(nxt)

    def step_document(self, step: int) -> None:
        doc = self.controller.doc
        nxt = self.documents.neighbour(doc.id if doc else None, step)
        if nxt is not None:
            self.open_document(nxt)

    def focus_search(self) -> None:
        self.documents.search.setFocus()
        self.documents.search.selectAll()

    def toggle_dark(self) -> None:
        dark = self.action_table["toggle_dark"].isChecked()
        if self.persist:
            self.settings.setValue("window/dark", dark)
        if callable(self._on_dark):
            self._on_dark(dark)
        self.article.set_dark(dark)

    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        rows = act.shortcut_rows(self.shortcuts)
        rows += [("Annotate", f"Label as {lab.name} — {lab.guideline}", lab.hotkey)
                 for lab in self.controller.project.scheme.entities]
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # the key names are never cut: their column takes what it needs, the action the rest
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(QLabel(f"Change them in {act.user_shortcuts_path()} "
                                "(same format as resources/shortcuts.toml)."))
        dialog.resize(max(760, header.length() + 60), 640)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        from annotator import __version__  # reads the package metadata: not at start-up

        QMessageBox.about(self, "annotator", f"annotator {__version__}\n"
                          f"Project: {self.controller.project.path}")
