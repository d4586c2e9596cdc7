"""``names``: people, organisations and places from capitalised runs, with no model.

For news in languages without an NER model (Indonesian) and for users without
any Stanza model. Everything comes from the text itself and from the language's
word lists (``resources/cues/LANG.toml``, tables ``[entities]`` and ``[names]``;
English lists are always added: Indonesian news cites English names), the
gazetteer (CLDR names, the alias table ``resources/aliases/LANG.toml``, the
user's term lists) and CLDR's month and weekday names (those are DATE, never a
name). No list holds the names of any corpus.

Steps, for one document:

1. Tokens, lines, sentence starts. A capitalised word at a sentence start (or
   after a quote, a colon or a dash) or in a headline (a line of title-case
   words without a final full stop) is *ambiguous*: it is not a name when it
   is a function word or appears in lower case elsewhere in the document (or,
   in Indonesian, looks derived: ``Menanggapi``, ``Pertemuan``); alone it counts
   only when it is a known name or appears capitalised mid-sentence elsewhere.
2. A dateline at the top (``JAKARTA, KOMPAS.com -``, ``KONTAN.CO.ID - MOSKOW.``,
   ``LONDON (Reuters) -``): the outlet is ORG, the city LOC.
3. Runs of capitalised words (connectors such as ``bin``/``of`` inside, ``dan``
   and a comma series inside an organisation's name, an initial or abbreviation
   with its full stop: ``M. Nasir``, ``Jl. Merdeka``), cut at other punctuation
   and at month and weekday names.
4. Each run is split into parts: a title or role (``Deputi Gubernur``,
   ``Menteri Luar Negeri``) is no entity and makes the name after it PER; a
   known name (gazetteer, alias) or an acronym is a part of its own; an ORG/LOC
   head word (``Bank``, ``Kementerian``, ``Universitas``, ``Kota``) starts a
   part that keeps what follows (``Bank Indonesia`` stays one ORG); a run that
   ends in a tail word (``... Times``, ``... Tbk``) stays whole; a name that
   stands alone elsewhere in the document splits a longer run. Between a title
   and a person, a part is the employer (ORG): ``CEO Nusa Robotika Fajar ...``.
5. Labels of the remaining parts: the words before the run (``kata X`` -> PER,
   ``kantor berita X`` -> ORG, ``aplikasi X`` -> MISC, ``kota X`` -> LOC, ``di
   X`` -> LOC, weakly), else a guess: PER for several words, ORG for one word or
   an acronym, MISC for capitalised common nouns (``Perang Dingin``).
6. Over the whole document: an acronym defined in brackets (``Bank Indonesia
   (BI)``) takes its expansion's label at every mention (and an expansion of a
   known acronym takes the acronym's label); a word of a person's full name
   alone (``Hendra`` after ``Hendra Wibisana``) is that person; the same name
   has the same label everywhere; guesses listed with known names take their
   label (``Medan, Binjai, dan Deli Serdang``).

The recognizer runs in about 2 ms per 3 kB article (bench/bench_names.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from annotator.core.model import Document
from annotator.core.recognizers.base import Suggestion
from annotator.core.recognizers.gazetteer import Gazetteer
from annotator.core.recognizers.names_lexicon import (
    Tok,
    is_abbreviation,
    lexicon,
    mark_positions,
    tokenize,
)

if TYPE_CHECKING:
    from annotator.core.store import Project

SCORE_DATELINE = 0.7
SCORE_DEFINED = 0.7
SCORE_HEAD = 0.65
SCORE_TITLE = 0.65
SCORE_CUE = 0.55
SCORE_MENTION = 0.55
SCORE_WEAK = 0.45
SCORE_GUESS = 0.4
SCORE_ACRONYM = 0.4
STRONG = 0.5  # a label at or above this is not overridden by document-level rules

_DATELINE = re.compile(
    r"(?P<city1>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?, )?"
    r"(?P<outlet>[A-Za-z0-9]+(?:\.[A-Za-z]+)+|[A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]+){0,2})"
    r"(?:, (?P<city2>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?))?"
    r" ?[-–—] ?(?:(?P<city3>[A-Z][A-Z]+(?: [A-Z][A-Z]+)?)\. )?(?=\S)")
# "LONDON (Reuters) -", "Jakarta (ANTARA) -"
_DATELINE_BRACKET = re.compile(
    r"(?P<city1>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) \((?P<outlet>[A-Za-z0-9][\w.]*"
    r"(?: [A-Z][\w.]*){0,2})\)(?P<city2>)(?P<city3>) ?[-–—] ?(?=\S)")
# inside a name that starts with a head word: "Kementerian Komunikasi dan Informatika"
_HEAD_CONNECTORS = {"dan", "&", "and"}
_LIST_GLUE = {",", "dan", "serta", "atau", "and", "or", "&"}
_ID_PREFIX = re.compile(r"^(?:me|mem|men|meng|meny|ber|ter|di|per|pe|pem|pen|peng|ke|se)")
_ID_SUFFIX = re.compile(r"(?:kan|nya|lah|kah|an|i)$")


# --- the recognizer ---------------------------------------------------------------------

@dataclass(slots=True)
class Part:
    first: int  # token indices into the document, inclusive
    last: int
    label: str
    score: float
    run: int  # the run it came from


class Names:
    """The recognizer. ``accepted=False`` leaves the project's accepted labels out
    (the window's first view: its cost must not grow with the project)."""

    name = "names"
    base_version = "1"

    def __init__(self, accepted: bool = True, **options: Any) -> None:
        self.gazetteer = Gazetteer(**options)
        self.use_accepted = accepted
        # what annotators accepted elsewhere in the project (text -> (label, share)):
        # a part with exactly that text takes that label, so a decision made in one
        # document reaches the others although names outranks the dictionary
        self.accepted: dict[str, tuple[str, float]] = {}
        self._accepted_version = ""
        self.version = self._version()

    def _version(self) -> str:
        return f"{self.base_version}+g{self.gazetteer.version}{self._accepted_version}"

    def prepare(self, project: Project) -> None:
        self.gazetteer.prepare(project)
        if self.use_accepted:
            from annotator.core.recognizers.dictionary import Dictionary

            table = Dictionary()
            table.prepare(project)
            self.accepted = table.table
            self._accepted_version = f"+d{table.version}" if table.table else ""
        self.version = self._version()

    def recognize(self, doc: Document) -> list[Suggestion]:
        return _Document(doc.text, doc.lang or "en", self.gazetteer,
                         self.accepted).suggestions()


class _Document:
    """The state of one document's recognition."""

    def __init__(self, text: str, lang: str, gazetteer: Gazetteer,
                 accepted: dict[str, tuple[str, float]] | None = None) -> None:
        self.accepted = accepted or {}
        self.text = text
        self.lang = lang
        self.gazetteer = gazetteer
        self.lex = lexicon(lang)
        self.toks = self._split_hyphens(tokenize(text))
        mark_positions(text, self.toks, self.lex)
        self.lower_seen = {t.text for t in self.toks if t.text.islower()}
        self.mid_caps = Counter(t.text for t in self.toks
                                if t.cap and not t.initial and not t.headline)
        self.lowered = [t.text.lower() for t in self.toks]
        self._kinds: list[str | None] = [None] * len(self.toks)
        self.doc_names: set[tuple[str, ...]] = set()  # multi-word runs
        self.alone: set[str] = set()  # one-word runs, not at a sentence start
        self.run_words: list[tuple[str, ...]] = []  # every run, lower case
        self.bracketed: set[str] = set()  # one word in brackets: "(Bapanas)", "(CISSReC)"

    # --- helpers -----------------------------------------------------------------------

    def _split_hyphens(self, toks: list[Tok]) -> list[Tok]:
        """"Selatan-AS-Jepang" is three names when a part is a known name."""
        out: list[Tok] = []
        for tok in toks:
            pieces = tok.text.split("-")
            if len(pieces) < 2 or not tok.cap or not all(p[:1].isupper() for p in pieces) \
                    or not any(self.gazetteer.lookup(self.lang, p) for p in pieces):
                out.append(tok)
                continue
            at = tok.start
            for k, piece in enumerate(pieces):
                if k:
                    out.append(Tok(at, at + 1, "-", False, False, line=tok.line))
                    at += 1
                letters = [ch for ch in piece if ch.isalpha()]
                out.append(Tok(at, at + len(piece), piece, True,
                               len(letters) >= 2 and all(ch.isupper() for ch in letters),
                               line=tok.line))
                at += len(piece)
        return out

    def known(self, first: int, last: int) -> tuple[str, float] | None:
        return self.gazetteer.lookup(self.lang, self.text[self.toks[first].start:
                                                          self.toks[last].end])

    def known_at(self, i: int, stop: int) -> int | None:
        """The last token of the longest known name starting at token i (up to ``stop``).
        A MISC name ("Ramadhan", a holiday) is also a person's name: it counts only
        as the whole run, never inside one ("Fajar Ramadhan")."""
        for j in range(min(stop, i + 5, len(self.toks) - 1), i - 1, -1):
            found = self.known(i, j)
            if found is not None and found[0] != "MISC":
                return j
        return None

    def _common(self, tok: Tok) -> bool:
        low = tok.text.lower()
        if low in self.lex.function_words or low in self.lower_seen:
            return True
        return (self.lex.derived_words and len(low) >= 6 and not tok.acronym
                and ((len(low) >= 8 and _ID_PREFIX.match(low) is not None)
                     or (_ID_PREFIX.match(low) is not None and _ID_SUFFIX.search(low) is not None)))

    def _trusted(self, i: int) -> bool:
        tok = self.toks[i]
        return tok.text in self.mid_caps or self.known(i, i) is not None

    def name_like(self, i: int) -> str:
        """'yes', 'maybe' (an ambiguous word that needs company), 'inner' (only inside
        a run: a capitalised function word, "Menteri Luar Negeri") or 'no'."""
        kind = self._kinds[i]
        if kind is None:
            kind = self._kinds[i] = self._name_like(i)
        return kind

    def _name_like(self, i: int) -> str:
        tok = self.toks[i]
        if not tok.cap or self.lowered[i] in self.lex.date_words \
                or ((tok.acronym or tok.text[1:].lower() != tok.text[1:])
                    and self.lowered[i] in self.lex.common_acronyms):
            return "no"  # "UMKM", "PPh": a common noun's abbreviation
        if self.lowered[i] in self.lex.function_words and not tok.acronym:
            if self.lowered[i] == "the" and self.lang != "en" and not tok.initial \
                    and i + 1 < len(self.toks) and self.toks[i + 1].cap:
                return "yes"  # an English name in other news: "The Fed", "The Jakarta Post"
            return "inner" if not (tok.initial or tok.headline) else "no"
        if tok.headline:
            return "yes" if tok.acronym or self._trusted(i) else "no"
        if tok.initial:
            if self._trusted(i) or self._after_byline(i):
                return "yes"
            nxt = i + 1 < len(self.toks) and self.toks[i + 1].cap \
                and self.toks[i + 1].line == tok.line
            if nxt and self._cue_word(i):
                return "yes"  # "Bank Indonesia ...", "Deputi Gubernur ...": split() reads it
            if self._common(tok):
                return "no"
            if nxt and (self.toks[i + 1].acronym or self._cue_word(i + 1)
                        or self.known(i + 1, i + 1) is not None
                        or self.mid_caps[self.toks[i + 1].text] >= 2):
                # "Prakirawan BMKG ...", "Delegasi Kim ...": the name starts at the next
                # word (it stands elsewhere without this one)
                return "no"
            return "maybe"
        return "yes"

    def _after_byline(self, i: int) -> bool:
        """Right after "Editor:", "Penulis :": the name of a person, not a sentence start."""
        return i >= 2 and self.toks[i - 1].text == ":" and self.lowered[i - 2] in self.lex.byline

    def _cue_word(self, i: int) -> bool:
        """A title or an ORG/LOC/MISC head word."""
        one = self.lowered[i:i + 1]
        return (self.lex.titles.match_start(one) is not None
                or self.lex.heads.match_start(one) is not None)

    # --- the steps ----------------------------------------------------------------------

    def suggestions(self) -> list[Suggestion]:
        taken: set[int] = set()
        out: list[Part] = self.dateline(taken)
        runs = self.runs(taken)
        self.doc_names = {tuple(self.lowered[a:b + 1]) for a, b in runs if b > a
                          and not any(self._cue_word(k) for k in range(a, b + 1))}
        self.alone = {self.toks[a].text for a, b in runs if a == b and not self.toks[a].initial}
        self.run_words = [tuple(self.lowered[a:b + 1]) for a, b in runs]
        self.bracketed = {self.toks[a].text for a, b in runs if a == b and a > 0
                          and self.toks[a - 1].text == "(" and a + 1 < len(self.toks)
                          and self.toks[a + 1].text == ")"}
        for k, (first, last) in enumerate(runs):
            out.extend(self.split(first, last, k))
        self.document_rules(out)
        self._numbered_events(out)
        for p in out:  # a decision annotators made elsewhere wins over every guess here
            decided = self.accepted.get(self.text[self.toks[p.first].start:self.toks[p.last].end])
            if decided is not None:
                p.label, p.score = decided[0], max(p.score, 0.5 + 0.45 * decided[1])
        return [Suggestion(self.toks[p.first].start, self.toks[p.last].end, p.label,
                           round(p.score, 4)) for p in out]

    def dateline(self, taken: set[int]) -> list[Part]:
        parts: list[Part] = []
        line_start = 0
        for _ in range(3):  # the dateline is on one of the first lines
            m = _DATELINE.match(self.text, line_start) \
                or _DATELINE_BRACKET.match(self.text, line_start)
            if m is not None and (m.group("city1") or m.group("city2") or m.group("city3")
                                  or "." in m.group("outlet")
                                  or not m.group("outlet").istitle()):
                for group, label in (("city1", "LOC"), ("outlet", "ORG"), ("city2", "LOC"),
                                     ("city3", "LOC")):
                    if m.group(group):
                        start, end = m.span(group)
                        while self.text[end - 1] in ", ":
                            end -= 1
                        idx = [i for i, t in enumerate(self.toks) if start <= t.start < end]
                        if idx:
                            taken.update(idx)
                            parts.append(Part(idx[0], idx[-1], label, SCORE_DATELINE, -1))
                return parts
            nl = self.text.find("\n", line_start)
            if nl < 0:
                break
            line_start = nl + 1
        return parts

    def runs(self, taken: set[int]) -> list[tuple[int, int]]:
        runs: list[tuple[int, int]] = []
        n = len(self.toks)
        i = 0
        while i < n:
            kind = "no" if i in taken else self.name_like(i)
            if kind in ("no", "inner"):
                i += 1
                continue
            first = last = i
            j = i + 1
            while j < n and self.toks[j].line == self.toks[last].line:
                if j not in taken and self.name_like(j) == "yes":
                    last = j
                    j += 1
                elif self._joins(first, j, taken):
                    last = j + 1
                    j += 2
                elif (self.toks[j].text == "," and j + 2 < n
                      and self.lowered[j + 1] in _HEAD_CONNECTORS and self._joins(first, j, taken)
                      is False and self._in_series(first, j)):
                    last = j + 2  # the ", dan Geofisika" that ends the series
                    j += 3
                else:
                    break
            if kind == "maybe" and first == last:
                i = last + 1
                continue  # an unknown capitalised word alone at a sentence start
            if first == last and (len(self.toks[first].text) == 1 or (
                    first > 0 and self.lowered[first - 1] in self.lex.no_name_after)
                    or (self.toks[first - 1].text == "("
                        and self.lex.tails.match_start(self.lowered[first:first + 1]))):
                i = last + 1
                continue  # "kunci letter T", "tersangka berinisial RS": no name
            runs.append((first, last))
            i = last + 1
        return runs

    def _joins(self, first: int, j: int, taken: set[int]) -> bool:
        """Token j glues the run starting at ``first`` to the name word after it:
        a capitalised function word ("Menteri Luar Negeri"), a connector ("bin",
        "of"), "dan" inside an organisation ("Kementerian Komunikasi dan Informatika")."""
        nxt = j + 1
        if nxt >= len(self.toks) or nxt in taken or self.toks[nxt].line != self.toks[j].line \
                or self.name_like(nxt) != "yes":
            return False
        word = self.lowered[j]
        if self.name_like(j) == "inner":
            return True
        if word == "." and is_abbreviation(self.toks[j - 1].text, self.lex) \
                and self.toks[j].start == self.toks[j - 1].end:
            return True  # "M. Nasir", "Dr. Siti", "Jl. Merdeka"
        in_org = self._org_head_in(first, j)
        if word == "," and in_org:
            return self._comma_series(j)  # "Badan Meteorologi, Klimatologi, dan Geofisika"
        if word in _HEAD_CONNECTORS and in_org:
            # ... unless another name starts after it: "Universitas X dan PT Y"
            return not (self._cue_word(nxt) or self.toks[nxt].acronym
                        or self.known_at(nxt, nxt + 4) is not None)
        return word in self.lex.connectors and self.toks[j].text.islower()

    def _in_series(self, first: int, j: int) -> bool:
        """", dan X" closes a series opened inside this organisation's name."""
        return (self._org_head_in(first, j) and "," in self.lowered[first:j]
                and self.toks[j + 2].cap and self.name_like(j + 2) == "yes")

    def _org_head_in(self, first: int, j: int) -> bool:
        """An organisation's head word ("Badan", "Kementerian") in tokens first..j-1."""
        for k in range(first, j):
            head = self.lex.heads.match_start(self.lowered[k:k + 1])
            if head is not None and head[0] == "ORG":
                return True
        return False

    def _comma_series(self, j: int) -> bool:
        """Token j (a comma) is inside "A, B, dan C": capitalised words and commas up
        to "dan"/"and" and a last capitalised word, on one line."""
        k = j + 1
        while k + 1 < len(self.toks) and self.toks[k].cap and not self.toks[k].acronym:
            nxt = self.lowered[k + 1]
            if nxt in _HEAD_CONNECTORS:
                return k + 2 < len(self.toks) and self.toks[k + 2].cap
            if nxt != ",":
                return False
            if k + 3 < len(self.toks) and self.lowered[k + 2] in _HEAD_CONNECTORS:
                return self.toks[k + 3].cap  # "A, B, dan C"
            k += 2
        return False

    def split(self, first: int, last: int, run: int) -> list[Part]:
        lex = self.lex
        words = self.lowered
        parts: list[Part] = []
        whole = self.known(first, last)
        if whole is not None:
            return [Part(first, last, whole[0], whole[1], run)]
        has_title = any(lex.titles.match_start(words[k:last + 1]) for k in range(first, last + 1))
        if not has_title and last > first and lex.tails.match_end(words[first:last + 1]):
            label = lex.tails.match_end(words[first:last + 1]) or "ORG"
            whole = self.known(first, last)
            return [Part(first, last, whole[0] if whole else label,
                         whole[1] if whole else SCORE_HEAD, run)]
        after_title = self._title_before(first)
        i = first
        while i <= last:
            title = lex.titles.match_start(words[i:last + 1])
            if title is not None and self.known(i, i) is None:
                i += title[1]
                while i <= last and words[i] == ".":
                    i += 1  # "Prof. | Dr. | Siti"
                while i <= last and (words[i] in lex.role_words or self._derived_noun(i)
                                     or (words[i] in lex.function_words and i < last
                                         and self._derived_noun(i + 1))) \
                        and self.known_at(i, last) is None:
                    head = lex.heads.match_start(words[i:i + 1])
                    if i < last and head is not None and head[0] == "ORG" \
                            and words[i + 1] not in lex.role_words \
                            and words[i + 1] not in lex.function_words:
                        break  # "Ketua | Koperasi Tani Makmur", not "Menteri Koperasi dan UKM"
                    i += 1
                after_title = True
                continue
            head = lex.heads.match_start(words[i:last + 1])
            if head is not None and i + head[1] <= last and not (
                    after_title and i > first
                    and lex.titles.match_start(words[i + head[1]:last + 1]) is not None):
                # not "Kapolres Metro Bekasi Kota | Kombes Andi" (a rank ends the post),
                # but "Jalan Mayjen Sungkono", "Direktorat Jenderal X"
                j = self.head_end(i + head[1], last)
                place = self.known_at(i + head[1], last) if after_title and j == last else None
                if place is not None and last - place >= 2 \
                        and (self.known(i + head[1], place) or ("", 0.0))[0] == "LOC":
                    j = place  # "Rektor Universitas Nusantara | Ari ...", "Timnas Indonesia | X"
                cut, employer = (self._employer_cut(i, j, run) if after_title and j == last
                                 else (None, "ORG"))
                if cut is not None:  # "Ketua Partai X Y | Budi Santoso" (Partai X Y elsewhere)
                    parts.append(Part(i, cut - 1, employer, SCORE_CUE, run))
                    parts.append(Part(cut, j, "PER", SCORE_TITLE, run))
                    i = j + 1
                    continue
                whole = self.known(i, j)
                parts.append(Part(i, j, whole[0] if whole else head[0],
                                  max(SCORE_HEAD, whole[1] if whole else 0.0), run))
                i = j + 1
                continue
            end = self.known_at(i, last)
            if end is None:
                other = self.doc_name_at(i, last, (first, last))
                if other is not None and after_title and last - i <= 3 and not any(
                        self._part_starts(k, last) for k in range(other + 1, last + 1)):
                    other = None  # "Menteri Sri Mulyani Indrawati" ... "Sri Mulyani": one person
                if other is not None:  # "Nusa Robotika | Fajar Ramadhan"
                    label, score = (("PER", SCORE_TITLE) if after_title
                                    else self.context_label(first, i, other))
                    parts.append(Part(i, other, label, score, run))
                    i = other + 1
                    continue
            if end is not None:
                label, score = self.known(i, end) or ("LOC", SCORE_GUESS)
                parts.append(Part(i, end, label, score, run))
                i = end + 1
                continue
            if self.toks[i].acronym:
                end = i
                while end < last and self._org_acronym(end + 1):
                    end += 1  # "PP PBSI", "DPP PKB": one organisation
                parts.append(Part(i, end, "ORG", SCORE_ACRONYM, run))
                i = end + 1
                continue
            j = i
            while j + 1 <= last and not self._part_starts(j + 1, last):
                j += 1
            whole = self.known(j + 1, last) if j < last else None
            if not after_title and i == first and whole is not None and whole[0] == "LOC":
                # "Palang Merah Indonesia": a name ending in a country is one organisation
                parts.append(Part(i, last, "ORG", SCORE_GUESS, run))
                break
            cut, employer = self._employer_cut(i, j, run) if after_title else (None, "ORG")
            if cut is not None:  # "Pelatih Persib | Bojan Hodak" ... "Persib", "Hodak"
                parts.append(Part(i, cut - 1, employer, SCORE_CUE, run))
                parts.append(Part(cut, j, "PER", SCORE_TITLE, run))
            elif self._only_cue_words(i, j):
                pass  # "Lembaga", "Rakyat": a head or role word alone is no name
            elif after_title:
                parts.append(Part(i, j, "PER", SCORE_TITLE, run))
            else:
                label, score = self.context_label(first, i, j)
                if score <= SCORE_GUESS and self._common_words(i, j):
                    # a capitalised common noun: an event, a war, a forum ("Perang Dingin")
                    if j > i:
                        parts.append(Part(i, j, "MISC", SCORE_GUESS, run))
                elif score <= SCORE_GUESS and i == j:
                    # one unknown word that no full name introduced: a company, a
                    # brand, an agency more often than a person (people are named in
                    # full first, then the short mention rule makes them PER)
                    parts.append(Part(i, j, "ORG", SCORE_GUESS, run))
                else:
                    parts.append(Part(i, j, label, score, run))
            i = j + 1
        titled = [p for p in parts if p.label == "PER" and p.score == SCORE_TITLE]
        for p in titled[:-1]:  # "CEO Nusa Robotika Fajar Ramadhan": the employer, then the person
            p.label, p.score = "ORG", SCORE_CUE
            if p.first == p.last and self.lex.titles.match_start(words[p.last + 1:last + 1]):
                parts.remove(p)  # "Kapolda Metro Jaya | Irjen ...": a word of the post
        return parts

    def _title_before(self, first: int) -> bool:
        """The run follows a title in lower case: "manajer operasional X", "juru bicara X"."""
        k = first
        while k > 0 and self.lowered[k - 1] in self.lex.role_words \
                and self.toks[k - 1].text.islower():
            k -= 1
        lo = max(0, k - self.lex.longest_before)
        before = [w for w, t in zip(self.lowered[lo:k], self.toks[lo:k], strict=True)
                  if t.line == self.toks[first].line]
        return bool(before) and self.lex.titles.match_end(before) is not None

    def doc_name_at(self, i: int, last: int, run: tuple[int, int]) -> int | None:
        """The end of a name that stands alone elsewhere in the document, starting at i."""
        for j in range(min(last, i + 5), i, -1):
            if (i, j) != run and tuple(self.lowered[i:j + 1]) in self.doc_names:
                return j
        return None

    def _employer_cut(self, i: int, j: int, run: int) -> tuple[int | None, str]:
        """Where a name after a title splits into an employer and a person (who keeps
        two words), and the employer's label. The employer stands alone elsewhere in
        the document or ends in an organisation word ("... Sekuritas") and the
        person's first or last word is a short mention elsewhere; or, with no such
        mention, the employer is surely no person: a word defined in brackets
        ("Kepala Bapanas | Arief ...") or a part of a longer name elsewhere
        ("PT Sumber Tani Makmur Tbk" ... "Sekretaris Perusahaan Sumber Tani Makmur |
        Diana ..."); after "Kabupaten X" elsewhere, "Bupati X | ..." is a place."""
        for cut in range(i + 1, j):
            employer = tuple(self.lowered[i:cut])
            org_like = (employer in self.doc_names
                        or (cut == i + 1 and self.toks[i].text in self.alone)
                        or (cut > i + 1 and self.lex.tails.match_end(list(employer)) == "ORG"))
            if org_like and (self.toks[j].text in self.alone
                             or self.toks[cut].text in self.alone):
                return cut, "ORG"
            if cut == i + 1 and self.toks[i].text in self.bracketed:
                return cut, "ORG"
        for cut in range(j, i + 1, -1):  # the longest employer first
            if cut == j and not any(self.toks[k].acronym or self._cue_word(k)
                                    for k in range(i, cut)):
                continue  # a one-word person only after a surely organisational employer
            label = self._inside_longer_run(tuple(self.lowered[i:cut]), run)
            if label is not None:
                return cut, label
        return None, "ORG"

    def _inside_longer_run(self, words: tuple[str, ...], run: int) -> str | None:
        """The label of ``words`` when they are another run of the document or a part
        of one: LOC after or with a place's head word ("Kabupaten X"), else ORG."""
        n = len(words)
        for index, other in enumerate(self.run_words):
            if index == run or len(other) < n:
                continue
            for k in range(len(other) - n + 1):
                if other[k:k + n] == words:
                    head = (self.lex.heads.match_end(list(other[:k])) if k
                            else (self.lex.heads.match_start(list(words)) or ("ORG", 0))[0])
                    return "LOC" if head == "LOC" else "ORG"
        return None

    def _org_acronym(self, k: int) -> bool:
        """An acronym that is not a known place ("PBSI" yes, "AS" no)."""
        known = self.known(k, k)
        return self.toks[k].acronym and (known is None or known[0] == "ORG")

    def _derived_noun(self, k: int) -> bool:
        """An Indonesian derived noun ("Pembinaan", "Pemberantasan", "Kesehatan"):
        a portfolio inside a title, not a name."""
        word = self.lowered[k]
        return (self.lex.derived_words and len(word) >= 8 and word.endswith("an")
                and word.startswith(("pem", "pen", "peng", "per", "pe", "ke")))

    def _only_cue_words(self, i: int, j: int) -> bool:
        lex = self.lex
        return all(w in lex.role_words or w in lex.function_words
                   or lex.heads.match_start([w]) is not None
                   or lex.titles.match_start([w]) is not None for w in self.lowered[i:j + 1])

    def _common_words(self, i: int, j: int) -> bool:
        """Some word of tokens i..j appears in lower case in the document."""
        return any(w in self.lower_seen and w not in self.lex.connectors
                   for w in self.lowered[i:j + 1])

    def _part_starts(self, k: int, last: int) -> bool:
        lex = self.lex
        if self.toks[k].acronym or self.known_at(k, last) is not None:
            return True
        if lex.titles.match_start(self.lowered[k:last + 1]) is not None:
            return True
        head = lex.heads.match_start(self.lowered[k:last + 1])
        return head is not None and k + head[1] <= last

    def head_end(self, k: int, last: int) -> int:
        """The last token of an ORG/LOC name that began with a head word before ``k``."""
        lex = self.lex
        j = k
        while j < last:
            nxt = j + 1
            if lex.titles.match_start(self.lowered[nxt:last + 1]) is not None \
                    and self.known(nxt, nxt) is None:
                break
            if lex.tails.match_end(self.lowered[k:j + 1]) is not None:
                break  # "PT Maju Jaya Tbk | Budi ..."
            if nxt < last and nxt > k and self.toks[nxt].text in self.alone \
                    and self.known_at(nxt, last) is None:
                break  # "Universitas Negeri X | Teguh Yuwono" when "Teguh" stands alone later
            j = nxt
        return j

    def context_label(self, run_first: int, first: int, last: int) -> tuple[str, float]:
        """The label of a part with no title, head or known name, from the words before."""
        lex = self.lex
        if first == run_first:
            k = first - 1
            if k >= 1 and self.toks[k].text == ":" and self.lowered[k - 1] in lex.byline:
                return "PER", SCORE_CUE
            lo = first
            while (lo > 0 and first - lo < lex.longest_before
                   and self.toks[lo - 1].text[0].isalpha()
                   and self.toks[lo - 1].line == self.toks[first].line):
                lo -= 1
            before = self.lowered[lo:first]
            label = lex.before.match_end(before)
            if label is not None:
                return label, SCORE_CUE
            label = lex.weak_before.match_end(before)
            if label is not None:
                return label, SCORE_WEAK
        if self.lowered[first] == "the":
            return "ORG", SCORE_GUESS  # English names with "The" in other news: institutions
        return "PER", SCORE_GUESS

    def document_rules(self, parts: list[Part]) -> None:
        """Bracketed acronyms and short mentions of people, over the whole document."""
        defined: dict[str, tuple[str, float]] = {}
        ordered = sorted(parts, key=lambda p: p.first)
        for a, b in pairwise(ordered):
            if a.run < 0 or b.run < 0:
                continue  # a dateline's "LONDON (Reuters)" defines nothing
            if not ((b.first == b.last or a.first == a.last) and a.last + 2 == b.first
                    and self.toks[a.last + 1].text == "(" and b.last + 1 < len(self.toks)
                    and self.toks[b.last + 1].text == ")"):
                continue
            short, long_ = ((b, a) if b.first == b.last and (self.toks[b.first].acronym
                                                           or a.last > a.first) else (a, b))
            # "(CISSReC)": several capitals make an acronym too
            acronym = self.toks[short.first].acronym \
                or sum(ch.isupper() for ch in self.toks[short.first].text) >= 3
            if long_.score < STRONG and short.score >= STRONG:
                long_.label, long_.score = short.label, SCORE_DEFINED
            elif acronym and (long_.score < STRONG or long_.label == "PER"):
                # people are not given acronyms in brackets: an organisation
                long_.label, long_.score = "ORG", SCORE_GUESS + 0.05
            defined[self.toks[short.first].text] = (long_.label, max(long_.score, SCORE_DEFINED))
        person_words: set[str] = set()
        for p in parts:
            if p.label == "PER" and p.last > p.first and p.score >= SCORE_GUESS:
                person_words.update(self.toks[k].text for k in range(p.first, p.last + 1)
                                    if self.toks[k].cap)
        self._coordinated(ordered)
        for p in parts:
            if p.first == p.last and self.toks[p.first].text in defined:
                label, score = defined[self.toks[p.first].text]
                if p.score <= score:
                    p.label, p.score = label, score
            elif p.score < STRONG and p.first == p.last and all(self.toks[k].text in person_words
                                          for k in range(p.first, p.last + 1)
                                          if self.toks[k].cap):
                p.label, p.score = "PER", SCORE_MENTION

        strongest: dict[str, Part] = {}
        for p in parts:  # the same name gets the same label everywhere in the document
            key = self.text[self.toks[p.first].start:self.toks[p.last].end]
            if key not in strongest or p.score > strongest[key].score:
                strongest[key] = p
        for p in parts:
            best = strongest[self.text[self.toks[p.first].start:self.toks[p.last].end]]
            if p.score < STRONG <= best.score:
                p.label, p.score = best.label, SCORE_MENTION

    def _numbered_events(self, parts: list[Part]) -> None:
        """A name right before a year is an event or an edition ("Piala Dunia 2030",
        "Kejuaraan X 2027"); an event's name takes a small number too ("Liga 2")."""
        n = len(self.toks)
        for p in parts:
            k = p.last + 1
            if k >= n or self.toks[k].line != self.toks[p.last].line \
                    or self.toks[k].start != self.toks[p.last].end + 1 \
                    or not self.toks[k].text.isdigit() or p.label in ("LOC", "DATE"):
                continue
            number = self.toks[k].text
            if (len(number) == 4 and number[:2] in ("19", "20")) \
                    or (p.label == "MISC" and len(number) <= 2):
                p.last, p.label, p.score = k, "MISC", max(p.score, SCORE_HEAD)

    def _coordinated(self, ordered: list[Part]) -> None:
        """"Medan, Binjai, dan Deli Serdang": a guessed name listed with known names
        of one label takes that label."""
        groups: list[list[Part]] = []
        conjoined: list[bool] = []
        for k, part in enumerate(ordered):
            between = self.lowered[ordered[k - 1].last + 1:part.first] if k else []
            if k and between and all(w in _LIST_GLUE for w in between):
                groups[-1].append(part)
                conjoined[-1] = conjoined[-1] or any(w != "," for w in between)
            else:
                groups.append([part])
                conjoined.append(False)
        for group, has_conjunction in zip(groups, conjoined, strict=True):
            if not has_conjunction:
                continue  # "Rusia, Wagner": an apposition, not a list
            labels = {p.label for p in group if p.score >= STRONG}
            if len(labels) == 1 and "PER" not in labels:
                for p in group:
                    if p.score < STRONG:
                        p.label, p.score = next(iter(labels)), SCORE_WEAK
            elif not labels and any(p.label == "PER" and p.last > p.first for p in group):
                for p in group:  # "Syahrul dan Dedi Irawan": people listed with people
                    if p.first == p.last and p.label == "ORG" and p.score <= SCORE_GUESS:
                        p.label = "PER"


def recognize_text(text: str, lang: str, gazetteer: Gazetteer | None = None
                   ) -> list[Suggestion]:
    """The suggestions for a bare text (tests, benchmarks)."""
    return _Document(text, lang, gazetteer or Gazetteer()).suggestions()


def spans_text(text: str, suggestions: Sequence[Suggestion]) -> list[tuple[str, str]]:
    """(text, label) pairs, in order: for reading results."""
    return [(text[s.start:s.end], s.label) for s in sorted(suggestions, key=lambda s: s.start)]
