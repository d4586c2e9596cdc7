"""Model > Download Stanza models… / Use a models folder…, and `annotator models`.

``stanza.download`` is monkeypatched: this machine has no network (and tests never
use it). The failure path raises the ConnectionError requests raises offline; the
success path lays out the tiny real models of tests/fixtures/tiny_stanza.py the way
``stanza.download`` does, and the pre-annotation that follows must use them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import requests
import stanza
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core import stanza_models as sm
from annotator.core.paths import stanza_dir
from annotator.core.recognizers.stanza_propn import StanzaPropn
from annotator.core.store import Project
from annotator.gui.main_window import MainWindow

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from tests.fixtures import tiny_stanza as ts  # noqa: E402


@pytest.fixture(scope="session")
def tiny_models() -> Path:
    import torch

    torch.set_num_threads(1)
    return ts.build_tiny_models(ts.default_cache_dir(), "id")


def offline(*_args: Any, **_kwargs: Any) -> None:
    raise requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='raw.githubusercontent.com', port=443): Max retries "
        "exceeded (Failed to resolve 'raw.githubusercontent.com')")


def fake_download(source: Path, calls: list[tuple[str, str]]) -> Any:
    """A stanza.download that copies ``source``'s files as the real one lays them out."""

    def download(lang: str, model_dir: str, processors: str, download_json: bool = True,
                 **_kwargs: Any) -> None:
        calls.append((lang, processors))
        root = Path(model_dir)
        root.mkdir(parents=True, exist_ok=True)
        if download_json:
            shutil.copy(source / "resources.json", root / "resources.json")
        for processor in processors.split(","):
            needed = [processor] + (["pretrain"] if processor in ("pos", "ner") else [])
            for name in needed:
                (root / lang / name).mkdir(parents=True, exist_ok=True)
                shutil.copy(source / lang / name / f"{ts.PACKAGE}.pt",
                            root / lang / name / f"{ts.PACKAGE}.pt")
    return download


def model_menu_texts(window: MainWindow) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == "Model")
    assert isinstance(menu, QMenu)
    return [a.text().replace("&", "") for a in menu.actions()]


def test_download_offline_says_so(qtbot: QtBot, window: MainWindow,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Download Stanza models…" in model_menu_texts(window)
    monkeypatch.setattr(stanza, "download", offline)
    asked: list[str] = []

    def get_text(_parent: object, _title: str, label: str, **kw: Any) -> tuple[str, bool]:
        asked.append(kw.get("text", ""))
        return "id", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    models = window.models
    models.download_action.trigger()
    assert asked == ["id"]  # the project's language is offered
    assert models.job is not None
    qtbot.waitUntil(lambda: models.job is None, timeout=30_000)  # (it may end at once)
    message = window.statusBar().currentMessage()
    assert "no network connection" in message and "'id'" in message
    assert isinstance(models.box, QMessageBox) and "no network" in models.box.text()
    models.box.close()
    assert models.job is None
    assert not (stanza_dir() / "id").exists()  # nothing half-written


@pytest.mark.slow
def test_download_then_preannotation_uses_the_models(
        qtbot: QtBot, window: MainWindow, seeded: Project, tiny_models: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(stanza, "download", fake_download(tiny_models, calls))
    doc_id = seeded.documents.ids()[0]
    window.open_document(doc_id)
    assert window.models.start_download("id") is not None
    qtbot.waitUntil(lambda: window.models.job is None, timeout=30_000)
    # tokenize first (it fetches resources.json), then what Stanza has for the language
    assert calls == [("id", "tokenize"), ("id", "pos"), ("id", "ner")]
    assert sm.lang_status(stanza_dir(), "id").installed == ["tokenize", "pos", "ner"]
    assert "pre-annotating" in window.statusBar().currentMessage()
    # ... and a pre-annotation run started that reads them
    assert window.preannotation.job is not None
    qtbot.waitUntil(lambda: window.preannotation.job is None, timeout=120_000)
    report = window.preannotation.last_report
    assert report is not None and report.ran["stanza-propn"] == len(seeded.documents.ids())
    assert not any(m.startswith("stanza-propn") for m in report.messages)
    assert seeded.documents.tokens_source(doc_id) == "stanza"
    assert window.controller.doc is not None and window.controller.doc.tokens_source == "stanza"


def test_use_a_models_folder(qtbot: QtBot, window: MainWindow, seeded: Project,
                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Use a models folder…" in model_menu_texts(window)
    models = window.models
    started: list[bool] = []
    monkeypatch.setattr(window.preannotation, "start", lambda: started.append(True))
    # a folder without resources.json is refused, with a message, and nothing is stored
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(plain))
    models.folder_action.trigger()
    assert seeded.settings.get("stanza_dir") is None
    assert isinstance(models.box, QMessageBox) and "resources.json" in models.box.text()
    models.box.close()
    assert not started
    # a Stanza models folder becomes the project's models folder
    folder = tmp_path / "models"
    (folder / "id" / "pos").mkdir(parents=True)
    (folder / "resources.json").write_text('{"id": {"pos": {"x": {}}}}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    models.folder_action.trigger()
    assert seeded.settings.get("stanza_dir") == str(folder.resolve())
    assert started == [True]
    assert models.models_folder() == folder.resolve()
    # the recognizers read it (an explicit --stanza-dir still wins)
    rec = StanzaPropn()
    rec.prepare(seeded)
    assert rec.root == folder.resolve()
    explicit = StanzaPropn(stanza_dir=tmp_path / "explicit")
    explicit.prepare(seeded)
    assert explicit.root == tmp_path / "explicit"
