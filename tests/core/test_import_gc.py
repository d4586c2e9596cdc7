"""An import raises the garbage collector's threshold while it runs (fewer
collections among its millions of short-lived objects) and always puts it back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from io_helpers import write_jsonl

from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError
from annotator.core.store import Project

RECORD = {"id": "a", "text": "Putin tiba di Vladivostok.",
          "spans": [{"start": 0, "end": 5, "label": "PER"}]}


def test_threshold_raised_during_and_restored_after(project: Project, tmp_path: Path) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    src = write_jsonl(tmp_path / "a.jsonl", [RECORD])
    import_paths(project, [src], progress=lambda done, total: seen.append(gc.get_threshold()))
    assert seen and all(t[0] > before[0] for t in seen)
    assert gc.get_threshold() == before


def test_threshold_restored_after_a_failed_import(project: Project, tmp_path: Path) -> None:
    before = gc.get_threshold()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(AnnotatorError):
        import_paths(project, [bad])
    assert gc.get_threshold() == before
    assert project.documents.count() == 0
