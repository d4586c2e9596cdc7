"""Annotator layers of a team project: every annotator's spans, claims and statuses.

A merged project keeps each annotator's work in tables of its own
(``layer_documents``, ``layer_entities``, ``layer_claims``), so every query of the
main tables stays as it is: the main tables (documents / entities / claims) are
the team's GOLD layer. ``layer_sources`` remembers which project file each
annotator's layer came from (two different files may not claim one name), and
``layer_review`` holds the number of open disagreements per document.

``project.layers`` reads and writes; writes run inside the caller's
transaction (``Project.transaction`` or a command run by ``Project.execute``).
The pure logic (split, agreement, consensus) is in ``annotator.core.teams``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.model import DocStatus, Offsets, SpanStatus
from annotator.core.sqlite_utils_lite import sqlite_utils
from annotator.core.store.base import Store
from annotator.core.text import tokenize


def m003_layers(db: sqlite_utils.Database) -> None:
    """Registered on the store's migrations in ``annotator/core/store/__init__.py``."""
    db.executescript(
        """
        CREATE TABLE layer_sources (
            annotator TEXT PRIMARY KEY,
            source_id TEXT NOT NULL,    -- the file's project_id setting, else its path
            path TEXT,
            merged_at TEXT NOT NULL
        );

        CREATE TABLE layer_documents (
            annotator TEXT NOT NULL,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (annotator, doc_id)
        );
        CREATE INDEX layer_documents_doc ON layer_documents(doc_id);

        CREATE TABLE layer_entities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            annotator TEXT NOT NULL,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX layer_entities_doc ON layer_entities(doc_id, annotator);

        -- The claimant is named by its entity's offsets in the same layer (ids differ
        -- between files) and by its text.
        CREATE TABLE layer_claims (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            annotator TEXT NOT NULL,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            claimant_start INTEGER,
            claimant_end INTEGER,
            claimant_text TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            attrs TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX layer_claims_doc ON layer_claims(doc_id, annotator);

        CREATE TABLE layer_review (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            open_entities INTEGER NOT NULL DEFAULT 0,
            open_claims INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        """
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class LayerSpan:
    annotator: str
    start: int
    end: int
    label: str
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(frozen=True, slots=True)
class LayerClaim:
    annotator: str
    start: int
    end: int
    label: str
    claimant: Offsets | None = None      # the claimant entity's offsets, if an entity
    claimant_text: str | None = None
    cue: Offsets | None = None
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "manual"
    score: float | None = None

    def row_key(self) -> tuple[Any, ...]:
        """Every stored field (for "did this layer change?")."""
        return (self.start, self.end, self.label, self.claimant, self.claimant_text, self.cue,
                json.dumps(self.attrs, sort_keys=True), str(self.status), self.source,
                self.score)


@dataclass(slots=True)
class LayerDocument:
    annotator: str
    doc_id: int
    status: DocStatus
    entities: list[LayerSpan] = field(default_factory=list)
    claims: list[LayerClaim] = field(default_factory=list)


_ENTITY_COLS = 'annotator, doc_id, start, "end", label, status, source, score'
_CLAIM_COLS = ('annotator, doc_id, start, "end", label, claimant_start, claimant_end, '
               "claimant_text, cue_start, cue_end, attrs, status, source, score")


def _span_row(doc_id: int, s: LayerSpan) -> tuple[Any, ...]:
    return (s.annotator, doc_id, s.start, s.end, s.label, str(s.status), s.source, s.score)


def _claim_row(doc_id: int, c: LayerClaim) -> tuple[Any, ...]:
    cl = c.claimant or (None, None)
    cue = c.cue or (None, None)
    return (c.annotator, doc_id, c.start, c.end, c.label, cl[0], cl[1], c.claimant_text,
            cue[0], cue[1], json.dumps(c.attrs, ensure_ascii=False, sort_keys=True),
            str(c.status), c.source, c.score)


# stored text -> enum by a dict lookup: SpanStatus(text) costs a microsecond a row,
# and a merge reads every span of three files and the team project
_STATUS = {str(s): s for s in SpanStatus}


def _span(r: Sequence[Any]) -> LayerSpan:
    return LayerSpan(r[0], r[2], r[3], r[4], _STATUS[r[5]], r[6], r[7])


def _claim(r: Sequence[Any]) -> LayerClaim:
    return LayerClaim(r[0], r[2], r[3], r[4],
                      (r[5], r[6]) if r[5] is not None and r[6] is not None else None,
                      r[7], (r[8], r[9]) if r[8] is not None and r[9] is not None else None,
                      json.loads(r[10]), _STATUS[r[11]], r[12], r[13])


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


class Layers:
    """The layer tables of one open project (``project.layers``)."""

    def __init__(self, store: Store) -> None:
        self._p = store

    @property
    def db(self) -> sqlite_utils.Database:
        return self._p.db

    # --- sources and annotators ------------------------------------------------

    def sources(self) -> dict[str, tuple[str, str | None]]:
        """annotator -> (source id, path) of the file their layer came from."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute(
            "SELECT annotator, source_id, path FROM layer_sources ORDER BY rowid")}

    def set_source(self, annotator: str, source_id: str, path: str | None) -> None:
        self.db.execute(
            "INSERT INTO layer_sources (annotator, source_id, path, merged_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(annotator) DO UPDATE SET path = excluded.path, "
            "merged_at = excluded.merged_at", [annotator, source_id, path, _now()])

    def annotators(self) -> list[str]:
        """Every annotator with a layer, in the order their layers arrived."""
        names = list(self.sources())
        for (name,) in self.db.execute(
                "SELECT DISTINCT annotator FROM layer_documents ORDER BY annotator"):
            if name not in names:
                names.append(name)
        return names

    # --- documents -------------------------------------------------------------------

    def doc_ids_by_sha(self, hashes: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(list(hashes)):  # type: ignore[arg-type]
            marks = ",".join("?" * len(chunk))
            found.update((r[0], r[1]) for r in self.db.execute(
                f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})", list(chunk)))
        return found

    def statuses(self) -> list[tuple[str, int, DocStatus]]:
        """(annotator, doc id, the annotator's status) for every layer document."""
        return [(r[0], r[1], DocStatus(r[2])) for r in self.db.execute(
            "SELECT annotator, doc_id, status FROM layer_documents ORDER BY doc_id, annotator")]

    def doc_statuses(self, doc_id: int) -> dict[str, DocStatus]:
        return {r[0]: DocStatus(r[1]) for r in self.db.execute(
            "SELECT annotator, status FROM layer_documents WHERE doc_id = ? ORDER BY rowid",
            [doc_id])}

    def documents(self, doc_ids: Sequence[int], annotator: str | None = None
                  ) -> dict[int, list[LayerDocument]]:
        """Every layer (or ``annotator``'s only) of the given documents: a few queries
        per 500 documents."""
        out: dict[int, list[LayerDocument]] = {}
        who = "" if annotator is None else "AND annotator = ?"
        for chunk in _chunks(list(doc_ids)):
            marks = ",".join("?" * len(chunk))
            params = [*chunk, *([] if annotator is None else [annotator])]
            by_key: dict[tuple[str, int], LayerDocument] = {}
            for name, doc_id, status in self.db.execute(
                    "SELECT annotator, doc_id, status FROM layer_documents "
                    f"WHERE doc_id IN ({marks}) {who} ORDER BY doc_id, rowid", params):
                layer = LayerDocument(name, doc_id, DocStatus(status))
                by_key[(name, doc_id)] = layer
                out.setdefault(doc_id, []).append(layer)
            for r in self.db.execute(
                    f"SELECT {_ENTITY_COLS} FROM layer_entities WHERE doc_id IN ({marks}) "
                    f'{who} ORDER BY doc_id, start, "end", id', params):
                if (r[0], r[1]) in by_key:
                    by_key[(r[0], r[1])].entities.append(_span(r))
            for r in self.db.execute(
                    f"SELECT {_CLAIM_COLS} FROM layer_claims WHERE doc_id IN ({marks}) "
                    f'{who} ORDER BY doc_id, start, "end", id', params):
                if (r[0], r[1]) in by_key:
                    by_key[(r[0], r[1])].claims.append(_claim(r))
        return out

    def layer(self, annotator: str, doc_id: int) -> LayerDocument | None:
        found = self.documents([doc_id], annotator).get(doc_id, [])
        return found[0] if found else None

    def layer_doc_ids(self, annotator: str, status: DocStatus | str | None = None) -> list[int]:
        sql = "SELECT doc_id FROM layer_documents WHERE annotator = ?"
        params: list[Any] = [annotator]
        if status is not None:
            sql += " AND status = ?"
            params.append(str(status))
        return [r[0] for r in self.db.execute(sql + " ORDER BY doc_id", params)]

    def replace_layer(self, layer: LayerDocument, old: LayerDocument | bool | None = True
                      ) -> bool:
        """Make the stored layer equal ``layer``; False (and no write) when it already is.
        ``old``: the stored layer when the caller read it already (None: there is none)."""
        if old is True:
            old = self.layer(layer.annotator, layer.doc_id)
        if isinstance(old, LayerDocument) and _same(old, layer):
            return False
        doc_id, who = layer.doc_id, layer.annotator
        self.db.execute(
            "INSERT INTO layer_documents (annotator, doc_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(annotator, doc_id) DO UPDATE SET "
            "status = excluded.status, updated_at = excluded.updated_at",
            [who, doc_id, str(layer.status), _now()])
        self.db.execute("DELETE FROM layer_entities WHERE doc_id = ? AND annotator = ?",
                        [doc_id, who])
        self.db.execute("DELETE FROM layer_claims WHERE doc_id = ? AND annotator = ?",
                        [doc_id, who])
        self.db.conn.executemany(
            f"INSERT INTO layer_entities ({_ENTITY_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_span_row(doc_id, s) for s in layer.entities])
        self.db.conn.executemany(
            f"INSERT INTO layer_claims ({_CLAIM_COLS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_claim_row(doc_id, c) for c in layer.claims])
        return True

    def texts_and_tokens(self, doc_ids: Sequence[int]) -> dict[int, tuple[str, list[Offsets]]]:
        """Each document's text and tokens: the stored tokenization (e.g. Stanza's),
        else the fallback tokenizer; never split at anybody's span edges."""
        out: dict[int, tuple[str, list[Offsets]]] = {}
        for chunk in _chunks(list(doc_ids)):
            marks = ",".join("?" * len(chunk))
            for doc_id, text, tokens in self.db.execute(
                    f"SELECT id, text, tokens FROM documents WHERE id IN ({marks})", list(chunk)):
                toks = ([(t[0], t[1]) for t in json.loads(tokens)] if tokens
                        else tokenize(text))
                out[doc_id] = (text, toks)
        return out

    # --- review progress ---------------------------------------------------------------

    def set_open(self, counts: Iterable[tuple[int, int, int]]) -> None:
        """Store (doc id, open entity disagreements, open claim disagreements)."""
        stamp = _now()
        self.db.conn.executemany(
            "INSERT INTO layer_review (doc_id, open_entities, open_claims, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET "
            "open_entities = excluded.open_entities, open_claims = excluded.open_claims, "
            "updated_at = excluded.updated_at",
            [(d, e, c, stamp) for d, e, c in counts])

    def open_counts(self) -> dict[int, int]:
        """doc id -> open disagreements (entities + claims), documents with any only."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT doc_id, open_entities + open_claims FROM layer_review "
            "WHERE open_entities + open_claims > 0 ORDER BY doc_id")}

    def counts(self) -> dict[str, int]:
        """Rows per layer table (for merge summaries and tests)."""
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("layer_documents", "layer_entities", "layer_claims")}


def _same(a: LayerDocument, b: LayerDocument) -> bool:
    if a.status != b.status:
        return False
    ea = sorted((s.start, s.end, s.label, str(s.status), s.source, s.score or 0.0)
                for s in a.entities)
    eb = sorted((s.start, s.end, s.label, str(s.status), s.source, s.score or 0.0)
                for s in b.entities)
    if ea != eb:
        return False
    return sorted(map(_claim_sort_key, a.claims)) == sorted(map(_claim_sort_key, b.claims))


def _claim_sort_key(c: LayerClaim) -> str:
    return json.dumps(c.row_key(), default=str)


@dataclass(slots=True)
class SourceDocument:
    """A document of an annotator's project file, as a merge reads it."""

    sha256: str
    text: str
    external_id: str
    meta: dict[str, Any]
    lang: str | None
    status: DocStatus
    tokens: str | None      # stored JSON, copied as it is
    sentences: str | None
    tokens_source: str
    entities: list[LayerSpan]
    claims: list[LayerClaim]


def iter_source_documents(db: sqlite_utils.Database, annotator: str,
                          batch: int = 500) -> Iterator[SourceDocument]:
    """Every document of a project file with its main-table spans and claims (all
    statuses) as ``annotator``'s layer: a few queries per ``batch`` documents."""
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, sha256, text, external_id, meta, lang, status, tokens, sentences, "
            f"tokens_source FROM documents WHERE id > ? ORDER BY id LIMIT {batch}",
            [last]).fetchall()
        if not rows:
            return
        lo, hi = rows[0][0], rows[-1][0]
        ents: dict[int, list[LayerSpan]] = {}
        offsets: dict[int, Offsets] = {}
        for r in db.execute(
                'SELECT id, doc_id, start, "end", label, status, source, score FROM entities '
                'WHERE doc_id BETWEEN ? AND ? ORDER BY doc_id, start, "end", id', [lo, hi]):
            ents.setdefault(r[1], []).append(
                LayerSpan(annotator, r[2], r[3], r[4], _STATUS[r[5]], r[6], r[7]))
            offsets[r[0]] = (r[2], r[3])
        claims: dict[int, list[LayerClaim]] = {}
        for r in db.execute(
                'SELECT doc_id, start, "end", label, claimant_id, claimant_text, cue_start, '
                "cue_end, attrs, status, source, score FROM claims "
                'WHERE doc_id BETWEEN ? AND ? ORDER BY doc_id, start, "end", id', [lo, hi]):
            claimant = offsets.get(r[4]) if r[4] is not None else None
            claims.setdefault(r[0], []).append(LayerClaim(
                annotator, r[1], r[2], r[3], claimant, r[5],
                (r[6], r[7]) if r[6] is not None and r[7] is not None else None,
                json.loads(r[8]), _STATUS[r[9]], r[10], r[11]))
        for r in rows:
            yield SourceDocument(r[1], r[2], r[3], json.loads(r[4]), r[5], DocStatus(r[6]),
                                 r[7], r[8], r[9], ents.get(r[0], []), claims.get(r[0], []))
        last = hi


def annotator_names(db: sqlite_utils.Database) -> list[str]:
    """Names a project file recorded with its decisions (documents, spans, claims,
    events), most frequent first."""
    counts: dict[str, int] = {}
    for table in ("documents", "entities", "claims", "events"):
        for name, n in db.execute(
                f"SELECT annotator, count(*) FROM {table} WHERE annotator IS NOT NULL "
                "AND annotator != '' GROUP BY annotator"):
            counts[name] = counts.get(name, 0) + n
    return sorted(counts, key=lambda k: (-counts[k], k))


def copy_tokens(db: sqlite_utils.Database, doc_id: int, tokens: str | None,
                sentences: str | None, source: str) -> None:
    """Give a document the stored tokenization of another file (when it has none)."""
    if tokens is None:
        return
    db.execute("UPDATE documents SET tokens = ?, sentences = ?, tokens_source = ? "
               "WHERE id = ? AND tokens IS NULL", [tokens, sentences, source, doc_id])
