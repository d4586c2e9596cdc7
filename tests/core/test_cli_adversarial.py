"""Regressions found by using the command line as users do, adversarially (QA round):
each test failed before its fix. Real project files, real verbs (click's runner)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main as cli
from annotator.core.commands import AddEntity
from annotator.core.store import NewDocument, Project

TEXT = "Presiden Joko Widodo bertemu Anwar Ibrahim di Jakarta."


def make_project(path: Path, text: str = TEXT) -> None:
    with Project(path) as project:
        project.documents.insert([NewDocument(text=text, external_id="d1")])


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("verb", ["backup", "export"])
def test_writing_onto_another_project_in_use_is_refused(tmp_path: Path, verb: str) -> None:
    """Replacing a file another process has open (its -wal beside it) corrupted it:
    SQLite then read the old -wal onto the new file ('database disk image is
    malformed'), and that process's later edits went to a deleted file."""
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    make_project(mine)
    make_project(theirs, "Teks lain tentang Surabaya dan Bandung.")
    with Project(theirs) as open_elsewhere:  # e.g. an annotator's window
        open_elsewhere.execute(AddEntity(1, 19, 27, "LOC"))
        args = (["backup", "--project", str(mine), str(theirs)] if verb == "backup" else
                ["export", "--project", str(mine), "--format", "jsonl", "--status", "all",
                 "--out", str(theirs)])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert "in use" in result.output and "Traceback" not in result.output
        open_elsewhere.execute(AddEntity(1, 32, 39, "LOC"))  # its next edit is kept
    assert integrity(theirs) == "ok"
    with Project(theirs, create=False) as project:
        assert [e.label for e in project.spans.list(1)] == ["LOC", "LOC"]


def _json_min_rows() -> list[dict[str, object]]:
    """Rows as Label Studio's JSON-MIN export writes them: ``annotator`` is the
    user's numeric id (label-studio-converter: ``_get_annotator(item, int_id=True)``)."""
    text = "😀👍🏽 Presiden Joko Widodo bertemu Anwar Ibrahim di Jakarta."
    start = text.index("Joko Widodo")
    return [{"text": text, "id": 7,
             "label": [{"start": start, "end": start + 11, "text": "Joko Widodo",
                        "labels": ["PER"]}],
             "annotator": 1, "annotation_id": 12, "created_at": "2024-05-01T10:00:00Z",
             "updated_at": "2024-05-01T10:01:00Z", "lead_time": 4.2}]


@pytest.mark.parametrize("fmt", ["auto", "labelstudio"])
def test_label_studio_json_min_with_a_numeric_annotator_imports(tmp_path: Path,
                                                                 fmt: str) -> None:
    source = tmp_path / "project-1-at-2024.json"
    unlabelled = {**_json_min_rows()[0], "id": 8, "text": "Tanpa entitas di sini."}
    del unlabelled["label"]  # a task annotated with no span has no control field
    rows = [*_json_min_rows(), unlabelled]
    source.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--format", fmt,
                                      "--project", str(path)])
    assert result.exit_code == 0, result.output
    with Project(path, create=False) as project:
        doc = project.documents.get(1)
        [span] = project.spans.list(1)
        assert doc.text[span.start:span.end] == "Joko Widodo" and span.label == "PER"
        assert doc.status == "done"


@pytest.mark.parametrize("args", [["preannotate", "--recognizer", "dates"],
                                  ["preannotate", "--recognizer", "claims"],
                                  ["train", "--list"], ["train"], ["models"],
                                  ["models", "use", "--default"]])
def test_a_mistyped_project_is_an_error_not_a_new_empty_project(tmp_path: Path,
                                                                args: list[str]) -> None:
    """These verbs work on a project's documents: a typo made an empty project and
    exited 0 ('0 suggestions')."""
    typo = tmp_path / "nwes.db"
    result = CliRunner().invoke(cli, [*args, "--project", str(typo)])
    assert result.exit_code == 1, result.output
    assert "no such project file" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", ['{"foo": 1}\n', '[{"text": "Ada.", "spans": 3}]\n'])
def test_a_failed_import_into_a_new_project_leaves_no_project_behind(tmp_path: Path,
                                                                      content: str) -> None:
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "--project",
                                      str(tmp_path / "new.db")])
    assert result.exit_code == 1 and "nothing was imported" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_a_failed_import_into_an_existing_project_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    make_project(path)
    source = tmp_path / "in.json"
    source.write_text('{"foo": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "--project", str(path)])
    assert result.exit_code == 1
    with Project(path, create=False) as project:
        assert project.documents.count() == 1


@pytest.mark.parametrize("size", ["99999x99999", "0x0", "-5x700", "800"])
def test_screenshot_refuses_a_size_it_cannot_draw(tmp_path: Path, size: str) -> None:
    """99999x99999 crashed the process (a segmentation fault, no message); 0x0 wrote
    some other size without a word. Run as a child: a crash must not take pytest."""
    import os
    import subprocess
    import sys

    path = tmp_path / "p.db"
    make_project(path)
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "-m", "annotator", "screenshot", str(out),
                           "--project", str(path), "--size", size],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2, proc.stderr
    assert "WIDTHxHEIGHT" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("problem", ["overlap", "missing corpus", "garbage corpus"])
def test_a_failed_assign_leaves_no_output_folder(tmp_path: Path, problem: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    if problem == "garbage corpus":
        (corpus / "b.jsonl").write_text("{not json\n", encoding="utf-8")
    args = ["assign", str(corpus if problem != "missing corpus" else tmp_path / "nope"),
            "--annotators", "ana,budi", "--out", str(tmp_path / "team"),
            "--overlap", "1.5" if problem == "overlap" else "0.5"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "team").exists()


def _team(tmp_path: Path) -> Path:
    """A team project merged from two annotators' files (assign, then merge)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["assign", str(corpus), "--annotators", "ana,budi",
                               "--overlap", "1", "--out", str(tmp_path / "t")]).exit_code == 0
    team = tmp_path / "team.db"
    result = runner.invoke(cli, ["merge", str(tmp_path / "t" / "ana.annotator.db"),
                                 str(tmp_path / "t" / "budi.annotator.db"), "--into", str(team)])
    assert result.exit_code == 0, result.output
    return team


@pytest.mark.parametrize("into", ["other.db", "team.db"])
def test_merging_a_team_project_says_what_it_is(tmp_path: Path, into: str) -> None:
    """It said "give the annotator's name as NAME=team.db: 'consensus' is reserved"."""
    team = _team(tmp_path)
    before = team.read_bytes()
    result = CliRunner().invoke(cli, ["merge", str(team), "--into", str(tmp_path / into)])
    assert result.exit_code == 1
    assert "a team project" in result.output and "consensus" not in result.output
    assert team.read_bytes() == before
    assert not (tmp_path / "other.db").exists()


def _verbs() -> list[list[str]]:
    import click

    ctx = click.Context(cli)
    out = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        out.append([name])
        if isinstance(command, click.Group):
            out += [[name, sub] for sub in command.list_commands(ctx)]
    return out


@pytest.mark.parametrize("verb", _verbs(), ids=" ".join)
def test_every_verbs_help_shows_an_example(verb: list[str]) -> None:
    result = CliRunner().invoke(cli, [*verb, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"annotator {' '.join(verb)}" in result.output


def test_the_python_api_exports_one_annotators_layer(tmp_path: Path) -> None:
    """``annotator export --annotator NAME`` had no counterpart in the notebook API."""
    from annotator import api

    team = _team(tmp_path)
    out = tmp_path / "ana.jsonl"
    with api.open_project(team) as project:
        summary = api.export(project, "jsonl", out, status="all", annotator="ana")
    assert summary.documents == 1
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == TEXT


@pytest.mark.parametrize("content", ["json", "empty"])
def test_a_folder_with_nothing_to_import_is_an_error(tmp_path: Path, content: str) -> None:
    """It said 'imported 0 documents from 0 files', exit 0, and made an empty project;
    a folder of Label Studio .json exports is read only when they are named."""
    folder = tmp_path / "exports"
    folder.mkdir()
    if content == "json":
        (folder / "project-1.json").write_text(json.dumps(
            [{"data": {"text": TEXT}, "annotations": []}]), encoding="utf-8")
    project = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["import", str(folder), "--project", str(project)])
    assert result.exit_code == 1
    assert "nothing to import" in result.output
    if content == "json":
        assert "--format labelstudio" in result.output
    assert not project.exists()


def test_export_without_format_writes_the_native_jsonl(tmp_path: Path) -> None:
    """``annotator export --project team.db --annotator ana`` stopped at a usage error:
    the native JSONL (a superset of Prodigy's records) is the default."""
    team = _team(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--project", str(team), "--annotator", "ana",
                                      "--status", "all"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert json.loads(first)["text"] == TEXT


def test_assign_refuses_names_that_differ_only_in_case(tmp_path: Path) -> None:
    """ana.annotator.db and Ana.annotator.db are one file on Windows and macOS: the
    second would have replaced the first annotator's file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["assign", str(corpus), "--annotators", "ana,Ana",
                                      "--out", str(tmp_path / "team")])
    assert result.exit_code == 1
    assert "twice" in result.output
    assert not (tmp_path / "team").exists()


def test_a_csv_saved_by_excel_with_semicolons_imports(tmp_path: Path) -> None:
    """Excel in locales with a decimal comma (Indonesian among them) saves CSV with
    ';' between fields: it said 'no "text" column (columns: id;text)'."""
    source = tmp_path / "artikel.csv"
    source.write_bytes("\ufeffid;text;sumber\r\n1;\"Presiden Joko Widodo; di Jakarta\";"
                       "kompas\r\n".encode())
    path = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--project", str(path)])
    assert result.exit_code == 0, result.output
    with Project(path, create=False) as project:
        doc = project.documents.get(1)
        assert doc.text == "Presiden Joko Widodo; di Jakarta"
        assert doc.external_id == "1" and doc.meta["sumber"] == "kompas"


def test_the_agreement_table_stays_aligned_with_long_names() -> None:
    """Prodigy session names ('news_ner-ana') pushed every figure out of its column."""
    from annotator.core.teams.agreement import describe

    pair = {"annotators": ["news_ner-anastasia", "news_ner-budiman"], "documents": 3,
            "f1": 0.5, "kappa": 0.4, "alpha": 0.41,
            "per_label": {"PER": {"f1": 0.5, "matched": 1, "spans": [2, 2]}},
            "claims": {"f1": None, "label_agreement": None, "claimant_agreement": None}}
    def offsets(names: list[str]) -> list[int]:
        header, row, _label = describe({"pairs": [{**pair, "annotators": names}]}).splitlines()
        return [row.index(fig) - header.index(col) for fig, col in
                (("0.500", "F1"), ("0.400", "kappa"), ("0.410", "alpha"))]

    assert offsets(["news_ner-anastasia", "news_ner-budiman"]) == offsets(["ana", "budi"])


def _other_programs_database(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('catatan penting')")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("verb", ["backup", "export"])
@pytest.mark.parametrize("target", ["another program's database", "another project"])
def test_no_verb_replaces_a_database_it_did_not_make(tmp_path: Path, verb: str,
                                                     target: str) -> None:
    """A backup or export onto another program's SQLite file (or, for an export, onto
    another project) replaced it without a word."""
    mine, out = tmp_path / "mine.db", tmp_path / "out.db"
    make_project(mine)
    if target == "another project":
        make_project(out, "Proyek lain tentang Medan.")
        before = out.read_bytes()
    else:
        before = _other_programs_database(out)
    args = (["backup", "--project", str(mine), str(out)] if verb == "backup" else
            ["export", "--project", str(mine), "--format", "jsonl", "--status", "all",
             "--out", str(out)])
    result = CliRunner().invoke(cli, args)
    if verb == "backup" and target == "another project":
        assert result.exit_code == 0, result.output  # an earlier backup is replaced
        return
    assert result.exit_code == 1
    assert "refusing to" in result.output and "Traceback" not in result.output
    assert out.read_bytes() == before


def test_an_export_into_a_named_pipe_streams_into_it(tmp_path: Path) -> None:
    """An export 'atomically' renamed its temporary file over the target even when it
    was a pipe or a device: --out /dev/full (as root) replaced the device with a
    17 MB file and reported success; a FIFO was replaced and its reader starved."""
    import os
    import stat
    import threading

    path = tmp_path / "p.db"
    make_project(path)
    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(cli, ["export", "--project", str(path), "--format", "jsonl",
                                      "--status", "all", "--out", str(fifo)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe
    reader.join(timeout=30)
    assert received and json.loads(received[0])["text"] == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db", "stream.jsonl"]


def test_a_backup_onto_a_pipe_or_device_is_refused(tmp_path: Path) -> None:
    """A backup renamed its copy over whatever OUT was: 'annotator backup /dev/null'
    (as root) would replace the device with a file."""
    import os
    import stat

    path = tmp_path / "p.db"
    make_project(path)
    fifo = tmp_path / "backup.db"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["backup", "--project", str(path), str(fifo)])
    assert result.exit_code == 1
    assert "not a regular file" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "p.db"]


def test_a_file_that_is_no_stanza_model_is_one_clear_error(tmp_path: Path) -> None:
    """--ner-model pointing at a wrong file ended in a KeyError traceback from inside
    torch's unpickler."""
    path = tmp_path / "p.db"
    make_project(path)
    junk = tmp_path / "ner.pt"
    junk.write_bytes(b"junk\n")
    result = CliRunner().invoke(cli, ["preannotate", "--project", str(path), "--recognizer",
                                      "stanza-ner", "--ner-model", str(junk), "--lang", "id"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # not an escaped exception
    assert "cannot load" in result.output and "ner.pt" in result.output


def test_a_tab_separated_conll_token_with_a_space_is_kept_whole(tmp_path: Path) -> None:
    """'New York<TAB>B-LOC' was split at the space: the text lost 'York' and the entity
    became 'New', without a word."""
    source = tmp_path / "ner.tsv"
    source.write_text("Dia\tO\nke\tO\nNew York\tB-LOC\nkemarin\tO\n\t\nRusia\tB-LOC\n",
                      encoding="utf-8")
    path = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--project", str(path)])
    assert result.exit_code == 0, result.output
    with Project(path, create=False) as project:
        texts = []
        for doc in project.documents.iter():
            texts += [doc.text[e.start:e.end] for e in project.spans.list(doc.id)]
        assert texts == ["New York", "Rusia"]
