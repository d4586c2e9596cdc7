"""Smoke test of the standalone app: build it with packaging/build.sh, run the bundled executable.

Building takes a while (see README, "Installer"), so this runs in CI (CI=true) and locally
only on request:

    ANNOTATOR_TEST_BUNDLE=1 .venv/bin/pytest tests/packaging     # build and test here
    ANNOTATOR_SKIP_BUNDLE=1                                      # skip it, even in CI
    ANNOTATOR_BUNDLE_STANZA=0                                    # leave torch+stanza out
                                                                 # (quicker; default: the real app)

The real app bundles torch + stanza and, here, the tiny test models (--models), so the
frozen executable must pre-annotate offline from its bundled models.

The executable runs with a clean environment (no venv on PATH, no PYTHONPATH) and its own
ANNOTATOR_HOME, so it proves the bundle carries what it needs: Python, Qt, resources/, seeds/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
SEED = ROOT / "seeds" / "000_6a179d3ec5163f48.txt"
WITH_STANZA = os.environ.get("ANNOTATOR_BUNDLE_STANZA", "1") != "0"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(os.environ.get("ANNOTATOR_SKIP_BUNDLE") == "1",
                       reason="ANNOTATOR_SKIP_BUNDLE=1"),
    pytest.mark.skipif(os.environ.get("CI") != "true"
                       and os.environ.get("ANNOTATOR_TEST_BUNDLE") != "1",
                       reason="builds the app (slow): runs in CI or with ANNOTATOR_TEST_BUNDLE=1"),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("build")
    env = {**os.environ, "ANNOTATOR_DIST": str(out), "ANNOTATOR_BUILD": str(work)}
    if WITH_STANZA:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from tests.fixtures import tiny_stanza

        flags = ["--with-stanza", "--models", str(tiny_stanza.build_tiny_models())]
    else:
        flags = ["--without-stanza"]
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), *flags],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    print(proc.stdout)
    assert proc.returncode == 0, f"build.sh failed:\n{proc.stdout}\n{proc.stderr}"
    yield out


@pytest.fixture
def run_app(dist: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    exe = dist / "annotator" / "annotator"
    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "ANNOTATOR_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([str(exe), *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"annotator {' '.join(args)} failed:\n{proc.stderr}"
        return proc

    run.home = home  # type: ignore[attr-defined]
    return run


def test_version(run_app) -> None:  # type: ignore[no-untyped-def]
    assert run_app("--version").stdout.strip() == f"annotator, version {VERSION}"


def test_first_run_fills_default_project_from_seeds(run_app) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text("utf-8"))
    out = run_app("stats").stdout
    assert f"documents: {len(manifest['articles'])} " in out
    assert (run_app.home / "default.annotator.db").is_file()


def test_import_then_export(run_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.annotator.db"
    run_app("import", str(SEED), "--project", str(project))
    out = tmp_path / "out.jsonl"
    run_app("export", "--format", "jsonl", "--status", "all", "--project", str(project),
            "--out", str(out))
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 1
    expected = SEED.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    assert rows[0]["text"] == expected


def test_screenshot_offscreen(run_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.annotator.db"
    run_app("import", str(SEED), "--project", str(project))
    shot = tmp_path / "shot.png"
    run_app("screenshot", str(shot), "--project", str(project), "--size", "1000x700")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 700)
    assert len(data) > 20_000  # a blank window compresses to a few KB; text and colours don't


@pytest.mark.skipif(not WITH_STANZA, reason="bundle built without torch+stanza")
def test_preannotate_offline_with_bundled_models(run_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.annotator.db"
    run_app("import", str(SEED), "--project", str(project))
    # No --stanza-dir, no STANZA_RESOURCES_DIR, an empty data folder: the bundled models.
    out = run_app("preannotate", "--recognizer", "stanza-propn", "--lang", "id",
                  "--project", str(project)).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("stanza-propn"))
    assert int(line.split()[1]) > 0, out  # suggestions made
    assert not (run_app.home / "stanza").exists()  # nothing downloaded into the data folder


def test_tarball_and_deb(dist: Path) -> None:
    with tarfile.open(dist / f"annotator-{VERSION}-linux-x86_64.tar.gz") as tar:
        names = set(tar.getnames())
    assert {"annotator/annotator", "annotator/_internal/seeds/manifest.json",
            "annotator/_internal/resources/labels.toml"} <= names
    assert not any("/tests/" in n or "libcuda" in n or "tkinter" in n or "torch/test/" in n
                   for n in names)
    assert any("/torch/" in n for n in names) == WITH_STANZA
    deb = next(dist.glob("annotator_*.deb"))
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert f"Version: {VERSION}" in control
    depends = next(ln for ln in control.splitlines() if ln.startswith("Depends:"))
    # Libraries PyInstaller leaves to the system (Qt links them): found by build.sh's ldd scan.
    for package in ("libc6", "libegl1", "libgl1", "libxcb1", "fonts-dejavu-core"):
        assert package in depends, depends
    recommends = next(ln for ln in control.splitlines() if ln.startswith("Recommends:"))
    assert "fonts-noto-color-emoji" in recommends, recommends  # emoji in articles, not boxes
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./usr/bin/annotator -> /opt/annotator/annotator",
                 "./usr/share/applications/annotator.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/annotator.svg",
                 "./opt/annotator/_internal/PySide6/Qt/plugins/platforms/libqxcb.so"):
        assert path in listing
