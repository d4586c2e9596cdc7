"""The Python API, for notebooks and scripts: the same calls the command line makes.

    >>> from annotator import api
    >>> project = api.open_project("news.annotator.db")
    >>> api.import_files(project, ["articles/"]).describe()
    >>> api.export(project, "hf", "data.jsonl", unit="sentence", split="80/10/10")
    >>> rows = api.records(project)          # the native JSONL records, as dicts

Errors are :class:`AnnotatorError` with one clear message; a failed import or
export changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from annotator.core.model import AnnotatorError
from annotator.core.store import Project

if TYPE_CHECKING:
    from annotator.core.exporters.source import ExportSummary
    from annotator.core.importers.common import ImportSummary

__all__ = ["AnnotatorError", "Project", "export", "import_files", "labelstudio_config",
           "open_project", "records"]


def open_project(path: Path | str | None = None, *, create: bool = False) -> Project:
    """The project at ``path`` (``None``: the default project, made from the seeds
    on first use). A missing file is an error unless ``create=True``. Use it in a
    ``with`` block, or call ``close()``."""
    if path is None:
        from annotator.core.seeds import open_default_project

        return open_default_project()
    return Project(Path(path), create=create)


def import_files(project: Project, paths: Sequence[Path | str], format: str = "auto",
                 lang: str | None = None) -> ImportSummary:
    """Import files and folders (``format``: auto, txt, jsonl, csv, labelstudio, conll,
    brat) in one transaction; the summary holds counts and warnings."""
    from annotator.core.importers import import_paths

    return import_paths(project, paths, format, lang=lang)


def export(project: Project, format: str, out: Path | str | IO[Any], *,
           status: str = "done", include_suggested: bool = False, unit: str = "document",
           split: str | None = None, annotator: str | None = None) -> ExportSummary:
    """Export as ``annotator export`` does (``format``: jsonl, doccano, conll, hf,
    spacy, claims, labelstudio, brat); ``out`` is a path or an open text stream;
    ``annotator``: one annotator's layer of a team project (default: the gold)."""
    from annotator.core import exporters

    return exporters.export(project, format, out, status=status,
                            include_suggested=include_suggested, unit=unit, split=split,
                            annotator=annotator)


def records(project: Project, status: str = "done", include_suggested: bool = False
            ) -> list[dict[str, Any]]:
    """The native JSONL records (text, tokens, spans, claims) as dicts, in memory:
    for projects that fit in it (stream with ``export(..., "jsonl", path)`` otherwise)."""
    from annotator.core.exporters import export_records

    return export_records(project, status, include_suggested)


def labelstudio_config(project: Project) -> str:
    """The Label Studio labelling config (XML) for the project's labels, with the
    control names ``export(project, "labelstudio", ...)`` writes."""
    from annotator.core.exporters import labelling_config

    return labelling_config(project.scheme.names("entity"), project.scheme.names("claim"))
