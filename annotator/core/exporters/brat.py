"""brat standoff: a folder with ``NAME.txt`` and ``NAME.ann`` per document and an
``annotation.conf`` naming the labels.

Entities and claims are text-bound annotations (``T1<TAB>PER 0 11<TAB>Kim Jong
Un``); a claimant is ``R1<TAB>claimant Arg1:T5 Arg2:T2`` (claim -> entity).
Offsets are code points of the ``.txt``, which is the stored text as is. A file
name is the document id with anything but letters, digits, ``.``, ``_`` and
``-`` replaced by ``_`` (ids never become paths unchecked); clashes get ``~2``.
In the ``.ann`` a line break inside a span's text is written as a space (the
format is one annotation a line); the offsets are exact.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotator.core.exporters.native import Writer
from annotator.core.exporters.source import ExportDoc, ExportSummary, check_range

FOLDER_FILES = (".txt", ".ann", "annotation.conf")
_UNSAFE = re.compile(r"[^\w.-]", re.ASCII)


def safe_name(external_id: str, fallback: str) -> str:
    name = _UNSAFE.sub("_", external_id).lstrip(".")[:100]
    return name or fallback


class BratWriter(Writer):
    folder = True

    def __init__(self, out: Path, summary: ExportSummary, unit: str = "document") -> None:
        super().__init__(out, summary, unit)
        self.names: set[str] = set()
        self.entity_labels: set[str] = set()
        self.claim_labels: set[str] = set()

    def _name(self, doc: ExportDoc) -> str:
        base = safe_name(doc.external_id, f"doc-{doc.id}")
        name, n = base, 1
        while name.lower() in self.names or name.lower() == "annotation":
            n += 1
            name = f"{base}~{n}"
        self.names.add(name.lower())
        return name

    def write(self, doc: ExportDoc) -> None:
        name = self._name(doc)
        lines: list[str] = []
        keys: dict[int, str] = {}
        for ent in doc.entities:
            check_range(doc, ent.start, ent.end, f"{ent.label} span")
            key = f"T{len(keys) + 1}"
            keys[ent.id or 0] = key
            lines.append(self._t(doc, key, ent.label, ent.start, ent.end))
            self.entity_labels.add(ent.label)
        relations = 0
        for k, claim in enumerate(doc.claims, len(keys) + 1):
            check_range(doc, claim.start, claim.end, f"{claim.label} claim")
            lines.append(self._t(doc, f"T{k}", claim.label, claim.start, claim.end))
            self.claim_labels.add(claim.label)
            if claim.claimant_id is not None and claim.claimant_id in keys:
                relations += 1
                lines.append(f"R{relations}\tclaimant Arg1:T{k} Arg2:{keys[claim.claimant_id]}")
        _write(self.out / f"{name}.txt", doc.text)
        _write(self.out / f"{name}.ann", "".join(f"{line}\n" for line in lines))
        self.summary.spans += len(doc.entities)
        self.summary.claims += len(doc.claims)

    @staticmethod
    def _t(doc: ExportDoc, key: str, label: str, start: int, end: int) -> str:
        text = doc.text[start:end].replace("\r", " ").replace("\n", " ")
        return f"{key}\t{label} {start} {end}\t{text}"

    def close(self) -> None:
        entities = sorted(self.entity_labels)
        claims = sorted(self.claim_labels - self.entity_labels)
        conf = ["[entities]", *entities, *claims, "", "[relations]"]
        if claims and entities:
            conf.append(f"claimant\tArg1:{'|'.join(claims)}, Arg2:{'|'.join(entities)}")
        conf += ["<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>", "", "[events]", "",
                 "[attributes]", ""]
        _write(self.out / "annotation.conf", "\n".join(conf))


def _write(path: Path, text: str) -> None:
    """One small file in one system call or so (``open()`` in text mode costs more
    than the write itself, and a brat export writes two files a document)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
