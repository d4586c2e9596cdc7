"""Train small Stanza models with Stanza's own training entry points.

Everything here is plain Python (no Qt) so that the GUI, the command line
(``annotator train``) and the test-suite can share it.

Training runs Stanza's trainers (``stanza.models.tokenizer``,
``stanza.models.tagger``, ``stanza.models.ner_tagger``) in a child process by
default (``python -c <runner> MODULE ARGS...``).  A child process can be
cancelled cleanly at any moment (``cancel`` callback / ``threading.Event`` /
Ctrl+C in the parent), does not touch the parent's torch thread settings,
random seeds or logging configuration, and several trainers can run in
parallel.  ``runner="inprocess"`` calls the trainer's ``main(args)`` directly
instead (useful in a frozen application without a Python interpreter; it can
only be interrupted with Ctrl+C).

Every trainer writes into a private temporary directory next to the output
file; the finished model is moved into place with :func:`os.replace`, so an
interrupted run never leaves a half-written ``.pt`` at the destination.

Loading is always offline: :func:`load_pipeline` passes
``download_method=None`` and explicit model paths.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import random
import re
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
from typing import Any, Literal, Protocol

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_PACKAGE",
    "PROCESSOR_ORDER",
    "TokenizerParagraph",
    "TrainResult",
    "TrainingCancelled",
    "TrainingError",
    "bio_to_bioes",
    "load_pipeline",
    "paragraph_from_tokens",
    "pipeline_kwargs",
    "tokenizer_labels",
    "tokenizer_paragraphs_from_conllu",
    "train_ner",
    "train_pos",
    "train_tokenizer",
    "write_conllu",
    "write_ner_json",
    "write_pretrain",
    "write_resources_layout",
]

DEFAULT_PACKAGE = "tiny"
# Order in which processors are listed in resources.json / run in a pipeline.
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# Processors whose model was trained with (and must be loaded with) a pretrain.
PRETRAIN_USERS = ("pos", "lemma", "depparse", "ner", "sentiment", "constituency")

Runner = Literal["subprocess", "inprocess"]

# A blank line (possibly with other whitespace) separates paragraphs in the
# tokenizer's .txt/.label files (stanza.models.tokenization.data).
_PARAGRAPH_BREAK_RE = re.compile(r"\n[\s\u0080-\u009f]*\n")

# Executed by the child process: limit torch threads, then run the trainer.
_CHILD_RUNNER = (
    "import sys\n"
    "import torch\n"
    "torch.set_num_threads(int(sys.argv[1]))\n"
    "import importlib\n"
    "module = importlib.import_module(sys.argv[2])\n"
    "module.main(sys.argv[3:])\n"
)


class TrainingError(RuntimeError):
    """A Stanza trainer failed; ``log_tail`` holds the end of its output."""

    def __init__(self, message: str, log_tail: str = "") -> None:
        super().__init__(
            message + (f"\n--- trainer output (tail) ---\n{log_tail}" if log_tail else "")
        )
        self.log_tail = log_tail


class TrainingCancelled(Exception):
    """Training was cancelled on request; nothing was written to the output."""


class _CancelFlag(Protocol):
    def is_set(self) -> bool: ...


CancelCheck = Callable[[], bool] | _CancelFlag | None
LineCallback = Callable[[str], None] | None


@dataclass(frozen=True)
class TrainResult:
    """Outcome of one training run."""

    path: Path
    seconds: float
    size_bytes: int
    log_tail: str = ""


# --------------------------------------------------------------------------
# Word vectors -> Pretrain
# --------------------------------------------------------------------------


def _read_vector_text(path: Path) -> dict[str, list[float]]:
    """Read a word2vec/fastText style text file (optional ``N DIM`` header)."""
    vectors: dict[str, list[float]] = {}
    dim: int | None = None
    with path.open(encoding="utf-8") as fin:
        for line_no, line in enumerate(fin):
            pieces = line.rstrip().split()
            if not pieces:
                continue
            if line_no == 0 and len(pieces) == 2:
                with contextlib.suppress(ValueError):
                    dim = int(pieces[1])
                    continue
            if dim is None:
                dim = len(pieces) - 1
            word = "\xa0".join(pieces[:-dim])
            vectors[word] = [float(x) for x in pieces[-dim:]]
    return vectors


def write_pretrain(vectors: Mapping[str, Sequence[float]] | Path | str, out_pt: Path) -> Path:
    """Write a Stanza ``Pretrain`` file (``{"vocab": ..., "emb": ...}``) atomically.

    ``vectors`` is either a ``{word: vector}`` mapping or the path of a
    word2vec-style text file.  Row 0-3 of the embedding are Stanza's special
    tokens (``<PAD>``, ``<UNK>``, ``<EMPTY>``, ``<ROOT>``) and stay zero, as
    Stanza's own reader does.  The file is verified by loading it back.
    """
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    if isinstance(vectors, (str, Path)):
        vectors = _read_vector_text(Path(vectors))
    if not vectors:
        raise ValueError("no word vectors given")
    words: list[str] = []
    rows: list[Sequence[float]] = []
    dim = len(next(iter(vectors.values())))
    for word, vec in vectors.items():
        if len(vec) != dim:
            raise ValueError(f"vector for {word!r} has {len(vec)} dimensions, expected {dim}")
        if not word or word in VOCAB_PREFIX:
            continue
        words.append(word.replace(" ", "\xa0"))
        rows.append(vec)
    emb = torch.zeros((len(words) + len(VOCAB_PREFIX), dim), dtype=torch.float32)
    if rows:
        emb[len(VOCAB_PREFIX) :] = torch.tensor([list(r) for r in rows], dtype=torch.float32)
    vocab = PretrainedWordVocab(words)

    out_pt = Path(out_pt)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_path(out_pt) as tmp:
        # Same serialisation as Pretrain.save(), but errors are not swallowed.
        torch.save(
            {"vocab": vocab.state_dict(), "emb": emb}, tmp, _use_new_zipfile_serialization=False
        )
        check = Pretrain(str(tmp), save_to_file=False)
        if check.emb.shape != emb.shape:
            raise TrainingError(f"pretrain check failed for {tmp}")
    return out_pt


# --------------------------------------------------------------------------
# Tokenizer data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenizerParagraph:
    """One paragraph of raw text plus its gold segmentation.

    ``sentences`` holds, per sentence, the ``(start, end)`` character spans
    of its tokens in ``text`` (end exclusive, no whitespace inside spans is
    required but allowed).  Paragraphs must not contain blank lines.
    """

    text: str
    sentences: Sequence[Sequence[tuple[int, int]]]


def paragraph_from_tokens(sentences: Sequence[Sequence[tuple[str, str]]]) -> TokenizerParagraph:
    """Build a paragraph from ``(token, whitespace_after)`` pairs.

    Example: ``[[("Budi", " "), ("datang", ""), (".", " ")]]`` gives the text
    ``"Budi datang."`` with three token spans.
    """
    parts: list[str] = []
    pos = 0
    spans: list[list[tuple[int, int]]] = []
    for sent in sentences:
        sent_spans: list[tuple[int, int]] = []
        for token, space_after in sent:
            if not token:
                raise ValueError("empty token")
            parts.append(token)
            sent_spans.append((pos, pos + len(token)))
            pos += len(token)
            if space_after:
                parts.append(space_after)
                pos += len(space_after)
        if sent_spans:
            spans.append(sent_spans)
    return TokenizerParagraph("".join(parts).rstrip(), spans)


def tokenizer_labels(paragraph: TokenizerParagraph) -> str:
    """Stanza's per-character labels: 0 inside/space, 1 token end, 2 sentence end."""
    text = paragraph.text
    if _PARAGRAPH_BREAK_RE.search(text):
        raise ValueError("a tokenizer paragraph must not contain blank lines")
    labels = ["0"] * len(text)
    last_end = 0
    for sent in paragraph.sentences:
        for i, (start, end) in enumerate(sent):
            if not 0 <= start < end <= len(text) or start < last_end:
                raise ValueError(f"bad or overlapping token span {(start, end)} in {text!r}")
            last_end = end
            labels[end - 1] = "2" if i == len(sent) - 1 else "1"
    return "".join(labels)


def tokenizer_paragraphs_from_conllu(
    conllu: str, sentences_per_paragraph: int = 5
) -> list[TokenizerParagraph]:
    """Turn CoNLL-U text into tokenizer paragraphs, using ``SpaceAfter=No``.

    Multi-word tokens are kept as one surface token (no MWT training).
    ``# newpar`` starts a new paragraph; otherwise every
    ``sentences_per_paragraph`` sentences form one.
    """
    paragraphs: list[TokenizerParagraph] = []
    current: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    skip_until = 0

    def flush_paragraph() -> None:
        if current:
            paragraphs.append(paragraph_from_tokens(current))
            current.clear()

    for raw in [*conllu.splitlines(), ""]:
        line = raw.rstrip("\r\n")
        if line.startswith("#"):
            if line.startswith("# newpar") and not sentence:
                flush_paragraph()
            continue
        if not line.strip():
            if sentence:
                current.append(sentence)
                sentence = []
                skip_until = 0
                if len(current) >= sentences_per_paragraph:
                    flush_paragraph()
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            raise ValueError(f"not a CoNLL-U line: {line!r}")
        tok_id, form, misc = cols[0], cols[1], cols[9]
        if "." in tok_id:
            continue
        if "-" in tok_id:
            skip_until = int(tok_id.split("-")[1])
        elif int(tok_id) <= skip_until:
            continue
        space = "" if "SpaceAfter=No" in misc.split("|") else " "
        sentence.append((form, space))
    flush_paragraph()
    return paragraphs


def _write_tokenizer_files(
    paragraphs: Sequence[TokenizerParagraph], txt: Path, labels: Path
) -> None:
    texts: list[str] = []
    label_strs: list[str] = []
    for para in paragraphs:
        text = para.text.rstrip()
        lab = tokenizer_labels(TokenizerParagraph(text, para.sentences))
        if not text:
            continue
        texts.append(text)
        label_strs.append(lab)
    if not texts:
        raise ValueError("no tokenizer training text")
    txt.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    labels.write_text("\n\n".join(label_strs) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# POS / NER data
# --------------------------------------------------------------------------

PosSentence = Sequence[tuple[str, str]]  # (form, UPOS)
NerSentence = Sequence[tuple[str, str]]  # (token, BIO/BIOES tag)


def write_conllu(sentences: Iterable[PosSentence], out: Path) -> None:
    """Write ``(form, UPOS)`` sentences as minimal, valid CoNLL-U.

    HEAD/DEPREL get a trivial valid tree (first word is the root) because
    Stanza's UD scorer reads those columns.
    """
    lines: list[str] = []
    for n, sent in enumerate(sentences, 1):
        if not sent:
            continue
        lines.append(f"# sent_id = {n}")
        lines.append("# text = " + " ".join(form for form, _ in sent))
        for i, (form, upos) in enumerate(sent, 1):
            if not form or any(c in form for c in "\t\n"):
                raise ValueError(f"bad form {form!r}")
            head, deprel = ("0", "root") if i == 1 else ("1", "dep")
            lines.append(f"{i}\t{form}\t_\t{upos}\t_\t_\t{head}\t{deprel}\t_\t_")
        lines.append("")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


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
def _atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temp path next to ``final``; on success move it into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _make_readable(tmp)
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _make_readable(path: Path) -> None:
    """mkstemp creates 0600 files; give finished files ordinary 0644 permissions."""
    with contextlib.suppress(OSError):
        path.chmod(0o644)


@contextlib.contextmanager
def _work_dir(final: Path) -> Iterator[Path]:
    """A private scratch directory next to ``final`` (same filesystem), always removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".work", dir=final.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _is_cancelled(cancel: CancelCheck) -> bool:
    if cancel is None:
        return False
    if callable(cancel):
        return bool(cancel())
    return cancel.is_set()


@dataclass(frozen=True)
class _RunOptions:
    runner: Runner = "subprocess"
    threads: int = 1
    cancel: CancelCheck = None
    on_line: LineCallback = None
    env: Mapping[str, str] | None = None
    log_lines: int = 80


def _run_trainer(module: str, args: list[str], opts: _RunOptions) -> str:
    """Run ``module.main(args)``; return the tail of its log output."""
    if _is_cancelled(opts.cancel):
        raise TrainingCancelled(module)
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


def _run_inprocess(module: str, args: list[str], opts: _RunOptions) -> str:
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
            if _is_cancelled(cancel):
                raise TrainingCancelled(module)
            return original_update(self, *a, **kw)

        old_threads = torch.get_num_threads()
        torch.set_num_threads(opts.threads)
        trainer_cls.update = update
        try:
            entry.main(args)
        except SystemExit as exc:  # argparse errors
            raise TrainingError(f"{module} exited with {exc.code}", "\n".join(tail)) from exc
        except (TrainingCancelled, KeyboardInterrupt):
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


def _run_subprocess(module: str, args: list[str], opts: _RunOptions) -> str:
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
    cmd = [sys.executable, "-c", _CHILD_RUNNER, threads, module, *args]
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
                if _is_cancelled(opts.cancel):
                    _stop(proc)
                    raise TrainingCancelled(module) from None
    except BaseException:
        _stop(proc)
        raise
    finally:
        reader.join(timeout=5)
    log_tail = "\n".join(tail)
    if rc != 0:
        raise TrainingError(f"{module} failed with exit code {rc}", log_tail)
    return log_tail


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


def _finish(model: Path, out_pt: Path, started: float, log_tail: str) -> TrainResult:
    if not model.exists():
        raise TrainingError(f"trainer finished but wrote no model ({model.name})", log_tail)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    os.replace(model, out_pt)
    return TrainResult(out_pt, time.monotonic() - started, out_pt.stat().st_size, log_tail)


def _split_dev(
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


def _common_opts(
    runner: Runner, threads: int, cancel: CancelCheck, on_line: LineCallback
) -> _RunOptions:
    return _RunOptions(runner=runner, threads=threads, cancel=cancel, on_line=on_line)


# --------------------------------------------------------------------------
# Public trainers
# --------------------------------------------------------------------------


def train_tokenizer(
    paragraphs: Sequence[TokenizerParagraph] | str,
    out_pt: Path,
    *,
    lang: str = "id",
    dev_paragraphs: Sequence[TokenizerParagraph] | None = None,
    steps: int = 600,
    eval_steps: int | None = None,
    hidden_dim: int = 32,
    emb_dim: int = 16,
    conv_filters: str = "1,5",
    batch_size: int = 16,
    max_seqlen: int = 100,
    seed: int = 1234,
    extra_args: Sequence[str] = (),
    runner: Runner = "subprocess",
    threads: int = 1,
    cancel: CancelCheck = None,
    on_line: LineCallback = None,
) -> TrainResult:
    """Train Stanza's character-level tokenizer + sentence splitter.

    ``paragraphs`` are :class:`TokenizerParagraph` objects or CoNLL-U text.
    No MWT layer is trained (``--mwt_json_file`` points at ``[]``).
    """
    if isinstance(paragraphs, str):
        paragraphs = tokenizer_paragraphs_from_conllu(paragraphs)
    train, dev = _split_dev(paragraphs, dev_paragraphs, seed)
    out_pt = Path(out_pt)
    started = time.monotonic()
    with _work_dir(out_pt) as work:
        _write_tokenizer_files(train, work / "train.txt", work / "train.labels")
        _write_tokenizer_files(dev, work / "dev.txt", work / "dev.labels")
        (work / "mwt.json").write_text("[]", encoding="utf-8")
        args = [
            "--mode", "train",
            "--txt_file", str(work / "train.txt"),
            "--label_file", str(work / "train.labels"),
            "--dev_txt_file", str(work / "dev.txt"),
            "--dev_label_file", str(work / "dev.labels"),
            "--mwt_json_file", str(work / "mwt.json"),
            "--no_use_mwt",
            "--lang", lang,
            "--shorthand", f"{lang}_{DEFAULT_PACKAGE}",
            "--save_dir", str(work),
            "--save_name", "model.pt",
            "--steps", str(steps),
            "--eval_steps", str(eval_steps or max(steps // 3, 1)),
            "--report_steps", "50",
            "--hidden_dim", str(hidden_dim),
            "--emb_dim", str(emb_dim),
            "--conv_filters", conv_filters,
            "--batch_size", str(batch_size),
            "--max_seqlen", str(max_seqlen),
            "--seed", str(seed),
            "--cpu",
            *extra_args,
        ]  # fmt: skip
        log_tail = _run_trainer(
            "stanza.models.tokenizer", args, _common_opts(runner, threads, cancel, on_line)
        )
        return _finish(work / "model.pt", out_pt, started, log_tail)


def train_pos(
    sentences: Sequence[PosSentence] | str,
    pretrain_pt: Path,
    out_pt: Path,
    *,
    lang: str = "id",
    dev_sentences: Sequence[PosSentence] | str | None = None,
    max_steps: int = 300,
    eval_interval: int | None = None,
    hidden_dim: int = 32,
    char_hidden_dim: int = 32,
    char_emb_dim: int = 16,
    word_emb_dim: int = 16,
    batch_size: int = 32,
    seed: int = 1234,
    extra_args: Sequence[str] = (),
    runner: Runner = "subprocess",
    threads: int = 1,
    cancel: CancelCheck = None,
    on_line: LineCallback = None,
) -> TrainResult:
    """Train Stanza's POS tagger (UPOS only) on ``(form, UPOS)`` sentences or CoNLL-U text."""
    out_pt = Path(out_pt)
    started = time.monotonic()
    with _work_dir(out_pt) as work:
        train_file, dev_file = work / "train.conllu", work / "dev.conllu"
        if isinstance(sentences, str):
            train_file.write_text(sentences, encoding="utf-8")
            if dev_sentences is None:
                dev_file.write_text(sentences, encoding="utf-8")
        else:
            train, dev = _split_dev(
                sentences, dev_sentences if not isinstance(dev_sentences, str) else None, seed
            )
            write_conllu(train, train_file)
            if not isinstance(dev_sentences, str):
                write_conllu(dev, dev_file)
        if isinstance(dev_sentences, str):
            dev_file.write_text(dev_sentences, encoding="utf-8")
        args = [
            "--mode", "train",
            "--train_file", str(train_file),
            "--eval_file", str(dev_file),
            "--output_file", str(work / "dev.pred.conllu"),
            "--wordvec_pretrain_file", str(pretrain_pt),
            "--lang", lang,
            "--shorthand", f"{lang}_{DEFAULT_PACKAGE}",
            "--save_dir", str(work),
            "--save_name", "model.pt",
            "--max_steps", str(max_steps),
            "--eval_interval", str(eval_interval or max(max_steps // 3, 1)),
            "--fix_eval_interval",
            "--log_step", "50",
            "--batch_size", str(batch_size),
            "--hidden_dim", str(hidden_dim),
            "--char_hidden_dim", str(char_hidden_dim),
            "--char_emb_dim", str(char_emb_dim),
            "--word_emb_dim", str(word_emb_dim),
            "--deep_biaff_hidden_dim", str(hidden_dim),
            "--composite_deep_biaff_hidden_dim", str(max(hidden_dim // 2, 8)),
            "--tag_emb_dim", "8",
            "--transformed_dim", str(word_emb_dim),
            "--num_layers", "1",
            "--seed", str(seed),
            "--cpu",
            *extra_args,
        ]  # fmt: skip
        log_tail = _run_trainer(
            "stanza.models.tagger", args, _common_opts(runner, threads, cancel, on_line)
        )
        return _finish(work / "model.pt", out_pt, started, log_tail)


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
    cancel: CancelCheck = None,
    on_line: LineCallback = None,
) -> TrainResult:
    """Train Stanza's NER tagger on ``(token, tag)`` sentences (BIO or BIOES tags).

    The word-embedding size is taken from the pretrain.  The resulting model
    must be loaded with the same pretrain (``ner_pretrain_path``).
    """
    train, dev = _split_dev(ner_sentences, dev_sentences, seed)
    out_pt = Path(out_pt)
    started = time.monotonic()
    with _work_dir(out_pt) as work:
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
        log_tail = _run_trainer(
            "stanza.models.ner_tagger", args, _common_opts(runner, threads, cancel, on_line)
        )
        return _finish(work / "model.pt", out_pt, started, log_tail)


# --------------------------------------------------------------------------
# Resources layout and loading
# --------------------------------------------------------------------------


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as fin:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _uses_pretrain(model: Path) -> bool | None:
    """Whether a Stanza model was trained with a pretrain (saved ``config``); None if unknown."""
    import torch

    try:
        data = torch.load(model, map_location="cpu", weights_only=True)
        return bool(data["config"].get("pretrain"))
    except Exception:
        return None


def _lang_name(lang: str) -> str:
    with contextlib.suppress(Exception):
        from stanza.models.common.constant import lcode2lang

        return str(lcode2lang.get(lang, lang))
    return lang


def write_resources_layout(
    root: Path,
    lang: str,
    package: str,
    models: Mapping[str, Path],
    *,
    make_default: bool = True,
) -> Path:
    """Copy models to ``root/LANG/PROCESSOR/PACKAGE.pt``; register them in ``root/resources.json``.

    ``models`` maps processor names (``tokenize``, ``pos``, ``ner``,
    ``pretrain``...) to model files.  The resources.json entry mirrors what
    ``stanza.download`` writes (``md5``, ``dependencies`` on the pretrain,
    ``packages`` with ``default`` and ``PACKAGE``), so that
    ``stanza.Pipeline(lang, dir=root, package=PACKAGE, download_method=None)``
    finds everything by itself.  An existing resources.json is merged, not
    replaced.  Every file is written atomically.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for processor, src in models.items():
        dest = root / lang / processor / f"{package}.pt"
        if Path(src).resolve() != dest.resolve():
            with _atomic_path(dest) as tmp:
                shutil.copyfile(src, tmp)

    res_file = root / "resources.json"
    resources: dict[str, Any] = {}
    if res_file.exists():
        with contextlib.suppress(ValueError):
            loaded = json.loads(res_file.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                resources = loaded
    # stanza.download's resources.json has a download "url"; a local file URL
    # keeps download_method="reuse_resources" working offline (nothing is
    # fetched while every md5 matches) without ever pointing at the network.
    resources.setdefault("url", root.resolve().as_uri() + "/{lang}/{filename}")
    lang_res: dict[str, Any] = resources.setdefault(lang, {})
    lang_res.setdefault("lang_name", _lang_name(lang))
    has_pretrain = (root / lang / "pretrain" / f"{package}.pt").exists()
    for processor in models:
        dest = root / lang / processor / f"{package}.pt"
        entry: dict[str, Any] = {"md5": _md5(dest)}
        if processor in PRETRAIN_USERS:
            needs = _uses_pretrain(dest)
            if needs and not has_pretrain:
                raise ValueError(
                    f"the {processor} model was trained with word vectors: "
                    f"also give models['pretrain'] (or put it at {root / lang / 'pretrain'})"
                )
            if needs or (needs is None and has_pretrain):
                entry["dependencies"] = [{"model": "pretrain", "package": package}]
        lang_res.setdefault(processor, {})[package] = entry
    pipeline_procs = [p for p in PROCESSOR_ORDER if p in models]
    packages = lang_res.setdefault("packages", {})
    pkg_entry: dict[str, Any] = packages.setdefault(package, {})
    pkg_entry.update({p: package for p in pipeline_procs})
    if make_default:
        default: dict[str, Any] = packages.setdefault("default", {})
        default.update({p: package for p in pipeline_procs})
        lang_res["default_processors"] = dict(default)
    with _atomic_path(res_file) as tmp:
        tmp.write_text(json.dumps(resources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return res_file


def pipeline_kwargs(
    root: Path,
    lang: str,
    package: str = DEFAULT_PACKAGE,
    processors: str | Sequence[str] = "tokenize,pos,ner",
) -> dict[str, Any]:
    """Explicit offline ``stanza.Pipeline`` kwargs for a :func:`write_resources_layout` folder.

    Includes ``*_model_path`` and, for processors whose model was trained
    with word vectors (per resources.json, else the model's saved config),
    ``*_pretrain_path``: always pass it, since an NER model trained with a
    pretrain also loads without one but then gives random entities.
    """
    root = Path(root)
    procs = (
        [p.strip() for p in processors.split(",")]
        if isinstance(processors, str)
        else list(processors)
    )
    pretrain = root / lang / "pretrain" / f"{package}.pt"
    kwargs: dict[str, Any] = {
        "lang": lang,
        "dir": str(root),
        "processors": ",".join(procs),
        "package": package,
        "download_method": None,
        "allow_unknown_language": True,
    }
    lang_res: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError, AttributeError):
        lang_res = json.loads((root / "resources.json").read_text(encoding="utf-8")).get(lang, {})
    for proc in procs:
        model = root / lang / proc / f"{package}.pt"
        if not model.exists():
            raise FileNotFoundError(f"no {proc} model at {model}")
        kwargs[f"{proc}_model_path"] = str(model)
        if proc not in PRETRAIN_USERS or not pretrain.exists():
            continue
        entry = lang_res.get(proc, {}).get(package)
        if isinstance(entry, dict):
            deps = entry.get("dependencies") or []
            needs = any(d.get("model") == "pretrain" for d in deps)
        else:
            needs = _uses_pretrain(model) is not False
        if needs:
            kwargs[f"{proc}_pretrain_path"] = str(pretrain)
    return kwargs


def load_pipeline(
    root: Path,
    lang: str,
    processors: str | Sequence[str] = "tokenize,pos,ner",
    *,
    package: str = DEFAULT_PACKAGE,
    **overrides: Any,
) -> Any:
    """Build an offline ``stanza.Pipeline`` (``download_method=None``, explicit paths, CPU)."""
    import stanza

    kwargs = pipeline_kwargs(root, lang, package, processors)
    kwargs.setdefault("use_gpu", False)
    kwargs.setdefault("logging_level", "WARN")
    kwargs.update(overrides)
    kwargs["download_method"] = None
    return stanza.Pipeline(**kwargs)
