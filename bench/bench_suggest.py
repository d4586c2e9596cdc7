"""``annotator suggest`` throughput: 1 and 2 local workers and a local Ray cluster,
beside the recognizers called in a plain loop on the same documents.

    .venv/bin/python bench/bench_suggest.py [--docs 20000] [--shard-size 1000]
                                            [--cases loop,inproc,local1,local2,ray]

The figures in README.md ("Past one machine") are from ``--docs 100000``.

The corpus is bench/generate.py's news-like documents (about 3 KB each) with
their spans and claims removed (a raw archive). Recognizers: the offline ones
(gazetteer, dates) and the claim recognizer, language ``id``.

Cases (each in its own process, so memory figures are its own):
- loop: the bare baseline, in one process: for each line, ``json.loads``, each
  recognizer's ``recognize``, then fallback tokens and ``suggest_claims``; no
  contest, no output;
- inproc: the suggest function alone, in one process: reading through the
  importer, ``Suggester.suggest_line`` (recognizers, contest, JSON), no files;
- local1 / local2: ``run_suggest(engine="local", workers=1|2)``: reading through
  the importer, the contest, JSON out, shard files, manifest;
- ray: ``run_suggest(engine="ray", workers=2)`` on a local Ray cluster started
  by the run (``ray.init(num_cpus=2)``; its start-up is inside the time).

Memory: the RSS of the case's process and all its descendants (workers, Ray's
raylet and actors) is sampled after every shard; shared pages count once per
process, so the sum is an upper bound. "Flat" means the samples at 10, 50, 90
and 100% of the documents do not climb with the documents done.

CPU: the case's CPU seconds (its process and reaped children) per document and
per wall second ("cores busy"). On a machine shared with other jobs the 2-worker
speed-up is bounded by the cores the others leave; equal CPU per document for
1 and 2 workers says the work itself parallelises.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from benchlib import report  # noqa: E402

RECOGNIZERS = ("gazetteer", "dates", "claims")
LANG = "id"


def tree_rss_mb(root: int) -> float:
    """RSS of ``root`` and all its descendants (from /proc; Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in family} - family
        grew, family = bool(more), family | more
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def make_corpus(path: Path, n: int) -> None:
    from generate import generate

    with path.open("w", encoding="utf-8", newline="\n") as f:
        for record in generate(n):
            record.pop("spans", None)
            record.pop("claims", None)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_case(case: str, source: Path, out: Path, shard_size: int) -> dict[str, Any]:
    started = time.perf_counter()
    samples: list[tuple[int, float]] = []
    if case == "loop":
        from annotator.core.claims import suggest_claims
        from annotator.core.model import Document, EntitySpan, SpanStatus
        from annotator.core.recognizers import base
        from annotator.core.text import split_sentences, tokenize

        recs = [base.get(name, lang=LANG) for name in RECOGNIZERS if name != "claims"]
        n = 0
        with source.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                doc = Document(id=0, external_id="", text=text, lang=LANG)
                found = [s for rec in recs for s in rec.recognize(doc)]
                doc.tokens = tokenize(text)
                doc.sentences = split_sentences(text)
                entities = [EntitySpan(0, s.start, s.end, s.label, SpanStatus.SUGGESTED,
                                       id=k + 1) for k, s in enumerate(found)]
                suggest_claims(doc, entities, LANG)
                n += 1
                if n % shard_size == 0:
                    samples.append((n, tree_rss_mb(os.getpid())))
        documents = n
    elif case == "inproc":
        from annotator.core.suggest import Suggester, SuggestSettings, iter_records

        suggester = Suggester(SuggestSettings(recognizers=RECOGNIZERS, lang=LANG))
        documents = 0
        for documents, line in enumerate(iter_records([source], lang=LANG), 1):
            suggester.suggest_line(line)
            if documents % shard_size == 0:
                samples.append((documents, tree_rss_mb(os.getpid())))
    else:
        from annotator.core.suggest import SuggestSettings
        from annotator.core.suggest_run import SuggestReport, run_suggest

        def progress(rep: SuggestReport) -> None:
            samples.append((rep.documents, tree_rss_mb(os.getpid())))

        engine, workers = ("ray", 2) if case == "ray" else ("local", int(case[-1]))
        result = run_suggest([source], out, SuggestSettings(recognizers=RECOGNIZERS, lang=LANG),
                             engine=engine, workers=workers, shard_size=shard_size,
                             progress=progress)
        documents = result.documents
    seconds = time.perf_counter() - started
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]

    def at(share: float) -> float | None:
        return next((round(rss) for done, rss in samples if done >= documents * share), None)

    return {"case": case, "documents": documents, "seconds": seconds,
            "rss_at_10pct_mb": at(0.1), "rss_at_50pct_mb": at(0.5), "rss_at_90pct_mb": at(0.9),
            "rss_at_end_mb": round(samples[-1][1]) if samples else None,
            "rss_peak_sampled_mb": max((rss for _, rss in samples), default=None),
            "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            # CPU seconds of this process and its reaped children (local workers; not
            # Ray's actors, which belong to the raylet)
            "cpu_s": sum(u.ru_utime + u.ru_stime for u in used)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 20,000 by default (not run_all's BENCH_DOCS): five cases on 100,000 documents take
    # about 35 minutes on 2 busy cores, past run_all's 30-minute limit per script.
    ap.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_SUGGEST_DOCS",
                                                                   20_000)))
    ap.add_argument("--shard-size", type=int, default=1000)
    ap.add_argument("--cases", default="loop,inproc,local1,local2,ray")
    ap.add_argument("--case", help=argparse.SUPPRESS)  # internal: run one case, print JSON
    ap.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.source, args.out, args.shard_size)))
        return
    workdir = Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="bench-suggest-"))
    source = workdir / f"suggest-{args.docs}.jsonl"
    if not source.exists():
        make_corpus(source, args.docs)
    print(f"corpus: {args.docs} documents, {source.stat().st_size / 1e6:.0f} MB; "
          f"cores: {os.cpu_count()}; load average: {os.getloadavg()[0]:.1f}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for case in args.cases.split(","):
        if case == "ray":
            try:
                import ray  # noqa: F401
            except ImportError:
                print("ray: skipped (pip install -e '.[cluster]')", flush=True)
                continue
        out = workdir / f"shards-{case}"
        if out.exists():
            import shutil

            shutil.rmtree(out)
        done = subprocess.run([sys.executable, __file__, "--case", case, "--source", str(source),
                               "--out", str(out), "--shard-size", str(args.shard_size)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{case}: failed\n{done.stderr[-2000:]}", flush=True)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results[case] = result
        rate = result["documents"] / result["seconds"]
        print(f"{case:<7} {result['documents']} documents in {result['seconds']:.1f} s = "
              f"{rate:.0f} docs/s; RSS (process tree) at 10/50/90/100%: "
              f"{result['rss_at_10pct_mb']}/{result['rss_at_50pct_mb']}/"
              f"{result['rss_at_90pct_mb']}/{result['rss_at_end_mb']} MB, peak sampled: "
              f"{round(result['rss_peak_sampled_mb'] or 0)} MB; CPU "
              f"{result['cpu_s'] / result['documents'] * 1000:.2f} ms a document, "
              f"{result['cpu_s'] / result['seconds']:.2f} cores busy; load average now "
              f"{os.getloadavg()[0]:.1f}", flush=True)
    rates = {c: r["documents"] / r["seconds"] for c, r in results.items()}
    loop = rates.get("loop")
    for case in ("local1", "local2", "ray"):
        if case in rates:
            report(f"suggest_{case}_docs_s", round(rates[case], 1), "docs/s", baseline=loop,
                   note="baseline: the recognizers in a plain loop, one process")
    if "local1" in rates and "local2" in rates:
        report("suggest_local_speedup", round(rates["local2"] / rates["local1"], 2), "x",
               note="2 workers over 1 (budget: >= 1.7x on 2 cores)")
    if "ray" in rates and "local2" in rates:
        report("suggest_ray_over_local", round(rates["local2"] / rates["ray"], 2), "x",
               note="time on Ray / time on local processes, 2 workers each")
    if loop and "inproc" in rates:
        report("suggest_function_overhead_pct", round((loop / rates["inproc"] - 1) * 100, 1),
               "%", note="the suggest function in one process (importer, contest, JSON) "
                         "over the plain loop")
    if loop and "local1" in rates:
        report("suggest_overhead_pct", round((loop / rates["local1"] - 1) * 100, 1), "%",
               note="1 local worker over the plain loop")
    shards = {c: sorted((workdir / f"shards-{c}").glob("shard-*.jsonl")) for c in results
              if c not in ("loop", "inproc")}
    if len(shards) > 1:
        first, *rest = shards.values()
        same = all(len(first) == len(other)
                   and all(a.read_bytes() == b.read_bytes()
                           for a, b in zip(first, other, strict=True))
                   for other in rest)
        print(f"shards byte-identical across {', '.join(shards)}: {same}", flush=True)


if __name__ == "__main__":
    main()
