"""The one mapping between table rows and model objects (and back)."""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate, chain
from operator import sub
from typing import Any

from annotator.core.model import Claim, EntitySpan, SpanStatus


class _Statuses(dict[str, SpanStatus]):
    """Stored status text -> SpanStatus by one dict lookup (``SpanStatus(text)`` costs
    a microsecond a row: 5,000 spans are read on every switch to a long document)."""

    def __missing__(self, key: str) -> SpanStatus:
        return SpanStatus(key)  # unknown text: the enum's own error


SPAN_STATUS = _Statuses({str(s): s for s in SpanStatus})

ENTITY_COLS = ('id, doc_id, start, "end", label, status, source, score, annotator, '
               "created_at, updated_at, decided, decided_by")
CLAIM_COLS = ('id, doc_id, start, "end", label, claimant_id, claimant_text, cue_start, '
              "cue_end, attrs, status, source, score, annotator, created_at, updated_at, "
              "decided, decided_by")
INSERT_ENTITY = f"INSERT INTO entities ({ENTITY_COLS}) VALUES ({', '.join('?' * 13)})"
INSERT_CLAIM = f"INSERT INTO claims ({CLAIM_COLS}) VALUES ({', '.join('?' * 18)})"


def entity_from_row(r: Sequence[Any]) -> EntitySpan:
    # positional: EntitySpan(doc_id, start, end, label, status, source, score,
    # annotator, id, created_at, updated_at, decided, decided_by) - the fastest way
    return EntitySpan(r[1], r[2], r[3], r[4], SPAN_STATUS[r[5]], r[6], r[7], r[8], r[0],
                      r[9], r[10], bool(r[11]), r[12])


def entity_row(ent: EntitySpan, stamp: str) -> tuple[Any, ...]:
    """The entity's values in INSERT_ENTITY's order (``id`` None: SQLite picks one)."""
    return (ent.id, ent.doc_id, ent.start, ent.end, ent.label, str(ent.status), ent.source,
            ent.score, ent.annotator, ent.created_at or stamp, ent.updated_at or stamp,
            int(ent.decided), ent.decided_by)


def claim_from_row(r: Sequence[Any]) -> Claim:
    return Claim(id=r[0], doc_id=r[1], start=r[2], end=r[3], label=r[4], claimant_id=r[5],
                 claimant_text=r[6], cue_start=r[7], cue_end=r[8], attrs=json.loads(r[9]),
                 status=SPAN_STATUS[r[10]], source=r[11], score=r[12], annotator=r[13],
                 created_at=r[14], updated_at=r[15], decided=bool(r[16]), decided_by=r[17])


def claim_row(claim: Claim, stamp: str) -> tuple[Any, ...]:
    return (claim.id, claim.doc_id, claim.start, claim.end, claim.label, claim.claimant_id,
            claim.claimant_text, claim.cue_start, claim.cue_end,
            json.dumps(claim.attrs, ensure_ascii=False), str(claim.status), claim.source,
            claim.score, claim.annotator, claim.created_at or stamp,
            claim.updated_at or stamp, int(claim.decided), claim.decided_by)


def id_range(first: int, last: int, only: Sequence[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause on ``doc_id`` for documents ``first``..``last``, or just ``only``."""
    if only is None:
        return "doc_id BETWEEN ? AND ?", [first, last]
    return f"doc_id IN ({','.join('?' * len(only))})", list(only)


def column_value(key: str, value: Any) -> Any:
    """A model field's value as stored."""
    if key == "attrs":
        return json.dumps(value, ensure_ascii=False)
    if key == "status":
        return str(value)
    if key == "decided":
        return int(bool(value))
    return value


def offsets_json(pairs: Sequence[Sequence[int]]) -> str:
    return json.dumps([[int(a), int(b)] for a, b in pairs])


def offsets_from_json(text: str | None) -> list[tuple[int, int]] | None:
    return [(int(a), int(b)) for a, b in json.loads(text)] if text else None


# --- token offsets as a BLOB ----------------------------------------------------------
# Offsets (start, end, start, end, ...) never decrease, so the BLOB holds the steps
# between them (gaps and token lengths: nearly always below 256) in the smallest
# unsigned array type that fits, after a one-byte type code: ~2 bytes a token.
# Reading is C-speed (array + itertools.accumulate), no JSON and no Python loop.
_STEP_TYPES = (("B", 0xFF), ("H", 0xFFFF), ("I", 0xFFFFFFFF))


def offsets_blob(pairs: Sequence[Sequence[int]]) -> bytes:
    """Token offsets (start, end) in order, as the compact BLOB described above."""
    flat = list(chain.from_iterable(pairs))
    steps = list(map(sub, flat, [0, *flat[:-1]])) if flat else []
    if steps and min(steps) < 0:
        raise ValueError("token offsets must not decrease")
    return steps_blob(steps)


def steps_blob(steps: Sequence[int]) -> bytes:
    """The BLOB of offsets given as their steps (``text.token_steps``), never negative."""
    top = max(steps, default=0)
    code = next(c for c, limit in _STEP_TYPES if top <= limit)
    packed = array(code, steps)
    if sys.byteorder == "big":
        packed.byteswap()  # stored little-endian: a project file moves between machines
    return code.encode("ascii") + packed.tobytes()


def offsets_from_blob(blob: bytes | None) -> list[tuple[int, int]] | None:
    if blob is None:
        return None
    flat = flat_offsets_from_blob(blob)
    return list(zip(flat[0::2], flat[1::2], strict=True))


def stored_tokens(tokens_json: str | None, blob: bytes | None) -> list[tuple[int, int]] | None:
    """A document's tokens as stored: a recognizer's (JSON, e.g. Stanza's), else the
    fallback tokenizer's kept at import (BLOB); None: neither (rows from before
    schema 4), the caller tokenizes."""
    if tokens_json:
        return offsets_from_json(tokens_json)
    return offsets_from_blob(blob)


def flat_offsets_from_blob(blob: bytes) -> list[int]:
    """The BLOB's offsets as one flat list (start, end, start, end, ...): what the
    exporters slice into starts ``[0::2]`` and ends ``[1::2]`` without a pair a token."""
    packed = array(chr(blob[0]), blob[1:])
    if sys.byteorder == "big":
        packed.byteswap()
    return list(accumulate(packed))
