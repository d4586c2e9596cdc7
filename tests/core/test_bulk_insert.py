"""The import's insert path (store/bulk.py): rows go in as multi-row statements, the
common entity row with SQL NULLs; every field must come back as it went in, for
plain and unusual rows alike, across full statements and the remainder."""

from __future__ import annotations

import pytest

from annotator.core.model import Claim, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.core.store.bulk import ROWS_PER_STATEMENT

WORD = "kata "


def _document(n: int, k: int, plain: bool = False) -> NewDocument:
    """``n`` one-word entities; every 7th has a score, annotator, decider or stamp
    (``plain``: only the status differs)."""
    doc = NewDocument(text=f"dok{k} " + WORD * n, external_id=f"d{k}")
    base = len(f"dok{k} ")
    for i in range(n):
        ent = EntitySpan(0, base + i * len(WORD), base + i * len(WORD) + 4,
                         "PER" if i % 2 else "LOC", source="import")
        if i % 7 == 3:
            ent.status = SpanStatus.SUGGESTED
        if i % 7 == 6:
            ent.status = SpanStatus.REJECTED
        if not plain:
            if i % 7 == 1:
                ent.score = 0.25 * (i % 4)
            if i % 7 == 2:
                ent.annotator = "ana"
            if i % 7 == 4:
                ent.decided, ent.decided_by = True, "budi"
            if i % 7 == 5:
                ent.created_at = ent.updated_at = "2020-01-01T00:00:00+00:00"
        doc.entities.append(ent)
    for i in range(0, n - 1, 2):
        start = base + i * len(WORD)
        claim = Claim(0, start, start + 9, "CHECKWORTHY", source="import",
                      claimant_id=i if i % 4 else None,
                      claimant_text="orang" if i % 4 == 0 else None,
                      attrs={"quote": "direct"} if i % 3 else {})
        if i % 6 == 0:
            claim.cue_start, claim.cue_end = start, start + 4
            claim.score = 0.5
        doc.claims.append(claim)
    return doc


def _entity_fields(e: EntitySpan) -> tuple[object, ...]:
    return (e.start, e.end, e.label, str(e.status), e.source, e.score, e.annotator,
            e.decided, e.decided_by)


def test_every_field_of_every_row_comes_back(project: Project) -> None:
    sizes = [ROWS_PER_STATEMENT * 2 + 37, ROWS_PER_STATEMENT - 1, 3, ROWS_PER_STATEMENT + 5]
    docs = [_document(n, k, plain=k == 3) for k, n in enumerate(sizes)]
    wanted = [[_entity_fields(e) for e in d.entities] for d in docs]
    # decided: an imported accepted or rejected span was decided by a person elsewhere
    wanted = [[(*f[:7], f[7] or f[3] != "suggested", f[8]) for f in doc] for doc in wanted]
    result = project.documents.insert(docs, batch_size=2)
    assert result.entities == sum(sizes)
    for doc_id, doc, fields in zip(result.doc_ids, docs, wanted, strict=True):
        stored = project.spans.list(doc_id, include_rejected=True)
        assert [_entity_fields(e) for e in stored] == fields
        assert [e.id for e in stored] == [e.id for e in doc.entities]
        stamps = {(e.created_at, e.updated_at) for e in stored}
        own_stamps = len(stored) > 5 and doc.external_id != "d3"
        assert len(stamps) == (2 if own_stamps else 1)  # now, or the row's own
        assert not own_stamps or ("2020-01-01T00:00:00+00:00",) * 2 in stamps
        claims = project.claims.list(doc_id, include_rejected=True)
        assert [(c.start, c.end, c.claimant_id, c.claimant_text, c.cue_start, c.cue_end,
                 c.score, c.attrs) for c in claims] == [
            (c.start, c.end, c.claimant_id, c.claimant_text, c.cue_start, c.cue_end,
             c.score, c.attrs) for c in doc.claims]
        # a claimant is the id of an entity of its own document
        ids = {e.id for e in stored}
        assert all(c.claimant_id in ids for c in claims if c.claimant_id is not None)


def test_blobs_cut_from_one_array_are_the_one_text_blobs() -> None:
    from annotator.core.store.bulk import steps_blobs
    from annotator.core.store.rows import steps_blob
    from annotator.core.text import token_steps
    from annotator.core.text_batch import segment_many

    # plain, glued (a flag), empty, steps above a byte and above two bytes
    texts = ["Kim Jong Un di Rusia.", "🇮🇩 Jakarta 👍🏽", "", "a" + " " * 300 + "b",
             "x" * 70_000 + " y", "Putin."]
    tokens, _ = segment_many(texts)
    assert steps_blobs(tokens) == [steps_blob(token_steps(t)) for t in texts]


@pytest.mark.parametrize("group_chars", [1 << 19, 300])
def test_many_documents_keep_the_tokens_one_document_would(
        project: Project, group_chars: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """An insert of many documents segments them together (text_batch), in groups of
    at most so many characters (a longer document alone), of a few one by one: the
    kept BLOBs are the same."""
    from annotator.core.store import documents
    from annotator.core.store.documents import SEGMENT_TOGETHER

    monkeypatch.setattr(documents, "SEGMENT_CHARS", group_chars)
    texts = [f"Dokumen {i}: Kim bertemu Putin di Rusia 🇷🇺.\nLalu pulang. B. J. Habibie "
             f"{'e' * (i % 300)}\u0301." for i in range(SEGMENT_TOGETHER + 5)]
    many = project.documents.insert(NewDocument(t) for t in texts).doc_ids
    few = project.documents.insert(NewDocument(t + "!") for t in texts[:3]).doc_ids
    blobs = {r[0]: r[1:] for r in project.db.execute(
        "SELECT id, fallback_tokens, fallback_sentences FROM documents")}
    with Project(project.path.with_name("one.db")) as alone:
        for doc_id, text in [*zip(many, texts, strict=True),
                             *zip(few, [t + "!" for t in texts[:3]], strict=True)]:
            [own] = alone.documents.insert([NewDocument(text)]).doc_ids
            assert alone.db.execute(
                "SELECT fallback_tokens, fallback_sentences FROM documents WHERE id = ?",
                [own]).fetchone() == blobs[doc_id]


def test_groups_by_size_keep_order_and_every_text() -> None:
    from annotator.core.store.documents import _by_size

    texts = ["a" * 5, "b" * 3, "c" * 20, "d", "e" * 4, "f" * 6]
    groups = list(_by_size(texts, 10))
    assert [list(g) for g in groups] == [["a" * 5, "b" * 3], ["c" * 20], ["d", "e" * 4],
                                         ["f" * 6]]
    assert list(_by_size([], 10)) == []
