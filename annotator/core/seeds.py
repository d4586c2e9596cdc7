"""The sample corpus (seeds/) that fills a new default project."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from annotator.core.model import AnnotatorError
from annotator.core.paths import default_project_path, seeds_dir
from annotator.core.store import NewDocument, Project
from annotator.core.text import decode, normalize


def seed_documents(folder: Path | None = None) -> list[NewDocument]:
    """The seed articles, in manifest order, with their outlet in ``meta``."""
    folder = folder or seeds_dir()
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnnotatorError(f"{manifest_path}: cannot read the seed manifest ({exc})") from None
    lang = manifest.get("lang")
    docs = []
    for article in manifest["articles"]:
        path = folder / article["file"]
        text = normalize(decode(path.read_bytes(), str(path))).text
        meta = {"source": f"seeds/{article['file']}", "outlet": article.get("outlet")}
        docs.append(NewDocument(text=text, external_id=article["id"], meta=meta, lang=lang))
    return docs


def open_default_project() -> Project:
    """Open the default project, filling it from seeds/ the first time."""
    path = default_project_path()
    is_new = not path.exists()
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:  # an older version's crash while creating it: ours
            path.unlink()
            is_new = True
    project = Project(path, adopt_empty=True)  # a half-made file of ours is finished
    if is_new or (project.documents.count() == 0 and not project.settings.get("seeded")):
        project.documents.insert(seed_documents())
        project.settings.set("seeded", True)
        project.search.update_index()
    return project


def open_project(path: Path | str | None, create: bool = True) -> Project:
    """The project at ``path`` (created if missing, unless ``create`` is False: then
    "PATH: no such project file"), or the default project."""
    if path is None:
        return open_default_project()
    return Project(Path(path), create=create)
