"""A team lead's whole round on the command line, with the five seed articles:
assign with overlap, two people annotate in their own files (through the editor, as
the window does, disagreeing on purpose), merge twice, agreement, export a layer.

The agreement figures are recomputed here from the two annotators' own files (their
native exports), independently of annotator.core.teams: exact-span F1, Cohen's kappa
on token labels by its textbook formula, Krippendorff's alpha by the krippendorff
package."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main as cli
from annotator.core.editing import Editor
from annotator.core.model import Claim, DocStatus, SpanStatus
from annotator.core.paths import seeds_dir
from annotator.core.store import Project
from annotator.core.teams import member_name

NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def annotate_as(path: Path, person: str) -> None:
    """Accept, relabel and reject suggestions, label names by hand, add a claim and
    finish every document: ana and budi follow different rules on purpose."""
    with Project(path, create=False) as project:
        project.annotator = member_name(project)
        assert project.annotator == person
        editor = Editor(project)
        for doc_id in project.documents.ids():
            text = project.documents.get(doc_id).text
            suggested = [e for e in project.spans.list(doc_id)
                         if e.status == SpanStatus.SUGGESTED]
            for k, ent in enumerate(suggested):
                assert ent.id is not None
                if k % (7 if person == "ana" else 5) == 3:
                    editor.update_span(ent.id, {"status": SpanStatus.REJECTED}, doc_id)
                elif k % (11 if person == "ana" else 4) == 2:
                    editor.relabel(ent, "MISC" if person == "ana" else "ORG")
                else:
                    editor.relabel(ent, ent.label)
            taken = [(e.start, e.end) for e in project.spans.list(doc_id)]
            free = [m for m in NAME.finditer(text)
                    if not any(s < m.end() and m.start() < e for s, e in taken)]
            for m in free[:6 if person == "ana" else 4]:  # whole words: no token split
                editor.label_span(doc_id, m.start(), m.end(),
                                  "PER" if person == "ana" else "ORG", text=text)
            sentence_end = text.find(".") + 1
            editor.add_claim(Claim(doc_id, 0, sentence_end,
                                   "CHECKWORTHY" if person == "ana" else "FACTUAL"))
            editor.set_status(doc_id, DocStatus.DONE)


def native(path: Path, *extra: str) -> dict[str, dict[str, Any]]:
    out = run("export", "--project", str(path), "--format", "jsonl", "--status", "all", *extra)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {r["text"]: r for r in lines}


def kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(a) | set(b)) / (n * n)
    return (observed - expected) / (1 - expected)


def expected_agreement(ana: dict[str, dict[str, Any]], budi: dict[str, dict[str, Any]]
                       ) -> dict[str, Any]:
    shared = sorted(set(ana) & set(budi))
    matched = n_a = n_b = 0
    per_label: dict[str, list[int]] = {}
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    claim_labels = []
    for text in shared:
        a = {(s["start"], s["end"], s["label"]) for s in ana[text]["spans"]}
        b = {(s["start"], s["end"], s["label"]) for s in budi[text]["spans"]}
        matched, n_a, n_b = matched + len(a & b), n_a + len(a), n_b + len(b)
        for label in {s[2] for s in a | b}:
            la, lb = {s for s in a if s[2] == label}, {s for s in b if s[2] == label}
            row = per_label.setdefault(label, [0, 0, 0])
            row[0], row[1], row[2] = row[0] + len(la & lb), row[1] + len(la), row[2] + len(lb)
        tokens = [(t["start"], t["end"]) for t in ana[text]["tokens"]]
        assert tokens == [(t["start"], t["end"]) for t in budi[text]["tokens"]]
        for start, _end in tokens:
            tokens_a.append(next((s[2] for s in a if s[0] <= start < s[1]), "O"))
            tokens_b.append(next((s[2] for s in b if s[0] <= start < s[1]), "O"))
        [claim_a], [claim_b] = ana[text]["claims"], budi[text]["claims"]
        claim_labels.append(claim_a["label"] == claim_b["label"])
    codes = {v: i for i, v in enumerate(sorted(set(tokens_a) | set(tokens_b)))}
    alpha = krippendorff.alpha(
        reliability_data=np.array([[codes[x] for x in tokens_a], [codes[y] for y in tokens_b]],
                                  dtype=float), level_of_measurement="nominal")
    return {"documents": len(shared), "f1": 2 * matched / (n_a + n_b), "spans": [n_a, n_b],
            "per_label": {k: 2 * r[0] / (r[1] + r[2]) for k, r in per_label.items()},
            "kappa": kappa(tokens_a, tokens_b), "alpha": float(alpha),
            "tokens": len(tokens_a), "claim_label": sum(claim_labels) / len(claim_labels)}


def test_assign_annotate_merge_twice_agreement_and_export(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), corpus)
    team = tmp_path / "team"
    out = run("assign", str(corpus), "--annotators", "ana,budi", "--overlap", "0.4",
              "--out", str(team))
    assert "5 documents, 2 of them given to everybody" in out
    files = {who: team / f"{who}.annotator.db" for who in ("ana", "budi")}
    for who, path in files.items():
        run("preannotate", "--project", str(path), "--recognizer", "names",
            "--recognizer", "dates")
        annotate_as(path, who)
    ana, budi = native(files["ana"]), native(files["budi"])
    assert len(ana) + len(budi) == 7 and len(set(ana) & set(budi)) == 2

    gold = tmp_path / "gold.db"
    first = run("merge", str(files["ana"]), str(files["budi"]), "--into", str(gold))
    assert "5 new documents; layers 7 added" in first
    stats = run("stats", "--project", str(gold), "--json")
    again = run("merge", str(files["ana"]), str(files["budi"]), "--into", str(gold))
    assert "0 new documents; layers 0 added, 0 updated, 7 unchanged" in again
    assert run("stats", "--project", str(gold), "--json") == stats

    got = json.loads(run("agreement", "--project", str(gold), "--json"))
    [pair] = got["pairs"]
    want = expected_agreement(ana, budi)
    assert pair["annotators"] == ["ana", "budi"]
    assert pair["documents"] == want["documents"] == 2
    assert pair["spans"] == want["spans"] and pair["tokens"] == want["tokens"]
    assert pair["f1"] == pytest.approx(want["f1"])
    assert {k: v["f1"] for k, v in pair["per_label"].items()} == pytest.approx(want["per_label"])
    assert pair["kappa"] == pytest.approx(want["kappa"])
    assert pair["alpha"] == pytest.approx(want["alpha"])
    assert pair["claims"]["label_agreement"] == pytest.approx(want["claim_label"]) == 0.0
    assert 0.0 < pair["f1"] < 1.0 and 0.0 < pair["kappa"] < 1.0  # they do disagree

    # a layer exports as that annotator's own file does
    layer = native(gold, "--annotator", "ana")
    assert {t: sorted((s["start"], s["end"], s["label"]) for s in r["spans"])
            for t, r in layer.items()} == {
        t: sorted((s["start"], s["end"], s["label"]) for s in r["spans"])
        for t, r in ana.items()}


def test_prodigy_records_of_two_annotators_on_one_text_become_layers(tmp_path: Path) -> None:
    text = "Presiden Joko Widodo 🇮🇩 bertemu Anwar Ibrahim di Jakarta."

    def span(words: str, label: str) -> dict[str, Any]:
        start = text.index(words)
        return {"start": start, "end": start + len(words), "label": label}

    records = [
        {"text": text, "answer": "accept", "_annotator_id": "news-ana",
         "spans": [span("Joko Widodo", "PER"), span("Jakarta", "LOC")]},
        {"text": text, "answer": "accept", "_annotator_id": "news-budi",
         "spans": [span("Joko Widodo", "PER"), span("Anwar Ibrahim", "PER"),
                   span("Jakarta", "ORG")]},
    ]
    source = tmp_path / "prodigy.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    project = tmp_path / "p.db"
    run("import", str(source), "--project", str(project))
    got = json.loads(run("agreement", "--project", str(project), "--json"))
    [pair] = got["pairs"]
    assert pair["annotators"] == ["news-ana", "news-budi"]
    assert pair["f1"] == pytest.approx(2 * 1 / (2 + 3))
    budi = native(project, "--annotator", "news-budi")
    assert len(budi[text]["spans"]) == 3
