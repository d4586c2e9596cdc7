"""The project file's schema: sqlite-utils migrations, applied on open."""

from __future__ import annotations

from annotator.core.sqlite_utils_lite import Migrations, sqlite_utils
from annotator.core.store.layers import m003_layers

SCHEMA_VERSION = 5
APPLICATION_ID = 0x414E4E4F  # "ANNO": marks the file as an annotator project

MIGRATION_SET = "annotator"
migrations = Migrations(MIGRATION_SET)
MIGRATIONS_TABLE = migrations.migrations_table  # "_sqlite_migrations"


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            meta TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            annotator TEXT,
            lang TEXT,
            tokens TEXT,            -- JSON [[start, end], ...]; NULL: fallback tokenizer
            sentences TEXT,         -- JSON [[start, end], ...]; NULL: fallback splitter
            tokens_source TEXT NOT NULL DEFAULT 'fallback',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_status ON documents(status);

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX entities_doc ON entities(doc_id, start);

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            claimant_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            claimant_text TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            attrs TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual',
            score REAL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX claims_doc ON claims(doc_id, start);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            doc_id INTEGER,
            annotator TEXT,
            action TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX events_doc ON events(doc_id);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Which recognizer (and version) already ran on which document: nothing runs twice.
        CREATE TABLE recognizer_runs (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            recognizer TEXT NOT NULL,
            version TEXT NOT NULL,
            ran_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, recognizer, version)
        );

        -- Full-text search; external content, filled by Project.update_search_index().
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='id', tokenize='unicode61'
        );
        """
    )


_ENTITIES_V2 = """
CREATE TABLE entities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'accepted'
        CHECK (status IN ('suggested', 'accepted', 'rejected')),
    source TEXT NOT NULL DEFAULT 'manual',
    score REAL,
    annotator TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided INTEGER NOT NULL DEFAULT 0,
    decided_by TEXT,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX entities_doc ON entities(doc_id, start);
"""

_CLAIMS_V2 = """
CREATE TABLE claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    claimant_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    claimant_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    attrs TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'accepted'
        CHECK (status IN ('suggested', 'accepted', 'rejected')),
    source TEXT NOT NULL DEFAULT 'manual',
    score REAL,
    annotator TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided INTEGER NOT NULL DEFAULT 0,
    decided_by TEXT,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX claims_doc ON claims(doc_id, start);
"""

# The old rule, applied once: a row is a person's decision unless it is a suggestion
# nobody touched (no annotator, never updated). From now on the column says it.
_DECIDED_BEFORE_V2 = ("CASE WHEN status != 'suggested' OR annotator IS NOT NULL "
                      "OR updated_at != created_at THEN 1 ELSE 0 END")
_OLD_COLS = ('id, doc_id, start, "end", label, status, source, score, annotator, '
             "created_at, updated_at")
_OLD_CLAIM_COLS = ('id, doc_id, start, "end", label, claimant_id, claimant_text, cue_start, '
                   "cue_end, attrs, status, source, score, annotator, created_at, updated_at")


@migrations(transactional=False)
def m002_decisions_and_unique_ids(db: sqlite_utils.Database) -> None:
    """Explicit decisions (``decided``, ``decided_by``) and ids never reused
    (AUTOINCREMENT): the entity and claim tables are rebuilt, keeping every row.

    Not in sqlite-utils' transaction: foreign keys must be off while the tables are
    swapped (SQLite ignores that pragma inside a transaction, and dropping the old
    entity table would otherwise clear every claim's claimant). The work itself is
    one transaction below; the check on ``decided`` makes a rerun after a crash
    between that commit and sqlite-utils' record a no-op.
    """
    if "decided" in db["entities"].columns_dict:
        return
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("ALTER TABLE entities RENAME TO entities_v1")
            conn.execute("ALTER TABLE claims RENAME TO claims_v1")
            conn.execute("DROP INDEX entities_doc")
            conn.execute("DROP INDEX claims_doc")
            for statement in (_ENTITIES_V2 + _CLAIMS_V2).split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                f"INSERT INTO entities ({_OLD_COLS}, decided, decided_by) "
                f"SELECT {_OLD_COLS}, {_DECIDED_BEFORE_V2}, annotator FROM entities_v1")
            conn.execute(
                f"INSERT INTO claims ({_OLD_CLAIM_COLS}, decided, decided_by) "
                f"SELECT {_OLD_CLAIM_COLS}, {_DECIDED_BEFORE_V2}, annotator FROM claims_v1")
            conn.execute("DROP TABLE claims_v1")
            conn.execute("DROP TABLE entities_v1")
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign key check failed after migration: {bad[:3]}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


# Annotator layers (teams): their own tables; their SQL lives in store/layers.py.
migrations()(m003_layers)


@migrations()
def m004_fallback_tokens(db: sqlite_utils.Database) -> None:
    """``fallback_tokens`` and ``fallback_sentences``: the fallback tokenizer's tokens
    and splitter's sentences, computed once at import and kept as compact BLOBs
    (``rows.offsets_blob``), so exports and the window no longer segment every
    document on every read. ``tokens`` and ``sentences`` (JSON) keep a recognizer's
    own (Stanza's) and win when set. Older rows keep NULL here and are segmented on
    read as before (no rewrite of a large file on open)."""
    columns = db["documents"].columns_dict
    for column in ("fallback_tokens", "fallback_sentences"):
        if column not in columns:
            db.execute(f"ALTER TABLE documents ADD COLUMN {column} BLOB")


# Every write that can change what a document exports, except an INSERT of an entity or
# a claim, deletes the document's export revision. An insert is caught without a
# trigger (a trigger a row would slow the import): ids are never reused
# (AUTOINCREMENT), so a row inserted after the revision has an id above its sequence
# numbers (store/revisions.py).
EXPORT_REVISION_TRIGGERS = {
    "export_revisions_entity_update":
        "AFTER UPDATE ON entities BEGIN DELETE FROM export_revisions "
        "WHERE doc_id IN (OLD.doc_id, NEW.doc_id); END",
    "export_revisions_entity_delete":
        "AFTER DELETE ON entities BEGIN DELETE FROM export_revisions "
        "WHERE doc_id = OLD.doc_id; END",
    "export_revisions_claim_update":
        "AFTER UPDATE ON claims BEGIN DELETE FROM export_revisions "
        "WHERE doc_id IN (OLD.doc_id, NEW.doc_id); END",
    "export_revisions_claim_delete":
        "AFTER DELETE ON claims BEGIN DELETE FROM export_revisions "
        "WHERE doc_id = OLD.doc_id; END",
    "export_revisions_document_update":
        "AFTER UPDATE ON documents BEGIN DELETE FROM export_revisions "
        "WHERE doc_id IN (OLD.id, NEW.id); END",
    "export_revisions_document_delete":
        "AFTER DELETE ON documents BEGIN DELETE FROM export_revisions "
        "WHERE doc_id = OLD.id; END",
}


@migrations()
def m005_export_revisions(db: sqlite_utils.Database) -> None:
    """``export_revisions``: a random token a document, made by an export and deleted
    by triggers at any change to the document, its entities or its claims; while it
    lives, what the document exports is what was cached under it (the export cache,
    store/export_cache.py, lives outside the project)."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS export_revisions (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            token BLOB NOT NULL,
            entity_seq INTEGER NOT NULL,
            claim_seq INTEGER NOT NULL
        )""")
    for name, body in EXPORT_REVISION_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
