"""Teams: assign, merge into layers, agreement (against a hand computation), gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.model import AnnotatorError, DocStatus, SpanStatus
from annotator.core.store import Project, text_sha256
from annotator.core.teams.agreement import cohen_kappa, krippendorff_alpha, token_labels
from annotator.core.teams.assign import assign, plan
from annotator.core.teams.merge import merge_projects
from tests.fixtures.team_projects import annotate

TEXT = "Joko Widodo bertemu Angela Merkel di Jakarta pada Senin."
OTHER = "Presiden Prabowo berkunjung ke Surabaya hari Selasa."
JW, AM, MERKEL, JKT, SENIN = (0, 11), (20, 33), (27, 33), (37, 44), (50, 55)


def _corpus(tmp_path: Path, texts: list[str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for k, text in enumerate(texts):
        (folder / f"{k:03}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """ana and budi both got TEXT (overlap 1.0) and OTHER; their work differs."""
    corpus = _corpus(tmp_path, [TEXT, OTHER])
    assign([corpus], ["ana", "budi"], tmp_path / "team", overlap=1.0)
    ana, budi = tmp_path / "team" / "ana.annotator.db", tmp_path / "team" / "budi.annotator.db"
    claim = (0, len(TEXT), "CHECKWORTHY", JW)
    annotate(ana, TEXT, [(*JW, "PER"), (*AM, "PER"), (*JKT, "LOC"), (*SENIN, "DATE")],
             [claim])
    annotate(budi, TEXT, [(*JW, "PER"), (*MERKEL, "PER"), (*JKT, "ORG"), (*SENIN, "DATE")],
             [(0, len(TEXT), "FACTUAL", JW)])
    annotate(ana, OTHER, [(9, 16, "PER")], status=DocStatus.IN_PROGRESS)
    return ana, budi


def test_plan_is_deterministic_and_shares_the_overlap() -> None:
    hashes = [text_sha256(f"document {k}") for k in range(200)]
    split = plan(hashes, ["ana", "budi", "citra"], 0.1)
    assert split == plan(list(reversed(hashes)), ["ana", "budi", "citra"], 0.1)
    shared = [h for h, who in split.items() if len(who) == 3]
    assert len(shared) == 20
    per_person = {n: sum(1 for who in split.values() if who == [n]) for n in ("ana", "budi")}
    assert per_person == {"ana": 60, "budi": 60}


def test_assign_writes_one_named_file_each_and_refuses_to_overwrite(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, [f"Artikel nomor {k} tentang Jakarta." for k in range(30)])
    summary = assign([corpus], ["ana", "budi", "citra"], tmp_path / "out", overlap=0.2)
    assert summary.documents == 30 and summary.overlap == 6
    total = 0
    for name in ("ana", "budi", "citra"):
        with Project(tmp_path / "out" / f"{name}.annotator.db", create=False) as p:
            assert p.settings.get("annotator") == name
            total += p.documents.count()
    assert total == 6 * 3 + 24
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == [
        "ana.annotator.db", "budi.annotator.db", "citra.annotator.db"]
    with pytest.raises(AnnotatorError, match="already there"):
        assign([corpus], ["ana"], tmp_path / "out")


def test_merge_keeps_every_layer_and_is_idempotent(tmp_path: Path,
                                                   pair: tuple[Path, Path]) -> None:
    with Project(tmp_path / "team.db") as team:
        first = merge_projects(team, [str(p) for p in pair])
        layers = team.layers
        counts = layers.counts()
        assert first.documents_added == 2 and first.layers_added == 4
        assert counts == {"layer_documents": 4, "layer_entities": 9, "layer_claims": 2}
        gold_before = team.spans.list(1, include_rejected=True) + team.spans.list(2)
        again = merge_projects(team, [str(p) for p in pair])
        assert again.layers_unchanged == 4 and again.layers_added == again.layers_updated == 0
        assert layers.counts() == counts
        assert team.spans.list(1, include_rejected=True) + team.spans.list(2) == gold_before


def test_gold_holds_the_consensus_and_the_rest_is_open(tmp_path: Path,
                                                       pair: tuple[Path, Path]) -> None:
    with Project(tmp_path / "team.db") as team:
        summary = merge_projects(team, [str(p) for p in pair])
        doc = next(d for d in team.documents.iter() if d.text == TEXT)
        gold = {(e.start, e.end, e.label) for e in team.spans.list(doc.id)}
        assert gold == {(*JW, "PER"), (*SENIN, "DATE")}
        assert all(e.source == "consensus" and e.status == SpanStatus.ACCEPTED
                   for e in team.spans.list(doc.id))
        # Merkel vs Angela Merkel, Jakarta LOC vs ORG, and the claim's label
        assert team.layers.open_counts() == {doc.id: 3}
        assert summary.open_documents == 1 and summary.waiting == 1
        other = next(d for d in team.documents.iter() if d.text == OTHER)
        assert team.spans.list(other.id) == []  # ana is still at work on it


def test_same_name_in_two_files_is_refused(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    ana, _budi = pair
    copy = tmp_path / "copy.db"
    copy.write_bytes(ana.read_bytes())
    with Project(tmp_path / "team.db") as team:
        with pytest.raises(AnnotatorError, match="both say their annotator is 'ana'"):
            merge_projects(team, [str(ana), str(copy)])
        assert team.layers.counts()["layer_documents"] == 0
        merge_projects(team, [str(ana)])
        with Project(copy) as other:  # another file that also says "ana"
            other.settings.set("project_id", "another")
        with pytest.raises(AnnotatorError, match="already in"):
            merge_projects(team, [str(copy)])


def test_hand_computed_kappa_and_alpha() -> None:
    tokens = [(0, 4), (5, 11), (12, 19), (20, 26), (27, 33), (34, 36), (37, 44), (45, 49),
              (50, 55), (55, 56)]
    a = token_labels(tokens, [(*JW, "PER"), (*AM, "PER"), (*JKT, "LOC"), (*SENIN, "DATE")])
    b = token_labels(tokens, [(*JW, "PER"), (*MERKEL, "PER"), (*JKT, "ORG"), (*SENIN, "DATE")])
    assert a == ["PER", "PER", "O", "PER", "PER", "O", "LOC", "O", "DATE", "O"]
    assert b == ["PER", "PER", "O", "O", "PER", "O", "ORG", "O", "DATE", "O"]
    # p_o = 8/10; p_e = (4*3 [PER] + 4*5 [O] + 1*1 [DATE]) / 100 = 0.33
    assert cohen_kappa(a, b) == pytest.approx((0.8 - 0.33) / (1 - 0.33))
    # coincidences: 4 disagreeing pairable values of n = 20; n_c = PER 7, O 9, LOC 1,
    # ORG 1, DATE 2: alpha = 1 - (n - 1) * 4 / (n^2 - sum n_c^2) = 1 - 19 * 4 / 264
    assert krippendorff_alpha(a, b) == pytest.approx(1 - 76 / 264)
    assert cohen_kappa(["O", "O"], ["O", "O"]) is None


def test_agreement_cli_json_matches_the_hand_computation(tmp_path: Path,
                                                         pair: tuple[Path, Path]) -> None:
    runner = CliRunner()
    team = tmp_path / "team.db"
    merged = runner.invoke(main, ["merge", *map(str, pair), "--into", str(team)])
    assert merged.exit_code == 0, merged.output
    assert "to adjudicate: 3 disagreements in 1 documents" in merged.output
    out = runner.invoke(main, ["agreement", "--project", str(team), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    (p,) = result["pairs"]
    assert p["annotators"] == ["ana", "budi"] and p["documents"] == 1
    assert p["f1"] == pytest.approx(2 * 2 / 8)          # JW PER and Senin DATE of 4 + 4
    assert p["per_label"]["PER"]["f1"] == pytest.approx(0.5)
    assert p["per_label"]["DATE"]["f1"] == 1.0
    assert p["per_label"]["LOC"]["f1"] == 0.0 and p["per_label"]["ORG"]["f1"] == 0.0
    assert p["kappa"] == pytest.approx(0.47 / 0.67)
    assert p["alpha"] == pytest.approx(1 - 76 / 264)
    assert p["claims"] == {"claims": [1, 1], "paired": 1, "f1": 1.0, "label_agreement": 0.0,
                           "claimant_agreement": 1.0}
    text = runner.invoke(main, ["agreement", "--project", str(team)])
    assert "ana / budi" in text.output and "open disagreements: 3 in 1" in text.output


def test_agreement_on_a_missing_file_is_an_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["agreement", "--project", str(tmp_path / "nope.db")])
    assert out.exit_code != 0 and "no such project" in out.output
    assert not (tmp_path / "nope.db").exists()


def _record(annotator_key: str, who: str, spans: list[tuple[int, int, str]]) -> str:
    return json.dumps({"text": TEXT, annotator_key: who, "answer": "accept",
                       "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans]})


def test_records_of_one_text_by_two_annotators_become_layers(tmp_path: Path) -> None:
    from annotator.core.importers import import_paths

    data = tmp_path / "team.jsonl"
    data.write_text(_record("annotator", "ana", [(*JW, "PER"), (*JKT, "LOC")]) + "\n"
                    + _record("_annotator_id", "budi", [(*JW, "PER"), (*JKT, "ORG")]) + "\n",
                    encoding="utf-8")
    with Project(tmp_path / "p.db") as project:
        summary = import_paths(project, [data])
        assert summary.documents == 1 and summary.layered == 1 and summary.duplicates == 0
        layers = project.layers
        (doc_id,) = project.documents.ids()
        by_who = {d.annotator: {s.key for s in d.entities}
                  for d in layers.documents([doc_id])[doc_id]}
        assert by_who == {"ana": {(*JW, "PER"), (*JKT, "LOC")},
                          "budi": {(*JW, "PER"), (*JKT, "ORG")}}
        # the main tables are now the gold layer: the agreed span only
        assert [(e.start, e.end, e.label) for e in project.spans.list(doc_id)] == [(*JW, "PER")]
        assert layers.open_counts() == {doc_id: 1}
        again = import_paths(project, [data])  # the same records again add nothing
        assert again.documents == 0
        assert layers.counts() == {"layer_documents": 2, "layer_entities": 4, "layer_claims": 0}


def test_export_one_annotators_layer(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    runner = CliRunner()
    team = tmp_path / "team.db"
    assert runner.invoke(main, ["merge", *map(str, pair), "--into", str(team)]).exit_code == 0
    out = tmp_path / "budi.jsonl"
    res = runner.invoke(main, ["export", "--project", str(team), "--format", "jsonl",
                               "--annotator", "budi", "--out", str(out)])
    assert res.exit_code == 0, res.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [
        (*JW, "PER"), (*MERKEL, "PER"), (*JKT, "ORG"), (*SENIN, "DATE")]
    assert record["claims"][0]["label"] == "FACTUAL"
    assert record["claims"][0]["claimant_text"] == "Joko Widodo"
    gold = runner.invoke(main, ["export", "--project", str(team), "--format", "jsonl",
                                "--status", "all"])
    spans = [[(s["start"], s["end"]) for s in json.loads(line)["spans"]]
             for line in gold.output.splitlines() if line.startswith("{")]
    assert [JW, SENIN] in [[tuple(x) for x in s] for s in spans]
    bad = runner.invoke(main, ["export", "--project", str(team), "--format", "jsonl",
                               "--annotator", "zed"])
    assert bad.exit_code != 0 and "no layer of annotator 'zed'" in bad.output


def test_files_made_by_plain_import_merge_by_their_names(tmp_path: Path) -> None:
    """Projects filled by `annotator import` (no name recorded) are named after their
    file, or NAME=FILE; the note says so."""
    runner = CliRunner()
    for name, label in (("ana", "PER"), ("budi", "ORG")):
        data = tmp_path / f"{name}.jsonl"
        data.write_text(json.dumps({"text": TEXT, "status": "done", "spans": [
            {"start": JW[0], "end": JW[1], "label": label}]}) + "\n", encoding="utf-8")
        res = runner.invoke(main, ["import", str(data), "--project", str(tmp_path / f"{name}.db")])
        assert res.exit_code == 0, res.output
    team = tmp_path / "team.db"
    res = runner.invoke(main, ["merge", str(tmp_path / "ana.db"),
                               f"bob={tmp_path / 'budi.db'}", "--into", str(team)])
    assert res.exit_code == 0, res.output
    assert "records no annotator name: merged as 'ana'" in res.output
    out = json.loads(runner.invoke(main, ["agreement", "--project", str(team), "--json"]).output)
    (p,) = out["pairs"]
    assert p["annotators"] == ["ana", "bob"] and p["f1"] == 0.0 and p["documents"] == 1
    bad = runner.invoke(main, ["merge", str(tmp_path / "nothing.db"), "--into",
                               str(tmp_path / "new-team.db")])
    assert bad.exit_code != 0 and "no such project file" in bad.output
    assert not (tmp_path / "new-team.db").exists()


def test_assign_keeps_pre_annotations_with_their_claimants(tmp_path: Path) -> None:
    data = tmp_path / "pre.jsonl"
    data.write_text(json.dumps({"text": TEXT, "spans": [
        {"id": "e1", "start": JW[0], "end": JW[1], "label": "PER", "status": "suggested"}],
        "claims": [{"start": 0, "end": len(TEXT), "label": "FACTUAL", "claimant": "e1"}]})
        + "\n", encoding="utf-8")
    assign([data], ["ana", "budi"], tmp_path / "out", overlap=1.0)
    for name in ("ana", "budi"):
        with Project(tmp_path / "out" / f"{name}.annotator.db", create=False) as p:
            (doc_id,) = p.documents.ids()
            (ent,) = p.spans.list(doc_id)
            (claim,) = p.claims.list(doc_id)
            assert ent.status == SpanStatus.SUGGESTED and claim.claimant_id == ent.id
            assert p.documents.get(doc_id).status == DocStatus.NEW


def test_a_newer_file_replaces_its_layer_and_undoes_a_stale_agreement(
        tmp_path: Path, pair: tuple[Path, Path]) -> None:
    from annotator.core import commands as cmds

    ana, budi = pair
    with Project(tmp_path / "team.db") as team:
        merge_projects(team, [ana, budi])
        doc = next(d for d in team.documents.iter() if d.text == TEXT)
        assert (*JW, "PER") in {(e.start, e.end, e.label) for e in team.spans.list(doc.id)}
        with Project(budi, create=False) as mine:  # budi changes his mind about Joko Widodo
            mine.annotator = "budi"
            (ent,) = [e for e in mine.spans.list(1) if (e.start, e.end) == JW]
            assert ent.id is not None
            mine.execute(cmds.relabel(ent.id, "ORG"))
        again = merge_projects(team, [ana, budi])
        assert again.layers_updated == 1 and again.layers_unchanged == 3
        gold = {(e.start, e.end, e.label) for e in team.spans.list(doc.id)}
        assert gold == {(*SENIN, "DATE")}
        assert team.layers.open_counts()[doc.id] == 4
