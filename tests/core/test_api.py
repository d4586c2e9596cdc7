"""The notebook API: open a project, import, export, records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotator import api


def test_notebook_round(tmp_path: Path) -> None:
    with pytest.raises(api.AnnotatorError, match="no such project file"):
        api.open_project(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Putin tiba di Rusia.", "status": "done",
                               "spans": [{"start": 0, "end": 5, "label": "PER"}]}) + "\n",
                   encoding="utf-8")
    with api.open_project(tmp_path / "p.db", create=True) as project:
        assert api.import_files(project, [src]).documents == 1
        rows = api.records(project)
        assert [(s["text"], s["label"]) for s in rows[0]["spans"]] == [("Putin", "PER")]
        buffer = io.StringIO()
        summary = api.export(project, "conll", buffer)
        assert summary.documents == 1 and "B-PER" in buffer.getvalue()


def test_labelstudio_config_names_the_controls_the_export_uses(project: api.Project) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(api.labelstudio_config(project))
    controls = {el.get("name"): [c.get("value") for c in el] for el in root.iter("Labels")}
    assert "PER" in controls["label"] and "CHECKWORTHY" in controls["claim"]
    assert root.find("Text").get("value") == "$text"  # type: ignore[union-attr]
