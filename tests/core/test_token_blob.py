"""Tokens kept at import as a compact BLOB (schema 4): round trip, what reads them,
and a project file from before schema 4 (its tokens, JSON or none, stay as they were)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.exporters import export
from annotator.core.store import SCHEMA_VERSION, NewDocument, Project
from annotator.core.store.rows import offsets_blob, offsets_from_blob, stored_tokens
from annotator.core.text import split_sentences, tokenize

TRICKY = ("Jl. Sudirman 👩\u200d👩\u200d👧 José\u0301 🇮🇩🇷🇺 kata-kata “kutip” "
          "e\u0301t\u0301e\n\nKorea Utara 12/9/2023 ok")


@st.composite
def offsets(draw: st.DrawFn) -> list[tuple[int, int]]:
    steps = draw(st.lists(st.tuples(st.integers(0, 70_000), st.integers(0, 70_000)),
                          max_size=50))
    pairs, pos = [], 0
    for gap, length in steps:
        start = pos + gap
        pos = start + length
        pairs.append((start, pos))
    return pairs


@given(offsets())
def test_blob_round_trip(pairs: list[tuple[int, int]]) -> None:
    assert offsets_from_blob(offsets_blob(pairs)) == pairs


def test_blob_is_small_for_ordinary_text() -> None:
    tokens = tokenize(TRICKY * 20)
    blob = offsets_blob(tokens)
    assert blob[:1] == b"B"                      # one byte a step
    assert len(blob) == 1 + 2 * len(tokens)
    assert offsets_from_blob(offsets_blob([(0, 300)]))[0] == (0, 300)  # wider type


def test_blob_refuses_decreasing_offsets() -> None:
    with pytest.raises(ValueError):
        offsets_blob([(5, 9), (3, 4)])


def test_recognizer_tokens_win_over_the_blob() -> None:
    assert stored_tokens("[[0, 5]]", offsets_blob([(0, 2), (3, 5)])) == [(0, 5)]
    assert stored_tokens(None, offsets_blob([(0, 2)])) == [(0, 2)]
    assert stored_tokens(None, None) is None


def test_import_keeps_the_fallback_tokens(tmp_path: Path) -> None:
    with Project(tmp_path / "p.annotator.db") as project:
        project.documents.insert([NewDocument(TRICKY, "a")])
        blob = project.db.execute("SELECT fallback_tokens FROM documents").fetchone()[0]
        assert offsets_from_blob(blob) == tokenize(TRICKY)
        assert project.documents.base_tokens(1) == tokenize(TRICKY)
        assert project.documents.get(1).tokens == tokenize(TRICKY)
        assert project.documents.segmentation(1) == (tokenize(TRICKY), split_sentences(TRICKY))
        blob = project.db.execute("SELECT fallback_sentences FROM documents").fetchone()[0]
        assert offsets_from_blob(blob) == split_sentences(TRICKY)
        assert project.documents.get(1).sentences == split_sentences(TRICKY)


def _wind_back_to_schema_3(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.executescript("""
        ALTER TABLE documents DROP COLUMN fallback_tokens;
        ALTER TABLE documents DROP COLUMN fallback_sentences;
        DELETE FROM _sqlite_migrations WHERE name = 'm004_fallback_tokens';
        PRAGMA user_version = 3;""")
    raw.commit()
    raw.close()


def test_old_schema_file_keeps_its_tokens(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator.db"
    stanza_like = [(0, 3), (4, 12)]  # a recognizer's tokens, unlike the fallback's
    with Project(path) as project:
        project.documents.insert([NewDocument(TRICKY, "with-json"),
                                  NewDocument("Rabu pagi di Jakarta.", "plain")])
        project.documents.set_tokens(1, stanza_like, [(0, len(TRICKY))], "stanza")
        project.documents.set_status(1, "done")
        project.documents.set_status(2, "done")
    _wind_back_to_schema_3(path)
    with Project(path) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rows = project.db.execute(
            "SELECT tokens, fallback_tokens, fallback_sentences FROM documents ORDER BY id"
        ).fetchall()
        assert json.loads(rows[0][0]) == [list(t) for t in stanza_like]  # JSON kept
        assert rows[1] == (None, None, None)  # old rows are not rewritten on open
        assert project.documents.segmentation(2)[1] == [(0, 21)]
        assert project.documents.base_tokens(1) == stanza_like
        assert project.documents.base_tokens(2) == tokenize("Rabu pagi di Jakarta.")
        out = tmp_path / "out.jsonl"
        export(project, "jsonl", out)
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert [(t["start"], t["end"]) for t in records[0]["tokens"]] == stanza_like
        assert [t["text"] for t in records[1]["tokens"]] == ["Rabu", "pagi", "di",
                                                             "Jakarta", "."]
        project.documents.insert([NewDocument("Dokumen baru.", "new")])  # after migration
        assert project.db.execute(
            "SELECT fallback_tokens IS NOT NULL FROM documents WHERE external_id = 'new'"
        ).fetchone()[0] == 1
