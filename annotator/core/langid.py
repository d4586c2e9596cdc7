"""Language codes: check one, or guess a document's language from its function words.

A language code names folders (Stanza models ``DIR/LANG/...``, trained models,
cue files), so one read from a file is checked with :func:`check_lang_code`
before anything uses it. The guess is used at import for documents that do not
say their language, so that the recognizers pick the right CLDR names, cue words
and Stanza models. It knows the languages listed in resources/langid.toml and
answers None when unsure.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain, repeat

from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir

# ISO 639 (2 or 3 letters) and optional BCP 47 / Stanza style subtags: en, id, zh-hans,
# pt_BR. Nothing else: no dot, slash or backslash, so a code can never be a path.
LANG_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 1500  # the words are taken from the start of the text
SAMPLE_WORDS = 150
MIN_SHARE = 0.12  # below this share of function words, the guess is not trusted
MIN_LEAD = 1.2  # the winner must beat the runner-up by this factor


def check_lang_code(code: object, where: str) -> str:
    """``code`` if it is a language code, else one clear error that starts with ``where``."""
    if isinstance(code, str) and LANG_CODE.fullmatch(code):
        return code
    raise AnnotatorError(f"{where}: {code!r} is not a language code "
                         "(two or three lower-case letters, e.g. id, en, zh-hans)")


@lru_cache(maxsize=1)
def function_words() -> dict[str, tuple[str, ...]]:
    """word -> the languages listing it (one dict lookup per word of a document)."""
    path = resources_dir() / "langid.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    index: dict[str, list[str]] = {}
    for lang, words in data.get("words", {}).items():
        for word in set(str(words).split()):
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def guess_language(text: str) -> str | None:
    """The most likely language code, or None when the text is too short or unclear."""
    words = _WORD.findall(text[:SAMPLE_CHARS])[:SAMPLE_WORDS]
    if len(words) < 5:
        return None
    index = function_words()
    # counted in C (Counter over chained lookups): this runs for every imported document
    scores = Counter(chain.from_iterable(map(index.get, map(str.lower, words), repeat(()))))
    return decide(scores, len(words))


def decide(scores: Mapping[str, int], words: int) -> str | None:
    """The guess from the function words counted per language among ``words`` words."""
    if words < 5 or not scores:
        return None
    ranked = sorted(((n, lang) for lang, n in scores.items() if n), reverse=True)
    if not ranked:
        return None
    best, lang = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if best < MIN_SHARE * words or best < MIN_LEAD * runner_up:
        return None
    return lang
