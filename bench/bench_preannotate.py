"""Pre-annotation throughput beside the bare Stanza pipeline on the same texts.

    .venv/bin/python bench/bench_preannotate.py [--copies 8] [--batch 16] [--repeat 3]

Uses the tiny real Stanza models of the test-suite (tokenize + POS for
``stanza-propn``; built once and cached under .cache/tiny-stanza). The texts are
the five seed articles, each repeated ``--copies`` times with a numbered line
so that every document is new to the project.

Figures (median of ``--repeat`` rounds, each round running every case once in turn;
pipeline loading excluded from both sides):
- bare: ``pipeline.bulk_process`` over the same texts in batches of ``--batch``;
- preannotate_s: ``preannotate(project, ["stanza-propn"])`` on a fresh project
  (reading documents, PROPN runs and labels, storing suggestions, tokens,
  sentences and cache rows, one transaction per document);
- the same with every offline recognizer as well (names, gazetteer, dates, dictionary);
- batched vs one document at a time (``batch=1``), for the bare pipeline and
  for pre-annotation.
The tiny models are far cheaper than real Stanza models, so the fixed
per-document costs (SQLite, labelling) weigh more here than with real models:
the overhead measured is an upper bound.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from benchlib import report  # noqa: E402

from annotator.core.recognizers import preannotate  # noqa: E402
from annotator.core.recognizers import stanza_support as ss  # noqa: E402
from annotator.core.seeds import seed_documents  # noqa: E402
from annotator.core.store import NewDocument, Project  # noqa: E402
from tests.fixtures import tiny_stanza as ts  # noqa: E402


def texts(copies: int) -> list[str]:
    base = [d.text for d in seed_documents()]
    return [f"{t}\nSalinan {k + 1}." for k in range(copies) for t in base]


def bare(pipeline: object, items: list[str], batch: int) -> float:
    import stanza

    started = time.perf_counter()
    for i in range(0, len(items), batch):
        docs = [stanza.Document([], text=t) for t in items[i:i + batch]]
        if len(docs) > 1:
            pipeline.bulk_process(docs)  # type: ignore[attr-defined]
        else:
            pipeline(docs[0])  # type: ignore[operator]
    return time.perf_counter() - started


def run_preannotate(items: list[str], recognizers: list[str], models: Path, batch: int,
                    folder: Path) -> float:
    path = folder / f"bench-{time.time_ns()}.annotator.db"
    with Project(path) as project:
        project.documents.insert(NewDocument(t, lang="id") for t in items)
        started = time.perf_counter()
        result = preannotate(project, recognizers, batch=batch,
                             options={"stanza_dir": models})
        seconds = time.perf_counter() - started
        assert result.ran["stanza-propn"] == len(items), result.messages
    path.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    models = ts.build_tiny_models(ts.default_cache_dir(), "id")
    items = texts(args.copies)
    chars = sum(len(t) for t in items)
    pipeline = ss.load_pipeline(models, "id", "tokenize,pos")  # shared with stanza-propn
    bare(pipeline, items[:5], args.batch)  # warm up
    folder = Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="bench-pre-"))
    folder.mkdir(parents=True, exist_ok=True)

    # the machine is shared: measure in rounds, each round every case once, so that a
    # change of load hits the bare pipeline and pre-annotation alike
    cases = {
        "bare_batched": lambda: bare(pipeline, items, args.batch),
        "pre_propn": lambda: run_preannotate(items, ["stanza-propn"], models, args.batch,
                                             folder),
        "bare_single": lambda: bare(pipeline, items, 1),
        "pre_single": lambda: run_preannotate(items, ["stanza-propn"], models, 1, folder),
        "pre_all": lambda: run_preannotate(
            items, ["stanza-propn", "names", "gazetteer", "dates", "dictionary"], models,
            args.batch, folder),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, case in cases.items():
            times[name].append(case())
    bare_batched, pre_propn, bare_single, pre_single, pre_all = (
        statistics.median(times[name]) for name in cases)

    n = len(items)
    print(f"{n} documents, {chars / 1000:.0f} k characters, tiny models, 1 torch thread")
    rows = [
        (f"bare Stanza tokenize+pos, batches of {args.batch}", bare_batched),
        ("bare Stanza tokenize+pos, one at a time", bare_single),
        (f"preannotate stanza-propn, batches of {args.batch}", pre_propn),
        ("preannotate stanza-propn + offline recognizers", pre_all),
        ("preannotate stanza-propn, one at a time", pre_single),
    ]
    for label, seconds in rows:
        print(f"  {label:<50} {seconds:7.2f} s  {n / seconds:7.1f} docs/s  "
              f"{chars / seconds / 1000:7.1f} k chars/s")
    print(f"  overhead over bare (batched): stanza-propn {pre_propn / bare_batched - 1:+.1%}, "
          f"with offline recognizers {pre_all / bare_batched - 1:+.1%}")
    print(f"  batching speed-up: bare {bare_single / bare_batched:.2f}x, "
          f"preannotate {pre_single / pre_propn:.2f}x")
    report("preannotate_s", round(pre_propn, 3), baseline=round(bare_batched, 3),
           note=f"{n} seed-like docs, tiny models, stanza-propn, batch {args.batch}")
    report("preannotate_all_s", round(pre_all, 3), "s", baseline=round(bare_batched, 3),
           note="stanza-propn + names + gazetteer + dates + dictionary")
    report("preannotate_unbatched_s", round(pre_single, 3), "s",
           baseline=round(bare_single, 3), note="one document at a time (bare: the same)")


if __name__ == "__main__":
    main()
