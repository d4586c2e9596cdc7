"""Stanza models on disk: what is installed, what is missing, and downloading them.

The models folder of a project is the one the recognizers use
(:func:`annotator.core.recognizers.stanza_support.models_root`): the project's
``stanza_dir`` setting (a folder the user chose), else
:func:`annotator.core.paths.stanza_dir`. It holds a standard Stanza resources
layout (``resources.json`` + ``LANG/PROCESSOR/PACKAGE.pt``), as
``stanza.download`` writes it.

Downloading is the only network use of the app and happens only when the user
asks (``annotator models download LANG``, Model > Download Stanza models…). It
goes through ``stanza.download`` one processor at a time: first ``tokenize``
(which also fetches ``resources.json``, the list of what Stanza offers), then
those of ``pos`` and ``ner`` that Stanza has for the language (e.g. no NER for
Indonesian), so progress can be reported and a cancel honoured between files.
Errors become one clear :class:`AnnotatorError` (no network, unknown language,
a failed or corrupt download).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.cancel import CancelFlag
from annotator.core.langid import check_lang_code
from annotator.core.model import AnnotatorError
from annotator.core.recognizers import stanza_support as ss

if TYPE_CHECKING:
    from annotator.core.store import Project

# What pre-annotation uses: tokenize + pos (stanza-propn), tokenize + ner (stanza-ner).
PROCESSORS: tuple[str, ...] = ("tokenize", "pos", "ner")
PROJECT_SETTING = ss.PROJECT_SETTING


def models_dir(project: Project | None = None, option: Path | str | None = None) -> Path:
    """The models folder the recognizers use for this project."""
    return ss.models_root(option, project)


def use_folder(project: Project, folder: Path | None) -> Path:
    """Make ``folder`` the project's models folder (None: back to the default).

    The folder must hold a ``resources.json`` (a Stanza models folder)."""
    if folder is None:
        project.settings.set(PROJECT_SETTING, None)
        return models_dir(project)
    folder = Path(folder).expanduser().resolve()
    if not (folder / "resources.json").is_file():
        raise AnnotatorError(f"{folder}: not a Stanza models folder (it has no resources.json)")
    project.settings.set(PROJECT_SETTING, str(folder))
    return folder


def offered(root: Path, lang: str) -> list[str] | None:
    """Which of :data:`PROCESSORS` Stanza offers for ``lang`` according to the folder's
    ``resources.json``; None when the folder has none (or does not know the language)."""
    resources = ss.read_resources(root)
    entry = resources.get(lang)
    if not isinstance(entry, dict):
        return None
    if "alias" in entry:
        return offered(root, str(entry["alias"]))
    default = entry.get("packages", {}).get("default", {})
    default = default if isinstance(default, dict) else {}
    return [p for p in PROCESSORS if p in entry or p in default
            or p in entry.get("default_processors", {})]


@dataclass(slots=True)
class LangStatus:
    lang: str
    installed: list[str] = field(default_factory=list)  # processors whose files are all there
    missing: dict[str, list[str]] = field(default_factory=dict)  # processor -> missing files
    not_offered: list[str] = field(default_factory=list)  # Stanza has none for the language

    def line(self) -> str:
        parts = [f"{self.lang}: installed " + (", ".join(self.installed) or "nothing")]
        if self.missing:
            parts.append("missing " + ", ".join(self.missing))
        if self.not_offered:
            parts.append("Stanza has no " + ", ".join(self.not_offered) + " model")
        return "; ".join(parts)


def lang_status(root: Path, lang: str) -> LangStatus:
    status = LangStatus(lang)
    offer = offered(root, lang)
    for processor in PROCESSORS:
        if offer is not None and processor not in offer:
            status.not_offered.append(processor)
            continue
        missing = ss.missing_files(root, lang, [processor])
        if missing:
            status.missing[processor] = missing
        else:
            status.installed.append(processor)
    return status


def installed_languages(root: Path) -> list[str]:
    """Languages with at least one model file (``LANG/PROCESSOR/*.pt``) in the folder."""
    if not root.is_dir():
        return []
    return sorted(d.name for d in root.iterdir()
                  if d.is_dir() and any(d.glob("*/*.pt")))


ProgressCallback = Callable[[int, int, str], None]


def _network_error(exc: BaseException) -> bool:
    try:
        import requests
    except ImportError:  # pragma: no cover - stanza depends on requests
        requests = None  # type: ignore[assignment]
    if requests is not None and isinstance(
            exc, requests.exceptions.ConnectionError | requests.exceptions.Timeout):
        return True
    return isinstance(exc, ConnectionError | TimeoutError) or (
        isinstance(exc, OSError) and "resolve" in str(exc).lower())


def download(lang: str, root: Path, *, progress: ProgressCallback | None = None,
             cancel: CancelFlag | None = None) -> list[str]:
    """Download the pre-annotation models for ``lang`` into ``root`` with
    ``stanza.download``; returns the processors now installed.

    ``progress(done, total, processor)`` is called before each file;
    ``cancel`` is checked between them (a file being fetched is finished first;
    Stanza writes each one to a temporary name, so nothing half-written stays).
    """
    lang = lang.strip().lower()
    check_lang_code(lang, "download")  # it names the folder the models go to
    try:
        import stanza
    except ImportError as exc:
        raise AnnotatorError(f"cannot download Stanza models: stanza is not installed ({exc})"
                             ) from None
    root.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    todo: list[str] = ["tokenize"]
    total = len(PROCESSORS)
    step = 0
    while todo:
        processor = todo.pop(0)
        if cancel is not None and cancel.is_set():
            break
        if progress is not None:
            progress(step, total, processor)
        _fetch(stanza, lang, root, processor, first=processor == "tokenize")
        done.append(processor)
        step += 1
        if processor == "tokenize":
            offer = offered(root, lang) or ["tokenize"]
            todo = [p for p in PROCESSORS if p != "tokenize" and p in offer]
            total = 1 + len(todo)
    if progress is not None:
        progress(step, total, "")
    return done


def _fetch(stanza: Any, lang: str, root: Path, processor: str, *, first: bool) -> None:
    try:
        stanza.download(lang, model_dir=str(root), processors=processor,
                        download_json=first, logging_level="WARN")
    except Exception as exc:
        name = type(exc).__name__
        if _network_error(exc):
            raise AnnotatorError(
                f"cannot download Stanza models for {lang!r}: no network connection ({name}); "
                f"copy a Stanza models folder (resources.json and {lang}/) from a machine "
                f"that has one into {root}, or point the project to such a folder") from None
        if name == "UnknownLanguageError":
            raise AnnotatorError(f"Stanza has no models for the language {lang!r}") from None
        raise AnnotatorError(f"downloading the Stanza {processor} model for {lang!r} failed: "
                             f"{name}: {exc}") from None
