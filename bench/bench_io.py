"""Import and every export format on the same corpus, each beside a bare baseline.

    python bench/bench_io.py [--docs 10000] [--rounds 3] [--workdir DIR] [--no-rss]

The corpus: ``--docs`` generated Indonesian-like news documents of ~1,200
characters (bench/generate.py, seed 1): 10,000 of them are ~34 MB of native
JSONL with ~215,000 entity spans and ~23,000 claims (the corpus of issue 19).
``BENCH_DOCS`` is not used: this benchmark is about that corpus, not the
100,000-document project of the other benchmarks.

- import: ``import_paths`` (parse, normalise, every span check, language guess,
  hash, tokens kept, one transaction) beside bare sqlite-utils ``insert_all`` of
  the same rows from the same file (bench_store.bare_insert_all, no checks).
- export, per format (jsonl, doccano, conll, hf, spacy, claims, labelstudio,
  brat): ``export(project, fmt, status="all")`` beside writing the SAME output
  bytes from prepared Python objects (parsed back from our own output before
  the clock starts): orjson records for the JSON formats, (token, tag) pairs for
  CoNLL, words/spaces/entity offsets through spaCy's Doc and DocBin for spacy,
  the .txt and .ann strings for brat. Each bare output is compared with ours.
- rounds: the machine is shared, so bare and ours run interleaved (bare, ours,
  bare, ours, ...) and the best of each is reported, every round printed.
- memory: peak RSS of a fresh process that imports, or exports jsonl and conll,
  for ``--docs`` and twice as many documents (streamed: about the same).

Prints figures and RESULT lines (bench/run_all.py); asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_store import bare_insert_all  # noqa: E402
from benchlib import report  # noqa: E402
from generate import write  # noqa: E402

from annotator.core.exporters import FORMATS, export  # noqa: E402
from annotator.core.exporters.brat import write_bytes  # noqa: E402
from annotator.core.importers import import_paths  # noqa: E402
from annotator.core.store import Project  # noqa: E402

DOC_SIZE = 1200  # characters a document: 10,000 documents ~ 34 MB of JSONL
CHUNK = 1 << 20


def corpus(work: Path, n: int) -> Path:
    src = work / f"io-news-{n}.jsonl"
    if not src.exists():
        write(src, n, size=DOC_SIZE)
    return src


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


# brat writes 20,000 small files: on this machine's disk their creation took 0.5-11 s
# from one run to the next (for bare and ours alike, whatever was flushed before), so
# both write them to memory (tmpfs) when there is one, and the figure is the code's.
MEMORY_FOLDER = Path("/dev/shm")


def target(work: Path, fmt: str, who: str) -> Path:
    """Where ``who`` (bare or ours) writes ``fmt``, emptied."""
    if fmt == "brat" and MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK):
        work = MEMORY_FOLDER / f"bench_io-{os.getpid()}"
        work.mkdir(exist_ok=True)
    path = work / f"{who}.{fmt}"
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    return path


# --- bare baselines: the same bytes from prepared objects ---------------------------------


def _chunked_write(path: Path, pieces: Any) -> None:
    with path.open("wb") as f:
        buf: list[bytes] = []
        size = 0
        for piece in pieces:
            buf.append(piece)
            size += len(piece)
            if size >= CHUNK:
                f.write(b"".join(buf))
                buf, size = [], 0
        f.write(b"".join(buf))
        f.flush()
        os.fsync(f.fileno())


def prepare(fmt: str, ours: Path) -> Callable[[Path], None]:
    """Parse our output back into plain Python objects (untimed) and return the bare
    writer that turns them into the same bytes (timed)."""
    if fmt in ("jsonl", "doccano", "hf", "claims"):
        records = [orjson.loads(line) for line in ours.read_bytes().splitlines()]
        option = orjson.OPT_APPEND_NEWLINE
        return lambda out: _chunked_write(out, (orjson.dumps(r, option=option)
                                                for r in records))
    if fmt == "labelstudio":
        tasks = orjson.loads(ours.read_bytes())

        def write_array(out: Path) -> None:
            pieces = (orjson.dumps(t) for t in tasks)
            _chunked_write(out, _array(pieces))
        return write_array
    if fmt == "conll":
        docs: list[list[list[tuple[str, str]]]] = []
        for block in ours.read_text(encoding="utf-8").split("-DOCSTART- -X- -X- O\n\n")[1:]:
            docs.append([[(line.split(" ")[0], line.split(" ")[-1])
                          for line in sent.split("\n")]
                         for sent in block.split("\n\n") if sent.strip()])

        def write_conll(out: Path) -> None:
            _chunked_write(out, (("-DOCSTART- -X- -X- O\n\n" + "".join(
                "".join(f"{tok} -X- _ {tag}\n" for tok, tag in sent) + "\n" for sent in doc)
            ).encode("utf-8") for doc in docs))
        return write_conll
    if fmt == "brat":
        files = sorted((p.name, p.read_bytes()) for p in ours.iterdir())

        def write_brat(out: Path) -> None:
            out.mkdir()
            for name, data in files:
                write_bytes(out / name, data)
        return write_brat
    if fmt == "spacy":
        from spacy.tokens import Doc, DocBin
        from spacy.vocab import Vocab

        loaded = list(DocBin(store_user_data=True).from_bytes(ours.read_bytes())
                      .get_docs(Vocab()))
        prepared = [([t.text for t in d], [bool(t.whitespace_) for t in d],
                     [(e.start_char, e.end_char, e.label_) for e in d.ents],
                     [(s.start_char, s.end_char, s.label_) for s in d.spans["claims"]],
                     dict(d.user_data)) for d in loaded]
        del loaded

        def write_docbin(out: Path) -> None:
            vocab = Vocab()
            docbin = DocBin(store_user_data=True)
            for words, spaces, ents, claims, user_data in prepared:
                doc = Doc(vocab, words=words, spaces=spaces)
                doc.set_ents([doc.char_span(s, e, label=lab) for s, e, lab in ents])
                doc.spans["claims"] = [doc.char_span(s, e, label=lab) for s, e, lab in claims]
                doc.user_data.update(user_data)
                docbin.add(doc)
            with out.open("wb") as f:
                f.write(docbin.to_bytes())
        return write_docbin
    raise ValueError(fmt)


def _array(pieces: Any) -> Any:
    first = True
    for piece in pieces:
        yield (b"[\n" if first else b",\n") + piece
        first = False
    yield b"[]\n" if first else b"\n]\n"


def digest(path: Path) -> str:
    h = hashlib.sha256()
    paths = sorted(path.iterdir()) if path.is_dir() else [path]
    for p in paths:
        h.update(p.name.encode() if path.is_dir() else b"")
        h.update(p.read_bytes())
    return h.hexdigest()


def size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir()) / 1e6
    return path.stat().st_size / 1e6


# --- peak memory in a fresh process --------------------------------------------------------


def child(args: list[str]) -> None:
    """``--child import SRC DB`` or ``--child export DB FMT OUT``: do it, print peak RSS."""
    action = args[0]
    if action == "import":
        with Project(fresh(Path(args[2]))) as project:
            import_paths(project, [Path(args[1])])
    else:
        with Project(Path(args[1])) as project:
            export(project, args[2], Path(args[3]), status="all")
    print(f"PEAK {_vm_hwm_kb() / 1024:.1f}")


def _vm_hwm_kb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss it is not carried over from
    the parent through fork and exec); ru_maxrss where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_mb(*args: str) -> float:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                         text=True, check=True, cwd=HERE.parent).stdout
    return float(next(line.split()[1] for line in out.splitlines() if line.startswith("PEAK")))


def memory(work: Path, n: int) -> None:
    print(f"peak RSS of a fresh process ({n:,} vs {2 * n:,} documents):")
    rows: dict[str, list[float]] = {}
    for docs in (n, 2 * n):
        src = corpus(work, docs)
        db = work / f"rss-{docs}.annotator.db"
        rows.setdefault("import", []).append(peak_mb("import", str(src), str(db)))
        for fmt in ("jsonl", "conll"):
            out = target(work, fmt, f"rss-{docs}")
            rows.setdefault(f"export {fmt}", []).append(
                peak_mb("export", str(db), fmt, str(out)))
            out.unlink(missing_ok=True)
        fresh(db)
    for what, (small, large) in rows.items():
        print(f"  {what:14s} {small:7.0f} MB  {large:7.0f} MB  (x{large / small:.2f})")
        key = what.replace(" ", "_")
        report(f"io_rss_{key}_mb", round(large, 1), "MB", baseline=round(small, 1),
               note=f"peak RSS at {2 * n:,} documents; baseline: at {n:,}")
    worst = max(large / small for small, large in rows.values())
    report("io_rss_growth", round(worst, 2), "x",
           note=f"largest peak-RSS ratio {2 * n:,} / {n:,} documents (import, jsonl, conll)")


# --- main --------------------------------------------------------------------------------


def change_some(project: Project, share: float, undo: dict[int, str]) -> None:
    """Relabel the first span of every 1/share-th document (through the store, one
    transaction); called again, put the labels back (``undo``)."""
    with project.transaction():
        if undo:
            for span_id, label in undo.items():
                project.spans.update(span_id, label=label)
            undo.clear()
            return
        step = max(1, int(1 / share))
        for doc_id in range(1, project.documents.count() + 1, step):
            spans = project.spans.list(doc_id)
            if spans:
                undo[spans[0].id or 0] = spans[0].label
                project.spans.update(spans[0].id or 0, label=spans[0].label + "X")


def export_format(project: Project, work: Path, fmt: str, rounds: int) -> None:
    """One format: bare, cold, warm and 1%-changed exports interleaved, best of each."""
    out = target(work, fmt, "ours")
    export(project, fmt, out, status="all", cache=False)  # the output to prepare from
    write_bare = prepare(fmt, out)
    # The prepared objects (millions for jsonl) would make every full garbage
    # collection during OUR export walk them too: out of the collector's sight.
    gc.collect()
    gc.freeze()
    ours_digest = digest(out)
    export(project, fmt, target(work, fmt, "ours"), status="all")  # fills the cache
    times: dict[str, list[float]] = {"bare": [], "cold": [], "warm": [], "1%": []}
    same = True
    undo: dict[int, str] = {}
    for _ in range(rounds):
        bare_out = target(work, fmt, "bare")
        t = time.perf_counter()
        write_bare(bare_out)
        times["bare"].append(time.perf_counter() - t)
        if fmt != "spacy":  # a DocBin's zlib bytes differ run to run
            same = same and digest(bare_out) == ours_digest
        for mode in ("cold", "warm"):
            out = target(work, fmt, "ours")
            t = time.perf_counter()
            export(project, fmt, out, status="all", cache=mode == "warm")
            times[mode].append(time.perf_counter() - t)
            if fmt != "spacy":
                same = same and digest(out) == ours_digest
        change_some(project, 0.01, undo)
        out = target(work, fmt, "ours")
        t = time.perf_counter()
        export(project, fmt, out, status="all")
        times["1%"].append(time.perf_counter() - t)
        change_some(project, 0.01, undo)  # back as it was (the next round's bytes)
        export(project, fmt, target(work, fmt, "ours"), status="all")
    best = {k: min(v) for k, v in times.items()}
    bare = best["bare"]
    mb = size_mb(out)
    verdict = "n/a" if fmt == "spacy" else "yes" if same else "NO"
    print(f"  {fmt:12s} {best['cold']:6.2f}s {best['warm']:6.2f}s {best['1%']:6.2f}s "
          f"{bare:6.2f}s {best['cold'] / bare:5.2f}x {best['warm'] / bare:5.2f}x "
          f"{best['1%'] / bare:5.2f}x {mb:7.1f}  {verdict}"
          f"   rounds " + " ".join(f"{k} {[round(x, 2) for x in v]}" for k, v in times.items()))
    cacheable = fmt != "spacy"
    report(f"io_export_{fmt}_s", round(best["warm"], 2), "s", baseline=round(bare, 2),
           note=f"{mb:.0f} MB; export cache, nothing changed: {best['warm'] / bare:.2f}x bare"
           if cacheable else f"{mb:.0f} MB; {best['warm'] / bare:.2f}x bare (not cached)")
    report(f"io_export_{fmt}_cold_s", round(best["cold"], 2), "s", baseline=round(bare, 2),
           note=f"--no-cache: every document computed; {best['cold'] / bare:.2f}x bare")
    if cacheable:
        report(f"io_export_{fmt}_changed_s", round(best["1%"], 2), "s", baseline=round(bare, 2),
               note=f"export cache, 1% of documents changed; {best['1%'] / bare:.2f}x bare")
    if fmt in ("jsonl", "conll"):
        report(f"io_export_{fmt}_abs_s", round(best["cold"], 2), "s",
               note=f"--no-cache (every document computed), {mb:.0f} MB")
    target(work, fmt, "bare")
    target(work, fmt, "ours")
    shutil.rmtree(MEMORY_FOLDER / f"bench_io-{os.getpid()}", ignore_errors=True)
    del write_bare
    gc.unfreeze()
    gc.collect()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workdir", type=Path, default=os.environ.get("BENCH_WORKDIR"))
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--no-rss", action="store_true")
    ap.add_argument("--child", nargs="+")
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    n = args.docs
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_io_")) / "io"
    work.mkdir(parents=True, exist_ok=True)
    # The export cache of this run (and of the memory children) lives in the work folder.
    os.environ["ANNOTATOR_HOME"] = str(work / "home")
    shutil.rmtree(work / "home", ignore_errors=True)
    src = corpus(work, n)
    src_mb = src.stat().st_size / 1e6
    db = work / "ours.annotator.db"

    print(f"corpus: {n:,} documents, {src_mb:.1f} MB JSONL; best of {args.rounds} "
          "interleaved rounds")
    bare_times, our_times = [], []
    for _ in range(args.rounds):
        bare_times.append(bare_insert_all(src, fresh(work / "bare.db")))
        with Project(fresh(db)) as project:
            t = time.perf_counter()
            summary = import_paths(project, [src])
            our_times.append(time.perf_counter() - t)
    bare, ours = min(bare_times), min(our_times)
    print(f"import: {summary.documents:,} docs, {summary.entities:,} entities, "
          f"{summary.claims:,} claims")
    print(f"  annotator import   {ours:6.2f} s   rounds {[round(t, 2) for t in our_times]}")
    print(f"  bare insert_all    {bare:6.2f} s   rounds {[round(t, 2) for t in bare_times]}")
    print(f"  speed vs bare      {bare / ours:6.2f}x  (budget >= 0.8x)")
    report("io_import_s", round(ours, 2), "s", baseline=round(bare, 2),
           note=f"{n:,} docs, {src_mb:.0f} MB; {bare / ours:.2f}x the speed of bare insert_all")

    with Project(db) as project:
        print(f"export (status all, {n:,} documents): cold = --no-cache (every document "
              "computed); warm = the export cache, nothing changed; 1% = the export cache "
              f"after {max(1, n // 100):,} documents changed (one span relabelled each)")
        print(f"  {'format':12s} {'cold':>7s} {'warm':>7s} {'1%':>7s} {'bare':>7s} "
              f"{'cold/b':>6s} {'warm/b':>6s} {'1%/b':>6s} {'MB':>7s}  same bytes")
        for fmt in args.formats.split(","):
            export_format(project, work, fmt, args.rounds)
    if not args.no_rss:
        memory(work, n)


if __name__ == "__main__":
    main()
