"""How good a model is: exact-span precision, recall and F1 (pure Python)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int, str]  # (start, end, label), code-point offsets


@dataclass(frozen=True, slots=True)
class Score:
    """Exact-span counts and figures for one label (or all labels)."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        """Gold spans of this label."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "support": self.support, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Per-label scores (sorted by label) and the micro-averaged overall score."""

    per_label: tuple[Score, ...]
    overall: Score
    documents: int

    @property
    def macro_f1(self) -> float:
        return (sum(s.f1 for s in self.per_label) / len(self.per_label)
                if self.per_label else 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"matching": "exact span (start, end, label)",
                "documents": self.documents,
                "overall": self.overall.to_dict(),
                "macro_f1": round(self.macro_f1, 4),
                "per_label": [s.to_dict() for s in self.per_label]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evaluation:
        def score(d: dict[str, Any]) -> Score:
            return Score(d["label"], int(d["tp"]), int(d["fp"]), int(d["fn"]))
        return cls(tuple(score(d) for d in data.get("per_label", [])),
                   score(data["overall"]), int(data.get("documents", 0)))


def evaluate(gold: Sequence[set[Span]], predicted: Sequence[set[Span]]) -> Evaluation:
    """Exact-span precision, recall and F1, per label and micro-averaged overall.

    ``gold[i]`` and ``predicted[i]`` are the ``(start, end, label)`` spans of
    document ``i``. A predicted span counts as a true positive only when a gold
    span of the same document has the same start, end and label; every other
    predicted span is a false positive (of its predicted label), every
    unmatched gold span a false negative (of its gold label). A wrong label on
    the right span is therefore one FP and one FN. Figures with a zero
    denominator are 0.0.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold documents but {len(predicted)} predicted")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        g, p = set(g), set(p)
        for span in g & p:
            tp[span[2]] += 1
        for span in p - g:
            fp[span[2]] += 1
        for span in g - p:
            fn[span[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    per_label = tuple(Score(lab, tp[lab], fp[lab], fn[lab]) for lab in labels)
    overall = Score("overall", sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Evaluation(per_label, overall, len(gold))


def format_table(evaluation: Evaluation) -> str:
    """A plain-text table: label, gold, predicted, correct, precision, recall, F1."""
    head = f"{'label':<10} {'gold':>6} {'pred':>6} {'correct':>7} {'P':>7} {'R':>7} {'F1':>7}"
    lines = [head, "-" * len(head)]

    def row(s: Score) -> str:
        return (f"{s.label:<10} {s.support:>6} {s.predicted:>6} {s.tp:>7} "
                f"{100 * s.precision:>6.1f}% {100 * s.recall:>6.1f}% {100 * s.f1:>6.1f}%")

    lines.extend(row(s) for s in evaluation.per_label)
    lines.append("-" * len(head))
    lines.append(row(evaluation.overall))
    lines.append(f"(exact-span matching on {evaluation.documents} held-out document"
                 f"{'s' if evaluation.documents != 1 else ''}; macro F1 "
                 f"{100 * evaluation.macro_f1:.1f}%)")
    return "\n".join(lines)

