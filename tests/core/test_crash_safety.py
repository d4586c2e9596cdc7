"""Kill a process editing a project with SIGKILL at random moments, many times.

After every kill the file must pass ``PRAGMA integrity_check``, every edit the
worker acknowledged (printed after ``Project.execute`` returned) must be there,
nothing else may be there except the single step that was in flight, and an
interrupted import must have left all or none of its documents.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotator.core.store import Project

WORKER = Path(__file__).with_name("crash_worker.py")
KILLS = 30
SEED = 20240917


@dataclass
class Expected:
    """The state of one run's document implied by a sequence of steps."""

    labels: dict[int, str] = field(default_factory=dict)  # entity start -> label
    status: str = "new"

    def apply(self, step: list[str]) -> None:
        kind = step[0]
        if kind in ("add", "relabel"):
            self.labels[int(step[1])] = step[2]
        elif kind == "remove":
            del self.labels[int(step[1])]
        elif kind == "status":
            self.status = step[1]

    def copy(self) -> Expected:
        return Expected(dict(self.labels), self.status)


@dataclass
class RunLog:
    run: int
    acked: list[list[str]]
    in_flight: list[str] | None
    doc_id: int | None


def parse_log(run: int, text: str) -> RunLog:
    acked: list[list[str]] = []
    in_flight: list[str] | None = None
    doc_id = None
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "DO":
            in_flight = parts[1:]
        elif parts[0] == "ACK":
            assert parts[1:] == in_flight, f"ACK without its DO: {line!r}"
            acked.append(parts[1:])
            in_flight = None
        elif parts[0] == "READY":
            doc_id = int(parts[1])
    return RunLog(run, acked, in_flight, doc_id)


def actual_state(conn: sqlite3.Connection, doc_id: int) -> Expected:
    labels = {start: label for start, label in conn.execute(
        "SELECT start, label FROM entities WHERE doc_id = ?", [doc_id])}
    status = conn.execute("SELECT status FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    return Expected(labels, status)


def check_run(conn: sqlite3.Connection, log: RunLog) -> None:
    # Imports: acknowledged ones complete, the interrupted one all or nothing.
    for step in log.acked + ([log.in_flight] if log.in_flight else []):
        if step[0] != "import":
            continue
        name, size = step[1], int(step[2])
        if name.startswith("edits-"):
            found = conn.execute("SELECT count(*) FROM documents WHERE external_id = ?",
                                 [name]).fetchone()[0]
        else:
            found = conn.execute("SELECT count(*) FROM documents WHERE external_id LIKE ?",
                                 [name + "-%"]).fetchone()[0]
        if step is log.in_flight:
            assert found in (0, size), f"run {log.run}: import {name} left {found}/{size}"
        else:
            assert found == size, f"run {log.run}: acknowledged import {name} has {found}/{size}"
    if log.doc_id is None:
        return
    # Edits: the document is exactly the acknowledged state, or that plus the step in flight.
    expected = Expected()
    for step in log.acked:
        expected.apply(step)
    candidates = [expected]
    if log.in_flight and log.in_flight[0] != "import":
        with_flight = expected.copy()
        with_flight.apply(log.in_flight)
        candidates.append(with_flight)
    actual = actual_state(conn, log.doc_id)
    assert actual in candidates, (
        f"run {log.run}: document {log.doc_id} lost or gained an edit "
        f"({len(log.acked)} acknowledged, in flight: {log.in_flight})")
    edits = sum(1 for s in log.acked if s[0] != "import")
    events = conn.execute("SELECT count(*) FROM events WHERE doc_id = ?",
                          [log.doc_id]).fetchone()[0]
    assert events in (edits, edits + 1)


def wait_for_ready(out: Path, proc: subprocess.Popen[bytes], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if b"READY" in out.read_bytes():
            return
        if proc.poll() is not None:
            raise AssertionError(f"worker exited early: {out.read_text()}")
        time.sleep(0.01)
    raise AssertionError("worker did not get ready")


def test_sigkill_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "crash.annotator.db"
    Project(db).close()
    rng = random.Random(SEED)
    logs: list[RunLog] = []
    kinds_in_flight: set[str] = set()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for run in range(KILLS):
        out = tmp_path / f"run{run}.log"
        with out.open("wb") as sink:
            proc = subprocess.Popen(
                [sys.executable, str(WORKER), str(db), str(run), str(rng.randrange(1 << 30))],
                stdout=sink, stderr=subprocess.PIPE, env=env)
            try:
                wait_for_ready(out, proc)
                time.sleep(rng.uniform(0.0, 0.35))
            finally:
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                _, err = proc.communicate()
        if proc.returncode != -signal.SIGKILL:
            assert proc.returncode == 0, err.decode()
        log = parse_log(run, out.read_text())
        logs.append(log)
        if log.in_flight:
            kinds_in_flight.add(log.in_flight[0])

        conn = sqlite3.connect(db)  # a plain connection: recovery of the WAL included
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            for earlier in logs:  # later runs never undo what earlier ones acknowledged
                check_run(conn, earlier)
            batches = {r[0] for r in conn.execute(
                "SELECT DISTINCT json_extract(meta, '$.batch') FROM documents "
                "WHERE json_extract(meta, '$.batch') IS NOT NULL")}
            started = {s[1] for lg in logs for s in lg.acked + ([lg.in_flight]
                                                                 if lg.in_flight else [])
                       if s[0] == "import"}
            assert batches <= started, "documents from an import that never started"
        finally:
            conn.close()

    # The project still opens and works after all this.
    with Project(db) as project:
        assert project.documents.count() > 0
    acked = sum(len(lg.acked) for lg in logs)
    print(f"{KILLS} kills, {acked} acknowledged steps, "
          f"in flight at kill: {sorted(kinds_in_flight)}")
    assert acked > KILLS  # the worker did real work between kills


@pytest.mark.parametrize("text", ["DO add 5 PER\nACK add 5 PER\nDO relabel 5 ORG\n"])
def test_log_parser_keeps_the_step_in_flight(text: str) -> None:
    log = parse_log(0, text)
    assert log.acked == [["add", "5", "PER"]]
    assert log.in_flight == ["relabel", "5", "ORG"]
