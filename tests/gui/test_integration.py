"""Integration of the window, claims, pre-annotation and label scheme parts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from annotator.core.model import Document, SpanStatus
from annotator.core.recognizers import base
from annotator.core.recognizers.base import Analysis
from annotator.core.store import NewDocument, Project
from annotator.core.text import split_sentences, tokenize
from annotator.gui.controller import EAGER_TOKENS
from annotator.gui.label_dialog import LabelSchemeDialog
from annotator.gui.main_window import MainWindow
from annotator.gui.preannotate_job import SETTING_STANZA_DIR
from tests.fixtures.gui_keys import K, M, press, put_cursor, select

# --- 1. long documents open without tokens: the claims layer asks the controller ----------

def long_text() -> str:
    para = ("Menteri itu mengatakan bahwa harga beras naik tiga persen pekan lalu. "
            "Juru bicara kementerian menyebut angka itu keliru. ")
    text = para * (EAGER_TOKENS // len(para) + 20)
    assert len(text) > EAGER_TOKENS
    return text


def test_claim_keys_work_on_a_long_document(window: MainWindow, seeded: Project) -> None:
    text = long_text()
    seeded.documents.insert([NewDocument(text, external_id="long", lang="id")])
    doc = seeded.documents.by_external_id("long")
    assert doc is not None
    window.open_document(doc.id)
    ctl = window.controller
    assert ctl.doc is not None and ctl.doc.id == doc.id
    assert ctl.doc.sentences == []  # opened without segmenting it
    window.article.setFocus()

    # C in the middle of the document: the reported clause of the sentence under the
    # cursor ("... menyebut angka itu keliru.") becomes a claim
    at = text.index("Juru bicara", 30_000)
    put_cursor(window, at)
    press(window, K.Key_C)
    claims = seeded.claims.list(doc.id)
    assert len(claims) == 1
    sentence = next(s for s in split_sentences(text) if s[0] <= at < s[1])
    clause = text.index("angka itu keliru", at)
    assert (claims[0].start, claims[0].end) == (clause, clause + len("angka itu keliru"))
    assert sentence[0] < clause < sentence[1]
    sentence = (claims[0].start, claims[0].end)

    # a selection of part of words snaps to whole tokens
    start = text.index("harga beras", 40_000)
    select(window, start + 2, start + 9)
    press(window, K.Key_C)
    assert {(c.start, c.end) for c in seeded.claims.list(doc.id)} == {
        sentence, (start, start + len("harga beras"))}


# --- 2. Stanza tokens arriving for the open document replace the fallback ones -------------

def lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class FakeStanza:
    """Stands in for a Stanza recognizer: no suggestions, its own tokens and sentences
    (one sentence a line; the first two tokens merged)."""

    name = "test-tokens"
    version = "1"

    def recognize(self, doc: Document) -> list[base.Suggestion]:
        return []

    def analyze(self, doc: Document) -> Analysis:
        toks = tokenize(doc.text)
        toks[0:2] = [(toks[0][0], toks[1][1])]
        return Analysis([], toks, lines(doc.text))


@pytest.fixture
def fake_stanza() -> Iterator[None]:
    base.register(FakeStanza.name, lambda **_: FakeStanza())
    yield
    base.unregister(FakeStanza.name)


def test_stanza_tokens_reach_the_open_document(qtbot: QtBot, window: MainWindow,
                                               seeded: Project, tmp_path: Path,
                                               fake_stanza: None) -> None:
    window.settings.setValue(SETTING_STANZA_DIR, str(tmp_path / "no-models"))
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    text = doc.text
    window.open_document(doc.id)
    ctl = window.controller
    fallback = ctl.sentences()
    assert fallback == split_sentences(text) and fallback != lines(text)
    assert window.preannotation.start() is not None
    qtbot.waitUntil(lambda: window.preannotation.job is None, timeout=60_000)
    assert seeded.documents.tokens_source(doc.id) == "stanza"
    # the open document now uses them, without being reopened
    assert ctl.doc is not None and ctl.doc.id == doc.id
    assert ctl.doc.tokens_source == "stanza"
    assert ctl.sentences() == lines(text)
    first = tokenize(text)
    assert ctl.tokens()[0] == (first[0][0], first[1][1])
    # the claim recognizer ran after the entity recognizers: suggested claims
    assert seeded.claims.list(doc.id)
    # and the claim key works in the Stanza sentence (here: the whole line): the
    # clause reported by "mengatakan bahwa", inside that line
    at = text.index("akhir tahun lalu AS mengatakan")
    window.article.setFocus()
    put_cursor(window, at)
    press(window, K.Key_C)
    line = next(s for s in lines(text) if s[0] <= at < s[1])
    mine = [c for c in seeded.claims.list(doc.id) if c.status == SpanStatus.ACCEPTED]
    assert len(mine) == 1
    assert text[mine[0].start:].startswith("Korea Utara mengirimkan")
    assert line[0] < mine[0].start < mine[0].end <= line[1]


# --- 3. label keys follow the label scheme without a restart -------------------------------

def set_row(table: QTableWidget, name: str, values: dict[int, str]) -> None:
    row = next((r for r in range(table.rowCount())
                if (item := table.item(r, 0)) is not None and item.text() == name), None)
    if row is None:
        row = table.rowCount()
        table.insertRow(row)
        for col in range(table.columnCount()):
            table.setItem(row, col, QTableWidgetItem(""))
    for col, value in values.items():
        item = table.item(row, col)
        assert item is not None
        item.setText(value)


def test_label_keys_follow_an_edited_scheme(qtbot: QtBot, window: MainWindow,
                                            seeded: Project) -> None:
    doc = seeded.documents.by_external_id("000_6a179d3ec5163f48")
    assert doc is not None
    text = doc.text
    window.open_document(doc.id)
    window.article.setFocus()
    press(window, K.Key_L, M.ControlModifier)  # Ctrl+L: the label scheme editor
    dialog = window.findChild(LabelSchemeDialog)
    assert isinstance(dialog, LabelSchemeDialog)
    entities, claims = dialog.tables["entity"], dialog.tables["claim"]
    set_row(entities, "PER", {2: "7"})  # PER moves from 1 to 7
    set_row(entities, "WEAPON", {0: "WEAPON", 1: "#aa3355", 2: "6", 3: "Arms, named."})
    dialog.originals["entity"].append(None)
    set_row(claims, "RUMOUR", {0: "RUMOUR", 1: "#557700", 2: "0", 3: "Unverified talk."})
    dialog.originals["claim"].append(None)
    dialog.save()
    assert seeded.scheme.get("entity", "WEAPON") is not None
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    window.article.setFocus()

    # the strip shows the new label with its key
    assert "WEAPON" in window.strip.chips
    assert "6" in window.strip.chips["WEAPON"].text()
    # 7 labels a selection PER, 6 labels one WEAPON, 1 no longer does anything
    kim = text.index("Kim Jong Un")
    select(window, kim, kim + len("Kim Jong Un"))
    press(window, K.Key_7)
    rusia = text.index("Rusia")
    select(window, rusia, rusia + len("Rusia"))
    press(window, K.Key_6)
    putin = text.index("Putin")
    select(window, putin, putin + len("Putin"))
    press(window, K.Key_1)
    spans = {(e.start, e.end, e.label) for e in seeded.spans.list(doc.id)}
    assert (kim, kim + len("Kim Jong Un"), "PER") in spans
    assert (rusia, rusia + len("Rusia"), "WEAPON") in spans
    assert not any(s == putin for s, _e, _l in spans)
    # Alt+0 makes the sentence under the cursor a RUMOUR claim
    at = text.index("akhir tahun lalu AS mengatakan")
    put_cursor(window, at)
    press(window, K.Key_0, M.AltModifier)
    assert [c.label for c in seeded.claims.list(doc.id)] == ["RUMOUR"]
    # the Annotate > Label menu lists the new label
    assert "Label as WEAPON" in [a.text() for a in window.label_menu.actions()]


# --- 6. what a person sees ------------------------------------------------------------------

def test_claim_table_leaves_room_for_the_claim_text(qtbot: QtBot, window: MainWindow,
                                                    seeded: Project) -> None:
    from annotator.core.claims import preannotate_claims

    preannotate_claims(seeded)
    window.resize(1400, 900)
    doc_id = seeded.documents.ids()[0]
    window.open_document(doc_id)
    window.side.setCurrentIndex(1)
    panel = window.claims.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.table.isVisible())
    assert panel.table.rowCount() > 0
    header = panel.table.horizontalHeader()
    claim_col = next(c for c in range(panel.table.columnCount())
                     if panel.table.horizontalHeaderItem(c).text() == "Claim")  # type: ignore[union-attr]
    assert header.sectionSize(claim_col) >= 150  # was ~45 px: three letters of the claim


def test_status_row_is_never_empty_and_never_doubled(qtbot: QtBot, window: MainWindow,
                                                     seeded: Project) -> None:
    bar = window.statusBar()
    guideline = window.strip.guideline
    assert bar.isAncestorOf(guideline)  # the guideline rests in the status bar row
    window.open_document(seeded.documents.ids()[0])
    assert guideline.isVisible() and guideline.text()
    bar.showMessage("a note")
    assert not guideline.isVisible()  # a message covers it, never overlaps it
    bar.clearMessage()
    assert guideline.isVisible()
    window.open_document(None)
    assert guideline.text() == "Pick a document on the left."


def test_claim_label_text_contrasts_with_its_colour() -> None:
    from PySide6.QtGui import QColor

    from annotator.gui.claim_panel import _luminance, text_on

    def ratio(a: QColor, b: QColor) -> float:
        hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for colour in ("#e63946", "#457b9d", "#9d4edd", "#2a9d8f", "#f4a261", "#ffe66d"):
        bg = QColor(colour)
        chosen = text_on(bg)
        other = QColor("#ffffff" if chosen.name() == "#111111" else "#111111")
        assert ratio(bg, chosen) >= max(3.0, ratio(bg, other))


def test_all_done_project_says_so(qtbot: QtBot, window: MainWindow, seeded: Project) -> None:
    seeded.db.execute("UPDATE documents SET status = 'done'")
    window.open_last_document()
    assert "All 5 documents are done" in window.statusBar().currentMessage()
    window.open_document(None)
    assert "export" in window.strip.hints.text()
