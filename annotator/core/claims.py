"""The claim recognizer: attributed claims from reporting cues and quotation marks.

Mechanics are language-neutral; the words come from ``resources/cues/LANG.toml``
(table ``[claims]``). Everything is deterministic and works on the document's
tokens and sentences (Stanza's where a Stanza recognizer ran, else the fallback).

What becomes a claim (all ``status='suggested'``, ``source='claims'``):

- **Direct quote**: a quotation (``"…"``, ``“…”``, ``‘…’``, ``«…»``, ``„…“``) with a
  cue right after it in the same sentence (``"…," kata X``, ``"…," X said``) or
  right before it (``X said: "…"``). The claim span is the quoted text without the
  quotation marks and without a trailing comma; ``quote='direct'``.
  A quotation standing alone as a paragraph right after an attributed quote
  continues that speaker's quote (lower score).
- **Indirect**: a cue outside quotations. With a complementizer (``bahwa``,
  ``that``) the claim is the clause after it, up to the end of the sentence;
  after a comma (``…, kata X.`` / ``…, X said.``) it is the sentence up to that
  comma; ``source`` cues (``menurut X, …``, ``according to X, …``) take the part of
  the sentence on the other side of the comma; otherwise the rest of the sentence
  after the verb. ``hearsay`` cues (``dikabarkan``, ``reportedly``) make the whole
  sentence a claim with no claimant. ``quote='indirect'``.

The claimant is the nearest PER entity in the speaker's phrase next to the cue
(a person named with an affiliation, "juru bicara NSC Andrienne Watson", is the
speaker), else the nearest ORG, else the phrase itself as free text ("sumber
tersebut"). A pronoun or an empty phrase (``katanya``, ``he said``) is resolved
to the nearest PER/ORG before the cue in the same or the two previous sentences.

Labels: the cue's label hint (DENIAL, OPINION, PREDICTION), else PREDICTION when
the claim holds a future marker, else the language's ``default_label``.
Stance: the cue's stance hint, else ``questions`` for a claim ending in ``?``.
"""

from __future__ import annotations

import bisect
import functools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.commands import MachineWrite
from annotator.core.model import (
    AnnotatorError,
    Claim,
    Document,
    EntitySpan,
    Offsets,
    QuoteKind,
    SpanStatus,
    Stance,
)
from annotator.core.paths import resources_dir
from annotator.core.text import split_sentences, tokenize

if TYPE_CHECKING:
    from annotator.core.store import Project

NAME = "claims"
VERSION = "1"
SPEAKER_LABELS = ("PER", "ORG")

# Opening mark -> closing marks. The straight double quote closes itself.
_QUOTES: dict[str, str] = {'"': '"', "“": "”", "‘": "’", "«": "»", "„": "“”", "‹": "›"}
_MAX_GAP_AFTER = 6  # word tokens between a closing quote and its cue ('"…," the minister said')
_MAX_GAP_BEFORE = 3  # word tokens between a cue and an opening quote ('kata dia, "…"')
_MAX_FREE_TEXT = 8  # words of a free-text claimant
_MIN_WORDS = 3  # a claim has at least this many words
_STRIP = " \t\n,;:.-–—"
_CLAUSE_BREAKS = ",;:\"“”«»„"

SCORES = {"direct": 0.85, "continued": 0.45, "complement": 0.75, "inverted": 0.7,
          "source": 0.7, "verb": 0.5, "hearsay": 0.35}


# --- cue data -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    kind: str = "verb"  # verb | source | hearsay
    stance: str = Stance.ASSERTS.value
    label: str | None = None
    inverted: bool = False


@dataclass(frozen=True, slots=True)
class CueLexicon:
    lang: str
    cues: dict[str, tuple[Cue, ...]]  # first word -> cues starting with it (longest first)
    complementizers: frozenset[str]
    future_markers: tuple[tuple[str, ...], ...]
    pronouns: frozenset[str]
    trim: frozenset[str]
    default_label: str


def cue_file(lang: str, folder: Path | None = None) -> Path:
    return (folder or resources_dir() / "cues") / f"{lang}.toml"


def load_cues(lang: str, folder: Path | None = None) -> CueLexicon | None:
    """The ``[claims]`` cue table for a language, or None when it has none."""
    return _load_cues(_base_lang(lang), str(folder) if folder else None)


@functools.lru_cache(maxsize=16)
def _load_cues(lang: str, folder: str | None) -> CueLexicon | None:
    path = cue_file(lang, Path(folder) if folder else None)
    if not lang or not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AnnotatorError(f"{path}: cannot read the cue list ({exc})") from None
    table = data.get("claims")
    if table is None:
        return None
    try:
        by_first: dict[str, list[Cue]] = {}
        for i, group in enumerate(table.get("cues", []), 1):
            kind = str(group.get("kind", "verb"))
            if kind not in ("verb", "source", "hearsay"):
                raise ValueError(f"cue group {i}: unknown kind {kind!r}")
            stance = Stance(str(group.get("stance", Stance.ASSERTS.value))).value
            label = group.get("label")
            for entry in group["words"]:
                words = tuple(_words(str(entry)))
                if not words:
                    continue
                cue = Cue(words, kind, stance, str(label) if label else None,
                          bool(group.get("inverted", False)))
                by_first.setdefault(words[0], []).append(cue)
        return CueLexicon(
            lang=lang,
            cues={k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in by_first.items()},
            complementizers=frozenset(w.lower() for w in table.get("complementizers", [])),
            future_markers=tuple(tuple(_words(str(m))) for m in table.get("future_markers", [])),
            pronouns=frozenset(w.lower() for w in table.get("pronouns", [])),
            trim=frozenset(w.lower() for w in table.get("speaker_trim", [])),
            default_label=str(table.get("default_label", "CHECKWORTHY")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise AnnotatorError(f"{path}: malformed [claims] table ({exc})") from None


def _base_lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def _words(text: str) -> list[str]:
    return [text[s:e].lower() for s, e in tokenize(text)]


# --- the document as words ------------------------------------------------------

@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    tok: int  # index of the cue's first token
    tok_end: int  # index after its last token
    cue: Cue


class _Doc:
    def __init__(self, doc: Document, entities: Iterable[EntitySpan]) -> None:
        self.text = doc.text
        self.tokens: list[Offsets] = list(doc.tokens) or tokenize(doc.text)
        self.sentences: list[Offsets] = list(doc.sentences) or split_sentences(doc.text)
        self.words = [self.text[s:e].lower() for s, e in self.tokens]
        self.starts = [s for s, _ in self.tokens]
        self.sent_starts = [s for s, _ in self.sentences]
        self.speakers = sorted(
            (e for e in entities
             if e.label in SPEAKER_LABELS and e.status != SpanStatus.REJECTED),
            key=lambda e: (e.start, e.end))
        self.cues: list[_Cue] = []

    def sentence(self, pos: int) -> Offsets:
        """The sentence holding ``pos`` (or the line, between sentences)."""
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        if k >= 0 and self.sentences[k][0] <= pos < self.sentences[k][1]:
            return self.sentences[k]
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        return (line_start, len(self.text) if line_end < 0 else line_end)

    def sentence_no(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def word_count(self, start: int, end: int) -> int:
        return sum(1 for s, e in self.tokens[self.tok_at(start):self.tok_at(end)]
                   if e <= end and self.text[s].isalnum())

    def has_future(self, start: int, end: int, markers: Sequence[tuple[str, ...]]) -> bool:
        words = self.words[self.tok_at(start):self.tok_at(end)]
        for marker in markers:
            n = len(marker)
            if any(tuple(words[i:i + n]) == marker for i in range(len(words) - n + 1)):
                return True
        return False


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quotations as (opening mark, closing mark + 1); never across lines.

    An unclosed quotation runs to the end of its line (a quote that continues in
    the next paragraph). ``’`` inside a word is an apostrophe, not a closing mark.
    """
    quotes: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        i = pos
        opener = -1
        closers = ""
        while i < line_end:
            ch = text[i]
            if opener < 0:
                if ch in _QUOTES and (ch != "‘" or i == pos or not text[i - 1].isalnum()):
                    opener, closers = i, _QUOTES[ch]
            elif ch in closers and not (
                    ch == "’" and i + 1 < line_end and text[i + 1].isalnum()):
                quotes.append((opener, i + 1))
                opener = -1
            i += 1
        if opener >= 0 and opener + 1 < line_end:
            quotes.append((opener, line_end))
        pos = line_end + 1
    return quotes


def _strip(text: str, start: int, end: int, chars: str = _STRIP) -> Offsets:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _inner(text: str, quote: Offsets) -> Offsets:
    """The quoted text: without the marks, surrounding space and a trailing comma."""
    start, end = quote
    closed = end - 1 > start and text[end - 1] in "\"”’»“›"
    return _strip(text, start + 1, end - 1 if closed else end, " \t\n,")


# --- the recognizer ---------------------------------------------------------------

@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    cue: _Cue | None
    quote: str
    score: float
    claimant: EntitySpan | None
    claimant_text: str | None


def suggest_claims(doc: Document, entities: Sequence[EntitySpan], lang: str | None = None,
                   *, cues_folder: Path | None = None) -> list[Claim]:
    """Suggested claims for one document (see the module docstring for the rules)."""
    lex = load_cues(lang or doc.lang or "", cues_folder)
    if lex is None or not doc.text.strip():
        return []
    d = _Doc(doc, entities)
    quotes = find_quotes(d.text)
    q_starts = [q[0] for q in quotes]
    cues = [c for c in _find_cues(d, lex) if not _in_quote(c.start, quotes, q_starts)]
    d.cues = cues
    used: set[int] = set()
    candidates: list[_Candidate] = []
    last_direct: _Candidate | None = None
    last_direct_line = -1
    for quote in quotes:
        inner = _inner(d.text, quote)
        if d.word_count(*inner) < _MIN_WORDS:
            continue
        line_start = d.text.rfind("\n", 0, quote[0]) + 1
        cue = _cue_after_quote(d, quote, inner, cues, quotes) or _cue_before_quote(
            d, quote, cues, lex)
        if cue is not None:
            used.add(cue.start)
            ent, free = _claimant_for(d, lex, cue, quote)
            cand = _Candidate(inner[0], inner[1], cue, QuoteKind.DIRECT.value,
                              SCORES["direct"], ent, free)
            candidates.append(cand)
            last_direct, last_direct_line = cand, _line_no(d.text, quote[0])
            continue
        # A quotation alone in its paragraph continues the previous paragraph's quote.
        line_end = d.text.find("\n", quote[1])
        line_end = len(d.text) if line_end < 0 else line_end
        alone = not d.text[line_start:quote[0]].strip() and not d.text[
            quote[1]:line_end].strip(" \t.,")
        if (alone and last_direct is not None
                and _line_no(d.text, quote[0]) - last_direct_line == 1):
            cand = _Candidate(inner[0], inner[1], None, QuoteKind.DIRECT.value,
                              SCORES["continued"], last_direct.claimant,
                              last_direct.claimant_text)
            candidates.append(cand)
            last_direct, last_direct_line = cand, _line_no(d.text, quote[0])
    for cue in cues:
        if cue.start in used:
            continue
        indirect = _indirect(d, lex, cue)
        if indirect is not None:
            candidates.append(indirect)
    return [_to_claim(doc, d, lex, c) for c in _select(candidates)]


def _line_no(text: str, pos: int) -> int:
    """The paragraph number of ``pos``, counting non-empty lines only."""
    return sum(1 for line in text[:pos].split("\n")[:-1] if line.strip())


def _in_quote(pos: int, quotes: Sequence[Offsets], starts: Sequence[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and quotes[k][0] < pos < quotes[k][1]


def _find_cues(d: _Doc, lex: CueLexicon) -> list[_Cue]:
    found: list[_Cue] = []
    i = 0
    n = len(d.tokens)
    while i < n:
        match = None
        for cue in lex.cues.get(d.words[i], ()):
            k = len(cue.words)
            if tuple(d.words[i:i + k]) != cue.words:
                continue
            # the words of a multi-word cue are separated by whitespace only
            if all(not d.text[d.tokens[j][1]:d.tokens[j + 1][0]].strip()
                   for j in range(i, i + k - 1)):
                match = _Cue(d.tokens[i][0], d.tokens[i + k - 1][1], i, i + k, cue)
                break
        if match is None:
            i += 1
            continue
        if match.cue.inverted and not _follows_break(d, match.start):
            i += 1
            continue
        found.append(match)
        i = match.tok_end
    return found


def _follows_break(d: _Doc, pos: int) -> bool:
    """True if only a comma or a closing quote (and spaces) precede ``pos``."""
    before = d.text[max(0, pos - 8):pos].rstrip()
    return bool(before) and before[-1] in ",\"”’»›"


def _cue_after_quote(d: _Doc, quote: Offsets, inner: Offsets, cues: Sequence[_Cue],
                     quotes: Sequence[Offsets]) -> _Cue | None:
    close = quote[1]
    if close - 1 <= quote[0] or d.text[close - 1] not in "\"”’»“›":
        return None  # unclosed: runs to the end of the line
    # '"…," kata X' / '"… ." said X' / '"…", X said': the quote ends a clause
    if not ("," in d.text[inner[1]:close] or d.text[inner[1] - 1] in ".!?…"
            or d.text[close:close + 3].lstrip().startswith(",")):
        return None
    sentence = d.sentence(close - 1)
    next_quote = min((q[0] for q in quotes if q[0] >= close), default=len(d.text))
    for cue in cues:
        if cue.start < close:
            continue
        if cue.start >= min(sentence[1], next_quote):
            return None
        if d.word_count(close, cue.start) <= _MAX_GAP_AFTER and cue.cue.kind != "hearsay":
            return cue
        return None
    return None


def _cue_before_quote(d: _Doc, quote: Offsets, cues: Sequence[_Cue],
                      lex: CueLexicon) -> _Cue | None:
    opener = quote[0]
    gap_end = d.text[:opener].rstrip()
    if gap_end and gap_end[-1] not in ":,":
        return None
    line_start = d.text.rfind("\n", 0, opener) + 1
    best = None
    for cue in cues:
        if cue.end > opener:
            break
        if cue.start >= line_start and cue.cue.kind != "hearsay":
            best = cue
    if best is None or d.word_count(best.end, opener) > _MAX_GAP_BEFORE:
        return None
    gap_words = d.words[best.tok_end:d.tok_at(opener)]
    if lex.complementizers.intersection(gap_words):
        return None
    return best


def _clause_start(d: _Doc, pos: int, floor: int) -> int:
    """Start of the clause ending at ``pos``: after the last comma, quote or bracket."""
    i = pos - 1
    while i >= floor and d.text[i] not in _CLAUSE_BREAKS and d.text[i] != "\n":
        i -= 1
    return i + 1


def _clause_end(d: _Doc, pos: int, ceiling: int) -> int:
    i = pos
    while i < ceiling and d.text[i] not in ",;:\"“”«»„\n":
        i += 1
    return i


def _claimant_for(d: _Doc, lex: CueLexicon, cue: _Cue,
                  quote: Offsets | None = None) -> tuple[EntitySpan | None, str | None]:
    """The speaker next to a cue: an entity in the speaker's phrase, or the phrase."""
    sentence = d.sentence(cue.start)
    floor = sentence[0]
    if quote is not None and quote[1] <= cue.start:
        floor = max(floor, quote[1])
    ceiling = sentence[1]
    if quote is not None and quote[0] >= cue.end:
        ceiling = min(ceiling, quote[0])
    floor = max([floor] + [c.end for c in d.cues if c.end <= cue.start])
    ceiling = min([ceiling] + [c.start for c in d.cues if c.start >= cue.end])
    before = _strip(d.text, _clause_start(d, cue.start, floor), cue.start)
    after = _strip(d.text, cue.end, _clause_end(d, cue.end, ceiling))
    after_words = d.words[cue.tok_end:d.tok_at(after[1])]
    if after_words and after_words[0] in lex.complementizers:
        after = (after[0], after[0])  # "said that ...": what follows is the claim
    inverted = cue.cue.kind == "source" or _follows_break(d, cue.start) or (
        quote is not None and quote[1] <= cue.start and before[0] >= before[1])
    regions = [after, before] if inverted else [before, after]
    for region in regions:
        ent = _best_speaker(d, region, cue)
        if ent is not None:
            return ent, None
    for region in regions:
        if region[1] > region[0]:
            words = d.words[d.tok_at(region[0]):d.tok_at(region[1])]
            if len(words) == 1 and words[0] in lex.pronouns:
                break
            free = _free_text(d, lex, region, near_end=region is before)
            if free:
                return None, free
    # a pronoun or no phrase at all ("katanya", "he said"): the nearest earlier speaker
    first_sentence = max(0, d.sentence_no(cue.start) - 2)
    floor = d.sentences[first_sentence][0] if d.sentences else 0
    earlier = [e for e in d.speakers if floor <= e.start and e.end <= cue.start]
    if quote is not None:
        earlier = [e for e in earlier if not quote[0] <= e.start < quote[1]]
    return (earlier[-1] if earlier else None), None


def _best_speaker(d: _Doc, region: Offsets, cue: _Cue) -> EntitySpan | None:
    inside = [e for e in d.speakers if region[0] <= e.start and e.end <= region[1]]
    if not inside:
        return None

    def distance(e: EntitySpan) -> int:
        return cue.start - e.end if e.end <= cue.start else e.start - cue.end

    people = [e for e in inside if e.label == "PER"]
    return min(people or inside, key=distance)


def _free_text(d: _Doc, lex: CueLexicon, region: Offsets, *, near_end: bool) -> str:
    """The speaker's phrase: capped, without adverbs or auxiliaries at its edges."""
    toks = [t for t in d.tokens[d.tok_at(region[0]):d.tok_at(region[1])] if t[1] <= region[1]]
    toks = toks[-_MAX_FREE_TEXT:] if near_end else toks[:_MAX_FREE_TEXT]

    def trimmable(t: Offsets) -> bool:
        word = d.text[t[0]:t[1]]
        return word.lower() in lex.trim or not any(ch.isalnum() for ch in word)

    while toks and trimmable(toks[0]):
        toks.pop(0)
    while toks and trimmable(toks[-1]):
        toks.pop()
    if not toks:
        return ""
    start, end = toks[0][0], toks[-1][1]
    text = d.text[start:end]
    if text.count("(") != text.count(")"):  # a bracket cut off by the cap
        text = text[:text.rfind("(")] if text.count("(") > text.count(")") else text
    return text.strip(_STRIP + "()")


def _indirect(d: _Doc, lex: CueLexicon, cue: _Cue) -> _Candidate | None:
    s_start, s_end = d.sentence(cue.start)
    if cue.cue.kind == "hearsay":
        whole = _strip(d.text, s_start, s_end)
        return _Candidate(*whole, cue, QuoteKind.INDIRECT.value, SCORES["hearsay"], None, None)
    kind = "verb"
    span: Offsets | None = None
    if cue.cue.kind == "source":
        comma = d.text.find(",", cue.end, s_end)
        if comma >= 0 and d.word_count(cue.end, comma) <= _MAX_FREE_TEXT:
            span, kind = (comma + 1, s_end), "source"
        elif d.text[s_start:cue.start].rstrip().endswith(","):
            span, kind = (s_start, d.text.rfind(",", s_start, cue.start)), "source"
        else:
            ent = next((e for e in d.speakers if cue.end <= e.start < s_end
                        and d.word_count(cue.end, e.start) <= 2), None)
            if ent is None:
                return None
            span, kind = (ent.end, s_end), "source"
    else:
        ahead = d.words[cue.tok_end:cue.tok_end + 5]
        comp = next((i for i, w in enumerate(ahead) if w in lex.complementizers), None)
        comma_before = d.text.rfind(",", s_start, cue.start)
        if comp is not None:
            tok = d.tokens[cue.tok_end + comp]
            if "," not in d.text[cue.end:tok[0]]:
                span, kind = (tok[1], s_end), "complement"
        if span is None and comma_before >= 0 and (
                _follows_break(d, cue.start) or (d.word_count(comma_before, cue.start)
                <= _MAX_GAP_AFTER and not d.text[cue.end:s_end].strip(" .!?"))):
            span, kind = (s_start, comma_before), "inverted"
        if span is None and not cue.cue.inverted:
            span = (cue.end, s_end)
    if span is None:
        return None
    span = _strip(d.text, *span)
    if d.word_count(*span) < _MIN_WORDS:
        return None
    ent, free = _claimant_for(d, lex, cue)
    if ent is not None and span[0] <= ent.start < span[1]:
        # the speaker found inside the claim itself is no speaker
        ent = None
    return _Candidate(*span, cue, QuoteKind.INDIRECT.value, SCORES[kind], ent, free)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Best first; drop a candidate that overlaps a better one or whose cue it covers."""
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.start, c.end)):
        if any(cand.start < c.end and c.start < cand.end for c in chosen):
            continue
        if any(c.cue is not None and cand.start <= c.cue.start < cand.end for c in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _to_claim(doc: Document, d: _Doc, lex: CueLexicon, c: _Candidate) -> Claim:
    cue = c.cue.cue if c.cue is not None else Cue(())
    stance = cue.stance
    if stance == Stance.ASSERTS.value and d.text[c.start:c.end].rstrip().endswith("?"):
        stance = Stance.QUESTIONS.value
    label = cue.label or ("PREDICTION" if d.has_future(c.start, c.end, lex.future_markers)
                          else lex.default_label)
    score = c.score if (c.claimant is not None or c.claimant_text or cue.kind == "hearsay") \
        else c.score * 0.8
    return Claim(
        doc_id=doc.id, start=c.start, end=c.end, label=label,
        claimant_id=c.claimant.id if c.claimant is not None else None,
        claimant_text=None if c.claimant is not None else c.claimant_text,
        cue_start=c.cue.start if c.cue is not None else None,
        cue_end=c.cue.end if c.cue is not None else None,
        attrs={"quote": c.quote, "stance": stance},
        status=SpanStatus.SUGGESTED, source=NAME, score=round(score, 3))


# --- claimants for the window ------------------------------------------------------

def claimant_candidates(doc: Document, entities: Sequence[EntitySpan],
                        offset: int) -> list[EntitySpan]:
    """PER/ORG entities of the sentence at ``offset`` and its two neighbours.

    In document order, one per distinct (label, text): of repeated mentions the
    one nearest to ``offset`` is kept. The window cycles through these.
    """
    d = _Doc(doc, entities)
    if not d.sentences:
        return []
    k = d.sentence_no(offset)
    lo = d.sentences[max(0, k - 1)][0]
    hi = d.sentences[min(len(d.sentences) - 1, k + 1)][1]
    best: dict[tuple[str, str], EntitySpan] = {}
    for ent in d.speakers:
        if lo <= ent.start and ent.end <= hi:
            key = (ent.label, doc.text[ent.start:ent.end])
            old = best.get(key)
            if old is None or abs(ent.start - offset) < abs(old.start - offset):
                best[key] = ent
    return sorted(best.values(), key=lambda e: (e.start, e.end))


# --- pre-annotation ------------------------------------------------------------------

@dataclass(slots=True)
class ClaimRunResult:
    documents: int = 0
    added: int = 0
    skipped: int = 0  # candidates already present (same span or same cue) or rejected
    updated: int = 0  # untouched suggestions that now have an entity as claimant


def preannotate_claims(project: Project, doc_ids: Iterable[int] | None = None,
                       lang: str | None = None) -> ClaimRunResult:
    """Store suggested claims for documents (all when ``doc_ids`` is None).

    ``lang`` is the language of documents that have none (default: the project's).

    Cheap enough to run again whenever entities change. A candidate is not stored
    when a claim with the same span exists (whatever its status: a rejected
    suggestion is never made again) or when a claim shares its cue and overlaps it;
    an untouched suggestion with a free-text claimant then gets the entity claimant
    found now (entities usually arrive after the first run).
    Each document is one transaction; the run is logged in ``events``.
    """
    from annotator.core.recognizers.runner import project_lang

    default_lang = project_lang(project, lang)
    result = ClaimRunResult()
    ids = list(doc_ids) if doc_ids is not None else project.documents.ids()
    scheme_labels = set(project.scheme.names("claim"))
    fallback_label = project.scheme.claims[0].name if project.scheme.claims else "CHECKWORTHY"

    def write(doc_id: int, p: Project) -> dict[str, Any] | None:
        doc = p.documents.get(doc_id)
        found = suggest_claims(doc, p.spans.list(doc_id), doc.lang or default_lang)
        existing = p.claims.list(doc_id, include_rejected=True)
        added = updated = 0
        for claim in found:
            old = _duplicate(claim, existing)
            if old is not None:
                if _refresh_claimant(p, old, claim):
                    updated += 1
                else:
                    result.skipped += 1
                continue
            if claim.label not in scheme_labels:
                claim.label = fallback_label
            p.claims.insert(claim)
            existing.append(claim)
            added += 1
        p.runs.mark(doc_id, NAME, VERSION)
        result.added += added
        result.updated += updated
        return {"added": added, "updated": updated} if added or updated else None

    for doc_id in ids:  # one machine command (transaction) a document
        project.execute(MachineWrite("preannotate_claims", doc_id,
                                     lambda p, d=doc_id: write(d, p)))  # type: ignore[misc]
        result.documents += 1
    return result


def _duplicate(claim: Claim, existing: Iterable[Claim]) -> Claim | None:
    for old in existing:
        if (old.start, old.end) == (claim.start, claim.end):
            return old
        if (claim.cue is not None and old.cue == claim.cue
                and old.start < claim.end and claim.start < old.end):
            return old
    return None


def _refresh_claimant(project: Project, old: Claim, new: Claim) -> bool:
    """An untouched suggestion whose claimant was free text gets the entity found now
    (entities often arrive after the claims ran)."""
    if (old.id is None or old.status != SpanStatus.SUGGESTED or old.source != NAME
            or old.decided or old.claimant_id is not None or new.claimant_id is None):
        return False
    # a machine refresh: the claim stays an undecided suggestion
    project.claims.update(old.id, touch=False, claimant_id=new.claimant_id,
                          claimant_text=None)
    return True


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A plain dict of a claim (for logs and the CLI)."""
    return {"start": claim.start, "end": claim.end, "label": claim.label,
            "claimant_id": claim.claimant_id, "claimant_text": claim.claimant_text,
            "cue": list(claim.cue) if claim.cue else None, "attrs": claim.attrs,
            "score": claim.score}
