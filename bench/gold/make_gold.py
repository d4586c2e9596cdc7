"""Build the development gold sets (native JSONL spans) from their hand-written sources.

    .venv/bin/python bench/gold/make_gold.py

- seeds.names.toml (names per seed article) -> seeds.entities.jsonl
- unseen*.marked.txt (made-up articles, ``[name|LABEL]`` inline,
  ``### id`` headers) -> unseen*.entities.jsonl
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"
_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")


def seed_records() -> list[dict[str, Any]]:
    table = tomllib.loads((HERE / "seeds.names.toml").read_text(encoding="utf-8"))
    records = []
    for doc_id, names in table.items():
        text = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
        taken = [False] * len(text)
        spans = []
        for name in sorted(names, key=lambda n: (-len(n), n)):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if any(taken[m.start():m.end()]):
                    continue
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                spans.append({"start": m.start(), "end": m.end(), "label": names[name],
                              "text": name, "status": "accepted"})
        spans.sort(key=lambda s: s["start"])
        records.append({"id": doc_id, "lang": "id", "text": text, "spans": spans})
    return records


def marked_records(name: str) -> list[dict[str, Any]]:
    source = (HERE / name).read_text(encoding="utf-8")
    records = []
    for block in re.split(r"^### ", source, flags=re.M)[1:]:
        doc_id, _, body = block.partition("\n")
        text_parts: list[str] = []
        spans = []
        at = 0
        length = 0
        for m in _MARK.finditer(body):
            text_parts.append(body[at:m.start()])
            length += m.start() - at
            name, label = m.group(1), m.group(2)
            spans.append({"start": length, "end": length + len(name), "label": label,
                          "text": name, "status": "accepted"})
            text_parts.append(name)
            length += len(name)
            at = m.end()
        text_parts.append(body[at:])
        text = "".join(text_parts).strip() + "\n"
        records.append({"id": doc_id.strip(), "lang": "id", "text": text, "spans": spans})
    return records


def write(name: str, records: list[dict[str, Any]]) -> None:
    with (HERE / name).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    count = sum(len(r["spans"]) for r in records)
    print(f"{name}: {len(records)} documents, {count} entities")


if __name__ == "__main__":
    write("seeds.entities.jsonl", seed_records())
    write("unseen.entities.jsonl", marked_records("unseen.marked.txt"))
    write("unseen2.entities.jsonl", marked_records("unseen2.marked.txt"))
    write("unseen3.entities.jsonl", marked_records("unseen3.marked.txt"))
    write("unseen4.entities.jsonl", marked_records("unseen4.marked.txt"))
    write("unseen5.entities.jsonl", marked_records("unseen5.marked.txt"))
    write("unseen6.entities.jsonl", marked_records("unseen6.marked.txt"))
