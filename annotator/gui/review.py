"""The review mode: adjudicate a merged (team) project's disagreements.

A dock lists, for the open document, every open disagreement with who said what
(one colour per annotator); the current one is outlined in the text. Keys (see
resources/shortcuts.toml, menu Review): Ctrl+1..9 takes annotator N's version,
Ctrl+B takes all versions, Ctrl+0 neither, J / K the next / previous
disagreement, Ctrl+J the next document with open disagreements. Every decision
is an ordinary edit through the controller (undo works as everywhere); the dock
also lists the documents still holding open disagreements.

The mode gets a small context from the window (``ReviewContext``), never the
window itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import AnnotatorError
from annotator.core.store import Changes
from annotator.core.teams import review as core
from annotator.core.teams.consensus import Site
from annotator.gui.controller import Controller

# one colour per annotator, in the project's annotator order (colour-blind safe: Okabe-Ito)
REVIEW_MIN_WIDTH = 230
CURRENT_ROW_TEXT = "QLabel { color: #1a1a1a; }"
ANNOTATOR_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
                     "#f0e442", "#000000", "#999999"]


def colour_of(index: int) -> str:
    return ANNOTATOR_COLOURS[index % len(ANNOTATOR_COLOURS)]


@dataclass(slots=True)
class ReviewContext:
    """What the review mode needs from the window."""

    controller: Controller
    article: QTextEdit                          # the text view (outline of the current site)
    say: Callable[[str], None]                  # a one-line status message
    show_panel: Callable[[QWidget, bool], None]  # show / hide the review dock
    open_document: Callable[[int | None], None]
    # the window's document list shows only these documents (None: all of them)
    restrict_documents: Callable[[set[int] | None], None] = lambda _ids: None


def dock(window: QMainWindow) -> Callable[[QWidget, bool], None]:
    """``ReviewContext.show_panel`` for a main window: the panel in a right-hand dock."""
    holder: list[QDockWidget] = []

    def show(panel: QWidget, visible: bool) -> None:
        if not holder:
            widget = QDockWidget("Review", window)
            widget.setObjectName("reviewDock")
            widget.setWidget(panel)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, widget)
            holder.append(widget)
        holder[0].setVisible(visible)
        if visible:
            # a quarter of the window, within reason: at 1000 px its own width (340)
            # left the article about 290 px
            width = max(REVIEW_MIN_WIDTH, min(420, window.width() // 4))
            window.resizeDocks([holder[0]], [width], Qt.Orientation.Horizontal)

    return show


class ReviewPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.header = QLabel()
        self.header.setObjectName("reviewHeader")
        self.header.setWordWrap(True)
        self.sites = QListWidget()
        self.sites.setObjectName("reviewSites")
        self.sites.setWordWrap(True)
        self.sites.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the text
        self.sites.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a light current row: the annotators' colours stay readable on it
        self.sites.setStyleSheet("QListWidget::item:selected { background: #fff1b8; "
                                 "border-left: 4px solid #d00000; }")
        self.setMinimumWidth(REVIEW_MIN_WIDTH)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.keys.setObjectName("reviewKeys")
        self.documents_label = QLabel()
        self.documents = QListWidget()
        self.documents.setObjectName("reviewDocuments")
        self.documents.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.header)
        layout.addWidget(self.sites, 3)
        layout.addWidget(self.keys)
        layout.addWidget(self.documents_label)
        layout.addWidget(self.documents, 2)


class ReviewMode(QObject):
    def __init__(self, ctx: ReviewContext, keys: dict[str, str] | None = None) -> None:
        super().__init__(ctx.controller)
        self.ctx = ctx
        self.keys = keys or {}
        self.active = False
        self.panel = ReviewPanel()
        self.review: core.DocumentReview | None = None
        self.current = 0
        self._team: bool | None = None  # the project has annotator layers (asked once)
        self.panel.sites.currentRowChanged.connect(self._on_row)
        self.panel.documents.itemActivated.connect(self._on_document)
        self.panel.documents.itemClicked.connect(self._on_document)
        ctx.controller.document_opened.connect(self._on_document_opened)
        ctx.controller.changed.connect(self._on_changed)
        ctx.controller.project_changed.connect(self._on_project_changed)

    # --- mode ---------------------------------------------------------------------

    def toggle(self) -> None:
        self.set_active(not self.active)

    def set_active(self, active: bool) -> None:
        if active and not core.annotators(self.ctx.controller.project):
            self.ctx.say("No annotator layers in this project: merge annotators' files first "
                         "(annotator merge A.db B.db --into TEAM.db)")
            active = False
        self.active = active
        self.ctx.show_panel(self.panel, active)
        if active:
            self.reload()
            if self.review is not None and not self.review.sites:
                self.next_document()
        else:
            self._outline(None)
            self.ctx.restrict_documents(None)

    def _require(self) -> bool:
        if not self.active:
            key = self.keys.get("review_mode", "")
            self.ctx.say(f"Turn the review mode on first (Review menu{', ' + key if key else ''})")
        return self.active

    # --- reading --------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        ctl = self.ctx.controller
        doc = ctl.doc
        self.review = core.load(ctl.project, doc.id) if doc is not None else None
        sites = self.review.sites if self.review else []
        self.current = min(keep if keep is not None else 0, max(len(sites) - 1, 0))
        self._fill_sites()
        self._fill_documents()
        self._select_current()

    def _fill_sites(self) -> None:
        panel, ctl = self.panel, self.ctx.controller
        panel.sites.blockSignals(True)
        panel.sites.clear()
        review = self.review
        doc = ctl.doc
        if review is None or doc is None:
            panel.header.setText("No document open.")
            panel.sites.blockSignals(False)
            return
        order = review.annotators
        legend = "  ".join(f'<span style="color:{colour_of(k)}">■</span> {k + 1} '
                           f"{html.escape(name)}" for k, name in enumerate(order))
        n = len(review.sites)
        panel.header.setText(
            f"<b>{n} open disagreement{'s' * (n != 1)}</b> in this document<br>{legend}")
        for k, site in enumerate(review.sites, 1):
            lines = [f"<b>{k}. {'claim' if site.kind == 'claim' else 'span'}</b> "
                     f"<span style='color:gray'>[{site.start}, {site.end})</span>"]
            for who, said in core.describe_site(site, doc.text, order):
                colour = colour_of(order.index(who))
                lines.append(f'<span style="color:{colour}">■ {html.escape(who)}</span>: '
                             f"{html.escape(said)}")
            item = QListWidgetItem()
            label = QLabel("<br>".join(lines))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            item.setSizeHint(label.sizeHint())
            item.setData(Qt.ItemDataRole.ToolTipRole, f"{site.kind} {site.start}-{site.end}")
            panel.sites.addItem(item)
            panel.sites.setItemWidget(item, label)
        panel.sites.blockSignals(False)
        key = {name: self.keys.get(name, default) for name, default in (
            ("review_take_1", "Ctrl+1"), ("review_take_all", "Ctrl+B"),
            ("review_take_none", "Ctrl+0"), ("review_next", "J"), ("review_previous", "K"),
            ("review_next_document", "Ctrl+J"), ("undo", "Ctrl+Z"))}
        panel.keys.setText(
            f"<small>{key['review_take_1']}… take annotator N's version · "
            f"{key['review_take_all']} all · {key['review_take_none']} neither · "
            f"{key['review_next']} / {key['review_previous']} next / previous · "
            f"{key['review_next_document']} next document · {key['undo']} undo</small>")

    def _fill_documents(self) -> None:
        project = self.ctx.controller.project
        open_docs = core.open_documents(project)
        panel = self.panel
        panel.documents.clear()
        total = sum(open_docs.values())
        panel.documents_label.setText(
            f"<b>{len(open_docs)} document{'s' * (len(open_docs) != 1)}</b> with open "
            f"disagreements ({total} in all)")
        # progress in the window's document list: the documents left open (and the one
        # being reviewed, so that it does not vanish under the adjudicator's hands)
        doc = self.ctx.controller.doc
        self.ctx.restrict_documents(set(open_docs) | ({doc.id} if doc else set()))
        ids = list(open_docs)[:500]  # the first ones; Ctrl+J walks through all of them
        for summary in project.documents.summaries(ids):
            item = QListWidgetItem(f"{open_docs[summary.id]:>3} · {summary.title[:60]}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            panel.documents.addItem(item)

    def site(self) -> Site | None:
        if self.review is None or not self.review.sites:
            return None
        return self.review.sites[self.current]

    def _select_current(self) -> None:
        sites = self.panel.sites
        if sites.count():
            sites.blockSignals(True)
            sites.setCurrentRow(self.current)
            sites.blockSignals(False)
        self._ink_current_row()
        self._outline(self.site())

    def _ink_current_row(self) -> None:
        """Dark text on the current row's light yellow, in both themes: the dark
        theme's light text could not be read on it."""
        sites = self.panel.sites
        for row in range(sites.count()):
            label = sites.itemWidget(sites.item(row))
            if label is not None:
                label.setStyleSheet(CURRENT_ROW_TEXT if row == self.current else "")

    def _on_row(self, row: int) -> None:
        if row >= 0:
            self.current = row
            self._ink_current_row()
            self._outline(self.site())

    def _outline(self, site: Site | None) -> None:
        """Outline the current disagreement in the text (an extra selection: the
        entity colours underneath stay visible)."""
        article = self.ctx.article
        if site is None or self.ctx.controller.doc is None:
            article.setExtraSelections([])
            return
        to16 = self.ctx.controller.to_utf16
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(article.document())
        cursor.setPosition(to16(site.start))
        cursor.setPosition(to16(site.end), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#d00000"))
        fmt.setFontWeight(700)
        selection.cursor = cursor
        selection.format = fmt
        article.setExtraSelections([selection])
        caret = QTextCursor(article.document())
        caret.setPosition(to16(site.start))
        article.setTextCursor(caret)
        article.ensureCursorVisible()

    # --- keys -----------------------------------------------------------------------

    def step(self, step: int) -> None:
        if not self._require():
            return
        if self.review is None or not self.review.sites:
            self.ctx.say("No open disagreement in this document (Ctrl+J: next document)")
            return
        self.current = (self.current + step) % len(self.review.sites)
        self._select_current()

    def take(self, number: int) -> None:
        """Take annotator ``number``'s version (1-based, the project's order)."""
        if not self._require() or self.review is None:
            return
        if not 1 <= number <= len(self.review.annotators):
            self.ctx.say(f"There is no annotator {number} in this project")
            return
        self._decide(self.review.annotators[number - 1])

    def take_all(self) -> None:
        if self._require():
            self._decide(core.ALL)

    def take_none(self) -> None:
        if self._require():
            self._decide(core.NONE)

    def _decide(self, choice: str) -> None:
        site = self.site()
        ctl = self.ctx.controller
        if site is None or ctl.doc is None:
            self.ctx.say("No open disagreement here (Ctrl+J: next document)")
            return
        if choice == core.ALL and core.overlapping(site):
            self.ctx.say("The versions overlap: take one of them (Ctrl+1…)")
            return
        try:
            command = core.decide(ctl.project, ctl.doc.id, site, choice)
        except AnnotatorError as exc:
            self.ctx.say(str(exc))
            return
        keep = self.current
        if ctl.edit(command):  # the one edit path: undo, events, refresh
            self.ctx.say(f"{command.text} ({site.kind} [{site.start}, {site.end}))")
            self.reload(keep)

    def next_document(self) -> None:
        if not self.active:
            self._require()
            return
        open_docs = list(core.open_documents(self.ctx.controller.project))
        doc = self.ctx.controller.doc
        current = doc.id if doc else 0
        later = [d for d in open_docs if d > current] or [d for d in open_docs if d != current]
        if not later:
            self.ctx.say("No other document with open disagreements: the review is done"
                         if not open_docs else "This is the last document with open "
                         "disagreements")
            return
        self.ctx.open_document(later[0])

    # --- store and document changes -----------------------------------------------------

    def _on_document(self, item: QListWidgetItem) -> None:
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(doc_id, int):
            self.ctx.open_document(doc_id)

    def _on_document_opened(self) -> None:
        if self.active:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        doc = self.ctx.controller.doc
        if doc is None or not changes.touches(doc.id):
            return
        if self._team is None:
            self._team = bool(core.annotators(self.ctx.controller.project))
        if self._team:
            # the open count is a cache beside the edit (not part of it): kept right for
            # edits made with the mode off too (ordinary labelling settles disagreements)
            try:
                core.refresh_open(self.ctx.controller.project, doc.id)
            except AnnotatorError as exc:
                self.ctx.say(str(exc))
        if self.active:
            self.reload(self.current)

    def _on_project_changed(self) -> None:
        self._team = None
        if self.active:
            self.set_active(bool(core.annotators(self.ctx.controller.project)))
