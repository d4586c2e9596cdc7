"""Which files an import reads, and in which format.

A file named on the command line is read in the format asked for, or with
``auto`` by its extension and then its content: a ``.txt`` in CoNLL columns is
CoNLL, a ``.txt`` or ``.ann`` with a ``.ann``/``.txt`` beside it is brat, a JSON
file is read as records (native, Prodigy, doccano or Label Studio, told apart
record by record), a ``.tsv``/``.csv`` without a ``text`` column in CoNLL
columns is CoNLL. In a folder only files with a known extension are taken
(recursively, hidden ones skipped). Anything else gets an "unsupported format"
error naming the file: never a document of garbage.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from annotator.core.importers.brat import ann_path
from annotator.core.importers.conll import looks_like_conll
from annotator.core.model import AnnotatorError
from annotator.core.text import BOM

FORMATS: tuple[str, ...] = ("auto", "txt", "jsonl", "csv", "labelstudio", "conll", "brat")

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".conll": "conll", ".conllx": "conll", ".iob": "conll", ".iob2": "conll", ".bio": "conll",
    ".bioes": "conll", ".ann": "brat",
}
# What a format reads in a folder (formats asked for by name).
FOLDER_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"), "jsonl": (".jsonl", ".ndjson"), "csv": (".csv", ".tsv"),
    "labelstudio": (".json", ".jsonl", ".csv"),
    "conll": (".conll", ".conllx", ".iob", ".iob2", ".bio", ".bioes", ".txt"),
    "brat": (".txt",),
}
# Known to be something we cannot read: say so instead of guessing.
FOREIGN: dict[str, str] = {
    ".xlsx": "an Excel workbook (save it as CSV)", ".xls": "an Excel workbook (save it as CSV)",
    ".docx": "a Word document (save it as plain text)", ".pdf": "a PDF (extract its text)",
    ".zip": "a zip archive (unpack it)", ".gz": "a compressed file (unpack it)",
    ".parquet": "a Parquet file", ".spacy": "a spaCy DocBin",
    ".db": "an SQLite file (a project? use merge)", ".xml": "an XML file",
    ".conllu": "CoNLL-U (dependency trees, no entity tags)",
}


def _head(path: Path) -> str:
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise AnnotatorError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in head:
        raise AnnotatorError(f"{path}: looks like a binary file, not text (unsupported format)")
    return head.removeprefix(BOM.encode()).decode("utf-8", errors="replace")


def _csv_or_conll(path: Path) -> str:
    """Token-per-line NER files often come as .tsv: a table without a ``text``
    column whose lines are ``TOKEN ... TAG`` is CoNLL."""
    head = _head(path)
    first = head.split("\n", 1)[0].lower()
    if "text" not in first.replace(",", "\t").split("\t") and looks_like_conll(head):
        return "conll"
    return "csv"


def sniff(path: Path) -> str:
    """The format of one file named explicitly, with ``--format auto``."""
    suffix = path.suffix.lower()
    if suffix in FOREIGN:
        raise AnnotatorError(f"{path}: {FOREIGN[suffix]}: unsupported format")
    kind = EXTENSIONS.get(suffix)
    if kind == "brat" or (kind == "txt" and ann_path(path).is_file()):
        return "brat"
    if kind == "txt":
        return "conll" if looks_like_conll(_head(path)) else "txt"
    if kind == "csv":
        return _csv_or_conll(path)
    if kind:
        return kind
    head = _head(path)
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        return "jsonl"
    if looks_like_conll(head):
        return "conll"
    return "txt"


def _in_folder(child: Path, fmt: str) -> str | None:
    suffix = child.suffix.lower()
    if fmt != "auto":
        if suffix not in FOLDER_EXTENSIONS[fmt]:
            return None
        return fmt
    kind = EXTENSIONS.get(suffix)
    if kind == "json" or kind == "brat":
        return None  # manifests and settings; a .ann goes with its .txt
    if kind == "txt":
        if ann_path(child).is_file():
            return "brat"
        return "conll" if looks_like_conll(_head(child)) else "txt"
    if kind == "csv":
        return _csv_or_conll(child)
    return kind


def collect_files(paths: Sequence[Path | str], fmt: str = "auto") -> list[tuple[Path, str]]:
    """Expand folders (recursively) and pick each file's format (see the module doc)."""
    if fmt not in FORMATS:
        raise AnnotatorError(f"unknown import format {fmt!r} (use one of {', '.join(FORMATS)})")
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if not child.is_file() or any(p.startswith(".") for p in rel):
                    continue
                kind = _in_folder(child, fmt)
                if kind is not None:
                    out.append((child, kind))
        elif path.is_file():
            out.append((path, sniff(path) if fmt == "auto" else fmt))
        elif path.exists():
            raise AnnotatorError(f"{path}: not a file or folder")
        else:
            raise AnnotatorError(f"{path}: no such file or folder")
    # a brat .ann named with its .txt is one document
    seen: set[Path] = set()
    unique = []
    for path, kind in out:
        key = path.with_suffix(".txt") if kind == "brat" else path
        if key not in seen:
            seen.add(key)
            unique.append((path, kind))
    return unique
