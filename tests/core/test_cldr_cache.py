"""The on-disk cache of CLDR-derived data (names, date patterns, month/day words)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.recognizers import cldr_cache
from annotator.core.recognizers.cldr_cache import cache_file, cached
from annotator.core.recognizers.dates import _source
from annotator.core.recognizers.gazetteer import _cldr_terms


def test_built_once_then_read_from_the_file(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return ["Senin", "Selasa"]

    assert cached("words", "xx", build) == ["Senin", "Selasa"]
    assert cached("words", "xx", build) == ["Senin", "Selasa"]
    assert calls == [1]
    assert json.loads(cache_file("xx").read_text(encoding="utf-8"))["words"] == ["Senin",
                                                                                 "Selasa"]


def test_a_corrupt_or_stale_file_is_rebuilt(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = cache_file("yy")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert cached("words", "yy", lambda: ["a"]) == ["a"]
    monkeypatch.setattr(cldr_cache, "CODE_VERSION", "changed")
    assert cached("words", "yy", lambda: ["b"]) == ["b"]  # another version: built again


def test_cached_cldr_data_equals_a_fresh_build() -> None:
    from annotator.core.recognizers.dates import patterns
    from annotator.core.recognizers.gazetteer import cldr_terms

    cldr_terms.cache_clear()
    patterns.cache_clear()
    first = cldr_terms("id")
    cldr_terms.cache_clear()
    assert cldr_terms("id") == first == _cldr_terms("id")  # the second from the file
    patterns.cache_clear()
    pattern = patterns("id")
    assert pattern is not None and pattern.pattern == _source("id")
    assert "Moskwa" in first or "Rusia" in first


def test_parsed_toml_follows_edits(tmp_path: Path) -> None:
    import tomllib

    from annotator.core.recognizers.cldr_cache import parsed_toml

    path = tmp_path / "words.toml"
    path.write_text('LOC = ["Moskow"]\n', encoding="utf-8")
    assert parsed_toml(path, tomllib.loads) == {"LOC": ["Moskow"]}
    assert parsed_toml(path, lambda _text: {"not": "parsed again"}) == {"LOC": ["Moskow"]}
    path.write_text('LOC = ["Moskow", "Korut"]\n', encoding="utf-8")
    assert parsed_toml(path, tomllib.loads) == {"LOC": ["Moskow", "Korut"]}
