"""The export cache: an unchanged document is written from the cache, byte for byte
what a fresh export writes; any change to a document, its entities or its claims
(through the editor, the store, another process, or a copy of the project) makes it
computed afresh; a cache that cannot be used never stops an export."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.editing import Editor
from annotator.core.exporters import FORMATS, export
from annotator.core.exporters.cached import CACHE_FILE, LIMIT_ENV
from annotator.core.importers import import_paths
from annotator.core.model import Claim, DocStatus, SpanStatus
from annotator.core.paths import cache_dir
from annotator.core.store import Project

CACHED_FORMATS = [f for f in FORMATS if f != "spacy"]
PEOPLE = ["Joko Widodo", "Sri Mulyani", "Prabowo Subianto", "Anies Baswedan", "Retno Marsudi"]


def _records(n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        who = PEOPLE[i % len(PEOPLE)]
        text = (f"Menteri {who} tiba di Jakarta pada hari ke-{i}. "
                f"Ia berkata ekonomi Indonesia tumbuh {i} persen.")
        claim_start = text.index("ekonomi")
        spans = [{"id": "who", "start": text.index(who), "end": text.index(who) + len(who),
                  "label": "PER"},
                 {"start": text.index("Jakarta"), "end": text.index("Jakarta") + 7,
                  "label": "LOC"},
                 {"start": text.index("Indonesia"), "end": text.index("Indonesia") + 9,
                  "label": "LOC", "status": "suggested"}]
        claims = [{"start": claim_start, "end": len(text) - 1, "label": "CHECKWORTHY",
                   "claimant": "who", "attrs": {"quote": "indirect"}}]
        out.append({"id": f"doc-{i}", "text": text, "status": "done" if i % 2 else "new",
                    "meta": {"n": i}, "spans": spans, "claims": claims})
    return out


@pytest.fixture
def corpus(tmp_path: Path, project: Project) -> Project:
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(12)),
                   encoding="utf-8")
    import_paths(project, [src])
    return project


def _bytes(path: Path) -> bytes:
    if path.is_dir():
        return b"".join(p.name.encode() + p.read_bytes() for p in sorted(path.iterdir()))
    return path.read_bytes()


def _export(project: Project, fmt: str, out: Path, **options: Any) -> tuple[bytes, int]:
    if out.is_dir():
        shutil.rmtree(out)
    summary = export(project, fmt, out, status="all", include_suggested=True, **options)
    return _bytes(out), summary.cached


def _fresh(project: Project, fmt: str, out: Path) -> bytes:
    return _export(project, fmt, out, cache=False)[0]


@pytest.mark.parametrize("fmt", CACHED_FORMATS)
def test_a_second_export_comes_from_the_cache_byte_for_byte(
        corpus: Project, tmp_path: Path, fmt: str) -> None:
    first, cached_first = _export(corpus, fmt, tmp_path / f"a.{fmt}")
    second, cached_second = _export(corpus, fmt, tmp_path / f"b.{fmt}")
    assert (cached_first, cached_second) == (0, 12)
    assert second == first == _fresh(corpus, fmt, tmp_path / f"c.{fmt}")


def test_options_and_formats_do_not_share_entries(corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    out = tmp_path / "b.jsonl"
    summary = export(corpus, "jsonl", out, status="all", include_suggested=False)
    assert summary.cached == 0
    assert '"status":"suggested"' not in out.read_text(encoding="utf-8")
    assert export(corpus, "doccano", tmp_path / "c.jsonl", status="all").cached == 0


def _first_doc(project: Project) -> int:
    return project.documents.page(0, None, 1)[0].id


def _relabel(project: Project) -> None:
    doc = _first_doc(project)
    ent = next(e for e in project.spans.list(doc) if e.label == "LOC")
    Editor(project).relabel(ent, "ORG")


def _delete_span(project: Project) -> None:
    doc = _first_doc(project)
    Editor(project).remove_span(project.spans.list(doc)[0].id or 0, doc)


def _add_span(project: Project) -> None:
    doc = project.documents.get(_first_doc(project), segment=False)
    start = doc.text.index("hari")
    Editor(project).label_span(doc.id, start, start + 4, "DATE", text=doc.text)


def _add_claim(project: Project) -> None:
    doc = project.documents.get(_first_doc(project), segment=False)
    Editor(project).add_claim(Claim(doc.id, 0, doc.text.index("."), "CHECKWORTHY"))


def _edit_claim(project: Project) -> None:
    claim = project.claims.list(_first_doc(project))[0]
    Editor(project).update_claim(claim, {"attrs": {"quote": "direct"}})


def _remove_claim(project: Project) -> None:
    Editor(project).remove_claim(project.claims.list(_first_doc(project))[0])


def _set_status(project: Project) -> None:
    Editor(project).set_status(_first_doc(project), DocStatus.SKIPPED)


def _accept_all(project: Project) -> None:
    Editor(project).accept_all(_first_doc(project))


def _retokenize(project: Project) -> None:
    doc = project.documents.get(_first_doc(project), segment=False)
    words = [(0, 7), (8, len(doc.text))]
    project.documents.set_tokens(doc.id, words, [(0, len(doc.text))], "test")


def _store_relabel(project: Project) -> None:
    """Below the editor (which also marks the document in progress): the row alone."""
    project.spans.update(project.spans.list(_first_doc(project))[0].id or 0, label="ORG")


def _store_delete_span(project: Project) -> None:
    """Not the claimant (deleting it would also update the claim)."""
    ent = next(e for e in project.spans.list(_first_doc(project)) if e.label == "LOC")
    project.spans.delete(ent.id or 0)


def _store_claim_edit(project: Project) -> None:
    project.claims.update(project.claims.list(_first_doc(project))[0].id or 0, label="OTHER")


def _store_claim_delete(project: Project) -> None:
    project.claims.delete(project.claims.list(_first_doc(project))[0].id or 0)


CHANGES: dict[str, tuple[Callable[[Project], None], int]] = {
    # change -> (how, documents it touches)
    "relabel": (_relabel, 1), "delete span": (_delete_span, 1), "add span": (_add_span, 1),
    "add claim": (_add_claim, 1), "edit claim": (_edit_claim, 1),
    "remove claim": (_remove_claim, 1), "status": (_set_status, 1),
    "accept all": (_accept_all, 1), "tokens": (_retokenize, 1),
    "row relabel": (_store_relabel, 1), "row delete": (_store_delete_span, 1),
    "claim row edit": (_store_claim_edit, 1), "claim row delete": (_store_claim_delete, 1),
}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("fmt", ["jsonl", "conll", "brat"])
def test_a_change_is_exported_and_only_its_document_recomputed(
        corpus: Project, tmp_path: Path, fmt: str, change: str) -> None:
    before, _ = _export(corpus, fmt, tmp_path / f"a.{fmt}")
    how, touched = CHANGES[change]
    how(corpus)
    after, cached = _export(corpus, fmt, tmp_path / f"b.{fmt}")
    assert after == _fresh(corpus, fmt, tmp_path / f"c.{fmt}")
    if fmt == "jsonl":  # it shows every change (conll has no claims, brat no tokens)
        assert after != before
    assert cached == 12 - touched


def test_a_label_renamed_in_the_scheme_reaches_every_document(
        corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    scheme = corpus.scheme
    renamed = type(scheme)(
        entities=[e if e.name != "LOC" else type(e)("PLACE", e.kind, e.color, e.hotkey,
                                                     e.guideline) for e in scheme.entities],
        claims=scheme.claims)
    Editor(corpus).edit_scheme(renamed, {"entity": {"LOC": "PLACE"}})
    after, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert cached == 0
    assert b'"label":"PLACE"' in after and b'"label":"LOC"' not in after
    assert after == _fresh(corpus, "jsonl", tmp_path / "c.jsonl")


def test_a_document_deleted_and_a_project_grown_by_an_import(
        corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    src = tmp_path / "more.jsonl"
    more = [dict(r, id=f"more-{i}", text=r["text"] + " Tambahan.") for i, r in
            enumerate(_records(3))]
    src.write_text("".join(json.dumps(r) + "\n" for r in more), encoding="utf-8")
    import_paths(corpus, [src])
    after, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert cached == 12 and after.count(b"\n") == 15
    assert after == _fresh(corpus, "jsonl", tmp_path / "c.jsonl")


def test_a_span_added_by_another_process_between_the_tokens_and_the_read(
        corpus: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race the sequence numbers close: tokens are handed out, then another
    program inserts a span (no trigger fires on an insert), then the export reads."""
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    doc_id = _first_doc(corpus)
    prepare = corpus.revisions.prepare

    def prepare_then_insert() -> bool:
        done = prepare()
        other = sqlite3.connect(corpus.path)
        other.execute("INSERT INTO entities (doc_id, start, \"end\", label, status, source, "
                      "created_at, updated_at) VALUES (?, 0, 7, 'TITLE', 'accepted', "
                      "'other', 'now', 'now')", [doc_id])
        other.commit()
        other.close()
        return done

    with monkeypatch.context() as patch:
        patch.setattr(corpus.revisions, "prepare", prepare_then_insert)
        after, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert b'"label":"TITLE"' in after and cached == 11
    again, cached = _export(corpus, "jsonl", tmp_path / "c.jsonl")
    assert again == after and cached == 11  # its token was retired and made anew


def test_a_document_deleted_by_another_tool_and_its_id_given_again(
        corpus: Project, tmp_path: Path) -> None:
    """Document ids are not AUTOINCREMENT: delete the last one (another program, with
    SQLite's default of foreign keys off, so no cascade) and the next import gets its
    id; its token must have gone with it (the trigger, not the foreign key)."""
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    last = corpus.documents.page(0, None, 100)[-1]
    last_id = last.id
    other = sqlite3.connect(corpus.path)
    other.execute("DELETE FROM documents WHERE id = ?", [last_id])
    other.commit()
    other.close()
    src = tmp_path / "new.jsonl"
    # the old document's rows are left behind (foreign keys off) and become the new
    # one's: its text starts as the old one did, so they still fit
    src.write_text(json.dumps({"id": "new", "text": last.text + " Dokumen baru."}) + "\n",
                   encoding="utf-8")
    import_paths(corpus, [src])
    assert corpus.documents.page(0, None, 100)[-1].id == last_id
    after, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert after == _fresh(corpus, "jsonl", tmp_path / "c.jsonl") and cached == 11
    assert b"Dokumen baru" in after


def test_two_copies_of_a_project_edited_apart_never_share_an_entry(
        corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    corpus.catch_up()
    copy_path = tmp_path / "copy.annotator.db"
    shutil.copy(corpus.path, copy_path)
    _relabel(corpus)
    with Project(copy_path) as copy:
        _delete_span(copy)
        copy_out, _ = _export(copy, "jsonl", tmp_path / "copy.jsonl")
        assert copy_out == _fresh(copy, "jsonl", tmp_path / "copy-fresh.jsonl")
    ours, _ = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert ours == _fresh(corpus, "jsonl", tmp_path / "c.jsonl") != copy_out


def test_a_cache_that_cannot_be_used_never_stops_an_export(
        corpus: Project, tmp_path: Path) -> None:
    expected = _fresh(corpus, "jsonl", tmp_path / "fresh.jsonl")
    folder = cache_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the cache folder goes")
    assert _export(corpus, "jsonl", tmp_path / "a.jsonl") == (expected, 0)
    folder.unlink()
    folder.mkdir()
    (folder / CACHE_FILE).write_bytes(b"not a database at all, " * 100)
    assert _export(corpus, "jsonl", tmp_path / "b.jsonl") == (expected, 0)
    # the broken file was removed: the next exports build and use a new cache
    assert _export(corpus, "jsonl", tmp_path / "c.jsonl") == (expected, 0)
    assert _export(corpus, "jsonl", tmp_path / "d.jsonl") == (expected, 12)


def test_size_zero_turns_the_cache_off(corpus: Project, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "0")
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    assert _export(corpus, "jsonl", tmp_path / "b.jsonl")[1] == 0
    assert not (cache_dir() / CACHE_FILE).exists()


def test_the_cache_is_trimmed_to_its_limit(corpus: Project, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 0.004  # MB: about half of one jsonl export of this corpus
    monkeypatch.setenv(LIMIT_ENV, str(limit))
    out, _ = _export(corpus, "jsonl", tmp_path / "a.jsonl")
    assert len(out) > limit * (1 << 20)
    with sqlite3.connect(cache_dir() / CACHE_FILE) as db:
        kept = db.execute("SELECT coalesce(sum(length(data)), 0), count(*) FROM entries"
                          ).fetchone()
    assert 0 < kept[0] <= limit * (1 << 20) and kept[1] < 12
    again, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert again == out and 0 < cached < 12


def test_a_read_only_project_exports_without_new_tokens(
        corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    _relabel(corpus)
    corpus.catch_up()
    with Project(corpus.path, read_only=True) as ro:
        out, cached = _export(ro, "jsonl", tmp_path / "b.jsonl")
        assert cached == 11  # the relabelled document has no token and cannot get one
        assert out == _fresh(ro, "jsonl", tmp_path / "c.jsonl")


def test_without_the_triggers_nothing_is_cached(corpus: Project, tmp_path: Path) -> None:
    _export(corpus, "jsonl", tmp_path / "a.jsonl")
    corpus.db.execute("DROP TRIGGER export_revisions_entity_update")
    _relabel(corpus)
    out, cached = _export(corpus, "jsonl", tmp_path / "b.jsonl")
    assert cached == 0 and out == _fresh(corpus, "jsonl", tmp_path / "c.jsonl")


def test_a_suggested_claim_accepted_changes_the_export(corpus: Project, tmp_path: Path) -> None:
    doc = corpus.documents.get(_first_doc(corpus), segment=False)
    Editor(corpus).add_claim(Claim(doc.id, 0, 7, "CHECKWORTHY", status=SpanStatus.SUGGESTED))
    before, _ = _export(corpus, "claims", tmp_path / "a.jsonl")
    Editor(corpus).accept_all_claims(doc.id)
    after, cached = _export(corpus, "claims", tmp_path / "b.jsonl")
    assert after.count(b'"status":"accepted"') == before.count(b'"status":"accepted"') + 1
    assert cached == 11


def test_split_parts_and_sentence_units_from_the_cache(corpus: Project, tmp_path: Path) -> None:
    def parts(name: str, cache: bool) -> tuple[list[bytes], int]:
        summary = export(corpus, "hf", tmp_path / f"{name}.jsonl", status="all",
                         split="50/25/25", unit="sentence", cache=cache)
        return ([(tmp_path / f"{name}.{part}.jsonl").read_bytes()
                 for part in ("train", "dev", "test")], summary.cached)

    first, cached_first = parts("a", True)
    second, cached_second = parts("b", True)
    assert (cached_first, cached_second) == (0, 12)
    assert first == second == parts("c", False)[0]
    assert sum(part.count(b"\n") for part in second) > 12  # a line a sentence


def test_stdout_and_stream_exports_use_the_cache(corpus: Project, tmp_path: Path) -> None:
    import io

    fresh = io.StringIO()
    export(corpus, "jsonl", fresh, status="all", cache=False)
    warm = io.StringIO()
    export(corpus, "jsonl", io.StringIO(), status="all")
    summary = export(corpus, "jsonl", warm, status="all")
    assert summary.cached == 12 and warm.getvalue() == fresh.getvalue()


def test_a_cache_locked_by_another_export_is_skipped_not_waited_for(
        corpus: Project, tmp_path: Path) -> None:
    expected, _ = _export(corpus, "jsonl", tmp_path / "a.jsonl")
    holder = sqlite3.connect(cache_dir() / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another export in the middle of its write
    try:
        assert _export(corpus, "jsonl", tmp_path / "b.jsonl") == (expected, 0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _export(corpus, "jsonl", tmp_path / "c.jsonl") == (expected, 12)


def test_spans_sharing_a_start_are_written_shortest_first(corpus: Project,
                                                           tmp_path: Path) -> None:
    """The store reads spans in (start, id) order; spans that share a start are put in
    (start, end, id) order, as before: the longer one here has the smaller id."""
    from annotator.core.model import EntitySpan

    doc = corpus.documents.get(_first_doc(corpus), segment=False)
    person = next(e for e in corpus.spans.list(doc.id) if e.label == "PER")
    corpus.spans.insert(EntitySpan(doc.id, person.start, person.start + 4, "MISC",
                                   SpanStatus.SUGGESTED))
    line = _export(corpus, "jsonl", tmp_path / "a.jsonl")[0].splitlines()[0]
    spans = [(s["start"], s["end"]) for s in json.loads(line)["spans"]]
    assert spans == sorted(spans)
    assert (person.start, person.start + 4) in spans and (person.start, person.end) in spans


def test_a_document_deleted_while_its_page_is_read_is_left_out(
        corpus: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program deletes a document between the page's ids and its rows: the
    export goes on without it, every other document in its place."""
    ids = [d.id for d in corpus.documents.page(0, None, 100)]
    head_page = corpus.documents.head_page

    def then_delete(*args: Any) -> list[tuple[int, str]]:
        heads = head_page(*args)
        if heads:
            other = sqlite3.connect(corpus.path)
            other.execute("PRAGMA foreign_keys = ON")
            other.execute("DELETE FROM documents WHERE id = ?", [ids[3]])
            other.commit()
            other.close()
        return heads

    monkeypatch.setattr(corpus.documents, "head_page", then_delete)
    out, _ = _export(corpus, "jsonl", tmp_path / "a.jsonl", cache=False)
    lines = [json.loads(line)["id"] for line in out.splitlines()]
    assert lines == [f"doc-{i}" for i in range(12) if i != 3]
