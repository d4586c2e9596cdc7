"""Claims survive export -> import (native JSONL, doccano) with claimants remapped,
and the ``claims`` export writes one usable claim a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.commands import AddClaim, AddEntity
from annotator.core.model import Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project

exporters = pytest.importorskip("annotator.core.exporters",
                                reason="the exporters are not written yet")
importers = pytest.importorskip("annotator.core.importers",
                                reason="the importers are not written yet")

TEXT = ("Pertemuan berlangsung di Vladivostok.\n"
        "“Pasokan amunisi akan bertambah tahun ini,” kata juru bicara Kementerian Pertahanan "
        "Rina Wulandari. 🎉 Sumber tersebut mengatakan bahwa kereta berangkat Minggu malam.\n"
        "Moskow membantah laporan itu.")


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _fill(project: Project) -> int:
    """A document with two entities and three claims (entity, free text, no claimant)."""
    doc_id = project.documents.insert([NewDocument(
        TEXT, "art-1", meta={"source": "test"}, status=DocStatus.DONE, lang="id")]).doc_ids[0]
    per = AddEntity(doc_id, *_at(TEXT, "Rina Wulandari"), "PER")
    org = AddEntity(doc_id, *_at(TEXT, "Kementerian Pertahanan"), "ORG")
    loc = AddEntity(doc_id, *_at(TEXT, "Moskow"), "LOC")
    for cmd in (per, org, loc):
        project.execute(cmd)
    claims = [
        Claim(doc_id, *_at(TEXT, "Pasokan amunisi akan bertambah tahun ini"), "PREDICTION",
              claimant_id=per.entity_id, cue_start=_at(TEXT, "kata")[0],
              cue_end=_at(TEXT, "kata")[1], attrs={"quote": "direct", "stance": "asserts"}),
        Claim(doc_id, *_at(TEXT, "kereta berangkat Minggu malam"), "CHECKWORTHY",
              claimant_text="Sumber tersebut", cue_start=_at(TEXT, "mengatakan")[0],
              cue_end=_at(TEXT, "mengatakan")[1],
              attrs={"quote": "indirect", "stance": "asserts"}),
        Claim(doc_id, *_at(TEXT, "laporan itu"), "DENIAL",
              attrs={"quote": "indirect", "stance": "denies"}),
    ]
    for c in claims:
        project.execute(AddClaim(c))
    return doc_id


def _shift_ids(project: Project) -> None:
    """Another document first, so that imported entity ids differ from the exported ones."""
    other = "Dokumen lain tentang Jakarta dan Bandung, ditulis oleh Andi."
    project.documents.insert([NewDocument(other, "other", entities=[
        EntitySpan(0, *_at(other, "Jakarta"), "LOC"), EntitySpan(0, *_at(other, "Bandung"), "LOC"),
        EntitySpan(0, *_at(other, "Andi"), "PER")])])


def _claims_view(project: Project, doc_id: int) -> list[tuple[object, ...]]:
    ents = {e.id: (TEXT[e.start:e.end], e.label) for e in project.spans.list(doc_id)}
    return [(TEXT[c.start:c.end], c.label, ents.get(c.claimant_id) if c.claimant_id else None,
             c.claimant_text, TEXT[c.cue_start:c.cue_end] if c.cue else None, c.attrs)
            for c in project.claims.list(doc_id)]


def test_native_jsonl_round_trip_remaps_claimants(tmp_path: Path) -> None:
    with Project(tmp_path / "a.db") as src, Project(tmp_path / "b.db") as dst:
        doc_id = _fill(src)
        out = tmp_path / "out.jsonl"
        exporters.export(src, "jsonl", out, status="all")
        record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert len(record["claims"]) == 3
        by_id = {s["id"]: s["text"] for s in record["spans"]}
        first = record["claims"][0]
        assert by_id[first["claimant"]] == "Rina Wulandari"
        assert first["cue"] == {"start": TEXT.index("kata"), "end": TEXT.index("kata") + 4}
        for item in record["claims"]:
            assert TEXT[item["start"]:item["end"]] == item["text"]

        _shift_ids(dst)
        summary = importers.import_paths(dst, [out])
        assert (summary.documents, summary.claims) == (1, 3)
        new_id = dst.documents.by_external_id("art-1")
        assert new_id is not None
        assert {e.id for e in dst.spans.list(new_id.id)}.isdisjoint(
            {e.id for e in src.spans.list(doc_id)})
        assert _claims_view(dst, new_id.id) == _claims_view(src, doc_id)


def test_doccano_round_trip_keeps_claimant_relations(tmp_path: Path) -> None:
    with Project(tmp_path / "a.db") as src, Project(tmp_path / "b.db") as dst:
        doc_id = _fill(src)
        out = tmp_path / "doccano.jsonl"
        exporters.export(src, "doccano", out, status="all")
        record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert [r["type"] for r in record["relations"]] == ["claimant"]
        _shift_ids(dst)
        importers.import_paths(dst, [out])
        new_doc = dst.documents.by_external_id("art-1") or dst.documents.get(2)
        got = [(v[0], v[1], v[2]) for v in _claims_view(dst, new_doc.id)]
        want = [(v[0], v[1], v[2]) for v in _claims_view(src, doc_id)]
        # doccano has no attributes, cues or free-text claimants: spans, labels and
        # entity claimants survive
        assert got == want


def test_claims_export_one_claim_a_line(tmp_path: Path) -> None:
    with Project(tmp_path / "a.db") as src:
        _fill(src)
        # a suggestion is left out unless asked for
        doc_id = 1
        src.execute(AddClaim(Claim(doc_id, *_at(TEXT, "Pertemuan berlangsung di Vladivostok"),
                                   "FACTUAL", status=SpanStatus.SUGGESTED, source="claims")))
        out = tmp_path / "claims.jsonl"
        exporters.export(src, "claims", out)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["label"] for r in rows] == ["PREDICTION", "CHECKWORTHY", "DENIAL"]
        assert [r["claimant_text"] for r in rows] == ["Rina Wulandari", "Sumber tersebut", None]
        for r in rows:
            assert r["doc_id"] == "art-1"
            assert r["text"] in r["sentence"]
            assert r["meta"] == {"source": "test"}
            assert set(r["attrs"]) == {"quote", "stance"}
        assert rows[1]["sentence"].endswith("Sumber tersebut mengatakan bahwa kereta berangkat "
                                            "Minggu malam.")
        assert "Rina" not in rows[1]["sentence"]
