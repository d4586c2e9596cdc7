"""Marking claims on a seed article with real key presses; the store; undo."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.claims import preannotate_claims
from annotator.core.editing import Editor
from annotator.core.model import SpanStatus
from annotator.core.store import Project
from annotator.gui.claim_panel import lanes
from annotator.gui.label_dialog import LabelSchemeDialog, apply_scheme
from annotator.gui.main_window import MainWindow
from tests.fixtures.gui_keys import K, M, press, put_cursor, select


def add_entity(project: Project, doc_id: int, needle: str, label: str) -> int:
    text = project.documents.get(doc_id).text
    start = text.index(needle)
    cmd = cmds.AddEntity(doc_id, start, start + len(needle), label)
    project.execute(cmd)
    assert cmd.entity_id is not None
    return cmd.entity_id


def test_mark_a_claim_from_the_keyboard(window: MainWindow, seeded: Project,
                                        qtbot: QtBot) -> None:
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    text = doc.text
    kirby = add_entity(seeded, doc.id, "Kirby", "PER")
    wagner = add_entity(seeded, doc.id, "Wagner", "ORG")
    window.open_document(doc.id)
    window.article.setFocus()
    layer = window.claims

    # C on the sentence "... AS mengatakan bahwa Korea Utara mengirimkan ..."
    sentence_at = text.index("akhir tahun lalu AS mengatakan")
    put_cursor(window, sentence_at)
    press(window, K.Key_C)
    stored = seeded.claims.list(doc.id)
    assert len(stored) == 1
    claim = stored[0]
    assert claim.status == SpanStatus.ACCEPTED and claim.source == "manual"
    # reported speech: the reported clause, not the whole sentence (guideline shape)
    clause = "Korea Utara mengirimkan roket dan rudal infanteri ke Rusia untuk digunakan " \
        "oleh pasukan Wagner"
    assert text[claim.start:claim.end] == clause
    # the recognizer's cue and attributes came along
    assert claim.cue is not None and text[claim.cue[0]:claim.cue[1]] == "mengatakan"
    assert claim.attrs == {"quote": "indirect", "stance": "asserts"}
    assert layer.focused_id == claim.id

    # Alt+3: OPINION; Alt+1: CHECKWORTHY
    press(window, K.Key_3, M.AltModifier)
    assert seeded.claims.get(claim.id or 0).label == "OPINION"  # type: ignore[union-attr]
    press(window, K.Key_1, M.AltModifier)
    assert seeded.claims.get(claim.id or 0).label == "CHECKWORTHY"  # type: ignore[union-attr]

    # W cycles the claimant through PER/ORG of the sentence and its neighbours
    candidates = layer.claimants(claim)
    assert wagner in candidates
    press(window, K.Key_W)
    first = seeded.claims.get(claim.id or 0)
    assert first is not None and first.claimant_id == candidates[0]
    assert first.claimant_text is None
    for _ in range(len(candidates)):
        press(window, K.Key_W)
    assert seeded.claims.get(claim.id or 0).claimant_id is None  # type: ignore[union-attr]

    # Q and Shift+S
    press(window, K.Key_Q)
    press(window, K.Key_S, M.ShiftModifier)
    c = seeded.claims.get(claim.id or 0)
    assert c is not None and c.attrs == {"quote": "direct", "stance": "denies"}

    # U: the selection becomes the cue
    verb = text.index("mengatakan", sentence_at)
    select(window, verb + 2, verb + 6)  # part of the word: snapped to the whole word
    press(window, K.Key_U)
    c = seeded.claims.get(claim.id or 0)
    assert c is not None and c.cue == (verb, verb + len("mengatakan"))

    # the panel lists it with its label
    panel = layer.panel
    assert panel is not None
    assert panel.table.rowCount() == 1
    assert "CHECKWORTHY" in panel.table.item(0, 0).text()  # type: ignore[union-attr]

    # a selection + Alt+4 makes a second claim labelled PREDICTION, with the quote's speaker
    quote = text.index("Berdasarkan potensi")
    quote_end = text.index("industri pertahanan Rusia") + len("industri pertahanan Rusia")
    select(window, quote, quote_end)
    press(window, K.Key_4, M.AltModifier)
    second = [x for x in seeded.claims.list(doc.id) if x.id != claim.id]
    assert len(second) == 1
    assert (second[0].start, second[0].end, second[0].label) == (quote, quote_end, "PREDICTION")
    assert second[0].claimant_id == kirby
    assert second[0].attrs["quote"] == "direct"

    # undo, step by step, back to no claim; redo once
    for _ in range(12):
        press(window, K.Key_Z, M.ControlModifier)
    assert seeded.claims.list(doc.id) == []
    press(window, K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert len(seeded.claims.list(doc.id)) == 1

    # Alt+Delete never removes a claim it did not focus (the one under the cursor stays)
    put_cursor(window, text.index(clause) + 1)
    layer.focus(None)
    press(window, K.Key_Delete, M.AltModifier)
    assert len(seeded.claims.list(doc.id)) == 1
    assert "nothing removed" in window.statusBar().currentMessage()
    press(window, K.Key_BracketRight)  # ] focuses it; now Alt+Delete deletes it
    press(window, K.Key_Delete, M.AltModifier)
    assert seeded.claims.list(doc.id) == []
    assert window.statusBar().currentMessage().startswith("deleted claim")
    assert seeded.claims.list(doc.id, include_rejected=True) == []


def test_suggested_claims_confirm_and_reject(window: MainWindow, seeded: Project,
                                             qtbot: QtBot) -> None:
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    add_entity(seeded, doc.id, "Kirby", "PER")
    result = preannotate_claims(seeded, [doc.id], lang="id")
    assert result.added > 2
    window.open_document(doc.id)
    window.article.setFocus()
    layer = window.claims
    assert all(c.status == SpanStatus.SUGGESTED for c in layer.claims)
    first = layer.current()  # a new document: its first suggested claim is focused
    assert first is not None and first.id == layer.claims[0].id
    press(window, K.Key_2, M.AltModifier)  # label key confirms
    c = seeded.claims.get(first.id or 0)
    assert c is not None and (c.label, c.status) == ("FACTUAL", SpanStatus.ACCEPTED)
    press(window, K.Key_BracketRight)
    second = layer.current()
    assert second is not None and second.id != first.id
    press(window, K.Key_Delete, M.AltModifier)  # a suggestion is rejected, not deleted
    rejected = seeded.claims.get(second.id or 0)
    assert rejected is not None and rejected.status == SpanStatus.REJECTED
    assert preannotate_claims(seeded, [doc.id], lang="id").added == 0
    # the overlay paints (smoke: a grab with claims does not fail and has the layer's size)
    overlay = layer.overlay
    assert overlay is not None and overlay.geometry() == window.article.viewport().geometry()
    assert not overlay.grab().isNull()


def test_lanes_separate_overlapping_claims() -> None:
    from annotator.core.model import Claim

    claims = [Claim(1, 0, 10, "A", id=1), Claim(1, 5, 20, "A", id=2),
              Claim(1, 12, 30, "A", id=3), Claim(1, 40, 50, "A", id=4)]
    got = lanes(claims)
    assert got[1] != got[2] and got[2] != got[3]
    assert got[4] == 0


def test_label_scheme_rename_and_refusal(window: MainWindow, seeded: Project) -> None:
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    add_entity(seeded, doc.id, "Kirby", "PER")
    seeded.execute(cmds.AddClaim(cmds.Claim(doc.id, 0, 10, "OPINION")))
    dialog = LabelSchemeDialog(window.controller.editor, window)
    table = dialog.tables["claim"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "OPINION")
    table.item(row, 0).setText("VIEW")  # type: ignore[union-attr]
    table.item(row, 1).setText("#123456")  # type: ignore[union-attr]
    dialog.save()
    assert seeded.scheme.get("claim", "VIEW") is not None
    assert seeded.scheme.get("claim", "VIEW").color == "#123456"  # type: ignore[union-attr]
    assert [c.label for c in seeded.claims.list(doc.id)] == ["VIEW"]
    # removing a label in use is refused and changes nothing
    scheme = seeded.scheme
    without_per = type(scheme)([lab for lab in scheme.entities if lab.name != "PER"],
                               scheme.claims, scheme.claim_attributes)
    import pytest

    from annotator.core.model import AnnotatorError

    with pytest.raises(AnnotatorError, match="PER"):
        apply_scheme(Editor(seeded), without_per, {})
    assert seeded.scheme.get("entity", "PER") is not None
