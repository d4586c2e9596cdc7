"""``stanza-propn``: proper-noun runs from Stanza's POS tags, labelled by cues and gazetteers.

For languages with Stanza tokenize+POS models but no NER model (Indonesian).
A candidate is a maximal run of tokens tagged PROPN in one sentence; inside a
run a hyphen or an apostrophe glued to both neighbours ("Jong-un", "O'Neil")
and a lower-case connector from the cue file ("bin", "van") are allowed.

Labels, first rule that applies:

1. the whole run is a gazetteer name (CLDR countries and cities in the
   language, the user's term lists): its label;
2. the run starts with a title cue ("Presiden Vladimir Putin"): the title is
   cut off and the rest is PER;
3. the first word is an ORG/LOC head cue ("Kementerian ...", "Kota ...") or the
   last word an ORG/LOC tail cue ("... Tbk"): that label;
4. the words right before the run are a cue ("juru bicara X" -> PER,
   "kota X" -> LOC, "PT X" -> ORG), then a weak cue ("di X" -> LOC);
5. otherwise MISC with a low score, unless the ``names`` recognizer runs too
   (its model-free rules label proper-noun runs from the text; a run it leaves
   out is mostly a capitalised common word, so the MISC guess only cost
   precision: overall F1 0.56-0.65 with it, see bench/bench_quality.py).

Cues come from ``resources/cues/LANG.toml`` (the ``[entities]`` table); a
language without a cue file gets rules 1 and 5 only.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import AnnotatorError, Document
from annotator.core.paths import resources_dir
from annotator.core.recognizers import stanza_support as ss
from annotator.core.recognizers.base import Analysis, Suggestion
from annotator.core.recognizers.gazetteer import Gazetteer

if TYPE_CHECKING:
    from annotator.core.store import Project

log = logging.getLogger(__name__)

SCORE_GAZETTEER = 0.8
SCORE_TITLE = 0.65
SCORE_HEAD = 0.6
SCORE_BEFORE = 0.55
SCORE_WEAK = 0.45
SCORE_MISC = 0.3
_GLUE = {"-", "‐", "‑", "'", "’"}


@dataclass(slots=True)
class Cues:
    connectors: set[str] = field(default_factory=set)
    before: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    weak_before: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    head: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    tail: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    longest: int = 1
    # phrase indexes by table name ("before", "head", ..., "title"), made on first use
    _indexes: dict[str, PhraseIndex] = field(default_factory=dict, repr=False, compare=False)

    def index(self, name: str) -> PhraseIndex:
        found = self._indexes.get(name)
        if found is None:
            table = {"PER": self.before.get("PER", [])} if name == "title" else getattr(self, name)
            found = self._indexes[name] = PhraseIndex(table)
        return found


class PhraseIndex:
    """A label table ({label: [phrase, ...]}) as a dict of phrases, for matching a
    word list's start or end with a few lookups (one per phrase length) instead of a
    comparison per phrase. The answer is the one a walk of the table gives (labels in
    order, each label's phrases longest first): the earliest label, then the longest."""

    __slots__ = ("lengths", "rank")

    def __init__(self, table: dict[str, list[tuple[str, ...]]]) -> None:
        self.rank: dict[tuple[str, ...], tuple[int, str]] = {}  # phrase -> (label no., label)
        for k, (label, phrases) in enumerate(table.items()):
            for phrase in phrases:
                if phrase not in self.rank:  # an earlier label keeps it
                    self.rank[phrase] = (k, label)
        self.lengths = sorted({len(p) for p in self.rank}, reverse=True)

    def match_start(self, words: Sequence[str]) -> tuple[str, int] | None:
        """(label, phrase length) of the phrase the words start with."""
        best: tuple[int, str, int] | None = None
        for n in self.lengths:
            if n <= len(words):
                hit = self.rank.get(tuple(words[:n]))
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = (hit[0], hit[1], n)
        return (best[1], best[2]) if best is not None else None

    def match_end(self, words: Sequence[str]) -> str | None:
        """The label whose phrase the words end with."""
        best: tuple[int, str] | None = None
        for n in self.lengths:
            if n <= len(words):
                hit = self.rank.get(tuple(words[len(words) - n:]))
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = hit
        return best[1] if best is not None else None


def _phrases(table: Any, path: Path, key: str) -> dict[str, list[tuple[str, ...]]]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise AnnotatorError(f"{path}: [entities.{key}] must be a table of label = [words]")
    out: dict[str, list[tuple[str, ...]]] = {}
    for label, words in table.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise AnnotatorError(f"{path}: entities.{key}.{label} must be a list of strings")
        # longest phrases first, so "wakil presiden" wins over "presiden"
        out[label] = sorted((tuple(w.lower().split()) for w in words if w.strip()),
                            key=len, reverse=True)
    return out


@lru_cache(maxsize=32)
def read_toml(path: Path) -> dict[str, Any]:
    """A cue file, parsed once per process (the claims, stanza-propn and names read it)."""
    from annotator.core.recognizers.cldr_cache import parsed_toml

    try:
        return parsed_toml(path, tomllib.loads)
    except tomllib.TOMLDecodeError as exc:
        raise AnnotatorError(f"{path}: {exc}") from None


@lru_cache(maxsize=16)
def load_cues(lang: str, folder: Path | None = None) -> Cues:
    """The ``[entities]`` cues for a language ({} when the language has no cue file)."""
    path = (folder or resources_dir() / "cues") / f"{lang}.toml"
    if not path.exists():
        return Cues()
    table = read_toml(path).get("entities", {})
    cues = Cues(
        connectors={str(w).lower() for w in table.get("connectors", [])},
        before=_phrases(table.get("before"), path, "before"),
        weak_before=_phrases(table.get("weak_before"), path, "weak_before"),
        head=_phrases(table.get("head"), path, "head"),
        tail=_phrases(table.get("tail"), path, "tail"),
    )
    cues.longest = max([len(p) for d in (cues.before, cues.weak_before, cues.head, cues.tail)
                        for ps in d.values() for p in ps] or [1])
    return cues


def _match_end(words: Sequence[str], table: dict[str, list[tuple[str, ...]]]) -> str | None:
    """The label whose phrase the words end with."""
    for label, phrases in table.items():
        for phrase in phrases:
            if len(phrase) <= len(words) and tuple(words[len(words) - len(phrase):]) == phrase:
                return label
    return None


def _match_start(words: Sequence[str], table: dict[str, list[tuple[str, ...]]]
                 ) -> tuple[str, int] | None:
    """(label, phrase length) of the phrase the words start with."""
    for label, phrases in table.items():
        for phrase in phrases:
            if len(phrase) <= len(words) and tuple(words[:len(phrase)]) == phrase:
                return label, len(phrase)
    return None


def propn_runs(text: str, sentence: Sequence[ss.Tok], connectors: set[str]
               ) -> list[tuple[int, int]]:
    """(first, last) token indices of proper-noun runs in one sentence."""
    # a token without a letter or digit (an emoji, a symbol) is never part of a name,
    # whatever its tag
    name_like = [t.upos == "PROPN" and any(ch.isalnum() for ch in text[t.start:t.end])
                 for t in sentence]
    runs: list[tuple[int, int]] = []
    n = len(sentence)
    i = 0
    while i < n:
        if not name_like[i]:
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < n:
            tok = sentence[j]
            if name_like[j]:
                last = j
                j += 1
                continue
            piece = text[tok.start:tok.end]
            nxt = sentence[j + 1] if j + 1 < n else None
            if nxt is not None and name_like[j + 1]:
                glued = (piece in _GLUE and tok.start == sentence[j - 1].end
                         and nxt.start == tok.end)
                if glued or (piece.islower() and piece in connectors):
                    last = j + 1
                    j += 2
                    continue
            break
        runs.append((first, last))
        i = last + 1
    return runs


class StanzaPropn:
    name = "stanza-propn"
    base_version = "1"

    def __init__(self, stanza_dir: Path | str | None = None, **options: Any) -> None:
        self.dir_option = stanza_dir
        self.root = ss.models_root(stanza_dir)
        self.gazetteer = Gazetteer(**options)
        self.misc_fallback = True
        self.version = self._version()

    def _version(self) -> str:
        return (f"{self.base_version}+{ss.resources_fingerprint(self.root)}"
                f"+g{self.gazetteer.version}{'' if self.misc_fallback else '+nomisc'}")

    def join_run(self, names: set[str]) -> None:
        """No MISC guess for unlabelled runs when the ``names`` recognizer runs too."""
        self.misc_fallback = "names" not in names
        self.version = self._version()

    def prepare(self, project: Project) -> None:
        self.root = ss.models_root(self.dir_option, project)
        self.gazetteer.prepare(project)
        self.version = self._version()

    def missing_models(self, lang: str) -> str | None:
        missing = ss.missing_files(self.root, lang, ["tokenize", "pos"])
        if not missing:
            return None
        return (f"stanza-propn: Stanza tokenize/pos models missing for {lang!r} in "
                f"{self.root}: {', '.join(missing)}. " + ss.how_to_get(self.root, lang))

    def recognize(self, doc: Document) -> list[Suggestion]:
        return self.analyze_batch([doc])[0].suggestions

    def analyze_batch(self, docs: Sequence[Document]) -> list[Analysis]:
        out: dict[int, Analysis] = {}
        for lang, idxs in ss.by_language(docs).items():
            pipeline = ss.load_pipeline(self.root, lang, "tokenize,pos")
            parsed = ss.process(pipeline, [docs[i] for i in idxs])
            for i, p in zip(idxs, parsed, strict=True):
                out[i] = Analysis(self.label_runs(docs[i].text, p, lang), p.tokens, p.sentences)
        return [out[i] for i in range(len(docs))]

    def label_runs(self, text: str, parsed: ss.Parsed, lang: str) -> list[Suggestion]:
        cues = load_cues(lang)
        found: list[Suggestion] = []
        for sentence in parsed.sentence_tokens:
            for first, last in propn_runs(text, sentence, cues.connectors):
                sug = self._label(text, sentence, first, last, lang, cues)
                if sug is not None:
                    found.append(sug)
        return found

    def _label(self, text: str, sentence: Sequence[ss.Tok], first: int, last: int, lang: str,
               cues: Cues) -> Suggestion | None:
        toks = sentence[first:last + 1]
        start, end = toks[0].start, toks[-1].end
        whole = self.gazetteer.lookup(lang, text[start:end])
        if whole is not None:
            return Suggestion(start, end, whole[0], SCORE_GAZETTEER)
        words = [_norm(text[t.start:t.end]) for t in toks]
        title = cues.index("title").match_start(words)
        if title is not None and title[1] < len(toks):
            rest = toks[title[1]:]
            rest_text = text[rest[0].start:rest[-1].end]
            if re.search(r"\w", rest_text):
                return Suggestion(rest[0].start, rest[-1].end, "PER", SCORE_TITLE)
        head = cues.index("head").match_start(words)
        if head is not None and head[1] < len(words):
            return Suggestion(start, end, head[0], SCORE_HEAD)
        tail = cues.index("tail").match_end(words)
        if tail is not None and len(words) > 1:
            return Suggestion(start, end, tail, SCORE_HEAD)
        lo = max(0, first - cues.longest)
        before = [_norm(text[t.start:t.end]) for t in sentence[lo:first]]
        label = cues.index("before").match_end(before)
        if label is not None:
            return Suggestion(start, end, label, SCORE_BEFORE)
        label = cues.index("weak_before").match_end(before)
        if label is not None:
            return Suggestion(start, end, label, SCORE_WEAK)
        if not self.misc_fallback or not re.search(r"\w", text[start:end]):
            return None
        return Suggestion(start, end, "MISC", SCORE_MISC)


def _norm(word: str) -> str:
    return word.lower()
