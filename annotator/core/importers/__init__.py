"""Import: .txt files and folders, JSONL (native/Prodigy and doccano lines), CSV,
Label Studio (JSON, JSON-MIN, CSV), CoNLL columns and brat standoff folders.

One ``import_paths`` call is ONE transaction: every document of every file is
inserted, or (on any bad line) nothing at all, and the project stays exactly as
it was, label scheme included. An error names the file and the line.

Texts are decoded as UTF-8 and normalised (BOM removed, CRLF and CR turned into
LF); imported span offsets are remapped through that change and validated: in
range, ``start < end``, no overlap between the non-rejected entities of one
document (claims may overlap), and a span's ``text`` (when given) must equal the
slice it points at. Whitespace at a span's edge is trimmed with a warning; a
whitespace-only span is refused (:mod:`.common`). Files are streamed line by
line: a 300 MB JSONL file never sits in memory at once.

One module per format family: :mod:`.records` (JSON records), :mod:`.plain`
(txt, CSV), :mod:`.labelstudio`, :mod:`.conll`, :mod:`.brat`; :mod:`.detect`
picks the format of each file.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from annotator.core.importers.brat import read_brat
from annotator.core.importers.common import ImportProgress, ImportSummary, ReadContext
from annotator.core.importers.conll import read_conll
from annotator.core.importers.detect import EXTENSIONS, FORMATS, collect_files, sniff
from annotator.core.importers.plain import read_csv, read_txt
from annotator.core.importers.records import read_json_array, read_jsonl
from annotator.core.labels import LabelScheme, load_scheme
from annotator.core.langid import check_lang_code, guess_language
from annotator.core.store import NewDocument, Project
from annotator.core.teams.imports import LayerRouter

__all__ = ["EXTENSIONS", "FORMATS", "STDIN", "ImportProgress", "ImportSummary",
           "collect_files", "import_paths", "reader_for", "sniff"]

STDIN = "-"
READERS = {
    "txt": read_txt, "jsonl": read_jsonl, "json": read_json_array, "csv": read_csv,
    "conll": read_conll, "brat": read_brat,
    "labelstudio": lambda ctx, path: _read_labelstudio(ctx, path),
}


def _read_labelstudio(ctx: ReadContext, path: Path) -> Iterator[NewDocument]:
    """Label Studio's JSON (an array of tasks), JSON-MIN, or its CSV export."""
    if path.suffix.lower() in (".csv", ".tsv"):
        return read_csv(ctx, path)
    with path.open("rb") as f:
        head = f.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"["):
        return read_json_array(ctx, path, only_labelstudio=True)
    return read_jsonl(ctx, path)  # JSON lines of tasks: recognised record by record


def import_paths(project: Project, paths: Sequence[Path | str], fmt: str = "auto",
                 progress: ImportProgress | None = None,
                 lang: str | None = None, stdin: BinaryIO | None = None) -> ImportSummary:
    """Import files and folders into ``project`` in one transaction (all or nothing).

    ``lang`` sets every document's language; otherwise a record's own ``lang`` is
    kept and documents without one get a guess from their words (core.langid).
    A path ``-`` reads ``stdin`` (default: the process's standard input).
    """
    if lang:
        check_lang_code(lang, "--lang")
    with _spooled_stdin(paths, fmt, stdin) as (real_paths, names):
        files = collect_files(real_paths, fmt)
        summary = ImportSummary(files=len(files))
        if not files:
            summary.warnings.append("no importable files found (.txt, .jsonl, .csv, .tsv, "
                                    ".conll, brat .txt + .ann)")
            return summary
        total = 0
        for path, _ in files:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        ctx = ReadContext(project.scheme, summary, progress, total, names)
        try:
            with project.transaction(), _fewer_collections():
                router = LayerRouter(project)  # records of a text by other annotators
                result = project.documents.insert(
                    router.route(_with_language(_documents(ctx, files), lang)))
                summary.layered = router.write()
                if summary.labels_added:  # merged into the scheme as stored now (15.5)
                    project.settings.add_labels(ctx.scheme.new_labels(project.scheme))
        except BaseException:
            # The transaction rolled back: forget a label scheme that was never committed.
            project.settings.forget_scheme()
            raise
    summary.documents = result.inserted
    summary.duplicates = result.skipped_duplicates
    summary.entities = result.entities
    summary.claims = result.claims
    summary.doc_ids = result.doc_ids
    for wanted, given in result.renamed:
        summary.warnings.append(f"the id {wanted!r} is already taken; the document was "
                                f"imported as {given!r}")
    return summary


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector runs less often while an import makes its
    millions of short-lived objects (records, spans, rows): at the default threshold
    it ran every 700 allocations, and every 70,000 a full collection walked every
    object of the process, ~0.5 s of a 3 s import of 10,000 documents
    (bench/bench_io.py; 50,000 still cost 0.2 s). It still runs, every 200,000
    allocations, so memory stays bounded; the threshold is restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(200_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextlib.contextmanager
def _spooled_stdin(paths: Sequence[Path | str], fmt: str, stdin: BinaryIO | None
                   ) -> Iterator[tuple[list[Path | str], dict[Path, str]]]:
    """``-`` becomes a temporary copy of standard input (formats are told apart by
    reading the start of a file, and a pipe cannot be read twice)."""
    if STDIN not in [str(p) for p in paths]:
        yield list(paths), {}
        return
    source = stdin if stdin is not None else sys.stdin.buffer
    with tempfile.TemporaryDirectory(prefix="annotator-stdin-") as folder:
        suffix = {"csv": ".csv", "conll": ".conll", "txt": ".txt"}.get(fmt, "")
        spool = Path(folder) / f"stdin{suffix}"
        with spool.open("wb") as f:
            shutil.copyfileobj(source, f)
        yield [spool if str(p) == STDIN else p for p in paths], {spool: "<stdin>"}


# Documents are guessed together in groups of this many (langid_batch: numpy, loaded
# then); a shorter import guesses one by one.
GUESS_TOGETHER = 256


def _with_language(docs: Iterable[NewDocument], lang: str | None) -> Iterator[NewDocument]:
    if lang:
        for doc in docs:
            doc.lang = lang
            yield doc
        return
    group: list[NewDocument] = []
    for doc in docs:
        group.append(doc)
        if len(group) >= GUESS_TOGETHER:
            yield from _guessed(group)
            group = []
    yield from _guessed(group)


def _guessed(docs: list[NewDocument]) -> list[NewDocument]:
    """The documents, each without a language given one guessed from its words."""
    unsure = [doc for doc in docs if not doc.lang]
    if len(unsure) < GUESS_TOGETHER // 4:
        for doc in unsure:
            doc.lang = guess_language(doc.text)
        return docs
    from annotator.core.langid_batch import guess_languages

    for doc, guess in zip(unsure, guess_languages([doc.text for doc in unsure]), strict=True):
        doc.lang = guess
    return docs


class ProjectFreeReader:
    """A parser without a project (``annotator suggest``): ``documents(files)`` yields
    each file's documents as the import would insert them."""

    def __init__(self, summary: ImportSummary, scheme: LabelScheme | None = None) -> None:
        self._ctx = ReadContext(scheme or load_scheme(), summary, None, 0)

    def documents(self, files: Iterable[tuple[Path, str]]) -> Iterator[NewDocument]:
        return _documents(self._ctx, files)


def reader_for(summary: ImportSummary, scheme: LabelScheme | None = None) -> ProjectFreeReader:
    return ProjectFreeReader(summary, scheme)


def _documents(ctx: ReadContext, files: Iterable[tuple[Path, str]]) -> Iterator[NewDocument]:
    for path, kind in files:
        yield from READERS[kind](ctx, path)
