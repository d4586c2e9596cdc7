"""Teams benchmark: merge three annotators' projects of 1,000 documents, then agreement.

    python bench/bench_teams.py [--docs 1000] [--workdir DIR]

Prints figures (and RESULT lines for bench/run_all.py); asserts nothing.
- The three project files are generated (bench/generate.py texts of 3 KB with
  entities and claims); every annotator has every document (the worst case: all
  overlap) and differs from the generated truth by chance (8 % of spans dropped,
  5 % relabelled, 10 % of claim labels changed), all documents done.
- merge: ``annotator merge`` into a new team project (documents added, three
  layers written, consensus accepted into the gold layer, disagreements counted),
  beside bare sqlite-utils ``insert_all`` of the same document, span and claim
  rows into an empty database in the same run.
- merge again: the same three files once more (nothing changes: idempotent).
- agreement: every pair (F1 overall and per label, kappa, alpha, claims).
"""

from __future__ import annotations

import argparse
import json
import random
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
from generate import generate  # noqa: E402

from annotator.core.importers import import_paths  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.teams.agreement import agreement  # noqa: E402
from annotator.core.teams.merge import merge_projects  # noqa: E402

NAMES = ["ana", "budi", "citra"]
LABELS = ["PER", "ORG", "LOC", "DATE", "MISC"]
CLAIMS = ["CHECKWORTHY", "FACTUAL", "OPINION", "PREDICTION", "DENIAL"]


def annotator_records(records: list[dict[str, Any]], name: str,
                      seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for rec in records:
        spans = []
        for span in rec["spans"]:
            if rng.random() < 0.08 and not any(c["claimant"] == span["id"]
                                               for c in rec["claims"]):
                continue
            span = dict(span)
            if rng.random() < 0.05:
                span["label"] = rng.choice([lab for lab in LABELS if lab != span["label"]])
            spans.append(span)
        claims = [dict(c, label=rng.choice(CLAIMS)) if rng.random() < 0.1 else c
                  for c in rec["claims"]]
        out.append(dict(rec, spans=spans, claims=claims, status="done", annotator=name))
    return out


def build(workdir: Path, n: int) -> tuple[list[Path], list[list[dict[str, Any]]]]:
    records = list(generate(n, seed=7))
    files, per_annotator = [], []
    for k, name in enumerate(NAMES):
        recs = annotator_records(records, name, seed=100 + k)
        jsonl = workdir / f"{name}.jsonl"
        jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                         encoding="utf-8")
        path = workdir / f"{name}.annotator.db"
        with Project(path) as project:
            project.annotator = name
            import_paths(project, [jsonl], lang="id")
            project.settings.set("annotator", name)
        files.append(path)
        per_annotator.append(recs)
    return files, per_annotator


def bare_insert(workdir: Path, per_annotator: list[list[dict[str, Any]]]) -> float:
    """The same rows through sqlite-utils insert_all, no checks, no consensus."""
    db = sqlite_utils.Database(workdir / "bare.db")
    db.execute("PRAGMA journal_mode = WAL")  # as the project (and bench_store's baseline)
    t0 = time.perf_counter()
    with db.conn:
        db["documents"].insert_all(
            ({"id": i, "text": r["text"], "meta": json.dumps(r["meta"])}
             for i, r in enumerate(per_annotator[0])), pk="id")
        for recs in per_annotator:
            db["layer_entities"].insert_all(
                {"annotator": r["annotator"], "doc_id": i, "start": s["start"],
                 "end": s["end"], "label": s["label"]}
                for i, r in enumerate(recs) for s in r["spans"])
            db["layer_claims"].insert_all(
                {"annotator": r["annotator"], "doc_id": i, "start": c["start"],
                 "end": c["end"], "label": c["label"]}
                for i, r in enumerate(recs) for c in r["claims"])
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        workdir = Path(tmp)
        t0 = time.perf_counter()
        files, per_annotator = build(workdir, args.docs)
        print(f"generated {len(files)} projects of {args.docs} documents "
              f"in {time.perf_counter() - t0:.1f} s")
        bare = bare_insert(workdir, per_annotator)
        with Project(workdir / "team.db") as team:
            t0 = time.perf_counter()
            summary = merge_projects(team, [str(f) for f in files])
            merge_s = time.perf_counter() - t0
            print(summary.describe())
            t0 = time.perf_counter()
            again = merge_projects(team, [str(f) for f in files])
            again_s = time.perf_counter() - t0
            assert again.layers_unchanged == 3 * args.docs, again.describe()
            t0 = time.perf_counter()
            result = agreement(team.layers)
            agreement_s = time.perf_counter() - t0
        for pair in result["pairs"]:
            print(f"  {'/'.join(pair['annotators'])}: F1 {pair['f1']:.3f} "
                  f"kappa {pair['kappa']:.3f} alpha {pair['alpha']:.3f} "
                  f"claims F1 {pair['claims']['f1']:.3f} over {pair['documents']} documents, "
                  f"{pair['tokens']} tokens")
        print(f"merge of 3 x {args.docs} documents: {merge_s:.2f} s "
              f"(bare insert_all of the same rows: {bare:.2f} s)")
        print(f"merge again (nothing changes): {again_s:.2f} s")
        print(f"agreement (3 pairs): {agreement_s:.2f} s")
        report("teams_merge_s", round(merge_s, 3), "s", baseline=round(bare, 3),
               note=f"3 annotators x {args.docs} documents; baseline bare insert_all")
        report("teams_merge_again_s", round(again_s, 3), "s", note="idempotent re-merge")
        report("teams_agreement_s", round(agreement_s, 3), "s",
               note=f"3 pairs over {args.docs} documents")


if __name__ == "__main__":
    main()
