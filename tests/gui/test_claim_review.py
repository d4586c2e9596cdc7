"""Reviewing claims in the window with real key presses (issue 16, window points 1-4)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core import commands as cmds
from annotator.core.claims import preannotate_claims
from annotator.core.model import SpanStatus
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow
from annotator.gui.preannotate_job import SETTING_STANZA_DIR
from tests.fixtures.gui_keys import K, M, press, put_cursor

SEED = "000_6a179d3ec5163f48"


def add_entity(project: Project, doc_id: int, needle: str, label: str) -> int:
    text = project.documents.get(doc_id).text
    start = text.index(needle)
    cmd = cmds.AddEntity(doc_id, start, start + len(needle), label)
    project.execute(cmd)
    assert cmd.entity_id is not None
    return cmd.entity_id


def suggested_doc(project: Project, keep: int | None = None) -> int:
    """The seed article with the recognizer's suggested claims (the first ``keep``)."""
    doc = project.documents.by_external_id(SEED)
    assert doc is not None
    add_entity(project, doc.id, "Kirby", "PER")
    assert preannotate_claims(project, [doc.id], lang="id").added >= 3
    if keep is not None:
        for claim in project.claims.list(doc.id)[keep:]:
            assert claim.id is not None
            project.claims.delete(claim.id)
    return doc.id


def test_alt_delete_never_removes_a_claim_it_did_not_focus(window: MainWindow,
                                                           seeded: Project) -> None:
    """The reported data loss: ], Alt+Enter, ], Alt+Delete, Alt+Delete deleted the
    accepted claim (the key fell back to the claim under the text cursor)."""
    doc_id = suggested_doc(seeded, keep=2)
    window.open_document(doc_id)
    window.article.setFocus()
    layer = window.claims
    first, second = seeded.claims.list(doc_id)
    put_cursor(window, first.start + 1)  # the text cursor rests in the first claim
    layer.focus(None)
    press(window, K.Key_BracketRight)  # ]: the claim under the cursor
    assert layer.focused_id == first.id
    press(window, K.Key_Return, M.AltModifier)  # accept
    assert seeded.claims.get(first.id or 0).status == SpanStatus.ACCEPTED  # type: ignore[union-attr]
    assert window.statusBar().currentMessage().startswith("accepted claim")
    assert layer.focused_id == second.id  # on to the next suggestion
    put_cursor(window, first.start + 1)  # the cursor back in the accepted claim
    layer.focus(second.id)
    press(window, K.Key_Delete, M.AltModifier)  # reject the focused suggestion
    assert seeded.claims.get(second.id or 0).status == SpanStatus.REJECTED  # type: ignore[union-attr]
    assert window.statusBar().currentMessage().startswith("rejected claim")
    assert layer.focused_id is None  # no suggestion left to move on to
    press(window, K.Key_Delete, M.AltModifier)  # again: nothing focused, nothing removed
    kept = seeded.claims.get(first.id or 0)
    assert kept is not None and kept.status == SpanStatus.ACCEPTED
    assert "nothing removed" in window.statusBar().currentMessage()


def test_c_in_a_quote_claims_the_quoted_words(window: MainWindow, seeded: Project) -> None:
    doc = seeded.documents.by_external_id(SEED)
    assert doc is not None
    add_entity(seeded, doc.id, "Kirby", "PER")
    text = doc.text
    window.open_document(doc.id)
    window.article.setFocus()
    opening = text.index('"Berdasarkan potensi')
    closing = text.index('"', opening + 1)
    put_cursor(window, text.index("kesepakatan ini", opening))
    press(window, K.Key_C)
    claims = seeded.claims.list(doc.id)
    assert len(claims) == 1
    claim = claims[0]
    quoted = text[opening + 1:closing].rstrip(" ,.")
    # the quoted words: no quotation marks, no attribution ("kata Kirby")
    assert text[claim.start:claim.end].rstrip(" ,.") == quoted
    assert claim.attrs.get("quote") == "direct"
    assert window.statusBar().currentMessage().startswith("claimed")


def test_focused_claim_edges_move_with_the_keys(window: MainWindow, seeded: Project) -> None:
    doc_id = suggested_doc(seeded, keep=1)
    text = seeded.documents.get(doc_id).text
    window.open_document(doc_id)
    window.article.setFocus()
    claim = seeded.claims.list(doc_id)[0]
    assert window.claims.focused_id == claim.id
    press(window, K.Key_Period, M.AltModifier)  # Alt+. : the end one word further
    moved = seeded.claims.get(claim.id or 0)
    assert moved is not None and moved.end > claim.end and moved.start == claim.start
    assert moved.status == SpanStatus.ACCEPTED  # touching a suggestion confirms it
    press(window, K.Key_Comma, M.AltModifier)  # Alt+, : back
    assert seeded.claims.get(claim.id or 0).end == claim.end  # type: ignore[union-attr]
    press(window, K.Key_Right, M.AltModifier)  # narrow at the start by a word
    narrowed = seeded.claims.get(claim.id or 0)
    assert narrowed is not None and narrowed.start > claim.start
    assert not text[narrowed.start].isspace()
    press(window, K.Key_Left, M.AltModifier | M.ShiftModifier)  # the old key still works
    assert seeded.claims.get(claim.id or 0).end < claim.end  # type: ignore[union-attr]


def test_review_moves_on_and_accepts_all(window: MainWindow, seeded: Project) -> None:
    doc_id = suggested_doc(seeded)
    window.open_document(doc_id)
    window.article.setFocus()
    layer = window.claims
    claims = seeded.claims.list(doc_id)
    assert layer.focused_id == claims[0].id
    press(window, K.Key_Return, M.AltModifier)
    assert layer.focused_id == claims[1].id  # Alt+Enter moves on
    press(window, K.Key_Delete, M.AltModifier)
    assert layer.focused_id == claims[2].id  # Alt+Delete moves on
    press(window, K.Key_A, M.AltModifier)  # every suggested claim, one key, one undo step
    statuses = [c.status for c in seeded.claims.list(doc_id, include_rejected=True)]
    assert SpanStatus.SUGGESTED not in statuses
    assert statuses.count(SpanStatus.REJECTED) == 1
    press(window, K.Key_Z, M.ControlModifier)
    assert sum(c.status == SpanStatus.SUGGESTED for c in seeded.claims.list(doc_id)) == \
        len(claims) - 2


def test_claim_editors_blank_and_disabled_without_a_focused_claim(
        window: MainWindow, seeded: Project) -> None:
    doc_id = suggested_doc(seeded)
    window.open_document(doc_id)
    panel = window.claims.panel
    assert panel is not None
    assert panel.editor.isEnabled() and panel.label_box.currentText()
    other = next(i for i in seeded.documents.ids() if i != doc_id)
    window.open_document(other)  # no claims there
    assert not panel.editor.isEnabled()
    assert not panel.delete_button.isEnabled()
    for box in (panel.label_box, panel.claimant_box, panel.quote_box, panel.stance_box):
        assert box.currentIndex() == -1 and box.currentText() == ""


def test_no_claim_label_menu_items_without_a_label(window: MainWindow) -> None:
    claims_menu = window.menus["Claims"]
    shown = [a.text() for a in claims_menu.actions() if a.isVisible()]
    assert any(t.startswith("Claim label 1:") for t in shown)
    assert not any(t.startswith(("Claim label 6", "Claim label 9")) for t in shown)


def test_preannotation_in_the_window_suggests_claims(qtbot: QtBot, window: MainWindow,
                                                     seeded: Project, tmp_path: Path) -> None:
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    doc = seeded.documents.by_external_id(SEED)
    assert doc is not None
    window.open_document(doc.id)
    assert seeded.claims.list(doc.id) == []
    assert window.preannotation.start() is not None
    qtbot.waitUntil(lambda: window.preannotation.job is None, timeout=60_000)
    claims = seeded.claims.list(doc.id)
    assert claims and all(c.status == SpanStatus.SUGGESTED for c in claims)
    assert window.claims.claims  # the open document shows them
    assert window.preannotation.last_claims >= len(claims)


def test_keyboard_review_takes_one_key_a_claim(window: MainWindow, seeded: Project) -> None:
    """A scripted review of an article's suggested claims: accept the good ones, reject
    the bad ones, one key each (counted)."""
    doc_id = suggested_doc(seeded)
    text = seeded.documents.get(doc_id).text
    window.open_document(doc_id)
    window.article.setFocus()
    layer = window.claims
    todo = seeded.claims.list(doc_id)
    keys = 0
    decided: dict[int, SpanStatus] = {}
    while (claim := layer.focused()) is not None and claim.status == SpanStatus.SUGGESTED:
        # the script's "judgement": a claim of three words or fewer is rejected
        bad = len(text[claim.start:claim.end].split()) <= 3
        press(window, K.Key_Delete if bad else K.Key_Return, M.AltModifier)
        keys += 1
        decided[claim.id or 0] = SpanStatus.REJECTED if bad else SpanStatus.ACCEPTED
        assert keys <= len(todo)
    after = {c.id: c.status for c in seeded.claims.list(doc_id, include_rejected=True)}
    assert decided == {c.id: after[c.id] for c in todo}
    assert len(decided) == len(todo)
    print(f"\nclaim review: {keys} keys for {len(todo)} suggested claims "
          f"({keys / len(todo):.2f} per claim)")
    assert keys <= len(todo)


def test_theme_switch_keeps_the_focused_claim(window: MainWindow, seeded: Project) -> None:
    doc_id = suggested_doc(seeded)
    window.open_document(doc_id)
    window.article.setFocus()
    layer = window.claims
    press(window, K.Key_BracketRight)
    focused = layer.focused_id
    assert focused is not None
    press(window, K.Key_D, M.ControlModifier | M.ShiftModifier)  # dark theme
    assert layer.focused_id == focused
    window.action_table["toggle_dark"].trigger()  # and back
    assert layer.focused_id == focused
