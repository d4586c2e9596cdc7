"""Token formats: CoNLL-2003 columns and Hugging Face token classification.

Both tag with IOB2 (``B-`` starts every span) and both cut documents into
sentences only where no entity crosses the boundary (:func:`span_safe_units`):
a sentence split inside ``Jl. Sudirman`` or ``Korea\\nUtara`` would otherwise
start a line with ``I-``. What changes on the way is said in a warning: a span
with whitespace at an edge is written as its tokens (the whitespace has none),
a label with a space is written with ``_`` in CoNLL.
"""

from __future__ import annotations

import re

from annotator.core.exporters.native import Writer, dumps, dumps_bytes
from annotator.core.exporters.source import (
    ExportDoc,
    group_tokens,
    merged_boundaries,
    span_safe_units,
    token_ranges,
)

_SPACE = re.compile(r"\s")


def bio_tags(doc: ExportDoc, writer: Writer | None = None) -> list[str]:
    """One IOB2 tag per token (checked: each span covers whole tokens)."""
    starts, ends = doc.token_bounds
    tags = ["O"] * len(starts)
    firsts, lasts = token_ranges(doc, doc.entities)
    for ent, t0, t1 in zip(doc.entities, firsts, lasts, strict=True):
        if writer is not None and (starts[t0] != ent.start or ends[t1] != ent.end):
            writer.warn(f"document {doc.external_id!r}: the {ent.label} span "
                        f"{doc.text[ent.start:ent.end]!r} has whitespace at an edge; written "
                        f"as its tokens {doc.text[starts[t0]:ends[t1]]!r}")
        label = writer.safe_label(ent.label) if isinstance(writer, TokenWriter) else ent.label
        tags[t0] = "B-" + label
        if t1 > t0:
            tags[t0 + 1:t1 + 1] = ["I-" + label] * (t1 - t0)
    return tags


class TokenWriter(Writer):
    def safe_label(self, label: str) -> str:
        return label

    def units(self, doc: ExportDoc) -> list[range]:
        """Token indexes per sentence unit (runs of consecutive tokens, never empty)."""
        units = span_safe_units(doc)
        merged = merged_boundaries(doc, units)
        if merged:
            self.summary.merged_sentences += merged
        return [g for g in group_tokens(doc.token_bounds[0], units) if g]


class ConllWriter(TokenWriter):
    """CoNLL-2003 style: ``-DOCSTART-`` per document, ``token -X- _ TAG`` per token,
    a blank line after each sentence. Whitespace inside a token becomes ``_``."""

    def safe_label(self, label: str) -> str:
        if not _SPACE.search(label):
            return label
        safe = _SPACE.sub("_", label)
        self.warn_once(f"label-{label}", f"the label {label!r} has whitespace, which would "
                       f"break the CoNLL columns; written as {safe!r}")
        return safe

    def write(self, doc: ExportDoc) -> None:
        tags = bio_tags(doc, self)
        text = doc.text
        words = list(map(text.__getitem__, map(slice, *doc.token_bounds)))
        if _SPACE.search("".join(words)):  # only a recognizer's tokens can hold a space
            words = [_SPACE.sub("_", w) for w in words]
        # Units are runs of consecutive tokens: one join per sentence, not per token.
        sentences = ["\n".join(map(" -X- _ ".join, zip(words[g.start:g.stop],
                                                       tags[g.start:g.stop], strict=True)))
                     for g in self.units(doc)]
        self.emit(("-DOCSTART- -X- -X- O\n\n" + "\n\n".join(sentences)
                   + ("\n\n" if sentences else "")).encode("utf-8"))
        self.summary.spans += len(doc.entities)


class HfWriter(TokenWriter):
    """Hugging Face token classification: one JSON line per document (or per
    sentence with ``unit="sentence"``) with ``tokens`` and IOB2 ``ner_tags``
    (strings; ``datasets`` maps them to ids through the ClassLabel names file
    written beside the data, see :func:`hf_label_list`)."""

    side_files = True

    def write(self, doc: ExportDoc) -> None:
        tags = bio_tags(doc, self)
        text = doc.text
        words = list(map(text.__getitem__, map(slice, *doc.token_bounds)))
        if self.unit == "sentence":
            for k, g in enumerate(self.units(doc)):
                self.emit(dumps_bytes({
                    "id": f"{doc.external_id}#{k}", "doc_id": doc.external_id, "sentence": k,
                    "tokens": words[g.start:g.stop], "ner_tags": tags[g.start:g.stop]}))
        else:
            self.emit(dumps_bytes({"id": doc.external_id, "tokens": words, "ner_tags": tags}))
        self.summary.spans += len(doc.entities)


def hf_label_list(entity_labels: list[str], used: set[str]) -> list[str]:
    """``O`` then B-/I- for each label (the scheme's order, then any others)."""
    names = list(entity_labels) + sorted(used - set(entity_labels))
    return ["O"] + [f"{p}-{n}" for n in names for p in ("B", "I")]


def hf_label_files(labels: list[str]) -> tuple[str, str]:
    """The ClassLabel names file (one a line) and the id2label/label2id JSON."""
    bad = [name for name in labels if "\n" in name or "\r" in name]
    if bad:
        raise ValueError(f"label {bad[0]!r} contains a line break")
    names = "".join(f"{name}\n" for name in labels)
    mapping = dumps({"labels": labels,
                     "id2label": {str(i): name for i, name in enumerate(labels)},
                     "label2id": {name: i for i, name in enumerate(labels)}}) + "\n"
    return names, mapping
