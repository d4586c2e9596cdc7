"""Store basics: commands apply/revert, headless undo/redo, the event log."""

from __future__ import annotations

import pytest

from annotator.core.commands import (
    AddClaim,
    AddEntity,
    RemoveEntity,
    SetDocumentStatus,
    accept_all,
    relabel,
    resize,
)
from annotator.core.editing import Editor
from annotator.core.model import AnnotatorError, Claim, DocStatus, SpanStatus
from annotator.core.store import NewDocument, Project

TEXT = "Kim Jong Un bertemu Vladimir Putin di Rusia."


@pytest.fixture
def doc_id(project: Project) -> int:
    return project.documents.insert([NewDocument(TEXT, "d1")]).doc_ids[0]


def spans(project: Project, doc_id: int) -> list[tuple[str, str, str]]:
    return [(TEXT[e.start:e.end], e.label, str(e.status)) for e in project.spans.list(doc_id)]


def test_undo_redo_of_every_kind_of_edit(project: Project, doc_id: int) -> None:
    history = Editor(project)
    add = history.execute(AddEntity(doc_id, 0, 11, "PER"))
    assert isinstance(add, AddEntity) and add.entity_id is not None
    history.execute(AddEntity(doc_id, 20, 34, "PER", status=SpanStatus.SUGGESTED))
    history.execute(relabel(add.entity_id, "ORG"))
    history.execute(resize(add.entity_id, 4, 11))
    history.execute(accept_all(project, doc_id))
    history.execute(SetDocumentStatus(doc_id, DocStatus.DONE))
    final = spans(project, doc_id)
    assert final == [("Jong Un", "ORG", "accepted"), ("Vladimir Putin", "PER", "accepted")]
    assert project.documents.get(doc_id).status == DocStatus.DONE

    states = []
    while history.can_undo(doc_id):
        history.undo(doc_id)
        states.append(spans(project, doc_id))
    assert states[-1] == []
    assert states[-2] == [("Kim Jong Un", "PER", "accepted")]
    assert project.documents.get(doc_id).status == DocStatus.NEW
    while history.can_redo(doc_id):
        history.redo(doc_id)
    assert spans(project, doc_id) == final
    assert project.documents.get(doc_id).status == DocStatus.DONE


def test_remove_entity_restores_claimant_on_undo(project: Project, doc_id: int) -> None:
    history = Editor(project)
    add = history.execute(AddEntity(doc_id, 20, 34, "PER"))
    assert isinstance(add, AddEntity) and add.entity_id is not None
    claim = Claim(doc_id, 0, 43, "FACTUAL", claimant_id=add.entity_id)
    history.execute(AddClaim(claim))
    history.execute(RemoveEntity(add.entity_id))
    assert project.claims.list(doc_id)[0].claimant_id is None  # ON DELETE SET NULL
    history.undo(doc_id)
    assert project.claims.list(doc_id)[0].claimant_id == add.entity_id


def test_invalid_edits_fail_and_change_nothing(project: Project, doc_id: int) -> None:
    project.execute(AddEntity(doc_id, 0, 11, "PER"))
    events = len(project.events.list())
    with pytest.raises(AnnotatorError, match="overlaps"):
        project.execute(AddEntity(doc_id, 4, 15, "PER"))
    with pytest.raises(AnnotatorError, match="outside"):
        project.execute(AddEntity(doc_id, 40, 99, "LOC"))
    assert len(project.events.list()) == events
    assert spans(project, doc_id) == [("Kim Jong Un", "PER", "accepted")]


def test_every_edit_is_logged(project: Project, doc_id: int) -> None:
    project.annotator = "ana"
    add = AddEntity(doc_id, 0, 11, "PER")
    project.execute(add)
    project.revert(add)
    log = project.events.list(doc_id)
    assert [e["action"] for e in log] == ["add_entity", "undo:add_entity"]
    assert log[0]["annotator"] == "ana"
    assert isinstance(add, AddEntity)
    assert log[0]["payload"]["label"] == "PER"
    assert project.events.list()[0]["action"] == "import"


def test_edits_are_durable_across_reopen(project: Project, doc_id: int) -> None:
    project.execute(AddEntity(doc_id, 38, 43, "LOC"))
    with Project(project.path) as again:
        assert [(e.start, e.end, e.label) for e in again.spans.list(doc_id)] == [(38, 43, "LOC")]


def test_duplicates_and_external_ids(project: Project, doc_id: int) -> None:
    result = project.documents.insert([NewDocument(TEXT, "other"), NewDocument("Lain.", "d1")])
    assert (result.inserted, result.skipped_duplicates) == (1, 1)
    ids = [project.documents.get(i).external_id for i in project.documents.ids()]
    assert ids == ["d1", "d1~2"]
