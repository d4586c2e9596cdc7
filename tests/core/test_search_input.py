"""Hostile or huge search input (issue 15.11): a 20,000-word paste makes a bounded
FTS5 query; FTS5 syntax in the input is never parsed as syntax."""

from __future__ import annotations

from annotator.core.store import NewDocument, Project
from annotator.core.store.search import MAX_TERMS, build_fts_query


def test_a_pasted_page_makes_a_bounded_query() -> None:
    words = " ".join(f"kata{i}" for i in range(20_000))
    query = build_fts_query(words)
    assert query.count('"') == 2 * MAX_TERMS
    assert query.startswith('"kata0" "kata1"')


def test_repeated_words_count_once() -> None:
    assert build_fts_query("putin putin PUTIN* putin") == '"putin" "PUTIN"*'


def test_fts_syntax_is_quoted(project: Project) -> None:
    project.documents.insert([NewDocument(text="Kim Jong Un bertemu Putin NEAR Vladivostok")])
    project.search.update_index()
    assert build_fts_query('a" OR "b') == '"a""" "OR" """b"'
    assert project.search.find('NEAR(kim putin)') == []
    assert project.search.find("putin NEAR") == [1]
    assert project.search.find("vladi*") == [1]
    assert project.search.find("* ** \"") == []


def test_a_pasted_page_still_finds_by_its_first_words(project: Project) -> None:
    project.documents.insert([NewDocument(text="Kim Jong Un bertemu Putin di Vladivostok")])
    project.search.update_index()
    page = "kim putin " + " ".join(f"kata{i}" for i in range(20_000))
    assert project.search.find(page) == []  # 16 words ANDed: the 14 made-up ones miss
    assert project.search.find("kim putin " * 10_000) == [1]
