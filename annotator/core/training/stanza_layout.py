"""Stanza's files: word vectors as a Pretrain, the resources folder layout, offline loading.

Loading is always offline: :func:`load_pipeline` passes ``download_method=None``
and explicit model paths.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from annotator.core.langid import check_lang_code

DEFAULT_PACKAGE = "tiny"
# Order in which processors are listed in resources.json / run in a pipeline.
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# Processors whose model was trained with (and must be loaded with) a pretrain.
PRETRAIN_USERS = ("pos", "lemma", "depparse", "ner", "sentiment", "constituency")


# --------------------------------------------------------------------------
# Word vectors -> Pretrain
# --------------------------------------------------------------------------


def _read_vector_text(path: Path) -> dict[str, list[float]]:
    """Read a word2vec/fastText style text file (optional ``N DIM`` header)."""
    vectors: dict[str, list[float]] = {}
    dim: int | None = None
    with path.open(encoding="utf-8") as fin:
        for line_no, line in enumerate(fin):
            pieces = line.rstrip().split()
            if not pieces:
                continue
            if line_no == 0 and len(pieces) == 2:
                with contextlib.suppress(ValueError):
                    dim = int(pieces[1])
                    continue
            if dim is None:
                dim = len(pieces) - 1
            word = "\xa0".join(pieces[:-dim])
            vectors[word] = [float(x) for x in pieces[-dim:]]
    return vectors


def write_pretrain(vectors: Mapping[str, Sequence[float]] | Path | str, out_pt: Path) -> Path:
    """Write a Stanza ``Pretrain`` file (``{"vocab": ..., "emb": ...}``) atomically.

    ``vectors`` is either a ``{word: vector}`` mapping or the path of a
    word2vec-style text file.  Row 0-3 of the embedding are Stanza's special
    tokens (``<PAD>``, ``<UNK>``, ``<EMPTY>``, ``<ROOT>``) and stay zero, as
    Stanza's own reader does.  The file is verified by loading it back.
    """
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    if isinstance(vectors, (str, Path)):
        vectors = _read_vector_text(Path(vectors))
    if not vectors:
        raise ValueError("no word vectors given")
    words: list[str] = []
    rows: list[Sequence[float]] = []
    dim = len(next(iter(vectors.values())))
    for word, vec in vectors.items():
        if len(vec) != dim:
            raise ValueError(f"vector for {word!r} has {len(vec)} dimensions, expected {dim}")
        if not word or word in VOCAB_PREFIX:
            continue
        words.append(word.replace(" ", "\xa0"))
        rows.append(vec)
    emb = torch.zeros((len(words) + len(VOCAB_PREFIX), dim), dtype=torch.float32)
    if rows:
        emb[len(VOCAB_PREFIX) :] = torch.tensor([list(r) for r in rows], dtype=torch.float32)
    vocab = PretrainedWordVocab(words)

    out_pt = Path(out_pt)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_path(out_pt) as tmp:
        # Same serialisation as Pretrain.save(), but errors are not swallowed.
        torch.save(
            {"vocab": vocab.state_dict(), "emb": emb}, tmp, _use_new_zipfile_serialization=False
        )
        check = Pretrain(str(tmp), save_to_file=False)
        if check.emb.shape != emb.shape:
            raise ValueError(f"pretrain check failed for {tmp}")
    return out_pt



# --------------------------------------------------------------------------
# Writing files atomically
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _atomic_path(final: Path) -> Iterator[Path]:
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


def _uses_pretrain(model: Path) -> bool | None:
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
            with _atomic_path(dest) as tmp:
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
            needs = _uses_pretrain(dest)
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
    with _atomic_path(res_file) as tmp:
        tmp.write_text(json.dumps(resources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return res_file


def pipeline_kwargs(
    root: Path,
    lang: str,
    package: str = DEFAULT_PACKAGE,
    processors: str | Sequence[str] = "tokenize,pos,ner",
) -> dict[str, Any]:
    """Explicit offline ``stanza.Pipeline`` kwargs for a :func:`write_resources_layout` folder.

    Includes ``*_model_path`` and, for processors whose model was trained
    with word vectors (per resources.json, else the model's saved config),
    ``*_pretrain_path``: always pass it, since an NER model trained with a
    pretrain also loads without one but then gives random entities.
    """
    check_lang_code(lang, f"{root}: the model language")
    root = Path(root)
    procs = (
        [p.strip() for p in processors.split(",")]
        if isinstance(processors, str)
        else list(processors)
    )
    pretrain = root / lang / "pretrain" / f"{package}.pt"
    kwargs: dict[str, Any] = {
        "lang": lang,
        "dir": str(root),
        "processors": ",".join(procs),
        "package": package,
        "download_method": None,
        "allow_unknown_language": True,
    }
    lang_res: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError, AttributeError):
        lang_res = json.loads((root / "resources.json").read_text(encoding="utf-8")).get(lang, {})
    for proc in procs:
        model = root / lang / proc / f"{package}.pt"
        if not model.exists():
            raise FileNotFoundError(f"no {proc} model at {model}")
        kwargs[f"{proc}_model_path"] = str(model)
        if proc not in PRETRAIN_USERS or not pretrain.exists():
            continue
        entry = lang_res.get(proc, {}).get(package)
        if isinstance(entry, dict):
            deps = entry.get("dependencies") or []
            needs = any(d.get("model") == "pretrain" for d in deps)
        else:
            needs = _uses_pretrain(model) is not False
        if needs:
            kwargs[f"{proc}_pretrain_path"] = str(pretrain)
    return kwargs


def load_pipeline(
    root: Path,
    lang: str,
    processors: str | Sequence[str] = "tokenize,pos,ner",
    *,
    package: str = DEFAULT_PACKAGE,
    **overrides: Any,
) -> Any:
    """Build an offline ``stanza.Pipeline`` (``download_method=None``, explicit paths, CPU)."""
    import stanza

    kwargs = pipeline_kwargs(root, lang, package, processors)
    kwargs.setdefault("use_gpu", False)
    kwargs.setdefault("logging_level", "WARN")
    kwargs.update(overrides)
    kwargs["download_method"] = None
    return stanza.Pipeline(**kwargs)
