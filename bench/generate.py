"""Generate N news-like documents with entity spans and claims, as native JSONL.

    python bench/generate.py N OUT.jsonl [--seed 1] [--size 3000]

Deterministic for a given seed. Each document is about ``--size`` characters of
Indonesian-looking news prose (paragraphs, quotes, a few emoji and accented
names) with 20-40 entity spans and a claim or two. Every 25,000th document (and
only those) contains the rare word ``kelelawar`` for the search benchmark.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

RARE_TERM = "kelelawar"
RARE_EVERY = 25_000

_PEOPLE = ["Kim Jong Un", "Vladimir Putin", "Joko Widodo", "Andrienne Watson", "Dmitry Peskov",
           "Sergei Shoigu", "Retno Marsudi", "José Ramos-Horta", "Nguyễn Phú Trọng",
           "Prabowo Subianto", "Sri Mulyani", "Choe Son Hui"]
_ORGS = ["NSC", "Kremlin", "PBB", "Reuters", "Kontan", "Wagner", "KPK", "Bank Indonesia",
         "ASEAN", "NATO"]
_PLACES = ["Rusia", "Korea Utara", "Vladivostok", "Pyongyang", "Moskow", "Jakarta", "Surabaya",
           "Ukraina", "Amerika Serikat", "Tiongkok", "Bandung", "Pantai Pasifik"]
_DATES = ["Selasa", "Rabu", "12/9/2023", "30 Agustus", "pekan lalu", "akhir tahun lalu",
          "Senin (11/9)"]
_MISC = ["Perang Dingin", "Aurus Senat", "Piala Dunia", "Bahasa Rusia"]
_WORDS = ["yang", "dan", "di", "dengan", "untuk", "dari", "akan", "ini", "itu", "pada",
          "dalam", "tidak", "juga", "telah", "sebagai", "karena", "oleh", "kepada", "setelah",
          "bahwa", "mereka", "kata", "menurut", "pemerintah", "negara", "hubungan", "kerja",
          "sama", "militer", "ekonomi", "senjata", "pertemuan", "kunjungan", "rencana",
          "laporan", "pejabat", "presiden", "menteri", "rakyat", "harga", "pasar", "minggu",
          "tahun", "bulan", "hari", "wilayah", "perbatasan", "kesepakatan", "diskusi",
          "informasi", "keamanan", "nasional", "pihak", "sumber", "media", "rapat"]
_CLAIM_LABELS = ["CHECKWORTHY", "FACTUAL", "OPINION", "PREDICTION", "DENIAL"]
_EMOJI = ["🇮🇩", "🇷🇺", "👍🏽", "📈", "👩‍👩‍👧"]


def document(i: int, rng: random.Random, size: int = 3000) -> dict[str, Any]:
    parts: list[str] = []
    spans: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    pos = 0

    def add(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    def entity() -> None:
        kind = rng.random()
        name, label = ((rng.choice(_PEOPLE), "PER") if kind < 0.35 else
                       (rng.choice(_PLACES), "LOC") if kind < 0.65 else
                       (rng.choice(_ORGS), "ORG") if kind < 0.82 else
                       (rng.choice(_DATES), "DATE") if kind < 0.95 else
                       (rng.choice(_MISC), "MISC"))
        spans.append({"id": f"e{len(spans) + 1}", "start": pos, "end": pos + len(name),
                      "text": name, "label": label})
        add(name)

    add(f"{rng.choice(_PLACES)} - ")
    while pos < size:
        if rng.random() < 0.12:  # a quote: a claim with its speaker
            quote_start = pos + 1
            add('"')
            for _ in range(rng.randint(6, 14)):
                add(rng.choice(_WORDS) + " ")
            entity()
            quote_end = pos
            add(', " ujar ')
            cue_start = pos - 5
            speaker = rng.choice(_PEOPLE)
            spans.append({"id": f"e{len(spans) + 1}", "start": pos, "end": pos + len(speaker),
                          "text": speaker, "label": "PER"})
            claims.append({"start": quote_start, "end": quote_end,
                           "label": rng.choice(_CLAIM_LABELS), "claimant": spans[-1]["id"],
                           "cue": {"start": cue_start, "end": cue_start + 4},
                           "attrs": {"quote": "direct", "stance": "asserts"}})
            add(speaker + ".\n")
            continue
        words = [rng.choice(_WORDS) for _ in range(rng.randint(4, 9))]
        words[0] = words[0].capitalize()
        add(" ".join(words) + " ")
        entity()
        if rng.random() < 0.05:
            add(" " + rng.choice(_EMOJI))
        add(". " if rng.random() < 0.8 else ".\n")
    if i % RARE_EVERY == 0:
        add(f"Seekor {RARE_TERM} terlihat di sana.")
    return {"id": f"news-{i:06d}", "text": "".join(parts),
            "meta": {"outlet": f"outlet{i % 37}", "url": f"https://example.com/{i}"},
            "spans": spans, "claims": claims}


def generate(n: int, seed: int = 1, size: int = 3000) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(n):
        yield document(i, rng, size)


def write(path: Path, n: int, seed: int = 1, size: int = 3000) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for rec in generate(n, seed, size):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=3000, help="characters per document")
    args = ap.parse_args()
    write(args.out, args.n, args.seed, args.size)
    print(f"wrote {args.n} documents to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
