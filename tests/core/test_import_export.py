"""Import -> export -> import round trips on tricky texts, for every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from io_helpers import big_record, crlf_record, dump, find, tricky_records, write_jsonl

from annotator.core.exporters import export
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, DocStatus
from annotator.core.store import Project


@pytest.fixture
def loaded(tmp_path: Path, project: Project) -> Project:
    records = tricky_records()
    rec, _ = crlf_record()
    records.append(rec)
    summary = import_paths(project, [write_jsonl(tmp_path / "in.jsonl", records)])
    assert summary.documents == len(records)
    return project


def expected_entities(project: Project) -> dict[str, list[tuple[str, int, int, str]]]:
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    for doc_id in project.documents.ids():
        doc = project.documents.get(doc_id)
        out[doc.external_id] = [(e.label, e.start, e.end, doc.text[e.start:e.end])
                                for e in project.spans.list(doc_id)
                                if str(e.status) == "accepted"]
    return out


def test_import_keeps_offsets_on_tricky_texts(loaded: Project) -> None:
    for rec in tricky_records():
        doc = loaded.documents.by_external_id(rec["id"])
        assert doc is not None
        assert doc.text == rec["text"]
        ents = loaded.spans.list(doc.id)
        assert [doc.text[e.start:e.end] for e in ents] == [s["text"] for s in rec["spans"]]
        # every span starts and ends on a token boundary
        starts = {s for s, _ in doc.tokens}
        ends = {e for _, e in doc.tokens}
        assert all(e.start in starts and e.end in ends for e in ents)


def test_crlf_and_bom_are_normalized_and_offsets_remapped(loaded: Project) -> None:
    _, spans = crlf_record()
    doc = loaded.documents.by_external_id("crlf")
    assert doc is not None
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert doc.text == "Baris satu di Jakarta.\nBaris dua di Surabaya.\nBaris tiga: Bandung.\n"
    ents = loaded.spans.list(doc.id, include_rejected=True)
    got = [(doc.text[e.start:e.end], e.label) for e in ents if str(e.status) == "accepted"]
    assert got == spans
    rejected = [e for e in ents if str(e.status) == "rejected"]
    assert [doc.text[e.start:e.end] for e in rejected] == ["Jakarta.\nBaris dua"]


def test_jsonl_round_trip_is_exact(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = export(loaded, "jsonl", out, status="all")
    assert summary.documents == loaded.documents.count()
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        before, after = dump(loaded), dump(again)
        # rejected spans are not exported; everything else comes back exactly
        for key in before:
            before[key]["entities"] = [e for e in before[key]["entities"] if e[3] != "rejected"]
        assert after == before


def test_jsonl_records_are_prodigy_compatible(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    export(loaded, "jsonl", out, status="all")
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text, tokens = rec["text"], rec["tokens"]
        assert rec["answer"] == "accept"
        for i, tok in enumerate(tokens):
            assert tok["id"] == i and text[tok["start"]:tok["end"]] == tok["text"]
        ids = {s["id"] for s in rec["spans"]}
        for span in rec["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]  # inclusive
        for claim in rec["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["text"]
            assert claim["claimant"] is None or claim["claimant"] in ids
    claims_doc = next(json.loads(x) for x in out.read_text().splitlines()
                      if json.loads(x)["id"] == "claims")
    first = claims_doc["claims"][0]
    assert first["claimant_text"] == "Andrienne Watson"
    assert claims_doc["text"][first["cue"]["start"]:first["cue"]["end"]] == "ujar"
    assert first["attrs"] == {"quote": "direct", "stance": "asserts"}


def test_doccano_round_trip(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "doccano.jsonl"
    export(loaded, "doccano", out, status="all")
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"text", "entities", "relations"} <= set(rec)
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        before, after = dump(loaded), dump(again)
        for key, doc in before.items():
            assert after[key]["text"] == doc["text"]
            assert [e[:3] for e in after[key]["entities"]] == [
                e[:3] for e in doc["entities"] if e[3] == "accepted"]
            # claims keep extent, label and entity claimant (attributes live in jsonl only)
            assert [c[:4] for c in after[key]["claims"]] == [c[:4] for c in doc["claims"]]


def test_doccano_label_triples_import(tmp_path: Path, project: Project) -> None:
    text = "Putin tiba di Vladivostok."
    path = write_jsonl(tmp_path / "d.jsonl", [
        {"text": text, "label": [[0, 5, "PER"], [14, 25, "LOC"]]}])
    import_paths(project, [path])
    doc_id = project.documents.ids()[0]
    assert [(e.label, text[e.start:e.end]) for e in project.spans.list(doc_id)] == [
        ("PER", "Putin"), ("LOC", "Vladivostok")]


def parse_conll(text: str) -> list[list[tuple[str, str]]]:
    docs: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif line.strip():
            parts = line.split(" ")
            assert len(parts) == 4 and parts[1] == "-X-" and parts[2] == "_"
            docs[-1].append((parts[0], parts[3]))
    return docs


def bio_spans(tokens: list[str], tags: list[str]) -> list[tuple[str, list[str]]]:
    spans: list[tuple[str, list[str]]] = []
    for tok, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            spans.append((tag[2:], [tok]))
        elif tag.startswith("I-"):
            assert spans and spans[-1][0] == tag[2:], "I- without B-"
            spans[-1][1].append(tok)
    return spans


def expected_bio(project: Project) -> list[list[tuple[str, list[str]]]]:
    out = []
    for doc_id in project.documents.ids():
        doc = project.documents.get(doc_id)
        spans = []
        for e in project.spans.list(doc_id):
            if str(e.status) != "accepted":
                continue
            toks = [doc.text[s:t] for s, t in doc.tokens if e.start <= s and t <= e.end]
            assert "".join(toks) == "".join(doc.text[e.start:e.end].split())
            spans.append((e.label, toks))
        out.append(spans)
    return out


def test_conll_round_trip(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    export(loaded, "conll", out, status="all")
    docs = parse_conll(out.read_text(encoding="utf-8"))
    assert len(docs) == loaded.documents.count()
    got = [bio_spans([t for t, _ in d], [g for _, g in d]) for d in docs]
    assert got == expected_bio(loaded)
    # sentences are separated by blank lines
    assert "\n\n" in out.read_text(encoding="utf-8").split("-DOCSTART-")[-1].strip()


def test_hf_round_trip(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    summary = export(loaded, "hf", out, status="all")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [loaded.documents.get(i).external_id
                                        for i in loaded.documents.ids()]
    got = [bio_spans(x["tokens"], x["ner_tags"]) for x in lines]
    assert got == expected_bio(loaded)
    labels = json.loads((tmp_path / "train.labels.json").read_text())["labels"]
    assert summary.extra_files == [str(tmp_path / "train.labels.txt"),
                                   str(tmp_path / "train.labels.json")]
    assert labels[0] == "O" and {"B-PER", "I-PER", "B-LOC"} <= set(labels)
    assert all(tag in labels for x in lines for tag in x["ner_tags"])


def test_spacy_docbin_reads_back(loaded: Project, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    export(loaded, "spacy", out, status="all")
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    expected = expected_entities(loaded)
    assert len(docs) == len(expected)
    for sdoc, doc_id in zip(docs, loaded.documents.ids(), strict=True):
        doc = loaded.documents.get(doc_id)
        assert sdoc.text == doc.text
        assert sdoc.user_data["id"] == doc.external_id
        assert [(e.label_, e.start_char, e.end_char, e.text) for e in sdoc.ents] == \
            expected[doc.external_id]
        words = {(t.idx, t.idx + len(t.text)) for t in sdoc if not t.is_space}
        assert set(doc.tokens) <= words
    claims_doc = docs[[loaded.documents.get(i).external_id
                       for i in loaded.documents.ids()].index("claims")]
    assert [s.label_ for s in claims_doc.spans["claims"]] == ["CHECKWORTHY", "DENIAL"]


def test_claims_export(loaded: Project, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    summary = export(loaded, "claims", out, status="all")
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary.claims == len(rows) == 3
    by_label = {r["label"]: r for r in rows}
    cw = by_label["CHECKWORTHY"]
    assert cw["claimant_text"] == "Andrienne Watson"
    assert cw["cue_text"] == "ujar"
    assert cw["text"] in cw["sentence"]
    assert cw["meta"]["outlet"] == "test"
    assert by_label["DENIAL"]["claimant_text"] == "pemerintah Rusia"
    assert by_label["OPINION"]["claimant_text"] == "محمد بن سلمان"


def test_big_document_round_trip(tmp_path: Path, project: Project) -> None:
    rec = big_record()
    assert len(rec["text"].encode("utf-8")) > 195_000 and len(rec["spans"]) == 5000
    import_paths(project, [write_jsonl(tmp_path / "big.jsonl", [rec])])
    out = tmp_path / "big.out.jsonl"
    export(project, "jsonl", out)
    back = json.loads(out.read_text(encoding="utf-8"))
    assert [(s["start"], s["end"], s["label"]) for s in back["spans"]] == [
        (s["start"], s["end"], s["label"]) for s in rec["spans"]]
    hf = tmp_path / "big.hf.jsonl"
    export(project, "hf", hf)
    line = json.loads(hf.read_text(encoding="utf-8"))
    assert sum(tag.startswith("B-") for tag in line["ner_tags"]) == 5000
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        assert dump(again) == dump(project)


def test_status_filter_and_suggested(tmp_path: Path, project: Project) -> None:
    text_a, text_b = "Putin di Moskow.", "Kim di Pyongyang."
    recs = [
        {"id": "a", "text": text_a, "status": "done",
         "spans": [{"start": 0, "end": 5, "label": "PER"},
                   {"start": 9, "end": 15, "label": "LOC", "status": "suggested",
                    "source": "gazetteer", "score": 0.5}]},
        {"id": "b", "text": text_b, "status": "new",
         "spans": [{"start": 0, "end": 3, "label": "PER"}]},
    ]
    import_paths(project, [write_jsonl(tmp_path / "s.jsonl", recs)])
    buf = io.StringIO()
    summary = export(project, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert summary.documents == 1 and [x["id"] for x in lines] == ["a"]
    assert [s["text"] for s in lines[0]["spans"]] == ["Putin"]
    buf = io.StringIO()
    export(project, "jsonl", buf, status="all", include_suggested=True)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    moskow = lines[0]["spans"][1]
    assert (moskow["text"], moskow["status"], moskow["source"], moskow["score"]) == (
        "Moskow", "suggested", "gazetteer", 0.5)
    assert "answer" not in lines[1]


def test_txt_folder_csv_and_duplicates(tmp_path: Path, project: Project) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text("Artikel pertama.\r\nBaris dua.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_bytes("\ufeffArtikel kedua.".encode())
    (folder / "sub" / "deeper" / "c.txt").write_text("Artikel ketiga.", encoding="utf-8")
    (folder / "notes.md").write_text("not imported", encoding="utf-8")
    (folder / "manifest.json").write_text('{\n "a": 1\n}', encoding="utf-8")
    summary = import_paths(project, [folder])
    assert summary.documents == 3 and summary.files == 3
    doc = project.documents.by_external_id("a")
    assert doc is not None and doc.text == "Artikel pertama.\nBaris dua."
    assert doc.meta["source"] == str(folder / "a.txt")
    b = project.documents.by_external_id("b")
    assert b is not None and b.text == "Artikel kedua."

    csv_path = tmp_path / "items.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "url", "text"])
        w.writerow(["x1", "http://a", "Baris satu\r\nbaris dua, dengan koma"])
        w.writerow(["x2", "http://b", "Artikel pertama.\r\nBaris dua."])  # duplicate text
        w.writerow(["", "http://c", "Tanpa id."])
    summary = import_paths(project, [csv_path])
    assert (summary.documents, summary.duplicates) == (2, 1)
    x1 = project.documents.by_external_id("x1")
    assert x1 is not None and x1.text == "Baris satu\nbaris dua, dengan koma"
    assert x1.meta == {"source": str(csv_path), "url": "http://a"}


def test_unknown_labels_are_added_with_a_warning(tmp_path: Path, project: Project) -> None:
    text = "Festival Jazz di Jakarta."
    rec = {"text": text, "spans": [{"start": 0, "end": 14, "label": "EVENT"}],
           "claims": [{"start": 0, "end": 24, "label": "RUMOUR"}]}
    summary = import_paths(project, [write_jsonl(tmp_path / "l.jsonl", [rec])])
    assert summary.labels_added == ["entity EVENT", "claim RUMOUR"]
    assert any("EVENT" in w for w in summary.warnings)
    assert "EVENT" in project.scheme.names("entity")
    assert "RUMOUR" in project.scheme.names("claim")
    # stored in the project, not only in memory
    with Project(project.path) as reopened:
        assert "EVENT" in reopened.scheme.names("entity")


def test_prodigy_answer_sets_status(tmp_path: Path, project: Project) -> None:
    recs = [{"text": "Satu.", "answer": "accept", "_input_hash": 1},
            {"text": "Dua.", "answer": "ignore"}, {"text": "Tiga."}]
    import_paths(project, [write_jsonl(tmp_path / "p.jsonl", recs)])
    assert [project.documents.get(i).status for i in project.documents.ids()] == [
        DocStatus.DONE, DocStatus.SKIPPED, DocStatus.NEW]


def test_export_refuses_a_shifted_span_and_leaves_no_file(
        tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Putin tiba di Vladivostok."
    import_paths(project, [write_jsonl(tmp_path / "a.jsonl", [
        {"id": "doc-1", "text": text, "status": "done",
         "spans": [{"start": 0, "end": 5, "label": "PER"}]}])])
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    # a span that ends inside a token (tokens not split at its edge: a tokenizer bug)
    project.db.execute('UPDATE entities SET "end" = 3')
    project.db.execute("UPDATE documents SET tokens = ?", [json.dumps([[0, 5], [6, 10]])])
    monkeypatch.setattr("annotator.core.exporters.source.split_at",
                        lambda tokens, edges: tokens)
    with pytest.raises(AnnotatorError, match=r"doc-1.*token boundaries"):
        export(project, "jsonl", out)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    project.db.execute('UPDATE entities SET "end" = 99')
    with pytest.raises(AnnotatorError, match="outside the text"):
        export(project, "doccano", out)


def test_spacy_cannot_go_to_stdout(project: Project) -> None:
    pytest.importorskip("spacy")
    with pytest.raises(AnnotatorError, match="stdout"):
        export(project, "spacy", "-")


def test_streaming_import_uses_an_iterator(tmp_path: Path, project: Project) -> None:
    """Documents reach the store while the file is still being read."""
    recs: list[dict[str, Any]] = [{"text": f"Dokumen nomor {i}."} for i in range(5000)]
    path = write_jsonl(tmp_path / "many.jsonl", recs)
    seen: list[int] = []
    summary = import_paths(project, [path], progress=lambda done, total: seen.append(done))
    assert summary.documents == 5000
    assert seen[-1] == path.stat().st_size
    assert project.search.find("nomor") == []  # the search index is a separate step
    project.search.update_index()
    assert len(project.search.find("4999")) == 1


def test_seeds_load_into_the_default_project() -> None:
    from annotator.core.seeds import open_default_project

    with open_default_project() as project:
        ids = [project.documents.get(i).external_id for i in project.documents.ids()]
        assert len(ids) == 5
        names = sorted(p.stem for p in (Path(__file__).parents[2] / "seeds").glob("*.txt"))
        assert sorted(ids) == names
    with open_default_project() as project:  # opened again: not filled twice
        assert project.documents.count() == 5


def test_span_offsets_helper_sanity() -> None:
    assert find("a-b-a", "a", 1) == (4, 5)


def test_export_token_split_matches_the_store() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from annotator.core.text import split_at as split_tokens
    from annotator.core.text import tokenize

    @given(st.text(alphabet=st.sampled_from(list("ab- .😀é\u0301\u200d")), max_size=30),
           st.sets(st.integers(0, 30), max_size=8))
    def check(text: str, edges: set[int]) -> None:
        edges = {e for e in edges if e <= len(text)}
        assert split_tokens(tokenize(text), edges) == tokenize(text, edges)

    check()
