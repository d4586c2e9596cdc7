"""Without a display, `annotator` says so instead of running an invisible window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_window_without_display_is_one_clear_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ANNOTATOR_HOME"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "annotator"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert "no display" in proc.stderr and "xvfb-run" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
