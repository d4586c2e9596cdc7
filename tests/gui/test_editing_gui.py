"""The window's edits through the core editor: regressions of issue 14."""

from __future__ import annotations

from annotator.core.editing import PROPAGATION
from annotator.core.model import SpanStatus
from annotator.core.store import Project
from annotator.gui.label_dialog import LabelSchemeDialog
from annotator.gui.main_window import MainWindow

SEED = "000_6a179d3ec5163f48"


def _word(text: str, word: str) -> int:
    k = text.index(f" {word}")
    return k + 1


def test_an_undone_split_inside_a_word_leaves_no_split_behind(window: MainWindow,
                                                              seeded: Project) -> None:
    """Bug: make `Rus` in `Rusia`, switch document and back, undo: labelling inside
    `Rusia` made `Rus` again (the window kept the store's already split tokens)."""
    doc = seeded.documents.by_external_id(SEED)
    assert doc is not None
    ctl = window.controller
    window.open_document(doc.id)
    start = _word(doc.text, "Rusia")
    ctl.char_precision = True
    assert ctl.label_range(start, start + 3, "LOC")
    assert [doc.text[e.start:e.end] for e in ctl.entities] == ["Rus"]
    other = next(i for i in seeded.documents.ids() if i != doc.id)
    window.open_document(other)
    window.open_document(doc.id)
    ctl.tokens()  # tokens loaded while the split span exists
    ctl.undo_edit()
    assert ctl.entities == []
    ctl.char_precision = False
    assert ctl.label_range(start + 1, start + 2, "LOC")
    # (the other mentions of "Rusia" became suggestions: propagation)
    assert [doc.text[e.start:e.end] for e in ctl.entities
            if e.source != PROPAGATION] == ["Rusia"]


def test_scheme_rename_then_undo_redo_keeps_the_new_name(window: MainWindow,
                                                         seeded: Project) -> None:
    """Bug: relabel to ORG, rename ORG in the scheme editor, undo, redo: the span got
    the old name back, a label the scheme no longer has."""
    doc = seeded.documents.by_external_id(SEED)
    assert doc is not None
    ctl = window.controller
    window.open_document(doc.id)
    start = _word(doc.text, "Rusia")
    assert ctl.label_range(start, start + 5, "LOC")
    ctl.relabel_focused("ORG")
    span_id = ctl.focused_id
    assert span_id is not None
    dialog = LabelSchemeDialog(ctl.editor, window)
    table = dialog.tables["entity"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "ORG")
    table.item(row, 0).setText("ORGANISASI")  # type: ignore[union-attr]
    dialog.save()
    assert seeded.spans.get(span_id).label == "ORGANISASI"  # type: ignore[union-attr]
    undo = window.action_table["undo"]
    assert undo.isEnabled() and "relabel" in undo.text()
    ctl.undo_edit()
    assert seeded.spans.get(span_id).label == "LOC"  # type: ignore[union-attr]
    assert window.action_table["redo"].isEnabled()
    ctl.redo_edit()
    span = seeded.spans.get(span_id)
    assert span is not None and span.label == "ORGANISASI"
    assert span.status == SpanStatus.ACCEPTED and span.decided
    assert "ORGANISASI" in seeded.scheme.names("entity")


def test_one_relabel_is_one_notification_and_few_reads(window: MainWindow,
                                                       seeded: Project) -> None:
    """After the commit, listeners hear once what changed and re-read only that."""
    doc = seeded.documents.by_external_id(SEED)
    assert doc is not None
    ctl = window.controller
    window.open_document(doc.id)
    start = _word(doc.text, "Rusia")
    assert ctl.label_range(start, start + 5, "LOC")
    heard: list[object] = []
    ctl.changed.connect(heard.append)
    statements: list[str] = []
    seeded.db.conn.set_trace_callback(statements.append)
    try:
        ctl.relabel_focused("ORG")
    finally:
        seeded.db.conn.set_trace_callback(None)
    assert len(heard) == 1
    changes = heard[0]
    assert changes.doc_ids == {doc.id} and changes.spans  # type: ignore[attr-defined]
    assert not changes.status and not changes.documents_added  # type: ignore[attr-defined]
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # document status (first-edit rule), the span (checked by the command), then the
    # open document's spans and claims (a claimant's name is its entity's text)
    assert len(reads) <= 4, reads
