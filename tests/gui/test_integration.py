"""Integration of the window, claims, pre-annotation and label scheme parts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from annotator.core.recognizers import base
from annotator.core.recognizers.base import Analysis
from annotator.core.store import NewDocument, Project
from annotator.core.text import split_sentences
from annotator.gui.controller import EAGER_TOKENS
from annotator.gui.main_window import MainWindow

K = Qt.Key
M = Qt.KeyboardModifier


def press(window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier = M.NoModifier) -> None:
    QTest.keyClick(window.focusWidget() or window.article, key, mods)


def put_cursor(window: MainWindow, cp: int) -> None:
    cursor = window.article.textCursor()
    cursor.setPosition(window.controller.to_utf16(cp))
    window.article.setTextCursor(cursor)


def select(window: MainWindow, start: int, end: int) -> None:
    to16 = window.controller.to_utf16
    cursor = window.article.textCursor()
    cursor.setPosition(to16(start))
    cursor.setPosition(to16(end), QTextCursor.MoveMode.KeepAnchor)
    window.article.setTextCursor(cursor)


# --- 1. long documents open without tokens: the claims layer asks the controller ----------

def long_text() -> str:
    para = ("Menteri itu mengatakan bahwa harga beras naik tiga persen pekan lalu. "
            "Juru bicara kementerian menyebut angka itu keliru. ")
    text = para * (EAGER_TOKENS // len(para) + 20)
    assert len(text) > EAGER_TOKENS
    return text


def test_claim_keys_work_on_a_long_document(window: MainWindow, seeded: Project) -> None:
    text = long_text()
    seeded.insert_documents([NewDocument(text, external_id="long", lang="id")])
    doc = seeded.document_by_external_id("long")
    assert doc is not None
    window.open_document(doc.id)
    ctl = window.controller
    assert ctl.doc is not None and ctl.doc.id == doc.id
    assert ctl.doc.sentences == []  # opened without segmenting it
    window.article.setFocus()

    # C in the middle of the document: the sentence under the cursor becomes a claim
    at = text.index("Juru bicara", 30_000)
    put_cursor(window, at)
    press(window, K.Key_C)
    claims = seeded.claims(doc.id)
    assert len(claims) == 1
    sentence = next(s for s in split_sentences(text) if s[0] <= at < s[1])
    assert (claims[0].start, claims[0].end) == sentence

    # a selection of part of words snaps to whole tokens
    start = text.index("harga beras", 40_000)
    select(window, start + 2, start + 9)
    press(window, K.Key_C)
    assert {(c.start, c.end) for c in seeded.claims(doc.id)} == {
        sentence, (start, start + len("harga beras"))}
