"""Plain texts (.txt, one document a file) and CSV/TSV with a ``text`` column.

A CSV written by Label Studio (its ``label`` column holds the spans as JSON)
imports with its spans.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.importers import labelstudio
from annotator.core.importers.common import ReadContext, check_overlaps
from annotator.core.model import AnnotatorError
from annotator.core.store import NewDocument
from annotator.core.text import decode, normalize


def read_txt(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    name = ctx.name(path)
    data = ctx.read_bytes(path)
    if b"\x00" in data[:8192]:
        raise AnnotatorError(f"{name}: looks like a binary file, not text (unsupported format)")
    text = normalize(decode(data, name)).text
    if not text.strip():
        ctx.warn(f"{name}: empty, skipped")
        return
    stem = path.stem if name == str(path) else "stdin"
    yield NewDocument(text=text, external_id=stem, meta={"source": name})


def csv_delimiter(path: Path) -> str:
    """The suffix's delimiter, or the one whose header has a ``text`` column: Excel
    in locales with a decimal comma (Indonesian among them) writes ``;``."""
    default = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            first = f.readline(1 << 16)
    except OSError:
        return default
    for delimiter in (default, ";", "\t", ","):
        header = next(csv.reader([first], delimiter=delimiter), [])
        if any(h.strip().lower() == "text" for h in header):
            return delimiter
    return default


def read_csv(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    delimiter = csv_delimiter(path)
    previous = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield from _csv_rows(ctx, path, delimiter)
    finally:
        csv.field_size_limit(previous)


def _csv_rows(ctx: ReadContext, path: Path, delimiter: str) -> Iterator[NewDocument]:
    name = ctx.name(path)
    reader = csv.reader((line for _, line in ctx.lines(path)), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            ctx.warn(f"{name}: empty, skipped")
            return
        names = [h.strip() for h in header]
        lowered = [h.lower() for h in names]
        if "text" not in lowered:
            raise AnnotatorError(f"{name}, line 1: no \"text\" column "
                                 f"(columns: {', '.join(names) or 'none'}); unsupported format")
        text_col = lowered.index("text")
        id_col = lowered.index("id") if "id" in lowered else None
        for row in reader:
            where = f"{name}, line {reader.line_num}"
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) > len(names):
                raise AnnotatorError(f"{where}: {len(row)} fields, but the header has "
                                     f"{len(names)}")
            row = row + [""] * (len(names) - len(row))
            raw = row[text_col]
            norm = normalize(raw)
            if not norm.text.strip():
                ctx.warn(f"{where}: empty text, skipped")
                continue
            meta: dict[str, Any] = {"source": name}
            spans: dict[str, Any] = {}
            for i, column in enumerate(names):
                if i in (text_col, id_col) or not column or row[i] == "":
                    continue
                parsed = labelstudio.parse_cell(row[i])
                if parsed is not None:
                    spans[column] = parsed
                else:
                    meta[column] = row[i]
            ext = row[id_col].strip() if id_col is not None else ""
            doc = NewDocument(text=norm.text, external_id=ext or None, meta=meta)
            if spans:
                labelstudio.min_row(ctx, spans | {"annotator": meta.pop("annotator", None)},
                                    doc, norm, raw, where)
                check_overlaps(doc, where)
            yield doc
    except csv.Error as exc:
        raise AnnotatorError(f"{name}, line {reader.line_num}: {exc}") from None
