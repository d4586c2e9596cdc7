"""Run every benchmark of DESIGN.md's budgets and write bench/RESULTS.md.

    python bench/run_all.py [--docs 100000] [--only bench_store] [--out bench/RESULTS.md]

Each ``bench/bench_*.py`` runs in its own process (so one's memory or Qt state
never colours another's figures) with ``BENCH_DOCS`` (documents to generate) and
``BENCH_WORKDIR`` (a scratch folder shared by the run) in its environment, and
prints ``RESULT {...}`` lines (bench/benchlib.py). This script matches them to
the budgets below, adds the machine, and writes one table. It reports; it never
fails because a figure misses its budget (only when it cannot write the report).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import BUDGET_IDS, parse  # noqa: E402


@dataclass(frozen=True)
class Budget:
    id: str
    budget: str
    # (value, baseline) -> met? None when it cannot be judged (e.g. no baseline)
    check: Callable[[float, float | None], bool | None]


def _at_most(limit: float) -> Callable[[float, float | None], bool | None]:
    return lambda value, _baseline: value <= limit


def _at_least(limit: float) -> Callable[[float, float | None], bool | None]:
    return lambda value, _baseline: value >= limit


def _relative(factor: float, higher_is_better: bool) -> Callable[[float, float | None],
                                                                   bool | None]:
    def check(value: float, baseline: float | None) -> bool | None:
        if not baseline:
            return None
        return value >= factor * baseline if higher_is_better else value <= factor * baseline
    return check


BUDGETS: list[Budget] = [
    Budget("startup_s", "<= 0.5 s", _at_most(0.5)),
    Budget("switch_small_ms", "<= 30 ms", _at_most(30)),
    Budget("switch_large_ms", "<= 2x bare Qt", _relative(2.0, higher_is_better=False)),
    Budget("edit_ms", "<= 5 ms (median)", _at_most(5)),
    Budget("import_docs_s", ">= 0.8x bare insert_all", _relative(0.8, higher_is_better=True)),
    Budget("export_mb_s", ">= 50 MB/s", _at_least(50)),
    Budget("search_ms", "<= 50 ms", _at_most(50)),
    Budget("rss_mb", "<= 250 MB", _at_most(250)),
    Budget("preannotate_s", "<= 1.1x bare Stanza", _relative(1.1, higher_is_better=False)),
    Budget("preannotate_offline_ms", "<= 20 ms", _at_most(20)),
    Budget("quality_unseen_offline_f1", ">= 0.6", _at_least(0.6)),
    Budget("quality_unseen_offline_per_f1", ">= 0.6", _at_least(0.6)),
    Budget("quality_unseen_offline_org_f1", ">= 0.5", _at_least(0.5)),
    # issue 19: import and export at disk speed (bench_io, 10,000-document corpus)
    Budget("io_import_s", ">= 0.8x bare insert_all speed",
           _relative(1 / 0.8, higher_is_better=False)),
    *(Budget(f"io_export_{fmt}_s", "<= 2x bare", _relative(2.0, higher_is_better=False))
      for fmt in ("jsonl", "doccano", "conll", "hf", "spacy", "claims", "labelstudio",
                  "brat")),
    Budget("io_export_jsonl_abs_s", "<= 3 s", _at_most(3.0)),
    Budget("io_export_conll_abs_s", "<= 3 s", _at_most(3.0)),
    Budget("io_rss_growth", "<= 1.2x (flat)", _at_most(1.2)),
]


# --- the machine ---------------------------------------------------------------------


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.split(":")[0].strip() == key:
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> dict[str, str]:
    info: dict[str, str] = {}
    info["CPU"] = _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "?"
    info["Cores"] = str(os.cpu_count())
    mem = _proc_field("/proc/meminfo", "MemTotal")
    info["RAM"] = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GB" if mem else "?"
    info["OS"] = f"{platform.system()} {platform.release()}"
    info["Python"] = platform.python_version()
    info["SQLite"] = sqlite3.sqlite_version
    for name, label in (("sqlite_utils", "sqlite-utils"), ("PySide6", "PySide6"),
                        ("stanza", "Stanza"), ("torch", "torch")):
        try:
            from importlib.metadata import version
            info[label] = version(name.replace("_", "-") if name != "PySide6"
                                  else "PySide6-Essentials")
        except Exception:  # a missing package is just not listed
            continue
    try:
        out = subprocess.run([sys.executable, "-c",
                              "from PySide6.QtCore import qVersion; print(qVersion())"],
                             capture_output=True, text=True, timeout=60)
        if out.returncode == 0:
            info["Qt"] = out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        load = os.getloadavg()
        info["Load at start"] = f"{load[0]:.2f} (1 min)"
    except OSError:
        pass
    return info


# --- running the benchmarks ----------------------------------------------------------------


@dataclass
class Run:
    name: str
    seconds: float
    returncode: int | None
    results: list[dict[str, Any]]
    tail: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (title, markdown)


def run_bench(script: Path, docs: int, workdir: Path, timeout: float) -> Run:
    env = {**os.environ, "BENCH_DOCS": str(docs), "BENCH_WORKDIR": str(workdir),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONUNBUFFERED": "1"}
    start = time.perf_counter()
    print(f"== {script.name} (BENCH_DOCS={docs})", flush=True)
    out_lines: list[str] = []
    try:
        proc = subprocess.Popen([sys.executable, str(script)], cwd=HERE.parent, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        for line in proc.stdout:
            out_lines.append(line)
            print("   " + line, end="", flush=True)
            if time.monotonic() > deadline:
                proc.kill()
                out_lines.append(f"(killed after {timeout:.0f} s)\n")
                break
        returncode: int | None = proc.wait()
    except OSError as exc:
        out_lines.append(f"could not run: {exc}\n")
        returncode = None
    text = "".join(out_lines)
    return Run(script.stem, time.perf_counter() - start, returncode, parse(text),
               "".join(out_lines[-8:]), sections(text))


def sections(text: str) -> list[tuple[str, str]]:
    """Markdown a benchmark prints between ``SECTION <title>`` and ``END SECTION`` lines
    (tables that do not fit one figure a line, e.g. bench_quality's P/R/F1 per label)."""
    found: list[tuple[str, str]] = []
    title: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("SECTION "):
            title, body = line[len("SECTION "):].strip(), []
        elif line.strip() == "END SECTION" and title is not None:
            found.append((title, "\n".join(body)))
            title = None
        elif title is not None:
            body.append(line)
    return found


# --- the report ----------------------------------------------------------------------------


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def write_report(out: Path, runs: list[Run], info: dict[str, str], docs: int,
                 started: str, total_s: float) -> str:
    by_id: dict[str, tuple[dict[str, Any], str]] = {}
    extras: list[tuple[dict[str, Any], str]] = []
    known = {b.id for b in BUDGETS}
    for run in runs:
        for record in run.results:
            if record["id"] in known and record["id"] not in by_id:
                by_id[record["id"]] = (record, run.name)
            else:
                extras.append((record, run.name))
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run_all.py` ({started}, {total_s / 60:.1f} min, "
        f"{docs:,} generated documents). Figures are from one run on the machine below, "
        "with baselines measured in the same run; the machine is shared, so expect "
        "run-to-run noise of 10-30%.",
        "",
        "| Budget | What | Figure | Budget | Baseline (same run) | Met | From |",
        "|---|---|---|---|---|---|---|",
    ]
    misses: list[str] = []
    for budget in BUDGETS:
        unit, what = BUDGET_IDS[budget.id]
        found = by_id.get(budget.id)
        if found is None:
            lines.append(f"| `{budget.id}` | {what} | not measured | {budget.budget} | - | - "
                         "| - |")
            continue
        record, source = found
        value = float(record["value"])
        baseline = record.get("baseline")
        baseline = float(baseline) if baseline is not None else None
        met = budget.check(value, baseline)
        verdict = {True: "yes", False: "**no**", None: "?"}[met]
        unit = record.get("unit") or unit
        note = f" ({record['note']})" if record.get("note") else ""
        lines.append(f"| `{budget.id}` | {what}{note} | {fmt(value)} {unit} | {budget.budget} "
                     f"| {fmt(baseline)}{' ' + unit if baseline is not None else ''} "
                     f"| {verdict} | {source} |")
        if met is False:
            misses.append(budget.id)
    if extras:
        lines += ["", "Other figures:", "", "| Figure | Value | Baseline | Note | From |",
                  "|---|---|---|---|---|"]
        for record, source in extras:
            baseline = record.get("baseline")
            lines.append(f"| `{record['id']}` | {fmt(float(record['value']))} "
                         f"{record.get('unit', '')} | {fmt(baseline) if baseline else '-'} "
                         f"| {record.get('note', '')} | {source} |")
    for run in runs:
        for title, body in run.sections:
            lines += ["", f"## {title}", "", f"From `{run.name}`.", "", body]
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += ["", "## Benchmarks run", ""]
    for run in runs:
        status = ("ok" if run.returncode == 0 else f"exit {run.returncode}")
        lines.append(f"- `{run.name}`: {run.seconds:.0f} s, {len(run.results)} figures, {status}")
        if run.returncode != 0:
            tail = run.tail.strip().replace("\n", "\n  > ")
            lines.append(f"  > {tail}")
    if misses:
        lines += ["", "Missed: " + ", ".join(f"`{m}`" for m in misses)
                  + " (profiles: README, Reliability and benchmarks)."]
    text = "\n".join(lines) + "\n"
    out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS", 100_000)))
    parser.add_argument("--only", action="append", default=[],
                        help="run only these benchmarks (e.g. bench_store); repeatable")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds one benchmark may take")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)

    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    info = machine()
    scripts = sorted(p for p in HERE.glob("bench_*.py")
                     if not args.only or p.stem in args.only)
    workdir = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    t0 = time.perf_counter()
    runs: list[Run] = []
    try:
        for script in scripts:
            runs.append(run_bench(script, args.docs, workdir, args.timeout))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = write_report(args.out, runs, info, args.docs, started, time.perf_counter() - t0)
    print()
    print(text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
