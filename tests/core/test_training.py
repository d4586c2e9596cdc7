"""Training the project's own NER model: evaluation, split, conversion, the loop.

The slow tests train real (small) Stanza NER models on generated, annotated
Indonesian-like documents (tests/fixtures/ner_docs.py), with few steps and
small hidden sizes.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.core import training
from annotator.core.cancel import CancelFlag, Cancelled
from annotator.core.commands import AddEntity, accept, reject
from annotator.core.model import AnnotatorError, DocStatus, SpanStatus
from annotator.core.store import Project
from annotator.core.text import tags_to_spans, tokenize

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(_REPO))

from tests.fixtures.ner_docs import generate_documents  # noqa: E402

STEPS = 150
HIDDEN = 24


# --------------------------------------------------------------------------
# evaluate(): a hand-computed case
# --------------------------------------------------------------------------


def test_evaluate_matches_a_hand_computed_case() -> None:
    gold = [
        {(0, 5, "PER"), (10, 15, "LOC"), (20, 30, "ORG")},
        {(0, 4, "PER"), (8, 12, "DATE")},
        set(),
    ]
    predicted = [
        {(0, 5, "PER"),            # TP PER
         (10, 15, "ORG"),          # right span, wrong label: FP ORG + FN LOC
         (20, 29, "ORG")},         # one character short: FP ORG + FN ORG
        {(0, 4, "PER"), (8, 12, "DATE"), (13, 14, "PER")},  # TP PER, TP DATE, FP PER
        {(1, 2, "LOC")},           # FP LOC
    ]
    ev = training.evaluate(gold, predicted)
    by = {s.label: s for s in ev.per_label}
    assert [s.label for s in ev.per_label] == ["DATE", "LOC", "ORG", "PER"]
    assert (by["PER"].tp, by["PER"].fp, by["PER"].fn) == (2, 1, 0)
    assert (by["LOC"].tp, by["LOC"].fp, by["LOC"].fn) == (0, 1, 1)
    assert (by["ORG"].tp, by["ORG"].fp, by["ORG"].fn) == (0, 2, 1)
    assert (by["DATE"].tp, by["DATE"].fp, by["DATE"].fn) == (1, 0, 0)
    assert by["PER"].precision == pytest.approx(2 / 3)
    assert by["PER"].recall == pytest.approx(1.0)
    assert by["PER"].f1 == pytest.approx(0.8)
    assert by["LOC"].f1 == 0.0 and by["ORG"].precision == 0.0
    # overall (micro): TP 3, FP 4, FN 2 -> P 3/7, R 3/5, F1 = 2*3/(2*3+4+2) = 0.5
    o = ev.overall
    assert (o.tp, o.fp, o.fn) == (3, 4, 2)
    assert o.precision == pytest.approx(3 / 7)
    assert o.recall == pytest.approx(0.6)
    assert o.f1 == pytest.approx(0.5)
    assert ev.macro_f1 == pytest.approx((1.0 + 0 + 0 + 0.8) / 4)
    assert ev.documents == 3
    table = training.format_table(ev)
    assert "overall" in table and "50.0%" in table and "42.9%" in table
    assert training.Evaluation.from_dict(json.loads(json.dumps(ev.to_dict()))) == ev


def test_evaluate_edge_cases() -> None:
    empty = training.evaluate([set()], [set()])
    assert empty.per_label == () and empty.overall.f1 == 0.0
    perfect = training.evaluate([{(0, 3, "X")}], [{(0, 3, "X")}])
    assert perfect.overall.f1 == 1.0
    with pytest.raises(ValueError):
        training.evaluate([set()], [])


# --------------------------------------------------------------------------
# Split and conversion
# --------------------------------------------------------------------------


def test_split_is_deterministic_documented_and_stable() -> None:
    ids = [f"doc-{i}" for i in range(200)]
    train, held = training.split_documents(ids)
    assert (train, held) == training.split_documents(list(reversed(ids)))
    assert set(train) | set(held) == set(ids) and not set(train) & set(held)
    assert 0.1 < len(held) / len(ids) < 0.3
    assert all(training.heldout_key(i) < 0.2 for i in held)
    # adding documents never moves an existing one to the other side
    train2, held2 = training.split_documents([*ids, *(f"more-{i}" for i in range(50))])
    assert set(held) <= set(held2) and set(train) <= set(train2)
    # from 5 documents on, at least one is held out and one trains
    for n in range(5, 12):
        t, h = training.split_documents([f"x{n}-{i}" for i in range(n)])
        assert h and t
    assert training.split_documents(["a", "b", "c", "d"]) == (["a", "b", "c", "d"], [])


def test_document_sentences_bio_tags_and_sentence_breaks() -> None:
    text = "Budi Santoso tiba di Jawa Barat. Lalu Bank Raya buka."
    spans = [(0, 12, "PER"), (21, 31, "LOC"), (38, 47, "ORG")]
    tokens = tokenize(text)
    sentences = [(0, 32), (33, len(text))]
    sents = training.document_sentences(text, tokens, sentences, spans)
    assert sents == [
        [("Budi", "B-PER"), ("Santoso", "I-PER"), ("tiba", "O"), ("di", "O"),
         ("Jawa", "B-LOC"), ("Barat", "I-LOC"), (".", "O")],
        [("Lalu", "O"), ("Bank", "B-ORG"), ("Raya", "I-ORG"), ("buka", "O"), (".", "O")],
    ]
    # a span crossing a sentence boundary restarts with B- in the next sentence;
    # two adjacent spans of the same label stay two entities
    crossing = training.document_sentences(text, tokens, sentences,
                                           [(26, 37, "MISC"), (0, 4, "PER"), (5, 12, "PER")])
    assert crossing[0][4:7] == [("Jawa", "O"), ("Barat", "B-MISC"), (".", "I-MISC")]
    assert crossing[1][0] == ("Lalu", "B-MISC")
    assert crossing[0][:2] == [("Budi", "B-PER"), ("Santoso", "B-PER")]


def test_tags_to_spans_round_trip() -> None:
    tokens = [(0, 4), (5, 12), (13, 17), (18, 20), (21, 25), (26, 31)]
    tags = ["B-PER", "E-PER", "O", "S-LOC", "B-ORG", "I-ORG"]
    assert tags_to_spans(tokens, tags) == [(0, 12, "PER"), (18, 20, "LOC"),
                                                    (21, 31, "ORG")]
    assert tags_to_spans(tokens[:3], ["I-PER", "I-PER", "B-PER"]) == [
        (0, 12, "PER"), (13, 17, "PER")]


def test_hyperparameters_scale_with_the_data() -> None:
    small = training.auto_hyperparameters(100, 1_500)
    big = training.auto_hyperparameters(20_000, 400_000)
    assert small.max_steps < big.max_steps and small.hidden_dim < big.hidden_dim
    assert training.auto_hyperparameters(100, 1_500, steps=42).max_steps == 42


def test_not_enough_documents_says_how_many_more(project: Project) -> None:
    project.documents.insert(generate_documents(3))
    assert training.readiness(project, 10) == (3, 7)
    with pytest.raises(training.NotEnoughDocuments, match="finish 7 more") as info:
        training.train_model(project.path, training.TrainOptions(min_docs=10))
    assert info.value.needed == 7
    assert not training.list_models(project.path)


def test_a_model_is_for_one_language(project: Project) -> None:
    project.documents.insert(generate_documents(6, seed=1, lang="id", prefix="id"))
    project.documents.insert(generate_documents(6, seed=2, lang="en", prefix="en"))
    with pytest.raises(training.NotEnoughDocuments, match="finish 2 more"):
        training.train_model(project.path, training.TrainOptions(lang="id", min_docs=8))
    assert not training.list_models(project.path)


def test_snapshot_uses_only_accepted_spans_of_done_documents(project: Project) -> None:
    docs = generate_documents(3)
    docs[2].status = DocStatus.IN_PROGRESS
    docs[0].entities[0].status = SpanStatus.SUGGESTED
    docs[0].entities[1].status = SpanStatus.REJECTED
    project.documents.insert(docs)
    snap = training.take_snapshot(project)
    assert [e.external_id for e in snap] == [docs[0].external_id, docs[1].external_id]
    assert len(snap[0].spans) == len(docs[0].entities) - 2
    for ex in snap:
        for s, e, _ in ex.spans:  # every accepted span covers whole tokens
            assert any(t[0] == s for t in ex.tokens) and any(t[1] == e for t in ex.tokens)


# --------------------------------------------------------------------------
# Real training (slow)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[Path, training.TrainReport]]:
    """A project of 20 finished + 4 unfinished generated documents and one trained model."""
    path = tmp_path_factory.mktemp("train") / "gen.annotator.db"
    with Project(path) as proj:
        proj.documents.insert(generate_documents(20, seed=11))
        unfinished = generate_documents(4, seed=12, status=DocStatus.NEW, prefix="todo")
        unfinished[3].status = DocStatus.IN_PROGRESS
        for doc in unfinished:
            doc.entities = []
        proj.documents.insert(unfinished)
    messages: list[tuple[float, str]] = []
    report = training.train_model(
        path, training.TrainOptions(steps=STEPS, hidden_dim=HIDDEN, pretrain="none"),
        progress=lambda f, m: messages.append((f, m)))
    assert messages[-1] == (1.0, "done")
    assert any("step" in m for _, m in messages)
    fractions = [f for f, _ in messages]
    assert fractions == sorted(fractions)
    yield path, report


@pytest.mark.slow
def test_trained_model_layout_meta_and_setting(trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    model = report.model
    folder = training.models_dir(path)
    assert model.path.parent == folder and folder.name == "gen.annotator.models"
    assert (model.path / "resources.json").is_file()
    assert model.ner_model_path == model.path / "id" / "ner" / f"{training.PACKAGE}.pt"
    assert model.ner_model_path.is_file() and model.pretrain_path is None
    resources = json.loads((model.path / "resources.json").read_text())
    assert training.PACKAGE in resources["id"]["ner"]
    meta = json.loads((model.path / "meta.json").read_text())
    assert meta["labels"] == ["DATE", "LOC", "MISC", "ORG", "PER"]
    assert meta["data"]["train_documents"] + meta["data"]["heldout_documents"] == 20
    assert meta["data"]["heldout_documents"] >= 1 and meta["stanza_version"]
    assert meta["hyperparameters"]["max_steps"] == STEPS
    assert meta["hyperparameters"]["hidden_dim"] == HIDDEN
    assert not list(folder.glob(".tmp-*"))
    with Project(path) as proj:
        assert proj.settings.get(training.MODEL_SETTING) == model.id
        active = training.active_model(proj)
        assert active is not None and active.path == model.path
        stored = proj.settings.get(training.EVALUATION_SETTING)
    assert stored["model"] == model.id
    assert stored["overall"] == meta["evaluation"]["overall"]
    evaluation_file = json.loads((model.path / "evaluation.json").read_text())
    assert evaluation_file["overall"] == meta["evaluation"]["overall"]
    assert report.size_bytes < 5_000_000


@pytest.mark.slow
def test_stored_evaluation_recomputes_from_the_models_predictions(
        trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    assert report.evaluation is not None
    heldout = set(report.model.meta["data"]["heldout_ids"])
    with Project(path) as proj:
        examples = [e for e in training.take_snapshot(proj) if e.external_id in heldout]
    assert len(examples) == report.heldout_documents
    tagger = report.model.load()
    gold = [set(e.spans) for e in examples]
    pred = [set(tagger.tag(e.text, e.base_tokens, e.sentences)) for e in examples]
    again = training.evaluate(gold, pred)
    assert again == report.evaluation
    # and the figures follow from the counts
    o = again.overall
    assert o.tp + o.fn == sum(len(g) for g in gold)
    assert o.tp + o.fp == sum(len(p) for p in pred)
    assert o.f1 > 0.3  # the model learnt something from 16-ish documents


@pytest.mark.slow
def test_resuggestion_uses_the_model_exact_offsets_unfinished_only(
        trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    with Project(path) as proj:
        done_before = {i: [(e.start, e.end, e.label, e.status) for e in proj.spans.list(i)]
                       for i in proj.documents.ids(DocStatus.DONE)}
        run = training.resuggest(proj)
        assert run.ran["stanza-ner"] == 4
        assert run.added["stanza-ner"] > 0
        done_after = {i: [(e.start, e.end, e.label, e.status) for e in proj.spans.list(i)]
                      for i in proj.documents.ids(DocStatus.DONE)}
        assert done_after == done_before
        gold_docs = generate_documents(4, seed=12, prefix="todo")
        hits = 0
        for doc_id in training.unfinished_ids(proj):
            doc = proj.documents.get(doc_id)
            suggestions = [e for e in proj.spans.list(doc_id) if e.source == "stanza-ner"]
            assert suggestions
            edges = {t[0] for t in tokenize(doc.text)} | {t[1] for t in tokenize(doc.text)}
            gold = next(g for g in gold_docs if g.text == doc.text)
            gold_spans = {(g.start, g.end, g.label) for g in gold.entities}
            for s in suggestions:
                piece = doc.text[s.start:s.end]
                assert piece and piece == piece.strip()
                assert s.start in edges and s.end in edges
                assert s.status == SpanStatus.SUGGESTED
                hits += (s.start, s.end, s.label) in gold_spans
            assert proj.runs.has_run(doc_id, "stanza-ner", report.model.version)
        assert hits > 0
        # the cache: the same model does not run again
        assert training.resuggest(proj).ran["stanza-ner"] == 0


@pytest.mark.slow
def test_human_decisions_survive_resuggestion(trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    with Project(path) as proj:
        training.resuggest(proj)
        doc_id = training.unfinished_ids(proj)[0]
        doc = proj.documents.get(doc_id)
        sugg = [e for e in proj.spans.list(doc_id) if e.source == "stanza-ner"]
        assert len(sugg) >= 2
        kept, dropped = sugg[0], sugg[1]
        proj.execute(accept(int(kept.id or 0)))
        proj.execute(reject(int(dropped.id or 0)))
        # a manual span where nothing is suggested
        taken = [(e.start, e.end) for e in proj.spans.list(doc_id, include_rejected=True)]
        free = next(t for t in tokenize(doc.text)
                    if doc.text[t[0]:t[1]].isalpha()
                    and all(t[1] <= s or t[0] >= e for s, e in taken))
        proj.execute(AddEntity(doc_id, free[0], free[1], "MISC"))
        before = {(e.id, e.start, e.end, e.label, e.status)
                  for e in proj.spans.list(doc_id, include_rejected=True)
                  if e.status != SpanStatus.SUGGESTED}
        # a "new model": same weights, another version, so the cache does not block it
        newer = training.ProjectModel(report.model.path,
                                      {**report.model.meta, "id": report.model.id + "-b"})
        run = training.resuggest(proj, newer)
        assert run.ran["stanza-ner"] == 4
        after = {(e.id, e.start, e.end, e.label, e.status)
                 for e in proj.spans.list(doc_id, include_rejected=True)
                 if e.status != SpanStatus.SUGGESTED}
        assert after == before
        again = [(e.start, e.end) for e in proj.spans.list(doc_id) if e.status ==
                 SpanStatus.SUGGESTED]
        assert (dropped.start, dropped.end) not in again  # a rejected span is not re-suggested
        assert proj.runs.has_run(doc_id, "stanza-ner", newer.version)


@pytest.mark.slow
def test_cancelled_training_leaves_the_previous_model_in_place(
        trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    folder = training.models_dir(path)
    before = sorted(p.name for p in folder.iterdir())
    cancel = CancelFlag()

    def progress(_fraction: float, message: str) -> None:
        if message.startswith("training: step"):
            cancel.set()  # cancel in the middle of Stanza's training

    with pytest.raises(Cancelled):
        training.train_model(path, training.TrainOptions(steps=2000, hidden_dim=HIDDEN,
                                                         pretrain="none"),
                             progress=progress, cancel=cancel)
    assert cancel.is_set()
    assert sorted(p.name for p in folder.iterdir()) == before
    with Project(path) as proj:
        active = training.active_model(proj)
    assert active is not None and active.id == report.model.id


@pytest.mark.slow
def test_use_none_latest_and_path(trained: tuple[Path, training.TrainReport]) -> None:
    path, report = trained
    with Project(path) as proj:
        assert training.use_model(proj, "none") is None
        assert training.active_model(proj) is None
        latest = training.use_model(proj, "latest")
        assert latest is not None and latest.id == report.model.id
        by_path = training.use_model(proj, str(report.model.path))
        assert by_path is not None and training.active_model(proj) is not None
        with pytest.raises(AnnotatorError, match="not a trained model"):
            training.use_model(proj, str(path.parent))
        training.use_model(proj, report.model.id)
        assert proj.settings.get(training.MODEL_SETTING) == report.model.id


@pytest.mark.slow
def test_cli_train_with_a_stanza_pretrain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`annotator train` end to end, using word vectors found in the Stanza folder."""
    from annotator.cli import main
    from tests.fixtures.stanza_trainers import write_pretrain

    path = tmp_path / "cli.annotator.db"
    docs = generate_documents(8, seed=21, sentences=(3, 6))
    with Project(path) as proj:
        proj.documents.insert(docs)
    words = {w.lower() for d in docs for w in d.text.split()}
    rng = random.Random(3)
    stanza_home = tmp_path / "stanza"
    write_pretrain({w: [rng.gauss(0, 1) for _ in range(8)] for w in sorted(words)},
                      stanza_home / "id" / "pretrain" / "made_up.pt")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_home))
    runner = CliRunner()
    short = runner.invoke(main, ["train", "--project", str(path), "--min-docs", "12"])
    assert short.exit_code != 0 and "finish 4 more" in short.output
    result = runner.invoke(main, ["train", "--project", str(path), "--min-docs", "5",
                                  "--steps", "60", "--hidden-dim", "16"])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "F1" in result.output
    assert "made_up.pt" in result.output
    (model,) = training.list_models(path)
    assert model.pretrain_path is not None and model.meta["pretrain"].endswith("made_up.pt")
    listed = runner.invoke(main, ["train", "--project", str(path), "--list"])
    assert listed.exit_code == 0 and f"* {model.id}" in listed.output
    switched = runner.invoke(main, ["train", "--project", str(path), "--use", "none"])
    assert switched.exit_code == 0
    with Project(path) as proj:
        assert training.active_model(proj) is None
        training.use_model(proj, "latest")
        doc = proj.documents.get(proj.documents.ids()[0])
    spans = model.load().tag(doc.text, doc.tokens, doc.sentences)
    assert all(doc.text[s:e].strip() == doc.text[s:e] != "" for s, e, _ in spans)
