"""Writes the claims dev set (bench/gold/*.claims.jsonl) from the hand annotations below.

    python bench/gold/make_claims_gold.py

The annotations follow resources/guidelines/claims.md. They are written as text (the
claim, its claimant, its cue) and turned into offsets here, so they stay readable and a
typo fails loudly. Entities (gold PER/ORG/LOC) are listed per document as (surface,
label) and marked at every whole-word occurrence, longest first.

- ``seeds.claims.jsonl``: the five articles of seeds/.
- ``unseen.claims.jsonl``: made-up Indonesian news articles on other topics, in batches
  each measured blind before the fixes it prompted (figures in bench/RESULTS.md).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from claims_gold_seeds import SEEDS  # noqa: E402
from claims_gold_unseen import UNSEEN  # noqa: E402


def _mark_entities(text: str, pairs: list[tuple[str, str]]) -> list[dict]:
    taken: list[tuple[int, int]] = []
    spans = []
    for surface, label in sorted(pairs, key=lambda p: -len(p[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            spans.append({"start": m.start(), "end": m.end(), "label": label,
                          "text": surface})
    spans.sort(key=lambda s: s["start"])
    for i, s in enumerate(spans, 1):
        s["id"] = f"e{i}"
    return spans


def _find(text: str, needle: str, after: str | None, where: str) -> int:
    base = 0
    if after is not None:
        base = text.find(after)
        if base < 0:
            raise SystemExit(f"{where}: context {after!r} not found")
    pos = text.find(needle, base)
    if pos < 0:
        raise SystemExit(f"{where}: {needle!r} not found")
    if after is None and text.find(needle, pos + 1) >= 0:
        raise SystemExit(f"{where}: {needle!r} occurs twice; give a context")
    return pos


def build(doc: dict) -> dict:
    text = doc["text"]
    spans = _mark_entities(text, doc["entities"])
    claims = []
    for k, spec in enumerate(doc["claims"], 1):
        where = f"{doc['id']} claim {k}"
        start = _find(text, spec["text"], spec.get("after"), where)
        end = start + len(spec["text"])
        claim: dict = {"start": start, "end": end, "label": spec["label"],
                       "attrs": {"quote": spec.get("quote", "indirect"),
                                 "stance": spec.get("stance") or (
                                     "denies" if spec["label"] == "DENIAL" else "asserts")}}
        who = spec.get("claimant")
        if who:
            mentions = [s for s in spans if s["text"] == who and s["label"] in ("PER", "ORG")]
            if mentions:
                # the mention nearest to the claim stands for the speaker
                best = min(mentions, key=lambda s: min(abs(s["start"] - start),
                                                       abs(s["start"] - end)))
                claim["claimant"] = best["id"]
            claim["claimant_text"] = who
        cue = spec.get("cue")
        if cue:
            hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text)]
            if not hits:
                raise SystemExit(f"{where}: cue {cue!r} not found")
            pos = min(hits, key=lambda p: min(abs(p - start), abs(p - end)))
            claim["cue"] = {"start": pos, "end": pos + len(cue)}
        claims.append(claim)
    return {"id": doc["id"], "text": text, "lang": "id", "spans": spans, "claims": claims}


def write(name: str, docs: list[dict]) -> None:
    out = HERE / name
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(build(doc), ensure_ascii=False) + "\n")
    n = sum(len(d["claims"]) for d in docs)
    print(f"wrote {out} ({len(docs)} documents, {n} claims)")


if __name__ == "__main__":
    write("seeds.claims.jsonl", SEEDS)
    write("unseen.claims.jsonl", UNSEEN)
