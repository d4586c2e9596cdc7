"""Exports reuse what each unchanged document exported last time.

A document's output is kept in the export cache (``store/export_cache.py``) in a slot
of its project and the export's variant (the format, its options and a fingerprint
of the exporter code: a new version never reads an old version's bytes), with the
document's export revision token (``store/revisions.py``: random, retired by any
change to the document, its entities or its claims); it is used while that token is
the document's. A hit is written as it was, checks included: the
checks ran on exactly these rows when the entry was made. Team layers
(``--annotator``) and the spaCy DocBin (serialised whole) are never cached.
``ANNOTATOR_EXPORT_CACHE_MB`` sets the cache's size (0: no cache).
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import annotator
from annotator.core.paths import cache_dir
from annotator.core.store import SCHEMA_VERSION
from annotator.core.store.export_cache import DEFAULT_LIMIT_BYTES, ExportCache

LIMIT_ENV = "ANNOTATOR_EXPORT_CACHE_MB"
CACHE_FILE = "export-cache.sqlite"


def open_cache() -> ExportCache | None:
    """The user's export cache, or None (turned off, or it cannot be opened)."""
    limit = DEFAULT_LIMIT_BYTES
    setting = os.environ.get(LIMIT_ENV, "").strip()
    if setting:
        try:
            limit = int(float(setting) * (1 << 20))
        except ValueError:
            limit = DEFAULT_LIMIT_BYTES
    if limit <= 0:
        return None
    cache = ExportCache(cache_dir() / CACHE_FILE, limit)
    return cache if cache.usable else None


@functools.cache
def code_fingerprint() -> bytes:
    """The exporter code's identity: the version and schema, and the source of the
    modules that make the bytes (a changed exporter in a development tree must not
    read what the old one cached)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{annotator.__version__}/{SCHEMA_VERSION}".encode())
    core = Path(__file__).resolve().parents[1]
    sources = sorted(Path(__file__).resolve().parent.glob("*.py"))
    sources += [core / "text.py", core / "store" / "rows.py"]
    for source in sources:
        try:
            h.update(source.name.encode())
            h.update(source.read_bytes())
        except OSError:  # a frozen build without sources: its version says it
            continue
    return h.digest()


def variant(fmt: str, include_suggested: bool, unit: str) -> bytes:
    """The export's variant as 16 bytes: format, options and exporter code, hashed."""
    return hashlib.blake2b(b"\0".join([fmt.encode(), b"%d" % include_suggested,
                                        unit.encode(), code_fingerprint()]),
                           digest_size=16).digest()

