"""An export never harms the project or leaves debris: the project file and its
journal are refused as targets (also through links), a folder or a full disk is
one clear line, SIGTERM leaves no hidden ``.part``; read-only verbs never create
a project; ``stats --json``; ``import -``."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.exporters import export
from annotator.core.model import AnnotatorError
from annotator.core.store import Project


def make_project(path: Path, n: int = 3, size: int = 1) -> Path:
    with Project(path) as project:
        from annotator.core.store import NewDocument

        body = " ".join(["Presiden Joko Widodo tiba di Jakarta."] * size)
        project.documents.insert(
            NewDocument(text=f"{i}. {body}", external_id=f"d{i}") for i in range(n))
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    # one clear line: a ClickException ends in SystemExit, never an uncaught exception
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("target", ["project", "wal", "shm", "symlink", "hardlink"])
def test_export_never_writes_onto_the_project(tmp_path: Path, target: str) -> None:
    db = make_project(tmp_path / "p.annotator.db")
    with Project(db) as project:  # keep it open: its -wal and -shm exist
        out = {"project": db, "wal": Path(f"{db}-wal"), "shm": Path(f"{db}-shm"),
               "symlink": tmp_path / "link.jsonl", "hardlink": tmp_path / "hard.jsonl"}[target]
        if target == "symlink":
            out.symlink_to(db)
        if target == "hardlink":
            os.link(db, out)
        with pytest.raises(AnnotatorError, match="project file"):
            export(project, "jsonl", out, status="all")
        code, _, err = run_cli("export", "--project", str(db), "--format", "jsonl",
                               "--status", "all", "--out", str(out))
        assert code == 1 and "refusing to export onto it" in err
    with Project(db) as again:
        assert again.documents.count() == 3
    assert hidden(tmp_path) == []


def test_a_folder_as_out_is_one_line(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    (tmp_path / "folder").mkdir()
    code, _, err = run_cli("export", "--project", str(db), "--format", "conll", "--status",
                           "all", "--out", str(tmp_path / "folder"))
    assert code == 1
    assert err.strip().splitlines() == [f"Error: {tmp_path / 'folder'}: a folder; give a file "
                                        f"name (e.g. {tmp_path / 'folder'}/export)"]


def _subprocess_env(home: Path) -> dict[str, str]:
    return {**os.environ, "ANNOTATOR_HOME": str(home), "PYTHONPATH": str(Path.cwd())}


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db", n=300, size=20)
    out = tmp_path / "out" / "big.jsonl"
    out.parent.mkdir()

    def small_disk() -> None:
        # writes past 256 KB fail with EFBIG, as they would with ENOSPC on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 10, 256 << 10))

    proc = subprocess.run(
        [sys.executable, "-m", "annotator", "export", "--project", str(db), "--format", "jsonl",
         "--status", "all", "--out", str(out)], capture_output=True, text=True, timeout=120,
        preexec_fn=small_disk, env=_subprocess_env(tmp_path))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "Traceback" not in proc.stderr
    assert list(out.parent.iterdir()) == []


def test_sigterm_during_export_leaves_no_part_file(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db", n=12000, size=8)  # a few seconds of export
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "export", "--project", str(db), "--format", "conll",
         "--status", "all", "--out", str(out_dir / "big.conll")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_subprocess_env(tmp_path))
    deadline = time.monotonic() + 60
    while not hidden(out_dir) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert hidden(out_dir), "the export finished before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert list(out_dir.iterdir()) == [], err


def test_read_only_verbs_refuse_a_missing_project(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for args in (["export", "--format", "jsonl"], ["stats"]):
        code, _, err = run_cli(*args, "--project", str(typo))
        assert code == 1 and "no such project file" in err
    assert list(tmp_path.iterdir()) == []


def test_stats_json(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    with Project(db) as project:
        from annotator.core.commands import SetDocumentStatus
        from annotator.core.model import DocStatus

        project.execute(SetDocumentStatus(project.documents.ids()[0], DocStatus.DONE))
    code, out, _ = run_cli("stats", "--project", str(db), "--json")
    assert code == 0
    figures = json.loads(out)
    assert figures["documents"] == {"total": 3, "new": 2, "in_progress": 0, "done": 1,
                                    "skipped": 0}
    assert figures["entities"] == {"total": 0, "by_label": {}}


def test_import_dash_reads_stdin(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    lines = "".join(json.dumps({"id": f"s{i}", "text": f"Kalimat {i}."}) + "\n"
                    for i in range(3))
    result = CliRunner().invoke(main, ["import", "-", "--project", str(db)], input=lines)
    assert result.exit_code == 0, result.output
    with Project(db) as project:
        assert project.documents.count() == 3


def test_export_to_stdout_still_works_for_text_formats(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    code, out, _ = run_cli("export", "--project", str(db), "--format", "labelstudio",
                           "--status", "all")
    assert code == 0 and len(json.loads(out)) == 3
