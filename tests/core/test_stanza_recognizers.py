"""stanza-propn and stanza-ner with tiny real Stanza models (trained once, cached)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.model import Document
from annotator.core.recognizers import preannotate
from annotator.core.recognizers import stanza_support as ss
from annotator.core.recognizers.stanza_ner import StanzaNer
from annotator.core.recognizers.stanza_propn import StanzaPropn, load_cues
from annotator.core.seeds import open_default_project
from annotator.core.store import NewDocument, Project

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from tests.fixtures import tiny_stanza as ts  # noqa: E402

pytestmark = pytest.mark.slow

EMOJI_TEXT = ("Warga 👩‍👩‍👧 Cirebon bertemu Wulan Tanjung 🇮🇩 di Kendari 👍🏽 .\n"
              "Café Ternate ramai 🙂 , kata Arif Maulana .")


@pytest.fixture(scope="session")
def tiny_models() -> Path:
    import torch

    torch.set_num_threads(1)
    return ts.build_tiny_models(ts.default_cache_dir(), "id")


def check_tokens(text: str, tokens: list[tuple[int, int]],
                 sentences: list[tuple[int, int]]) -> None:
    assert tokens, "no tokens"
    prev_end = 0
    for start, end in tokens:
        assert prev_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece.strip() == piece and piece
        prev_end = end
    for start, end in sentences:
        assert text[start:end].strip() == text[start:end]


def test_stanza_itself_is_exact_on_seeds_and_emoji(tiny_models: Path) -> None:
    pipeline = ss.load_pipeline(tiny_models, "id", "tokenize,pos")
    project = open_default_project()
    docs = [project.documents.get(i) for i in project.documents.ids()]
    docs.append(Document(99, "emoji", EMOJI_TEXT, lang="id"))
    for doc, parsed in zip(docs, ss.process(pipeline, docs), strict=True):
        assert parsed.dropped == 0
        check_tokens(doc.text, parsed.tokens, parsed.sentences)
        # every non-space character is inside a token: nothing lost
        covered = sum(e - s for s, e in parsed.tokens)
        assert covered == sum(1 for ch in doc.text if not ch.isspace())
    project.close()


def test_preannotate_seeds_exact_offsets(tiny_models: Path) -> None:
    project = open_default_project()
    report = preannotate(project, ["stanza-propn", "stanza-ner", "dates", "gazetteer"],
                         options={"stanza_dir": tiny_models})
    assert not report.messages
    assert report.ran["stanza-propn"] == 5 and report.ran["stanza-ner"] == 5
    assert report.added["stanza-propn"] > 0 and report.invalid == 0
    for doc_id in project.documents.ids():
        doc = project.documents.get(doc_id)
        assert doc.tokens_source == "stanza"
        check_tokens(doc.text, doc.tokens, doc.sentences)
        ents = project.spans.list(doc_id)
        assert ents
        token_starts = {s for s, _ in doc.tokens}
        token_ends = {e for _, e in doc.tokens}
        for ent in ents:
            piece = doc.text[ent.start:ent.end]
            assert piece and piece.strip() == piece
            assert ent.start in token_starts and ent.end in token_ends  # tokens slice exactly
        # no two suggestions overlap
        for a, b in itertools.pairwise(ents):
            assert a.end <= b.start
    again = preannotate(project, ["stanza-propn", "stanza-ner"],
                        options={"stanza_dir": tiny_models})
    assert not again.ran and again.cached["stanza-propn"] == 5
    project.close()


def test_emoji_document_offsets(tiny_models: Path, project: Project) -> None:
    ids = project.documents.insert([NewDocument(EMOJI_TEXT, lang="id")]).doc_ids
    preannotate(project, ["stanza-propn", "gazetteer"], options={"stanza_dir": tiny_models})
    doc = project.documents.get(ids[0])
    check_tokens(doc.text, doc.tokens, doc.sentences)
    found = {doc.text[e.start:e.end]: e.label for e in project.spans.list(ids[0])}
    assert "Wulan Tanjung" in found
    assert "Kendari" in found and found["Kendari"] == "LOC"
    for ent in project.spans.list(ids[0]):
        assert "\u200d" not in doc.text[ent.start:ent.end]


def labelled(rec: StanzaPropn, text: str) -> dict[str, str]:
    doc = Document(1, "t", text, lang="id")
    return {text[s.start:s.end]: s.label for s in rec.recognize(doc)}


def test_propn_runs_and_labels(tiny_models: Path) -> None:
    rec = StanzaPropn(stanza_dir=tiny_models)
    got = labelled(rec, "Presiden Wulan Tanjung bertemu Citra Maulana di Kendari kemarin .")
    assert got.get("Wulan Tanjung") == "PER"  # the title is cut off, the name is PER
    assert got.get("Kendari") == "LOC"  # "di X"
    got = labelled(rec, "Menurut Universitas Pertiwi , harga beras di Jerman akan naik .")
    assert got.get("Universitas Pertiwi") == "ORG"  # head cue
    assert got.get("Jerman") == "LOC"  # CLDR name in Indonesian
    got = labelled(rec, "Direktur Bank Abadi , Yoga Rahardjo , menghadiri Festival Layang .")
    assert got.get("Bank Abadi") == "ORG"
    assert got.get("Yoga Rahardjo") == "MISC"  # no cue: a low-score MISC candidate
    got = labelled(rec, "Harga beras akan naik , kata Yoga Rahardjo .")
    assert got.get("Yoga Rahardjo") == "PER"  # a speech verb before the name


def test_propn_leaves_the_misc_guess_to_names_when_names_runs_too(
        tiny_models: Path, project: Project) -> None:
    text = "Direktur Bank Abadi , Yoga Rahardjo , menghadiri Festival Layang ."
    rec = StanzaPropn(stanza_dir=tiny_models)
    alone_version = rec.version
    preannotate(project, [rec])  # alone: the fallback stays
    assert rec.misc_fallback and rec.version == alone_version
    rec.join_run({"stanza-propn", "names", "dates"})
    assert rec.version != alone_version  # cached runs of the other mode are not reused
    got = labelled(rec, text)
    assert got.get("Bank Abadi") == "ORG"
    assert "Yoga Rahardjo" not in got  # no cue: no longer a MISC guess
    assert got.get("Festival Layang") == "MISC"  # a head cue still labels MISC
    (doc_id,) = project.documents.insert([NewDocument(text, lang="id")]).doc_ids
    preannotate(project, ["stanza-propn", "names"], options={"stanza_dir": tiny_models})
    found = {(text[s.start:s.end], s.label) for s in project.spans.list(doc_id)}
    assert ("Yoga Rahardjo", "MISC") not in found


def test_cue_file_has_entities_section() -> None:
    cues = load_cues("id")
    assert ("juru", "bicara") in cues.before["PER"]
    assert ("kementerian",) in cues.head["ORG"]
    assert "bin" in cues.connectors


def test_missing_models_message_and_offline_recognizers_still_run(
        tmp_path: Path, project: Project) -> None:
    ids = project.documents.insert([NewDocument("Pertemuan di Jerman pada 12 Maret 2024.",
                                                lang="id")]).doc_ids
    empty = tmp_path / "no-models"
    report = preannotate(project, ["stanza-propn", "stanza-ner", "gazetteer", "dates"],
                         options={"stanza_dir": empty})
    text = " ".join(report.messages)
    assert "stanza-propn" in text and "stanza.download('id'" in text and str(empty) in text
    assert "stanza-ner" in text
    assert report.ran == {"gazetteer": 1, "dates": 1}
    assert len(project.spans.list(ids[0])) == 2
    # models arrive later: the Stanza recognizers run then (they were not marked as run)
    later = preannotate(project, ["stanza-propn"], options={"stanza_dir": tiny_models_dir()})
    assert later.ran["stanza-propn"] == 1


def tiny_models_dir() -> Path:
    return ts.build_tiny_models(ts.default_cache_dir(), "id")


def test_batched_equals_one_at_a_time(tiny_models: Path) -> None:
    rec = StanzaPropn(stanza_dir=tiny_models)
    project = open_default_project()
    docs = [project.documents.get(i) for i in project.documents.ids()]
    for d in docs:
        d.lang = "id"
    batched = rec.analyze_batch(docs)
    single = [rec.analyze_batch([d])[0] for d in docs]
    assert [a.suggestions for a in batched] == [a.suggestions for a in single]
    assert [a.tokens for a in batched] == [a.tokens for a in single]
    project.close()


def test_user_ner_model_file_pretokenized(tiny_models: Path, tmp_path: Path) -> None:
    # no tokenizer in the (empty) models folder: the document's own tokens go in
    rec = StanzaNer(stanza_dir=tmp_path / "none", ner_model=tiny_models / "id" / "ner" / "tiny.pt")
    assert rec.ner_pretrain == tiny_models / "id" / "pretrain" / "tiny.pt"
    assert rec.missing_models("id") is None
    from annotator.core.text import split_sentences, tokenize

    text = "Wulan Tanjung bertemu Arif Maulana di Cirebon 🙂 pada Senin ."
    doc = Document(1, "t", text, lang="id", tokens=tokenize(text),
                   sentences=split_sentences(text))
    found = rec.recognize(doc)
    assert found
    for s in found:
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        assert s.label in {"PER", "ORG", "LOC", "DATE", "MISC"}
    assert any(text[s.start:s.end] == "Cirebon" and s.label == "LOC" for s in found)


def test_cli_preannotate(tiny_models: Path) -> None:
    result = CliRunner().invoke(main, ["preannotate", "--stanza-dir", str(tiny_models)])
    assert result.exit_code == 0, result.output
    assert "stanza-propn" in result.output and "gazetteer" in result.output
    result = CliRunner().invoke(main, ["preannotate", "--recognizer", "nope"])
    assert result.exit_code != 0 and "unknown recognizer" in result.output


def test_project_labels_pass_through_and_others_are_mapped(project: Project) -> None:
    """A project model's own labels (e.g. WEAPON) survive; PERSON maps onto PER."""
    scheme = project.scheme
    scheme.ensure("entity", "WEAPON")
    project.settings.save_scheme(scheme)
    recognizer = StanzaNer()
    recognizer.prepare(project)
    parsed = ss.Parsed(entities=[(0, 5, "WEAPON"), (6, 10, "PERSON"), (11, 14, "CARDINAL")])
    labels = [s.label for s in recognizer._analysis(parsed, keep_tokens=False).suggestions]
    assert labels == ["WEAPON", "PER"]
