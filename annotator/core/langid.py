"""Guess a document's language from its most frequent function words.

Used at import for documents that do not say their language, so that the
recognizers pick the right CLDR names, cue words and Stanza models. It knows the
languages listed in resources/langid.toml and answers None when unsure.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from annotator.core.paths import resources_dir

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_WORDS = 400
MIN_SHARE = 0.12  # below this share of function words, the guess is not trusted
MIN_LEAD = 1.2  # the winner must beat the runner-up by this factor


@lru_cache(maxsize=1)
def _wordlists() -> dict[str, frozenset[str]]:
    path = resources_dir() / "langid.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {lang: frozenset(str(words).split()) for lang, words in data.get("words", {}).items()}


def guess_language(text: str) -> str | None:
    """The most likely language code, or None when the text is too short or unclear."""
    words = [w.lower() for w in _WORD.findall(text[:4000])][:SAMPLE_WORDS]
    if len(words) < 5:
        return None
    scores = sorted(((sum(w in vocab for w in words), lang)
                     for lang, vocab in _wordlists().items()), reverse=True)
    if not scores:
        return None
    best, lang = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best < MIN_SHARE * len(words) or best < MIN_LEAD * runner_up:
        return None
    return lang
