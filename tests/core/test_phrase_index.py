"""stanza-propn's phrase index answers exactly as a walk of the cue tables does."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.recognizers.stanza_propn import (
    PhraseIndex,
    _match_end,
    _match_start,
    load_cues,
)

WORDS = ["a", "b", "c", "d"]
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(tuple)
table = st.dictionaries(st.sampled_from(["PER", "ORG", "LOC", "MISC"]),
                        st.lists(phrase, max_size=6).map(
                            lambda ps: sorted(ps, key=len, reverse=True)), max_size=4)


@settings(max_examples=300, deadline=None)
@given(table, st.lists(st.sampled_from(WORDS), max_size=5))
def test_same_answers_as_the_table_walk(tab: dict[str, list[tuple[str, ...]]],
                                        words: list[str]) -> None:
    index = PhraseIndex(tab)
    assert index.match_start(words) == _match_start(words, tab)
    assert index.match_end(words) == _match_end(words, tab)


def test_same_answers_on_the_indonesian_cues() -> None:
    cues = load_cues("id")
    tables = {"before": cues.before, "weak_before": cues.weak_before, "head": cues.head,
              "tail": cues.tail, "title": {"PER": cues.before.get("PER", [])}}
    vocab = sorted({w for tab in tables.values() for ps in tab.values() for p in ps for w in p})
    assert vocab  # the cue file has phrases
    rng = random.Random(7)
    for name, tab in tables.items():
        index = cues.index(name)
        phrases = [p for ps in tab.values() for p in ps]
        for _ in range(400):
            words = [rng.choice(vocab) for _ in range(rng.randint(0, 4))]
            if phrases and rng.random() < 0.5:  # often a real phrase, with words around
                words = [rng.choice(vocab)] * rng.randint(0, 1) + list(rng.choice(phrases)) \
                    + [rng.choice(vocab)] * rng.randint(0, 1)
            assert index.match_start(words) == _match_start(words, tab), (name, words)
            assert index.match_end(words) == _match_end(words, tab), (name, words)
