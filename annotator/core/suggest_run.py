"""``annotator suggest``: shards of suggested records, on local processes or Ray.

The input is streamed (any import format, through the importers), cut into
shards of ``shard_size`` documents in input order, and each shard goes through
:class:`~annotator.core.suggest.Suggester` (models loaded once per worker). The
driver writes every shard itself, whatever the engine, so the bytes depend on
the input and the settings only: ``--engine local`` and ``--engine ray`` give
identical shards.

Output folder::

    manifest.json          settings, recognizer versions, inputs; at the end the
                           shard list (documents, sha256) and "complete": true
    shard-00000.jsonl      documents 0 .. shard_size-1, native JSONL
    ...

Resumable: a shard is written to a temporary file, synced, then renamed, so a
``shard-*.jsonl`` that exists is complete and a second run skips it (its input
is still read, to find where the next shard starts). A folder made with other
settings or other inputs is refused rather than mixed.

Memory stays flat: at most ``2 x workers`` shards are in flight (local), or one
window of shards (Ray).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatorError
from annotator.core.suggest import Suggester, SuggestSettings, iter_records

ENGINES = ("local", "ray")
MANIFEST = "manifest.json"
FORMAT = "annotator-suggest/1"
DEFAULT_SHARD_SIZE = 1000


@dataclass(slots=True)
class SuggestReport:
    documents: int = 0          # documents in all shards
    shards: int = 0             # shards in the output folder
    written: int = 0            # shards written by this run
    skipped: int = 0            # shards found complete and not redone
    suggested_documents: int = 0  # documents that went through the recognizers this run
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)


# (report so far) -> None, called after each shard
SuggestProgress = Callable[[SuggestReport], None]
Shard = tuple[int, list[str]]  # (index, input lines)


def shard_name(index: int) -> str:
    return f"shard-{index:05d}.jsonl"


def run_suggest(paths: Sequence[Path | str], out_dir: Path | str,
                settings: SuggestSettings, *, engine: str = "local", workers: int | None = None,
                shard_size: int = DEFAULT_SHARD_SIZE, address: str | None = None,
                fmt: str = "auto", progress: SuggestProgress | None = None) -> SuggestReport:
    """Write suggestion shards for the documents in ``paths`` into ``out_dir``."""
    if engine not in ENGINES:
        raise AnnotatorError(f"unknown engine {engine!r} (use one of {', '.join(ENGINES)})")
    if shard_size < 1:
        raise AnnotatorError("--shard-size must be at least 1")
    if workers is not None and workers < 1:
        raise AnnotatorError("--workers must be at least 1")
    settings.check()
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    versions = Suggester(settings).versions()  # cheap: models load on first use
    head = {"format": FORMAT, "settings": asdict(settings), "versions": versions,
            "shard_size": shard_size, "format_in": fmt, "inputs": _describe_inputs(paths)}
    head = json.loads(json.dumps(head))  # as read back from the file (tuples become lists)
    _check_or_write_manifest(out, head)
    report = SuggestReport()
    counts: dict[int, int] = {}
    done = _complete_shards(out)

    def shards() -> Iterator[Shard]:
        records = iter_records(paths, fmt, settings.lang)
        for k in itertools.count():
            lines = list(itertools.islice(records, shard_size))
            if not lines:
                return
            if k in done:
                counts[k] = len(lines)
                report.skipped += 1
                report.documents += len(lines)
                continue
            yield k, lines

    def write(k: int, lines: Sequence[str]) -> None:
        _write_shard(out, k, lines)
        counts[k] = len(lines)
        report.written += 1
        report.documents += len(lines)
        report.suggested_documents += len(lines)
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(report)

    if engine == "local":
        _run_local(shards(), settings, workers or os.cpu_count() or 1, write, report.messages)
    else:
        from annotator.core.suggest_ray import run_ray

        run_ray(shards(), settings, workers, address, write, report.messages)
    report.shards = len(counts)
    report.manifest = {**head, "documents": sum(counts.values()),
                       "shards": [{"file": shard_name(k), "documents": counts[k],
                                   "sha256": _sha256(out / shard_name(k))}
                                  for k in sorted(counts)],
                       "complete": True}
    _write_atomic(out / MANIFEST, _manifest_bytes(report.manifest))
    report.seconds = time.perf_counter() - started
    return report


# --- local processes ------------------------------------------------------------------

_WORKER: Suggester | None = None


def _init_worker(settings: SuggestSettings) -> None:
    global _WORKER
    _WORKER = Suggester(settings)  # once per process: models load on its first document


def _suggest_shard(k: int, lines: list[str]) -> tuple[int, list[str], list[str]]:
    assert _WORKER is not None
    out = _WORKER.suggest_lines(lines)
    messages, _WORKER.stats.messages = _WORKER.stats.messages, []
    return k, out, messages


def _run_local(shards: Iterator[Shard], settings: SuggestSettings, workers: int,
               write: Callable[[int, Sequence[str]], None], messages: list[str]) -> None:
    import multiprocessing

    # spawn: the same on Linux, macOS and Windows, and no fork of a process with threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_init_worker, initargs=(settings,)) as pool:
        in_flight: list[Future[tuple[int, list[str], list[str]]]] = []
        for k, lines in shards:
            in_flight.append(pool.submit(_suggest_shard, k, lines))
            if len(in_flight) >= 2 * workers:  # bounded: memory stays flat
                _collect(in_flight.pop(0), write, messages)
        for future in in_flight:
            _collect(future, write, messages)


def _collect(future: Future[tuple[int, list[str], list[str]]],
             write: Callable[[int, Sequence[str]], None], messages: list[str]) -> None:
    k, out, said = future.result()
    write(k, out)
    messages.extend(m for m in said if m not in messages)


# --- files ------------------------------------------------------------------------------

def _write_shard(out: Path, k: int, lines: Sequence[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    _write_atomic(out / shard_name(k), data)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())  # a renamed shard is a complete shard, even after a crash
    os.replace(tmp, path)


def _complete_shards(out: Path) -> set[int]:
    found = set()
    for path in out.glob("shard-*.jsonl"):
        number = path.stem.removeprefix("shard-")
        if number.isdigit():
            found.add(int(number))
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe_inputs(paths: Sequence[Path | str]) -> list[dict[str, Any]]:
    """Each input's resolved path and size: a resumed run must read the same input."""
    found = []
    for raw in paths:
        path = Path(raw).resolve()
        size = sum(p.stat().st_size for p in sorted(path.rglob("*")) if p.is_file()) \
            if path.is_dir() else (path.stat().st_size if path.exists() else None)
        found.append({"path": str(path), "bytes": size})
    return found


def _manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _check_or_write_manifest(out: Path, head: dict[str, Any]) -> None:
    path = out / MANIFEST
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AnnotatorError(f"{path}: unreadable manifest ({exc}); use a new --out "
                                 "folder") from None
        old_head = {key: old.get(key) for key in head}
        if old_head != head:
            differs = ", ".join(key for key in head if old_head.get(key) != head[key])
            raise AnnotatorError(f"{out} holds shards made with other {differs}; use a new "
                                 "--out folder (or the same settings and inputs to resume)")
        return
    if _complete_shards(out):
        raise AnnotatorError(f"{out} holds shards but no {MANIFEST}; use a new --out folder")
    _write_atomic(path, _manifest_bytes(head))
