"""Files from other tools: Label Studio (JSON, JSON-MIN, CSV), CoNLL columns, brat
folders, auto-detection, and what is refused or changed on the way in."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, DocStatus, SpanStatus
from annotator.core.store import Project


def spans(project: Project, ext: str, status: str | None = "accepted") -> list[tuple[str, str]]:
    doc = project.documents.by_external_id(ext)
    assert doc is not None, ext
    return [(doc.text[e.start:e.end], e.label)
            for e in project.spans.list(doc.id, include_rejected=True)
            if status is None or str(e.status) == status]


def region(text: str, sub: str, label: str, rid: str, control: str = "label",
           nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"value": {"start": start, "end": start + len(sub), "text": sub, "labels": [label]},
            "id": rid, "from_name": control, "to_name": "text", "type": "labels",
            "origin": "manual"}


# --- Label Studio -----------------------------------------------------------------------

T1 = "👩‍👩‍👧 Kim Jong Un bertemu Putin di Vladivostok, Rusia."
T2 = "Presiden Joko Widodo tiba di Jakarta. Ia berkata ekonomi tumbuh."
T3 = "Dokumen yang dilewati."


def ls_export() -> list[dict[str, Any]]:
    """A Label Studio 1.x JSON export, as its Export > JSON button writes it."""
    claim = region(T2, "ekonomi tumbuh", "CHECKWORTHY", "c1", control="claim")
    return [
        {"id": 101, "data": {"text": T1, "outlet": "kompas"},
         "annotations": [{
             "id": 7, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
             "created_at": "2024-05-01T10:00:00.000000Z",
             "updated_at": "2024-05-01T10:00:00.000000Z", "lead_time": 12.5,
             "result": [region(T1, "Kim Jong Un", "PER", "a1"),
                        region(T1, "Putin", "PER", "a2"),
                        region(T1, "Vladivostok", "LOC", "a3"),
                        {"value": {"choices": ["Politik"]}, "id": "x", "from_name": "topic",
                         "to_name": "text", "type": "choices"}],
             "prediction": {}, "result_count": 0, "task": 101, "project": 3}],
         "predictions": [{"id": 1, "model_version": "spacy-v1", "score": 0.8,
                          "result": [dict(region(T1, "Rusia", "LOC", "p1"), score=0.7),
                                     region(T1, "Putin", "PER", "p2")]}],
         "file_upload": "a.json", "drafts": [], "meta": {}, "created_at": "2024-05-01",
         "updated_at": "2024-05-01", "inner_id": 1, "total_annotations": 1,
         "cancelled_annotations": 0, "total_predictions": 1},
        {"id": 102, "data": {"text": T2},
         "annotations": [
             {"id": 8, "was_cancelled": False, "updated_at": "2024-05-01T10:00:00Z",
              "result": [region(T2, "Joko", "PER", "old")]},
             {"id": 9, "was_cancelled": False, "updated_at": "2024-05-02T10:00:00Z",
              "result": [region(T2, "Joko Widodo", "PER", "b1"),
                         region(T2, "Jakarta", "LOC", "b2"), claim,
                         {"from_id": "c1", "to_id": "b1", "type": "relation",
                          "direction": "right", "labels": ["claimant"]}]}],
         "predictions": []},
        {"id": 103, "data": {"text": T3},
         "annotations": [{"id": 10, "was_cancelled": True, "result": []}], "predictions": []},
    ]


def test_label_studio_json_export_imports(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "project-3-at-2024.json"
    path.write_text(json.dumps(ls_export(), ensure_ascii=False), encoding="utf-8")
    summary = import_paths(project, [path])
    assert summary.documents == 3
    assert spans(project, "101") == [("Kim Jong Un", "PER"), ("Putin", "PER"),
                                     ("Vladivostok", "LOC")]
    # the prediction is a suggestion; the copy of an accepted span is not doubled
    assert spans(project, "101", "suggested") == [("Rusia", "LOC")]
    doc = project.documents.by_external_id("101")
    assert doc is not None and doc.status == DocStatus.DONE
    assert doc.meta["outlet"] == "kompas" and doc.meta["labelstudio_id"] == 101
    suggested = [e for e in project.spans.list(doc.id) if e.status == SpanStatus.SUGGESTED]
    assert suggested[0].score == pytest.approx(0.7)
    # two annotations: the latest is imported, and a warning says so
    assert spans(project, "102") == [("Joko Widodo", "PER"), ("Jakarta", "LOC")]
    assert any("2 annotations" in w for w in summary.warnings)
    doc2 = project.documents.by_external_id("102")
    assert doc2 is not None
    claims = project.claims.list(doc2.id)
    assert [(doc2.text[c.start:c.end], c.label) for c in claims] == [("ekonomi tumbuh",
                                                                      "CHECKWORTHY")]
    joko = next(e for e in project.spans.list(doc2.id) if e.label == "PER")
    assert claims[0].claimant_id == joko.id
    skipped = project.documents.by_external_id("103")
    assert skipped is not None and skipped.status == DocStatus.SKIPPED
    assert any("'choices'" in w for w in summary.warnings)


def test_label_studio_format_named_explicitly_refuses_other_json(
        tmp_path: Path, project: Project) -> None:
    path = tmp_path / "native.json"
    path.write_text(json.dumps([{"text": "Bukan tugas Label Studio."}]), encoding="utf-8")
    with pytest.raises(AnnotatorError, match="not a Label Studio task"):
        import_paths(project, [path], fmt="labelstudio")
    assert project.documents.count() == 0


def test_label_studio_utf16_offsets_of_old_versions_are_remapped(
        tmp_path: Path, project: Project) -> None:
    text = "😀 Putin tiba."
    task = {"data": {"text": text}, "annotations": [{"result": [{
        "value": {"start": 3, "end": 8, "text": "Putin", "labels": ["PER"]},  # UTF-16 units
        "from_name": "label", "to_name": "text", "type": "labels"}]}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    import_paths(project, [path])
    doc = project.documents.get(project.documents.ids()[0])
    assert [doc.text[e.start:e.end] for e in project.spans.list(doc.id)] == ["Putin"]


def test_label_studio_json_min_and_csv(tmp_path: Path, project: Project) -> None:
    rows = [{"id": 5, "text": T2, "label": [region(T2, "Joko Widodo", "PER", "x")["value"],
                                           region(T2, "Jakarta", "LOC", "y")["value"]],
             "annotator": "ana@example.org", "annotation_id": 9, "created_at": "2024",
             "updated_at": "2024", "lead_time": 3.2}]
    path = tmp_path / "min.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    import_paths(project, [path])
    assert spans(project, "5") == [("Joko Widodo", "PER"), ("Jakarta", "LOC")]
    doc = project.documents.by_external_id("5")
    assert doc is not None and doc.status == DocStatus.DONE
    assert doc.annotator == "ana@example.org" and "lead_time" not in doc.meta

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text", "id", "label", "annotator", "annotation_id"])
    writer.writerow([T1, "6", json.dumps([region(T1, "Putin", "PER", "z")["value"]]),
                     "ana", "4"])
    csv_path = tmp_path / "ls.csv"
    csv_path.write_text(buffer.getvalue(), encoding="utf-8")
    import_paths(project, [csv_path])
    assert spans(project, "6") == [("Putin", "PER")]


def test_label_studio_overlapping_spans_are_dropped_with_a_warning(
        tmp_path: Path, project: Project) -> None:
    task = {"data": {"text": T1}, "annotations": [{"result": [
        region(T1, "Kim Jong Un", "PER", "a"), region(T1, "Kim", "MISC", "b")]}]}
    path = tmp_path / "overlap.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    summary = import_paths(project, [path])
    doc = project.documents.get(project.documents.ids()[0])
    assert [doc.text[e.start:e.end] for e in project.spans.list(doc.id)] == ["Kim Jong Un"]
    assert any("'Kim'" in w and "overlaps" in w for w in summary.warnings)


# --- CoNLL ---------------------------------------------------------------------------------

CONLL_2003 = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


def test_conll_2003_documents_and_sentences(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "train.txt"  # CoNLL-2003 ships as .txt: detected by its content
    path.write_text(CONLL_2003, encoding="utf-8")
    summary = import_paths(project, [path])
    assert summary.documents == 2
    first = project.documents.by_external_id("train-1")
    assert first is not None
    assert first.text == "EU rejects German call .\nPeter Blackburn"
    assert first.status == DocStatus.DONE
    assert spans(project, "train-1") == [("EU", "ORG"), ("German", "MISC"),
                                         ("Peter Blackburn", "PER")]
    assert spans(project, "train-2") == [("BRUSSELS", "LOC")]


@pytest.mark.parametrize(("scheme", "tags"), [
    ("iob1", ["I-PER", "I-PER", "O", "I-LOC", "B-LOC"]),
    ("iob2", ["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]),
    ("bioes", ["B-PER", "E-PER", "O", "S-LOC", "S-LOC"]),
    ("bilou", ["B-PER", "L-PER", "O", "U-LOC", "U-LOC"]),
])
def test_conll_tag_schemes(tmp_path: Path, project: Project, scheme: str,
                           tags: list[str]) -> None:
    words = ["Kim", "Jong-un", "ke", "Rusia", "Vladivostok"]
    path = tmp_path / f"{scheme}.conll"
    path.write_text("".join(f"{w}\t{t}\n" for w, t in zip(words, tags, strict=True)),
                    encoding="utf-8")
    import_paths(project, [path])
    # no -DOCSTART-: one document per sentence
    assert spans(project, f"{scheme}-1") == [("Kim Jong-un", "PER"), ("Rusia", "LOC"),
                                             ("Vladivostok", "LOC")]


def test_conll_without_docstart_has_a_document_per_sentence(tmp_path: Path,
                                                            project: Project) -> None:
    path = tmp_path / "wnut.conll"
    path.write_text("@paul O\nin O\nLondon B-location\n\nhi O\nthere O\n", encoding="utf-8")
    import_paths(project, [path])
    assert project.documents.count() == 2
    assert spans(project, "wnut-1") == [("London", "location")]


def test_a_broken_conll_line_is_an_error_naming_it(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("Kim B-PER\nJong I-PER\nthis line is prose\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"bad\.conll, line 3: not a CoNLL line"):
        import_paths(project, [path])
    assert project.documents.count() == 0


def test_prose_in_a_txt_stays_a_text(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text("Presiden tiba di Jakarta.\nIa disambut O\nMeriah sekali.\n",
                    encoding="utf-8")
    import_paths(project, [path])
    doc = project.documents.by_external_id("artikel")
    assert doc is not None and doc.text.startswith("Presiden")


# --- brat ----------------------------------------------------------------------------------

BRAT_TXT = "Kim Jong Un bertemu Vladimir Putin di Vladivostok.\nKorea Utara senang.\n"
BRAT_ANN = """T1\tPER 0 11\tKim Jong Un
T2\tPER 20 34\tVladimir Putin
T3\tLOC 38 49\tVladivostok
T4\tLOC 51 56;57 62\tKorea Utara
T5\tPER 29 34\tPutin
#1\tAnnotatorNotes T1\tpemimpin Korea Utara
R1\tMeets Arg1:T1 Arg2:T2
A1\tNegated T3
"""


def test_brat_folder(tmp_path: Path, project: Project) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc1.txt").write_text(BRAT_TXT, encoding="utf-8")
    (folder / "doc1.ann").write_text(BRAT_ANN, encoding="utf-8")
    (folder / "annotation.conf").write_text("[entities]\nPER\nLOC\n", encoding="utf-8")
    summary = import_paths(project, [folder])
    assert summary.documents == 1
    assert spans(project, "doc1") == [("Kim Jong Un", "PER"), ("Vladimir Putin", "PER"),
                                      ("Vladivostok", "LOC")]
    warnings = "\n".join(summary.warnings)
    assert "discontinuous LOC span 'Korea Utara'" in warnings
    assert "'Putin' overlaps" in warnings
    assert "1 relations not imported" in warnings and "1 attributes" in warnings
    doc = project.documents.by_external_id("doc1")
    assert doc is not None and doc.status == DocStatus.DONE


def test_brat_pair_named_by_its_ann(tmp_path: Path, project: Project) -> None:
    (tmp_path / "d.txt").write_text("Putin tiba.", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tPER 0 5\tPutin\n", encoding="utf-8")
    import_paths(project, [tmp_path / "d.ann", tmp_path / "d.txt"])
    assert project.documents.count() == 1
    assert spans(project, "d") == [("Putin", "PER")]


def test_brat_offsets_that_do_not_match_are_an_error(tmp_path: Path, project: Project) -> None:
    (tmp_path / "d.txt").write_text("Putin tiba.", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tPER 1 6\tPutin\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"d\.ann, line 1: the span's text 'Putin'"):
        import_paths(project, [tmp_path])


# --- refused, changed, detected ------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "pattern"), [
    ("sheet.xlsx", b"PK\x03\x04 excel", "Excel workbook.*unsupported format"),
    ("data.json", b'[{"title": "no text here"}]', "unsupported format"),
    ("blob.bin", b"\x00\x01\x02binary", "binary file.*unsupported format"),
    ("table.csv", b"title,body\nA,B\n", "no \"text\" column.*unsupported format"),
])
def test_unsupported_formats_get_one_clear_error(tmp_path: Path, project: Project, name: str,
                                                 content: bytes, pattern: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AnnotatorError, match=pattern):
        import_paths(project, [path])
    assert project.documents.count() == 0


def test_edge_whitespace_is_trimmed_with_a_warning(tmp_path: Path, project: Project) -> None:
    text = "Presiden Joko Widodo tiba di Jakarta."
    rec = {"id": "w", "text": text, "spans": [
        {"start": 8, "end": 20, "label": "PER"},      # " Joko Widodo"
        {"start": 29, "end": 37, "label": "LOC"}]}    # "Jakarta." is fine
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    summary = import_paths(project, [path])
    assert spans(project, "w") == [("Joko Widodo", "PER"), ("Jakarta.", "LOC")]
    assert any("whitespace trimmed" in w and "' Joko Widodo'" in w for w in summary.warnings)


@pytest.mark.parametrize("blank", [" ", "\n", "\u00a0", " \n\u00a0"])
def test_whitespace_only_spans_are_refused(tmp_path: Path, project: Project,
                                           blank: str) -> None:
    text = f"Kata{blank}lain."
    rec = {"text": text, "spans": [{"start": 4, "end": 4 + len(blank), "label": "MISC"}]}
    path = tmp_path / "blank.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="only whitespace"):
        import_paths(project, [path])
    assert project.documents.count() == 0


@pytest.mark.parametrize("label", ["NEW LABEL", "PER\n", "A\tB"])
def test_labels_with_spaces_are_refused(tmp_path: Path, project: Project, label: str) -> None:
    rec = {"text": "Putin tiba.", "spans": [{"start": 0, "end": 5, "label": label}]}
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="contains a space, a newline"):
        import_paths(project, [path])
    assert project.scheme.get("entity", label) is None


def test_prodigy_binary_reject_is_a_rejected_span(tmp_path: Path, project: Project) -> None:
    recs = [{"text": "Putin tiba di Rusia.", "spans": [{"start": 0, "end": 5, "label": "LOC"}],
             "answer": "reject", "_view_id": "ner"},
            {"text": "Kim tiba di Rusia.", "spans": [{"start": 0, "end": 3, "label": "PER"}],
             "answer": "accept", "_view_id": "ner"}]
    path = tmp_path / "binary.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    import_paths(project, [path])
    first, second = (project.documents.get(i) for i in project.documents.ids())
    assert [str(e.status) for e in project.spans.list(first.id, include_rejected=True)] == [
        "rejected"]
    assert first.status == DocStatus.IN_PROGRESS
    assert [str(e.status) for e in project.spans.list(second.id)] == ["accepted"]
    assert second.status == DocStatus.DONE


def test_duplicate_ids_are_renamed_with_a_warning(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Satu."}) + "\n"
                    + json.dumps({"id": "a", "text": "Dua."}) + "\n", encoding="utf-8")
    summary = import_paths(project, [path])
    assert summary.documents == 2
    assert any("'a' is already taken" in w and "'a~2'" in w for w in summary.warnings)


def test_stdin_is_read_and_detected(project: Project) -> None:
    data = CONLL_2003.encode("utf-8")
    summary = import_paths(project, ["-"], stdin=io.BytesIO(data))
    assert summary.documents == 2
    doc = project.documents.by_external_id("stdin-1")
    assert doc is not None and doc.meta["source"] == "<stdin>"


def test_label_studio_format_reads_json_lines_and_folders(tmp_path: Path,
                                                          project: Project) -> None:
    folder = tmp_path / "ls"
    folder.mkdir()
    tasks = ls_export()
    (folder / "a.jsonl").write_text("".join(json.dumps(t) + "\n" for t in tasks[:1]),
                                    encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(tasks[1:]), encoding="utf-8")
    summary = import_paths(project, [folder], fmt="labelstudio")
    assert summary.documents == 3


def test_conll_in_a_tsv_is_detected(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "ner.tsv"
    path.write_text("Kim\tB-PER\nJong\tI-PER\nUn\tI-PER\ntiba\tO\n", encoding="utf-8")
    import_paths(project, [path])
    assert spans(project, "ner-1") == [("Kim Jong Un", "PER")]


def test_conll_tsv_with_a_header_row(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "ner.tsv"
    path.write_text("token\tner_tag\nPutin\tB-PER\nke\tO\nRusia\tB-LOC\n", encoding="utf-8")
    summary = import_paths(project, [path])
    assert spans(project, "ner-1") == [("Putin", "PER"), ("Rusia", "LOC")]
    assert any("column header" in w for w in summary.warnings)
