"""Word lists and tokens for the ``names`` recognizer (see names.py).

The lists come from ``resources/cues/LANG.toml`` (``[entities]`` and ``[names]``;
English lists are added for every language) and CLDR's month and weekday names.
Tokens carry what the recognizer asks of each word: capitalised, an acronym, at a
sentence start, in a title-case headline, on which line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from annotator.core.model import AnnotatorError
from annotator.core.paths import resources_dir
from annotator.core.recognizers.stanza_propn import PhraseIndex, load_cues, read_toml

_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*|[^\w\s]")
QUOTES = set("\"“”'‘’«»([")
_INITIAL_AFTER = set(".!?…:;|\n")
_DASHES = {"-", "–", "—"}
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


# --- word lists ---------------------------------------------------------------------

@dataclass(slots=True)
class Lexicon:
    function_words: set[str] = field(default_factory=set)
    role_words: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    byline: set[str] = field(default_factory=set)
    date_words: set[str] = field(default_factory=set)
    titles: PhraseIndex = field(default_factory=lambda: PhraseIndex({}))
    heads: PhraseIndex = field(default_factory=lambda: PhraseIndex({}))
    tails: PhraseIndex = field(default_factory=lambda: PhraseIndex({}))
    before: PhraseIndex = field(default_factory=lambda: PhraseIndex({}))
    weak_before: PhraseIndex = field(default_factory=lambda: PhraseIndex({}))
    longest_before: int = 1
    derived_words: bool = False  # Indonesian affixes mark common words at sentence starts
    abbreviations: set[str] = field(default_factory=set)  # "dr", "prof", "jl" (before ".")
    no_name_after: set[str] = field(default_factory=set)  # "berinisial RS": initials, no name
    common_acronyms: set[str] = field(default_factory=set)  # "UMKM", "BBM": no names


def _names_table(lang: str) -> dict[str, Any]:
    path = resources_dir() / "cues" / f"{lang}.toml"
    if not path.is_file():
        return {}
    table = read_toml(path).get("names", {})
    for key, words in table.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise AnnotatorError(f"{path}: names.{key} must be a list of strings")
    return dict(table)


def _words(items: Any) -> set[str]:
    return {str(w).lower() for w in items or []}


def _phrases(items: Any) -> list[tuple[str, ...]]:
    return [tuple(str(w).lower().split()) for w in items or [] if str(w).strip()]


def _merge(*tables: dict[str, list[tuple[str, ...]]]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for table in tables:
        for label, phrases in table.items():
            out.setdefault(label, []).extend(p for p in phrases if p not in out[label])
    return out


def _date_words(lang: str) -> set[str]:
    from annotator.core.recognizers.cldr_cache import cached

    return set(cached("date_words", lang, lambda: sorted(_cldr_date_words(lang))))


def _cldr_date_words(lang: str) -> set[str]:
    import babel
    from babel import dates as bdates

    words: set[str] = set()
    for code in {lang}:  # one locale: loading a CLDR locale costs milliseconds
        try:
            locale = babel.Locale.parse(code.replace("-", "_"))
        except (babel.UnknownLocaleError, ValueError):
            continue
        # wide names only: abbreviations ("Sun", "Jan", "Min") are also names' words
        for name in bdates.get_month_names("wide", "format", locale).values():
            words.add(name.lower())
        for name in bdates.get_day_names("wide", "format", locale).values():
            words.add(name.lower())
    return words


@lru_cache(maxsize=16)
def lexicon(lang: str) -> Lexicon:
    """The word lists for a language, English lists added."""
    langs = [lang] if lang == "en" else [lang, "en"]
    cues = [load_cues(code) for code in langs]
    names = [_names_table(code) for code in langs]
    lex = Lexicon(derived_words=lang == "id")
    for table in names:
        lex.function_words |= _words(table.get("function_words"))
        lex.role_words |= _words(table.get("role_words"))
        lex.byline |= _words(table.get("byline"))
        lex.abbreviations |= _words(table.get("abbreviations"))
        lex.no_name_after |= _words(table.get("no_name_after"))
        lex.common_acronyms |= _words(table.get("common_acronyms"))
    for cue in cues:
        lex.connectors |= cue.connectors
    lex.connectors |= {"of", "for"}
    lex.date_words = _date_words(lang)
    person = [c.before.get("PER", []) for c in cues]
    lex.titles = PhraseIndex({"PER": [p for ps in person for p in ps]
                              + [p for t in names for p in _phrases(t.get("titles"))]})
    lex.heads = PhraseIndex(_merge(*(c.head for c in cues)))
    lex.tails = PhraseIndex(_merge(*(c.tail for c in cues)))
    org_before = {"ORG": [p for t in names for p in _phrases(t.get("org_before"))],
                  "MISC": [p for t in names for p in _phrases(t.get("misc_before"))]}
    lex.before = PhraseIndex(_merge(org_before, *(c.before for c in cues)))
    lex.weak_before = PhraseIndex(_merge(*(c.weak_before for c in cues)))
    lex.longest_before = max([len(p) for p in lex.before.rank] or [1])
    return lex


# --- tokens -----------------------------------------------------------------------

@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    cap: bool  # starts with an upper-case letter
    acronym: bool  # two or more letters, all upper case
    initial: bool = False  # at a sentence start
    headline: bool = False  # in a title-case line
    line: int = 0


def tokenize(text: str) -> list[Tok]:
    toks: list[Tok] = []
    line = 0
    last_end = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        start = m.start()
        if "\n" in text[last_end:start]:
            line += text.count("\n", last_end, start)
        last_end = start
        cap = word[0].isupper()  # only letters have a case
        # str.isupper: every cased character is upper case ("KONTAN.CO.ID", "BI")
        acronym = (cap and len(word) >= 2 and word.isupper() and word[1] != "."
                   and _ROMAN.fullmatch(word) is None)  # "Komisi III": a number
        toks.append(Tok(start, m.end(), word, cap, acronym, line=line))
    return toks


def is_abbreviation(word: str, lex: Lexicon) -> bool:
    """A word written with a full stop that ends no sentence: an initial ("M"), a
    title or a street ("Dr", "Prof", "Jl")."""
    return (len(word) == 1 and word.isupper()) or word.lower() in lex.abbreviations


def mark_positions(text: str, toks: list[Tok], lex: Lexicon) -> None:
    """Set ``initial`` (sentence starts) and ``headline`` (title-case lines)."""
    prev: Tok | None = None
    before_prev: Tok | None = None
    for tok in toks:
        if prev is not None and prev.text == "." and before_prev is not None \
                and is_abbreviation(before_prev.text, lex) and prev.line == tok.line:
            tok.initial = False  # "Prof. Dr. Siti", "M. Nasir", "Jl. Merdeka": no new sentence
        elif tok.text in QUOTES and (prev is None or prev.initial or prev.text in _INITIAL_AFTER
                                    or prev.line != tok.line):
            tok.initial = True  # an opening quote keeps the sentence start for the next word
        else:
            tok.initial = (prev is None or prev.line != tok.line or prev.text in _INITIAL_AFTER
                           or (prev.initial and prev.text in QUOTES)
                           or (prev.text in _DASHES and prev.start > 0
                               and (text[prev.start - 1] == " "  # "JAKARTA -- Banjir ..."
                                    or (text[prev.start - 1] in _DASHES
                                        and text[prev.start - 2:prev.start - 1] == " "))))
        before_prev, prev = prev, tok
    by_line: dict[int, list[Tok]] = {}
    for tok in toks:
        by_line.setdefault(tok.line, []).append(tok)
    for line_toks in by_line.values():
        words = [t for t in line_toks if t.text[0].isalpha()]
        if len(words) < 3 or line_toks[-1].text in (".", "…"):
            continue
        if words[0].text.lower() in lex.byline:
            continue
        content = [t for t in words if t.text.lower() not in lex.function_words]
        if content and sum(t.cap for t in content) >= 0.75 * len(content):
            for t in line_toks:
                t.headline = True
