"""``project.documents``: documents, their status, tokens and imports."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from annotator.core.model import (
    AnnotatorError,
    Claim,
    DocStatus,
    Document,
    DocumentSummary,
    EntitySpan,
    Offsets,
    SpanStatus,
)
from annotator.core.store.bulk import (
    CLAIM_HEAD,
    CLAIM_ROW,
    ENTITY_HEAD,
    ENTITY_ROW,
    PLAIN_ENTITY_ROW,
    insert_rows,
    steps_blobs,
)
from annotator.core.store.rows import (
    claim_row,
    entity_row,
    offsets_blob,
    offsets_from_blob,
    offsets_from_json,
    offsets_json,
    steps_blob,
    stored_tokens,
)
from annotator.core.store.spans import Spans
from annotator.core.text import split_at, split_sentences, token_steps, tokenize

if TYPE_CHECKING:
    from annotator.core.store.base import Store


_DOC_STATUS = {str(s): s for s in DocStatus}
# json.dumps(meta, ensure_ascii=False) without building an encoder for every document
_meta_json = json.JSONEncoder(ensure_ascii=False).encode
# From this many documents an insert segments them all at once (text_batch: numpy,
# loaded then); fewer (the window adding one) take the one-text functions.
SEGMENT_TOGETHER = 64
# ... in groups of at most this many characters: numpy's arrays (~20 bytes a
# character) stay near 10 MB whatever the documents' length (and fit the CPU's
# caches better: 0.18 s at 10,000 news documents, 0.34 s in groups of 2,000)
SEGMENT_CHARS = 1 << 19
# SpanStatus -> its text as a plain str (a str subclass is bound through the adapters)
_SPAN_STATUS_TEXT = {s: str(s) for s in SpanStatus}


def load_meta(stored: str) -> dict[str, Any]:
    """A stored meta object (orjson; the standard library for what it refuses, e.g. an
    integer beyond 64 bits that json.dumps wrote)."""
    try:
        return orjson.loads(stored)
    except orjson.JSONDecodeError:
        return json.loads(stored)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class NewDocument:
    """A document about to be inserted, with its imported annotations."""

    text: str
    external_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    annotator: str | None = None
    lang: str | None = None
    entities: list[EntitySpan] = field(default_factory=list)
    # Claims reference their claimant by index into ``entities`` (claimant_id),
    # since the entities have no database ids yet.
    claims: list[Claim] = field(default_factory=list)
    # (recognizer, version) pairs that already ran on it (``annotator suggest`` shards)
    runs: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class InsertResult:
    inserted: int = 0
    skipped_duplicates: int = 0
    entities: int = 0
    claims: int = 0
    doc_ids: list[int] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id asked for, id given)


@dataclass(slots=True)
class StoredDocument:
    """A document row as stored: tokens before any split at span edges."""

    id: int
    external_id: str
    text: str
    meta: dict[str, Any]
    status: DocStatus
    annotator: str | None
    lang: str | None
    base_tokens: list[Offsets] | None  # a recognizer's; None: the fallback tokenizer's
    sentences: list[Offsets] | None  # None: the fallback splitter's
    # The fallback tokenizer's tokens kept at import (``rows.offsets_from_blob`` reads
    # them; left undecoded here: most export formats never look at tokens).
    fallback_tokens: bytes | None = None
    fallback_sentences: bytes | None = None  # likewise the fallback splitter's


def stored_document(r: Sequence[Any]) -> StoredDocument:
    """A row of :meth:`Documents.rows` as a StoredDocument."""
    return StoredDocument(r[0], r[1], r[2], load_meta(r[3]), _DOC_STATUS[r[4]], r[5], r[6],
                          offsets_from_json(r[7]), offsets_from_json(r[8]), r[9], r[10])


def _segmentation(texts: Sequence[str]) -> list[tuple[bytes, bytes]]:
    """Each text's fallback tokens and sentences as kept at import (BLOBs)."""
    if len(texts) < SEGMENT_TOGETHER:
        return [(steps_blob(token_steps(t)), offsets_blob(split_sentences(t))) for t in texts]
    from annotator.core.text_batch import segment_many

    out: list[tuple[bytes, bytes]] = []
    for group in _by_size(texts, SEGMENT_CHARS):
        tokens, sentences = segment_many(group)
        out.extend(zip(steps_blobs(tokens), steps_blobs(sentences), strict=True))
    return out


def _by_size(texts: Sequence[str], limit: int) -> Iterator[Sequence[str]]:
    """The texts in order, in groups of at most ``limit`` characters (a longer text
    alone)."""
    start, size = 0, 0
    for i, text in enumerate(texts):
        if size and size + len(text) > limit:
            yield texts[start:i]
            start, size = i, 0
        size += len(text)
    if start < len(texts):
        yield texts[start:]


class Documents:
    def __init__(self, project: Store, spans: Spans) -> None:
        self._p = project
        self._spans = spans

    # --- reading ------------------------------------------------------------

    def get(self, doc_id: int, *, segment: bool = True) -> Document:
        """One document; ``segment=False`` leaves tokens and sentences empty (fast open
        of a long document when they are not needed yet)."""
        row = self._p.db.execute(
            "SELECT id, external_id, text, meta, status, annotator, lang, tokens, sentences, "
            "tokens_source, sha256, created_at, updated_at, fallback_tokens, "
            "fallback_sentences FROM documents WHERE id = ?",
            [doc_id]).fetchone()
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        text = row[2]
        doc = Document(
            id=row[0], external_id=row[1], text=text, meta=json.loads(row[3]),
            status=DocStatus(row[4]), annotator=row[5], lang=row[6],
            tokens_source=row[9], sha256=row[10], created_at=row[11], updated_at=row[12])
        if not segment:
            return doc
        doc.sentences = (offsets_from_json(row[8]) or offsets_from_blob(row[14])
                         or split_sentences(text))
        base = stored_tokens(row[7], row[13])
        doc.tokens = split_at(base if base is not None else tokenize(text),
                                     self._spans.edges(doc_id))
        return doc

    def by_external_id(self, external_id: str) -> Document | None:
        row = self._p.db.execute(
            "SELECT id FROM documents WHERE external_id = ?", [external_id]).fetchone()
        return self.get(row[0]) if row else None

    def base_tokens(self, doc_id: int, text: str | None = None) -> list[Offsets]:
        """The document's tokens before any split at span edges (stored ones, else the
        fallback tokenizer's): ``text.split_at`` splits them for the spans."""
        row = self._p.db.execute(
            "SELECT tokens, fallback_tokens, CASE WHEN tokens IS NULL AND fallback_tokens IS "
            "NULL THEN text END FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        stored = stored_tokens(row[0], row[1])
        return stored if stored is not None else tokenize(text if text is not None else row[2])

    def segmentation(self, doc_id: int, text: str | None = None,
                     ) -> tuple[list[Offsets], list[Offsets]]:
        """(tokens before any split at span edges, sentences): the stored ones, else
        the fallback tokenizer's and splitter's (``text``: the document's, if at hand)."""
        row = self._p.db.execute(
            "SELECT tokens, sentences, CASE WHEN (tokens IS NULL AND fallback_tokens IS NULL) "
            "OR (sentences IS NULL AND fallback_sentences IS NULL) THEN text END, "
            "fallback_tokens, fallback_sentences FROM documents WHERE id = ?",
            [doc_id]).fetchone()
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        full = text if text is not None else row[2]
        tokens = stored_tokens(row[0], row[3])
        sentences = offsets_from_json(row[1]) or offsets_from_blob(row[4])
        return (tokens if tokens is not None else tokenize(full),
                sentences if sentences is not None else split_sentences(full))

    def length(self, doc_id: int) -> int | None:
        row = self._p.db.execute("SELECT length(text) FROM documents WHERE id = ?",
                                 [doc_id]).fetchone()
        return int(row[0]) if row else None

    def status(self, doc_id: int) -> DocStatus | None:
        row = self._p.db.execute("SELECT status FROM documents WHERE id = ?",
                                 [doc_id]).fetchone()
        return DocStatus(row[0]) if row else None

    def tokens_source(self, doc_id: int) -> str | None:
        """Who computed the stored tokens ("fallback", "stanza"...): a cheap change check."""
        row = self._p.db.execute("SELECT tokens_source FROM documents WHERE id = ?",
                                 [doc_id]).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def count(self, status: DocStatus | str | None = None) -> int:
        if status is None:
            return int(self._p.db.execute("SELECT count(*) FROM documents").fetchone()[0])
        return int(self._p.db.execute(
            "SELECT count(*) FROM documents WHERE status = ?", [str(status)]).fetchone()[0])

    def status_counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in DocStatus}
        for status, n in self._p.db.execute(
                "SELECT status, count(*) FROM documents GROUP BY status"):
            counts[status] = n
        return counts

    def ids(self, status: DocStatus | str | None = None) -> list[int]:
        """All document ids in order (cheap even at 100,000 documents)."""
        # Scan the status index (it holds every rowid), not the table whose pages hold
        # the texts, and build the list in one JSON value: ~10x faster at 100,000.
        if status is None:
            row = self._p.db.execute("SELECT json_group_array(id) FROM documents "
                                     "INDEXED BY documents_status").fetchone()
        else:
            row = self._p.db.execute(
                "SELECT json_group_array(id) FROM documents WHERE status = ?",
                [str(status)]).fetchone()
        ids: list[int] = json.loads(row[0]) if row and row[0] else []
        ids.sort()
        return ids

    def next_id(self, after: int | None,
                statuses: Sequence[DocStatus | str] = (DocStatus.NEW, DocStatus.IN_PROGRESS),
                ) -> int | None:
        """The first document after ``after`` (wrapping around) with one of ``statuses``."""
        marks = ",".join("?" * len(statuses))
        values = [str(s) for s in statuses]
        row = self._p.db.execute(
            f"SELECT id FROM documents WHERE id > ? AND status IN ({marks}) ORDER BY id LIMIT 1",
            [after or 0, *values]).fetchone()
        if row is None and after:
            row = self._p.db.execute(
                f"SELECT id FROM documents WHERE id <= ? AND status IN ({marks}) "
                "ORDER BY id LIMIT 1", [after, *values]).fetchone()
        return int(row[0]) if row else None

    def summaries(self, ids: Sequence[int]) -> list[DocumentSummary]:
        """Light rows (title = first line, at most 200 characters) for the given ids."""
        out: dict[int, DocumentSummary] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._p.db.execute(
                    "SELECT id, external_id, substr(text, 1, 200), status, annotator "
                    f"FROM documents WHERE id IN ({marks})", chunk):
                title = next((ln.strip() for ln in row[2].splitlines() if ln.strip()), "")
                out[row[0]] = DocumentSummary(row[0], row[1], title, DocStatus(row[3]), row[4])
        return [out[i] for i in ids if i in out]

    def iter(self, status: DocStatus | str | None = None, batch: int = 500) -> Iterator[Document]:
        """Stream documents in id order (for exporters): constant memory."""
        last = 0
        while True:
            page = self.page(last, status, batch)
            if not page:
                return
            for stored in page:
                yield self.get(stored.id)
            last = page[-1].id

    def page(self, after: int, status: DocStatus | str | None, limit: int,
             ) -> list[StoredDocument]:
        """Up to ``limit`` documents with ids above ``after``, in id order."""
        return list(map(stored_document, self.rows(
            [doc_id for doc_id, _ in self.head_page(after, status, limit)])))

    def head_page(self, after: int, status: DocStatus | str | None, limit: int,
                  ) -> list[tuple[int, str]]:
        """(id, external id) of up to ``limit`` documents with ids above ``after``, in
        id order: an export first looks up which documents it has cached."""
        where = "" if status is None else "AND status = ?"
        params: list[Any] = [after] + ([] if status is None else [str(status)])
        return self._p.db.execute(
            f"SELECT id, external_id FROM documents WHERE id > ? {where} ORDER BY id LIMIT ?",
            [*params, limit]).fetchall()

    def rows(self, ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """These documents as plain rows in id order (``stored_document`` makes one a
        document): the export's bulk read."""
        if not ids:
            return []
        return self._p.db.execute(
            "SELECT id, external_id, text, meta, status, annotator, lang, tokens, "
            "sentences, fallback_tokens, fallback_sentences FROM documents "
            f"WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", list(ids)).fetchall()

    def texts(self, ids: Sequence[int]) -> dict[int, str]:
        if not ids:
            return {}
        return dict(self._p.db.execute(
            f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(ids))})",
            list(ids)).fetchall())

    def external_ids(self, status: DocStatus | str | None = None) -> list[str]:
        """Every document's external id (of one status), in id order."""
        if status is None:
            return [r[0] for r in self._p.db.execute(
                "SELECT external_id FROM documents ORDER BY id")]
        return [r[0] for r in self._p.db.execute(
            "SELECT external_id FROM documents WHERE status = ? ORDER BY id", [str(status)])]

    def majority_lang(self) -> str | None:
        """The language most documents have (None: none has one)."""
        row = self._p.db.execute(
            "SELECT lang, count(*) AS n FROM documents WHERE lang IS NOT NULL AND lang != '' "
            "GROUP BY lang ORDER BY n DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None

    # --- writing (inside the caller's transaction, or one of its own) -------------

    def set_status(self, doc_id: int, status: DocStatus | str) -> None:
        """Low-level: used by commands inside their transaction."""
        with self._p.transaction():
            self._p.db.execute(
                "UPDATE documents SET status = ?, annotator = coalesce(?, annotator), "
                "updated_at = ? WHERE id = ?", [str(status), self._p.annotator, self._p.now(),
                                                   doc_id])
            self._p.note(doc_id, "status")

    def set_tokens(self, doc_id: int, tokens: Sequence[Offsets], sentences: Sequence[Offsets],
                   source: str) -> None:
        """Store tokens and sentences computed by a recognizer (e.g. Stanza)."""
        with self._p.transaction():
            self._p.db.execute(
                "UPDATE documents SET tokens = ?, sentences = ?, tokens_source = ? WHERE id = ?",
                [offsets_json(tokens), offsets_json(sentences), source, doc_id])
            self._p.note(doc_id, "tokens")

    def insert(self, docs: Iterable[NewDocument], *, batch_size: int = 2000,
               progress: Callable[[int], None] | None = None) -> InsertResult:
        """Insert documents and their annotations in ONE transaction (all or nothing),
        logged as one ``import`` event.

        A document whose text is already in the project is skipped and counted.
        Raises whatever the iterator raises (e.g. a parse error) after rolling back.
        """
        result = InsertResult()
        with self._p.transaction():
            batch: list[NewDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= batch_size:
                    self._insert_batch(batch, result)
                    if progress:
                        progress(result.inserted + result.skipped_duplicates)
                    batch = []
            if batch:
                self._insert_batch(batch, result)
                if progress:
                    progress(result.inserted + result.skipped_duplicates)
            if result.inserted:
                self._p.log(None, "import", {"documents": result.inserted,
                                                       "skipped": result.skipped_duplicates})
                self._p.note(None, "documents_added", "spans", "claims")
        return result

    def _next_id(self, table: str) -> int:
        """The next id for an AUTOINCREMENT table: above every id it ever held."""
        db = self._p.db
        seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
        top = db.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
        return max(seq[0] if seq else 0, top or 0) + 1

    def _insert_batch(self, batch: Sequence[NewDocument], result: InsertResult) -> None:
        stamp = self._p.now()
        db = self._p.db
        hashes = [text_sha256(d.text) for d in batch]
        existing = self._existing_hashes(hashes)
        wanted_ids = [d.external_id for d in batch if d.external_id]
        taken_before = self._existing_external_ids(wanted_ids)
        next_id = (db.execute("SELECT max(id) FROM documents").fetchone()[0] or 0) + 1
        rows: list[tuple[Any, ...]] = []
        pending: list[tuple[int, NewDocument]] = []
        taken_ids: set[str] = set()
        for doc, sha in zip(batch, hashes, strict=True):
            if sha in existing:
                result.skipped_duplicates += 1
                continue
            existing.add(sha)
            wanted = doc.external_id or f"doc-{next_id}"
            if doc.external_id and wanted not in taken_before and wanted not in taken_ids:
                ext = wanted  # the common case, checked for the whole batch at once
            else:
                ext = self._free_external_id(wanted, taken_ids)
            if doc.external_id and ext != doc.external_id:
                result.renamed.append((doc.external_id, ext))
            taken_ids.add(ext)
            rows.append((next_id, ext, doc.text, sha, _meta_json(doc.meta), str(doc.status),
                         doc.annotator, doc.lang, stamp, stamp))
            pending.append((next_id, doc))
            next_id += 1
        segmented = _segmentation([doc.text for _, doc in pending])
        rows = [(*row, tokens, sentences) for row, (tokens, sentences) in zip(rows, segmented,
                                                                             strict=True)]
        db.conn.executemany(
            "INSERT INTO documents (id, external_id, text, sha256, meta, status, annotator, "
            "lang, created_at, updated_at, fallback_tokens, fallback_sentences) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # Ids are given here (not by SQLite) so that all rows go in with executemany
        # and claims can name their claimant entity's id at once; they start above
        # every id the table ever held (never reused: undo relies on it).
        next_entity = self._next_id("entities")
        plain_rows: list[tuple[Any, ...]] = []  # bulk.PLAIN_ENTITY_ROW: most imported spans
        entity_rows: list[tuple[Any, ...]] = []
        claim_rows: list[tuple[Any, ...]] = []
        run_rows: list[tuple[Any, ...]] = []
        suggested = SpanStatus.SUGGESTED
        for doc_id, doc in pending:
            first_entity = next_entity
            for ent in doc.entities:
                ent.doc_id, ent.id = doc_id, next_entity
                # an imported accepted or rejected span was decided by a person elsewhere
                decided = ent.decided = ent.decided or ent.status != suggested
                if (ent.score is None and ent.annotator is None and ent.decided_by is None
                        and not ent.created_at and not ent.updated_at):
                    plain_rows.append((next_entity, doc_id, ent.start, ent.end, ent.label,
                                       _SPAN_STATUS_TEXT[ent.status], ent.source, stamp, stamp,
                                       int(decided)))
                else:
                    entity_rows.append(entity_row(ent, stamp))
                next_entity += 1
            for claim in doc.claims:
                claim.doc_id = doc_id
                claim.decided = claim.decided or claim.status != suggested
                if claim.claimant_id is not None:  # an index into doc.entities until now
                    claim.claimant_id = first_entity + claim.claimant_id
                claim_rows.append(claim_row(claim, stamp))
            result.entities += len(doc.entities)
            result.claims += len(doc.claims)
            result.doc_ids.append(doc_id)
            run_rows.extend((doc_id, name, version, stamp) for name, version in doc.runs)
        insert_rows(db.conn, ENTITY_HEAD, PLAIN_ENTITY_ROW, plain_rows)
        insert_rows(db.conn, ENTITY_HEAD, ENTITY_ROW, entity_rows)
        insert_rows(db.conn, CLAIM_HEAD, CLAIM_ROW, claim_rows)
        db.conn.executemany(
            "INSERT OR REPLACE INTO recognizer_runs (doc_id, recognizer, version, ran_at) "
            "VALUES (?, ?, ?, ?)", run_rows)
        result.inserted += len(pending)
        self._p.note(None)
        for doc_id, _ in pending:
            self._p.note(doc_id)

    def _existing_hashes(self, hashes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._p.db.execute(
                f"SELECT sha256 FROM documents WHERE sha256 IN ({marks})", chunk))
        return found

    def _existing_external_ids(self, wanted: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = list(wanted[i:i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._p.db.execute(
                f"SELECT external_id FROM documents WHERE external_id IN ({marks})", chunk))
        return found

    def _free_external_id(self, wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 1
        while candidate in taken or self._p.db.execute(
                "SELECT 1 FROM documents WHERE external_id = ?", [candidate]).fetchone():
            n += 1
            candidate = f"{wanted}~{n}"
        return candidate
