"""The core editor and the store's guarantees under undo: explicit decisions, label
renames inside the history, ids never reused, reverts that check their row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core import commands as cmds
from annotator.core.editing import Editor
from annotator.core.model import AnnotatorError, DocStatus, EntitySpan, SpanStatus
from annotator.core.recognizers import preannotate
from annotator.core.store import NewDocument, Project

TEXT = "Presiden Putin menerima Kim Jong Un di Rusia pada hari Rabu."
OTHER = "Kim Jong Un kembali ke Korea Utara setelah kunjungan ke Rusia."


def _docs(project: Project) -> list[int]:
    return project.documents.insert(
        [NewDocument(TEXT, "a", lang="id"), NewDocument(OTHER, "b", lang="id")]).doc_ids


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_an_undone_relabel_is_a_suggestion_again_for_the_next_run(project: Project) -> None:
    """Bug: after relabel + undo the suggestion counted as a person's decision for
    ever (``updated_at != created_at``), so a later run never replaced it."""
    doc_id = _docs(project)[0]
    start, end = _at(TEXT, "Rusia")
    wrong = EntitySpan(doc_id, start, end, "PER", SpanStatus.SUGGESTED, "gazetteer", 0.5)
    with project.transaction():
        project.spans.insert(wrong)
    assert wrong.id is not None and not project.spans.get(wrong.id).decided  # type: ignore[union-attr]
    editor = Editor(project)
    editor.relabel(wrong, "LOC")
    decided = project.spans.get(wrong.id)
    assert decided is not None and decided.decided and decided.status == SpanStatus.ACCEPTED
    editor.undo(doc_id)
    back = project.spans.get(wrong.id)
    assert back is not None and (back.label, back.status) == ("PER", SpanStatus.SUGGESTED)
    assert not back.decided and back.decided_by is None

    report = preannotate(project, ["gazetteer"], [doc_id])
    assert report.dropped_human == 0
    rusia = [e for e in project.spans.list(doc_id) if (e.start, e.end) == (start, end)]
    assert [(e.label, e.source, e.status) for e in rusia] == [
        ("LOC", "gazetteer", SpanStatus.SUGGESTED)]


def test_a_decision_survives_the_next_run(project: Project) -> None:
    doc_id = _docs(project)[0]
    start, end = _at(TEXT, "Rusia")
    sug = EntitySpan(doc_id, start, end, "LOC", SpanStatus.SUGGESTED, "gazetteer", 0.5)
    with project.transaction():
        project.spans.insert(sug)
    project.annotator = "ana"
    Editor(project).update_span(sug.id or 0, {"status": SpanStatus.REJECTED})
    preannotate(project, ["gazetteer"], [doc_id])
    row = project.spans.get(sug.id or 0)
    assert row is not None and row.status == SpanStatus.REJECTED
    assert row.decided and row.decided_by == "ana"


def test_rename_in_the_scheme_reaches_undo_and_redo(project: Project) -> None:
    """Bug: relabel to ORG, rename ORG in the scheme, undo, redo gave the span the old
    name back, a label the scheme no longer has."""
    doc_id = _docs(project)[0]
    editor = Editor(project)
    span_id = editor.label_span(doc_id, *_at(TEXT, "Putin"), "PER", text=TEXT)
    editor.update_span(span_id, {"label": "ORG"})
    scheme = project.scheme
    renamed = type(scheme)(
        entities=[e if e.name != "ORG" else type(e)("ORGANISASI", e.kind, e.color, e.hotkey,
                                                     e.guideline) for e in scheme.entities],
        claims=scheme.claims)
    editor.edit_scheme(renamed, {"entity": {"ORG": "ORGANISASI"}})
    assert project.spans.get(span_id).label == "ORGANISASI"  # type: ignore[union-attr]
    editor.undo(doc_id)
    assert project.spans.get(span_id).label == "PER"  # type: ignore[union-attr]
    editor.redo(doc_id)
    label = project.spans.get(span_id).label  # type: ignore[union-attr]
    assert label == "ORGANISASI" and label in project.scheme.names("entity")
    assert "edit_scheme" in [e["action"] for e in project.events.list()]


def test_ids_are_never_reused_so_undo_stays_in_its_document(project: Project) -> None:
    """Issue 15.2: SQLite reused the highest deleted id; the first undo then failed and
    the next one deleted another document's span."""
    first, second = _docs(project)
    editor = Editor(project)
    mine = editor.label_span(first, *_at(TEXT, "Rusia"), "LOC", text=TEXT)
    editor.remove_span(mine)
    # any insert elsewhere: an edit in another document, an import, a run
    theirs = editor.label_span(second, *_at(OTHER, "Rusia"), "LOC", text=OTHER)
    project.documents.insert([NewDocument("Putin di Moskow.", "c",
                                          entities=[EntitySpan(0, 0, 5, "PER")])])
    assert theirs != mine
    editor.undo(first)  # the removal: the span is back, with its own id
    assert [e.id for e in project.spans.list(first)] == [mine]
    editor.undo(first)  # the addition
    assert project.spans.list(first) == []
    assert [e.id for e in project.spans.list(second)] == [theirs]
    with sqlite3.connect(project.path) as raw:
        assert raw.execute("SELECT max(id) FROM entities").fetchone()[0] > mine


def test_a_revert_refuses_a_row_that_is_no_longer_its_own(project: Project) -> None:
    doc_id = _docs(project)[0]
    editor = Editor(project)
    span_id = editor.label_span(doc_id, *_at(TEXT, "Putin"), "PER", text=TEXT)
    with Project(project.path) as other:  # another window relabels it
        other.execute(cmds.relabel(span_id, "ORG"))
    events = len(project.events.list())
    with pytest.raises(AnnotatorError, match=r"cannot undo add PER.*changed since"):
        editor.undo(doc_id)
    assert project.spans.get(span_id).label == "ORG"  # type: ignore[union-attr]
    assert len(project.events.list()) == events
    assert not editor.can_undo(doc_id)  # the stale step is dropped, nothing else


def test_editor_rules_first_edit_and_labelling_over_suggestions(project: Project) -> None:
    doc_id = _docs(project)[0]
    start, end = _at(TEXT, "Kim Jong Un")
    sug = EntitySpan(doc_id, start, start + 3, "PER", SpanStatus.SUGGESTED, "gazetteer", 0.5)
    with project.transaction():
        project.spans.insert(sug)
    editor = Editor(project)
    made = editor.label_span(doc_id, start, end, "PER", text=TEXT)
    assert project.documents.status(doc_id) == DocStatus.IN_PROGRESS
    assert project.spans.get(sug.id or 0).status == SpanStatus.REJECTED  # type: ignore[union-attr]
    assert editor.undo_text(doc_id) == "add PER"
    editor.undo(doc_id)  # one step: the span, the rejection and the status
    assert project.spans.get(made) is None
    assert project.spans.get(sug.id or 0).status == SpanStatus.SUGGESTED  # type: ignore[union-attr]
    assert project.documents.status(doc_id) == DocStatus.NEW


def test_machine_writes_are_logged_and_not_undoable(project: Project) -> None:
    doc_id = _docs(project)[0]
    preannotate(project, ["gazetteer"], [doc_id])
    actions = [e["action"] for e in project.events.list(doc_id)]
    assert actions == ["preannotate"]
    with pytest.raises(AnnotatorError, match="cannot be undone"):
        project.revert(cmds.MachineWrite("preannotate", doc_id, lambda p: {}))


def test_listeners_hear_once_after_the_commit(project: Project) -> None:
    doc_id = _docs(project)[0]
    heard: list[tuple[bool, object]] = []
    project.add_listener(lambda c: heard.append((project.db.conn.in_transaction, c)))
    with project.transaction():
        project.execute(cmds.AddEntity(doc_id, *_at(TEXT, "Putin"), "PER"))
        project.execute(cmds.SetDocumentStatus(doc_id, DocStatus.DONE))
        assert heard == []
    assert len(heard) == 1
    in_transaction, changes = heard[0]
    assert in_transaction is False
    assert changes.doc_ids == {doc_id} and changes.spans and changes.status  # type: ignore[attr-defined]
    assert not changes.claims and not changes.scheme  # type: ignore[attr-defined]


V1_TABLES = """
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'accepted', source TEXT NOT NULL DEFAULT 'manual',
    score REAL, annotator TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX entities_doc ON entities(doc_id, start);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL,
    claimant_id INTEGER REFERENCES entities(id) ON DELETE SET NULL, claimant_text TEXT,
    cue_start INTEGER, cue_end INTEGER, attrs TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'accepted', source TEXT NOT NULL DEFAULT 'manual',
    score REAL, annotator TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX claims_doc ON claims(doc_id, start);
"""


def test_migration_keeps_rows_and_makes_decisions_explicit(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Project(path) as fresh:  # then wind it back to the first schema
        fresh.documents.insert([NewDocument(TEXT, "a")])
    raw = sqlite3.connect(path)
    raw.executescript("""
        DROP TABLE claims; DROP TABLE entities;
        DELETE FROM _sqlite_migrations WHERE name = 'm002_decisions_and_unique_ids';
        PRAGMA user_version = 1;""")
    raw.commit()
    raw.close()
    db = sqlite_utils.Database(path)
    db.conn.executescript(V1_TABLES)
    stamp, later = "2026-01-01T00:00:00.000+00:00", "2026-01-02T00:00:00.000+00:00"
    db.conn.executemany(
        'INSERT INTO entities (id, doc_id, start, "end", label, status, source, annotator, '
        "created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, 9, 14, "PER", "suggested", "gazetteer", None, stamp, stamp),
         (2, 39, 44, "LOC", "suggested", "gazetteer", None, stamp, later),
         (3, 24, 35, "PER", "accepted", "manual", "ana", stamp, stamp)])
    db.conn.execute(
        'INSERT INTO claims (id, doc_id, start, "end", label, claimant_id, created_at, '
        "updated_at) VALUES (1, 1, 0, 44, 'FACTUAL', 3, ?, ?)", [stamp, stamp])
    db.conn.commit()
    db.conn.close()
    with Project(path) as project:
        ents = {e.id: e for e in project.spans.list(1)}
        assert [ents[i].decided for i in (1, 2, 3)] == [False, True, True]
        assert ents[3].decided_by == "ana"
        assert project.claims.list(1)[0].claimant_id == 3  # links kept
        project.execute(cmds.RemoveEntity(3))
        added = cmds.AddEntity(1, 24, 27, "PER")
        project.execute(added)
        assert added.entity_id == 4  # never 3 again
