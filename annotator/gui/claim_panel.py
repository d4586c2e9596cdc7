"""The claims layer of the window: state, keyboard edits, painting and the panel.

- :class:`ClaimLayer` holds the current document's claims and the focused one;
  every edit is a core command sent through ``Controller.edit`` (the window's one
  edit path: on disk at once, undoable).
- :class:`ClaimOverlay` paints claims over the article as a transparent layer:
  a bar in the left margin and a thin band under each line of the claim, in the
  claim label's colour (dashed for suggestions, thicker for the focused claim;
  the cue gets a dotted frame). It never paints over text, so entity highlights
  stay visible. Overlapping claims get separate lanes.
- :class:`ClaimPanel` lists the claims (label, claimant, quote/stance, text) with
  editors for the selected one.

``install(window)`` wires it all into a WindowContext; the action table calls the
``ClaimLayer`` methods through ``window.claims``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Claim, Document, QuoteKind, SpanStatus, Stance
from annotator.core.store import Changes
from annotator.core.text import snap_to_tokens

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView
    from annotator.gui.context import WindowContext
    from annotator.gui.controller import Controller

STANCES = [s.value for s in Stance]
QUOTES = [q.value for q in QuoteKind]
BAR_X = 12.0  # document x of the first margin lane (the document margin is 36 px)
LANE = 6.0


class ClaimLayer(QObject):
    """The current document's claims, the focused claim and the claim edits."""

    changed = Signal()  # the claims or the focused claim changed

    def __init__(self, controller: Controller, article: ArticleView) -> None:
        super().__init__(controller)
        self.controller = controller
        self.article = article
        self.claims: list[Claim] = []
        self.focused_id: int | None = None
        self.overlay: ClaimOverlay | None = None
        self.panel: ClaimPanel | None = None
        controller.document_opened.connect(self._on_opened)
        controller.changed.connect(self._on_changed)
        controller.project_changed.connect(self.reload)
        # one focus at a time: a focused entity span takes it from the focused claim
        controller.focus_changed.connect(
            lambda: self.focus(None) if controller.focused_id is not None else None)

    # --- state -------------------------------------------------------------------

    def reload(self) -> None:
        doc = self.controller.doc
        self.claims = self.controller.project.claims.list(doc.id) if doc else []
        if self.focused_id is not None and self.claim(self.focused_id) is None:
            self.focused_id = None
        self.changed.emit()

    def _on_opened(self) -> None:
        """A new document: its first suggested claim is focused (shown, not scrolled to),
        so reviewing claims takes one key a claim (Alt+Enter / Alt+Delete move on)."""
        self.focused_id = None
        self.reload()
        self.focused_id = self.next_suggested(0)
        if self.focused_id is not None:
            self.changed.emit()

    def _on_changed(self, changes: Changes) -> None:
        doc = self.controller.doc
        # spans too: a claimant's name is its entity's text
        if doc is not None and (changes.scheme or (
                (changes.claims or changes.spans) and changes.touches(doc.id))):
            self.reload()

    def claim(self, claim_id: int | None) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def focus(self, claim_id: int | None) -> None:
        if claim_id is not None:
            self.controller.focus(None)  # and a focused claim takes it from a span
        if claim_id != self.focused_id:
            self.focused_id = claim_id
            claim = self.claim(claim_id)
            if claim is not None:  # the caret into it: the page scrolls to it
                cp = self.cursor_cp()
                if not claim.start <= cp <= claim.end:
                    self.article.place_cursor(claim.start)
            self.changed.emit()

    def focused(self) -> Claim | None:
        """The focused claim: the only one a destructive key acts on."""
        return self.claim(self.focused_id)

    def next_suggested(self, after: int, skip: int | None = None) -> int | None:
        """The first suggested claim starting at or after ``after`` (wrapping round)."""
        suggested = [c for c in self.claims if c.status == SpanStatus.SUGGESTED
                     and c.id != skip]
        later = [c for c in suggested if c.start >= after]
        found = (later or suggested)
        return found[0].id if found else None

    def cursor_cp(self) -> int:
        return self.controller.to_codepoint(self.article.textCursor().position())

    def current(self) -> Claim | None:
        """The focused claim, else the innermost claim at the text cursor."""
        claim = self.claim(self.focused_id)
        if claim is not None:
            return claim
        cp = self.cursor_cp()
        around = [c for c in self.claims if c.start <= cp < c.end]
        return min(around, key=lambda c: c.end - c.start) if around else None

    def step(self, step: int) -> None:
        if not self.claims:
            self._say("no claims in this document yet: press the claim key on a sentence")
            return
        ids = [c.id for c in self.claims]
        if self.focused_id in ids:
            k = (ids.index(self.focused_id) + step) % len(ids)
        else:  # from the text cursor: the claim under it, else the next / previous one
            cp = self.cursor_cp()
            if step > 0:
                k = next((i for i, c in enumerate(self.claims) if c.end > cp), 0)
            else:
                k = next((i for i in reversed(range(len(ids))) if self.claims[i].start < cp),
                         len(ids) - 1)
        self.focus(ids[k])

    def _say(self, text: str) -> None:
        self.controller.message.emit(text)

    def describe(self, claim: Claim) -> str:
        doc = self.controller.doc
        words = doc.text[claim.start:claim.end].replace("\n", " ") if doc else ""
        return f"{claim.label} “{words[:40]}{'…' if len(words) > 40 else ''}”"

    def _edit(self, claim: Claim, changes: dict[str, object]) -> bool:
        if claim.id is None:
            return False
        self.focused_id = claim.id
        # the editor's rule: touching a suggested claim confirms it
        return self.controller.run(lambda: self.controller.editor.update_claim(claim, changes))

    # --- edits ---------------------------------------------------------------------

    def segmented_doc(self) -> Document | None:
        """The open document with its tokens and sentences loaded (a long document
        opens without them: the controller loads them on first use)."""
        self.controller.tokens()
        return self.controller.doc

    def mark_claim(self, label: str | None = None) -> bool:
        """Claim the selection, or the guideline's span at the caret: inside a quote
        the quoted words, on an attribution the quote, in reported speech the clause,
        else the sentence (``core.claims.claim_at``).

        The claimant, cue and attributes come from the claim recognizer. An existing
        claim with the same span is focused (and relabelled / accepted) instead of
        doubled.
        """
        doc = self.segmented_doc()
        if doc is None:
            return False
        # the claim recognizer loads on first use (not at window start-up)
        from annotator.core.claims import claim_at

        selection = self.article.selection_codepoints()
        if selection is not None:
            snapped = snap_to_tokens(self.controller.tokens(), *selection)
            hint = claim_at(doc, self.controller.entities, *snapped) if snapped else None
        else:
            hint = claim_at(doc, self.controller.entities, self.cursor_cp())
        if hint is None:
            self._say("put the cursor in a sentence or select text first")
            return False
        start, end = hint.start, hint.end
        scheme = self.controller.project.scheme
        same = next((c for c in self.claims if (c.start, c.end) == (start, end)), None)
        if same is not None:
            self.focus(same.id)
            changes: dict[str, object] = {}
            if label and label != same.label:
                changes["label"] = label
            if changes or same.status == SpanStatus.SUGGESTED:
                return self._edit(same, changes)
            return True
        default = scheme.claims[0].name if scheme.claims else "CLAIM"
        claim = Claim(doc.id, start, end,
                      label or (hint.label if hint.label and scheme.get("claim", hint.label)
                                else default),
                      attrs=dict(hint.attrs) or {"quote": QuoteKind.INDIRECT.value,
                                                 "stance": Stance.ASSERTS.value})
        claim.claimant_id, claim.claimant_text = hint.claimant_id, hint.claimant_text
        claim.cue_start, claim.cue_end = hint.cue_start, hint.cue_end
        if not self.controller.run(lambda: self.controller.editor.add_claim(claim)):
            return False
        self.article.clear_selection()
        self.focus(claim.id)
        self._say(f"claimed {self.describe(claim)}")
        return True

    def label_key(self, hotkey: str) -> None:
        lab = self.controller.project.scheme.by_hotkey("claim", hotkey)
        if lab is None:
            return
        claim = self.current()
        if claim is None or self.article.selection_codepoints() is not None:
            self.mark_claim(lab.name)
        elif claim.label != lab.name or claim.status != SpanStatus.ACCEPTED:
            self._edit(claim, {"label": lab.name} if claim.label != lab.name else {})

    def set_label(self, label: str) -> None:
        claim = self.focused()
        if claim is not None and claim.label != label:
            self._edit(claim, {"label": label})

    def claimants(self, claim: Claim) -> list[int]:
        from annotator.core.claims import claimant_candidates  # loaded on first use

        doc = self.segmented_doc()
        if doc is None:
            return []
        return [e.id for e in claimant_candidates(doc, self.controller.entities, claim.start)
                if e.id is not None]

    def cycle_claimant(self) -> None:
        """Next PER/ORG of the sentence and its neighbours; after the last: none."""
        claim = self.current()
        if claim is None:
            self._say("no claim here: press the claim key first")
            return
        ids = self.claimants(claim)
        if not ids:
            self._say("no PER or ORG entity in or next to this sentence")
            return
        order: list[int | None] = [*ids, None]
        k = order.index(claim.claimant_id) if claim.claimant_id in order else -1
        nxt = order[(k + 1) % len(order)]
        self.set_claimant(claim, nxt)

    def set_claimant(self, claim: Claim, entity_id: int | None,
                     text: str | None = None) -> None:
        self._edit(claim, {"claimant_id": entity_id,
                           "claimant_text": None if entity_id is not None else text})

    def mark_cue(self) -> None:
        """The selection becomes the cue of the current claim; no selection clears it."""
        claim = self.current()
        doc = self.controller.doc
        if claim is None or doc is None:
            self._say("no claim here: press the claim key first")
            return
        selection = self.article.selection_codepoints()
        if selection is None:
            if claim.cue is not None:
                self._edit(claim, {"cue_start": None, "cue_end": None})
            else:
                self._say("select the reporting verb (kata, said …) first")
            return
        snapped = snap_to_tokens(self.controller.tokens(), *selection)
        if snapped is None:
            return
        if self._edit(claim, {"cue_start": snapped[0], "cue_end": snapped[1]}):
            self.article.clear_selection()

    def toggle_quote(self) -> None:
        claim = self.current()
        if claim is None:
            return
        now = claim.attrs.get("quote", QuoteKind.INDIRECT.value)
        attrs = dict(claim.attrs, quote=QUOTES[(QUOTES.index(now) + 1) % len(QUOTES)]
                     if now in QUOTES else QUOTES[0])
        self._edit(claim, {"attrs": attrs})

    def cycle_stance(self) -> None:
        claim = self.current()
        if claim is None:
            return
        now = claim.attrs.get("stance", Stance.ASSERTS.value)
        nxt = STANCES[(STANCES.index(now) + 1) % len(STANCES)] if now in STANCES else STANCES[0]
        self._edit(claim, {"attrs": dict(claim.attrs, stance=nxt)})

    def set_attr(self, name: str, value: str) -> None:
        claim = self.focused()
        if claim is not None and claim.attrs.get(name) != value:
            self._edit(claim, {"attrs": dict(claim.attrs, **{name: value})})

    def accept_current(self) -> None:
        """Accept the focused claim and move on to the next suggested one (no focus:
        focus the first suggested claim)."""
        claim = self.focused()
        if claim is None:
            nxt = self.next_suggested(self.cursor_cp())
            if nxt is None:
                self._say("no suggested claim left: ] focuses the next claim")
            self.focus(nxt)
            return
        if claim.status != SpanStatus.ACCEPTED and not self._edit(
                claim, {"status": SpanStatus.ACCEPTED}):
            return
        self._say(f"accepted claim {self.describe(claim)}")
        nxt = self.next_suggested(claim.end, skip=claim.id)
        if nxt is not None:
            self.focus(nxt)

    def remove_current(self) -> None:
        """Reject the focused suggested claim (never suggested again) or delete the
        focused claim; then on to the next suggestion. Never a claim it did not focus."""
        claim = self.focused()
        if claim is None or claim.id is None:
            self._say("no claim focused: nothing removed (] or [ focuses a claim)")
            return
        verb = "rejected" if claim.status == SpanStatus.SUGGESTED else "deleted"
        # the editor's rule: a suggestion is rejected, any other claim deleted
        if self.controller.run(lambda: self.controller.editor.remove_claim(claim)):
            self.reload()
            self.focus(self.next_suggested(claim.end, skip=claim.id))
            self._say(f"{verb} claim {self.describe(claim)} (Ctrl+Z brings it back)")

    def accept_all(self) -> None:
        doc = self.controller.doc
        if doc is None:
            return
        done: list[int] = []
        if self.controller.run(lambda: done.append(
                self.controller.editor.accept_all_claims(doc.id))):
            self._say(f"accepted {done[0]} suggested claims" if done[0]
                      else "no suggested claims left in this document")

    def move_edge(self, edge: str, step: int) -> bool:
        """Move the focused claim's start or end edge by a word; False: no claim focused."""
        claim = self.focused()
        if claim is None:
            return False
        tokens = self.controller.tokens()
        self.controller.run(lambda: self.controller.editor.move_claim_edge(
            claim, edge, step, tokens))
        return True


# --- painting ------------------------------------------------------------------------

def lanes(claims: list[Claim]) -> dict[int, int]:
    """A lane per claim so that overlapping claims never share one."""
    ends: list[int] = []
    out: dict[int, int] = {}
    for c in sorted(claims, key=lambda c: (c.start, -c.end)):
        lane = next((i for i, e in enumerate(ends) if e <= c.start), len(ends))
        if lane == len(ends):
            ends.append(c.end)
        else:
            ends[lane] = c.end
        out[c.id or 0] = lane
    return out


class ClaimOverlay(QWidget):
    """A transparent layer over the article's viewport that paints the claims."""

    def __init__(self, layer: ClaimLayer, article: ArticleView) -> None:
        super().__init__(article)
        self.setObjectName("claimOverlay")
        self.layer = layer
        self.article = article
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        article.installEventFilter(self)
        self._viewport = article.viewport()
        self._viewport.installEventFilter(self)  # the viewport shrinks for a scroll bar
        article.verticalScrollBar().valueChanged.connect(self.update)
        article.horizontalScrollBar().valueChanged.connect(self.update)
        layer.changed.connect(self.update)
        self._place()

    def _place(self) -> None:
        self.setGeometry(self.article.viewport().geometry())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.article or watched is self._viewport) and event.type() in (
                QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            with contextlib.suppress(RuntimeError):  # the article is being destroyed
                self._place()
        return False

    def colour(self, label: str) -> QColor:
        lab = self.layer.controller.project.scheme.get("claim", label)
        return QColor(lab.color if lab else "#888888")

    def paintEvent(self, event: QPaintEvent) -> None:
        ctl = self.layer.controller
        claims = [c for c in self.layer.claims if c.status != SpanStatus.REJECTED]
        if ctl.doc is None or not claims:
            return
        if self.geometry() != self.article.viewport().geometry():
            self._place()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = QPointF(self.article.horizontalScrollBar().value(),
                         self.article.verticalScrollBar().value())
        painter.translate(-offset)
        visible = QRectF(offset, QPointF(offset.x() + self.width(), offset.y() + self.height()))
        lane_of = lanes(claims)
        focused = self.layer.focused_id
        to16 = ctl.to_utf16
        for claim in claims:
            rects = self.article.span_rects(to16(claim.start), to16(claim.end))
            if not rects or rects[-1].bottom() < visible.top() or rects[0].top() > \
                    visible.bottom():
                continue
            lane = lane_of.get(claim.id or 0, 0)
            colour = self.colour(claim.label)
            is_focus = claim.id == focused
            suggested = claim.status == SpanStatus.SUGGESTED
            # margin bar
            pen = QPen(colour)
            pen.setWidthF(6.0 if is_focus else 4.0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            if suggested:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            x = BAR_X + lane * LANE
            painter.drawLine(QPointF(x, rects[0].top() + 2), QPointF(x, rects[-1].bottom() - 2))
            # band under each line
            band = QColor(colour)
            band.setAlpha(230 if is_focus else 170)
            pen = QPen(band)
            pen.setWidthF(3.0 if is_focus else 2.0)
            if suggested:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for r in rects:
                y = r.bottom() + 2.5 + lane * 4.0
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            if claim.cue is not None and (is_focus or not suggested):
                cue_pen = QPen(cue_colour(colour, self.article.dark))
                cue_pen.setWidthF(1.6 if is_focus else 1.0)
                cue_pen.setStyle(Qt.PenStyle.DotLine)
                painter.setPen(cue_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for r in self.article.span_rects(to16(claim.cue[0]), to16(claim.cue[1])):
                    painter.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 3, 3)
        painter.end()


def cue_colour(label_colour: QColor, dark: bool) -> QColor:
    """The dotted cue frame: darker than the label colour on the light page, lighter on
    the dark one (a darker frame vanishes there)."""
    return label_colour.lighter(160) if dark else label_colour.darker(130)


# --- the panel -------------------------------------------------------------------------

def _luminance(colour: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def text_on(background: QColor) -> QColor:
    """Near-black or white, whichever contrasts more with ``background`` (WCAG ratio)."""
    lum = _luminance(background)
    return QColor("#111111") if (lum + 0.05) / 0.0557 >= 1.05 / (lum + 0.05) \
        else QColor("#ffffff")


STATUS_MARK = {SpanStatus.SUGGESTED: "?", SpanStatus.ACCEPTED: "✓", SpanStatus.REJECTED: "✗"}


class ClaimPanel(QWidget):
    """The document's claims, and editors for the selected one."""

    def __init__(self, layer: ClaimLayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimPanel")
        self.layer = layer
        self._updating = False
        self.summary = QLabel()
        self.summary.setObjectName("panelSummary")
        self.summary.setWordWrap(True)
        # quote / stance are in the editor below and the tooltips: the claim text needs the room
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("claimTable")
        self.table.setHorizontalHeaderLabels(["Label", "Claimant", "Claim"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)  # its width: _fit_columns
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._on_selected)

        self.label_box = QComboBox()
        self.label_box.setObjectName("claimLabelBox")
        self.claimant_box = QComboBox()
        self.claimant_box.setObjectName("claimClaimantBox")
        self.quote_box = QComboBox()
        self.quote_box.addItems(QUOTES)
        self.stance_box = QComboBox()
        self.stance_box.addItems(STANCES)
        self.accept_button = QPushButton("Accept")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("claimDelete")
        for w in (self.label_box, self.claimant_box, self.quote_box, self.stance_box,
                  self.accept_button, self.delete_button):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label_box.activated.connect(
            lambda _i: self.layer.set_label(self.label_box.currentText()))
        self.claimant_box.activated.connect(self._on_claimant)
        self.quote_box.activated.connect(
            lambda _i: self.layer.set_attr("quote", self.quote_box.currentText()))
        self.stance_box.activated.connect(
            lambda _i: self.layer.set_attr("stance", self.stance_box.currentText()))
        self.accept_button.clicked.connect(self.layer.accept_current)
        self.delete_button.clicked.connect(self.layer.remove_current)

        editor = QGridLayout()
        editor.addWidget(QLabel("Label"), 0, 0)
        editor.addWidget(self.label_box, 0, 1)
        editor.addWidget(QLabel("Claimant"), 1, 0)
        editor.addWidget(self.claimant_box, 1, 1)
        attrs = QHBoxLayout()
        attrs.addWidget(self.quote_box)
        attrs.addWidget(self.stance_box)
        editor.addWidget(QLabel("Quote, stance"), 2, 0)
        editor.addLayout(attrs, 2, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.delete_button)
        editor.addLayout(buttons, 3, 1)
        self.editor = QWidget()
        self.editor.setLayout(editor)
        self.hint = QLabel()
        self.hint.setObjectName("panelSummary")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.hint)
        layer.changed.connect(self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Label and claimant at their natural widths while the claim text keeps about
        half the table; the claimant gives way first, then the label (elided): at
        1000 px they left the claim four letters."""
        width = self.table.viewport().width()
        room = int(width * 0.55)  # for label and claimant together
        natural = max(self.table.sizeHintForColumn(0), 60)
        claimant = max(50, min(90, room - natural))
        label = min(natural, room - claimant)
        self.table.setColumnWidth(0, label)
        self.table.setColumnWidth(1, claimant)

    def set_keys(self, keys: dict[str, str]) -> None:
        def k(name: str) -> str:
            return keys.get(name, "") or "—"
        self.hint.setText(
            f"{k('accept_claim')} accept · {k('remove_claim')} reject/delete (both: on to "
            f"the next) · {k('accept_all_claims')} accept all · {k('mark_claim')} claim here · "
            f"{k('claim_label_1')}… label · {k('cycle_claimant')} claimant · "
            f"{k('mark_cue')} cue · {k('toggle_quote')} quote · {k('cycle_stance')} stance · "
            f"{k('next_claim')}/{k('previous_claim')} next/previous · "
            f"{k('widen_start')}/{k('widen_end')} widen")

    def _entity_text(self, entity_id: int | None) -> str:
        doc = self.layer.controller.doc
        ent = next((e for e in self.layer.controller.entities if e.id == entity_id), None)
        if doc is None or ent is None:
            return ""
        return doc.text[ent.start:ent.end]

    def claimant_text(self, claim: Claim) -> str:
        if claim.claimant_id is not None:
            return self._entity_text(claim.claimant_id) or "?"
        return claim.claimant_text or "—"

    def refresh(self) -> None:
        self._updating = True
        try:
            layer = self.layer
            doc = layer.controller.doc
            claims = layer.claims
            scheme = layer.controller.project.scheme
            self.table.setRowCount(len(claims))
            for row, c in enumerate(claims):
                label = QTableWidgetItem(f"{STATUS_MARK[c.status]} {c.label}")
                lab = scheme.get("claim", c.label)
                if lab is not None:
                    label.setBackground(QColor(lab.color))
                    label.setForeground(text_on(QColor(lab.color)))
                text = doc.text[c.start:c.end].replace("\n", " ") if doc else ""
                quote, stance = c.attrs.get("quote", "—"), c.attrs.get("stance", "—")
                attrs = f"quote: {quote} · stance: {stance}"
                items = [label, QTableWidgetItem(self.claimant_text(c)), QTableWidgetItem(text)]
                items[1].setToolTip(f"{self.claimant_text(c)}\n{attrs}")
                items[2].setToolTip(f"{text}\n\n{attrs}")
                if c.status == SpanStatus.SUGGESTED:
                    for it in items[1:]:
                        font = it.font()
                        font.setItalic(True)
                        it.setFont(font)
                for col, it in enumerate(items):
                    self.table.setItem(row, col, it)
            self._fit_columns()  # the label column's natural width may have changed
            acc = sum(1 for c in claims if c.status == SpanStatus.ACCEPTED)
            sug = sum(1 for c in claims if c.status == SpanStatus.SUGGESTED)
            self.summary.setText(f"{acc} accepted · {sug} suggested" if claims else
                                 "No claims yet: put the cursor in a sentence and press the "
                                 "claim key.")
            current = layer.focused()  # the editors show the focused claim, or nothing
            self.table.clearSelection()
            if current is not None:
                row = next(i for i, c in enumerate(claims) if c.id == current.id)
                self.table.selectRow(row)
                self.table.scrollTo(self.table.model().index(row, 0))
            self._fill_editor(current)
        finally:
            self._updating = False

    def _fill_editor(self, claim: Claim | None) -> None:
        self.editor.setEnabled(claim is not None)
        scheme = self.layer.controller.project.scheme
        self.label_box.clear()
        self.label_box.addItems(scheme.names("claim"))
        self.claimant_box.clear()
        self.claimant_box.addItem("— none —", None)
        if claim is None:  # blank, not the last claim's (or document's) values
            for box in (self.label_box, self.claimant_box, self.quote_box, self.stance_box):
                box.setCurrentIndex(-1)
            return
        self.label_box.setCurrentText(claim.label)
        ids = self.layer.claimants(claim)
        if claim.claimant_id is not None and claim.claimant_id not in ids:
            ids.insert(0, claim.claimant_id)
        for entity_id in ids:
            self.claimant_box.addItem(self._entity_text(entity_id), entity_id)
        if claim.claimant_id is None and claim.claimant_text:
            self.claimant_box.addItem(f"“{claim.claimant_text}” (free text)", -1)
            self.claimant_box.setCurrentIndex(self.claimant_box.count() - 1)
        else:
            k = self.claimant_box.findData(claim.claimant_id)
            self.claimant_box.setCurrentIndex(max(0, k))
        self.quote_box.setCurrentText(str(claim.attrs.get("quote", QUOTES[1])))
        self.stance_box.setCurrentText(str(claim.attrs.get("stance", STANCES[0])))
        self.accept_button.setEnabled(claim.status != SpanStatus.ACCEPTED)

    def _on_claimant(self, index: int) -> None:
        claim = self.layer.focused()
        data = self.claimant_box.itemData(index)
        if claim is None or data == -1:
            return
        if data != claim.claimant_id or claim.claimant_text:
            self.layer.set_claimant(claim, data)

    def _on_selected(self) -> None:
        if self._updating:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows:
            claim = self.layer.claims[rows[0].row()]
            self.layer.focus(claim.id)
            doc = self.layer.controller.doc
            if doc is not None:  # put the text cursor in the claim: keys act on it
                cursor = self.layer.article.textCursor()
                cursor.setPosition(self.layer.controller.to_utf16(claim.start))
                self.layer.article.setTextCursor(cursor)
                self.layer.article.ensureCursorVisible()


# --- wiring ------------------------------------------------------------------------------

def install(window: WindowContext) -> ClaimLayer:
    """Add the claims layer, overlay, panel and claim label actions to a window."""
    layer = ClaimLayer(window.controller, window.article)
    layer.overlay = ClaimOverlay(layer, window.article)
    panel = layer.panel = ClaimPanel(layer)
    window.side.set_claims_widget(panel)
    keys = {k: (v[0] if v else "") for k, v in window.shortcuts.items()}
    panel.set_keys(keys)
    # an explicit focus gives way when the user clicks elsewhere in the text
    window.article.cursorPositionChanged.connect(lambda: _release_focus(layer))
    layer.reload()
    return layer


def _release_focus(layer: ClaimLayer) -> None:
    claim = layer.claim(layer.focused_id)
    if claim is None or layer.article.redrawing:
        return
    cp = layer.cursor_cp()
    if not claim.start <= cp <= claim.end:
        layer.focused_id = None
        layer.changed.emit()
