"""The window's state and its one edit path.

Every edit goes ``Controller.edit(command)`` -> ``Project.execute`` (on disk) ->
the document's QUndoStack -> the project's listener -> ``changed`` signal, on
which every panel refreshes itself.

Span order for Tab / Shift+Tab: the suggested spans in text order first, then
the other (accepted) spans in text order; the cycle wraps around. Accepting,
rejecting or relabelling a *suggested* span moves the focus on to the next
suggested span, so a run of decisions needs one key each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QObject, Signal

from annotator.core import commands as cmds
from annotator.core.model import AnnotatorError, DocStatus, Document, EntitySpan, SpanStatus
from annotator.core.store import Project
from annotator.core.text import Utf16Map, snap_to_tokens, split_at
from annotator.gui.undo import UndoManager

# Tokens and sentences are loaded on first use (``tokens()`` / ``sentences()``: a label
# or claim key), never when a document is opened, so a switch does not tokenize (about
# 1.5 ms for 3 kB, 0.1 s for 200 kB). Documents longer than this were always lazy.
EAGER_TOKENS = 50_000


class Controller(QObject):
    changed = Signal(object)  # doc id (int) or None (many documents): the store changed
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
        self.undo = UndoManager(self)
        project.add_listener(self._on_store_changed)

    # --- project and documents ---------------------------------------------

    def set_project(self, project: Project) -> None:
        self.project.remove_listener(self._on_store_changed)
        self.undo.clear()
        self.project = project
        project.add_listener(self._on_store_changed)
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
                self.doc = self.project.document(doc_id, segment=False)
            except AnnotatorError as exc:
                self.message.emit(str(exc))
                return
            self.u16 = Utf16Map(self.doc.text)
            self._base_tokens = []
            self._tokens_loaded = False
            self.entities = self.project.entities(doc_id)
        self.undo.activate(doc_id)
        self.document_opened.emit()
        self.focus_changed.emit()

    def reload(self) -> None:
        """Re-read the current document (after an outside change)."""
        if self.doc is None:
            return
        doc_id = self.doc.id
        self.doc = None
        self.open_document(doc_id)

    def _on_store_changed(self, doc_id: int | None) -> None:
        if self.doc is not None and doc_id in (None, self.doc.id):
            self.entities = self.project.entities(self.doc.id)
            status = self.project.document_status(self.doc.id)
            if status is not None:
                self.doc.status = status
            source = self.project.tokens_source(self.doc.id)
            if source is not None and source != self.doc.tokens_source:
                # e.g. Stanza's tokens and sentences arrived for the open document
                self.doc.tokens_source = source
                if self._tokens_loaded:
                    self._tokens_loaded = False
                    self.tokens()
            if self._tokens_loaded:
                edges = {p for e in self.entities for p in (e.start, e.end)}
                self.doc.tokens = split_at(self._base_tokens, edges)
            if self.focused_id is not None and self.focused() is None:
                self.focused_id = None
                self.focus_changed.emit()
        self.changed.emit(doc_id)

    def tokens(self) -> list[tuple[int, int]]:
        """The current document's tokens (split at span edges), loaded on first use."""
        doc = self.doc
        if doc is None:
            return []
        if not self._tokens_loaded:
            full = self.project.document(doc.id)
            doc.tokens, doc.sentences = full.tokens, full.sentences
            self._base_tokens = list(full.tokens)
            self._tokens_loaded = True
        return doc.tokens

    def sentences(self) -> list[tuple[int, int]]:
        self.tokens()
        return self.doc.sentences if self.doc else []

    # --- the one edit path ---------------------------------------------------

    def edit(self, command: cmds.Command) -> bool:
        """Apply a command to the store and push it on the document's undo stack."""
        doc = self.doc
        if doc is None:
            return False
        if doc.status == DocStatus.NEW and not isinstance(command, cmds.SetDocumentStatus):
            # the first edit of a new document also marks it in progress (one undo step)
            command = cmds.Batch([command, cmds.SetDocumentStatus(doc.id, DocStatus.IN_PROGRESS)],
                                 label=command.text)
        try:
            self.project.execute(command)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        self.undo.push(self.project, command, doc.id, self.message.emit)
        return True

    def undo_edit(self) -> None:
        self.undo.undo()

    def redo_edit(self) -> None:
        self.undo.redo()

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
        if not self.edit(cmds.UpdateEntity(entity_id, changes)):
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
        if self.edit(cmds.RemoveEntity(ent.id)):
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
        unless character precision is on. Overlapping suggestions are rejected and
        overlapping spans removed, in the same undo step."""
        doc = self.doc
        if doc is None:
            return False
        if not self.char_precision:
            snapped = snap_to_tokens(self.tokens(), start, end)
            if snapped is None:
                self.message.emit("the selection holds no word to label")
                return False
            start, end = snapped
        else:
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            if start >= end:
                return False
        same = next((e for e in self.entities if (e.start, e.end) == (start, end)), None)
        if same is not None and same.id is not None:
            self.focus(same.id)
            self.relabel_focused(label)
            return True
        overlapping = [e for e in self.entities
                       if e.start < end and e.end > start and e.id is not None]
        add = cmds.AddEntity(doc.id, start, end, label)
        parts: list[cmds.Command] = [
            cmds.reject(e.id) if e.status == SpanStatus.SUGGESTED else cmds.RemoveEntity(e.id)
            for e in overlapping if e.id is not None]
        command: cmds.Command = cmds.Batch([*parts, add], label=add.text) if parts else add
        if not self.edit(command):
            return False
        self.focus(add.entity_id)
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
        self.edit(cmds.resize(ent.id, start, end))

    def accept_all(self) -> None:
        if self.doc is None:
            return
        batch = cmds.accept_all(self.project, self.doc.id)
        if not batch.commands:
            self.message.emit("no suggestions left in this document")
            return
        self.edit(batch)

    def set_status(self, status: DocStatus) -> bool:
        if self.doc is None or self.doc.status == status:
            return self.doc is not None
        return self.edit(cmds.SetDocumentStatus(self.doc.id, status))

    def next_unfinished_id(self) -> int | None:
        return self.project.next_document_id(self.doc.id if self.doc else None)

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
        return self.project.next_document_id(self.doc.id)

    def to_utf16(self, cp: int) -> int:
        return self.u16.to_utf16(cp) if self.u16 else cp

    def to_codepoint(self, u16: int) -> int:
        return self.u16.to_codepoint(u16) if self.u16 else u16
