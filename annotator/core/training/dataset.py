"""What a model learns from: a snapshot of the finished documents, the split, BIO sentences.

See the package docstring (steps 1 to 3) for the rules.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.cancel import CancelFlag
from annotator.core.model import AnnotatorError, DocStatus, Offsets, SpanStatus
from annotator.core.store import Project
from annotator.core.text import sentence_groups
from annotator.core.training.evaluate import Span

DEFAULT_MIN_DOCS = 10
DEFAULT_HELDOUT_FRACTION = 0.2
MIN_DOCS_FOR_HELDOUT = 5

NerSentence = list[tuple[str, str]]  # (token text, BIO tag)


class NotEnoughDocuments(AnnotatorError):
    """Fewer finished documents than the minimum: ``needed`` more are required."""

    def __init__(self, done: int, minimum: int) -> None:
        self.done = done
        self.minimum = minimum
        self.needed = max(0, minimum - done)
        super().__init__(
            f"{done} finished document{'s' if done != 1 else ''}; training needs at least "
            f"{minimum}: finish {self.needed} more (mark documents as done).")


def readiness(project: Project, min_docs: int = DEFAULT_MIN_DOCS) -> tuple[int, int]:
    """(finished documents, how many more are needed before training makes sense)."""
    done = project.documents.count(DocStatus.DONE)
    return done, max(0, min_docs - done)


@dataclass(slots=True)
class DocExample:
    """One finished document as training needs it (a snapshot, detached from the store)."""

    doc_id: int
    external_id: str
    text: str
    lang: str | None
    tokens: list[Offsets]          # stored tokens split at span edges (for training)
    base_tokens: list[Offsets]     # stored tokens as a new document has them (for tagging)
    sentences: list[Offsets]
    spans: list[Span]              # accepted entity spans



def take_snapshot(project: Project, *, cancel: CancelFlag | None = None) -> list[DocExample]:
    """Every done document with its accepted spans, read in one read transaction."""
    with project.snapshot():  # a consistent read (WAL), no write lock
        examples: list[DocExample] = []
        for doc_id in project.documents.ids(DocStatus.DONE):
            if cancel is not None:
                cancel.check("training cancelled")
            doc = project.documents.get(doc_id)
            spans = [(e.start, e.end, e.label) for e in project.spans.list(doc_id)
                     if e.status == SpanStatus.ACCEPTED]
            examples.append(DocExample(
                doc_id=doc.id, external_id=doc.external_id, text=doc.text, lang=doc.lang,
                tokens=list(doc.tokens),
                base_tokens=project.documents.base_tokens(doc_id, doc.text),
                sentences=list(doc.sentences), spans=sorted(spans)))
        return examples


def majority_lang(examples: Sequence[DocExample], project: Project) -> str:
    """The finished documents' most common language, else the project's, else ``und``."""
    langs = Counter(e.lang for e in examples if e.lang)
    if langs:
        return langs.most_common(1)[0][0]
    stored = project.settings.get("lang")
    return str(stored) if stored else "und"


def heldout_key(external_id: str) -> float:
    """The document's place in [0, 1) for the split: sha256 of its external id."""
    digest = hashlib.sha256(external_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_documents(external_ids: Sequence[str], heldout_fraction: float = DEFAULT_HELDOUT_FRACTION
                    ) -> tuple[list[str], list[str]]:
    """Deterministic train / held-out split by a hash of the external id (see module doc)."""
    ids = sorted(set(external_ids))
    keys = {i: heldout_key(i) for i in ids}
    heldout = [i for i in ids if keys[i] < heldout_fraction]
    train = [i for i in ids if keys[i] >= heldout_fraction]
    if len(ids) < MIN_DOCS_FOR_HELDOUT:
        return ids, []
    if not heldout:
        first = min(ids, key=lambda i: keys[i])
        heldout, train = [first], [i for i in ids if i != first]
    if not train:
        last = max(ids, key=lambda i: keys[i])
        train, heldout = [last], [i for i in ids if i != last]
    return train, heldout


def _non_overlapping(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and span[0] < out[-1][1]:
            continue  # overlapping spans cannot be BIO-tagged: keep the first (longest)
        out.append(span)
    return out


def document_sentences(text: str, tokens: Sequence[Offsets], sentences: Sequence[Offsets],
                       spans: Iterable[Span]) -> list[NerSentence]:
    """Sentences of ``(token text, BIO tag)`` for Stanza's NER trainer.

    A token inside a span gets ``B-``/``I-`` of its label (``B-`` again at the
    start of a sentence when a span crosses a sentence boundary); a span that
    covers no whole token is dropped (it cannot be learnt from these tokens).
    """
    spans = _non_overlapping(spans)
    starts = [s for s, _, _ in spans]
    out: list[NerSentence] = []
    for group in sentence_groups(tokens, sentences):
        sent: NerSentence = []
        prev_span: int | None = None
        for start, end in group:
            word = text[start:end]
            if not word.strip():
                continue
            idx = bisect.bisect_right(starts, start) - 1
            tag = "O"
            if idx >= 0 and spans[idx][0] <= start and end <= spans[idx][1]:
                label = spans[idx][2]
                tag = ("I-" if prev_span == idx else "B-") + label
                prev_span = idx
            else:
                prev_span = None
            sent.append((word.replace(" ", "\xa0"), tag))
        if sent:
            out.append(sent)
    return out
