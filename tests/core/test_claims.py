"""The claim recognizer, claimant candidates, pre-annotation and claim commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import claims as claims_mod
from annotator.core.claims import (
    claimant_candidates,
    find_quotes,
    load_cues,
    preannotate_claims,
    suggest_claims,
)
from annotator.core.commands import AddClaim, RemoveClaim, RemoveEntity, UpdateClaim
from annotator.core.editing import Editor
from annotator.core.model import AnnotatorError, Claim, Document, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.core.text import split_sentences, tokenize


def make_doc(text: str, lang: str = "id") -> Document:
    return Document(id=1, external_id="t", text=text, lang=lang, tokens=tokenize(text),
                    sentences=split_sentences(text))


def ents(text: str, *pairs: tuple[str, str]) -> list[EntitySpan]:
    """Entities for the first occurrence of each (surface, label); ids 1, 2, ..."""
    out = []
    for i, (surface, label) in enumerate(pairs, 1):
        start = text.index(surface)
        out.append(EntitySpan(1, start, start + len(surface), label, id=i))
    return out


def only(found: list[Claim]) -> Claim:
    assert len(found) == 1, [(c.start, c.end) for c in found]
    return found[0]


def span(text: str, claim: Claim) -> str:
    return text[claim.start:claim.end]


def cue(text: str, claim: Claim) -> str:
    assert claim.cue is not None
    return text[claim.cue_start:claim.cue_end]


# --- Indonesian -----------------------------------------------------------------

def test_direct_quote_with_kata_after() -> None:
    text = ('Pertemuan itu berlangsung tertutup.\n"Kedua negara sepakat menambah pasokan '
            'gandum tahun depan," kata Menteri Perdagangan Budi Santoso, Senin (4/3/2024).')
    es = ents(text, ("Budi Santoso", "PER"), ("Menteri Perdagangan", "ORG"))
    c = only(suggest_claims(make_doc(text), es, "id"))
    assert span(text, c) == "Kedua negara sepakat menambah pasokan gandum tahun depan"
    assert cue(text, c) == "kata"
    assert c.claimant_id == 1  # the person, not the office before the name
    assert c.claimant_text is None
    assert c.attrs == {"quote": "direct", "stance": "asserts"}
    assert c.status == SpanStatus.SUGGESTED and c.source == "claims"
    assert c.score is not None and 0 < c.score <= 1
    assert c.label == "PREDICTION"  # "tahun depan": next year


def test_typographic_quote_and_free_text_claimant() -> None:
    text = "“Harga beras akan turun bulan depan,” ujar sumber tersebut kepada wartawan."
    c = only(suggest_claims(make_doc(text), [], "id"))
    assert span(text, c) == "Harga beras akan turun bulan depan"
    assert cue(text, c) == "ujar"
    assert c.claimant_id is None
    assert c.claimant_text == "sumber tersebut"  # without the trailing "kepada wartawan"
    assert c.label == "PREDICTION"  # "akan": a future marker


def test_indirect_with_bahwa() -> None:
    text = "Kepala Badan Pusat Statistik Amalia Widyasanti mengatakan bahwa inflasi Maret " \
           "mencapai 3,05 persen. Harga cabai juga naik."
    es = ents(text, ("Badan Pusat Statistik", "ORG"), ("Amalia Widyasanti", "PER"))
    c = only(suggest_claims(make_doc(text), es, "id"))
    assert span(text, c) == "inflasi Maret mencapai 3,05 persen"
    assert cue(text, c) == "mengatakan"
    assert c.claimant_id == 2
    assert c.attrs["quote"] == "indirect"


def test_denial() -> None:
    text = "Perusahaan tambang PT Maju Jaya membantah tuduhan pencemaran sungai di desa itu."
    es = ents(text, ("PT Maju Jaya", "ORG"))
    c = only(suggest_claims(make_doc(text), es, "id"))
    assert cue(text, c) == "membantah"
    assert span(text, c) == "tuduhan pencemaran sungai di desa itu"
    assert c.label == "DENIAL"
    assert c.attrs["stance"] == "denies"
    assert c.claimant_id == 1


def test_menurut_source_first() -> None:
    text = "Menurut Bank Indonesia, cadangan devisa naik menjadi 140 miliar dolar AS."
    es = ents(text, ("Bank Indonesia", "ORG"))
    c = only(suggest_claims(make_doc(text), es, "id"))
    assert cue(text, c) == "Menurut"
    assert span(text, c) == "cadangan devisa naik menjadi 140 miliar dolar AS"
    assert c.claimant_id == 1


def test_inverted_indirect_and_pronoun_suffix_resolved_to_earlier_speaker() -> None:
    text = ("Siti Rahma hadir di lokasi sejak pagi. Jumlah korban bertambah menjadi "
            "dua belas orang, katanya.")
    es = ents(text, ("Siti Rahma", "PER"))
    c = only(suggest_claims(make_doc(text), es, "id"))
    assert span(text, c) == "Jumlah korban bertambah menjadi dua belas orang"
    assert cue(text, c) == "katanya"
    assert c.claimant_id == 1


def test_no_cue_no_claim() -> None:
    text = "Hujan turun sejak pagi di Bogor. Warga berteduh di pos ronda.\n" \
           "Kata itu jarang dipakai."  # "kata" = "word" here: not after a quote or comma
    assert suggest_claims(make_doc(text), [], "id") == []


def test_scare_quotes_are_not_claims() -> None:
    text = "Ia menyebut kebijakan itu sebagai “jalan tengah” saja, tanpa rincian lebih jauh."
    found = suggest_claims(make_doc(text), [], "id")
    assert all(c.attrs["quote"] == "indirect" for c in found)


def test_continued_quote_in_next_paragraph() -> None:
    text = ('"Kami tidak akan mundur sedikit pun," kata Ahmad Yani.\n'
            '"Semua pihak harus menghormati keputusan pengadilan."\nBerita lain menyusul.')
    es = ents(text, ("Ahmad Yani", "PER"))
    first, second = suggest_claims(make_doc(text), es, "id")
    assert span(text, second) == "Semua pihak harus menghormati keputusan pengadilan."
    assert second.claimant_id == first.claimant_id == 1
    assert second.score is not None and first.score is not None and second.score < first.score


# --- English -----------------------------------------------------------------------

def test_english_direct_said_after_name() -> None:
    text = '"The bridge will reopen in May," Mayor Jane Doe said on Friday.'
    es = ents(text, ("Jane Doe", "PER"))
    c = only(suggest_claims(make_doc(text, "en"), es, "en"))
    assert span(text, c) == "The bridge will reopen in May"
    assert cue(text, c) == "said"
    assert c.claimant_id == 1
    assert c.label == "PREDICTION"


def test_english_according_to() -> None:
    text = "According to the World Health Organization, cases fell by 20 percent in March."
    es = ents(text, ("World Health Organization", "ORG"))
    c = only(suggest_claims(make_doc(text, "en"), es, "en"))
    assert cue(text, c) == "According to"
    assert span(text, c) == "cases fell by 20 percent in March"
    assert c.claimant_id == 1


def test_english_indirect_that_and_denial() -> None:
    text = ("The minister told reporters that exports doubled last year. "
            "The company denied any wrongdoing in the deal.")
    found = suggest_claims(make_doc(text, "en"), [], "en")
    assert [span(text, c) for c in found] == ["exports doubled last year",
                                              "any wrongdoing in the deal"]
    assert [cue(text, c) for c in found] == ["told reporters", "denied"]
    assert [c.claimant_text for c in found] == ["The minister", "The company"]
    assert [c.label for c in found] == ["CHECKWORTHY", "DENIAL"]


def test_english_question_and_no_cue() -> None:
    text = 'She asked: "Who will pay for the new stadium?"\nThe weather was mild all week.'
    c = only(suggest_claims(make_doc(text, "en"), [], "en"))
    assert c.attrs == {"quote": "direct", "stance": "questions"}
    assert suggest_claims(make_doc("The weather was mild all week.", "en"), [], "en") == []


def test_offsets_with_emoji_and_crlf_free_text() -> None:
    text = '🎉🎉 "Angka pengangguran turun tajam tahun ini," kata Rina. 👍'
    c = only(suggest_claims(make_doc(text), [], "id"))
    assert span(text, c) == "Angka pengangguran turun tajam tahun ini"
    assert cue(text, c) == "kata"
    assert c.claimant_text == "Rina"


def test_unknown_language_gives_nothing() -> None:
    text = '"Das ist gut," sagte er.'
    assert suggest_claims(make_doc(text, "de"), [], "de") == []


def test_find_quotes_apostrophe_and_unclosed() -> None:
    text = "Hari Jum’at ‘itu’ tiba.\n“Belum selesai\nSelesai."
    quotes = find_quotes(text)
    assert [text[a:b] for a, b in quotes] == ["‘itu’", "“Belum selesai"]


def test_malformed_cue_file(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text("[claims]\ncues = [{kind = 'verb'}]\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"xx\.toml"):
        load_cues("xx", tmp_path)
    (tmp_path / "yy.toml").write_text("[claims\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"yy\.toml"):
        load_cues("yy", tmp_path)


def test_cue_files_share_the_file_with_other_tables(tmp_path: Path) -> None:
    (tmp_path / "zz.toml").write_text(
        "[titles]\nwords = ['presiden']\n\n[claims]\n[[claims.cues]]\nwords = ['dixit']\n",
        encoding="utf-8")
    lex = load_cues("zz", tmp_path)
    assert lex is not None and "dixit" in lex.cues
    (tmp_path / "ww.toml").write_text("[titles]\nwords = ['x']\n", encoding="utf-8")
    assert load_cues("ww", tmp_path) is None


# --- claimant candidates --------------------------------------------------------------

def test_claimant_candidates_neighbour_sentences_in_order() -> None:
    text = ("Joko Widodo tiba di Jakarta. Partai Golkar menyambutnya. Joko Widodo lalu "
            "berpidato. Sri Mulyani hadir. Kementerian Keuangan diam.")
    es = [EntitySpan(1, s, s + len(w), lab, id=i) for i, (w, lab, s) in enumerate([
        ("Joko Widodo", "PER", 0), ("Jakarta", "LOC", text.index("Jakarta")),
        ("Partai Golkar", "ORG", text.index("Partai")),
        ("Joko Widodo", "PER", text.index("Joko Widodo lalu")),
        ("Sri Mulyani", "PER", text.index("Sri")),
        ("Kementerian Keuangan", "ORG", text.index("Kementerian"))], 1)]
    doc = make_doc(text)
    got = claimant_candidates(doc, es, text.index("berpidato"))
    # sentences 2-4; "Joko Widodo" once (the mention nearest the offset); no LOC
    assert [(text[e.start:e.end], e.id) for e in got] == [
        ("Partai Golkar", 3), ("Joko Widodo", 4), ("Sri Mulyani", 5)]
    rejected = [EntitySpan(1, e.start, e.end, e.label, SpanStatus.REJECTED, id=e.id)
                for e in es]
    assert claimant_candidates(doc, rejected, 0) == []


# --- the store ---------------------------------------------------------------------------

TEXT = ('"Produksi padi naik lima persen," kata Andi Lubis. '
        "Dinas Pertanian membantah laporan gagal panen di wilayah itu.")


def _project_doc(project: Project) -> int:
    start = TEXT.index("Andi Lubis")
    dstart = TEXT.index("Dinas Pertanian")
    result = project.documents.insert([NewDocument(
        TEXT, "d1", lang="id",
        entities=[EntitySpan(0, start, start + 10, "PER"),
                  EntitySpan(0, dstart, dstart + 15, "ORG", SpanStatus.SUGGESTED, "gazetteer")])])
    return result.doc_ids[0]


def test_preannotate_stores_once_and_respects_rejections(project: Project) -> None:
    doc_id = _project_doc(project)
    result = preannotate_claims(project)
    assert (result.documents, result.added) == (1, 2)
    stored = project.claims.list(doc_id)
    assert [TEXT[c.start:c.end] for c in stored] == [
        "Produksi padi naik lima persen", "laporan gagal panen di wilayah itu"]
    ents_by_id = {e.id: TEXT[e.start:e.end] for e in project.spans.list(doc_id)}
    assert [ents_by_id[c.claimant_id] for c in stored if c.claimant_id] == [
        "Andi Lubis", "Dinas Pertanian"]
    assert all(c.status == SpanStatus.SUGGESTED and c.source == "claims" for c in stored)
    assert project.runs.has_run(doc_id, "claims", claims_mod.VERSION)
    # run again: nothing new
    assert preannotate_claims(project, [doc_id]).added == 0
    # reject one, delete the other: the rejected one never comes back, the deleted one does
    project.execute(UpdateClaim(stored[0].id or 0, {"status": SpanStatus.REJECTED}))
    project.execute(RemoveClaim(stored[1].id or 0))
    again = preannotate_claims(project, [doc_id])
    assert (again.added, again.skipped) == (1, 1)
    assert [TEXT[c.start:c.end] for c in project.claims.list(doc_id)] == [
        "laporan gagal panen di wilayah itu"]


def test_preannotate_keeps_a_manual_claim_with_the_same_span(project: Project) -> None:
    doc_id = _project_doc(project)
    start = TEXT.index("Produksi")
    project.execute(AddClaim(Claim(doc_id, start, start + 30, "FACTUAL")))
    preannotate_claims(project)
    labels = [(TEXT[c.start:c.end], c.label, c.status) for c in project.claims.list(doc_id)]
    assert labels[0] == ("Produksi padi naik lima persen", "FACTUAL", SpanStatus.ACCEPTED)
    assert len(labels) == 2


def test_claim_commands_undo_redo(project: Project) -> None:
    doc_id = _project_doc(project)
    per = next(e for e in project.spans.list(doc_id) if e.label == "PER")
    history = Editor(project)
    start = TEXT.index("Produksi")
    add = history.execute(AddClaim(Claim(doc_id, start, start + 30, "CHECKWORTHY",
                                    attrs={"quote": "direct", "stance": "asserts"})))
    assert isinstance(add, AddClaim)
    claim_id = add.claim.id
    assert claim_id is not None
    history.execute(UpdateClaim(claim_id, {"claimant_id": per.id, "label": "FACTUAL"}))
    history.execute(UpdateClaim(claim_id, {"cue_start": TEXT.index("kata"),
                                      "cue_end": TEXT.index("kata") + 4,
                                      "attrs": {"quote": "indirect", "stance": "denies"}}))
    c = project.claims.get(claim_id)
    assert c is not None and c.claimant_id == per.id and c.label == "FACTUAL"
    assert c.cue is not None and TEXT[c.cue[0]:c.cue[1]] == "kata"
    assert c.attrs == {"quote": "indirect", "stance": "denies"}
    # removing the claimant entity unlinks it; undo links it again
    history.execute(RemoveEntity(per.id or 0))
    c = project.claims.get(claim_id)
    assert c is not None and c.claimant_id is None
    history.undo(doc_id)
    c = project.claims.get(claim_id)
    assert c is not None and c.claimant_id == per.id
    history.undo(doc_id)
    c = project.claims.get(claim_id)
    assert c is not None and c.cue is None and c.attrs == {"quote": "direct", "stance": "asserts"}
    history.undo(doc_id)
    c = project.claims.get(claim_id)
    assert c is not None and c.claimant_id is None and c.label == "CHECKWORTHY"
    history.undo(doc_id)
    assert project.claims.list(doc_id) == []
    history.redo(doc_id)
    history.redo(doc_id)
    c = project.claims.get(claim_id)
    assert c is not None and c.id == claim_id and c.label == "FACTUAL"
    history.execute(RemoveClaim(claim_id))
    assert project.claims.get(claim_id) is None
    history.undo(doc_id)
    restored = project.claims.get(claim_id)
    assert restored is not None and restored.claimant_id == per.id


def test_claims_on_seed_articles_have_exact_offsets() -> None:
    """Not a quality check (the seeds are samples): every span and cue is exact text."""
    from annotator.core.seeds import seed_documents

    total = 0
    for i, nd in enumerate(seed_documents()):
        doc = make_doc(nd.text)
        doc.id = i
        for c in suggest_claims(doc, [], "id"):
            total += 1
            text = doc.text[c.start:c.end]
            assert text == text.strip() and text
            if c.cue is not None:
                cue_text = doc.text[c.cue[0]:c.cue[1]]
                assert cue_text == cue_text.strip() and "\n" not in cue_text
    assert total > 0
