"""Exports that other tools read: checked with the real consumer libraries
(seqeval, datasets, spaCy) and by importing them back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.exporters import export
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError
from annotator.core.store import Project

# Sentence splitters cut after abbreviations and at line breaks: each of these
# entities crosses a sentence boundary of the fallback splitter.
TRICKY = ("Ia tinggal di Jl. Sudirman. Lalu pergi ke St. Petersburg bersama Putin. "
          "Pemimpin Korea\nUtara datang. 👩‍👩‍👧 Kim Jong Un tiba di Vladivostok.")
ENTITIES = [("Jl. Sudirman", "LOC"), ("St. Petersburg", "LOC"), ("Putin", "PER"),
            ("Korea\nUtara", "LOC"), ("Kim Jong Un", "PER"), ("Vladivostok", "LOC")]
TEXT2 = "Presiden Joko Widodo tiba di Jakarta. Ia berkata ekonomi tumbuh."
ENTITIES2 = [("Joko Widodo", "PER"), ("Jakarta", "LOC")]


def _record(rid: str, text: str, ents: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    out = []
    for sub, label in ents:
        start = text.index(sub)
        out.append({"start": start, "end": start + len(sub), "label": label})
    return {"id": rid, "text": text, "status": "done", "spans": out, **extra}


@pytest.fixture
def tricky(tmp_path: Path, project: Project) -> Project:
    claim_start = TEXT2.index("ekonomi tumbuh")
    recs = [_record("tricky", TRICKY, ENTITIES),
            _record("jokowi", TEXT2, ENTITIES2, claims=[
                {"start": claim_start, "end": claim_start + len("ekonomi tumbuh"),
                 "label": "CHECKWORTHY", "claimant": "j"}]),
            _record("draft", "Putin masih draf di Moskow.", [("Putin", "PER")],
                    status="in_progress")]
    recs[1]["spans"][0]["id"] = "j"
    recs[2]["spans"].append({"start": 20, "end": 26, "label": "LOC", "status": "suggested",
                             "score": 0.4})
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                    encoding="utf-8")
    import_paths(project, [path])
    return project


def read_conll(text: str) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        cols = line.split(" ")
        assert len(cols) == 4, line
        current.append((cols[0], cols[-1]))
    if current:
        sentences.append(current)
    return sentences


def test_conll_is_strict_iob2_for_seqeval(tricky: Project, tmp_path: Path) -> None:
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities

    out = tmp_path / "train.conll"
    summary = export(tricky, "conll", out, status="all")
    sentences = read_conll(out.read_text(encoding="utf-8"))
    tags = [[t for _, t in s] for s in sentences]
    # seqeval's strict IOB2 reading only counts well-formed entities (an I- that
    # starts a sentence is dropped): it must find every one the lenient reading finds
    strict = [(e.tag, e.start, e.end) for sent in Entities(tags, IOB2).entities for e in sent]
    lenient = [get_entities(s) for s in tags]
    assert len(strict) == sum(len(x) for x in lenient) == len(ENTITIES + ENTITIES2) + 1
    for s in tags:
        assert not s or not s[0].startswith("I-")
    found = []
    for sentence, spans in zip(sentences, lenient, strict=True):
        words = [w for w, _ in sentence]
        for label, first, last in spans:
            found.append(("".join(words[first:last + 1]), label))
    expected = [("".join(t.split()), label) for t, label in ENTITIES + ENTITIES2
                ] + [("Putin", "PER")]
    assert sorted(found) == sorted(expected)
    assert any("sentence boundar" in w for w in summary.warnings)
    # the sentences that hold no entity are still cut
    assert len(sentences) > 3


def test_conll_round_trip_through_our_import(tricky: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    export(tricky, "conll", out)
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        got = []
        for i in again.documents.ids():
            doc = again.documents.get(i)
            got += [(doc.text[e.start:e.end], e.label) for e in again.spans.list(i)]
        assert sorted((t.replace(" ", ""), lab) for t, lab in got) == sorted(
            ("".join(t.split()), lab) for t, lab in ENTITIES + ENTITIES2)


def test_hf_export_loads_in_datasets_with_classlabel(tricky: Project, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from datasets import ClassLabel, Features, Sequence, Value, load_dataset

    out = tmp_path / "data.jsonl"
    summary = export(tricky, "hf", out, unit="sentence", status="all")
    names_file = tmp_path / "data.labels.txt"
    mapping = json.loads((tmp_path / "data.labels.json").read_text(encoding="utf-8"))
    assert summary.extra_files == [str(names_file), str(tmp_path / "data.labels.json")]
    features = Features({"id": Value("string"), "doc_id": Value("string"),
                         "sentence": Value("int64"), "tokens": Sequence(Value("string")),
                         "ner_tags": Sequence(ClassLabel(names_file=str(names_file)))})
    ds = load_dataset("json", data_files=str(out), features=features, split="train")
    label = ds.features["ner_tags"].feature
    assert label.names == mapping["labels"]
    assert mapping["id2label"]["0"] == "O" and mapping["label2id"]["B-PER"] == label.str2int(
        "B-PER")
    # every sentence starts outside a span, and a span crossing a boundary stays whole
    spans = []
    for row in ds:
        tags = label.int2str(row["ner_tags"])
        assert not tags or not tags[0].startswith("I-")
        current: list[str] = []
        for token, tag in zip(row["tokens"], tags, strict=True):
            if tag.startswith("B-"):
                current = [token]
                spans.append(current)
            elif tag.startswith("I-"):
                current.append(token)
        assert all(len(t) > 0 for t in row["tokens"])
    joined = {"".join(s) for s in spans}
    assert {"Jl.Sudirman", "St.Petersburg", "KoreaUtara", "KimJongUn"} <= joined


def test_hf_refuses_stdout_and_keeps_side_files_apart(tricky: Project, tmp_path: Path) -> None:
    with pytest.raises(AnnotatorError, match=r"label files beside the data.*stdout"):
        export(tricky, "hf", "-")
    # the side file never overwrites the data
    data = tmp_path / "train.labels.json"
    export(tricky, "hf", data)
    first = json.loads(data.read_text(encoding="utf-8").splitlines()[0])
    assert "tokens" in first
    assert (tmp_path / "train.labels.labels.json").is_file()
    # data.v1 and data.v2 get separate side files
    export(tricky, "hf", tmp_path / "data.v1")
    export(tricky, "hf", tmp_path / "data.v2")
    assert (tmp_path / "data.v1.labels.txt").is_file()
    assert (tmp_path / "data.v2.labels.txt").is_file()


def test_spacy_docbin_by_sentence(tricky: Project, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    export(tricky, "spacy", out, unit="sentence")
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    ents = [(e.text, e.label_) for d in docs for e in d.ents]
    assert sorted(ents) == sorted(ENTITIES + ENTITIES2)
    assert len(docs) > 2 and all(d.user_data["doc_id"] in {"tricky", "jokowi"} for d in docs)
    for d in docs:
        source = tricky.documents.by_external_id(d.user_data["doc_id"])
        assert source is not None
        offset = d.user_data["offset"]
        assert source.text[offset:offset + len(d.text)] == d.text


def test_label_studio_export_shape_and_round_trip(tricky: Project, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    export(tricky, "labelstudio", out, status="all", include_suggested=True)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 3
    by_id = {t["data"]["id"]: t for t in tasks}
    done = by_id["tricky"]
    assert len(done["annotations"]) == 1 and done["predictions"] == []
    result = done["annotations"][0]["result"]
    for r in result:
        assert r["from_name"] == "label" and r["to_name"] == "text" and r["type"] == "labels"
        assert set(r["value"]) == {"start", "end", "text", "labels"}
        assert TRICKY[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
    assert [(r["value"]["text"], r["value"]["labels"][0]) for r in result] == ENTITIES
    claim_task = by_id["jokowi"]["annotations"][0]["result"]
    assert [r["type"] for r in claim_task] == ["labels", "labels", "labels", "relation"]
    draft = by_id["draft"]
    assert draft["annotations"] == []
    assert [p["model_version"] for p in draft["predictions"]] == ["annotator-accepted",
                                                                 "annotator"]
    assert draft["predictions"][1]["result"][0]["score"] == pytest.approx(0.4)
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        for rid in ("tricky", "jokowi", "draft"):
            a = tricky.documents.by_external_id(rid)
            b = again.documents.by_external_id(rid)
            assert a is not None and b is not None
            assert b.text == a.text and b.status == a.status
            assert [(e.start, e.end, e.label, e.status) for e in again.spans.list(b.id)] == [
                (e.start, e.end, e.label, e.status) for e in tricky.spans.list(a.id)]
            assert [(c.start, c.end, c.label, c.claimant_id is not None)
                    for c in again.claims.list(b.id)] == [
                (c.start, c.end, c.label, c.claimant_id is not None)
                for c in tricky.claims.list(a.id)]


def test_brat_export_round_trip(tricky: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    export(tricky, "brat", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["annotation.conf", "jokowi.ann", "jokowi.txt", "tricky.ann", "tricky.txt"]
    ann = (folder / "tricky.ann").read_text(encoding="utf-8")
    korea = TRICKY.index("Korea")
    assert f"T4\tLOC {korea} {korea + 11}\tKorea Utara\n" in ann  # the line break as a space
    assert "claimant Arg1:T3 Arg2:T1" in (folder / "jokowi.ann").read_text(encoding="utf-8")
    export(tricky, "brat", folder)  # a second export replaces the first
    with Project(tmp_path / "again.db") as again:
        summary = import_paths(again, [folder])
        assert summary.documents == 2 and not summary.warnings
        doc = again.documents.by_external_id("tricky")
        assert doc is not None and doc.text == TRICKY
        assert [(doc.text[e.start:e.end], e.label) for e in again.spans.list(doc.id)] == ENTITIES
        jokowi = again.documents.by_external_id("jokowi")
        assert jokowi is not None
        assert [c.claimant_id is not None for c in again.claims.list(jokowi.id)] == [True]


def test_brat_refuses_a_folder_with_other_files(tricky: Project, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(AnnotatorError, match="holds other files"):
        export(tricky, "brat", folder)
    assert (folder / "thesis.docx").read_bytes() == b"precious"


def test_split_uses_the_training_rule(tmp_path: Path, project: Project) -> None:
    from annotator.core.training import split_documents

    recs = [{"id": f"doc-{i}", "text": f"Dokumen nomor {i} tentang Jakarta.", "status": "done",
             "spans": [{"start": 0, "end": 7, "label": "MISC"}]} for i in range(60)]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    import_paths(project, [path])
    out = tmp_path / "data.jsonl"
    summary = export(project, "jsonl", out, split="80/10/10")
    parts = {}
    for part in ("train", "dev", "test"):
        lines = (tmp_path / f"data.{part}.jsonl").read_text(encoding="utf-8").splitlines()
        parts[part] = {json.loads(x)["id"] for x in lines}
    assert not out.exists()
    train, heldout = split_documents([r["id"] for r in recs], 0.2)
    assert parts["train"] == set(train)
    assert parts["dev"] | parts["test"] == set(heldout)
    assert not parts["dev"] & parts["test"]
    assert summary.parts == {k: len(v) for k, v in parts.items()}
    # the same documents whatever the format
    export(project, "conll", tmp_path / "data.conll", split="80/10/10")
    test_docs = (tmp_path / "data.test.conll").read_text(encoding="utf-8").count("-DOCSTART-")
    assert test_docs == len(parts["test"])
    with pytest.raises(AnnotatorError, match="add up to 100"):
        export(project, "jsonl", out, split="80/30")


def test_an_old_span_with_edge_whitespace_is_reported_by_token_formats(
        tmp_path: Path, project: Project) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Presiden Joko tiba.", "status": "done",
                                "spans": [{"start": 9, "end": 13, "label": "PER"}]}) + "\n",
                    encoding="utf-8")
    import_paths(project, [path])
    # a span made before imports trimmed them (or by another program)
    project.db.execute('UPDATE entities SET start = 8')
    summary = export(project, "conll", tmp_path / "a.conll")
    assert any("whitespace at an edge" in w and "' Joko'" in w for w in summary.warnings)
    spacy_summary = export(project, "hf", tmp_path / "a.hf.jsonl")
    assert any("whitespace at an edge" in w for w in spacy_summary.warnings)


@pytest.fixture
def tricky_records_project(tmp_path: Path, project: Project) -> Project:
    from io_helpers import crlf_record, tricky_records, write_jsonl

    records = tricky_records()
    records.append(crlf_record()[0])
    import_paths(project, [write_jsonl(tmp_path / "tricky.jsonl", records)])
    return project


def test_label_studio_round_trip_on_tricky_texts(tricky_records_project: Project,
                                                 tmp_path: Path) -> None:
    """Emoji, combining marks, NBSP, RTL, ZWJ, CRLF: offsets survive Label Studio JSON."""
    project = tricky_records_project
    out = tmp_path / "ls.json"
    export(project, "labelstudio", out, status="all")
    for task in json.loads(out.read_text(encoding="utf-8")):
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                v = r["value"]
                assert task["data"]["text"][v["start"]:v["end"]] == v["text"]
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        for doc_id in project.documents.ids():
            a = project.documents.get(doc_id)
            b = again.documents.by_external_id(a.external_id)
            assert b is not None and b.text == a.text and b.status == a.status
            assert [(e.start, e.end, e.label) for e in again.spans.list(b.id)] == [
                (e.start, e.end, e.label) for e in project.spans.list(a.id)
                if str(e.status) == "accepted"]
            assert [(c.start, c.end, c.label) for c in again.claims.list(b.id)] == [
                (c.start, c.end, c.label) for c in project.claims.list(a.id)]


def test_conll_on_tricky_texts_is_strict_iob2(tricky_records_project: Project,
                                              tmp_path: Path) -> None:
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities

    project = tricky_records_project
    out = tmp_path / "tricky.conll"
    export(project, "conll", out, status="all")
    tags = [[t for _, t in s] for s in read_conll(out.read_text(encoding="utf-8"))]
    strict = sum(len(s) for s in Entities(tags, IOB2).entities)
    expected = sum(1 for i in project.documents.ids() for e in project.spans.list(i)
                   if str(e.status) == "accepted")
    assert strict == sum(len(get_entities(s)) for s in tags) == expected


def test_a_whitespace_only_span_is_left_out_with_a_warning(tmp_path: Path,
                                                           project: Project) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Presiden  Joko tiba.", "status": "done",
                                "spans": [{"start": 10, "end": 14, "label": "PER"},
                                          {"start": 0, "end": 8, "label": "MISC"}]}) + "\n",
                    encoding="utf-8")
    import_paths(project, [path])
    project.db.execute("UPDATE entities SET start = 8, \"end\" = 10 WHERE label = 'MISC'")
    for fmt in ("jsonl", "conll", "hf", "labelstudio", "brat", "doccano"):
        out = tmp_path / f"out-{fmt}"
        summary = export(project, fmt, out)
        assert summary.spans == 1, fmt
        assert any("only whitespace and was left out" in w for w in summary.warnings), fmt


def test_spacy_says_when_a_claim_is_widened(tmp_path: Path, project: Project) -> None:
    pytest.importorskip("spacy")
    text = "Menurut Putin ekonomi Rusia tumbuh pesat."
    end = text.index("pesat") + 3  # ends mid-word
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "text": text, "status": "done", "claims": [
        {"start": 14, "end": end, "label": "FACTUAL"}]}) + "\n", encoding="utf-8")
    import_paths(project, [path])
    summary = export(project, "spacy", tmp_path / "c.spacy")
    assert any("does not end on a token boundary; widened" in w for w in summary.warnings)
