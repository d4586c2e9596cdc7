"""The editor: every edit a person makes, with per-document undo/redo (no Qt).

The window, the tests and scripts share it (as Anki's backend owns undo):
``gui/controller.py`` turns keys and menus into editor calls, and ``gui/undo.py``
mirrors ``can_undo`` / ``undo_text`` into the Edit menu. The annotation rules live
here, not in Qt code:

- the first edit of a new document also marks it in progress (the same undo step);
- labelling over suggestions rejects them (never suggested again) and removes the
  person's own overlapping spans, in the same undo step;
- touching a suggested claim (any field) accepts it; removing a suggested claim
  rejects it, removing another one deletes it;
- a span a person labels or accepts (a new span, or a suggestion accepted or
  relabelled) is propagated: the other mentions of the same
  text in the document become suggestions at once (a machine write after the
  person's edit, not undoable, never over any existing span or decision);
- marking a document done may first decide all its suggestions (one undo step).

Every edit is applied by ``Project.execute`` (its own transaction, on disk, in
``events``) before it enters the history, so a refused edit never does. An undo or
redo the store refuses (the row was changed by someone else since) is dropped from
the history with a clear message, and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from annotator.core import commands as cmds
from annotator.core.labels import KINDS, LabelKind, LabelScheme
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, Offsets, SpanStatus
from annotator.core.store import Project
from annotator.core.text import snap_to_tokens

HistoryListener = Callable[[], None]
PROPAGATION = "propagation"  # the source of suggestions copied from a person's decision


def moved_edges(tokens: Sequence[Offsets], start: int, end: int, edge: str,
                step: int) -> tuple[int, int] | None:
    """[start, end) with its 'start' or 'end' edge moved ``step`` tokens (-1 / +1);
    None when nothing would change or the range would vanish."""
    if not tokens:
        return None
    if edge == "start":
        k = next((i for i, t in enumerate(tokens) if t[0] >= start), len(tokens) - 1)
        k = max(0, min(k + step, len(tokens) - 1))
        new = (tokens[k][0], end)
    else:
        k = next((i for i, t in enumerate(tokens) if t[1] >= end), len(tokens) - 1)
        k = max(0, min(k + step, len(tokens) - 1))
        new = (start, tokens[k][1])
    if new[0] >= new[1] or new == (start, end):
        return None
    return new


def word_at(text: str, tokens: Sequence[Offsets], cp: int) -> tuple[int, int] | None:
    """The word (token) under the caret, or just before it: what a label key with no
    selection labels. One word only: capitalised neighbours are often titles or a
    headline (``Presiden Rusia Vladimir Putin``); a key widens the span after."""
    def wordy(t: Offsets) -> bool:
        return any(ch.isalnum() for ch in text[t[0]:t[1]])

    here = next((t for t in tokens if t[0] <= cp < t[1] and wordy(t)), None)
    before = next((t for t in tokens if t[1] == cp and wordy(t)), None)
    found = here or before
    return (found[0], found[1]) if found else None


def other_mentions(text: str, start: int, end: int,
                   spans: Sequence[EntitySpan]) -> list[tuple[int, int]]:
    """Where else the text of [start, end) appears as whole words, clear of every
    span (any status: a rejection is a person's decision too)."""
    needle = text[start:end]
    if len(needle) < 2 or not any(ch.isalpha() for ch in needle):
        return []
    taken = sorted((e.start, e.end) for e in spans)
    out = []
    for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text):
        s, e = m.span()
        if s != start and not any(a < e and s < b for a, b in taken):
            out.append((s, e))
    return out


def _sets_status(command: cmds.Command) -> bool:
    if isinstance(command, cmds.Batch):
        return any(_sets_status(c) for c in command.commands)
    return isinstance(command, cmds.SetDocumentStatus)


class Editor:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._undo: dict[int | None, list[cmds.Command]] = {}
        self._redo: dict[int | None, list[cmds.Command]] = {}
        self._listeners: list[HistoryListener] = []
        self.propagation = True  # see propagate()

    # --- history ----------------------------------------------------------------

    def add_history_listener(self, listener: HistoryListener) -> None:
        """Called after the undo/redo state changed (for menus)."""
        self._listeners.append(listener)

    def _history_changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def set_project(self, project: Project) -> None:
        self.project = project
        self.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._history_changed()

    def can_undo(self, doc_id: int | None) -> bool:
        return bool(self._undo.get(doc_id))

    def can_redo(self, doc_id: int | None) -> bool:
        return bool(self._redo.get(doc_id))

    def undo_text(self, doc_id: int | None) -> str:
        stack = self._undo.get(doc_id)
        return stack[-1].text if stack else ""

    def redo_text(self, doc_id: int | None) -> str:
        stack = self._redo.get(doc_id)
        return stack[-1].text if stack else ""

    def execute(self, command: cmds.Command) -> cmds.Command:
        """Apply a person's edit and keep it in its document's history; returns it
        (applied: ids are set)."""
        original, doc_id = command, command.resolve_doc(self.project)
        if (doc_id is not None and not _sets_status(command)
                and self.project.documents.status(doc_id) == DocStatus.NEW):
            # the first edit of a new document also marks it in progress (one undo step)
            command = cmds.Batch(
                [command, cmds.SetDocumentStatus(doc_id, DocStatus.IN_PROGRESS)],
                label=command.text)
        self.project.execute(command)
        if command.undoable:
            key = doc_id if doc_id is not None else command.doc_id
            self._undo.setdefault(key, []).append(command)
            self._redo.pop(key, None)
        self._history_changed()
        return original

    def undo(self, doc_id: int | None) -> cmds.Command | None:
        stack = self._undo.get(doc_id)
        if not stack:
            return None
        command = stack.pop()
        try:
            self.project.revert(command)
        except AnnotatorError as exc:
            self._history_changed()
            raise AnnotatorError(f"cannot undo {command.text}: {exc}") from None
        self._redo.setdefault(doc_id, []).append(command)
        self._history_changed()
        return command

    def redo(self, doc_id: int | None) -> cmds.Command | None:
        stack = self._redo.get(doc_id)
        if not stack:
            return None
        command = stack.pop()
        try:
            self.project.execute(command)
        except AnnotatorError as exc:
            self._history_changed()
            raise AnnotatorError(f"cannot redo {command.text}: {exc}") from None
        self._undo.setdefault(doc_id, []).append(command)
        self._history_changed()
        return command

    # --- span rules ---------------------------------------------------------------

    def label_span(self, doc_id: int, start: int, end: int, label: str, *,
                   text: str, tokens: Sequence[Offsets] | None = None,
                   entities: Sequence[EntitySpan] | None = None) -> int:
        """Make [start, end) an accepted ``label`` span; returns its id.

        With ``tokens`` the range is widened to whole tokens, else only trimmed of
        white space. A span with the same extent is relabelled (and accepted);
        overlapping suggestions are rejected and overlapping spans removed.
        """
        if tokens is not None:
            snapped = snap_to_tokens(tokens, start, end)
            if snapped is None:
                raise AnnotatorError("the selection holds no word to label")
            start, end = snapped
        else:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                raise AnnotatorError("the selection holds no text to label")
        spans = list(entities) if entities is not None else self.project.spans.list(doc_id)
        same = next((e for e in spans if (e.start, e.end) == (start, end)), None)
        if same is not None and same.id is not None:
            self.relabel(same, label)
            return same.id
        overlapping = [e for e in spans if e.start < end and e.end > start and e.id is not None]
        add = cmds.AddEntity(doc_id, start, end, label)
        parts: list[cmds.Command] = [
            cmds.reject(e.id) if e.status == SpanStatus.SUGGESTED else cmds.RemoveEntity(e.id)
            for e in overlapping if e.id is not None]
        self.execute(cmds.Batch([*parts, add], label=add.text) if parts else add)
        assert add.entity_id is not None
        self.propagate(doc_id, start, end, label, text=text)
        return add.entity_id

    def relabel(self, ent: EntitySpan, label: str) -> bool:
        """Give a span this label and accept it; False when nothing changes."""
        changes: dict[str, object] = {}
        if ent.label != label:
            changes["label"] = label
        if ent.status != SpanStatus.ACCEPTED:
            changes["status"] = SpanStatus.ACCEPTED
        if not changes or ent.id is None:
            return False
        self.execute(cmds.UpdateEntity(ent.id, changes, ent.doc_id))
        if "status" in changes:  # newly accepted (relabelling an accepted span: not)
            self.propagate(ent.doc_id, ent.start, ent.end, label)
        return True

    def update_span(self, entity_id: int, changes: dict[str, object],
                    doc_id: int | None = None) -> None:
        """Resize, relabel, accept or reject a span (``doc_id``, when the caller knows
        it, saves a look-up; the command checks it)."""
        command = cmds.UpdateEntity(entity_id, dict(changes), doc_id)
        self.execute(command)
        if changes.get("status") == SpanStatus.ACCEPTED:
            ent = self.project.spans.get(entity_id)
            if ent is not None and ent.status == SpanStatus.ACCEPTED:
                self.propagate(ent.doc_id, ent.start, ent.end, ent.label)

    def propagate(self, doc_id: int, start: int, end: int, label: str, *,
                  text: str | None = None) -> int:
        """The other mentions of a span's text in its document become ``label``
        suggestions (a machine write: not undoable, never over any span); how many.
        The rest of the project gets them at the next run of the ``dictionary``
        recognizer."""
        if not self.propagation:
            return 0
        added: list[int] = []

        def write(p: Project) -> dict[str, object] | None:
            body = text if text is not None else p.documents.get(doc_id, segment=False).text
            for s, e in other_mentions(body, start, end, p.spans.list(doc_id,
                                                                       include_rejected=True)):
                p.spans.insert(EntitySpan(doc_id, s, e, label, status=SpanStatus.SUGGESTED,
                                          source=PROPAGATION, score=1.0))
                added.append(s)
            return {"label": label, "text": body[start:end], "added": len(added)} \
                if added else None

        self.project.execute(cmds.MachineWrite(PROPAGATION, doc_id, write))
        return len(added)

    def remove_span(self, entity_id: int, doc_id: int | None = None) -> None:
        self.execute(cmds.RemoveEntity(entity_id, doc_id))

    def accept_all(self, doc_id: int) -> int:
        """Accept every suggestion of the document in one undo step; how many."""
        batch = cmds.accept_all(self.project, doc_id)
        if batch.commands:
            self.execute(batch)
        return len(batch.commands)

    def set_status(self, doc_id: int, status: DocStatus) -> None:
        self.execute(cmds.SetDocumentStatus(doc_id, status))

    def undecided(self, doc_id: int) -> tuple[int, int]:
        """How many suggested (spans, claims) the document still has."""
        return (sum(1 for e in self.project.spans.list(doc_id)
                    if e.status == SpanStatus.SUGGESTED),
                sum(1 for c in self.project.claims.list(doc_id)
                    if c.status == SpanStatus.SUGGESTED))

    def finish(self, doc_id: int, decide: SpanStatus | None = None) -> None:
        """Mark the document done; ``decide`` (accepted / rejected) first settles every
        suggested span and claim that way, in the same undo step. Training reads an
        undecided suggestion as "no entity" there."""
        parts: list[cmds.Command] = []
        if decide is not None:
            parts += [cmds.UpdateEntity(e.id, {"status": decide}, doc_id)
                      for e in self.project.spans.list(doc_id)
                      if e.status == SpanStatus.SUGGESTED and e.id is not None]
            parts += [cmds.UpdateClaim(c.id, {"status": decide})
                      for c in self.project.claims.list(doc_id)
                      if c.status == SpanStatus.SUGGESTED and c.id is not None]
        done = cmds.SetDocumentStatus(doc_id, DocStatus.DONE)
        if not parts:
            self.execute(done)
            return
        verb = "accept" if decide == SpanStatus.ACCEPTED else "reject"
        self.execute(cmds.Batch([*parts, done], label=f"{verb} {len(parts)} suggestions, done"))

    # --- claim rules ------------------------------------------------------------------

    def add_claim(self, claim: Claim) -> int:
        self.execute(cmds.AddClaim(claim))
        assert claim.id is not None
        return claim.id

    def update_claim(self, claim: Claim, changes: dict[str, object]) -> None:
        """Set claim fields; touching a suggestion confirms it."""
        if claim.id is None:
            raise AnnotatorError("the claim is not stored")
        changes = dict(changes)
        if claim.status == SpanStatus.SUGGESTED and "status" not in changes:
            changes["status"] = SpanStatus.ACCEPTED
        self.execute(cmds.UpdateClaim(claim.id, changes))

    def move_claim_edge(self, claim: Claim, edge: str, step: int,
                        tokens: Sequence[Offsets]) -> bool:
        """Move a claim's start or end edge by one token (a suggestion is confirmed);
        False when it cannot move."""
        moved = moved_edges(tokens, claim.start, claim.end, edge, step)
        if moved is None:
            return False
        self.update_claim(claim, {"start": moved[0], "end": moved[1]})
        return True

    def accept_all_claims(self, doc_id: int) -> int:
        """Accept every suggested claim of the document in one undo step; how many."""
        parts = [cmds.UpdateClaim(c.id, {"status": SpanStatus.ACCEPTED})
                 for c in self.project.claims.list(doc_id)
                 if c.status == SpanStatus.SUGGESTED and c.id is not None]
        if parts:
            self.execute(cmds.Batch(parts, label=f"accept {len(parts)} claims"))
        return len(parts)

    def remove_claim(self, claim: Claim) -> None:
        """Reject a suggested claim (never suggested again), delete any other."""
        if claim.id is None:
            raise AnnotatorError("the claim is not stored")
        if claim.status == SpanStatus.SUGGESTED:
            self.execute(cmds.UpdateClaim(claim.id, {"status": SpanStatus.REJECTED}))
        else:
            self.execute(cmds.RemoveClaim(claim.id))

    # --- the label scheme ---------------------------------------------------------------

    def edit_scheme(self, scheme: LabelScheme,
                    renames: dict[LabelKind, dict[str, str]] | None = None) -> None:
        """Save the scheme, renaming labels on every annotation and in the histories
        (an undo or redo after a rename writes the new name)."""
        renames = {k: {o: n for o, n in renames.get(k, {}).items() if o != n}
                   for k in KINDS} if renames else {}
        self.execute(cmds.EditScheme(scheme, renames))
        for kind, pairs in renames.items():
            for old, new in pairs.items():
                for stacks in (self._undo, self._redo):
                    for stack in stacks.values():
                        for command in stack:
                            command.rename_label(kind, old, new)
