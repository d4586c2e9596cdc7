"""``annotator suggest``: shards that are a pure function of the input and the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.claims import VERSION as CLAIMS_VERSION
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, Document, SpanStatus
from annotator.core.recognizers import get, preannotate
from annotator.core.store import Project
from annotator.core.suggest import Suggester, SuggestSettings, iter_records
from annotator.core.suggest_run import MANIFEST, run_suggest, shard_name

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
OFFLINE = SuggestSettings(recognizers=("gazetteer", "dates", "claims"), lang="id")


def corpus(tmp_path: Path) -> list[Path]:
    """The five seed articles (.txt) and a JSONL file with a person's decisions."""
    records = [
        {"id": "kept", "text": "Presiden Rusia bertemu di Jepang pada Selasa.",
         # a person accepted "Rusia" as ORG and rejected the date "Selasa"
         "spans": [{"start": 9, "end": 14, "label": "ORG", "status": "accepted"},
                   {"start": 38, "end": 44, "label": "DATE", "status": "rejected"}]},
        {"text": "Warga Jepang dan Korea Utara berkumpul pada 12/9/2023 di Jakarta."},
        {"text": "   "},  # empty: skipped with a warning, as by the import
    ]
    jsonl = tmp_path / "extra.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return [SEEDS, jsonl]


def shard_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("shard-*.jsonl"))}


def test_shards_are_deterministic_whatever_the_workers(tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    one = run_suggest(inputs, tmp_path / "one", OFFLINE, workers=1, shard_size=2)
    two = run_suggest(inputs, tmp_path / "two", OFFLINE, workers=2, shard_size=2)
    assert one.documents == two.documents == 7  # 5 seeds + 2 records (the empty one skipped)
    assert one.shards == 4 and one.written == 4
    assert shard_bytes(tmp_path / "one") == shard_bytes(tmp_path / "two")
    assert len(shard_bytes(tmp_path / "one")) == 4
    manifest = json.loads((tmp_path / "one" / MANIFEST).read_text())
    assert manifest["complete"] and manifest["documents"] == 7
    versions = {name: get(name).version for name in ("gazetteer", "dates")}
    assert manifest["versions"] == {**versions, "claims": CLAIMS_VERSION}
    lines = [json.loads(line) for line in
             (tmp_path / "one" / shard_name(0)).read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    for record in lines:
        assert record["recognizer_runs"] == [
            {"recognizer": n, "version": v} for n, v in manifest["versions"].items()]
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    everything = [json.loads(line) for p in sorted((tmp_path / "one").glob("shard-*"))
                  for line in p.read_text(encoding="utf-8").splitlines()]
    sources = {s["source"] for r in everything for s in r["spans"]}
    assert {"gazetteer", "dates"} <= sources
    assert any(c["source"] == "claims" and c["status"] == "suggested"
               for r in everything for c in r["claims"])


def test_a_resumed_run_redoes_only_missing_shards(tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    out = tmp_path / "out"
    run_suggest(inputs, out, OFFLINE, workers=1, shard_size=2)
    before = shard_bytes(out)
    (out / shard_name(2)).unlink()
    (out / MANIFEST).write_text(  # as left by a run that was killed: no "complete" yet
        json.dumps({k: v for k, v in json.loads((out / MANIFEST).read_text()).items()
                    if k not in ("complete", "shards", "documents")}))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("shard-*")}
    again = run_suggest(inputs, out, OFFLINE, workers=1, shard_size=2)
    assert (again.written, again.skipped, again.documents) == (1, 3, 7)
    assert shard_bytes(out) == before
    assert all((out / name).stat().st_mtime_ns == ns for name, ns in stamps.items())
    assert json.loads((out / MANIFEST).read_text())["complete"]
    assert not list(out.glob(".*.tmp"))


def test_other_settings_never_mix_into_a_folder(tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    out = tmp_path / "out"
    run_suggest(inputs, out, OFFLINE, workers=1, shard_size=2)
    with pytest.raises(AnnotatorError, match="other settings, versions"):
        run_suggest(inputs, out, SuggestSettings(recognizers=("dates",), lang="id"),
                    workers=1, shard_size=2)
    with pytest.raises(AnnotatorError, match="other shard_size"):
        run_suggest(inputs, out, OFFLINE, workers=1, shard_size=3)


def test_human_decisions_win_over_suggestions() -> None:
    suggester = Suggester(OFFLINE)
    text = "Presiden Rusia bertemu di Jepang pada Selasa."
    out = suggester.suggest_record({"text": text, "lang": "id", "spans": [
        {"id": "x", "start": 9, "end": 14, "label": "ORG", "status": "accepted",
         "source": "import"},
        {"id": "y", "start": 38, "end": 44, "label": "DATE", "status": "rejected",
         "source": "dates"}]})
    by_text = {(text[s["start"]:s["end"]], s["status"]): s for s in out["spans"]}
    assert by_text[("Rusia", "accepted")]["label"] == "ORG"  # not relabelled to LOC
    assert ("Rusia", "suggested") not in by_text
    assert ("Selasa", "suggested") not in by_text  # rejected: never suggested again
    assert by_text[("Jepang", "suggested")]["source"] == "gazetteer"
    assert [s["id"] for s in out["spans"]] == ["e1", "e2", "e3"]
    # the bare recognizers do find what the person decided on
    assert {(s.start, s.end) for r in suggester.entity_recognizers
            for s in r.recognize(_doc(text))} >= {(9, 14), (38, 44)}


def _doc(text: str) -> Document:
    return Document(id=0, external_id="", text=text, lang="id")


def test_shards_import_as_suggestions_and_nothing_runs_twice(tmp_path: Path,
                                                             project: Project) -> None:
    out = tmp_path / "out"
    run_suggest(corpus(tmp_path), out, OFFLINE, workers=1, shard_size=3)
    summary = import_paths(project, [out])
    assert summary.documents == 7
    suggested = [e for d in project.documents.ids() for e in project.spans.list(d)
                 if e.status == SpanStatus.SUGGESTED]
    assert suggested and all(e.source in ("gazetteer", "dates") and e.score for e in suggested)
    claims = [c for d in project.documents.ids() for c in project.claims.list(d)]
    assert any(c.source == "claims" and c.status == SpanStatus.SUGGESTED for c in claims)
    doc_id = project.documents.ids()[0]
    assert project.runs.has_run(doc_id, "gazetteer", get("gazetteer").version)
    assert project.runs.has_run(doc_id, "claims", CLAIMS_VERSION)
    report = preannotate(project, ["gazetteer", "dates"])
    assert report.cached["gazetteer"] == 7 and report.ran["gazetteer"] == 0
    assert sum(report.added.values()) == 0


def test_the_command_line_writes_shards_and_says_what_is_wrong(tmp_path: Path) -> None:
    runner = CliRunner()
    inputs = [str(p) for p in corpus(tmp_path)]
    done = runner.invoke(main, ["suggest", *inputs, "--out", str(tmp_path / "out"),
                                "--recognizer", "dates", "--lang", "id", "--workers", "1"])
    assert done.exit_code == 0, done.output
    assert "7 documents in 1 shards" in done.output
    refused = runner.invoke(main, ["suggest", *inputs, "--out", str(tmp_path / "o2"),
                                   "--recognizer", "dictionary"])
    assert refused.exit_code == 1 and "annotator preannotate" in refused.output
    unknown = runner.invoke(main, ["suggest", *inputs, "--out", str(tmp_path / "o3"),
                                   "--recognizer", "spacy"])
    assert unknown.exit_code == 1 and "unknown recognizer 'spacy'" in unknown.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    broken = runner.invoke(main, ["suggest", str(bad), "--out", str(tmp_path / "o4")])
    assert broken.exit_code == 1 and "bad.jsonl, line 2: not valid JSON" in broken.output


def test_bad_recognizer_runs_in_an_import_name_the_line(tmp_path: Path,
                                                        project: Project) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Rusia"}\n{"text": "Jepang", "recognizer_runs": ["dates"]}\n',
                   encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"bad.jsonl, line 2: \"recognizer_runs\" must be"):
        import_paths(project, [bad])
    assert project.documents.count() == 0


@pytest.mark.slow
def test_stanza_recognizers_in_workers_with_tiny_models(tmp_path: Path,
                                                        project: Project) -> None:
    import sys

    repo = Path(__file__).resolve().parents[2]
    if str(repo) not in sys.path:
        sys.path.insert(0, str(repo))
    from tests.fixtures import tiny_stanza as ts

    models = ts.build_tiny_models(ts.default_cache_dir(), "id")
    settings = SuggestSettings(recognizers=("stanza-ner", "gazetteer", "stanza-propn", "claims"),
                               lang="id", stanza_dir=str(models))
    two = run_suggest([SEEDS], tmp_path / "two", settings, workers=2, shard_size=3)
    assert two.messages == []
    # the same bytes as the function called in this process, one record after another
    in_process = Suggester(settings).suggest_lines(iter_records([SEEDS], lang="id"))
    written = "".join(p.read_text(encoding="utf-8")
                      for p in sorted((tmp_path / "two").glob("shard-*")))
    assert written == "".join(line + "\n" for line in in_process)
    records = [json.loads(line) for line in in_process]
    sources = {s["source"] for r in records for s in r["spans"]}
    assert sources & {"stanza-ner", "stanza-propn"}
    import_paths(project, [tmp_path / "two"])
    report = preannotate(project, ["stanza-ner", "stanza-propn", "gazetteer"],
                         options={"stanza_dir": models})
    assert report.cached["stanza-propn"] == 5 and report.cached["stanza-ner"] == 5
    assert sum(report.ran.values()) == 0


def test_a_claimant_whose_suggestion_is_replaced_becomes_free_text() -> None:
    text = "Jepang menolak, kata juru bicara."
    out = Suggester(OFFLINE).suggest_record({"text": text, "lang": "id", "spans": [
        # an old gazetteer suggestion with a made-up label: this run replaces it
        {"id": "e1", "start": 0, "end": 6, "label": "ORG", "status": "suggested",
         "source": "gazetteer", "score": 0.1}],
        "claims": [{"start": 0, "end": 14, "label": "DENIAL", "status": "accepted",
                    "source": "import", "claimant": "e1"}]})
    assert [(s["label"], s["source"]) for s in out["spans"]] == [("LOC", "gazetteer")]
    person = [c for c in out["claims"] if c["source"] == "import"]
    assert person == [{"id": "c1", "start": 0, "end": 14, "label": "DENIAL",
                       "status": "accepted", "source": "import", "claimant_text": "Jepang"}]
