"""The editable alias tables: names news writes that CLDR does not know.

``resources/aliases/LANG.toml`` holds one list of exact, case-sensitive names per
label (``LOC = ["Moskow", "AS", ...]``, ``ORG = [...]``). The gazetteer adds them
to CLDR's names (the user's term lists still win), so the ``gazetteer`` and the
``names`` recognizers both know them. A language without a file has no aliases.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir

SCORE_ALIAS = 0.85


def alias_file(lang: str) -> Path:
    return resources_dir() / "aliases" / f"{lang.split('-')[0].split('_')[0]}.toml"


@lru_cache(maxsize=32)
def _read(path: Path) -> tuple[dict[str, str], str]:
    if not path.is_file():
        return {}, ""
    from annotator.core.recognizers.cldr_cache import parsed_toml

    raw = path.read_bytes()
    try:
        data = parsed_toml(path, tomllib.loads)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{path}: not a valid alias table ({exc})") from None
    terms: dict[str, str] = {}
    for label, names in data.items():
        if not re.fullmatch(r"[\w-]+", label) or not isinstance(names, list) \
                or not all(isinstance(n, str) for n in names):
            raise AnnotatorError(f"{path}: {label!r} must be a label with a list of names, "
                                 f'e.g. LOC = ["Moskow", "AS"]')
        for name in names:
            name = " ".join(name.split())
            if name:
                terms[name] = label
    return terms, hashlib.sha256(raw).hexdigest()[:12]


def alias_terms(lang: str) -> dict[str, str]:
    """name -> label from the language's alias file ({} when there is none)."""
    return _read(alias_file(lang))[0]


def aliases_digest() -> str:
    """A short hash of every language's alias file: part of recognizer versions."""
    folder = resources_dir() / "aliases"
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    return hashlib.sha256("".join(_read(p)[1] for p in files).encode()).hexdigest()[:8]
