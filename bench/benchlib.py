"""What every benchmark shares with bench/run_all.py: one machine-readable line a figure.

A benchmark prints, besides whatever it shows people, one line per figure::

    RESULT {"id": "edit_ms", "value": 0.8, "unit": "ms", "baseline": null, "note": "..."}

``id`` names a budget of DESIGN.md (see ``BUDGET_IDS``; other ids are reported
as extra figures), ``baseline`` is the comparison measured in the same run where
the budget is relative (bare ``insert_all``, bare Qt, bare Stanza). Use
``report()``; run_all.py parses the lines with ``parse()``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

PREFIX = "RESULT "

# id -> (unit, what is measured). Budgets themselves live in run_all.py.
BUDGET_IDS: dict[str, tuple[str, str]] = {
    "startup_s": ("s", "window usable after start, 100,000-document project"),
    "switch_small_ms": ("ms", "switch to a 3 KB document with 50 spans"),
    "switch_large_ms": ("ms", "switch to a 200 KB document with 5,000 spans"),
    "edit_ms": ("ms", "one edit durable on disk (median)"),
    "import_docs_s": ("docs/s", "import 100,000 documents"),
    "export_mb_s": ("MB/s", "native JSONL export"),
    "search_ms": ("ms", "rare-term search over 100,000 documents"),
    "rss_mb": ("MB", "RSS with a 100,000-document project open (no Stanza)"),
    "preannotate_s": ("s", "pre-annotation, beside the bare Stanza pipeline on the same texts"),
    "preannotate_offline_ms": ("ms", "pre-annotation of a 3 kB article without Stanza"),
    "quality_unseen_offline_f1": ("F1", "entity F1 without any model, made-up unseen news"),
    "quality_unseen_offline_per_f1": ("F1", "PER F1 without any model, made-up unseen news"),
    "quality_unseen_offline_org_f1": ("F1", "ORG F1 without any model, made-up unseen news"),
    "io_import_s": ("s", "import the 10,000-document corpus (baseline: bare insert_all)"),
    **{f"io_export_{fmt}_s": ("s", f"{fmt} re-export of the 10,000-document corpus, "
                                   "unchanged documents from the export cache (baseline: "
                                   "the same bytes from prepared objects)")
       for fmt in ("jsonl", "doccano", "conll", "hf", "spacy", "claims", "labelstudio",
                   "brat")},
    "io_export_jsonl_abs_s": ("s", "native JSONL export, 10,000 documents, every "
                                   "document computed (--no-cache)"),
    "io_export_conll_abs_s": ("s", "CoNLL export, 10,000 documents, every document "
                                   "computed (--no-cache)"),
    "io_rss_growth": ("x", "peak RSS at 20,000 / at 10,000 documents (import, jsonl, conll)"),
}


def report(id: str, value: float, unit: str = "", *, baseline: float | None = None,
           note: str = "", file: Any = None) -> None:
    """Print one RESULT line (and flush, so a parent process sees it at once)."""
    line = json.dumps({"id": id, "value": value, "unit": unit or BUDGET_IDS.get(id, ("",))[0],
                       "baseline": baseline, "note": note}, ensure_ascii=False)
    out = file or sys.stdout
    out.write(PREFIX + line + "\n")
    out.flush()


def parse(text: str) -> list[dict[str, Any]]:
    """The RESULT records in a benchmark's output (other lines are ignored)."""
    found = []
    for line in text.splitlines():
        if line.startswith(PREFIX):
            try:
                record = json.loads(line[len(PREFIX):])
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "id" in record and "value" in record:
                found.append(record)
    return found


def median_ms(fn: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
