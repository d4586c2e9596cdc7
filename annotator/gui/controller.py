"""The window's state: a thin Qt adapter over the core editor.

Every edit goes ``Controller`` -> ``core.editing.Editor`` (the annotation rules and
the per-document undo history) -> ``Project.execute`` (on disk). After the commit
the project announces a ``Changes``; the controller re-reads only what changed
for the open document and re-emits it as ``changed``, on which every panel
refreshes what it shows.

Span order for Tab / Shift+Tab: the suggested spans in text order first, then
the other (accepted) spans in text order; the cycle wraps around. Accepting,
rejecting or relabelling a *suggested* span moves the focus on to the next
suggested span, so a run of decisions needs one key each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core import commands as cmds
from annotator.core.editing import Editor
from annotator.core.model import (
    AnnotatorError,
    DocStatus,
    Document,
    EntitySpan,
    ProjectLockedError,
    SpanStatus,
)
from annotator.core.store import Changes, Project
from annotator.core.text import Utf16Map, split_at
from annotator.gui.undo import UndoMenu

# Tokens and sentences are loaded on first use (``tokens()`` / ``sentences()``: a label
# or claim key), never when a document is opened, so a switch does not tokenize (about
# 1.5 ms for 3 kB, 0.1 s for 200 kB). Documents longer than this were always lazy.
EAGER_TOKENS = 50_000
# Another program (an import) holding the project's write lock: the window waits at
# most this long in the event loop, then queues the edit and retries it every
# RETRY_MS until it lands, in order, saying so (issue 15.10: never freeze, never drop).
LOCK_WAIT_S = 0.05
RETRY_MS = 200
WAITING = ("waiting for another program (an import?) to finish writing the project; "
           "your edits are kept and saved in order when it is done")


class Controller(QObject):
    changed = Signal(object)  # a core.store.Changes: what a commit changed
    document_opened = Signal()  # the current document is another one (or none)
    focus_changed = Signal()  # the focused span changed
    project_changed = Signal()  # another project file was opened
    message = Signal(str)  # a one-line note for the status bar

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.doc: Document | None = None
        self.u16: Utf16Map | None = None
        self.entities: list[EntitySpan] = []  # the current document's, rejected left out
        self.focused_id: int | None = None
        self.char_precision = False
        self._base_tokens: list[tuple[int, int]] = []
        self._tokens_loaded = False
        self.editor = Editor(project)
        self.undo = UndoMenu(self.editor, lambda: self.doc.id if self.doc else None, self)
        project.add_listener(self._on_store_changed)
        project.set_lock_wait(LOCK_WAIT_S)
        self._waiting: deque[Callable[[], object]] = deque()  # edits waiting for the lock
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self._retry_waiting)

    # --- project and documents ---------------------------------------------

    def set_project(self, project: Project) -> None:
        self.project.remove_listener(self._on_store_changed)
        self.save_waiting_edits()  # the old project's waiting edits go to the old project
        self.editor.set_project(project)
        self.project = project
        project.add_listener(self._on_store_changed)
        project.set_lock_wait(LOCK_WAIT_S)
        self.doc = None
        self.entities = []
        self.focused_id = None
        self.project_changed.emit()
        self.document_opened.emit()

    def open_document(self, doc_id: int | None) -> None:
        if doc_id is not None and self.doc is not None and self.doc.id == doc_id:
            return
        self.focused_id = None
        if doc_id is None:
            self.doc, self.u16, self.entities, self._base_tokens = None, None, [], []
        else:
            try:
                # tokens are computed on first use (tokens()): a long document opens fast
                self.doc = self.project.documents.get(doc_id, segment=False)
            except AnnotatorError as exc:
                self.message.emit(str(exc))
                return
            self.u16 = Utf16Map(self.doc.text)
            self._base_tokens = []
            self._tokens_loaded = False
            self.entities = self.project.spans.list(doc_id)
        self.undo.refresh()
        self.document_opened.emit()
        self.focus_changed.emit()

    def reload(self) -> None:
        """Re-read the current document (after an outside change)."""
        if self.doc is None:
            return
        doc_id = self.doc.id
        self.doc = None
        self.open_document(doc_id)

    def _on_store_changed(self, changes: Changes) -> None:
        doc = self.doc
        if doc is not None and changes.touches(doc.id):
            # re-read only what changed (one relabel: one SELECT)
            if changes.spans:
                self.entities = self.project.spans.list(doc.id)
            if changes.status:
                status = self.project.documents.status(doc.id)
                if status is not None:
                    doc.status = status
            if changes.tokens:
                source = self.project.documents.tokens_source(doc.id)
                if source is not None and source != doc.tokens_source:
                    # e.g. Stanza's tokens and sentences arrived for the open document
                    doc.tokens_source = source
                    self._tokens_loaded = False
            if self._tokens_loaded and changes.spans:
                doc.tokens = split_at(self._base_tokens, self._edges())
            if self.focused_id is not None and self.focused() is None:
                self.focused_id = None
                self.focus_changed.emit()
        self.changed.emit(changes)

    def _edges(self) -> set[int]:
        return {p for e in self.entities for p in (e.start, e.end)}

    def tokens(self) -> list[tuple[int, int]]:
        """The current document's tokens (split at span edges), loaded on first use."""
        doc = self.doc
        if doc is None:
            return []
        if not self._tokens_loaded:
            # the stored tokens as they are, never the ones already split at span edges:
            # a span that goes away must leave no split behind
            self._base_tokens, doc.sentences = self.project.documents.segmentation(
                doc.id, doc.text)
            self._tokens_loaded = True
            doc.tokens = split_at(self._base_tokens, self._edges())
        return doc.tokens

    def sentences(self) -> list[tuple[int, int]]:
        self.tokens()
        return self.doc.sentences if self.doc else []

    # --- the one edit path ---------------------------------------------------

    def run(self, action: Callable[[], object]) -> bool:
        """Run an editor call for the open document; a refusal becomes a message."""
        if self.doc is None:
            return False
        return self._try(action)

    def _try(self, action: Callable[[], object]) -> bool:
        """Run an edit now: True if it is saved. False if it was refused (the reason
        is in the status bar) or is waiting for another program's write lock (queued,
        saved in order later; never dropped)."""
        if self._waiting:  # keep the order: an edit made while others wait, waits too
            self._waiting.append(action)
            return False
        try:
            action()
        except ProjectLockedError:
            self._waiting.append(action)
            self._retry.start()
            self.message.emit(WAITING)
            return False
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        return True

    @property
    def waiting_edits(self) -> int:
        """Edits made while another program held the write lock, not saved yet."""
        return len(self._waiting)

    def _retry_waiting(self) -> None:
        saved = 0
        while self._waiting:
            try:
                self._waiting[0]()
            except ProjectLockedError:
                self._retry.start()
                return
            except AnnotatorError as exc:
                self.message.emit(str(exc))
            else:
                saved += 1
            self._waiting.popleft()
        if saved:
            self.message.emit(f"saved {saved} edit{'s' if saved != 1 else ''} made while "
                              "another program was writing the project")

    def save_waiting_edits(self) -> int:
        """Before the project changes or the window closes: wait (blocking, with the
        store's normal lock timeout) for the waiting edits to land; returns how many
        still wait (the lock was not released in time)."""
        if not self.waiting_edits:
            return 0
        self._retry.stop()
        self.project.set_lock_wait(None)
        try:
            self._retry_waiting()
        finally:
            self.project.set_lock_wait(LOCK_WAIT_S)
        return self.waiting_edits

    def edit(self, command: cmds.Command) -> bool:
        """Apply a command through the editor (on disk, in the document's history)."""
        if self.doc is None:
            return False
        return self._try(lambda: self.editor.execute(command))

    def undo_edit(self) -> None:
        self._undo_or_redo(redo=False)

    def redo_edit(self) -> None:
        self._undo_or_redo(redo=True)

    def _undo_or_redo(self, *, redo: bool) -> None:
        """Say what was undone or redone; with nothing to take back, say so: the
        history is the open document's, not the last document's edited."""
        if self.doc is None:
            return
        doc_id = self.doc.id  # now, not when a waiting undo finally runs
        editor = self.editor
        can, text = ((editor.can_redo(doc_id), editor.redo_text(doc_id)) if redo
                     else (editor.can_undo(doc_id), editor.undo_text(doc_id)))
        word = "redo" if redo else "undo"
        if not can and not self._waiting:
            self.message.emit(f"Nothing to {word} in this document (each document keeps "
                              "its own history)")
            return
        step = editor.redo if redo else editor.undo
        if self._try(lambda: step(doc_id)):
            self.message.emit(f"{'Redone' if redo else 'Undone'}: {text}")

    # --- focus -----------------------------------------------------------------

    def focused(self) -> EntitySpan | None:
        if self.focused_id is None:
            return None
        return next((e for e in self.entities if e.id == self.focused_id), None)

    def focus(self, entity_id: int | None) -> None:
        if entity_id != self.focused_id:
            self.focused_id = entity_id
            self.focus_changed.emit()

    def span_order(self) -> list[EntitySpan]:
        suggested = [e for e in self.entities if e.status == SpanStatus.SUGGESTED]
        others = [e for e in self.entities if e.status != SpanStatus.SUGGESTED]
        return suggested + others

    def step_focus(self, step: int) -> None:
        order = self.span_order()
        if not order:
            self.focus(None)
            return
        ids = [e.id for e in order]
        if self.focused_id in ids:
            k = (ids.index(self.focused_id) + step) % len(ids)
        else:
            k = 0 if step > 0 else len(ids) - 1
        self.focus(ids[k])

    def _next_suggested_after(self, pos: int) -> int | None:
        suggested = [e for e in self.entities if e.status == SpanStatus.SUGGESTED]
        if not suggested:
            return None
        later = [e for e in suggested if e.start >= pos]
        return (later or suggested)[0].id

    def span_at(self, cp: int) -> EntitySpan | None:
        starts = [e.start for e in self.entities]
        k = bisect_right(starts, cp) - 1
        while k >= 0:
            e = self.entities[k]
            if e.start <= cp < e.end:
                return e
            if e.end <= cp:
                break
            k -= 1
        return None

    # --- span edits ------------------------------------------------------------------

    def _decide(self, entity_id: int, changes: dict[str, object]) -> None:
        ent = next((e for e in self.entities if e.id == entity_id), None)
        if ent is None:
            return
        was_suggested = ent.status == SpanStatus.SUGGESTED
        if not self._try(lambda: self.editor.update_span(entity_id, changes, ent.doc_id)):
            return
        if was_suggested:
            nxt = self._next_suggested_after(ent.end)
            self.focus(nxt if nxt is not None else (
                entity_id if changes.get("status") != SpanStatus.REJECTED else None))

    def accept_focused(self) -> None:
        ent = self.focused()
        if ent is None or ent.id is None:
            self.step_focus(1)
            return
        if ent.status == SpanStatus.ACCEPTED:
            nxt = self._next_suggested_after(ent.end)
            if nxt is not None:
                self.focus(nxt)
            return
        self._decide(ent.id, {"status": SpanStatus.ACCEPTED})

    def reject_focused(self) -> None:
        ent = self.focused()
        if ent is None or ent.id is None:
            return
        self._decide(ent.id, {"status": SpanStatus.REJECTED})

    def remove_focused(self) -> None:
        ent = self.focused()
        if ent is None or ent.id is None:
            return
        entity_id = ent.id
        if self._try(lambda: self.editor.remove_span(entity_id, ent.doc_id)):
            self.focus(self._next_suggested_after(ent.end))

    def relabel_focused(self, label: str) -> None:
        ent = self.focused()
        if ent is None or ent.id is None:
            return
        changes: dict[str, object] = {}
        if ent.label != label:
            changes["label"] = label
        if ent.status != SpanStatus.ACCEPTED:
            changes["status"] = SpanStatus.ACCEPTED
        if changes:
            self._decide(ent.id, changes)

    def label_range(self, start: int, end: int, label: str) -> bool:
        """Create an accepted span over [start, end) (code points), snapped to tokens
        unless character precision is on (the editor's rules: overlapping suggestions
        are rejected and overlapping spans removed, in the same undo step)."""
        doc = self.doc
        if doc is None:
            return False
        tokens = None if self.char_precision else self.tokens()
        suggested = {e.id: e.end for e in self.entities if e.status == SpanStatus.SUGGESTED}
        made: list[int] = []
        entities = self.entities  # this document's, even if the edit has to wait
        if not self._try(lambda: made.append(self.editor.label_span(
                doc.id, start, end, label, text=doc.text, tokens=tokens,
                entities=entities))):
            return False
        if made[0] in suggested:  # a suggestion decided: on to the next one, as Enter does
            nxt = self._next_suggested_after(suggested[made[0]])
            self.focus(nxt if nxt is not None else made[0])
        else:
            self.focus(made[0])
        return True

    def resize_focused(self, edge: str, step: int) -> None:
        """Move the 'start' or 'end' edge of the focused span by one token (step -1/+1)."""
        ent = self.focused()
        doc = self.doc
        if ent is None or ent.id is None or doc is None:
            return
        tokens = self.tokens()
        starts = [s for s, _ in tokens]
        ends = [e for _, e in tokens]
        start, end = ent.start, ent.end
        if edge == "start":
            k = bisect_left(starts, start)
            k = max(0, min(k + step, len(tokens) - 1))
            start = tokens[k][0]
        else:
            k = bisect_left(ends, end)
            k = max(0, min(k + step, len(tokens) - 1))
            end = tokens[k][1]
        if start >= end or (start, end) == (ent.start, ent.end):
            return
        entity_id = ent.id
        self._try(lambda: self.editor.update_span(entity_id, {"start": start, "end": end},
                                                  ent.doc_id))

    def accept_all(self) -> None:
        doc = self.doc
        if doc is None:
            return
        done: list[int] = []
        if self._try(lambda: done.append(self.editor.accept_all(doc.id))) and not done[0]:
            self.message.emit("no suggestions left in this document")

    def set_status(self, status: DocStatus) -> bool:
        if self.doc is None or self.doc.status == status:
            return self.doc is not None
        doc_id = self.doc.id
        return self._try(lambda: self.editor.set_status(doc_id, status))

    def next_unfinished_id(self) -> int | None:
        return self.project.documents.next_id(self.doc.id if self.doc else None)

    def mark_and_next(self, status: DocStatus) -> int | None:
        """Mark the document (done / skipped); return the next unfinished one's id."""
        if self.doc is None:
            return None
        left = sum(1 for e in self.entities if e.status == SpanStatus.SUGGESTED)
        if not self.set_status(status):
            return None
        note = f"{self.doc.external_id} marked {status}"
        if left and status == DocStatus.DONE:
            note += f" ({left} suggestion{'s' if left != 1 else ''} left undecided)"
        self.message.emit(note)
        return self.project.documents.next_id(self.doc.id)

    def to_utf16(self, cp: int) -> int:
        return self.u16.to_utf16(cp) if self.u16 else cp

    def to_codepoint(self, u16: int) -> int:
        return self.u16.to_codepoint(u16) if self.u16 else u16
