"""Opening the window imports no more than it needs: the heavy parts (Stanza, torch,
numpy, training, importers, package metadata) wait until they are used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import LAZY_COMMANDS, main

HEAVY = ["torch", "stanza", "numpy", "spacy", "babel", "importlib.metadata",
         "annotator.core.training", "annotator.core.recognizers", "annotator.core.importers",
         "annotator.core.exporters", "annotator.cli_io", "annotator.cli_train",
         "ray", "annotator.core.suggest", "annotator.cli_suggest"]


def test_the_window_start_path_leaves_heavy_modules_alone(tmp_path: Path) -> None:
    # the window shown on a project (automatic pre-annotation is off in the tests: its
    # job imports the recognizers in the background, after the window is up)
    code = ("import json, os, sys\n"
            "import annotator.cli\n"
            "from annotator.gui.app import build_window, ensure_app\n"
            "from annotator.core.store import Project\n"
            "app = ensure_app()\n"
            "window = build_window(Project(sys.argv[1]), restore=False)\n"
            "window.show()\n"
            "window.open_last_document()\n"
            "app.processEvents()\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
            "sys.stdout.flush()\n"
            "os._exit(0)\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.annotator.db")],
                         capture_output=True, text=True, check=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert json.loads(out.stdout) == []


def test_lazy_verbs_are_listed_and_run() -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["--help"])
    assert listed.exit_code == 0
    for name in LAZY_COMMANDS:
        assert f"  {name} " in listed.output
    helped = runner.invoke(main, ["export", "--help"])
    assert helped.exit_code == 0 and "Usage: main export" in helped.output
    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("annotator, version ")
