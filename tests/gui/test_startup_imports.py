"""Opening the window imports no more than it needs: the heavy parts (Stanza, torch,
numpy, training, importers, package metadata) wait until they are used."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from annotator.cli import LAZY_COMMANDS, main

HEAVY = ["torch", "stanza", "numpy", "spacy", "babel", "importlib.metadata",
         "annotator.core.training", "annotator.core.recognizers", "annotator.core.importers",
         "annotator.core.exporters", "annotator.cli_io", "annotator.cli_train"]


def test_the_window_start_path_leaves_heavy_modules_alone() -> None:
    code = ("import json, sys\n"
            "import annotator.cli, annotator.gui.app\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
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
