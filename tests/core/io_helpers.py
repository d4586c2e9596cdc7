"""Shared helpers for the import/export tests: tricky texts and a project dump."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from annotator.core.store import Project


def find(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def record(rid: str, text: str, spans: list[tuple[str, str, int]],
           claims: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """A native record; spans given as (substring, label, nth occurrence)."""
    out = []
    for k, (sub, label, nth) in enumerate(spans):
        s, e = find(text, sub, nth)
        out.append({"id": f"s{k}", "start": s, "end": e, "text": sub, "label": label})
    rec = {"id": rid, "text": text, "meta": {"outlet": "test"}, "status": "done",
           "spans": out, "claims": claims or [], **extra}
    return rec


def tricky_records() -> list[dict[str, Any]]:
    recs = []
    t = "👩‍👩‍👧 Kim Jong Un 🇮🇩 bertemu Putin 👍🏽 di Rusia."
    recs.append(record("emoji", t, [("Kim Jong Un", "PER", 0), ("🇮🇩", "MISC", 0),
                                    ("Putin", "PER", 0), ("Rusia", "LOC", 0)]))
    t = "Jose\u0301 Mari\u0301a bertemu Nguyê\u0303n di Ha\u0300 Nô\u0323i."
    recs.append(record("combining", t, [("Jose\u0301 Mari\u0301a", "PER", 0),
                                        ("Nguyê\u0303n", "PER", 0),
                                        ("Ha\u0300 Nô\u0323i", "LOC", 0)]))
    t = "Presiden\u00a0Joko\u00a0Widodo tiba di Jakarta\u00a0Pusat pada 12/9/2023."
    recs.append(record("nbsp", t, [("Joko\u00a0Widodo", "PER", 0),
                                   ("Jakarta\u00a0Pusat", "LOC", 0), ("12/9/2023", "DATE", 0)]))
    t = "قال محمد بن سلمان في الرياض إن الاتفاق مهم. אמר בנימין נתניהו בירושלים."
    claim_s, claim_e = find(t, "إن الاتفاق مهم")
    recs.append(record("rtl", t, [("محمد بن سلمان", "PER", 0), ("الرياض", "LOC", 0),
                                  ("בנימין נתניהו", "PER", 0), ("ירושלים", "LOC", 0)],
                       claims=[{"start": claim_s, "end": claim_e, "label": "OPINION",
                                "claimant": "s0", "attrs": {"quote": "indirect"}}]))
    t = "Jakarta adalah ibu kota Indonesia"
    recs.append(record("edges", t, [("Jakarta", "LOC", 0), ("Indonesia", "LOC", 0)]))
    t = "Hubungan Korea-Rusia dan Jong-un makin erat."
    recs.append(record("hyphen", t, [("Korea", "LOC", 0), ("Rusia", "LOC", 0),
                                     ("Jong", "PER", 0), ("un", "PER", 1)]))
    t = "من می‌خواهم به تهران بروم. Di\u200dwali di Mumbai."
    recs.append(record("zwj", t, [("تهران", "LOC", 0), ("Di\u200dwali", "MISC", 0),
                                  ("Mumbai", "LOC", 0)]))
    t = ('"Kami dapat informasi bahwa Kim akan datang," ujar Andrienne Watson. '
         "Rusia membantah kabar itu.")
    c1 = find(t, "Kami dapat informasi bahwa Kim akan datang")
    cue = find(t, "ujar")
    c2 = find(t, "Rusia membantah kabar itu")
    recs.append(record("claims", t, [("Kim", "PER", 0), ("Andrienne Watson", "PER", 0),
                                     ("Rusia", "LOC", 0)],
                       claims=[{"start": c1[0], "end": c1[1], "label": "CHECKWORTHY",
                                "claimant": "s1", "cue": {"start": cue[0], "end": cue[1]},
                                "attrs": {"quote": "direct", "stance": "asserts"}},
                               {"start": c2[0], "end": c2[1], "label": "DENIAL",
                                "claimant_text": "pemerintah Rusia",
                                "attrs": {"stance": "denies"}}]))
    return recs


def crlf_record() -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A record whose text has CRLF and a lone CR; offsets into the raw text."""
    raw = "\ufeffBaris satu di Jakarta.\r\nBaris dua di Surabaya.\rBaris tiga: Bandung.\r\n"
    spans = [("Jakarta", "LOC"), ("Surabaya", "LOC"), ("Bandung", "LOC")]
    out = []
    for sub, label in spans:
        s, e = find(raw, sub)
        out.append({"start": s, "end": e, "text": sub, "label": label})
    # a span that crosses a CRLF: its text has the CRLF too
    s, _ = find(raw, "Jakarta.")
    _, e = find(raw, "Baris dua")
    out.append({"start": s, "end": e, "text": raw[s:e], "label": "MISC", "status": "rejected"})
    return ({"id": "crlf", "text": raw, "status": "done", "spans": out},
            [(sub, label) for sub, label in spans])


def big_record(n_spans: int = 5000, seed: int = 7) -> dict[str, Any]:
    """About 200 kB of text with ``n_spans`` entities."""
    rng = random.Random(seed)
    names = [("Kim Jong Un", "PER"), ("Vladimir Putin", "PER"), ("Rusia", "LOC"),
             ("Pyongyang", "LOC"), ("NSC", "ORG"), ("Selasa", "DATE"), ("Wagner", "ORG")]
    filler = ["dan", "yang", "akan", "di", "dengan", "menurut", "laporan", "itu", "para"]
    parts: list[str] = []
    spans = []
    pos = 0
    for i in range(n_spans):
        gap = " ".join(rng.choice(filler) for _ in range(rng.randint(3, 9))) + " "
        if i % 50 == 0:
            gap += "😀 " if i % 100 else "\n"
        parts.append(gap)
        pos += len(gap)
        name, label = rng.choice(names)
        spans.append({"start": pos, "end": pos + len(name), "label": label})
        parts.append(name)
        pos += len(name)
        parts.append(". " if i % 7 == 6 else " ")
        pos += len(parts[-1])
    text = "".join(parts)
    return {"id": "big", "text": text, "status": "done", "spans": spans}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def dump(project: Project) -> dict[str, Any]:
    """Everything that matters in a project, keyed by external id (ids may differ)."""
    out: dict[str, Any] = {}
    for doc_id in project.documents.ids():
        doc = project.documents.get(doc_id)
        ents = project.spans.list(doc_id, include_rejected=True)
        by_id = {e.id: doc.text[e.start:e.end] for e in ents}
        out[doc.external_id] = {
            "text": doc.text, "status": str(doc.status),
            "entities": sorted((e.start, e.end, e.label, str(e.status)) for e in ents),
            "claims": sorted(
                (c.start, c.end, c.label, by_id.get(c.claimant_id) if c.claimant_id else None,
                 c.claimant_text, c.cue, json.dumps(c.attrs, sort_keys=True), str(c.status))
                for c in project.claims.list(doc_id, include_rejected=True)),
        }
    return out


def full_state(project: Project) -> tuple[Any, ...]:
    """A dump plus the tables a failed import must not touch."""
    db = project.db
    return (dump(project),
            db.execute("SELECT count(*) FROM events").fetchone()[0],
            db.execute("SELECT key, value FROM settings ORDER BY key").fetchall(),
            db.execute("SELECT count(*) FROM entities").fetchone()[0])
