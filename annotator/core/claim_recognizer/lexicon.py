"""The words of one language the claim recognizer needs (``resources/cues/LANG.toml``).

Table ``[claims]`` holds the reporting cues and the word lists for speakers and labels;
the titles that precede a person's name come from ``[entities.before].PER`` of the same
file (the entity recognizers' list), so a title is listed once per language.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatorError, Stance
from annotator.core.paths import resources_dir
from annotator.core.text import tokenize

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cue:
    words: Phrase
    kind: str = "verb"  # verb | source | hearsay | passive | backref
    stance: str = Stance.ASSERTS.value
    label: str | None = None
    inverted: bool = False


@dataclass(frozen=True, slots=True)
class CueLexicon:
    lang: str
    cues: dict[str, tuple[Cue, ...]]  # first word -> cues starting with it (longest first)
    complementizers: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    pronoun_suffixes: tuple[str, ...]  # "katanya": a cue with the speaker as a suffix
    trim: frozenset[str]
    negations: frozenset[str]
    conjunctions: frozenset[str]
    non_claim_starts: tuple[Phrase, ...]  # "menyampaikan terima kasih": no claim follows
    predicate_words: frozenset[str]  # a clause, not a noun phrase, follows the verb
    continuation_openers: frozenset[str]  # "Pihaknya juga akan ...": the speaker goes on
    verb_prefixes: tuple[str, ...]
    titles: tuple[Phrase, ...]
    org_heads: frozenset[str]  # "Kementerian ...", "Badan ...": an office, not a name
    speaker_stops: frozenset[str]  # "Perry dalam konferensi pers ...": the speaker ends
    clause_links: frozenset[str]  # "... setelah Rusia mengatakan": the subject starts after
    adverbial_openers: frozenset[str]  # "Sementara itu, ...": not part of a speaker
    time_words: frozenset[str]
    future_markers: tuple[Phrase, ...]
    modal_markers: tuple[Phrase, ...]
    opinion_markers: tuple[Phrase, ...]
    denial_markers: tuple[Phrase, ...]
    default_label: str
    condition_openers: frozenset[str] = frozenset()  # "Kalau ..., X bisa ...": PREDICTION
    appeal_openers: frozenset[str] = frozenset()  # "agar X tidak ...": an appeal, OPINION
    anaphora_ends: frozenset[str] = frozenset()  # "kata pelatih asal Korea itu": said before

    @property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.group_pronouns


def cue_file(lang: str, folder: Path | None = None) -> Path:
    return (folder or resources_dir() / "cues") / f"{lang}.toml"


def load_cues(lang: str, folder: Path | None = None) -> CueLexicon | None:
    """The ``[claims]`` cue table for a language, or None when it has none."""
    return _load_cues(base_lang(lang), str(folder) if folder else None)


def base_lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def words_of(text: str) -> list[str]:
    return [text[s:e].lower() for s, e in tokenize(text)]


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
        return _lexicon(lang, table, data.get("entities", {}))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise AnnotatorError(f"{path}: malformed [claims] table ({exc})") from None


def _lexicon(lang: str, table: dict[str, Any], entities: dict[str, Any]) -> CueLexicon:
    by_first: dict[str, list[Cue]] = {}
    for i, group in enumerate(table.get("cues", []), 1):
        kind = str(group.get("kind", "verb"))
        if kind not in ("verb", "source", "hearsay", "passive"):
            raise ValueError(f"cue group {i}: unknown kind {kind!r}")
        stance = Stance(str(group.get("stance", Stance.ASSERTS.value))).value
        label = group.get("label")
        for entry in group["words"]:
            words = tuple(words_of(str(entry)))
            if not words:
                continue
            cue = Cue(words, kind, stance, str(label) if label else None,
                      bool(group.get("inverted", False)))
            by_first.setdefault(words[0], []).append(cue)

    def word_set(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in table.get(key, []))

    def phrases(values: Any) -> tuple[Phrase, ...]:
        found = (tuple(words_of(str(v))) for v in values or [])
        return tuple(sorted((p for p in found if p), key=len, reverse=True))

    # "Hal itu disampaikan X ...": the previous sentence is X's claim
    for subject in table.get("backref_subjects", []):
        for verb in table.get("backref_verbs", []):
            words = tuple(words_of(f"{subject} {verb}"))
            if words:
                by_first.setdefault(words[0], []).append(Cue(words, "backref"))
    old_pronouns = word_set("pronouns")  # the single list of earlier cue files
    return CueLexicon(
        lang=lang,
        cues={k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in by_first.items()},
        complementizers=word_set("complementizers"),
        person_pronouns=word_set("person_pronouns") or old_pronouns,
        group_pronouns=word_set("group_pronouns"),
        pronoun_suffixes=tuple(str(s).lower() for s in table.get("pronoun_suffixes", [])),
        trim=word_set("speaker_trim"),
        negations=word_set("negations"),
        conjunctions=word_set("conjunctions"),
        non_claim_starts=phrases(table.get("non_claim_starts")),
        predicate_words=word_set("predicate_words"),
        continuation_openers=word_set("continuation_openers"),
        verb_prefixes=tuple(str(p).lower() for p in table.get("verb_prefixes", [])),
        titles=phrases((entities.get("before") or {}).get("PER", [])),
        org_heads=frozenset(str(w).lower() for w in (entities.get("head") or {}).get("ORG", [])),
        speaker_stops=word_set("speaker_stops"),
        clause_links=word_set("clause_links"),
        adverbial_openers=word_set("adverbial_openers"),
        time_words=word_set("time_words"),
        future_markers=phrases(table.get("future_markers")),
        modal_markers=phrases(table.get("modal_markers")),
        opinion_markers=phrases(table.get("opinion_markers")),
        denial_markers=phrases(table.get("denial_markers")),
        default_label=str(table.get("default_label", "CHECKWORTHY")),
        condition_openers=word_set("condition_openers"),
        appeal_openers=word_set("appeal_openers"),
        anaphora_ends=word_set("anaphora_ends"),
    )
