"""Store benchmarks: import vs bare sqlite-utils insert_all, export, edit latency, search.

    python bench/bench_store.py [--docs 100000] [--quick] [--workdir DIR]

Prints figures (and RESULT lines for bench/run_all.py); asserts nothing.
- import: ``annotator`` import of a generated native JSONL file (parse, normalise,
  validate, hash, insert documents + entities + claims in one transaction),
  beside bare sqlite-utils ``insert_all`` of the same rows parsed from the same
  file (documents, entities, claims tables; no validation). Ratio = bare time /
  our time (1.0: as fast as bare). The FTS index is a separate step, timed apart.
- export: native JSONL (with tokens) of every document, MB/s of output written.
- edit: ``Project.execute`` of a relabel on the project file on disk
  (synchronous=FULL, WAL, checkpointed into the .db after each commit): median and
  p95; bench/bench_safety.py compares the journal modes side by side.
- search: a rare term (in 1 of 25,000 documents) over the whole project.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import sqlite_utils  # noqa: E402
from benchlib import report  # noqa: E402
from generate import RARE_TERM, write  # noqa: E402

from annotator.core.commands import relabel  # noqa: E402
from annotator.core.editing import Editor  # noqa: E402
from annotator.core.exporters import export  # noqa: E402
from annotator.core.importers import import_paths  # noqa: E402
from annotator.core.store import Project  # noqa: E402


def bare_insert_all(src: Path, db_path: Path) -> float:
    """The same rows through sqlite-utils insert_all, read from the same file."""
    t = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    docs: list[dict[str, Any]] = []
    ents: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []

    def flush() -> None:
        db["documents"].insert_all(docs, pk="id")
        db["entities"].insert_all(ents, pk="id")
        db["claims"].insert_all(claims, pk="id")
        docs.clear()
        ents.clear()
        claims.clear()

    with db.conn, src.open(encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            rec = json.loads(line)
            docs.append({"id": i, "external_id": rec["id"], "text": rec["text"],
                         "meta": json.dumps(rec["meta"], ensure_ascii=False),
                         "status": "new"})
            for s in rec["spans"]:
                ents.append({"doc_id": i, "start": s["start"], "end": s["end"],
                             "label": s["label"], "status": "accepted", "source": "import"})
            for c in rec["claims"]:
                claims.append({"doc_id": i, "start": c["start"], "end": c["end"],
                               "label": c["label"],
                               "attrs": json.dumps(c["attrs"], ensure_ascii=False)})
            if len(docs) >= 2000:
                flush()
        flush()
    db.conn.close()
    return time.perf_counter() - t


def bare_fsync_ms(folder: Path, n: int = 100) -> float:
    """Median time to append 4 KB to a file and fsync it in ``folder``: the floor under
    a durable edit (WAL + synchronous=FULL syncs the log once a commit)."""
    path = folder / "fsync.probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    try:
        for _ in range(n):
            os.write(fd, b"x" * 4096)
            t = time.perf_counter()
            os.fsync(fd)
            times.append((time.perf_counter() - t) * 1000)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS", 100_000)))
    ap.add_argument("--quick", action="store_true", help="2,000 documents")
    ap.add_argument("--workdir", type=Path, default=os.environ.get("BENCH_WORKDIR"))
    args = ap.parse_args()
    n = 2000 if args.quick else args.docs
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_store_"))
    work.mkdir(parents=True, exist_ok=True)

    src = work / f"news-{n}.jsonl"
    if not src.exists():
        t = time.perf_counter()
        write(src, n)
        print(f"generated {n:,} documents ({src.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - t:.1f} s")
    size_mb = src.stat().st_size / 1e6

    bare_db = work / "bare.db"
    ours_db = work / "ours.annotator.db"
    for p in (bare_db, ours_db):
        for suffix in ("", "-wal", "-shm"):
            Path(str(p) + suffix).unlink(missing_ok=True)

    bare_s = bare_insert_all(src, bare_db)
    with Project(ours_db) as project:
        t = time.perf_counter()
        summary = import_paths(project, [src])
        ours_s = time.perf_counter() - t
        t = time.perf_counter()
        project.search.update_index()
        fts_s = time.perf_counter() - t
    print(f"import: {summary.documents:,} docs, {summary.entities:,} entities, "
          f"{summary.claims:,} claims from {size_mb:.0f} MB")
    print(f"  annotator import     {ours_s:7.2f} s  {size_mb / ours_s:6.1f} MB/s  "
          f"{n / ours_s:8.0f} docs/s")
    print(f"  bare insert_all      {bare_s:7.2f} s  {size_mb / bare_s:6.1f} MB/s  "
          f"{n / bare_s:8.0f} docs/s")
    print(f"  ratio (bare time / ours) {bare_s / ours_s:.2f}  (budget >= 0.8)")
    print(f"  search index (separate step) {fts_s:.2f} s")
    report("import_docs_s", round(n / ours_s, 1), baseline=round(n / bare_s, 1),
           note=f"{n} docs, {size_mb:.0f} MB JSONL with spans and claims")
    report("import_mb_s", round(size_mb / ours_s, 2), "MB/s", baseline=round(size_mb / bare_s, 2))
    report("fts_index_s", round(fts_s, 2), "s", note="update_search_index after import")

    with Project(ours_db) as project:
        out = work / "export.jsonl"
        t = time.perf_counter()
        # every document computed: the budget is about the exporter, not the export
        # cache (bench_io measures re-exports from the cache)
        exp = export(project, "jsonl", out, status="all", cache=False)
        export_s = time.perf_counter() - t
        out_mb = out.stat().st_size / 1e6
        text_mb = project.db.execute(
            "SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0] / 1e6
        print(f"export jsonl: {exp.documents:,} docs, {out_mb:.0f} MB written in "
              f"{export_s:.2f} s = {out_mb / export_s:.1f} MB/s "
              f"({text_mb / export_s:.1f} MB/s of document text)")
        report("export_mb_s", round(out_mb / export_s, 1),
               note=f"output MB/s; {text_mb / export_s:.1f} MB/s of document text")

        ent_ids = [r[0] for r in project.db.execute(
            "SELECT id FROM entities ORDER BY random() LIMIT 300")]
        labels = ["PER", "ORG", "LOC", "MISC"]
        times = []
        for k, eid in enumerate(ent_ids):
            t = time.perf_counter()
            project.execute(relabel(eid, labels[k % 4]))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"edit (relabel, durable): median {median:.2f} ms, p95 {p95:.2f} ms "
              f"over {len(times)} edits")
        fsync_ms = bare_fsync_ms(work)
        print(f"  bare 4 KB write + fsync on the same disk: median {fsync_ms:.2f} ms")
        report("edit_ms", round(median, 3), baseline=round(fsync_ms, 3),
               note=f"p95 {p95:.2f} ms; baseline: bare 4 KB write + fsync")
        report("edit_p95_ms", round(p95, 3), "ms")
        # the window's path: the core editor (its rules look up the document first)
        editor = Editor(project)
        editor_times = []
        for k, eid in enumerate(ent_ids):
            t = time.perf_counter()
            editor.update_span(eid, {"label": labels[(k + 1) % 4]})
            editor_times.append((time.perf_counter() - t) * 1000)
        editor_median = statistics.median(editor_times)
        print(f"edit through core.editing.Editor: median {editor_median:.2f} ms")
        report("editor_edit_ms", round(editor_median, 3), "ms",
               note="Editor.update_span: rules + Project.execute")

        project.search.find(RARE_TERM)  # warm the page cache once
        search_times = []
        hits: list[int] = []
        for _ in range(20):
            t = time.perf_counter()
            hits = project.search.find(RARE_TERM)
            search_times.append((time.perf_counter() - t) * 1000)
        search_ms = statistics.median(search_times)
        print(f"search {RARE_TERM!r}: {len(hits)} hits in {search_ms:.2f} ms (median) "
              f"over {project.documents.count():,} documents")
        report("search_ms", round(search_ms, 3), note=f"{len(hits)} hits, {n} docs")


if __name__ == "__main__":
    main()
