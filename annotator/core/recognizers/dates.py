"""``dates``: dates and weekdays built from CLDR data (Babel) for the document's language.

Nothing here is a hand list per language: month names (wide and abbreviated,
format and stand-alone), weekday names and the relative day/week/month/year
phrases ("kemarin", "tahun lalu", "last week") all come from CLDR. Forms found:

- ``12 September 2023``, ``30 Agustus``, ``10-13 September``, ``September 12, 2023``,
  ``September 2023``, ``Sep 12``;
- numeric ``12/9/2023``, ``12/9/23``, ``12.9.2023``, ``12-9-2023``, ``2023-09-12``
  (day and month checked: one of the first two numbers must be a month);
- a weekday alone or with its date: ``Selasa``, ``Selasa (12/9/2023)``,
  ``Tuesday, September 12``;
- a month alone (``September``) when its name is longer than three letters
  (``Mei``/``May`` alone are too ambiguous; with a number they count);
- relative phrases from CLDR, with a low score;
- from the language's ``[dates]`` table in ``resources/cues/LANG.toml`` (news
  phrases CLDR lacks): more relative phrases (``pekan lalu``), periods
  (``awal Februari``, ``akhir tahun lalu``, ``pertengahan 2023``, ``awal musim``)
  and a bare year or short month after a preposition (``pada 2025``, ``hingga
  Mei``: the year or month alone).

Matching is case-sensitive on CLDR's spelling (plus a capitalised first letter
for languages that write month names in lower case), on word boundaries.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any, Literal

from annotator.core.model import Document
from annotator.core.recognizers.base import Suggestion

log = logging.getLogger(__name__)

LABEL = "DATE"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_RANGE = r"\s*[-–—]\s*"
_B = r"(?<![\w/.-])"  # start boundary: not inside a word or a number
_E = r"(?![\w]|[/.-]\d)"  # end boundary


def _alt(names: set[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


def _variants(name: str) -> set[str]:
    name = name.strip()
    out = {name}
    if name[:1].islower():
        out.add(name[:1].upper() + name[1:])
    return out


@lru_cache(maxsize=32)
def patterns(lang: str) -> re.Pattern[str] | None:
    """The compiled date pattern for a language, or None if CLDR does not know it."""
    from annotator.core.recognizers.cldr_cache import cached

    source = cached("date_pattern", lang, lambda: _source(lang))
    return re.compile(source) if source else None


def _source(lang: str) -> str | None:
    """The date pattern's source, built from CLDR (slow: Babel loads the locale)."""
    import babel
    from babel import dates as bdates

    try:
        locale = babel.Locale.parse(lang.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError):
        log.warning("dates: CLDR has no locale %r", lang)
        return None
    wide: set[str] = set()
    every: set[str] = set()
    contexts: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")
    for context in contexts:
        for name in bdates.get_month_names("wide", context, locale).values():
            wide |= _variants(name)
        for name in bdates.get_month_names("abbreviated", context, locale).values():
            every |= _variants(name.rstrip("."))
    every |= wide
    alone = {n for n in wide if len(n) > 3}
    days: set[str] = set()
    for context in contexts:
        for name in bdates.get_day_names("wide", context, locale).values():
            days |= _variants(name)
    relative: set[str] = set()
    fields: Any = locale._data.get("date_fields", {}) if hasattr(locale, "_data") else {}
    for unit in ("day", "week", "month", "year"):
        with_rel = fields.get(unit, {}) if fields else {}
        for phrase in dict(with_rel.get("relative", {})).values():
            if phrase and not any(ch.isdigit() for ch in phrase):
                relative |= _variants(phrase)

    abbreviated = every - wide
    month = (rf"(?:{_alt(wide)}|(?:{_alt(abbreviated)})\.?)" if abbreviated
             else rf"(?:{_alt(wide)})")
    numbered = (
        rf"{_DAY}(?:{_RANGE}{_DAY})?\.?\s+{month}(?:,?\s+{_YEAR})?"  # 12 September 2023
        rf"|{month}\s+{_YEAR}"  # September 2023
        rf"|{month}\s+{_DAY}(?:{_RANGE}{_DAY})?(?:,\s*{_YEAR})?"  # September 12, 2023
    )
    def numeric(p: str) -> str:  # group names carry a prefix: the pattern uses it thrice
        return (rf"(?P<{p}1>{_DAY})(?P<{p}sep>[/.-])(?P<{p}2>{_DAY})(?P={p}sep)"
                rf"(?P<{p}y>{_YEAR}|\d\d)|{_YEAR}-(?:1[0-2]|0?[1-9])-{_DAY}")

    parts = [
        # after a weekday a bracketed day/month without a year counts too: "Rabu (6/9)"
        rf"(?P<weekday>(?:{_alt(days)})(?:,?\s*(?:\(\s*(?:{numeric('w')}|{numbered}"
        rf"|(?P<w1b>{_DAY})/(?P<w2b>{_DAY}))\s*\)"
        rf"|{numbered}|{numeric('x')}))?)",
        rf"(?P<numbered>{numbered})",
        rf"(?P<numeric>{numeric('m')})",
    ]
    if alone:
        parts.append(rf"(?P<month>{_alt(alone)})")
    if relative:
        parts.append(rf"(?P<relative>{_alt(relative)})")
    return _B + "(?:" + "|".join(parts) + ")" + _E


def _numeric_ok(first: str | None, second: str | None, year: str | None, sep: str | None) -> bool:
    if first is None or second is None:
        return True
    a, b = int(first), int(second)
    if not (a <= 12 or b <= 12):
        return False
    # dots and hyphens are also number separators: ask for a four-digit year there
    return not (sep in (".", "-") and year is not None and len(year) != 4)


def _news_source(lang: str) -> str | None:
    """The pattern of the ``[dates]`` table's phrases (None when the language has none)."""
    from annotator.core.paths import resources_dir
    from annotator.core.recognizers.stanza_propn import read_toml

    path = resources_dir() / "cues" / f"{lang.split('-')[0]}.toml"
    table = read_toml(path).get("dates", {}) if path.is_file() else {}
    if not table:
        return None
    months = _month_names(lang)
    relative = {v for w in table.get("relative", []) for v in _variants(w)}
    units = _alt({v for w in table.get("units", []) for v in _variants(w)})
    periods = _alt({v for w in table.get("periods", []) for v in _variants(w)})
    year_before = _alt({v for w in table.get("year_before", []) for v in _variants(w)})
    month = _alt(months) if months else "(?!)"
    parts = []
    if periods and units:
        # "akhir tahun lalu": the unit and a following relative word ("lalu", "ini");
        # "pertengahan bulan September" is the month alone (as the gold sets mark it)
        parts.append(rf"(?P<period>(?:{periods})\s+(?:(?:{month})(?:\s+{_YEAR})?|{_YEAR}"
                     rf"|(?:{units})(?:\s+(?:lalu|ini|depan|last|next|this))?(?!\s+(?:{month}))))")
    if relative:
        parts.append(rf"(?P<relative>{_alt(relative)})")
    if year_before:
        parts.append(rf"(?:{year_before})\s+(?P<year>{_YEAR}|{month})")
    return _B + "(?:" + "|".join(parts) + ")" + _E if parts else None


def _month_names(lang: str) -> set[str]:
    from annotator.core.recognizers.cldr_cache import cached

    def build() -> list[str]:
        import babel
        from babel import dates as bdates

        try:
            locale = babel.Locale.parse(lang.replace("-", "_"))
        except (babel.UnknownLocaleError, ValueError):
            return []
        names: set[str] = set()
        for context in ("format", "stand-alone"):
            for name in bdates.get_month_names("wide", context, locale).values():
                names |= _variants(name)
        return sorted(names)

    return set(cached("month_names", lang, build))


@lru_cache(maxsize=32)
def news_patterns(lang: str) -> re.Pattern[str] | None:
    source = _news_source(lang)
    return re.compile(source) if source else None


_SCORES = {"weekday": 0.85, "numbered": 0.9, "numeric": 0.85, "month": 0.7, "relative": 0.5}


class Dates:
    name = "dates"
    version = "1"

    def __init__(self, **_options: Any) -> None:
        pass

    def recognize(self, doc: Document) -> list[Suggestion]:
        pattern = patterns(doc.lang or "en")
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(doc.text):
            kind = m.lastgroup or "numbered"
            groups = m.groupdict()
            if not all(_numeric_ok(groups.get(p + "1"), groups.get(p + "2"),
                                   groups.get(p + "y"), groups.get(p + "sep")) for p in "wxm") \
                    or not _numeric_ok(groups.get("w1b"), groups.get("w2b"), None, "/"):
                continue
            out.append(Suggestion(m.start(), m.end(), LABEL, _SCORES.get(kind, 0.8)))
        news = news_patterns(doc.lang or "en")
        if news is None:
            return out
        extra = []
        for m in news.finditer(doc.text):
            start, end = m.span("year") if m.group("year") else m.span()
            extra.append(Suggestion(start, end, LABEL, 0.6))
        # a longer news phrase wins over a CLDR match inside it ("awal | Februari")
        kept = [s for s in out if not any(e.start <= s.start and s.end <= e.end
                                          and (e.start, e.end) != (s.start, s.end)
                                          for e in extra)]
        spans = {(s.start, s.end) for s in kept}
        kept += [e for e in extra if (e.start, e.end) not in spans
                 and not any(s.start <= e.start and e.end <= s.end for s in kept)]
        return sorted(kept, key=lambda s: s.start)
