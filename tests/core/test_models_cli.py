"""`annotator models`: list the Stanza models, download (offline: one clear line), use a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
import stanza
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.store import Project


def offline(*_args: Any, **_kwargs: Any) -> None:
    raise requests.exceptions.ConnectionError("Failed to resolve 'raw.githubusercontent.com'")


def test_cli_models_lists_and_download_offline(project: Project, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = project
    runner = CliRunner()
    path = str(seeded.path)
    seeded.settings.set("lang", "id")
    result = runner.invoke(main, ["models", "--project", path])
    assert result.exit_code == 0, result.output
    assert "no resources.json" in result.output
    assert "id: installed nothing; missing tokenize, pos, ner  (project language)" \
        in result.output
    assert "annotator models download id" in result.output

    monkeypatch.setattr(stanza, "download", offline)
    result = runner.invoke(main, ["models", "download", "id", "--project", path])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 1 and "no network connection" in errors[0]

    # a folder where Stanza offers no NER for the language (as for Indonesian)
    folder = tmp_path / "models"
    for proc in ("tokenize", "pos", "pretrain"):
        (folder / "id" / proc).mkdir(parents=True)
        (folder / "id" / proc / "gsd.pt").write_bytes(b"x")
    (folder / "resources.json").write_text(
        '{"id": {"tokenize": {"gsd": {}}, "pos": {"gsd": {"dependencies": '
        '[{"model": "pretrain", "package": "gsd"}]}}, "pretrain": {"gsd": {}}, '
        '"default_processors": {"tokenize": "gsd", "pos": "gsd"}}}', encoding="utf-8")
    result = runner.invoke(main, ["models", "use", str(folder), "--project", path])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["models", "--project", path])
    assert "(the project's chosen folder)" in result.output
    assert "id: installed tokenize, pos; Stanza has no ner model  (project language)" \
        in result.output
