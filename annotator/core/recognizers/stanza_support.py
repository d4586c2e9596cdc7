"""Shared Stanza plumbing for ``stanza-ner`` and ``stanza-propn``: offline loading only.

Models live in a standard Stanza resources folder (what ``stanza.download``
writes): ``resources.json`` plus ``LANG/PROCESSOR/PACKAGE.pt``. The folder is
``--stanza-dir``, else the project's ``stanza_dir`` setting (a folder the user
chose), else ``annotator.core.paths.stanza_dir()`` (the ``stanza`` folder in the
user data folder, or ``STANZA_RESOURCES_DIR``). Pipelines are
built with ``download_method=None``: nothing is ever fetched at run time. Torch
runs with one thread (with two, Stanza's latency swings tenfold on a busy machine).

Offsets: Stanza's ``start_char``/``end_char`` index the text it was given (a
Python ``str``, so code points, like ours). Every token is checked against the
text (``text[start:end] == token.text``) and re-found nearby if Stanza changed
it; a token that cannot be placed is dropped rather than stored shifted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import AnnotatorError, Document, Offsets
from annotator.core.paths import stanza_dir
from annotator.core.text import sentence_groups, tags_to_spans

if TYPE_CHECKING:
    from annotator.core.store import Project

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_PIPELINES: dict[tuple[Any, ...], Any] = {}


# The project setting holding a models folder the user chose ("Use a models folder…").
PROJECT_SETTING = "stanza_dir"


def models_root(option: Path | str | None, project: Project | None = None) -> Path:
    """The models folder: ``option`` (--stanza-dir), else the project's ``stanza_dir``
    setting, else :func:`annotator.core.paths.stanza_dir`."""
    if option:
        return Path(option)
    chosen = project.settings.get(PROJECT_SETTING) if project is not None else None
    return Path(str(chosen)) if chosen else stanza_dir()


def read_resources(root: Path) -> dict[str, Any]:
    path = root / "resources.json"
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
    return {}


def resources_fingerprint(root: Path) -> str:
    """A short hash of resources.json (it holds every model's md5): the models' identity."""
    try:
        data = (root / "resources.json").read_bytes()
    except OSError:
        return "none"
    return hashlib.sha256(data).hexdigest()[:12]


def _package(lang_res: dict[str, Any], processor: str) -> str | None:
    default = lang_res.get("default_processors", {}).get(processor)
    if isinstance(default, str):
        return default
    if isinstance(default, dict):  # some languages store {"package": ...}
        return str(default.get("package")) if default.get("package") else None
    packages = lang_res.get("packages", {}).get("default", {})
    value = packages.get(processor) if isinstance(packages, dict) else None
    if isinstance(value, str):
        return value
    found = lang_res.get(processor)
    if isinstance(found, dict) and len(found) == 1:
        return str(next(iter(found)))
    return None


def missing_files(root: Path, lang: str, processors: Sequence[str]) -> list[str]:
    """What is missing under ``root`` for these processors of ``lang`` ([] when all is there)."""
    resources = read_resources(root)
    if not resources:
        return ["resources.json"]
    lang_res = resources.get(lang)
    if not isinstance(lang_res, dict):
        return [f"{lang}/ (no entry for {lang!r} in resources.json)"]
    if "alias" in lang_res:
        return missing_files(root, str(lang_res["alias"]), processors)
    missing: list[str] = []
    wanted = list(processors)
    if "tokenize" in wanted and _package(lang_res, "mwt"):
        wanted.append("mwt")
    for processor in wanted:
        package = _package(lang_res, processor)
        if package is None:
            missing.append(f"{lang}/{processor} (not in resources.json)")
            continue
        model = root / lang / processor / f"{package}.pt"
        if not model.exists():
            missing.append(f"{lang}/{processor}/{package}.pt")
        deps = lang_res.get(processor, {}).get(package, {}).get("dependencies", [])
        for dep in deps or []:
            path = root / lang / str(dep.get("model")) / f"{dep.get('package')}.pt"
            if not path.exists():
                missing.append(f"{lang}/{dep.get('model')}/{dep.get('package')}.pt")
    return missing


def how_to_get(root: Path, lang: str) -> str:
    return (f"Get them where the network allows with: python -c \"import stanza; "
            f"stanza.download('{lang}', model_dir=r'{root}')\", or copy a Stanza models folder "
            f"(resources.json and {lang}/) into {root}, or pass --stanza-dir DIR.")


def load_pipeline(root: Path, lang: str, processors: str, **extra: Any) -> Any:
    """A cached offline pipeline (one per folder, language, processors and options)."""
    key = (str(root), lang, processors, tuple(sorted((k, str(v)) for k, v in extra.items())),
           resources_fingerprint(root))
    with _LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            import stanza
            import torch

            torch.set_num_threads(1)
            kwargs: dict[str, Any] = {
                "lang": lang, "dir": str(root), "processors": processors,
                "download_method": None, "use_gpu": False, "logging_level": "WARN",
                "allow_unknown_language": True,
            }
            kwargs.update(extra)
            kwargs["download_method"] = None
            try:
                pipeline = stanza.Pipeline(**kwargs)
            except Exception as exc:  # a wrong or damaged file fails anywhere in torch
                files = [str(v) for k, v in extra.items() if k.endswith("_path")]
                raise AnnotatorError(
                    f"cannot load the Stanza {processors} models for {lang!r} from "
                    f"{', '.join(files) or root} ({type(exc).__name__}: {exc}); is it a "
                    "Stanza model file of that kind, whole?") from None
            _PIPELINES[key] = pipeline
        return pipeline


def empty_root() -> Path:
    """A folder with an empty resources.json: enough for a pipeline given explicit model paths."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / "annotator-stanza-empty"
    folder.mkdir(parents=True, exist_ok=True)
    res = folder / "resources.json"
    if not res.exists():
        res.write_text("{}", encoding="utf-8")
    return folder


def clear_cache() -> None:
    with _LOCK:
        _PIPELINES.clear()


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    upos: str = ""
    ner: str = "O"


@dataclass(slots=True)
class Parsed:
    """One document as Stanza saw it, with offsets checked against the text."""

    tokens: list[Offsets] = field(default_factory=list)
    sentences: list[Offsets] = field(default_factory=list)
    sentence_tokens: list[list[Tok]] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    dropped: int = 0


def _place(text: str, piece: str, start: int, end: int, cursor: int) -> Offsets | None:
    if 0 <= start < end <= len(text) and text[start:end] == piece:
        return (start, end)
    if piece:
        found = text.find(piece, cursor)
        if found >= 0 and found - cursor < 200:
            return (found, found + len(piece))
    return None


def parse(text: str, sdoc: Any) -> Parsed:
    """Convert a processed ``stanza.Document`` into checked offsets."""
    out = Parsed()
    cursor = 0
    for sent in sdoc.sentences:
        toks: list[Tok] = []
        for token in sent.tokens:
            placed = _place(text, token.text, token.start_char, token.end_char, cursor)
            if placed is None:
                out.dropped += 1
                continue
            cursor = placed[1]
            words = token.words
            upos = ""
            if words:
                upos = words[0].upos or ""
                if len(words) > 1 and any(w.upos == "PROPN" for w in words):
                    upos = "PROPN" if words[0].upos == "PROPN" else upos
            toks.append(Tok(placed[0], placed[1], upos, getattr(token, "ner", None) or "O"))
        if toks:
            out.sentence_tokens.append(toks)
            out.tokens.extend((t.start, t.end) for t in toks)
            out.sentences.append((toks[0].start, toks[-1].end))
    for ent in getattr(sdoc, "ents", []) or []:
        s, e = ent.start_char, ent.end_char
        if 0 <= s < e <= len(text) and text[s:e] == ent.text:
            out.entities.append((s, e, ent.type))
        else:
            out.dropped += 1
    return out


def process(pipeline: Any, docs: Sequence[Document]) -> list[Parsed]:
    """Run a pipeline on documents in one batch (``bulk_process``)."""
    import stanza

    todo = [i for i, doc in enumerate(docs) if doc.text.strip()]
    out = [Parsed() for _ in docs]
    if not todo:
        return out
    inputs = [stanza.Document([], text=docs[i].text) for i in todo]
    results = pipeline.bulk_process(inputs) if len(inputs) > 1 else [pipeline(inputs[0])]
    for i, sdoc in zip(todo, results, strict=True):
        out[i] = parse(docs[i].text, sdoc)
    return out


def by_language(docs: Sequence[Document]) -> dict[str, list[int]]:
    """Document positions grouped by language (one Stanza pipeline per language)."""
    groups: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        groups.setdefault(doc.lang or "en", []).append(i)
    return groups


def bioes_spans(tokens: Sequence[Tok]) -> list[tuple[int, int, str]]:
    """Character spans from BIOES (or BIO) tags."""
    return tags_to_spans([(t.start, t.end) for t in tokens], [t.ner for t in tokens])


def process_pretokenized(pipeline: Any, doc: Document) -> Parsed:
    """Run a ``tokenize_pretokenized`` pipeline on the document's own tokens.

    Token ``i`` of sentence ``j`` in Stanza's output is our token ``i`` of group
    ``j``, so offsets are exact by construction.
    """
    text = doc.text
    groups = [[t for t in g if text[t[0]:t[1]].strip()]
              for g in sentence_groups(doc.tokens, doc.sentences)]
    groups = [g for g in groups if g]
    out = Parsed()
    if not groups:
        return out
    words = [[text[s:e].replace(" ", "\xa0") for s, e in g] for g in groups]
    sdoc = pipeline(words)
    for group, sent in zip(groups, sdoc.sentences, strict=True):
        if len(sent.tokens) != len(group):
            out.dropped += len(group)
            continue
        toks = [Tok(s, e, (tok.words[0].upos or "") if tok.words else "",
                    getattr(tok, "ner", None) or "O")
                for (s, e), tok in zip(group, sent.tokens, strict=True)]
        out.sentence_tokens.append(toks)
        out.tokens.extend(group)
        out.sentences.append((group[0][0], group[-1][1]))
        out.entities.extend(bioes_spans(toks))
    return out
