"""Real tiny Stanza models: trained locally, laid out like stanza.download, loaded offline."""

from __future__ import annotations

import json
import random
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.cancel import CancelFlag, Cancelled
from annotator.core.training import stanza_layout as layout
from annotator.core.training import stanza_runner as st

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(_REPO))

from tests.fixtures import stanza_trainers as trainers  # noqa: E402
from tests.fixtures import tiny_stanza as ts  # noqa: E402

LANG = "id"
MAX_MODEL_BYTES = 1_000_000


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_models() -> Path:
    """Build once per machine (cached under .cache/tiny-stanza, keyed by code hash)."""
    import torch

    torch.set_num_threads(1)
    return ts.build_tiny_models(ts.default_cache_dir(), LANG)


@pytest.fixture(scope="session")
def nlp(tiny_models: Path) -> Any:
    return trainers.load_pipeline(tiny_models, LANG)


def _heldout_sentence(
    template: str, seed: int
) -> tuple[str, list[ts.Token], list[tuple[int, int]]]:
    tokens = ts.make_sentence(template, random.Random(seed), ts.HELDOUT_FILLERS)
    text, spans = ts.render([tokens])
    return text, tokens, spans[0]


def _entity_spans(
    tokens: list[ts.Token], spans: list[tuple[int, int]], label: str
) -> set[tuple[int, int]]:
    """Gold character spans of the ``label`` entities (from the BIO tags)."""
    out: set[tuple[int, int]] = set()
    current: tuple[int, int] | None = None
    for (_, _, tag), (a, b) in zip(tokens, spans, strict=True):
        if tag == f"I-{label}" and current is not None:
            current = (current[0], b)
            continue
        if current is not None:
            out.add(current)
        current = (a, b) if tag == f"B-{label}" else None
    if current is not None:
        out.add(current)
    return out


def _snapshot(doc: Any) -> list[Any]:
    return [
        [(t.text, t.start_char, t.end_char, t.ner, [w.upos for w in t.words]) for t in s.tokens]
        for s in doc.sentences
    ] + [[(e.text, e.type, e.start_char, e.end_char) for e in doc.ents]]


# --------------------------------------------------------------------------
# Fast unit tests (no training)
# --------------------------------------------------------------------------


def test_bio_to_bioes() -> None:
    assert st.bio_to_bioes(["B-PER", "I-PER", "O", "B-LOC", "I-ORG", "O"]) == [
        "B-PER", "E-PER", "O", "S-LOC", "S-ORG", "O",
    ]  # fmt: skip
    assert st.bio_to_bioes(["B-PER", "I-PER", "I-PER"]) == ["B-PER", "I-PER", "E-PER"]
    assert st.bio_to_bioes(["S-PER", "B-LOC", "E-LOC"]) == ["S-PER", "B-LOC", "E-LOC"]


def test_tokenizer_labels_from_tokens() -> None:
    para = trainers.paragraph_from_tokens(
        [[("Budi", " "), ("datang", ""), (".", " ")], [("Ia", " "), ("senang", ""), ("!", " ")]]
    )
    assert para.text == "Budi datang. Ia senang!"
    assert trainers.tokenizer_labels(para) == "00010000001200100000012"
    with pytest.raises(ValueError):
        trainers.tokenizer_labels(trainers.TokenizerParagraph("a\n\nb", [[(0, 1)], [(3, 4)]]))


def test_tokenizer_paragraphs_from_conllu() -> None:
    conllu = (
        "# newpar\n"
        "1\tBudi\t_\tPROPN\t_\t_\t0\troot\t_\t_\n"
        "2\tdatang\t_\tVERB\t_\t_\t1\tdep\t_\tSpaceAfter=No\n"
        "3\t.\t_\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n"
    )
    (para,) = trainers.tokenizer_paragraphs_from_conllu(conllu)
    assert para.text == "Budi datang."
    assert [list(s) for s in para.sentences] == [[(0, 4), (5, 11), (11, 12)]]


def test_write_pretrain_roundtrip(tmp_path: Path) -> None:
    from stanza.models.common.pretrain import Pretrain

    vectors = {"budi": [1.0, 2.0], "jakarta": [3.0, 4.0]}
    out = trainers.write_pretrain(vectors, tmp_path / "p" / "x.pt")
    pt = Pretrain(str(out), save_to_file=False)
    assert pt.emb.shape == (6, 2)  # 4 special rows + 2 words
    assert pt.emb[pt.vocab.unit2id("jakarta")].tolist() == [3.0, 4.0]
    assert list(out.parent.iterdir()) == [out]  # no temp files left

    vec_file = tmp_path / "vec.txt"
    vec_file.write_text("2 3\nsatu 1 0 0\ndua 0 1 0\n", encoding="utf-8")
    pt2 = Pretrain(str(trainers.write_pretrain(vec_file, tmp_path / "y.pt")), save_to_file=False)
    assert pt2.emb.shape == (6, 3)


def test_write_resources_layout_merges(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("tok", "pre", "ner"):
        (src / f"{name}.pt").write_bytes(name.encode())
    root = tmp_path / "res"
    root.mkdir()
    (root / "resources.json").write_text(json.dumps({"en": {"lang_name": "English"}}))
    layout.write_resources_layout(
        root, "id", "tiny", {"tokenize": src / "tok.pt", "pretrain": src / "pre.pt"}
    )
    layout.write_resources_layout(root, "id", "tiny", {"ner": src / "ner.pt"})
    res = json.loads((root / "resources.json").read_text())
    assert res["en"] == {"lang_name": "English"}
    assert set(res["id"]["packages"]["default"]) == {"tokenize", "ner"}
    assert res["id"]["ner"]["tiny"]["dependencies"] == [{"model": "pretrain", "package": "tiny"}]
    assert "dependencies" not in res["id"]["tokenize"]["tiny"]
    assert (root / "id" / "ner" / "tiny.pt").read_bytes() == b"ner"
    kw = trainers.pipeline_kwargs(root, "id", processors="tokenize,ner")
    assert kw["ner_pretrain_path"] == str(root / "id" / "pretrain" / "tiny.pt")
    assert kw["download_method"] is None
    with pytest.raises(FileNotFoundError):
        trainers.pipeline_kwargs(root, "id", processors="tokenize,pos")


# --------------------------------------------------------------------------
# Training control: cancellation and failures leave nothing behind
# --------------------------------------------------------------------------


def _ner_data() -> list[list[tuple[str, str]]]:
    rng = random.Random(1)
    return [[(t, n) for t, _, n in ts.make_sentence(tpl, rng)] for tpl in ts.TEMPLATES * 3]


@pytest.mark.slow
def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    pretrain = trainers.write_pretrain(ts.made_up_vectors(), tmp_path / "pretrain.pt")
    out = tmp_path / "out" / "ner.pt"
    cancel = CancelFlag()
    lines: list[str] = []

    def on_line(line: str) -> None:
        lines.append(line)
        if "step" in line:  # training is running: cancel now
            cancel.set()

    timer = threading.Timer(20, cancel.set)  # safety net
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(Cancelled):
            st.train_ner(
                _ner_data(), pretrain, out, max_steps=100_000, cancel=cancel, on_line=on_line
            )
    finally:
        timer.cancel()
    assert time.monotonic() - started < 30
    assert lines
    assert not out.exists()
    assert list(out.parent.iterdir()) == []  # the scratch dir is gone too


_CTRL_C_SCRIPT = """
import os, signal, sys
from pathlib import Path
from annotator.core.training import stanza_runner as st
from tests.fixtures import stanza_trainers as trainers
from tests.fixtures import tiny_stanza as ts
out = Path(sys.argv[1])
pretrain = trainers.write_pretrain(ts.made_up_vectors(), out.parent / "pretrain.pt")
data = [[(t, n) for t, _, n in ts.make_sentence(tpl, ts.random.Random(1))] for tpl in ts.TEMPLATES]
def on_line(line):
    if "step " in line:
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl+C in a terminal does
try:
    st.train_ner(data, pretrain, out, max_steps=100000, on_line=on_line)
except KeyboardInterrupt:
    pretrain.unlink()
    sys.exit(42)
sys.exit(0)
"""


@pytest.mark.slow
def test_ctrl_c_kills_trainer_and_leaves_nothing(tmp_path: Path) -> None:
    import os
    import subprocess

    out = tmp_path / "ner.pt"
    env = {**os.environ, "PYTHONPATH": str(_REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", _CTRL_C_SCRIPT, str(out)],
        env=env, cwd=_REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 42, proc.stderr[-2000:]
    assert list(tmp_path.iterdir()) == []  # no model, no scratch dir
    proc_dir = Path("/proc")
    if proc_dir.is_dir():  # the trainer child process is gone too
        for cmdline in proc_dir.glob("[0-9]*/cmdline"):
            try:
                assert str(tmp_path) not in cmdline.read_bytes().decode(errors="replace")
            except OSError:
                continue


@pytest.mark.slow
def test_trainer_child_never_imports_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`annotator train` run from a folder holding a torch.py must not execute it."""
    import torch  # noqa: F401 - this process has its torch before the folder changes

    folder = tmp_path / "downloads"
    folder.mkdir()
    marker = tmp_path / "torch.py-ran"
    (folder / "torch.py").write_text(
        f"open({str(marker)!r}, 'w').write('executed')\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    out = tmp_path / "out" / "ner.pt"
    res = st.train_ner(
        _ner_data()[:20], tmp_path / "unused.pt", out, max_steps=2, eval_interval=2,
        extra_args=["--no_pretrain", "--word_emb_dim", "8"],
    )  # fmt: skip
    assert not marker.exists()
    assert res.path == out and out.is_file()


@pytest.mark.slow
def test_trainer_failure_raises_with_log(tmp_path: Path) -> None:
    out = tmp_path / "ner.pt"
    with pytest.raises(st.TrainingError) as info:
        st.train_ner(_ner_data(), tmp_path / "missing-pretrain.pt", out, max_steps=5)
    assert "missing-pretrain" in info.value.log_tail
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_inprocess_runner_without_pretrain(tmp_path: Path) -> None:
    """The in-process runner (frozen apps) trains, logs, and lays out a no-pretrain model."""
    lines: list[str] = []
    res = st.train_ner(
        _ner_data(), tmp_path / "unused.pt", tmp_path / "ner.pt", max_steps=20,
        eval_interval=20, runner="inprocess", on_line=lines.append,
        extra_args=["--no_pretrain", "--word_emb_dim", "8", "--log_step", "5"],
    )  # fmt: skip
    assert res.path.is_file() and res.size_bytes < MAX_MODEL_BYTES
    assert any("step 20/20" in line for line in lines)
    root = tmp_path / "res"
    layout.write_resources_layout(root, LANG, "nopre", {"ner": res.path})
    entry = json.loads((root / "resources.json").read_text())[LANG]["ner"]["nopre"]
    assert "dependencies" not in entry
    with pytest.raises(ValueError, match="word vectors"):
        pretrained = tmp_path / "with-pretrain"
        layout.write_resources_layout(
            pretrained, LANG, "x", {"ner": _trained_with_pretrain(tmp_path)})
    kw = trainers.pipeline_kwargs(root, LANG, "nopre", processors="ner")
    assert "ner_pretrain_path" not in kw


def _trained_with_pretrain(tmp_path: Path) -> Path:
    pretrain = trainers.write_pretrain(ts.made_up_vectors(), tmp_path / "pretrain.pt")
    return st.train_ner(
        _ner_data(), pretrain, tmp_path / "ner-pre.pt", max_steps=5, eval_interval=5,
        runner="inprocess",
    ).path  # fmt: skip


@pytest.mark.slow
def test_inprocess_cancel(tmp_path: Path) -> None:
    cancel = CancelFlag()
    out = tmp_path / "out" / "ner.pt"

    def on_line(line: str) -> None:
        if "step 10/" in line:
            cancel.set()

    with pytest.raises(Cancelled):
        st.train_ner(
            _ner_data(), tmp_path / "unused.pt", out, max_steps=100_000, runner="inprocess",
            cancel=cancel, on_line=on_line,
            extra_args=["--no_pretrain", "--word_emb_dim", "8", "--log_step", "5"],
        )  # fmt: skip
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


# --------------------------------------------------------------------------
# The tiny models
# --------------------------------------------------------------------------


@pytest.mark.slow
def test_layout_and_sizes(tiny_models: Path) -> None:
    res = json.loads((tiny_models / "resources.json").read_text(encoding="utf-8"))
    assert res[LANG]["packages"]["default"] == {"tokenize": "tiny", "pos": "tiny", "ner": "tiny"}
    for proc in ("tokenize", "pos", "ner", "pretrain"):
        model = tiny_models / LANG / proc / "tiny.pt"
        assert model.is_file(), model
        assert 0 < model.stat().st_size < MAX_MODEL_BYTES, (proc, model.stat().st_size)
    assert ts.is_built(tiny_models, LANG)


@pytest.mark.slow
def test_offsets_slice_original_text(nlp: Any) -> None:
    texts = [
        "Budi makan 😀 di Jakarta. Wulan Tanjung bertemu Arif di Cirebon pada 3 Mei 2022. "
        "Ia senang!",
        "Acara itu sangat ramai 😀 Cuaca di Kendari cerah.",
        "  Menurut Bank Abadi, harga beras di Ternate akan naik.\nMereka akan kembali ke Medan.",
    ]
    for text in texts:
        doc = nlp(text)
        assert len(doc.sentences) >= 2, [s.text for s in doc.sentences]
        for sent in doc.sentences:
            for tok in sent.tokens:
                assert text[tok.start_char : tok.end_char] == tok.text, (tok.text, tok.start_char)
        for ent in doc.ents:
            assert text[ent.start_char : ent.end_char] == ent.text
    doc = nlp(texts[0])
    tokens = [t.text for s in doc.sentences for t in s.tokens]
    assert "😀" in tokens
    assert tokens[:6] == ["Budi", "makan", "😀", "di", "Jakarta", "."]


@pytest.mark.slow
def test_finds_person_with_exact_offsets(nlp: Any) -> None:
    text = "Wulan Tanjung bertemu Arif di Cirebon pada 3 Mei 2022."
    doc = nlp(text)
    pers = {(e.start_char, e.end_char) for e in doc.ents if e.type == "PER"}
    assert (0, 13) in pers, [(e.text, e.type) for e in doc.ents]

    # Template sentences built only from held-out fillers.
    found = 0
    for seed in range(5):
        text, tokens, spans = _heldout_sentence("{PER} bertemu {PER} di {LOC} pada {DATE} .", seed)
        expected = _entity_spans(tokens, spans, "PER")
        got = {(e.start_char, e.end_char) for e in nlp(text).ents if e.type == "PER"}
        found += len(expected & got)
    assert found >= 5


@pytest.mark.slow
def test_pos_tags_names_as_propn(nlp: Any) -> None:
    doc = nlp("Citra Maulana tiba di Kendari kemarin.")
    upos = {w.text: w.upos for s in doc.sentences for w in s.words}
    assert upos["Citra"] == "PROPN"
    assert upos["Kendari"] == "PROPN"
    assert upos["tiba"] == "VERB"
    assert upos["."] == "PUNCT"


@pytest.mark.slow
def test_results_are_deterministic(tiny_models: Path, nlp: Any) -> None:
    text = (
        "Direktur Koperasi Pertiwi, Citra Rahardjo, menghadiri Festival Layang di Ternate. "
        "Ia senang!"
    )
    first = _snapshot(nlp(text))
    assert _snapshot(nlp(text)) == first
    fresh = trainers.load_pipeline(tiny_models, LANG)
    assert _snapshot(fresh(text)) == first
    assert any(e[1] == "PER" for e in first[-1])


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[1:] if len(args) > 1 else args))
        raise OSError("network access is forbidden in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


@pytest.mark.slow
def test_loading_and_running_opens_no_socket(tiny_models: Path, no_sockets: list[str]) -> None:
    import stanza

    text = "Arif Tanjung tiba di Kendari pada Senin."
    by_paths = trainers.load_pipeline(tiny_models, LANG)
    # resources.json alone lets stanza find the models (and their pretrain) by package.
    by_package = stanza.Pipeline(
        LANG, dir=str(tiny_models), package="tiny", processors="tokenize,pos,ner",
        download_method=None, logging_level="WARN",
    )  # fmt: skip
    # download_method="reuse_resources" also stays offline: every md5 matches.
    reuse = stanza.Pipeline(
        LANG, dir=str(tiny_models), download_method="reuse_resources", logging_level="WARN"
    )
    results = [_snapshot(p(text)) for p in (by_paths, by_package, reuse)]
    assert results[0] == results[1] == results[2]
    assert no_sockets == []
