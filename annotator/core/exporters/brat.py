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

import orjson

from annotator.core.exporters.native import Writer
from annotator.core.exporters.source import (
    CachedRun,
    ExportDoc,
    ExportSummary,
    check_ranges,
)
from annotator.core.store.export_cache import CachedOutput

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

    def _name(self, external_id: str, doc_id: int) -> str:
        base = safe_name(external_id, f"doc-{doc_id}")
        name, n = base, 1
        while name.lower() in self.names or name.lower() == "annotation":
            n += 1
            name = f"{base}~{n}"
        self.names.add(name.lower())
        return name

    def document(self, doc: ExportDoc) -> CachedOutput | None:
        """The .txt (the text) and the .ann; the .ann is what the cache keeps, with
        the labels it uses (for annotation.conf)."""
        ann, labels = self._ann(doc)
        self._files(self._name(doc.external_id, doc.id), doc.text, ann, labels)
        self.summary.spans += len(doc.entities)
        self.summary.claims += len(doc.claims)
        if doc.cache_key is None:
            return None
        return CachedOutput(ann, len(doc.entities), len(doc.claims),
                            orjson.dumps({"labels": labels}))

    def replay(self, run: CachedRun) -> None:
        for doc_id, external_id, text, out in zip(run.ids, run.external_ids, run.texts,
                                                   run.outputs, strict=True):
            labels = orjson.loads(out.extra or b"{}").get("labels", [[], []])
            self._files(self._name(external_id, doc_id), text, out.data, labels)
            self.summary.spans += out.spans
            self.summary.claims += out.claims

    def _files(self, name: str, text: str, ann: bytes, labels: list[list[str]]) -> None:
        self.entity_labels.update(labels[0])
        self.claim_labels.update(labels[1])
        _write(self.out / f"{name}.txt", text)
        write_bytes(self.out / f"{name}.ann", ann)

    def write(self, doc: ExportDoc) -> None:
        self.document(doc)

    def _ann(self, doc: ExportDoc) -> tuple[bytes, list[list[str]]]:
        """The .ann of a document (checked) and its entity and claim labels."""
        lines: list[str] = []
        keys: dict[int, str] = {}
        check_ranges(doc, doc.entities, "span")
        check_ranges(doc, doc.claims, "claim")
        for ent in doc.entities:
            key = f"T{len(keys) + 1}"
            keys[ent.id] = key
            lines.append(self._t(doc, key, ent.label, ent.start, ent.end))
        relations = 0
        for k, claim in enumerate(doc.claims, len(keys) + 1):
            lines.append(self._t(doc, f"T{k}", claim.label, claim.start, claim.end))
            if claim.claimant_id is not None and claim.claimant_id in keys:
                relations += 1
                lines.append(f"R{relations}\tclaimant Arg1:T{k} Arg2:{keys[claim.claimant_id]}")
        labels = [sorted({e.label for e in doc.entities}), sorted({c.label for c in doc.claims})]
        return "".join(f"{line}\n" for line in lines).encode("utf-8"), labels

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
