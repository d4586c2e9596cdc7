"""Inter-annotator agreement between every pair of annotators of a team project.

For a pair, only documents both annotators finished (layer status ``done``) count,
and only their accepted spans and claims (a suggestion nobody decided is nobody's
annotation).

- exact-span F1 (micro): a span matches when start, end and label are equal;
  ``f1 = 2 * matched / (spans of a + spans of b)``, overall and per label.
- Cohen's kappa on token labels: each token (the document's stored tokenization,
  else the fallback tokenizer, never split at span edges) gets the label of the
  span its first character lies in, else ``O``;
  ``kappa = (p_o - p_e) / (1 - p_e)`` over all tokens of the pair's documents.
- Krippendorff's alpha (nominal) on the same token labels, by the ``krippendorff``
  package.
- claims: claims of a and b are paired one to one by overlap (largest overlap
  first); ``f1 = 2 * paired / (claims of a + claims of b)``, label agreement and
  claimant agreement are the shares of paired claims with the same label / the
  same claimant (the claimant entity's offsets, else its text, case-folded).

A figure with nothing to measure (no spans on either side, one label only) is
``None`` (JSON null), never a made-up 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.core.model import AnnotatorError, DocStatus, Offsets, SpanStatus
from annotator.core.store.layers import LayerClaim, LayerDocument, Layers

OUTSIDE = "O"


def f1_counts(a: set[Any], b: set[Any]) -> tuple[int, int, int]:
    """(matched, size of a, size of b)."""
    return len(a & b), len(a), len(b)


def f1(matched: int, n_a: int, n_b: int) -> float | None:
    return 2 * matched / (n_a + n_b) if n_a + n_b else None


def token_labels(tokens: Sequence[Offsets], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """The label of the span each token's first character lies in, else ``O``."""
    out = [OUTSIDE] * len(tokens)
    ordered = sorted(spans)
    k = 0
    for i, (start, _end) in enumerate(tokens):
        while k < len(ordered) and ordered[k][1] <= start:
            k += 1
        if k < len(ordered) and ordered[k][0] <= start < ordered[k][1]:
            out[i] = ordered[k][2]
    return out


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long label sequences."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb.get(k, 0) for k in ca) / (n * n)
    if expected == 1.0:
        return None  # one label everywhere: agreement is not measurable
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Krippendorff's alpha (nominal) of two coders, by the ``krippendorff`` package."""
    values = sorted(set(a) | set(b))
    if len(a) == 0 or len(values) < 2:
        return None
    try:  # numpy: imported when agreement is computed, not at start-up
        import krippendorff
        import numpy as np
    except ImportError as exc:  # e.g. an installer bundle built without numpy
        raise AnnotatorError(f"Krippendorff's alpha needs the krippendorff and numpy "
                             f"packages ({exc}); pip install krippendorff") from None

    code = {v: i for i, v in enumerate(values)}
    data = np.array([[code[x] for x in a], [code[y] for y in b]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def claimant_key(claim: LayerClaim) -> object:
    if claim.claimant is not None:
        return ("entity", *claim.claimant)
    if claim.claimant_text:
        return ("text", claim.claimant_text.strip().casefold())
    return None


def pair_claims(a: Sequence[LayerClaim], b: Sequence[LayerClaim]
                ) -> list[tuple[LayerClaim, LayerClaim]]:
    """One-to-one pairs of overlapping claims, largest overlap first (ties: text order)."""
    candidates = []
    for i, ca in enumerate(a):
        for j, cb in enumerate(b):
            overlap = min(ca.end, cb.end) - max(ca.start, cb.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _neg, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j]))
    return pairs


@dataclass(slots=True)
class PairTally:
    """Counts for one pair of annotators, added up over their common documents."""

    annotators: tuple[str, str]
    documents: int = 0
    matched: int = 0
    n_a: int = 0
    n_b: int = 0
    per_label: dict[str, list[int]] = field(default_factory=dict)  # [matched, n_a, n_b]
    tokens_a: list[str] = field(default_factory=list)
    tokens_b: list[str] = field(default_factory=list)
    claims_a: int = 0
    claims_b: int = 0
    claims_paired: int = 0
    claims_same_label: int = 0
    claims_same_claimant: int = 0

    def add(self, tokens: Sequence[Offsets], spans_a: set[tuple[int, int, str]],
            spans_b: set[tuple[int, int, str]], claims_a: Sequence[LayerClaim],
            claims_b: Sequence[LayerClaim],
            labels: tuple[list[str], list[str]] | None = None) -> None:
        """Count one document; ``labels``: the token labels of a and b when known."""
        self.documents += 1
        m, na, nb = f1_counts(spans_a, spans_b)
        self.matched += m
        self.n_a += na
        self.n_b += nb
        for label in {s[2] for s in spans_a | spans_b}:
            la = {s for s in spans_a if s[2] == label}
            lb = {s for s in spans_b if s[2] == label}
            row = self.per_label.setdefault(label, [0, 0, 0])
            for k, v in enumerate(f1_counts(la, lb)):
                row[k] += v
        if labels is None:
            labels = (token_labels(tokens, list(spans_a)), token_labels(tokens, list(spans_b)))
        self.tokens_a += labels[0]
        self.tokens_b += labels[1]
        pairs = pair_claims(claims_a, claims_b)
        self.claims_a += len(claims_a)
        self.claims_b += len(claims_b)
        self.claims_paired += len(pairs)
        self.claims_same_label += sum(1 for x, y in pairs if x.label == y.label)
        self.claims_same_claimant += sum(1 for x, y in pairs
                                         if claimant_key(x) == claimant_key(y))

    def result(self) -> dict[str, Any]:
        paired = self.claims_paired
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "f1": f1(self.matched, self.n_a, self.n_b),
            "kappa": cohen_kappa(self.tokens_a, self.tokens_b),
            "alpha": krippendorff_alpha(self.tokens_a, self.tokens_b),
            "spans": [self.n_a, self.n_b],
            "matched": self.matched,
            "tokens": len(self.tokens_a),
            "per_label": {label: {"f1": f1(*row), "matched": row[0], "spans": row[1:]}
                          for label, row in sorted(self.per_label.items())},
            "claims": {
                "claims": [self.claims_a, self.claims_b],
                "paired": paired,
                "f1": f1(paired, self.claims_a, self.claims_b),
                "label_agreement": self.claims_same_label / paired if paired else None,
                "claimant_agreement": self.claims_same_claimant / paired if paired else None,
            },
        }


def accepted_spans(layer: LayerDocument) -> set[tuple[int, int, str]]:
    return {s.key for s in layer.entities if s.status == SpanStatus.ACCEPTED}


def accepted_claims(layer: LayerDocument) -> list[LayerClaim]:
    return [c for c in layer.claims if c.status == SpanStatus.ACCEPTED]


def agreement(layers: Layers, batch: int = 500) -> dict[str, Any]:
    """Every pair of annotators over the documents both finished (JSON-ready)."""
    annotators = sorted(layers.annotators())  # pairs in name order, whatever the merge order
    done: dict[int, set[str]] = {}
    for who, doc_id, status in layers.statuses():
        if status == DocStatus.DONE:
            done.setdefault(doc_id, set()).add(who)
    tallies = {pair: PairTally(pair) for pair in combinations(annotators, 2)}
    shared = [d for d, who in sorted(done.items()) if len(who) >= 2]
    for i in range(0, len(shared), batch):
        chunk = shared[i:i + batch]
        docs = layers.documents(chunk)
        texts = layers.texts_and_tokens(chunk)
        for doc_id in chunk:
            by_who = {d.annotator: d for d in docs.get(doc_id, [])
                      if d.annotator in done[doc_id]}
            tokens = texts[doc_id][1]
            spans = {who: accepted_spans(d) for who, d in by_who.items()}
            labels = {who: token_labels(tokens, list(s)) for who, s in spans.items()}
            for (a, b), tally in tallies.items():
                if a in by_who and b in by_who:
                    tally.add(tokens, spans[a], spans[b], accepted_claims(by_who[a]),
                              accepted_claims(by_who[b]), (labels[a], labels[b]))
    return {"annotators": annotators,
            "documents": len(shared),
            "pairs": [t.result() for t in tallies.values()]}


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def describe(result: dict[str, Any]) -> str:
    """The agreement as a small table for people."""
    if not result["pairs"]:
        return ("no pair of annotators to compare (merge two or more annotators' "
                "projects first: annotator merge A.db B.db --into TEAM.db)")
    width = max([24, *(len(" / ".join(p["annotators"])) for p in result["pairs"]),
                 *(len(label) + 2 for p in result["pairs"] for label in p["per_label"])])
    lines = [f"{'pair':<{width}} {'docs':>5} {'F1':>6} {'kappa':>6} {'alpha':>6}  "
             f"{'claimF1':>7} {'label':>6} {'claimant':>8}"]
    for pair in result["pairs"]:
        c = pair["claims"]
        lines.append(f"{' / '.join(pair['annotators']):<{width}} {pair['documents']:>5} "
                     f"{_figure(pair['f1'])} {_figure(pair['kappa'])} {_figure(pair['alpha'])}  "
                     f"{_figure(c['f1']):>7} {_figure(c['label_agreement'])} "
                     f"{_figure(c['claimant_agreement']):>8}")
        for label, row in pair["per_label"].items():
            lines.append(f"  {label:<{width - 2}} {'':>5} {_figure(row['f1'])}   "
                         f"({row['matched']} of {row['spans'][0]} / {row['spans'][1]})")
    return "\n".join(lines)
