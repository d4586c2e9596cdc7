"""``project.revisions``: export revision tokens (``export_revisions``, migration m005).

An export gives every document a random token; any later change to the document,
its entities or its claims removes it (triggers for updates and deletes; for an
inserted entity or claim, its id above the sequence number kept with the token:
ids are never reused). While a token lives, the document exports exactly what it
exported when the token was made, so the export cache (``export_cache.py``, a file
outside the project) stores it with each entry and uses an entry only while it lives.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import TYPE_CHECKING

from annotator.core.model import AnnotatorError
from annotator.core.store.schema import EXPORT_REVISION_TRIGGERS

if TYPE_CHECKING:
    from annotator.core.store.base import Store

_SEQ = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)"
# The project's id in the export cache (a random 16 bytes, hex, made by the first
# export): the cache is shared by every project of the user. A copy of a project
# shares it, and the revision tokens keep the copies' entries apart.
PROJECT_KEY = "export_cache_project"
# How long an export waits for the write lock to hand out tokens (the window may be
# saving an edit); past it the export runs without new tokens.
PREPARE_LOCK_WAIT = 0.2


class Revisions:
    def __init__(self, project: Store) -> None:
        self._p = project

    def intact(self) -> bool:
        """Whether every trigger that retires tokens exists (a table rebuilt by a
        future migration without them would make cached exports stale)."""
        names = {r[0] for r in self._p.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('entities', 'claims', 'documents')")}
        return set(EXPORT_REVISION_TRIGGERS) <= names

    def prepare(self) -> bool:
        """Retire the tokens of documents that gained an entity or a claim since
        theirs was made, bring the others' sequence numbers up to date (so the next
        check scans only rows inserted from now on) and give every document without a
        token a new one: one short write. False when the project cannot be written
        now (read-only, or locked past ``PREPARE_LOCK_WAIT``): the export then goes on
        with the tokens that are still valid."""
        if self._p.read_only:
            return False
        if self._up_to_date():
            return True
        self._p.set_lock_wait(PREPARE_LOCK_WAIT)
        try:
            with self._p.transaction():
                db = self._p.db
                entity_seq = db.execute(_SEQ, ["entities"]).fetchone()[0]
                claim_seq = db.execute(_SEQ, ["claims"]).fetchone()[0]
                for table, column in (("entities", "entity_seq"), ("claims", "claim_seq")):
                    db.execute(
                        f"DELETE FROM export_revisions WHERE doc_id IN ("
                        f"SELECT t.doc_id FROM {table} t JOIN export_revisions r "
                        f"ON r.doc_id = t.doc_id WHERE t.id > (SELECT min({column}) "
                        f"FROM export_revisions) AND t.id > r.{column})")
                db.execute("UPDATE export_revisions SET entity_seq = ?, claim_seq = ? "
                           "WHERE entity_seq != ? OR claim_seq != ?",
                           [entity_seq, claim_seq, entity_seq, claim_seq])
                db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                           [PROJECT_KEY, json.dumps(os.urandom(16).hex())])
                db.execute("INSERT OR IGNORE INTO export_revisions "
                           "(doc_id, token, entity_seq, claim_seq) "
                           "SELECT id, randomblob(16), ?, ? FROM documents",
                           [entity_seq, claim_seq])
            return True
        except (AnnotatorError, sqlite3.Error):
            return False
        finally:
            self._p.set_lock_wait(None)

    def project_key(self) -> bytes | None:
        """The project's id in the export cache (None: no export made one yet)."""
        row = self._p.db.execute("SELECT value FROM settings WHERE key = ?",
                                 [PROJECT_KEY]).fetchone()
        try:
            return bytes.fromhex(json.loads(row[0])) if row else None
        except (ValueError, TypeError):
            return None

    def _up_to_date(self) -> bool:
        """Every document has a token, no token's document gained a row and every
        sequence number is current: nothing to write (the usual case for an export
        of a project nobody changed since the last)."""
        db = self._p.db
        entity_seq = db.execute(_SEQ, ["entities"]).fetchone()[0]
        claim_seq = db.execute(_SEQ, ["claims"]).fetchone()[0]
        behind = db.execute(
            "SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM export_revisions), "
            "EXISTS (SELECT 1 FROM export_revisions WHERE entity_seq != ? OR claim_seq != ?)",
            [entity_seq, claim_seq]).fetchone()
        return behind[0] == 0 and not behind[1] and self.project_key() is not None

    def tokens(self) -> dict[int, bytes]:
        """Every valid token, by document id: those whose document gained no entity
        or claim since the token was made. A cached output found under one of them is
        the document as it is now; output computed from rows read after this call may
        be cached under it (if the document changed in between, the token was retired
        and the entry is never asked for)."""
        db = self._p.db
        with self._p.snapshot():
            tokens: dict[int, bytes] = dict(db.execute(
                "SELECT doc_id, token FROM export_revisions").fetchall())
            if not tokens:
                return {}
            lowest = db.execute("SELECT min(entity_seq), min(claim_seq) FROM export_revisions"
                                ).fetchone()
            for table, column, seq in (("entities", "entity_seq", lowest[0]),
                                       ("claims", "claim_seq", lowest[1])):
                # rows inserted since the oldest token (usually none: a range of ids)
                for (doc_id,) in db.execute(
                        f"SELECT t.doc_id FROM {table} t JOIN export_revisions r "
                        f"ON r.doc_id = t.doc_id WHERE t.id > ? AND t.id > r.{column}",
                        [seq]).fetchall():
                    tokens.pop(doc_id, None)
        return tokens
