"""GUI benchmark: document switch beside a bare QTextEdit, start-up with 100,000
documents, memory. Prints figures (budgets in DESIGN.md); not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py [--docs 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import report  # RESULT lines for bench/run_all.py

_SAMPLE = ("pemimpin korea utara menemui presiden rusia di vladivostok untuk membahas kerja sama "
           "militer dan ekonomi kedua negara menurut sumber pemerintah pada minggu malam kereta "
           "khusus tersebut membawa rombongan ke perbatasan timur laut")
WORDS = tuple(_SAMPLE.split(" "))
LABELS = ["PER", "ORG", "LOC", "DATE", "MISC"]


def make_text(n_chars: int, rng: random.Random) -> str:
    out: list[str] = []
    size = 0
    while size < n_chars:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(sentence + ("\n" if rng.random() < 0.25 else " "))
        size += len(sentence) + 1
    return "".join(out)[:n_chars]


def make_doc(project, text: str, n_spans: int, ext: str, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    from annotator.core.model import EntitySpan, SpanStatus
    from annotator.core.store import NewDocument
    from annotator.core.text import tokenize
    tokens = [t for t in tokenize(text) if text[t[0]].isalpha()]
    step = max(1, len(tokens) // n_spans)
    ents = [EntitySpan(0, s, e, rng.choice(LABELS),
                       SpanStatus.SUGGESTED if k % 3 else SpanStatus.ACCEPTED)
            for k, (s, e) in enumerate(tokens[::step][:n_spans])]
    res = project.documents.insert([NewDocument(text, external_id=ext, entities=ents)])
    return res.doc_ids[0]


def bare_switch(view, text: str, spans: list[tuple[int, int, str]]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    view.setPlainText(text)
    cursor = QTextCursor(view.document())
    cursor.beginEditBlock()
    fmt = {lab: QTextCharFormat() for lab in LABELS}
    for lab, f in fmt.items():
        f.setBackground(QColor("#%06x" % (hash(lab) & 0xFFFFFF)))
    for s, e, lab in spans:
        cursor.setPosition(s)
        cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt[lab])
    cursor.endEditBlock()


def timed(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def bench_switch(tmp: Path) -> None:
    from PySide6.QtWidgets import QApplication, QTextEdit

    from annotator.core.store import Project
    from annotator.gui.app import build_window, ensure_app
    app = ensure_app()
    # measure the switch to documents with exactly these spans: an automatic
    # pre-annotation run would add suggestions (dictionary, gazetteer) while we time
    os.environ["ANNOTATOR_NO_AUTO_PREANNOTATE"] = "1"
    rng = random.Random(1)
    project = Project(tmp / "switch.annotator.db")
    cases = {}
    for name, size, spans in (("3 kB / 50 spans", 3_000, 50),
                              ("200 kB / 5,000 spans", 200_000, 5_000)):
        a = make_doc(project, make_text(size, rng), spans, name + " a", rng)
        b = make_doc(project, make_text(size, rng), spans, name + " b", rng)
        cases[name] = (a, b)
    window = build_window(project, restore=False)
    window.persist = False
    window.resize(1400, 900)
    window.show()
    bare = QTextEdit()
    bare.setReadOnly(True)
    bare.resize(800, 800)
    bare.show()
    app.processEvents()
    print("document switch (median; open + format + layout + paint):")
    for name, (a, b) in cases.items():
        texts = {d: project.documents.get(d).text for d in (a, b)}
        spans = {d: [(e.start, e.end, e.label) for e in project.spans.list(d)] for d in (a, b)}
        order = [a, b]

        def switch(k: list[int], order: list[int] = order) -> None:
            k[0] += 1
            window.open_document(order[k[0] % 2])
            window.article.viewport().repaint()
            QApplication.processEvents()

        def bare_one(k: list[int], order: list[int] = order,
                     texts: dict[int, str] = texts,
                     spans: dict[int, list[tuple[int, int, str]]] = spans) -> None:
            k[0] += 1
            doc_id = order[k[0] % 2]
            bare_switch(bare, texts[doc_id], spans[doc_id])
            bare.viewport().repaint()
            QApplication.processEvents()

        repeat = 20 if "3 kB" in name else 6
        ka, kb = [0], [0]
        switch(ka)
        bare_one(kb)
        ours = timed(lambda ka=ka: switch(ka), repeat)
        theirs = timed(lambda kb=kb: bare_one(kb), repeat)
        print(f"  {name:<22} annotator {ours:7.1f} ms   bare QTextEdit {theirs:7.1f} ms   "
              f"ratio {ours / theirs:4.2f}")
        report("switch_small_ms" if "3 kB" in name else "switch_large_ms", round(ours, 2),
               baseline=round(theirs, 2), note="baseline: bare QTextEdit, text + char formats")
    window.close()
    bare.close()
    project.close()


def make_big_project(path: Path, n: int) -> None:
    from annotator.core.store import NewDocument, Project
    rng = random.Random(2)
    base = [make_text(3_000, rng) for _ in range(50)]
    t0 = time.perf_counter()
    with Project(path) as project:
        project.documents.insert(
            NewDocument(f"Berita {i}: " + base[i % 50], external_id=f"doc-{i:06d}")
            for i in range(n))
        project.search.update_index()
    print(f"  (generated {n:,} documents of 3 kB in {time.perf_counter() - t0:.1f} s)")


STARTUP = r"""
import time, sys, os, resource
t0 = time.perf_counter()
from pathlib import Path
from annotator.gui.app import build_window, ensure_app
from annotator.core.store import Project
app = ensure_app()
t_imports = time.perf_counter()
project = Project(Path(sys.argv[1]))
window = build_window(project, restore=False)
window.persist = False
window.resize(1400, 900)
window.show()
window.open_last_document()
app.processEvents()
window.documents.view.viewport().repaint()
t_usable = time.perf_counter()
rows = window.documents.model.rowCount()
# scroll through the list as a person would: 50 pages
bar = window.documents.view.verticalScrollBar()
t1 = time.perf_counter()
for k in range(50):
    bar.setValue(int(bar.maximum() * k / 50))
    window.documents.view.viewport().repaint()
t_scroll = (time.perf_counter() - t1) / 50
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{t_imports - t0:.3f} {t_usable - t_imports:.3f} {rows} {t_scroll * 1000:.1f} {rss:.0f}")
sys.stdout.flush()
os._exit(0)
"""


def bench_startup(tmp: Path, n: int) -> None:
    path = tmp / f"big-{n}.annotator.db"
    print(f"start-up with {n:,} documents:")
    if not path.exists():
        make_big_project(path, n)
    env = {k: v for k, v in os.environ.items() if k != "ANNOTATOR_NO_AUTO_PREANNOTATE"}
    out = subprocess.run([sys.executable, "-c", STARTUP, str(path)], capture_output=True,
                         text=True, check=True, env={**env, "ANNOTATOR_HOME": str(tmp)})
    imports, usable, rows, scroll, rss = out.stdout.split()
    print(f"  imports + QApplication {float(imports) * 1000:6.0f} ms")
    print(f"  project open to usable window (list of {int(rows):,} rows, first document "
          f"shown) {float(usable) * 1000:6.0f} ms")
    print(f"  total from process start {1000 * (float(imports) + float(usable)):6.0f} ms "
          f"(budget 500 ms)")
    print(f"  list page scroll {float(scroll):5.1f} ms per page")
    print(f"  peak RSS {float(rss):6.0f} MB (budget 250 MB)")
    report("startup_s", round(float(imports) + float(usable), 3),
           note=f"{n:,} docs; imports + QApplication {float(imports):.2f} s")
    report("rss_mb", round(float(rss)), note=f"peak, start-up process, {n:,} docs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS", 100_000)))
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "bench_gui",
                        help="folder for the generated projects (reused between runs)")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    os.environ["ANNOTATOR_HOME"] = str(args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        bench_switch(Path(tmp))
    bench_startup(args.keep, args.docs)


if __name__ == "__main__":
    main()
