"""Every write is a command with ``apply`` and ``revert``.

``Project.execute`` runs a command in its own transaction and logs it in
``events``; ``annotator.core.editing.Editor`` keeps the per-document undo history.
Commands validate against the store when applied, and a revert first checks that
the row is still the one the command wrote (ids are never reused, but another
writer may have changed it): a stale undo fails cleanly and changes nothing.

A person's edit marks the rows it touches as decided (``decided``, ``decided_by``);
its revert restores the old values, so an undone decision is a suggestion again.
Machine writes (recognizer runs, imports, merges) are ``MachineWrite`` commands:
logged like the others, never undoable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.labels import KINDS
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, SpanStatus

if TYPE_CHECKING:
    from annotator.core.labels import LabelKind, LabelScheme
    from annotator.core.store import Project


class Command:
    """Base class. ``doc_id`` names the document the command belongs to."""

    name = "command"
    undoable = True
    doc_id: int | None  # set by each subclass (a field or a property)

    def apply(self, project: Project) -> None:
        raise NotImplementedError

    def revert(self, project: Project) -> None:
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        return {}

    def resolve_doc(self, project: Project) -> int | None:
        """The document this command will change (looked up before it is applied)."""
        return self.doc_id

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        """A scheme edit renamed a label: a later undo or redo writes the new name."""

    @property
    def text(self) -> str:
        """A short description for undo menus."""
        return self.name.replace("_", " ")


def _status_text(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, SpanStatus) else v for k, v in changes.items()}


def _require_entity(project: Project, entity_id: int | None) -> EntitySpan:
    ent = project.spans.get(entity_id) if entity_id is not None else None
    if ent is None:
        raise AnnotatorError(f"entity {entity_id} no longer exists")
    return ent


def _require_claim(project: Project, claim_id: int | None) -> Claim:
    claim = project.claims.get(claim_id) if claim_id is not None else None
    if claim is None:
        raise AnnotatorError(f"claim {claim_id} no longer exists")
    return claim


def _check_range(project: Project, doc_id: int, start: int, end: int) -> None:
    length = project.documents.length(doc_id)
    if length is None:
        raise AnnotatorError(f"no document with id {doc_id}")
    if not 0 <= start < end <= length:
        raise AnnotatorError(f"span [{start}, {end}) is outside the text (length {length})")


def _check_no_overlap(project: Project, doc_id: int, start: int, end: int,
                      ignore: int | None = None) -> None:
    other = project.spans.overlapping(doc_id, start, end, ignore)
    if other is not None:
        raise AnnotatorError(
            f"span [{start}, {end}) overlaps the {other.label} span [{other.start}, {other.end})")


def _check_own(what: str, row: Any, expected: dict[str, Any]) -> None:
    """Refuse to revert a row that is no longer what the command left behind."""
    if row is None:
        raise AnnotatorError(f"{what} no longer exists")
    for key, value in expected.items():
        if getattr(row, key) != value:
            raise AnnotatorError(f"{what} was changed since ({key} is now "
                                 f"{getattr(row, key)!r}, not {value!r})")


def _check_doc(expected: int | None, actual: int, what: str) -> None:
    if expected is not None and expected != actual:
        raise AnnotatorError(f"{what} belongs to document {actual}, not {expected}")


def _decision(project: Project, changes: dict[str, Any]) -> dict[str, Any]:
    """A person's edit: the row becomes their decision."""
    return {**changes, "annotator": project.annotator, "decided": True,
            "decided_by": project.annotator}


def _rename(values: dict[str, Any], old: str, new: str) -> None:
    if values.get("label") == old:
        values["label"] = new


@dataclass
class AddEntity(Command):
    doc_id: int
    start: int
    end: int
    label: str
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None
    entity_id: int | None = None  # set once applied; redo reuses it (ids are never reused)
    name = "add_entity"

    def apply(self, project: Project) -> None:
        _check_range(project, self.doc_id, self.start, self.end)
        _check_no_overlap(project, self.doc_id, self.start, self.end)
        if self.entity_id is not None and project.spans.get(self.entity_id) is not None:
            raise AnnotatorError(f"entity {self.entity_id} exists already")
        ent = EntitySpan(self.doc_id, self.start, self.end, self.label, self.status,
                         self.source, self.score, project.annotator, id=self.entity_id,
                         decided=True, decided_by=project.annotator)
        self.entity_id = project.spans.insert(ent)

    def revert(self, project: Project) -> None:
        if self.entity_id is None:
            return
        _check_own(f"entity {self.entity_id}", project.spans.get(self.entity_id),
                   {"doc_id": self.doc_id, "start": self.start, "end": self.end,
                    "label": self.label})
        project.spans.delete(self.entity_id)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "entity" and self.label == old:
            self.label = new

    def payload(self) -> dict[str, Any]:
        return {"id": self.entity_id, "start": self.start, "end": self.end, "label": self.label}

    @property
    def text(self) -> str:
        return f"add {self.label}"


@dataclass
class RemoveEntity(Command):
    """Delete a span for good (rejecting a suggestion is UpdateEntity)."""

    entity_id: int
    doc_id: int | None = None
    _snapshot: EntitySpan | None = field(default=None, repr=False)
    _claimant_of: list[int] = field(default_factory=list, repr=False)
    name = "remove_entity"

    def resolve_doc(self, project: Project) -> int | None:
        if self.doc_id is None:
            row = project.spans.get(self.entity_id)
            self.doc_id = row.doc_id if row is not None else None
        return self.doc_id

    def apply(self, project: Project) -> None:
        ent = _require_entity(project, self.entity_id)
        _check_doc(self.doc_id, ent.doc_id, f"entity {self.entity_id}")
        self.doc_id = ent.doc_id
        self._snapshot = ent
        self._claimant_of = project.claims.with_claimant(self.entity_id)
        project.spans.delete(self.entity_id)

    def revert(self, project: Project) -> None:
        assert self._snapshot is not None
        if project.spans.get(self.entity_id) is not None:
            raise AnnotatorError(f"entity {self.entity_id} exists again")
        project.spans.insert(dataclasses.replace(self._snapshot))
        for claim_id in self._claimant_of:
            project.claims.update(claim_id, claimant_id=self.entity_id)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "entity" and self._snapshot is not None and self._snapshot.label == old:
            self._snapshot.label = new

    def payload(self) -> dict[str, Any]:
        if self._snapshot is None:
            return {"id": self.entity_id}
        s = self._snapshot
        return {"id": s.id, "start": s.start, "end": s.end, "label": s.label,
                "status": str(s.status), "source": s.source}


@dataclass
class UpdateEntity(Command):
    """Change some fields of a span (resize, relabel, accept, reject): a decision."""

    entity_id: int
    changes: dict[str, Any]
    doc_id: int | None = None
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    _after: dict[str, Any] = field(default_factory=dict, repr=False)
    name = "update_entity"

    def resolve_doc(self, project: Project) -> int | None:
        if self.doc_id is None:
            row = project.spans.get(self.entity_id)
            self.doc_id = row.doc_id if row is not None else None
        return self.doc_id

    def apply(self, project: Project) -> None:
        ent = _require_entity(project, self.entity_id)
        if self._after:  # a redo: the row must be as the undo left it
            _check_own(f"entity {self.entity_id}", ent,
                       {k: v for k, v in self._before.items() if k in self.changes})
        _check_doc(self.doc_id, ent.doc_id, f"entity {self.entity_id}")
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
        after = _decision(project, self.changes)
        self._before = {k: getattr(ent, k) for k in after}
        self._after = after
        project.spans.update(self.entity_id, **after)

    def revert(self, project: Project) -> None:
        _check_own(f"entity {self.entity_id}", project.spans.get(self.entity_id),
                   {k: v for k, v in self._after.items() if k in self.changes})
        project.spans.update(self.entity_id, **self._before)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "entity":
            for values in (self.changes, self._before, self._after):
                _rename(values, old, new)

    def payload(self) -> dict[str, Any]:
        return {"id": self.entity_id, "changes": _status_text(self.changes)}

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
        if c.id is not None and project.claims.get(c.id) is not None:
            raise AnnotatorError(f"claim {c.id} exists already")
        if c.annotator is None:
            c.annotator = project.annotator
        c.decided, c.decided_by = True, project.annotator
        project.claims.insert(c)

    def revert(self, project: Project) -> None:
        c = self.claim
        if c.id is None:
            return
        _check_own(f"claim {c.id}", project.claims.get(c.id),
                   {"doc_id": c.doc_id, "start": c.start, "end": c.end})
        project.claims.delete(c.id)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "claim" and self.claim.label == old:
            self.claim.label = new

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

    def resolve_doc(self, project: Project) -> int | None:
        if self.doc_id is None:
            row = project.claims.get(self.claim_id)
            self.doc_id = row.doc_id if row is not None else None
        return self.doc_id

    def apply(self, project: Project) -> None:
        claim = _require_claim(project, self.claim_id)
        self._snapshot = claim
        self.doc_id = claim.doc_id
        project.claims.delete(self.claim_id)

    def revert(self, project: Project) -> None:
        assert self._snapshot is not None
        if project.claims.get(self.claim_id) is not None:
            raise AnnotatorError(f"claim {self.claim_id} exists again")
        snapshot = dataclasses.replace(self._snapshot)
        if (snapshot.claimant_id is not None
                and project.spans.get(snapshot.claimant_id) is None):
            snapshot.claimant_id = None  # the claimant entity was removed meanwhile
        project.claims.insert(snapshot)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "claim" and self._snapshot is not None and self._snapshot.label == old:
            self._snapshot.label = new

    def payload(self) -> dict[str, Any]:
        return {"id": self.claim_id}


@dataclass
class UpdateClaim(Command):
    """Set claim fields: label, claimant, cue, attributes, status, extent."""

    claim_id: int
    changes: dict[str, Any]
    doc_id: int | None = None
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    _after: dict[str, Any] = field(default_factory=dict, repr=False)
    name = "update_claim"

    def resolve_doc(self, project: Project) -> int | None:
        if self.doc_id is None:
            row = project.claims.get(self.claim_id)
            self.doc_id = row.doc_id if row is not None else None
        return self.doc_id

    def apply(self, project: Project) -> None:
        claim = _require_claim(project, self.claim_id)
        if self._after:  # a redo: the row must be as the undo left it
            _check_own(f"claim {self.claim_id}", claim,
                       {k: v for k, v in self._before.items() if k in self.changes})
        self.doc_id = claim.doc_id
        if "start" in self.changes or "end" in self.changes:
            _check_range(project, claim.doc_id, self.changes.get("start", claim.start),
                         self.changes.get("end", claim.end))
        if self.changes.get("cue_start") is not None:
            _check_range(project, claim.doc_id, self.changes["cue_start"],
                         self.changes["cue_end"])
        after = _decision(project, self.changes)
        self._before = {k: getattr(claim, k) for k in after}
        self._after = after
        project.claims.update(self.claim_id, **after)

    def revert(self, project: Project) -> None:
        _check_own(f"claim {self.claim_id}", project.claims.get(self.claim_id),
                   {k: v for k, v in self._after.items() if k in self.changes})
        project.claims.update(self.claim_id, **self._before)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        if kind == "claim":
            for values in (self.changes, self._before, self._after):
                _rename(values, old, new)

    def payload(self) -> dict[str, Any]:
        return {"id": self.claim_id, "changes": _status_text(self.changes)}


@dataclass
class SetDocumentStatus(Command):
    doc_id: int
    status: DocStatus
    _before: DocStatus | None = field(default=None, repr=False)
    name = "set_document_status"

    def apply(self, project: Project) -> None:
        before = project.documents.status(self.doc_id)
        if before is None:
            raise AnnotatorError(f"no document with id {self.doc_id}")
        self._before = before
        project.documents.set_status(self.doc_id, self.status)

    def revert(self, project: Project) -> None:
        assert self._before is not None
        now = project.documents.status(self.doc_id)
        if now != self.status:
            raise AnnotatorError(f"the document is {now} now, not {self.status}")
        project.documents.set_status(self.doc_id, self._before)

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

    def resolve_doc(self, project: Project) -> int | None:
        ids = {c.resolve_doc(project) for c in self.commands}
        return ids.pop() if len(ids) == 1 else None

    def apply(self, project: Project) -> None:
        for cmd in self.commands:
            cmd.apply(project)

    def revert(self, project: Project) -> None:
        for cmd in reversed(self.commands):
            cmd.revert(project)

    def rename_label(self, kind: LabelKind, old: str, new: str) -> None:
        for cmd in self.commands:
            cmd.rename_label(kind, old, new)

    def payload(self) -> dict[str, Any]:
        return {"label": self.label,
                "commands": [{"action": c.name, **c.payload()} for c in self.commands]}

    @property
    def text(self) -> str:
        return self.label


def accept_all(project: Project, doc_id: int) -> Batch:
    """One undo step accepting every suggested span of a document."""
    cmds = [accept(e.id) for e in project.spans.list(doc_id)
            if e.status == SpanStatus.SUGGESTED and e.id is not None]
    return Batch(cmds, label=f"accept {len(cmds)} suggestions")


@dataclass
class EditScheme(Command):
    """Save a label scheme; renamed labels are renamed on every span and claim.

    Not undoable from a document's history (it changes every document); the editor
    renames the labels in the commands it keeps, so a later undo or redo writes the
    new names.
    """

    scheme: LabelScheme
    renames: dict[LabelKind, dict[str, str]] = field(default_factory=dict)
    doc_id: int | None = None
    _renamed: int = field(default=0, repr=False)
    name = "edit_scheme"
    undoable = False

    def apply(self, project: Project) -> None:
        counts = {"entity": project.spans.label_counts(), "claim": project.claims.label_counts()}
        for kind in KINDS:
            names = self.scheme.names(kind)
            if len(set(names)) != len(names):
                raise AnnotatorError(f"two {kind} labels have the same name")
            if any(not n.strip() for n in names):
                raise AnnotatorError(f"a {kind} label has no name")
            renamed_from = set(self.renames.get(kind, {}))
            used = counts[kind]
            missing = [n for n in used if n not in names and n not in renamed_from]
            if missing:
                raise AnnotatorError(f"{kind} label {missing[0]} is used by {used[missing[0]]} "
                                     "annotations: rename it instead of removing it")
        for kind in KINDS:
            part = project.spans if kind == "entity" else project.claims
            for old, new in self.renames.get(kind, {}).items():
                if old != new:
                    self._renamed += len(part.rename_label(old, new))
        project.settings.save_scheme(self.scheme)

    def revert(self, project: Project) -> None:
        raise AnnotatorError("a label scheme edit cannot be undone; edit the scheme again")

    def payload(self) -> dict[str, Any]:
        return {"renames": {k: v for k, v in self.renames.items() if v},
                "annotations_renamed": self._renamed}


class MachineWrite(Command):
    """A write by the program, not a person: a recognizer run, the claim recognizer,
    an import or a merge. ``write`` does the work inside the command's transaction and
    returns the event's payload (None: nothing changed, nothing is logged)."""

    undoable = False

    def __init__(self, name: str, doc_id: int | None,
                 write: Callable[[Project], dict[str, Any] | None]) -> None:
        self.name = name
        self.doc_id = doc_id
        self.write = write
        self._payload: dict[str, Any] | None = None

    def apply(self, project: Project) -> None:
        self._payload = self.write(project)

    def revert(self, project: Project) -> None:
        raise AnnotatorError(f"{self.name} was done by the program and cannot be undone")

    def payload(self) -> dict[str, Any]:
        return self._payload or {}

    @property
    def changed(self) -> bool:
        return self._payload is not None
