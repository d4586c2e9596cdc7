"""Run Stanza's own NER trainer (``stanza.models.ner_tagger``) on the CPU.

Plain Python (no Qt): the window, the command line (``annotator train``) and the
tests share it. The trainer runs in a child process by default (``python -I -c
<runner> ...``). A child can be cancelled cleanly at any moment (a
:class:`~annotator.core.cancel.CancelFlag`, or Ctrl+C in the parent), does not
touch the parent's torch thread settings, random seeds or logging, and several
trainers can run in parallel. The child starts isolated (``-I``: neither the
current folder nor ``PYTHON*`` variables reach its ``sys.path``; it gets the
parent's own ``sys.path`` explicitly), so a ``torch.py`` in the folder
``annotator train`` runs from is never imported. ``runner="inprocess"`` calls
the trainer's ``main(args)`` directly instead (a frozen application has no
interpreter to start), honouring the cancel flag between optimisation steps.

Every trainer writes into a private temporary folder next to the output file;
the finished model is moved into place with :func:`os.replace`, so an
interrupted run never leaves a half-written ``.pt`` at the destination.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from annotator.core.cancel import CancelFlag, Cancelled
from annotator.core.langid import check_lang_code
from annotator.core.training.stanza_layout import DEFAULT_PACKAGE

Runner = Literal["subprocess", "inprocess"]
NerSentence = Sequence[tuple[str, str]]  # (token, BIO/BIOES tag)
LineCallback = Callable[[str], None] | None

# Executed by the isolated child: take the parent's module path (argv[1], JSON), limit
# torch threads, then run the trainer.
_CHILD_RUNNER = (
    "import sys, json\n"
    "sys.path[:] = json.loads(sys.argv[1])\n"
    "import torch\n"
    "torch.set_num_threads(int(sys.argv[2]))\n"
    "import importlib\n"
    "module = importlib.import_module(sys.argv[3])\n"
    "module.main(sys.argv[4:])\n"
)


class TrainingError(RuntimeError):
    """A Stanza trainer failed; ``log_tail`` holds the end of its output."""

    def __init__(self, message: str, log_tail: str = "") -> None:
        super().__init__(
            message + (f"\n--- trainer output (tail) ---\n{log_tail}" if log_tail else "")
        )
        self.log_tail = log_tail


@dataclass(frozen=True)
class TrainResult:
    """Outcome of one training run."""

    path: Path
    seconds: float
    size_bytes: int
    log_tail: str = ""


# --------------------------------------------------------------------------
# NER data
# --------------------------------------------------------------------------


def bio_to_bioes(tags: Sequence[str]) -> list[str]:
    """Convert BIO (or already BIOES) tags to BIOES."""
    out: list[str] = []
    for i, tag in enumerate(tags):
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        if tag == "O" or len(tag) < 3 or tag[1] != "-":
            out.append("O" if tag in ("O", "", "_") else tag)
            continue
        prefix, label = tag[0], tag[2:]
        continues = nxt in (f"I-{label}", f"E-{label}")
        if prefix in ("B", "S"):
            out.append(f"B-{label}" if continues else f"S-{label}")
        elif prefix in ("I", "E"):
            prev = out[-1] if out else "O"
            inside = prev[2:] == label and prev[0] in "BI"
            if not inside:
                out.append(f"B-{label}" if continues else f"S-{label}")
            else:
                out.append(f"I-{label}" if continues else f"E-{label}")
        else:
            raise ValueError(f"unknown tag {tag!r}")
    return out


def write_ner_json(sentences: Iterable[NerSentence], out: Path) -> None:
    """Write Stanza's NER training format: a JSON list of sentences of ``{"text", "ner"}``."""
    data = []
    for sent in sentences:
        if not sent:
            continue
        toks = [tok for tok, _ in sent]
        tags = bio_to_bioes([tag for _, tag in sent])
        data.append([{"text": tok, "ner": tag} for tok, tag in zip(toks, tags, strict=True)])
    if not data:
        raise ValueError("no NER sentences")
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --------------------------------------------------------------------------
# Running a trainer
# --------------------------------------------------------------------------


@contextlib.contextmanager
def work_dir(final: Path) -> Iterator[Path]:
    """A private scratch directory next to ``final`` (same filesystem), always removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".work", dir=final.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


@dataclass(frozen=True)
class RunOptions:
    runner: Runner = "subprocess"
    threads: int = 1
    cancel: CancelFlag | None = None
    on_line: LineCallback = None
    env: Mapping[str, str] | None = None
    log_lines: int = 80


def run_trainer(module: str, args: list[str], opts: RunOptions) -> str:
    """Run ``module.main(args)``; return the tail of its log output."""
    if opts.cancel is not None:
        opts.cancel.check(f"{module} cancelled")
    if opts.runner == "inprocess":
        return _run_inprocess(module, args, opts)
    return _run_subprocess(module, args, opts)


# The Trainer class whose ``update`` (one optimisation step) each entry point
# calls: wrapping it lets an in-process run honour ``cancel`` between steps.
_TRAINER_CLASSES = {
    "stanza.models.tokenizer": "stanza.models.tokenization.trainer",
    "stanza.models.tagger": "stanza.models.pos.trainer",
    "stanza.models.ner_tagger": "stanza.models.ner.trainer",
}
# In-process runs change process-wide state (torch threads, seeds, the
# Trainer class): one at a time.
_INPROCESS_LOCK = threading.Lock()


class _LineHandler(logging.Handler):
    def __init__(self, tail: deque[str], on_line: LineCallback) -> None:
        super().__init__(logging.DEBUG)
        self.tail = tail
        self.on_line = on_line
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            line = self.format(record)
            self.tail.append(line)
            if self.on_line is not None:
                self.on_line(line)


def _run_inprocess(module: str, args: list[str], opts: RunOptions) -> str:
    """Call ``module.main(args)`` in this process (no interpreter needed, e.g. frozen apps).

    ``cancel`` is checked before every optimisation step; log lines go to
    ``on_line`` like in a subprocess.  Restores torch's thread count and the
    ``stanza`` logger afterwards (Stanza's trainers set it to DEBUG).
    """
    import torch

    tail: deque[str] = deque(maxlen=opts.log_lines)
    with _INPROCESS_LOCK:
        trainer_cls = importlib.import_module(_TRAINER_CLASSES[module]).Trainer
        entry = importlib.import_module(module)
        stanza_logger = logging.getLogger("stanza")
        old_level, old_propagate = stanza_logger.level, stanza_logger.propagate
        handler = _LineHandler(tail, opts.on_line)
        stanza_logger.addHandler(handler)
        stanza_logger.setLevel(logging.INFO)
        original_update = trainer_cls.update
        cancel = opts.cancel

        def update(self: Any, *a: Any, **kw: Any) -> Any:
            if cancel is not None:
                cancel.check(f"{module} cancelled")
            return original_update(self, *a, **kw)

        old_threads = torch.get_num_threads()
        torch.set_num_threads(opts.threads)
        trainer_cls.update = update
        try:
            entry.main(args)
        except SystemExit as exc:  # argparse errors
            raise TrainingError(f"{module} exited with {exc.code}", "\n".join(tail)) from exc
        except (Cancelled, KeyboardInterrupt):
            raise
        except Exception as exc:
            raise TrainingError(f"{module} failed: {exc!r}", "\n".join(tail)) from exc
        finally:
            trainer_cls.update = original_update
            torch.set_num_threads(old_threads)
            stanza_logger.removeHandler(handler)
            stanza_logger.setLevel(old_level)
            stanza_logger.propagate = old_propagate
    return "\n".join(tail)


def _run_subprocess(module: str, args: list[str], opts: RunOptions) -> str:
    env = dict(os.environ if opts.env is None else opts.env)
    threads = str(opts.threads)
    env.update(
        OMP_NUM_THREADS=threads,
        MKL_NUM_THREADS=threads,
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        WANDB_MODE="disabled",
    )
    cmd = [sys.executable, "-I", "-c", _CHILD_RUNNER, json.dumps(_child_path()), threads,
           module, *args]
    tail: deque[str] = deque(maxlen=opts.log_lines)
    popen_kw: dict[str, Any] = {}
    if os.name == "posix":
        # Own process group: we decide when the child dies (no double SIGINT),
        # and we can kill the whole group.
        popen_kw["start_new_session"] = True
    elif os.name == "nt":  # pragma: no cover - Windows
        popen_kw["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
        encoding="utf-8",
        errors="replace",
        **popen_kw,
    )

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            tail.append(line)
            if opts.on_line is not None:
                with contextlib.suppress(Exception):
                    opts.on_line(line)

    reader = threading.Thread(target=pump, name=f"stanza-train-{module}", daemon=True)
    reader.start()
    try:
        while True:
            try:
                rc = proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if opts.cancel is not None and opts.cancel.is_set():
                    _stop(proc)
                    raise Cancelled(f"{module} cancelled") from None
    except BaseException:
        _stop(proc)
        raise
    finally:
        reader.join(timeout=5)
    log_tail = "\n".join(tail)
    if rc != 0:
        raise TrainingError(f"{module} failed with exit code {rc}", log_tail)
    return log_tail


def _child_path() -> list[str]:
    """This process's module path, as absolute folders, without the current folder.

    The child starts with ``-I`` (isolated), so this is how it finds torch and
    stanza wherever this process found them (a virtualenv, ``PYTHONPATH``);
    the current folder stays out, as it would for an installed program.
    """
    cwd = Path.cwd().resolve()
    path: list[str] = []
    for entry in sys.path:
        folder = Path(entry or ".").resolve()
        if folder != cwd and str(folder) not in path:
            path.append(str(folder))
    return path


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(proc.pid, 15)
        else:  # pragma: no cover
            proc.terminate()
        proc.wait(timeout=5)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            if os.name == "posix":
                os.killpg(proc.pid, 9)
            else:  # pragma: no cover
                proc.kill()
        proc.wait()


def finish(model: Path, out_pt: Path, started: float, log_tail: str) -> TrainResult:
    if not model.exists():
        raise TrainingError(f"trainer finished but wrote no model ({model.name})", log_tail)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    os.replace(model, out_pt)
    return TrainResult(out_pt, time.monotonic() - started, out_pt.stat().st_size, log_tail)


def split_dev(
    items: Sequence[Any], dev: Sequence[Any] | None, seed: int
) -> tuple[list[Any], list[Any]]:
    """Use ``dev`` if given, else hold out ~10% (min 1) of ``items``; never empty."""
    items = list(items)
    if not items:
        raise ValueError("no training data")
    if dev:
        return items, list(dev)
    if len(items) < 10:
        return items, items[:]
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    n_dev = max(1, len(items) // 10)
    return shuffled[n_dev:], shuffled[:n_dev]


# --------------------------------------------------------------------------
# The NER trainer
# --------------------------------------------------------------------------


def train_ner(
    ner_sentences: Sequence[NerSentence],
    pretrain_pt: Path,
    out_pt: Path,
    *,
    dev_sentences: Sequence[NerSentence] | None = None,
    lang: str = "id",
    max_steps: int = 400,
    eval_interval: int | None = None,
    hidden_dim: int = 32,
    char_hidden_dim: int = 32,
    char_emb_dim: int = 16,
    batch_size: int = 16,
    optim: str = "adam",
    lr: float = 0.01,
    seed: int = 1234,
    extra_args: Sequence[str] = (),
    runner: Runner = "subprocess",
    threads: int = 1,
    cancel: CancelFlag | None = None,
    on_line: LineCallback = None,
) -> TrainResult:
    """Train Stanza's NER tagger on ``(token, tag)`` sentences (BIO or BIOES tags).

    The word-embedding size is taken from the pretrain.  The resulting model
    must be loaded with the same pretrain (``ner_pretrain_path``).
    """
    check_lang_code(lang, "NER training")  # it names the model (--shorthand)
    train, dev = split_dev(ner_sentences, dev_sentences, seed)
    out_pt = Path(out_pt)
    started = time.monotonic()
    with work_dir(out_pt) as work:
        write_ner_json(train, work / "train.json")
        write_ner_json(dev, work / "dev.json")
        args = [
            "--mode", "train",
            "--train_file", str(work / "train.json"),
            "--eval_file", str(work / "dev.json"),
            "--wordvec_pretrain_file", str(pretrain_pt),
            "--shorthand", f"{lang}_{DEFAULT_PACKAGE}",
            "--save_dir", str(work),
            "--save_name", "model.pt",
            "--max_steps", str(max_steps),
            "--eval_interval", str(eval_interval or max(max_steps // 4, 1)),
            "--log_step", "50",
            "--batch_size", str(batch_size),
            "--hidden_dim", str(hidden_dim),
            "--char_hidden_dim", str(char_hidden_dim),
            "--char_emb_dim", str(char_emb_dim),
            "--optim", optim,
            "--lr", str(lr),
            "--seed", str(seed),
            "--cpu",
            *extra_args,
        ]  # fmt: skip
        log_tail = run_trainer("stanza.models.ner_tagger", args,
                               RunOptions(runner, threads, cancel, on_line))
        return finish(work / "model.pt", out_pt, started, log_tail)

