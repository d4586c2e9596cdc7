"""Bad input: one clear error naming the file and line, and the project unchanged."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from io_helpers import full_state, tricky_records, write_jsonl

from annotator.cli import main
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, SchemaTooNewError
from annotator.core.store import Project

GOOD = {"id": "ok", "text": "Putin tiba di Vladivostok.",
        "spans": [{"start": 0, "end": 5, "label": "PER"}]}


@pytest.fixture
def filled(tmp_path: Path, project: Project) -> Project:
    import_paths(project, [write_jsonl(tmp_path / "base.jsonl", tricky_records())])
    project.search.update_index()
    return project


def lines_file(path: Path, *lines: str | bytes) -> Path:
    data = b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n" for ln in lines)
    path.write_bytes(data)
    return path


def good_line(i: int) -> str:
    return json.dumps({**GOOD, "id": f"ok{i}", "text": f"{GOOD['text']} ({i})"})


def span_line(spans: list[dict[str, object]], text: str = "Putin tiba di Vladivostok.") -> str:
    return json.dumps({"text": text, "spans": spans})


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "broken json": (lambda d: lines_file(d / "bad.jsonl", good_line(1), good_line(2),
                                         '{"text": "oops", '),
                    r"bad\.jsonl, line 3: not valid JSON"),
    "invalid utf-8 jsonl": (lambda d: lines_file(d / "bad.jsonl", good_line(1),
                                                 b'{"text": "caf\xe9"}'),
                            r"bad\.jsonl, line 2: not valid UTF-8"),
    "invalid utf-8 txt": (lambda d: lines_file(d / "bad.txt", "baris satu", b"caf\xe9 dua"),
                          r"bad\.txt, line 2: not valid UTF-8"),
    "binary file": (lambda d: lines_file(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                    r"image\.txt: looks like a binary file"),
    "binary jsonl": (lambda d: lines_file(d / "x.jsonl", b"\x00\x01\x02"),
                     r"x\.jsonl: looks like a binary file"),
    "span out of range": (lambda d: lines_file(d / "bad.jsonl", good_line(1), span_line(
        [{"start": 14, "end": 99, "label": "LOC"}])), r"bad\.jsonl, line 2, span 1: .*outside"),
    "negative span": (lambda d: lines_file(d / "bad.jsonl", span_line(
        [{"start": -1, "end": 3, "label": "LOC"}])), r"line 1, span 1: .*outside"),
    "empty span": (lambda d: lines_file(d / "bad.jsonl", span_line(
        [{"start": 3, "end": 3, "label": "LOC"}])), r"line 1, span 1"),
    "overlapping spans": (lambda d: lines_file(d / "bad.jsonl", good_line(1), span_line(
        [{"start": 0, "end": 10, "label": "PER"}, {"start": 6, "end": 13, "label": "LOC"}])),
        r"bad\.jsonl, line 2: .*overlaps"),
    "text mismatch": (lambda d: lines_file(d / "bad.jsonl", span_line(
        [{"start": 0, "end": 5, "label": "PER", "text": "Putih"}])),
        r"line 1, span 1: the span's text 'Putih' does not match"),
    "unknown claimant": (lambda d: lines_file(d / "bad.jsonl", json.dumps(
        {"text": "Putin berkata begitu.", "spans": [{"id": "e1", "start": 0, "end": 5,
                                                     "label": "PER"}],
         "claims": [{"start": 6, "end": 20, "label": "OPINION", "claimant": "e9"}]})),
        r"line 1, claim 1: claimant 'e9'"),
    "no text": (lambda d: lines_file(d / "bad.jsonl", '{"body": "x"}'),
                r"line 1: no \"text\" field"),
    "bad status": (lambda d: lines_file(d / "bad.jsonl", '{"text": "x", "status": "finished"}'),
                   r"line 1: unknown document status 'finished'"),
    "csv without text column": (lambda d: lines_file(d / "bad.csv", "id,body", "1,x"),
                                r"bad\.csv, line 1: no \"text\" column"),
    "csv too many fields": (lambda d: lines_file(d / "bad.csv", "id,text", "1,a", "2,b,c"),
                            r"bad\.csv, line 3: 3 fields"),
    "missing file": (lambda d: d / "nope.jsonl", r"nope\.jsonl: no such file or folder"),
    "unknown label then bad line": (lambda d: lines_file(d / "bad.jsonl", span_line(
        [{"start": 0, "end": 5, "label": "NEWLABEL"}]), "{"), r"line 2: not valid JSON"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_leaves_project_unchanged(case: str, filled: Project, tmp_path: Path) -> None:
    make, pattern = CASES[case]
    path = make(tmp_path)
    before = full_state(filled)
    with pytest.raises(AnnotatorError, match=pattern):
        import_paths(filled, [path])
    assert full_state(filled) == before
    assert "NEWLABEL" not in filled.scheme.names("entity")
    with Project(filled.path) as reopened:  # and on disk
        assert full_state(reopened) == before


def test_a_bad_second_file_aborts_the_whole_import(filled: Project, tmp_path: Path) -> None:
    good = lines_file(tmp_path / "good.jsonl", good_line(1), good_line(2))
    bad = lines_file(tmp_path / "bad.jsonl", good_line(3), "not json")
    before = full_state(filled)
    with pytest.raises(AnnotatorError, match=r"bad\.jsonl, line 2"):
        import_paths(filled, [good, bad])
    assert full_state(filled) == before
    summary = import_paths(filled, [good])
    assert summary.documents == 2


def test_newer_schema_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with Project(path) as p:
        import_paths(p, [write_jsonl(tmp_path / "a.jsonl", [GOOD])])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    data = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Project(path)
    result = CliRunner().invoke(main, ["import", str(tmp_path / "a.jsonl"),
                                       "--project", str(path)])
    assert result.exit_code != 0
    assert "newer version" in result.output
    assert path.read_bytes() == data


# --- the command line -------------------------------------------------------------


def test_cli_import_then_export(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    src = write_jsonl(tmp_path / "in.jsonl", tricky_records())
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(src), "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert f"imported {len(tricky_records())} documents" in result.output
    assert "search index updated" in result.output
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["--project", str(project), "export", "--format", "jsonl",
                                  "--out", str(out), "--status", "all"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(tricky_records())
    result = runner.invoke(main, ["export", "--format", "conll", "--project", str(project),
                                  "--status", "all"])
    assert result.exit_code == 0
    assert result.stdout.startswith("-DOCSTART- -X- -X- O")
    result = runner.invoke(main, ["import", str(src), "--project", str(project)])
    assert "skipped 8 already in the project" in result.output


def test_cli_errors_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    runner = CliRunner()
    runner.invoke(main, ["import", str(write_jsonl(tmp_path / "a.jsonl", [GOOD])),
                         "--project", str(project)])
    with Project(project) as p:
        before = full_state(p)
    bad = lines_file(tmp_path / "bad.jsonl", good_line(1), "{broken")
    result = runner.invoke(main, ["import", str(bad), "--project", str(project)])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(errors) == 1 and "bad.jsonl, line 2" in errors[0]
    with Project(project) as p:
        assert full_state(p) == before
    result = runner.invoke(main, ["export", "--format", "spacy", "--project", str(project)])
    assert result.exit_code == 1 and "stdout" in result.output
    result = runner.invoke(main, ["export", "--format", "jsonl", "--project", str(project),
                                  "--out", str(tmp_path / "no" / "such" / "dir.jsonl")])
    assert result.exit_code == 1 and "does not exist" in result.output
