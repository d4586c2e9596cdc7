"""The window's export refuses the project file as its target (issue 15.1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.core.store import Project
from annotator.gui.main_window import MainWindow


@pytest.mark.parametrize("suffix", ["", "-wal", "link"])
def test_window_export_refuses_the_project_file(window: MainWindow, seeded: Project,
                                                tmp_path: Path, suffix: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text, *a: shown.append(text))
    target = Path(f"{seeded.path}{suffix}")
    if suffix == "link":
        target = tmp_path / "export.jsonl"
        os.symlink(seeded.path, target)
    before = seeded.documents.count()
    assert window.files.start_export("jsonl", target, "all") is None
    assert shown and "refusing to export onto it" in shown[0]
    with Project(seeded.path) as again:
        assert again.documents.count() == before


def test_window_export_offers_the_new_formats(window: MainWindow) -> None:
    from annotator.gui.file_ops import EXPORT_FORMATS

    assert {"labelstudio", "brat"} <= {fmt for fmt, _, _ in EXPORT_FORMATS}
