"""``gazetteer``: names from CLDR (Babel) in the document's language, plus user term lists.

- Countries, territories and world regions (``Locale(lang).territories``), as LOC.
  "European Union" and "United Nations" are ORG; "World", the euro area, the
  unknown region and the pseudo-locales are left out. A name with a bracketed
  alternative ("Myanmar (Burma)") gives both names; an "&" also appears as the
  language's own "and" (from CLDR's list patterns).
- Cities: CLDR's exemplar city for each time zone (its localised name where CLDR
  has one), as LOC with a lower score. Antarctic stations, oceanic islands and
  sub-zones ("Center, North Dakota") are left out: their names are too often
  ordinary words or people ("Casey", "Christmas", "Center").
- The language's alias table (``resources/aliases/LANG.toml``, see
  :mod:`annotator.core.recognizers.aliases`): "Moskow", "AS", "Korut" ... as news
  writes them; they win over CLDR names.
- The user's term lists: every ``*.tsv`` / ``*.txt`` file in ``DATA_DIR/terms/``,
  ``DATA_DIR/terms.tsv``, and the files named in the project setting
  ``term_lists`` (a list of paths). One ``term<TAB>LABEL`` a line; ``#`` starts
  a comment. User terms win over aliases and CLDR names for the same string.

Matching is case-sensitive, on word boundaries, longest match first.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import AnnotatorError, Document
from annotator.core.paths import data_dir
from annotator.core.recognizers.aliases import SCORE_ALIAS, alias_terms, aliases_digest
from annotator.core.recognizers.base import Suggestion

if TYPE_CHECKING:
    from annotator.core.store import Project

log = logging.getLogger(__name__)

SKIP_TERRITORIES = {"001", "ZZ", "XA", "XB", "EZ"}
ORG_TERRITORIES = {"EU", "UN"}
SKIP_ZONE_AREAS = {"Antarctica", "Etc", "Indian", "Pacific", "Atlantic", "Arctic"}
SCORE_TERRITORY = 0.85
SCORE_CITY = 0.6
SCORE_USER = 0.9


def _locale(lang: str) -> Any:
    import babel

    try:
        return babel.Locale.parse(lang.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError):
        log.warning("gazetteer: CLDR has no locale %r", lang)
        return None


def _name_variants(name: str, and_word: str | None) -> set[str]:
    name = " ".join(name.split())
    out = {name}
    bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if bracket:
        out |= {bracket.group(1).strip(), bracket.group(2).strip()}
    if " & " in name and and_word:
        out |= {n.replace(" & ", f" {and_word} ") for n in set(out)}
    return {n for n in out if len(n) > 1}


def _and_word(locale: Any) -> str | None:
    """The language's "and" from CLDR's two-item list pattern ("{0} dan {1}")."""
    try:
        pattern = str(locale.list_patterns["standard"]["2"])
    except (KeyError, TypeError):
        return None
    middle = pattern.replace("{0}", "\0").replace("{1}", "\0").split("\0")
    word = middle[1].strip() if len(middle) == 3 else ""
    return word if word and word.isalpha() else None


@lru_cache(maxsize=32)
def cldr_terms(lang: str) -> dict[str, tuple[str, float]]:
    """CLDR names for a language: name -> (label, score)."""
    from annotator.core.recognizers.cldr_cache import cached

    found: dict[str, list[Any]] = cached(
        "terms", lang, lambda: {name: [label, score] for name, (label, score)
                                in _cldr_terms(lang).items()})
    return {name: (str(pair[0]), float(pair[1])) for name, pair in found.items()}


def _cldr_terms(lang: str) -> dict[str, tuple[str, float]]:
    """CLDR names, built from Babel's data (slow: Babel loads the locale)."""
    locale = _locale(lang)
    if locale is None:
        return {}
    from babel.core import get_global

    and_word = _and_word(locale)
    terms: dict[str, tuple[str, float]] = {}
    zones = get_global("zone_territories")
    for zone in sorted(zones):
        area, _, rest = zone.partition("/")
        if area in SKIP_ZONE_AREAS or not rest or "/" in rest:
            continue
        localised = locale.time_zones.get(zone, {}).get("city")
        city = str(localised) if localised else rest.replace("_", " ")
        if "," in city or not city[:1].isupper():
            continue
        for name in _name_variants(city, and_word):
            terms[name] = ("LOC", SCORE_CITY)
    for code, name in locale.territories.items():
        if code in SKIP_TERRITORIES:
            continue
        label = "ORG" if code in ORG_TERRITORIES else "LOC"
        for variant in _name_variants(str(name), and_word):
            terms[variant] = (label, SCORE_TERRITORY)
    return terms


def read_term_file(path: Path) -> dict[str, str]:
    """A ``term<TAB>LABEL`` file; a bad line is an AnnotatorError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{path}: cannot read the term list ({exc})") from None
    terms: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        term, tab, label = line.rpartition("\t")
        term, label = term.strip(), label.strip()
        if not tab or not term or not label or not re.fullmatch(r"[\w-]+", label):
            raise AnnotatorError(
                f"{path}, line {number}: expected 'term<TAB>LABEL', got {line!r}")
        terms[" ".join(term.split())] = label
    return terms


def default_term_files() -> list[Path]:
    root = data_dir()
    files = [root / "terms.tsv"] if (root / "terms.tsv").is_file() else []
    folder = root / "terms"
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir()
                        if p.suffix.lower() in (".tsv", ".txt") and p.is_file())
    return files


def compile_terms(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")


_MISSING = object()
_COMPILED: dict[tuple[str, str], object] = {}


class Gazetteer:
    name = "gazetteer"
    base_version = "2"

    def __init__(self, term_files: Iterable[Path | str] = (), lang: str | None = None,
                 **_options: Any) -> None:
        self._explicit_files = [Path(p) for p in term_files]
        self.user_terms: dict[str, str] = {}
        self.version = self.base_version
        self._tables: dict[str, dict[str, tuple[str, float]]] = {}
        self._load(self._explicit_files + default_term_files())

    def _load(self, files: Iterable[Path]) -> None:
        terms: dict[str, str] = {}
        digest = hashlib.sha256()
        for path in files:
            found = read_term_file(Path(path))
            terms.update(found)
            for term, label in sorted(found.items()):
                digest.update(f"{term}\t{label}\n".encode())
        self.user_terms = terms
        # the alias tables are editable: an edit makes every document run again
        self.version = (self.base_version + "+a" + aliases_digest()
                        + ("+" + digest.hexdigest()[:12] if terms else ""))
        self._tables.clear()

    def prepare(self, project: Project) -> None:
        extra = project.settings.get("term_lists") or []
        files = self._explicit_files + [Path(p) for p in extra] + default_term_files()
        self._load(files)

    def table(self, lang: str) -> dict[str, tuple[str, float]]:
        """name -> (label, score) for a language: CLDR, aliases, then the user's terms."""
        table = self._tables.get(lang)
        if table is None:
            table = dict(cldr_terms(lang))
            table.update({t: (label, SCORE_ALIAS) for t, label in alias_terms(lang).items()})
            table.update({t: (label, SCORE_USER) for t, label in self.user_terms.items()})
            self._tables[lang] = table
        return table

    def _pattern(self, lang: str) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, float]]]:
        # compiling the alternation of every name takes tens of milliseconds: once per
        # (language, version) for all instances; lookup() never needs it
        key = (lang, self.version)
        pattern = _COMPILED.get(key, _MISSING)
        table = self.table(lang)
        if pattern is _MISSING:
            pattern = _COMPILED[key] = compile_terms(table)
        return pattern, table  # type: ignore[return-value]

    def lookup(self, lang: str, term: str) -> tuple[str, float] | None:
        """The label and score for an exact name, or None."""
        return self.table(lang).get(term)

    def recognize(self, doc: Document) -> list[Suggestion]:
        pattern, table = self._pattern(doc.lang or "en")
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(doc.text):
            label, score = table[m.group()]
            out.append(Suggestion(m.start(), m.end(), label, score))
        return out
