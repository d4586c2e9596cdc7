"""Export: native JSONL, doccano, CoNLL, Hugging Face, spaCy DocBin, claims,
Label Studio JSON and brat folders.

Exporters read the store only, stream documents in batches (constant memory,
except the spaCy DocBin, which spaCy serialises at once), and write to
temporary files that replace the targets only when everything was written
(:mod:`.output`): a failed export leaves no half file (on stdout it cannot take
anything back), and no export ever writes onto the project file.

What is exported:
- documents: ``status="done"`` (the default; finished work is training data) or
  ``"all"`` (every document, whatever its status, skipped ones included);
- entities: the accepted ones; with ``include_suggested`` also the suggested
  ones (marked ``"status": "suggested"`` in jsonl). Rejected spans never;
- claims: likewise accepted (plus suggested on request).

``split="80/10/10"`` writes train/dev/test parts with the held-out rule of
``annotator train`` (:func:`annotator.core.training.split_documents`, a hash of
the document id), so a model trained elsewhere is evaluated on the documents
the project's own model is. ``unit="sentence"`` (hf, spacy) writes a record per
sentence; CoNLL always marks sentences. Sentences are never cut inside a span.

Every span is checked before it is written: its offsets lie in the text and its
first and last tokens start and end exactly at its edges (only whitespace may
lie between, and a warning says so), so a shifted span aborts the export with
the document's name. Module per format family: :mod:`.native` (jsonl, doccano,
claims), :mod:`.tokens` (conll, hf), :mod:`.spacy_docbin`, :mod:`.labelstudio`,
:mod:`.brat`; :mod:`.source` reads the store.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from annotator.core.exporters.brat import FOLDER_FILES, BratWriter
from annotator.core.exporters.cached import open_cache, variant
from annotator.core.exporters.labelstudio import LabelStudioWriter, labelling_config
from annotator.core.exporters.layer import iter_layer_export_docs
from annotator.core.exporters.native import (
    ClaimsWriter,
    DoccanoWriter,
    JsonlWriter,
    Writer,
)
from annotator.core.exporters.output import (
    Outputs,
    atomic_output,
    part_path,
    side_path,
    write_error,
)
from annotator.core.exporters.source import (
    CachedRun,
    CacheUse,
    ExportDoc,
    ExportProgress,
    ExportSummary,
    count_export_docs,
    entity_labels_in_use,
    external_ids,
    iter_export_docs,
)
from annotator.core.exporters.spacy_docbin import SpacyWriter
from annotator.core.exporters.tokens import (
    ConllWriter,
    HfWriter,
    bio_tags,
    hf_label_files,
    hf_label_list,
)
from annotator.core.model import AnnotatorError, DocStatus
from annotator.core.store import Project
from annotator.core.store.export_cache import CachedOutput

CACHE_BATCH = 500  # documents' outputs written to the cache at a time

__all__ = ["FORMATS", "STATUSES", "UNITS", "ExportDoc", "ExportSummary", "atomic_output",
           "bio_tags",
           "check_target", "count_export_docs", "export", "hf_label_list", "iter_export_docs",
           "labelling_config", "parse_split"]

WRITERS: dict[str, type[Writer]] = {
    "jsonl": JsonlWriter, "doccano": DoccanoWriter, "conll": ConllWriter, "hf": HfWriter,
    "spacy": SpacyWriter, "claims": ClaimsWriter, "labelstudio": LabelStudioWriter,
    "brat": BratWriter,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
STATUSES: tuple[str, ...] = ("done", "all")
UNITS: tuple[str, ...] = ("document", "sentence")
SENTENCE_FORMATS = ("hf", "spacy")
PARTS = ("train", "dev", "test")


def parse_split(spec: str) -> dict[str, int]:
    """``80/10/10`` -> train 80, dev 10, test 10; ``80/20`` -> train 80, test 20."""
    try:
        shares = [int(p) for p in spec.split("/")]
    except ValueError:
        shares = []
    if len(shares) not in (2, 3) or sum(shares) != 100 or any(s < 0 for s in shares) \
            or shares[0] == 0:
        raise AnnotatorError(f"--split {spec!r}: give TRAIN/DEV/TEST or TRAIN/TEST percentages "
                             "that add up to 100, e.g. 80/10/10")
    names = PARTS if len(shares) == 3 else ("train", "test")
    return dict(zip(names, shares, strict=True))


def _split_parts(project: Project, status: str, spec: str) -> dict[str, set[str]]:
    """External ids per part, by ``annotator train``'s rule: a document is held out
    when its id's hash is below the held-out share; held-out documents below the
    test share are test, the others dev."""
    from annotator.core.training import heldout_key, split_documents

    shares = parse_split(spec)
    heldout_share = (100 - shares["train"]) / 100
    train, heldout = split_documents(external_ids(project, status), heldout_share)
    parts = {"train": set(train)}
    if "dev" in shares:
        test_share = shares["test"] / 100
        parts["dev"] = {i for i in heldout if heldout_key(i) >= test_share}
        parts["test"] = {i for i in heldout if heldout_key(i) < test_share}
    else:
        parts["test"] = set(heldout)
    return parts


def export(project: Project, fmt: str, out: Path | str | IO[Any] = "-", *,
           status: str = "done", include_suggested: bool = False,
           progress: ExportProgress | None = None, unit: str = "document",
           split: str | None = None, annotator: str | None = None,
           cache: bool = True) -> ExportSummary:
    """Write the project's documents in ``fmt`` to ``out`` (a path, "-" for stdout,
    or an open stream). File targets are written atomically, all or none.
    ``cache``: reuse (and keep) each unchanged document's output (``cached.py``)."""
    if fmt not in WRITERS:
        raise AnnotatorError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    if status != "all" and status not in {s.value for s in DocStatus}:
        raise AnnotatorError(f"unknown status {status!r} (use done or all)")
    if unit not in UNITS:
        raise AnnotatorError(f"unknown unit {unit!r} (use document or sentence)")
    if unit == "sentence" and fmt not in (*SENTENCE_FORMATS, "conll"):
        raise AnnotatorError(f"--unit sentence is for {' and '.join(SENTENCE_FORMATS)} "
                             "(conll always marks sentences)")
    writer_cls = WRITERS[fmt]
    to_stream = not isinstance(out, str | Path) or str(out) == "-"
    if to_stream and (writer_cls.binary or writer_cls.folder or writer_cls.side_files or split):
        need = ("a folder" if writer_cls.folder else "label files beside the data"
                if writer_cls.side_files else "one file per part" if split
                else "a binary DocBin file")
        where = "stdout" if str(out) == "-" else "a stream"
        raise AnnotatorError(f"the {fmt} export writes {need} and cannot go to {where}: "
                             f"give --out {'FOLDER' if writer_cls.folder else 'FILE'}")
    summary = ExportSummary()
    parts: dict[str, set[str] | None] = (
        dict(_split_parts(project, status, split)) if split else {"": None})
    total = count_export_docs(project, status)
    done = 0
    use = _cache_use(project, fmt, include_suggested, unit) \
        if cache and annotator is None and writer_cls.cacheable else None

    def run(target: Any, only: set[str] | None, part: str) -> None:
        nonlocal done
        writer = writer_cls(target, summary, unit)
        before = summary.documents
        docs = (iter_export_docs(project, status, include_suggested,
                                 warn=summary.warnings.append, only=only, cache=use)
                if annotator is None else
                iter_layer_export_docs(project, annotator, status, include_suggested, only=only))
        fresh: list[tuple[int, bytes, CachedOutput]] = []
        told = done
        for doc in docs:
            if isinstance(doc, CachedRun):
                writer.replay(doc)
                count = len(doc.ids)
                summary.cached += count
            else:
                count = 1
                output = writer.document(doc)
                if output is not None and doc.cache_key is not None and use is not None:
                    fresh.append((doc.id, doc.cache_key, output))
                    if len(fresh) >= CACHE_BATCH:
                        use.cache.put(use.project, use.variant, fresh)
                        fresh = []
            summary.documents += count
            done += count
            if progress and (done - told >= 200 or done == total):
                progress(done, total)
                told = done
        writer.finish()
        if use is not None:
            use.cache.put(use.project, use.variant, fresh)
        if part:
            summary.parts[part] = summary.documents - before

    try:
        _run_all(run, out, fmt, project, parts, summary)
    finally:
        if use is not None:
            use.cache.close()
    if split:
        summary.path = f"{summary.path} (split)"
    _notes(project, summary, status)
    return summary


def _cache_use(project: Project, fmt: str, include_suggested: bool, unit: str,
               ) -> CacheUse | None:
    """The export cache for this export, with fresh revision tokens for the
    documents; None when there is none (turned off, cannot be opened, or the
    project's revision triggers are missing)."""
    if not project.revisions.intact():
        return None
    export_cache = open_cache()
    if export_cache is None:
        return None
    project.revisions.prepare()
    project_key = project.revisions.project_key()
    if project_key is None:  # read-only or locked before any export made one
        export_cache.close()
        return None
    return CacheUse(export_cache, project_key, variant(fmt, include_suggested, unit),
                    text_on_hit=WRITERS[fmt].folder)


def _run_all(run: Callable[[Any, set[str] | None, str], None], out: Any, fmt: str,
             project: Project, parts: dict[str, set[str] | None],
             summary: ExportSummary) -> None:
    """Run the export into its target(s): a stream, a file (a file a split part) or
    a folder, atomically for files and folders."""
    writer_cls = WRITERS[fmt]
    if not isinstance(out, str | Path) or str(out) == "-":
        stream: Any = sys.stdout if str(out) == "-" else out
        summary.path = "-" if str(out) == "-" else getattr(out, "name", "<stream>")
        try:
            run(stream, None, "")
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise AnnotatorError(f"cannot write to {summary.path} ({exc.strerror or exc})"
                                 ) from None
    else:
        assert isinstance(out, str | Path)
        path = Path(out)
        summary.path = str(path)
        with Outputs(project.path, FOLDER_FILES if writer_cls.folder else ()) as outputs:
            root = outputs.folder(path) if writer_cls.folder else None
            for part, only in parts.items():
                if writer_cls.folder:
                    assert root is not None
                    target = root / part if part else root
                    target.mkdir(exist_ok=True)
                    try:
                        run(target, only, part)
                    except OSError as exc:
                        raise write_error(path, exc) from None
                else:
                    dest = part_path(path, part) if part else path
                    with outputs.file(dest, binary=writer_cls.binary) as stream:
                        run(stream, only, part)
                    if part:
                        summary.extra_files.append(str(dest))
            if fmt == "hf":
                _write_hf_labels(project, path, outputs, summary)
            outputs.commit()


def check_target(project_path: Path, fmt: str, out: Path) -> None:
    """Refuse a target before any work (the window asks before starting its job):
    the project file or its journal, a folder where a file goes, and so on."""
    writer_cls = WRITERS.get(fmt)
    if writer_cls is None:
        raise AnnotatorError(f"unknown export format {fmt!r}")
    with Outputs(project_path, FOLDER_FILES if writer_cls.folder else ()) as outputs:
        outputs.check(out, folder=writer_cls.folder)
        if writer_cls.side_files:
            outputs.check(side_path(out, "labels.txt"))
            outputs.check(side_path(out, "labels.json"))


def _write_hf_labels(project: Project, out: Path, outputs: Outputs,
                     summary: ExportSummary) -> None:
    """Beside the data: ``BASE.labels.txt`` (a ClassLabel names file, one a line)
    and ``BASE.labels.json`` (labels, id2label, label2id). Ids are line numbers."""
    labels = hf_label_list(project.scheme.names("entity"), entity_labels_in_use(project))
    try:
        names, mapping = hf_label_files(labels)
    except ValueError as exc:
        raise AnnotatorError(f"the hf label files cannot hold this label: {exc}") from None
    for side, content in ((side_path(out, "labels.txt"), names),
                          (side_path(out, "labels.json"), mapping)):
        with outputs.file(side) as f:
            f.write(content)
        summary.extra_files.append(str(side))


def _notes(project: Project, summary: ExportSummary, status: str) -> None:
    if summary.merged_sentences:
        summary.warnings.append(
            f"{summary.merged_sentences} sentence boundar"
            f"{'y lies' if summary.merged_sentences == 1 else 'ies lie'} inside an entity "
            "and were not used (those sentences are written as one)")
    if summary.documents == 0 and status == "done" and project.documents.count():
        summary.warnings.append("no document is marked done yet; --status all exports "
                                "every document")


def export_records(project: Project, status: str = "done", include_suggested: bool = False
                   ) -> list[dict[str, Any]]:
    """The native JSONL records as dicts (small projects, notebooks)."""
    import io
    import json

    buffer = io.StringIO()
    export(project, "jsonl", buffer, status=status, include_suggested=include_suggested)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]

