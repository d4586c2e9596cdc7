"""Offline pre-annotation speed: a 3 kB article without Stanza, beside a bare tokenizer.

    .venv/bin/python bench/bench_names.py [--copies 20] [--repeat 5]

The article is the longest seed (about 3 kB). Figures (median of ``--repeat``
rounds, each round running every case once in turn, after a warm-up that loads
CLDR data and compiles the patterns):
- bare: ``re.findall(r"\\w+|[^\\w\\s]", text)``, a plain regex tokenization of the text;
- names: ``Names.recognize`` alone (the model-free proper-noun recognizer);
- offline recognizers: names + gazetteer + dates + dictionary, ``recognize`` only;
- preannotate_offline_ms: ``preannotate()`` with the offline recognizers on a
  fresh project of ``--copies`` new documents (reading, overlap resolution,
  one SQLite transaction per document), per document. The budget: <= 20 ms.
- runner only: the same ``preannotate()`` with recognizers that return their
  suggestions ready-made (computed once before): the runner's and SQLite's
  share of the figure above.
- first_view_ms: what the window adds before drawing its first document, in a
  fresh process (imports of the recognizers excluded, CLDR cache on disk warm):
  ``preannotate(project, FIRST_VIEW, [one document])``, beside the same process
  reading that document (``project.document``) as the bare baseline.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from benchlib import median_ms, report  # noqa: E402

from annotator.core.model import Document  # noqa: E402
from annotator.core.recognizers import (  # noqa: E402
    OFFLINE,
    Recognizer,
    Suggestion,
    get,
    preannotate,
)
from annotator.core.seeds import seed_documents  # noqa: E402
from annotator.core.store import NewDocument, Project  # noqa: E402

_BARE = re.compile(r"\w+|[^\w\s]")


class ReadyMade:
    """A recognizer that returns suggestions computed beforehand (same name and output)."""

    def __init__(self, name: str, suggestions: list[Suggestion]) -> None:
        self.name = name
        self.version = "ready-made"
        self.suggestions = suggestions

    def recognize(self, doc: Document) -> list[Suggestion]:
        return self.suggestions


def run_preannotate(texts: list[str], folder: Path,
                    recognizers: Sequence[Recognizer | str] = OFFLINE) -> float:
    path = folder / f"bench-names-{time.time_ns()}.annotator.db"
    with Project(path) as project:
        project.documents.insert(NewDocument(t, lang="id") for t in texts)
        started = time.perf_counter()
        preannotate(project, list(recognizers))
        seconds = time.perf_counter() - started
    path.unlink()
    return seconds * 1000 / len(texts)


FIRST_VIEW_SCRIPT = r"""
import sys, time
from pathlib import Path
from annotator.core.recognizers import preannotate
from annotator.core.recognizers.base import FIRST_VIEW
from annotator.core.store import Project
with Project(Path(sys.argv[1])) as project:
    doc_id = project.documents.ids()[0]
    t0 = time.perf_counter()
    doc = project.documents.get(doc_id, segment=False)
    t1 = time.perf_counter()
    preannotate(project, list(FIRST_VIEW), [doc_id], lang=doc.lang,
                options={"accepted": False})
    t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.2f} {(t2 - t1) * 1000:.2f}")
"""


def first_view(text: str, folder: Path) -> tuple[float, float]:
    """(bare read ms, first-view ms) in a fresh process, with a warm CLDR cache."""
    import subprocess

    env = {**os.environ, "ANNOTATOR_HOME": str(folder / "home")}
    times = []
    for k in range(3):  # the first run writes the CLDR cache
        path = folder / f"first-view-{time.time_ns()}.annotator.db"
        with Project(path) as project:
            project.documents.insert([NewDocument(text, lang="id")])
        out = subprocess.run([sys.executable, "-c", FIRST_VIEW_SCRIPT, str(path)], env=env,
                             capture_output=True, text=True, check=True)
        path.unlink()
        if k:
            bare, view = (float(v) for v in out.stdout.split())
            times.append((bare, view))
    return min(t[0] for t in times), min(t[1] for t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = max((d.text for d in seed_documents()), key=len)
    doc = Document(id=1, external_id="bench", text=text, lang="id")
    recognizers = [get(name) for name in OFFLINE]
    names = recognizers[0]
    texts = [f"{text}\nSalinan {k + 1}." for k in range(args.copies)]
    folder = Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="bench-names-"))
    folder.mkdir(parents=True, exist_ok=True)
    for rec in recognizers:
        rec.recognize(doc)  # warm-up: CLDR data, compiled patterns, word lists
    run_preannotate(texts[:2], folder)
    ready = [ReadyMade(r.name, r.recognize(doc)) for r in recognizers]

    cases = {
        "bare": lambda: median_ms(lambda: _BARE.findall(text), repeat=20),
        "names": lambda: median_ms(lambda: names.recognize(doc), repeat=20),
        "offline": lambda: median_ms(lambda: [r.recognize(doc) for r in recognizers], repeat=20),
        "preannotate": lambda: run_preannotate(texts, folder),
        "runner": lambda: run_preannotate(texts, folder, ready),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, case in cases.items():
            times[name].append(case())
    bare, names_ms, offline_ms, pre_ms, runner_ms = (statistics.median(times[n]) for n in cases)
    print(f"a {len(text)}-character article (the longest seed), median of {args.repeat} rounds")
    print(f"  bare regex tokenize          {bare:7.2f} ms")
    print(f"  names.recognize              {names_ms:7.2f} ms")
    print(f"  offline recognizers          {offline_ms:7.2f} ms  ({', '.join(OFFLINE)})")
    print(f"  preannotate, per document    {pre_ms:7.2f} ms  (runner + SQLite, "
          f"{args.copies} documents)")
    print(f"  runner only, per document    {runner_ms:7.2f} ms  (ready-made suggestions)")
    report("preannotate_offline_ms", round(pre_ms, 2), "ms", baseline=round(bare, 3),
           note=f"{len(text)}-char article, {', '.join(OFFLINE)}, runner + SQLite; "
                "baseline: bare regex tokenize")
    report("names_recognize_ms", round(names_ms, 2), "ms", baseline=round(bare, 3),
           note="the names recognizer alone; baseline: bare regex tokenize")
    report("offline_recognize_ms", round(offline_ms, 2), "ms", baseline=round(bare, 3),
           note="every offline recognizer, recognize() only")
    report("preannotate_runner_only_ms", round(runner_ms, 2), "ms",
           note="preannotate() with ready-made suggestions: runner + SQLite share")
    read_ms, view_ms = first_view(text, folder)
    print(f"  first view, fresh process    {view_ms:7.2f} ms  (names + dates, one document; "
          f"reading it: {read_ms:.2f} ms)")
    report("first_view_ms", round(view_ms, 1), "ms", baseline=round(read_ms, 2),
           note="first document's suggestions in a fresh process, before the window draws "
                "it (best of 2); baseline: reading the document")


if __name__ == "__main__":
    main()
