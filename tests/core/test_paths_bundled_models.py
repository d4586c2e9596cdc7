"""paths.stanza_dir(): STANZA_RESOURCES_DIR, the user's models, then the bundled ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import paths


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "bundle"
    monkeypatch.setattr(paths, "_bundle_root", lambda: root)
    return root


def test_no_models_anywhere_means_the_user_folder(bundle: Path) -> None:
    assert paths.stanza_dir() == paths.data_dir() / "stanza"


def test_bundled_models_when_the_user_has_none(bundle: Path) -> None:
    (bundle / "stanza_models").mkdir(parents=True)
    (bundle / "stanza_models" / "resources.json").write_text("{}", encoding="utf-8")
    assert paths.stanza_dir() == bundle / "stanza_models"


def test_the_users_models_win_over_bundled_ones(bundle: Path) -> None:
    (bundle / "stanza_models").mkdir(parents=True)
    (bundle / "stanza_models" / "resources.json").write_text("{}", encoding="utf-8")
    (paths.data_dir() / "stanza").mkdir()
    assert paths.stanza_dir() == paths.data_dir() / "stanza"


def test_environment_wins_over_everything(bundle: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (bundle / "stanza_models").mkdir(parents=True)
    (bundle / "stanza_models" / "resources.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "env"))
    assert paths.stanza_dir() == tmp_path / "env"
