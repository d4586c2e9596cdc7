"""Where things live: bundled resources and seeds, the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "annotator"


def _bundle_root() -> Path:
    """The folder holding resources/ and seeds/: the PyInstaller bundle or the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    override = os.environ.get("ANNOTATOR_RESOURCES")
    return Path(override) if override else _bundle_root() / "resources"


def seeds_dir() -> Path:
    override = os.environ.get("ANNOTATOR_SEEDS")
    return Path(override) if override else _bundle_root() / "seeds"


def data_dir() -> Path:
    """The user's data folder; ANNOTATOR_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("ANNOTATOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Files that can be made again (the export cache): the user's cache folder, or
    ``cache/`` in ANNOTATOR_HOME when that is set. Not created here."""
    override = os.environ.get("ANNOTATOR_HOME")
    return Path(override) / "cache" if override else Path(
        platformdirs.user_cache_dir(APP_NAME))


def default_project_path() -> Path:
    return data_dir() / "default.annotator.db"


def bundled_stanza_dir() -> Path:
    """Stanza models shipped inside the installer (build.sh --models DIR), maybe absent."""
    return _bundle_root() / "stanza_models"


def stanza_dir() -> Path:
    """Stanza models (STANZA_RESOURCES_DIR layout).

    STANZA_RESOURCES_DIR first, then the ``stanza/`` folder in the user's data
    folder; when the user has none, the models bundled with the app, if any.
    """
    override = os.environ.get("STANZA_RESOURCES_DIR")
    if override:
        return Path(override)
    user = data_dir() / "stanza"
    bundled = bundled_stanza_dir()
    if not user.exists() and (bundled / "resources.json").is_file():
        return bundled
    return user
