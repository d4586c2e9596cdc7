"""Stanza's resources folder layout (``resources.json``, ``LANG/PROCESSOR/PACKAGE.pt``).

A trained project model is such a folder, so ``stanza.Pipeline(lang, dir=...,
download_method=None)`` loads it offline like a downloaded one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from annotator.core.langid import check_lang_code

DEFAULT_PACKAGE = "tiny"
# Order in which processors are listed in resources.json / run in a pipeline.
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# Processors whose model was trained with (and must be loaded with) a pretrain.
PRETRAIN_USERS = ("pos", "lemma", "depparse", "ner", "sentiment", "constituency")


# --------------------------------------------------------------------------
# Writing files atomically
# --------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temp path next to ``final``; on success move it into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _make_readable(tmp)
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _make_readable(path: Path) -> None:
    """mkstemp creates 0600 files; give finished files ordinary 0644 permissions."""
    with contextlib.suppress(OSError):
        path.chmod(0o644)


# --------------------------------------------------------------------------
# Resources layout and loading
# --------------------------------------------------------------------------


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as fin:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def uses_pretrain(model: Path) -> bool | None:
    """Whether a Stanza model was trained with a pretrain (saved ``config``); None if unknown."""
    import torch

    try:
        data = torch.load(model, map_location="cpu", weights_only=True)
        return bool(data["config"].get("pretrain"))
    except Exception:
        return None


def _lang_name(lang: str) -> str:
    with contextlib.suppress(Exception):
        from stanza.models.common.constant import lcode2lang

        return str(lcode2lang.get(lang, lang))
    return lang


def write_resources_layout(
    root: Path,
    lang: str,
    package: str,
    models: Mapping[str, Path],
    *,
    make_default: bool = True,
) -> Path:
    """Copy models to ``root/LANG/PROCESSOR/PACKAGE.pt``; register them in ``root/resources.json``.

    ``models`` maps processor names (``tokenize``, ``pos``, ``ner``,
    ``pretrain``...) to model files.  The resources.json entry mirrors what
    ``stanza.download`` writes (``md5``, ``dependencies`` on the pretrain,
    ``packages`` with ``default`` and ``PACKAGE``), so that
    ``stanza.Pipeline(lang, dir=root, package=PACKAGE, download_method=None)``
    finds everything by itself.  An existing resources.json is merged, not
    replaced.  Every file is written atomically.
    """
    check_lang_code(lang, f"{root}: the model language")  # a folder name, never a path
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for processor, src in models.items():
        dest = root / lang / processor / f"{package}.pt"
        if Path(src).resolve() != dest.resolve():
            with atomic_path(dest) as tmp:
                shutil.copyfile(src, tmp)

    res_file = root / "resources.json"
    resources: dict[str, Any] = {}
    if res_file.exists():
        with contextlib.suppress(ValueError):
            loaded = json.loads(res_file.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                resources = loaded
    # stanza.download's resources.json has a download "url"; a local file URL
    # keeps download_method="reuse_resources" working offline (nothing is
    # fetched while every md5 matches) without ever pointing at the network.
    resources.setdefault("url", root.resolve().as_uri() + "/{lang}/{filename}")
    lang_res: dict[str, Any] = resources.setdefault(lang, {})
    lang_res.setdefault("lang_name", _lang_name(lang))
    has_pretrain = (root / lang / "pretrain" / f"{package}.pt").exists()
    for processor in models:
        dest = root / lang / processor / f"{package}.pt"
        entry: dict[str, Any] = {"md5": _md5(dest)}
        if processor in PRETRAIN_USERS:
            needs = uses_pretrain(dest)
            if needs and not has_pretrain:
                raise ValueError(
                    f"the {processor} model was trained with word vectors: "
                    f"also give models['pretrain'] (or put it at {root / lang / 'pretrain'})"
                )
            if needs or (needs is None and has_pretrain):
                entry["dependencies"] = [{"model": "pretrain", "package": package}]
        lang_res.setdefault(processor, {})[package] = entry
    pipeline_procs = [p for p in PROCESSOR_ORDER if p in models]
    packages = lang_res.setdefault("packages", {})
    pkg_entry: dict[str, Any] = packages.setdefault(package, {})
    pkg_entry.update({p: package for p in pipeline_procs})
    if make_default:
        default: dict[str, Any] = packages.setdefault("default", {})
        default.update({p: package for p in pipeline_procs})
        lang_res["default_processors"] = dict(default)
    with atomic_path(res_file) as tmp:
        tmp.write_text(json.dumps(resources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return res_file
