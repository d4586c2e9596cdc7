"""Every edit is a command with ``apply`` and ``revert``.

``Project.execute`` runs a command in its own transaction and logs it; the GUI
wraps commands in a QUndoStack, and ``History`` does the same headless.
Commands validate against the store when applied, so a stale edit fails cleanly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, SpanStatus

if TYPE_CHECKING:
    from annotator.core.store import Project


class Command:
    """Base class. ``doc_id`` names the document the command belongs to."""

    name = "command"
    doc_id: int | None  # set by each subclass (a field or a property)

    def apply(self, project: Project) -> None:
        raise NotImplementedError

    def revert(self, project: Project) -> None:
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        return {}

    @property
    def text(self) -> str:
        """A short description for undo menus."""
        return self.name.replace("_", " ")


def _entity_payload(ent: EntitySpan) -> dict[str, Any]:
    return {"id": ent.id, "start": ent.start, "end": ent.end, "label": ent.label,
            "status": str(ent.status), "source": ent.source}


def _require_entity(project: Project, entity_id: int | None) -> EntitySpan:
    ent = project.entity(entity_id) if entity_id is not None else None
    if ent is None:
        raise AnnotatorError(f"entity {entity_id} no longer exists")
    return ent


def _check_range(project: Project, doc_id: int, start: int, end: int) -> None:
    length = project.db.execute("SELECT length(text) FROM documents WHERE id = ?",
                                [doc_id]).fetchone()
    if length is None:
        raise AnnotatorError(f"no document with id {doc_id}")
    if not 0 <= start < end <= length[0]:
        raise AnnotatorError(f"span [{start}, {end}) is outside the text (length {length[0]})")


def _check_no_overlap(project: Project, doc_id: int, start: int, end: int,
                      ignore: int | None = None) -> None:
    row = project.db.execute(
        'SELECT id, start, "end", label FROM entities WHERE doc_id = ? AND status != ? '
        'AND start < ? AND "end" > ? AND id IS NOT ? LIMIT 1',
        [doc_id, str(SpanStatus.REJECTED), end, start, ignore]).fetchone()
    if row is not None:
        raise AnnotatorError(
            f"span [{start}, {end}) overlaps the {row[3]} span [{row[1]}, {row[2]})")


@dataclass
class AddEntity(Command):
    doc_id: int
    start: int
    end: int
    label: str
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None
    entity_id: int | None = None  # set once applied; redo reuses it
    name = "add_entity"

    def apply(self, project: Project) -> None:
        _check_range(project, self.doc_id, self.start, self.end)
        _check_no_overlap(project, self.doc_id, self.start, self.end)
        ent = EntitySpan(self.doc_id, self.start, self.end, self.label, self.status,
                         self.source, self.score, project.annotator, id=self.entity_id)
        self.entity_id = project.insert_entity(ent)

    def revert(self, project: Project) -> None:
        if self.entity_id is not None:
            project.delete_entity(self.entity_id)

    def payload(self) -> dict[str, Any]:
        return {"id": self.entity_id, "start": self.start, "end": self.end, "label": self.label}

    @property
    def text(self) -> str:
        return f"add {self.label}"


@dataclass
class RemoveEntity(Command):
    """Delete a span for good (rejecting a suggestion is SetEntityStatus)."""

    entity_id: int
    doc_id: int | None = None
    _snapshot: EntitySpan | None = field(default=None, repr=False)
    _claimant_of: list[int] = field(default_factory=list, repr=False)
    name = "remove_entity"

    def apply(self, project: Project) -> None:
        ent = _require_entity(project, self.entity_id)
        self.doc_id = ent.doc_id
        self._snapshot = ent
        self._claimant_of = [r[0] for r in project.db.execute(
            "SELECT id FROM claims WHERE claimant_id = ?", [self.entity_id])]
        project.delete_entity(self.entity_id)

    def revert(self, project: Project) -> None:
        assert self._snapshot is not None
        project.insert_entity(dataclasses.replace(self._snapshot))
        for claim_id in self._claimant_of:
            project.update_claim(claim_id, claimant_id=self.entity_id)

    def payload(self) -> dict[str, Any]:
        return _entity_payload(self._snapshot) if self._snapshot else {"id": self.entity_id}


@dataclass
class UpdateEntity(Command):
    """Change some fields of a span: resize, relabel, accept, reject."""

    entity_id: int
    changes: dict[str, Any]
    doc_id: int | None = None
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    name = "update_entity"

    def apply(self, project: Project) -> None:
        ent = _require_entity(project, self.entity_id)
        self.doc_id = ent.doc_id
        start = self.changes.get("start", ent.start)
        end = self.changes.get("end", ent.end)
        status = SpanStatus(self.changes.get("status", ent.status))
        if "start" in self.changes or "end" in self.changes:
            _check_range(project, ent.doc_id, start, end)
        if status != SpanStatus.REJECTED and (
                "start" in self.changes or "end" in self.changes
                or ent.status == SpanStatus.REJECTED):
            _check_no_overlap(project, ent.doc_id, start, end, ignore=ent.id)
        self._before = {k: getattr(ent, k) for k in self.changes}
        self._before["annotator"] = ent.annotator
        project.update_entity(self.entity_id, annotator=project.annotator, **self.changes)

    def revert(self, project: Project) -> None:
        project.update_entity(self.entity_id, **self._before)

    def payload(self) -> dict[str, Any]:
        return {"id": self.entity_id,
                "changes": {k: str(v) if isinstance(v, SpanStatus) else v
                            for k, v in self.changes.items()}}

    @property
    def text(self) -> str:
        if set(self.changes) == {"status"}:
            return {"accepted": "accept", "rejected": "reject"}.get(
                str(self.changes["status"]), "set status")
        if set(self.changes) == {"label"}:
            return f"relabel as {self.changes['label']}"
        return "resize span"


def accept(entity_id: int) -> UpdateEntity:
    return UpdateEntity(entity_id, {"status": SpanStatus.ACCEPTED})


def reject(entity_id: int) -> UpdateEntity:
    return UpdateEntity(entity_id, {"status": SpanStatus.REJECTED})


def relabel(entity_id: int, label: str) -> UpdateEntity:
    return UpdateEntity(entity_id, {"label": label})


def resize(entity_id: int, start: int, end: int) -> UpdateEntity:
    return UpdateEntity(entity_id, {"start": start, "end": end})


@dataclass
class AddClaim(Command):
    claim: Claim
    name = "add_claim"

    @property
    def doc_id(self) -> int | None:  # type: ignore[override]
        return self.claim.doc_id

    def apply(self, project: Project) -> None:
        c = self.claim
        _check_range(project, c.doc_id, c.start, c.end)
        if c.cue_start is not None and c.cue_end is not None:
            _check_range(project, c.doc_id, c.cue_start, c.cue_end)
        if c.annotator is None:
            c.annotator = project.annotator
        project.insert_claim(c)

    def revert(self, project: Project) -> None:
        if self.claim.id is not None:
            project.delete_claim(self.claim.id)

    def payload(self) -> dict[str, Any]:
        c = self.claim
        return {"id": c.id, "start": c.start, "end": c.end, "label": c.label}

    @property
    def text(self) -> str:
        return f"add {self.claim.label} claim"


@dataclass
class RemoveClaim(Command):
    claim_id: int
    doc_id: int | None = None
    _snapshot: Claim | None = field(default=None, repr=False)
    name = "remove_claim"

    def apply(self, project: Project) -> None:
        claim = project.claim(self.claim_id)
        if claim is None:
            raise AnnotatorError(f"claim {self.claim_id} no longer exists")
        self._snapshot = claim
        self.doc_id = claim.doc_id
        project.delete_claim(self.claim_id)

    def revert(self, project: Project) -> None:
        assert self._snapshot is not None
        project.insert_claim(dataclasses.replace(self._snapshot))

    def payload(self) -> dict[str, Any]:
        return {"id": self.claim_id}


@dataclass
class UpdateClaim(Command):
    """Set claim fields: label, claimant, cue, attributes, status, extent."""

    claim_id: int
    changes: dict[str, Any]
    doc_id: int | None = None
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    name = "update_claim"

    def apply(self, project: Project) -> None:
        claim = project.claim(self.claim_id)
        if claim is None:
            raise AnnotatorError(f"claim {self.claim_id} no longer exists")
        self.doc_id = claim.doc_id
        if "start" in self.changes or "end" in self.changes:
            _check_range(project, claim.doc_id, self.changes.get("start", claim.start),
                         self.changes.get("end", claim.end))
        if self.changes.get("cue_start") is not None:
            _check_range(project, claim.doc_id, self.changes["cue_start"],
                         self.changes["cue_end"])
        self._before = {k: getattr(claim, k) for k in self.changes}
        self._before["annotator"] = claim.annotator
        project.update_claim(self.claim_id, annotator=project.annotator, **self.changes)

    def revert(self, project: Project) -> None:
        project.update_claim(self.claim_id, **self._before)

    def payload(self) -> dict[str, Any]:
        return {"id": self.claim_id,
                "changes": {k: str(v) if isinstance(v, SpanStatus) else v
                            for k, v in self.changes.items()}}


@dataclass
class SetDocumentStatus(Command):
    doc_id: int
    status: DocStatus
    _before: DocStatus | None = field(default=None, repr=False)
    name = "set_document_status"

    def apply(self, project: Project) -> None:
        row = project.db.execute("SELECT status FROM documents WHERE id = ?",
                                 [self.doc_id]).fetchone()
        if row is None:
            raise AnnotatorError(f"no document with id {self.doc_id}")
        self._before = DocStatus(row[0])
        project.update_document_status(self.doc_id, self.status)

    def revert(self, project: Project) -> None:
        assert self._before is not None
        project.update_document_status(self.doc_id, self._before)

    def payload(self) -> dict[str, Any]:
        return {"status": str(self.status)}

    @property
    def text(self) -> str:
        return f"mark {self.status}"


@dataclass
class Batch(Command):
    """Several commands as one undo step (e.g. accept all suggestions)."""

    commands: Sequence[Command]
    label: str = "batch"
    name = "batch"

    @property
    def doc_id(self) -> int | None:  # type: ignore[override]
        ids = {c.doc_id for c in self.commands}
        return ids.pop() if len(ids) == 1 else None

    def apply(self, project: Project) -> None:
        for cmd in self.commands:
            cmd.apply(project)

    def revert(self, project: Project) -> None:
        for cmd in reversed(self.commands):
            cmd.revert(project)

    def payload(self) -> dict[str, Any]:
        return {"label": self.label,
                "commands": [{"action": c.name, **c.payload()} for c in self.commands]}

    @property
    def text(self) -> str:
        return self.label


def accept_all(project: Project, doc_id: int) -> Batch:
    """One undo step accepting every suggested span of a document."""
    cmds = [accept(e.id) for e in project.entities(doc_id)
            if e.status == SpanStatus.SUGGESTED and e.id is not None]
    return Batch(cmds, label=f"accept {len(cmds)} suggestions")


class History:
    """Headless undo/redo: one stack per document (the GUI uses QUndoStack instead)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._undo: dict[int | None, list[Command]] = {}
        self._redo: dict[int | None, list[Command]] = {}

    def do(self, command: Command) -> Command:
        self.project.execute(command)
        self._undo.setdefault(command.doc_id, []).append(command)
        self._redo.pop(command.doc_id, None)
        return command

    def can_undo(self, doc_id: int | None) -> bool:
        return bool(self._undo.get(doc_id))

    def can_redo(self, doc_id: int | None) -> bool:
        return bool(self._redo.get(doc_id))

    def undo(self, doc_id: int | None) -> Command | None:
        stack = self._undo.get(doc_id)
        if not stack:
            return None
        command = stack.pop()
        self.project.revert(command)
        self._redo.setdefault(doc_id, []).append(command)
        return command

    def redo(self, doc_id: int | None) -> Command | None:
        stack = self._redo.get(doc_id)
        if not stack:
            return None
        command = stack.pop()
        self.project.execute(command)
        self._undo.setdefault(doc_id, []).append(command)
        return command
