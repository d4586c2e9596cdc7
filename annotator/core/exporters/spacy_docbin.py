"""spaCy DocBin (needs the ``spacy`` extra; spaCy is imported only here)."""

from __future__ import annotations

from typing import IO, Any

from annotator.core.exporters.native import Writer
from annotator.core.exporters.source import (
    ExportDoc,
    ExportSummary,
    check_range,
    fail,
    merged_boundaries,
    span_safe_units,
)
from annotator.core.model import AnnotatorError, Offsets


class SpacyWriter(Writer):
    """A spaCy DocBin: the project's tokens as words (whitespace kept, so
    ``doc.text`` is the stored text), entities as ``doc.ents``, claims in the
    span group ``doc.spans["claims"]``, the document id in ``doc.user_data``.
    With ``unit="sentence"`` each sentence unit (sentences never cut a span) is
    a Doc of its own, ``user_data`` holding its document id and offset."""

    binary = True
    cacheable = False  # spaCy serialises the DocBin whole: nothing a document to keep

    def __init__(self, out: IO[Any], summary: ExportSummary, unit: str = "document") -> None:
        super().__init__(out, summary, unit)
        try:
            from spacy.tokens import DocBin
            from spacy.vocab import Vocab
        except ImportError:
            raise AnnotatorError(
                "the spacy format needs spaCy: pip install 'annotator[spacy]'") from None
        self.vocab = Vocab()
        self.docbin = DocBin(store_user_data=True)

    def write(self, doc: ExportDoc) -> None:
        if self.unit == "sentence":
            units = span_safe_units(doc)
            self.summary.merged_sentences += merged_boundaries(doc, units)
            for k, unit in enumerate(units):
                self._add(doc, unit, f"{doc.external_id}#{k}")
        else:
            self._add(doc, (0, len(doc.text)), doc.external_id)

    def _add(self, doc: ExportDoc, unit: Offsets, name: str) -> None:
        from spacy.tokens import Doc

        lo, hi = unit
        text = doc.text[lo:hi]
        words: list[str] = []
        spaces: list[bool] = []
        pos = lo
        for s, e in doc.tokens:
            if s < lo or s >= hi:
                continue
            _add_gap(doc.text[pos:s], words, spaces)
            words.append(doc.text[s:e])
            spaces.append(False)
            pos = e
        _add_gap(doc.text[pos:hi], words, spaces)
        sdoc = Doc(self.vocab, words=words, spaces=spaces)
        if sdoc.text != text:
            raise fail(doc, "spaCy rebuilt a different text from the tokens")
        ents = []
        for ent in doc.entities:
            if not lo <= ent.start < hi:
                continue
            check_range(doc, ent.start, ent.end, f"{ent.label} span")
            span = sdoc.char_span(ent.start - lo, ent.end - lo, label=ent.label)
            if span is None:
                span = sdoc.char_span(ent.start - lo, ent.end - lo, label=ent.label,
                                      alignment_mode="contract")
                if span is None or doc.text[ent.start:ent.end].strip() != span.text:
                    raise fail(doc, f"{ent.label} span [{ent.start}, {ent.end}) does not "
                                    "match spaCy's tokens")
                self.warn(f"document {doc.external_id!r}: the {ent.label} span "
                          f"{doc.text[ent.start:ent.end]!r} has whitespace at an edge; "
                          f"written as {span.text!r}")
            elif span.text != doc.text[ent.start:ent.end]:
                raise fail(doc, f"{ent.label} span [{ent.start}, {ent.end}) is shifted")
            ents.append(span)
        sdoc.set_ents(ents)
        claim_spans = []
        for c in doc.claims:
            check_range(doc, c.start, c.end, f"{c.label} claim")
            if c.end <= lo or c.start >= hi:
                continue
            if c.start < lo or c.end > hi:
                self.warn(f"document {doc.external_id!r}: the {c.label} claim "
                          f"[{c.start}, {c.end}) spans more than one sentence; left out of "
                          "the sentence Docs")
                continue
            span = sdoc.char_span(c.start - lo, c.end - lo, label=c.label,
                                  alignment_mode="expand")
            if span is None:
                self.warn(f"document {doc.external_id!r}: the {c.label} claim "
                          f"[{c.start}, {c.end}) covers no token; left out")
                continue
            if span.text != doc.text[c.start:c.end]:
                self.warn(f"document {doc.external_id!r}: the {c.label} claim "
                          f"[{c.start}, {c.end}) does not end on a token boundary; widened "
                          f"to whole tokens [{span.start_char + lo}, {span.end_char + lo})")
            claim_spans.append(span)
        sdoc.spans["claims"] = claim_spans
        sdoc.user_data["id"] = name
        sdoc.user_data["meta"] = doc.meta
        if name != doc.external_id:
            sdoc.user_data["doc_id"] = doc.external_id
            sdoc.user_data["offset"] = lo
        self.docbin.add(sdoc)
        self.summary.spans += len(ents)
        self.summary.claims += len(claim_spans)

    def close(self) -> None:
        self.out.write(self.docbin.to_bytes())


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    """Whitespace between tokens: one space is the previous word's trailing space;
    anything else becomes a whitespace token (as spaCy's own tokenizer does)."""
    if not gap:
        return
    if words and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
        if not gap:
            return
    if gap.endswith(" ") and len(gap) > 1:
        words.append(gap[:-1])
        spaces.append(True)
    else:
        words.append(gap)
        spaces.append(False)
