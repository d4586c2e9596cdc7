"""Train, evaluate, store and activate a project model (package steps 4 to 6)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.cancel import CancelFlag, Cancelled
from annotator.core.langid import check_lang_code
from annotator.core.model import AnnotatorError, DocStatus
from annotator.core.paths import stanza_dir
from annotator.core.store import Project
from annotator.core.training import stanza_runner
from annotator.core.training.dataset import (
    DEFAULT_HELDOUT_FRACTION,
    DEFAULT_MIN_DOCS,
    DocExample,
    NerSentence,
    NotEnoughDocuments,
    document_sentences,
    majority_lang,
    split_documents,
    take_snapshot,
)
from annotator.core.training.evaluate import Evaluation, Span, evaluate
from annotator.core.training.model import (
    EVALUATION_NAME,
    META_NAME,
    PACKAGE,
    NerTagger,
    ProjectModel,
    load_model,
    models_dir,
)
from annotator.core.training.registry import prune_models, use_model
from annotator.core.training.stanza_layout import write_resources_layout

ProgressCallback = Callable[[float, str], None]
CANCELLED = "training cancelled; the previous model stays in use"


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


def find_pretrain(lang: str, folder: Path | None = None) -> Path | None:
    """The language's Stanza word vectors under the Stanza folder, if installed.

    The one the default POS or NER package depends on (resources.json), else
    the first ``LANG/pretrain/*.pt`` by name.
    """
    folder = folder or stanza_dir()
    pre_dir = folder / check_lang_code(lang, "word vectors") / "pretrain"
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
    Raises :class:`NotEnoughDocuments`, :class:`~annotator.core.cancel.Cancelled` or
    :class:`AnnotatorError`; in every such case the models folder and the
    project's settings are as before.
    """
    from filelock import FileLock, Timeout

    options = options or TrainOptions()
    if cancel is None:
        cancel = CancelFlag()
    report = progress or (lambda _f, _m: None)
    project_path = Path(project_path).resolve()
    started = time.monotonic()

    def check() -> None:
        cancel.check(CANCELLED)

    report(0.0, "reading finished documents")
    with Project(project_path, create=False) as project:
        done = project.documents.count(DocStatus.DONE)
        if done < max(1, options.min_docs):
            raise NotEnoughDocuments(done, max(1, options.min_docs))
        examples = take_snapshot(project, cancel=cancel)
        lang = options.lang or majority_lang(examples, project)
    # The language becomes a folder name of the model: never a path of its own.
    check_lang_code(lang, f"{project_path}: the training language")
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
        prune_models(project_path, options.keep, keep_name=model.path.name)
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

    runner: stanza_runner.Runner = "inprocess" if getattr(sys, "frozen", False) else "subprocess"
    try:
        result = stanza_runner.train_ner(
            sentences, pretrain_arg, scratch / "ner.pt", lang=lang,
            max_steps=hp.max_steps, eval_interval=hp.eval_interval, hidden_dim=hp.hidden_dim,
            char_hidden_dim=hp.char_hidden_dim, char_emb_dim=hp.char_emb_dim,
            batch_size=hp.batch_size, optim=hp.optim, lr=hp.lr, seed=options.seed,
            extra_args=extra, runner=runner, threads=options.threads, cancel=cancel,
            on_line=on_line)
    except Cancelled:
        raise Cancelled(CANCELLED) from None
    except stanza_runner.TrainingError as exc:
        raise AnnotatorError(f"Stanza's NER trainer failed: {exc}") from None
    models = {"ner": result.path}
    if pretrain_src is not None:  # hard link in place (no copy) where the filesystem allows
        placed = work / lang / "pretrain" / f"{PACKAGE}.pt"
        _link_or_copy(pretrain_src, placed)
        models["pretrain"] = placed
    write_resources_layout(work, lang, PACKAGE, models)
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def _evaluate_model(work: Path, lang: str, heldout: Sequence[DocExample],
                    cancel: CancelFlag) -> Evaluation:
    model = ProjectModel(work, {"lang": lang, "package": PACKAGE, "id": "candidate"})
    tagger = NerTagger(model)
    gold: list[set[Span]] = []
    predicted: list[set[Span]] = []
    for ex in heldout:
        cancel.check(CANCELLED)
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

