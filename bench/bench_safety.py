"""Data-safety benchmarks (issue 15): what a durable edit costs in each journal mode,
and long kill -9 runs of project creation.

    python bench/bench_safety.py [--edits 300] [--kills 60] [--workdir DIR]

Prints figures (and RESULT lines for bench/run_all.py); asserts nothing except that
every killed creation left an openable project (that is the point of the run).

- edit: the median of ``Project.execute(relabel)`` on a 2,000-document project on
  disk, synchronous=FULL, in each mode the store could use, beside a bare 4 KB
  write + fsync on the same disk:
  * ``wal`` (the old store): the edit sits in the -wal; the .db alone lacks it;
  * ``wal+checkpoint`` (the store now: wal_autocheckpoint=1, a passive
    checkpoint after each commit): the .db alone holds every acknowledged edit;
  * ``delete`` / ``truncate``: a rollback journal (the .db alone holds every edit;
    but a writer locks readers out while it commits, and a long import locks
    the window out of reading once its page cache spills).
- two imports at once (two processes, started together), each adding a label:
  both must succeed and both labels survive.
- kills: a child creates a project (or the seeded default project) and is killed
  with SIGKILL at a random moment; the project must then open.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_store import bare_fsync_ms  # noqa: E402
from benchlib import report  # noqa: E402

from annotator.core.commands import AddEntity, relabel  # noqa: E402
from annotator.core.store import NewDocument, Project  # noqa: E402

WORKER = HERE.parent / "tests" / "core" / "project_file_worker.py"
MODES = {  # journal_mode, wal_autocheckpoint
    "wal": ("wal", 1000),
    "wal+checkpoint": ("wal", 1),
    "delete": ("delete", 0),
    "truncate": ("truncate", 0),
}


def make_project(path: Path, docs: int = 2000) -> list[int]:
    with Project(path) as project:
        ids = project.documents.insert(
            [NewDocument(text=f"{i} Kim Jong Un bertemu Vladimir Putin di Vladivostok. " * 20,
                         external_id=f"d{i}") for i in range(docs)]).doc_ids
        entities = []
        for doc_id in ids[:300]:
            command = AddEntity(doc_id, 2, 13, "PER")
            project.execute(command)
            assert command.entity_id is not None
            entities.append(command.entity_id)
        return entities


def edit_medians(path: Path, entities: list[int], edits: int) -> dict[str, float]:
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    labels = ["PER", "ORG", "LOC", "MISC"]
    with Project(path) as project:
        for round_ in range(edits // 50):  # modes interleaved: disk drift hits them alike
            for mode, (journal, autocheckpoint) in MODES.items():
                project.db.execute(f"PRAGMA journal_mode = {journal}").fetchall()
                project.db.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}").fetchall()
                for k in range(50):
                    eid = entities[(round_ * 50 + k) % len(entities)]
                    t = time.perf_counter()
                    project.execute(relabel(eid, labels[(round_ + k) % 4]))
                    times[mode].append((time.perf_counter() - t) * 1000)
        project.db.execute("PRAGMA journal_mode = wal").fetchall()
    return {mode: statistics.median(values) for mode, values in times.items()}


def kill_creations(folder: Path, kills: int, verb: str) -> tuple[int, int]:
    """(kills, how many left an openable project). ``verb``: create or default."""
    rng = random.Random(kills)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "ANNOTATOR_HOME": str(folder / "home")}
    (folder / "home").mkdir(parents=True, exist_ok=True)
    span = 0.0
    ok = 0
    for attempt in range(kills + 1):
        path = folder / f"created{attempt}.db"
        proc = subprocess.Popen([sys.executable, str(WORKER), verb, str(path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=env)
        assert proc.stdout is not None and proc.stdin is not None
        proc.stdout.readline()
        started = time.perf_counter()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        if attempt == 0:  # the first run measures how long creating takes
            proc.wait()
            span = time.perf_counter() - started
            continue
        time.sleep(rng.uniform(0.0, span))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        if verb == "default":
            os.environ["ANNOTATOR_HOME"] = env["ANNOTATOR_HOME"]
            from annotator.core.seeds import open_default_project

            with open_default_project() as project:
                ok += project.documents.count() == 5
            for leftover in (folder / "home").iterdir():
                if leftover.is_file():
                    leftover.unlink()
        else:
            with Project(path) as project:
                ok += project.documents.count() == 0
    return kills, ok


def concurrent_imports(folder: Path, rounds: int, docs: int = 400) -> tuple[int, int]:
    """Rounds of two import processes started at the same moment, each adding a label
    of its own (into a new project every third round). Returns (rounds, rounds in
    which both imports succeeded and both labels survived)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    good = 0
    for r in range(rounds):
        project = folder / f"shared{r}.db"
        if r % 3:
            Project(project).close()
        files = []
        for side in ("a", "b"):
            src = folder / f"r{r}{side}.jsonl"
            with src.open("w", encoding="utf-8") as f:
                for i in range(docs):
                    spans = [{"start": 0, "end": 4, "label": f"L{r}{side}"}] if i == 0 else []
                    f.write(json.dumps({"id": f"{side}{i}", "text": f"Kata {side} {i} berita.",
                                        "spans": spans}) + "\n")
            files.append(src)
        procs = [subprocess.Popen([sys.executable, str(WORKER), "import", str(project), str(f)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env=env) for f in files]
        for proc in procs:
            assert proc.stdout is not None
            proc.stdout.readline()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        codes = [proc.wait() for proc in procs]
        with Project(project, create=False) as p:
            names = p.scheme.names("entity")
            good += codes == [0, 0] and {f"L{r}a", f"L{r}b"} <= set(names) and (
                p.documents.count() == 2 * docs)
    return rounds, good


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--kills", type=int, default=60)
    ap.add_argument("--import-rounds", type=int, default=15)
    ap.add_argument("--workdir", type=Path, default=os.environ.get("BENCH_WORKDIR"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_safety_", dir=args.workdir))

    path = work / "edits.db"
    entities = make_project(path)
    medians = edit_medians(path, entities, args.edits)
    fsync_ms = bare_fsync_ms(work)
    print(f"durable edit (relabel, synchronous=FULL), median over {args.edits} edits each:")
    for mode, median in medians.items():
        print(f"  {mode:<15} {median:6.2f} ms")
    print(f"  bare 4 KB write + fsync  {fsync_ms:6.2f} ms")
    report("edit_checkpointed_ms", round(medians["wal+checkpoint"], 3), "ms",
           baseline=round(fsync_ms, 3),
           note=f"the store's mode; old WAL-only {medians['wal']:.2f} ms, "
                f"DELETE {medians['delete']:.2f} ms, TRUNCATE {medians['truncate']:.2f} ms")

    for verb in ("create", "default"):
        kills, ok = kill_creations(work / verb, args.kills, verb)
        print(f"kill -9 while creating ({verb}): {ok}/{kills} openable afterwards")
        report(f"kill_create_{verb}_ok", ok, f"of {kills}")
        assert ok == kills, "a killed creation left a project that does not open"

    rounds, good = concurrent_imports(work / "imports", args.import_rounds)
    print(f"two imports at once, each adding a label: {good}/{rounds} rounds kept both")
    report("concurrent_imports_ok", good, f"of {rounds}")


if __name__ == "__main__":
    main()
