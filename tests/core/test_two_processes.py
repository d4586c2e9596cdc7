"""Two real processes on one project (issue 15.5): two imports at once that both add
labels keep both labels; two imports into a project that does not exist yet both
succeed (one creates it, the other uses it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.core.store import Project

WORKER = Path(__file__).with_name("project_file_worker.py")
DOCS = 600  # enough that both have read the scheme before either commits


def write_jsonl(path: Path, tag: str, label: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(DOCS):
            text = f"{tag} {i}: Kim Jong Un bertemu Vladimir Putin di Vladivostok pada Rabu."
            spans = [{"start": 0, "end": len(tag), "label": label}] if i == 0 else []
            f.write(json.dumps({"id": f"{tag}-{i}", "text": text, "spans": spans}) + "\n")


def import_at_once(project: Path, files: list[Path]) -> list[tuple[int, str]]:
    procs = [subprocess.Popen([sys.executable, str(WORKER), "import", str(project), str(f)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"}) for f in files]
    for proc in procs:  # both loaded and waiting: then go at the same moment
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out + err))
    return results


def test_two_imports_at_once_keep_both_new_labels(tmp_path: Path) -> None:
    project = tmp_path / "shared.db"
    Project(project).close()
    files = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    write_jsonl(files[0], "alpha", "WEAPON")
    write_jsonl(files[1], "beta", "VEHICLE")
    for code, output in import_at_once(project, files):
        assert code == 0, output
        assert f"IMPORTED {DOCS}" in output
    with Project(project) as p:
        names = p.scheme.names("entity")
        assert "WEAPON" in names and "VEHICLE" in names
        assert p.documents.count() == 2 * DOCS
        assert sorted(label for label, _, _ in p.spans.counts()) == ["VEHICLE", "WEAPON"]


def test_two_imports_into_a_new_file_at_once_both_succeed(tmp_path: Path) -> None:
    project = tmp_path / "new.db"
    files = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    write_jsonl(files[0], "alpha", "PER")
    write_jsonl(files[1], "beta", "ORG")
    for code, output in import_at_once(project, files):
        assert code == 0, output
    with Project(project, create=False) as p:
        assert p.documents.count() == 2 * DOCS
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl", "new.db"]
