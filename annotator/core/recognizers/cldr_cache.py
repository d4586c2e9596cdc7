"""A small on-disk cache of what the recognizers derive from CLDR (Babel) and
of the parsed word-list files.

Importing Babel and loading a locale costs 70-150 ms, more than running every
offline recognizer on an article; the window runs them before its first paint
(gui/preannotate_job.py). So the derived data (the gazetteer's names, the date
pattern's source, the month and weekday names) is kept as JSON in
``DATA/cache/cldr-LANG.json`` and Babel is imported only when the file is
missing, unreadable, or was made by another Babel or another version of this
code. The TOML word lists (``resources/cues``, ``resources/aliases``) are kept
parsed in ``DATA/cache/toml.json``, keyed by path, size and modification time
(tomllib takes milliseconds per file). A write that fails (read-only folder) only
costs the time.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from annotator.core.paths import data_dir

log = logging.getLogger(__name__)

# Bump when what is cached changes shape or meaning (a new rule in dates.py, ...).
CODE_VERSION = "1"

T = TypeVar("T")


def _babel_stamp() -> str:
    """Which Babel made the data, without importing it: its package file's path and time."""
    spec = importlib.util.find_spec("babel")
    origin = spec.origin if spec is not None else None
    if not origin:
        return "none"
    try:
        return f"{origin}:{os.stat(origin).st_mtime_ns}"
    except OSError:
        return origin


def cache_file(lang: str) -> Path:
    return data_dir() / "cache" / f"cldr-{lang}.json"


def _read(path: Path, stamp: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("cannot write %s: %s", path, exc)


def cached(kind: str, lang: str, build: Callable[[], T]) -> T:
    """``build()``'s JSON-able result for (kind, lang), from the cache file when it is
    there and current, else built and stored."""
    stamp = f"{CODE_VERSION}:{_babel_stamp()}"
    path = cache_file(lang)
    data = _read(path, stamp)
    if kind in data:
        return data[kind]
    value = build()
    data = {**data, "stamp": stamp, kind: value}
    _write(path, data)
    return value


def parsed_toml(path: Path, parse: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """``parse(text)`` of a TOML file, from the cache when the file did not change."""
    try:
        st = path.stat()
    except OSError:
        return parse(path.read_text(encoding="utf-8"))  # raises the clear error
    key = f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"
    store = data_dir() / "cache" / "toml.json"
    stamp = f"toml:{CODE_VERSION}"
    data = _read(store, stamp)
    found = data.get("files", {}).get(key)
    if isinstance(found, dict):
        return found
    value = parse(path.read_text(encoding="utf-8-sig"))
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return value  # a TOML date or the like: not kept
    files = {k: v for k, v in data.get("files", {}).items()
             if not k.startswith(f"{path.resolve()}:")}
    files[key] = value
    _write(store, {"stamp": stamp, "files": files})
    return value
