"""The claims dev set (bench/gold): valid native JSONL the importer takes, and a floor
under the recognizer's figures on the unseen articles (issue 16's targets)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from annotator.core.importers import import_paths
from annotator.core.store import Project

BENCH = Path(__file__).resolve().parents[2] / "bench"
GOLD = BENCH / "gold"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_claims_quality", BENCH / "bench_claims_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["seeds", "unseen"])
def test_gold_files_import_with_their_claims(project: Project, name: str) -> None:
    path = GOLD / f"{name}.claims.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    summary = import_paths(project, [path])
    assert summary.claims == sum(len(r["claims"]) for r in records) > 0
    by_text = {r["text"]: r for r in records}
    for doc_id in project.documents.ids():
        doc = project.documents.get(doc_id)
        record = by_text[doc.text]
        stored = sorted(project.claims.list(doc_id), key=lambda c: (c.start, c.end))
        golds = sorted(record["claims"], key=lambda c: (c["start"], c["end"]))
        assert [(c.start, c.end, c.label) for c in stored] == [
            (c["start"], c["end"], c["label"]) for c in golds]
        entities = {e.id: doc.text[e.start:e.end] for e in project.spans.list(doc_id)}
        for claim, gold in zip(stored, golds, strict=True):
            said = entities[claim.claimant_id] if claim.claimant_id else claim.claimant_text
            assert said == gold.get("claimant_text")


def test_unseen_figures_meet_issue_16_targets() -> None:
    bench = _bench()
    figures = bench.run("unseen", "gold", verbose=False)
    assert figures["detection_f1"] >= 0.8
    assert figures["claimant_acc"] >= 0.7
    assert figures["label_acc"] >= 0.7
