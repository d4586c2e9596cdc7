"""Fuzz every importer (and the store under it) with hypothesis.

Random bytes, invalid UTF-8, broken JSON, huge lines, wrong types, spans out of
range or overlapping, bad CSV: the only acceptable failure is one AnnotatorError
naming the file, and then the project must be exactly as before (a dump of all
tables, and the label scheme). When an input is accepted, what landed must be
sound: spans inside their text, live entities never overlapping, claimants in
the same document.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.commands import AddClaim, AddEntity
from annotator.core.model import AnnotatorError, Claim
from annotator.core.store import NewDocument, Project

importers = pytest.importorskip("annotator.core.importers")

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


# --- the project every example starts from ----------------------------------------------


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "template.annotator.db"
        with Project(db) as project:
            ids = project.documents.insert([
                NewDocument(text="Kim Jong Un bertemu Vladimir Putin di Vladivostok.",
                            external_id="seed-1", meta={"source": "seed"}),
                NewDocument(text="Kata Watson, \"Kami dapat informasi.\" 😀 e\u0301\n",
                            external_id="seed-2"),
            ]).doc_ids
            project.execute(AddEntity(ids[0], 0, 11, "PER"))
            project.execute(AddEntity(ids[0], 20, 34, "PER"))
            project.execute(AddClaim(Claim(ids[1], 13, 36, "CHECKWORTHY",
                                           claimant_text="Watson")))
            project.settings.set("note", {"kept": True})
            project.search.update_index()
        yield db


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


def check_sound(project: Project) -> None:
    conn = project.db.conn
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for doc_id in project.documents.ids():
        text = project.documents.get(doc_id).text
        # one leading BOM is removed (test_text.py); a second U+FEFF is content
        assert "\r" not in text
        live = [(e.start, e.end) for e in project.spans.list(doc_id)]
        for (s, e) in (live + [(e.start, e.end) for e in project.spans.list(
                doc_id, include_rejected=True)]):
            assert 0 <= s < e <= len(text)
        for (_, e1), (s2, _) in itertools.pairwise(live):
            assert s2 >= e1, f"overlapping entities in document {doc_id}"
        for claim in project.claims.list(doc_id, include_rejected=True):
            assert 0 <= claim.start < claim.end <= len(text)
            if claim.cue_start is not None or claim.cue_end is not None:
                assert claim.cue_start is not None and claim.cue_end is not None
                assert 0 <= claim.cue_start < claim.cue_end <= len(text)
            if claim.claimant_id is not None:
                claimant = project.spans.get(claim.claimant_id)
                assert claimant is not None and claimant.doc_id == doc_id


def try_import(template: Path, data: bytes, name: str, fmt: str = "auto") -> str | int:
    """Import ``data`` as a file called ``name`` into a copy of the template.

    Returns the error message, or the number of documents imported; fails the test
    on any exception other than AnnotatorError, or on a failed import that changed
    the project.
    """
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "p.annotator.db"
        shutil.copy(template, db)
        source = Path(folder) / name
        source.write_bytes(data)
        before = dump(db)
        with Project(db) as project:
            scheme = project.scheme.to_dict()
            try:
                summary = importers.import_paths(project, [source], fmt)
            except AnnotatorError as exc:
                message = str(exc)
                assert "\n" not in message.strip(), "one clear line"
                assert str(source) in message, f"the error does not name the file: {message}"
                assert project.scheme.to_dict() == scheme
                project.close()
                assert dump(db) == before, "a failed import changed the project"
                return message
            check_sound(project)
            assert project.documents.count() == 2 + summary.documents
        return int(summary.documents)


# --- strategies ------------------------------------------------------------------------

TEXT_CHARS = st.sampled_from([*"ab Kim,.\n\r\t\"'", "\ufeff", "😀", "e\u0301", "\u200d",
                              "\u00e9", "\\", "\x00"])
texts = st.lists(TEXT_CHARS, max_size=40).map("".join)
json_scalars = (st.none() | st.booleans() | st.integers(-(10**20), 10**20)
                | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10)
labels = st.sampled_from(["PER", "ORG", "LOC", "DATE", "MISC", "CHECKWORTHY", "OPINION",
                          "NEWLABEL", "", " ", 5, None, ["PER"]])


@st.composite
def native_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(texts)
    offset = st.integers(-2, len(text) + 2)
    span_ids = st.sampled_from(["e1", "e2", "e3", 1, 2, None])
    spans = draw(st.lists(st.fixed_dictionaries(
        {"start": offset, "end": offset, "label": labels},
        optional={"id": span_ids, "text": st.text(max_size=4) | json_values,
                  "status": st.sampled_from(["accepted", "suggested", "rejected", "nope", 3]),
                  "score": json_scalars, "source": json_scalars,
                  "token_start": json_scalars}), max_size=5))
    claims = draw(st.lists(st.fixed_dictionaries(
        {"start": offset, "end": offset, "label": labels},
        optional={"claimant": span_ids, "claimant_text": json_scalars,
                  "cue": st.fixed_dictionaries({"start": offset, "end": offset})
                  | st.lists(offset, max_size=3) | json_scalars,
                  "attrs": json_values, "status": json_scalars}), max_size=3))
    record: dict[str, Any] = {"text": text, "spans": spans, "claims": claims}
    extra = draw(st.dictionaries(
        st.sampled_from(["id", "meta", "status", "answer", "annotator", "lang", "text",
                         "spans", "claims", "data"]), json_values, max_size=2))
    record.update(extra)
    return record


@st.composite
def doccano_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(texts)
    offset = st.integers(-2, len(text) + 2)
    if draw(st.booleans()):
        triples = st.tuples(offset, offset, labels).map(list) | json_values
        return {"text": text, "label": draw(st.lists(triples, max_size=5))}
    ids = st.integers(0, 4)
    entities = draw(st.lists(st.fixed_dictionaries(
        {"id": ids, "start_offset": offset, "end_offset": offset, "label": labels}),
        max_size=5))
    relations = draw(st.lists(st.fixed_dictionaries(
        {"from_id": ids, "to_id": ids, "type": st.sampled_from(["claimant", "other", 1])})
        | json_values, max_size=3))
    return {"text": text, "entities": entities, "relations": relations}


def jsonl(records: list[Any], ensure_ascii: bool = False) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n"
                   for r in records).encode("utf-8", "surrogatepass")


@st.composite
def broken(draw: st.DrawFn, data: bytes) -> bytes:
    """Damage a valid file: cut it, flip a byte, insert invalid UTF-8 or a NUL."""
    if not data:
        return data
    where = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["cut", "flip", "utf8", "nul", "crlf"]))
    if how == "cut":
        return data[:where]
    if how == "flip":
        i = min(where, len(data) - 1)
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if how == "utf8":
        return data[:where] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80",
                                                     b"\xe2\x82"])) + data[where:]
    if how == "nul":
        return data[:where] + b"\x00" + data[where:]
    return data.replace(b"\n", b"\r\n")


# --- the tests -------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=300),
       name=st.sampled_from(["in.txt", "in.jsonl", "in.json", "in.csv", "in.tsv", "in.bin"]))
@example(data=b"\xff\xfe\x00a", name="in.txt")
@example(data=b"[" * 5_000, name="in.jsonl")
@example(data=b'{"text": "' + b"x" * 3_000_000 + b'"}', name="in.jsonl")
def test_random_bytes(template: Path, data: bytes, name: str) -> None:
    try_import(template, data, name)


@FUZZ
@given(records=st.lists(native_records(), min_size=1, max_size=4), ascii_only=st.booleans())
def test_native_records(template: Path, records: list[dict[str, Any]], ascii_only: bool) -> None:
    try_import(template, jsonl(records, ascii_only), "records.jsonl")


@FUZZ
@given(records=st.lists(doccano_records(), min_size=1, max_size=4))
def test_doccano_records(template: Path, records: list[dict[str, Any]]) -> None:
    try_import(template, jsonl(records), "doccano.jsonl")


@FUZZ
@given(data=st.data())
def test_broken_jsonl(template: Path, data: st.DataObject) -> None:
    records = data.draw(st.lists(native_records() | doccano_records(), min_size=1,
                                 max_size=3))
    damaged = data.draw(broken(jsonl(records)))
    try_import(template, damaged, "broken.jsonl")


@FUZZ
@given(records=st.lists(json_values, min_size=1, max_size=4),
       as_array=st.booleans())
def test_wrong_types(template: Path, records: list[Any], as_array: bool) -> None:
    data = (json.dumps(records).encode() if as_array else jsonl(records))
    outcome = try_import(template, data, "types.json")
    with_text = sum(1 for r in records if isinstance(r, dict) and (
        isinstance(r.get("text"), str) or isinstance(r.get("data"), str)))
    if isinstance(outcome, int):
        assert outcome <= with_text, "a record without text became a document"


@FUZZ
@given(header=st.lists(st.sampled_from(["text", "id", "Text", "source", "", "a,b", "x"]),
                       max_size=4),
       rows=st.lists(st.lists(texts, max_size=5), max_size=5),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]),
       tab=st.booleans(), data=st.data())
def test_csv(template: Path, header: list[str], rows: list[list[str]], quoting: Any,
             tab: bool, data: st.DataObject) -> None:
    out = io.StringIO()
    delimiter = "\t" if tab else ","
    try:
        writer = csv.writer(out, delimiter=delimiter, quoting=quoting, escapechar=None)
        writer.writerow(header)
        writer.writerows(rows)
        content = out.getvalue().encode("utf-8")
    except csv.Error:  # QUOTE_NONE refuses cells with a delimiter: write them raw instead
        content = "\n".join(delimiter.join(r) for r in [header, *rows]).encode()
    if data.draw(st.booleans()):
        content = data.draw(broken(content))
    try_import(template, content, "table.tsv" if tab else "table.csv")


def test_huge_csv_field_and_unbalanced_quote(template: Path) -> None:
    big = b"id,text\n1,\"" + b"y" * 2_000_000 + b"\"\n"
    assert try_import(template, big, "big.csv") == 1
    try_import(template, b'id,text\n1,"never closed\n2,ok\n', "quote.csv")


def test_lone_surrogate_escapes_are_refused_cleanly(template: Path) -> None:
    """JSON may spell a lone UTF-16 surrogate (\\ud800): it cannot be stored as UTF-8."""
    for line in [b'{"text": "abc \\ud800 def"}\n',
                 b'{"text": "ok", "meta": {"k": "\\udfff"}}\n',
                 b'{"text": "ok", "spans": [{"start": 0, "end": 2, "label": "\\ud83d"}]}\n']:
        try_import(template, line, "surrogate.jsonl")


def test_deeply_nested_json_is_refused_cleanly(template: Path) -> None:
    for nested in (b'{"text": "a", "meta": {"x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}\n",
                   b"[" * 50_000 + b"]" * 50_000 + b"\n"):
        try_import(template, nested, "deep.jsonl")


# --- the store under the importers ---------------------------------------------------------


@FUZZ
@given(texts=st.lists(st.text(max_size=30), max_size=6), fail_at=st.integers(0, 6))
def test_insert_documents_all_or_nothing(template: Path, texts: list[str], fail_at: int) -> None:
    """An iterator that fails part-way (as a parser does) leaves nothing behind."""

    def docs() -> Iterator[NewDocument]:
        for i, text in enumerate(texts):
            if i == fail_at:
                raise AnnotatorError(f"input, line {i + 1}: broken")
            yield NewDocument(text=f"{i} {text}")
        if fail_at >= len(texts):
            raise AnnotatorError("input: broken at the end")

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "p.annotator.db"
        shutil.copy(template, db)
        before = dump(db)
        with Project(db) as project, pytest.raises(AnnotatorError, match="broken"):
            project.documents.insert(docs(), batch_size=2)
        assert dump(db) == before
