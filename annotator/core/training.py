"""Train the project's own Stanza NER model from its finished documents.

No Qt here: the command line (``annotator train``), the window (Model > Train
model) and the tests share this module.

The loop, in order:

1. **Snapshot.** :func:`take_snapshot` reads every document whose status is
   ``done`` (imported documents with ``"status": "done"`` included) in one read
   transaction: text, tokens, sentences and the *accepted* entity spans. A model
   is for one language (``lang``, default: the finished documents' majority);
   documents whose language is set to another one are left out.
   Suggested spans left in a finished document are not human decisions and are
   ignored; rejected spans are ignored. Nothing else is read, so annotation goes
   on while the model trains, and no data outside the project is used (except
   the language's Stanza word vectors, see 3).
2. **Split.** :func:`split_documents` puts a document in the held-out set when
   the first 8 bytes of ``sha256(external_id)``, read as a fraction of 2**64,
   are below ``heldout_fraction`` (0.2: about 80/20). The rule depends on the
   document alone, so a held-out document stays held out when more documents
   are finished later. With 5 or more documents at least one is held out (the
   one with the smallest hash) and at least one is kept for training; with
   fewer, all train and no evaluation is computed.
3. **Convert.** :func:`document_sentences` turns a document into Stanza's NER
   training format: sentences of ``(token text, tag)`` with BIO tags, which
   :func:`annotator.core.stanza_training.write_ner_json` turns into the BIOES
   tags Stanza's ``ner_tagger`` trains on by default (``--scheme bioes``). The
   tokens are the stored ones (``Project.document``), which are split at span
   edges, so every accepted span covers whole tokens.
4. **Train.** Stanza's own trainer (``stanza.models.ner_tagger``, on the CPU,
   through :func:`annotator.core.stanza_training.train_ner`). Word vectors: the
   language's Stanza pretrain when one is installed under the Stanza folder
   (:func:`annotator.core.paths.stanza_dir`, ``LANG/pretrain/*.pt``; it is
   copied into the model, which needs it to load); otherwise the model trains
   without pretrained vectors (``--no_pretrain``: the word embeddings are learnt
   from the training data only, next to the character model). Sizes and steps
   scale with the data (:func:`auto_hyperparameters`). 10% of the *training*
   sentences are Stanza's dev set (model selection); the held-out documents are
   never seen during training.
5. **Evaluate.** The trained model tags the held-out documents (their stored
   tokens, not split at the gold spans) and :func:`evaluate` compares the spans
   with the accepted ones: exact-span matching (start, end and label must all
   agree), precision/recall/F1 per label and micro-averaged overall.
6. **Store.** Everything above happens in a temporary folder
   ``<models>/.tmp-<random>``; only a complete model is renamed (atomically) to
   ``<models>/<model id>``. A crash or cancel leaves the previous model in use.
   The models folder is ``<project file without .db>.models`` next to the
   project file (``default.annotator.models`` for the default project). A model
   folder is a standard Stanza resources folder::

       resources.json
       LANG/ner/project.pt
       LANG/pretrain/project.pt     (only when trained with word vectors)
       meta.json                    (evaluation, labels, data size, date, versions)
       evaluation.json              (the evaluation alone)

7. **Use.** The new model becomes the project's ``stanza-ner`` model: the
   project setting ``ner_model`` holds its id (a folder name in the models
   folder), an absolute path of another model folder, or ``"none"`` (no project
   model: ``stanza-ner`` falls back to the language's Stanza model, if any).
   :func:`active_model` resolves it; the model id (which contains a hash of the
   weights) is the recognizer version, so pre-annotation re-suggests with a new
   model instead of hitting the cache.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from annotator.core.model import AnnotatorError, DocStatus, Document, Offsets, SpanStatus
from annotator.core.paths import stanza_dir
from annotator.core.recognizers.base import Suggestion
from annotator.core.store import Project
from annotator.core.text import sentence_groups, tags_to_spans

if TYPE_CHECKING:
    from annotator.core.recognizers.runner import RunReport

PACKAGE = "project"
MODEL_SETTING = "ner_model"
EVALUATION_SETTING = "ner_model_evaluation"
DEFAULT_MIN_DOCS = 10
DEFAULT_HELDOUT_FRACTION = 0.2
MIN_DOCS_FOR_HELDOUT = 5
META_NAME = "meta.json"
EVALUATION_NAME = "evaluation.json"

Span = tuple[int, int, str]
NerSentence = list[tuple[str, str]]
ProgressCallback = Callable[[float, str], None]


class CancelFlag(Protocol):
    """A ``threading.Event`` or anything else with ``is_set()``."""

    def is_set(self) -> bool: ...


class NotEnoughDocuments(AnnotatorError):
    """Fewer finished documents than the minimum: ``needed`` more are required."""

    def __init__(self, done: int, minimum: int) -> None:
        self.done = done
        self.minimum = minimum
        self.needed = max(0, minimum - done)
        super().__init__(
            f"{done} finished document{'s' if done != 1 else ''}; training needs at least "
            f"{minimum}: finish {self.needed} more (mark documents as done).")


class TrainingCancelled(AnnotatorError):
    """Training was cancelled; nothing was written and the previous model stays in use."""


# --------------------------------------------------------------------------
# Evaluation (pure Python)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Snapshot, split, conversion
# --------------------------------------------------------------------------


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


def _base_tokens(project: Project, doc_id: int, text: str) -> list[Offsets]:
    return project.documents.base_tokens(doc_id, text)


def take_snapshot(project: Project, *, cancel: CancelFlag | None = None) -> list[DocExample]:
    """Every done document with its accepted spans, read in one read transaction."""
    with project.snapshot():  # a consistent read (WAL), no write lock
        examples: list[DocExample] = []
        for doc_id in project.documents.ids(DocStatus.DONE):
            if cancel is not None and cancel.is_set():
                raise TrainingCancelled("training cancelled")
            doc = project.documents.get(doc_id)
            spans = [(e.start, e.end, e.label) for e in project.spans.list(doc_id)
                     if e.status == SpanStatus.ACCEPTED]
            examples.append(DocExample(
                doc_id=doc.id, external_id=doc.external_id, text=doc.text, lang=doc.lang,
                tokens=list(doc.tokens), base_tokens=_base_tokens(project, doc_id, doc.text),
                sentences=list(doc.sentences), spans=sorted(spans)))
        return examples


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


# --------------------------------------------------------------------------
# Hyperparameters
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Hyperparameters:
    max_steps: int
    batch_size: int
    hidden_dim: int
    char_hidden_dim: int
    char_emb_dim: int
    word_emb_dim: int
    eval_interval: int
    lr: float = 0.01
    optim: str = "adam"
    dropout: float = 0.5


def auto_hyperparameters(n_sentences: int, n_tokens: int, *, steps: int | None = None,
                         hidden_dim: int | None = None) -> Hyperparameters:
    """Sizes and steps that grow with the data.

    About 30 passes over the training sentences, at least 300 and at most
    20,000 steps; the LSTM grows from 32 to 256 units as the data grows from
    a few thousand to a few hundred thousand tokens.
    """
    batch = 16 if n_sentences < 2000 else 32
    per_epoch = max(1, math.ceil(n_sentences / batch))
    auto_steps = min(20_000, max(300, 30 * per_epoch))
    if n_tokens < 20_000:
        hidden, char_hidden, emb = 32, 32, 32
    elif n_tokens < 100_000:
        hidden, char_hidden, emb = 64, 50, 50
    elif n_tokens < 500_000:
        hidden, char_hidden, emb = 128, 100, 100
    else:
        hidden, char_hidden, emb = 256, 100, 100
    max_steps = steps or auto_steps
    hidden = hidden_dim or hidden
    return Hyperparameters(
        max_steps=max_steps, batch_size=batch, hidden_dim=hidden,
        char_hidden_dim=min(char_hidden, hidden) if hidden_dim else char_hidden,
        char_emb_dim=16 if hidden <= 32 else 32, word_emb_dim=emb,
        eval_interval=max(25, max_steps // 8))


# --------------------------------------------------------------------------
# Models folder, active model
# --------------------------------------------------------------------------


def models_dir(project_path: Path | str) -> Path:
    """``<project file name without .db>.models`` next to the project file."""
    path = Path(project_path).resolve()
    stem = path.name[:-3] if path.name.endswith(".db") else path.stem
    return path.with_name(stem + ".models")


@dataclass(slots=True)
class ProjectModel:
    """A trained NER model folder (standard Stanza layout plus meta.json)."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.meta.get("id") or self.path.name)

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang", "und"))

    @property
    def package(self) -> str:
        return str(self.meta.get("package", PACKAGE))

    @property
    def version(self) -> str:
        """The recognizer version: changes with every model (the id holds a weights hash)."""
        return self.id

    @property
    def ner_model_path(self) -> Path:
        return self.path / self.lang / "ner" / f"{self.package}.pt"

    @property
    def pretrain_path(self) -> Path | None:
        pt = self.path / self.lang / "pretrain" / f"{self.package}.pt"
        return pt if pt.exists() else None

    @property
    def labels(self) -> list[str]:
        return list(self.meta.get("labels", []))

    @property
    def evaluation(self) -> Evaluation | None:
        data = self.meta.get("evaluation")
        return Evaluation.from_dict(data) if data else None

    def pipeline_kwargs(self) -> dict[str, Any]:
        """Offline ``stanza.Pipeline`` kwargs: tokenize (pretokenized input) + this NER model."""
        kwargs: dict[str, Any] = {
            "lang": self.lang, "dir": str(self.path), "processors": "tokenize,ner",
            "tokenize_pretokenized": True, "download_method": None,
            "allow_unknown_language": True, "use_gpu": False, "logging_level": "WARN",
            "ner_model_path": str(self.ner_model_path),
        }
        if self.pretrain_path is not None:  # always pass it: see DESIGN.md
            kwargs["ner_pretrain_path"] = str(self.pretrain_path)
        return kwargs

    def load(self) -> NerTagger:
        return NerTagger(self)


def load_model(path: Path | str) -> ProjectModel:
    """Read a model folder; a clear error when it is not one."""
    path = Path(path)
    meta_file = path / META_NAME
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotatorError(f"{path}: not a trained model folder (no {META_NAME})") from None
    except (OSError, ValueError) as exc:
        raise AnnotatorError(f"{meta_file}: cannot read the model description ({exc})") from None
    model = ProjectModel(path, meta)
    if not model.ner_model_path.exists():
        raise AnnotatorError(f"{path}: the NER model file {model.ner_model_path} is missing")
    return model


def list_models(project_path: Path | str) -> list[ProjectModel]:
    """The project's complete models, oldest first."""
    folder = models_dir(project_path)
    if not folder.is_dir():
        return []
    models: list[ProjectModel] = []
    for child in folder.iterdir():
        if child.name.startswith(".") or not child.is_dir():
            continue
        with contextlib.suppress(AnnotatorError):
            models.append(load_model(child))
    return sorted(models, key=lambda m: (str(m.meta.get("created", "")), m.id))


def active_model(project: Project) -> ProjectModel | None:
    """The project's ``stanza-ner`` model, or None (setting absent, ``"none"``, or missing)."""
    value = project.settings.get(MODEL_SETTING)
    if not value or value == "none":
        return None
    path = Path(value)
    if not path.is_absolute():
        path = models_dir(project.path) / value
    try:
        return load_model(path)
    except AnnotatorError:
        return None


def use_model(project: Project, choice: str) -> ProjectModel | None:
    """Switch the project's model: ``none``, ``latest`` or a model id / folder path."""
    if choice == "none":
        project.settings.set(MODEL_SETTING, "none")
        project.notify(None)
        return None
    if choice == "latest":
        models = list_models(project.path)
        if not models:
            raise AnnotatorError(f"{project.path}: the project has no trained model yet "
                                 "(run `annotator train`)")
        model = models[-1]
    else:
        inside = models_dir(project.path) / choice
        model = load_model(inside if inside.is_dir() and os.sep not in choice
                           else Path(choice).resolve())
    inside_models = model.path.parent.resolve() == models_dir(project.path)
    project.settings.set(MODEL_SETTING, model.path.name if inside_models else str(model.path))
    if model.meta.get("evaluation"):
        project.settings.set(EVALUATION_SETTING, {"model": model.id, **model.meta["evaluation"]})
    project.notify(None)
    return model


# --------------------------------------------------------------------------
# Tagging with a trained model
# --------------------------------------------------------------------------


class NerTagger:
    """A loaded project model: tags documents given their tokens and sentences.

    Stanza gets the tokens pre-split (``tokenize_pretokenized``); tag ``i`` of
    sentence ``j`` belongs to our token ``i`` of sentence ``j``, so the spans it
    returns are exact code-point offsets into the original text.
    """

    def __init__(self, model: ProjectModel) -> None:
        import stanza

        self.model = model
        self.pipeline = stanza.Pipeline(**model.pipeline_kwargs())

    def tag(self, text: str, tokens: Sequence[Offsets], sentences: Sequence[Offsets]
            ) -> list[Span]:
        groups = [[t for t in g if text[t[0]:t[1]].strip()]
                  for g in sentence_groups(tokens, sentences)]
        groups = [g for g in groups if g]
        if not groups:
            return []
        words = [[text[s:e].replace(" ", "\xa0") for s, e in g] for g in groups]
        doc = self.pipeline(words)
        spans: list[Span] = []
        for group, sent in zip(groups, doc.sentences, strict=True):
            tags = [tok.ner or "O" for tok in sent.tokens]
            if len(tags) != len(group):  # never expected: Stanza keeps pretokenized tokens
                raise AnnotatorError("the NER model returned a different number of tokens")
            spans.extend(tags_to_spans(group, tags))
        return spans


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------


@dataclass(slots=True)
class TrainOptions:
    lang: str | None = None            # default: the documents' language
    min_docs: int = DEFAULT_MIN_DOCS
    steps: int | None = None           # default: auto_hyperparameters
    hidden_dim: int | None = None
    heldout_fraction: float = DEFAULT_HELDOUT_FRACTION
    pretrain: str = "auto"             # "auto" (the Stanza folder's), "none", or a .pt path
    activate: bool = True              # make the new model the project's stanza-ner model
    keep: int = 5                      # models kept in the folder (plus the active one)
    threads: int = 1
    seed: int = 1234


@dataclass(slots=True)
class TrainReport:
    model: ProjectModel
    evaluation: Evaluation | None
    seconds: float
    size_bytes: int
    train_documents: int
    heldout_documents: int

    @property
    def meta(self) -> dict[str, Any]:
        return self.model.meta


def readiness(project: Project, min_docs: int = DEFAULT_MIN_DOCS) -> tuple[int, int]:
    """(finished documents, how many more are needed before training makes sense)."""
    done = project.documents.count(DocStatus.DONE)
    return done, max(0, min_docs - done)


def find_pretrain(lang: str, folder: Path | None = None) -> Path | None:
    """The language's Stanza word vectors under the Stanza folder, if installed.

    The one the default POS or NER package depends on (resources.json), else
    the first ``LANG/pretrain/*.pt`` by name.
    """
    folder = folder or stanza_dir()
    pre_dir = folder / lang / "pretrain"
    if not pre_dir.is_dir():
        return None
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        res = json.loads((folder / "resources.json").read_text(encoding="utf-8")).get(lang, {})
        defaults = res.get("default_processors", {})
        for proc in ("ner", "pos"):
            pkg = defaults.get(proc)
            deps = res.get(proc, {}).get(pkg, {}).get("dependencies", []) if pkg else []
            for dep in deps:
                if dep.get("model") == "pretrain":
                    cand = pre_dir / f"{dep['package']}.pt"
                    if cand.exists():
                        return cand
    found = sorted(pre_dir.glob("*.pt"))
    return found[0] if found else None


def _majority_lang(examples: Sequence[DocExample], project: Project) -> str:
    langs = Counter(e.lang for e in examples if e.lang)
    if langs:
        return langs.most_common(1)[0][0]
    stored = project.settings.get("lang")
    return str(stored) if stored else "und"


_STEP_RE = re.compile(r"step (\d+)/(\d+)")


def _link_or_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _weights_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fin:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def train_model(project_path: Path | str, options: TrainOptions | None = None, *,
                progress: ProgressCallback | None = None,
                cancel: CancelFlag | None = None) -> TrainReport:
    """Train, evaluate, store and (by default) activate a new NER model for a project.

    Opens its own connection to the project (safe in a background thread),
    reads a snapshot at the start and writes only two settings at the end.
    Raises :class:`NotEnoughDocuments`, :class:`TrainingCancelled` or
    :class:`AnnotatorError`; in every such case the models folder and the
    project's settings are as before.
    """
    from filelock import FileLock, Timeout

    options = options or TrainOptions()
    if cancel is None:
        cancel = threading.Event()
    report = progress or (lambda _f, _m: None)
    project_path = Path(project_path).resolve()
    started = time.monotonic()

    def check() -> None:
        if cancel.is_set():
            raise TrainingCancelled("training cancelled; the previous model stays in use")

    report(0.0, "reading finished documents")
    with Project(project_path, create=False) as project:
        done = project.documents.count(DocStatus.DONE)
        if done < max(1, options.min_docs):
            raise NotEnoughDocuments(done, max(1, options.min_docs))
        examples = take_snapshot(project, cancel=cancel)
        lang = options.lang or _majority_lang(examples, project)
    check()
    # A model is for one language: documents in another language stay out.
    examples = [e for e in examples if not e.lang or e.lang == lang]
    if len(examples) < max(1, options.min_docs):
        raise NotEnoughDocuments(len(examples), max(1, options.min_docs))

    by_id = {e.external_id: e for e in examples}
    train_ids, heldout_ids = split_documents(list(by_id), options.heldout_fraction)
    train_docs = [by_id[i] for i in train_ids]
    heldout_docs = [by_id[i] for i in heldout_ids]
    sentences: list[NerSentence] = []
    for ex in train_docs:
        sentences.extend(document_sentences(ex.text, ex.tokens, ex.sentences, ex.spans))
    labels = sorted({tag[2:] for s in sentences for _, tag in s if tag != "O"})
    if not labels:
        raise AnnotatorError(
            f"{project_path}: the {len(train_docs)} training documents have no accepted "
            "entities; accept some entities before training")
    n_tokens = sum(len(s) for s in sentences)
    hp = auto_hyperparameters(len(sentences), n_tokens, steps=options.steps,
                              hidden_dim=options.hidden_dim)
    pretrain_src: Path | None
    if options.pretrain == "none":
        pretrain_src = None
    elif options.pretrain == "auto":
        pretrain_src = find_pretrain(lang)
    else:
        pretrain_src = Path(options.pretrain)
        if not pretrain_src.is_file():
            raise AnnotatorError(f"{pretrain_src}: no such word-vector (pretrain) file")

    folder = models_dir(project_path)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / ".train.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise AnnotatorError(f"{folder}: another training of this project is running") from None
    try:
        _remove_stale_temp(folder)
        work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        try:
            report(0.03, f"training on {len(train_docs)} documents ({len(sentences)} sentences)")
            result = _run_stanza_training(work, lang, sentences, pretrain_src, hp, options,
                                          report, cancel)
            check()
            evaluation = None
            if heldout_docs:
                report(0.92, f"evaluating on {len(heldout_docs)} held-out documents")
                evaluation = _evaluate_model(work, lang, heldout_docs, cancel)
            check()
            report(0.98, "saving the model")
            created = datetime.now(UTC)
            weights = work / lang / "ner" / f"{PACKAGE}.pt"
            model_id = f"ner-{created:%Y%m%d-%H%M%S}-{_weights_hash(weights)[:10]}"
            meta = _meta(model_id, created, lang, labels, train_docs, heldout_docs, sentences,
                         n_tokens, hp, pretrain_src, result.seconds, evaluation, options,
                         project_path)
            meta["size_bytes"] = _dir_size(work)  # the model files
            _write_json(work / META_NAME, meta)
            if evaluation is not None:
                _write_json(work / EVALUATION_NAME, {"model": model_id, **evaluation.to_dict()})
            check()
            final = folder / model_id
            os.replace(work, final)  # atomic: the model appears complete or not at all
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        model = load_model(final)
        if options.activate:
            with Project(project_path, create=False) as project:
                use_model(project, model.path.name)
        _prune(folder, options.keep, keep_name=model.path.name, project_path=project_path)
    finally:
        lock.release()
    report(1.0, "done")
    return TrainReport(model=model, evaluation=evaluation,
                       seconds=time.monotonic() - started, size_bytes=int(meta["size_bytes"]),
                       train_documents=len(train_docs), heldout_documents=len(heldout_docs))


def _remove_stale_temp(folder: Path) -> None:
    """Leftovers of a crashed run (we hold the training lock, so none is in use)."""
    for child in folder.glob(".tmp-*"):
        shutil.rmtree(child, ignore_errors=True)


def _run_stanza_training(work: Path, lang: str, sentences: list[NerSentence],
                         pretrain_src: Path | None, hp: Hyperparameters, options: TrainOptions,
                         report: ProgressCallback, cancel: CancelFlag) -> Any:
    from annotator.core import stanza_training as st

    scratch = work / "scratch"
    scratch.mkdir()
    extra = ["--log_step", str(max(1, min(25, hp.max_steps // 40))),
             "--dropout", str(hp.dropout),
             "--max_steps_no_improve", str(max(hp.eval_interval * 4, hp.max_steps // 2))]
    if pretrain_src is None:
        pretrain_arg = scratch / "no-pretrain.pt"  # not read: --no_pretrain
        extra += ["--no_pretrain", "--word_emb_dim", str(hp.word_emb_dim)]
    else:
        pretrain_arg = pretrain_src

    def on_line(line: str) -> None:
        match = _STEP_RE.search(line)
        if match:
            step, total = int(match.group(1)), max(1, int(match.group(2)))
            report(0.05 + 0.85 * min(1.0, step / total), f"training: step {step} of {total}")

    runner: st.Runner = "inprocess" if getattr(sys, "frozen", False) else "subprocess"
    try:
        result = st.train_ner(
            sentences, pretrain_arg, scratch / "ner.pt", lang=lang,
            max_steps=hp.max_steps, eval_interval=hp.eval_interval, hidden_dim=hp.hidden_dim,
            char_hidden_dim=hp.char_hidden_dim, char_emb_dim=hp.char_emb_dim,
            batch_size=hp.batch_size, optim=hp.optim, lr=hp.lr, seed=options.seed,
            extra_args=extra, runner=runner, threads=options.threads, cancel=cancel,
            on_line=on_line)
    except st.TrainingCancelled:
        raise TrainingCancelled("training cancelled; the previous model stays in use") from None
    except st.TrainingError as exc:
        raise AnnotatorError(f"Stanza's NER trainer failed: {exc}") from None
    models = {"ner": result.path}
    if pretrain_src is not None:  # hard link in place (no copy) where the filesystem allows
        placed = work / lang / "pretrain" / f"{PACKAGE}.pt"
        _link_or_copy(pretrain_src, placed)
        models["pretrain"] = placed
    st.write_resources_layout(work, lang, PACKAGE, models)
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def _evaluate_model(work: Path, lang: str, heldout: Sequence[DocExample],
                    cancel: CancelFlag) -> Evaluation:
    model = ProjectModel(work, {"lang": lang, "package": PACKAGE, "id": "candidate"})
    tagger = NerTagger(model)
    gold: list[set[Span]] = []
    predicted: list[set[Span]] = []
    for ex in heldout:
        if cancel.is_set():
            raise TrainingCancelled("training cancelled; the previous model stays in use")
        gold.append(set(ex.spans))
        predicted.append(set(tagger.tag(ex.text, ex.base_tokens, ex.sentences)))
    return evaluate(gold, predicted)


def _meta(model_id: str, created: datetime, lang: str, labels: list[str],
          train_docs: Sequence[DocExample], heldout_docs: Sequence[DocExample],
          sentences: Sequence[NerSentence], n_tokens: int, hp: Hyperparameters,
          pretrain_src: Path | None, seconds: float, evaluation: Evaluation | None,
          options: TrainOptions, project_path: Path) -> dict[str, Any]:
    import stanza
    import torch

    return {
        "id": model_id,
        "kind": "stanza-ner",
        "created": created.isoformat(timespec="seconds"),
        "lang": lang,
        "package": PACKAGE,
        "labels": labels,
        "project": str(project_path),
        "data": {
            "train_documents": len(train_docs),
            "heldout_documents": len(heldout_docs),
            "train_sentences": len(sentences),
            "train_tokens": n_tokens,
            "train_entities": sum(len(d.spans) for d in train_docs),
            "heldout_entities": sum(len(d.spans) for d in heldout_docs),
            "split": (f"held out when sha256(external id) < {options.heldout_fraction} "
                      "of the hash range; at least one held out from 5 documents"),
            "heldout_ids": [d.external_id for d in heldout_docs],
        },
        "pretrain": str(pretrain_src) if pretrain_src else None,
        "hyperparameters": asdict(hp),
        "train_seconds": round(seconds, 1),
        "evaluation": evaluation.to_dict() if evaluation else None,
        "stanza_version": stanza.__version__,
        "torch_version": torch.__version__,
    }


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _prune(folder: Path, keep: int, *, keep_name: str, project_path: Path) -> None:
    """Remove the oldest models beyond ``keep``; never the new or the active one."""
    if keep <= 0:
        return
    active = None
    with contextlib.suppress(AnnotatorError), Project(project_path, create=False) as project:
        value = project.settings.get(MODEL_SETTING)
        active = Path(value).name if value and value != "none" else None
    models = list_models(project_path)
    for model in models[:-keep] if len(models) > keep else []:
        if model.path.name in (keep_name, active):
            continue
        shutil.rmtree(model.path, ignore_errors=True)


# --------------------------------------------------------------------------
# Closing the loop: the project model as the stanza-ner recognizer
# --------------------------------------------------------------------------

UNFINISHED = (DocStatus.NEW, DocStatus.IN_PROGRESS)


class ProjectNerRecognizer:
    """The ``stanza-ner`` recognizer backed by a project model.

    Its version is the model id (which holds a hash of the weights), so a new
    model is never blocked by the pre-annotation cache. Tags the document's
    own tokens, so every suggestion slices the text exactly. Stanza's NER
    gives no per-span probability: every suggestion gets :attr:`score`.
    """

    name = "stanza-ner"
    score = 0.8

    def __init__(self, model: ProjectModel) -> None:
        self.model = model
        self.version = model.version
        self._tagger: NerTagger | None = None

    def recognize(self, doc: Document) -> list[Suggestion]:
        if self._tagger is None:
            self._tagger = self.model.load()
        return [Suggestion(s, e, label, self.score)
                for s, e, label in self._tagger.tag(doc.text, doc.tokens, doc.sentences)]


def unfinished_ids(project: Project) -> list[int]:
    """Documents still to annotate (new, in progress), in id order."""
    return sorted(i for status in UNFINISHED for i in project.documents.ids(status))


def resuggest(project: Project, model: ProjectModel | None = None, *,
              progress: Callable[[int, int], None] | None = None,
              cancel: CancelFlag | None = None) -> RunReport:
    """Re-suggest entities with the project model in unfinished documents only.

    Goes through the pre-annotation runner, so human decisions (accepted,
    rejected, manual, imported or edited spans) are never touched and the
    previous model's still-suggested spans are replaced.
    """
    from annotator.core.recognizers.runner import preannotate

    model = model or active_model(project)
    if model is None:
        raise AnnotatorError(f"{project.path}: no trained model is in use (annotator train)")
    return preannotate(project, [ProjectNerRecognizer(model)], unfinished_ids(project),
                       progress=progress, cancel=cancel)
