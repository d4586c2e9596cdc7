"""The project's models folder: which models exist, which one is in use, pruning.

The project setting ``ner_model`` holds the model in use: a folder name in the
models folder, an absolute path of another model folder, or ``"none"``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from annotator.core.model import AnnotatorError
from annotator.core.store import Project
from annotator.core.training.model import ProjectModel, load_model, models_dir

MODEL_SETTING = "ner_model"
EVALUATION_SETTING = "ner_model_evaluation"



def list_models(project_path: Path | str) -> list[ProjectModel]:
    """The project's complete models, oldest first."""
    folder = models_dir(project_path)
    if not folder.is_dir():
        return []
    models: list[ProjectModel] = []
    for child in folder.iterdir():
        if child.name.startswith(".") or not child.is_dir():
            continue
        with contextlib.suppress(AnnotatorError):
            models.append(load_model(child))
    return sorted(models, key=lambda m: (str(m.meta.get("created", "")), m.id))


def active_model(project: Project) -> ProjectModel | None:
    """The project's ``stanza-ner`` model, or None (setting absent, ``"none"``, or missing)."""
    value = project.settings.get(MODEL_SETTING)
    if not value or value == "none":
        return None
    path = Path(value)
    if not path.is_absolute():
        path = models_dir(project.path) / value
    try:
        return load_model(path)
    except AnnotatorError:
        return None


def use_model(project: Project, choice: str) -> ProjectModel | None:
    """Switch the project's model: ``none``, ``latest`` or a model id / folder path."""
    if choice == "none":
        project.settings.set(MODEL_SETTING, "none")
        project.notify(None)
        return None
    if choice == "latest":
        models = list_models(project.path)
        if not models:
            raise AnnotatorError(f"{project.path}: the project has no trained model yet "
                                 "(run `annotator train`)")
        model = models[-1]
    else:
        inside = models_dir(project.path) / choice
        model = load_model(inside if inside.is_dir() and os.sep not in choice
                           else Path(choice).resolve())
    inside_models = model.path.parent.resolve() == models_dir(project.path)
    project.settings.set(MODEL_SETTING, model.path.name if inside_models else str(model.path))
    if model.meta.get("evaluation"):
        project.settings.set(EVALUATION_SETTING, {"model": model.id, **model.meta["evaluation"]})
    project.notify(None)
    return model



def prune_models(project_path: Path, keep: int, *, keep_name: str) -> None:
    """Remove the oldest models beyond ``keep``; never the new or the active one."""
    if keep <= 0:
        return
    active = None
    with contextlib.suppress(AnnotatorError), Project(project_path, create=False) as project:
        value = project.settings.get(MODEL_SETTING)
        active = Path(value).name if value and value != "none" else None
    models = list_models(project_path)
    for model in models[:-keep] if len(models) > keep else []:
        if model.path.name in (keep_name, active):
            continue
        shutil.rmtree(model.path, ignore_errors=True)
