"""The claim recognizer on issue 16's cases: speaker-cue-clause order, claimants that are
the person (titles, datelines, pronouns by kind), more reporting verbs, continued quotes,
labels from the claim's words, and the claim at a caret (``claim_at``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.claims import claim_at, suggest_claims
from annotator.core.model import Claim, Document, EntitySpan
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


def claims_of(text: str, entities: list[EntitySpan] | None = None,
              lang: str = "id") -> list[Claim]:
    return suggest_claims(make_doc(text, lang), entities or [], lang)


def spans(text: str, found: list[Claim]) -> list[str]:
    return [text[c.start:c.end] for c in found]


def who(text: str, claim: Claim, entities: list[EntitySpan]) -> str | None:
    if claim.claimant_id is not None:
        ent = next(e for e in entities if e.id == claim.claimant_id)
        return text[ent.start:ent.end]
    return claim.claimant_text


# --- point 6: "Jabatan, Nama, mengatakan, klausa" -------------------------------------

def test_speaker_comma_cue_comma_clause_reads_the_clause_as_the_claim() -> None:
    text = ("Kepala Dinas Kesehatan Kota Medan, Sri Wahyuni, mengatakan, jumlah pasien "
            "demam berdarah turun 30 persen bulan ini.")
    es = ents(text, ("Dinas Kesehatan Kota Medan", "ORG"), ("Sri Wahyuni", "PER"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "jumlah pasien demam berdarah turun 30 persen bulan ini"
    assert who(text, c, es) == "Sri Wahyuni"  # the person, not the office
    assert text[c.cue_start or 0:c.cue_end or 0] == "mengatakan"
    # without entities the name is still the claimant, not the office or the clause
    (bare,) = claims_of(text)
    assert (bare.start, bare.end) == (c.start, c.end)
    assert bare.claimant_text == "Sri Wahyuni"


def test_speaker_comma_cue_clause_without_second_comma() -> None:
    text = "Juru bicara perusahaan, Budi Laksono, menyatakan pabrik akan dibuka kembali Senin."
    es = ents(text, ("Budi Laksono", "PER"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "pabrik akan dibuka kembali Senin"
    assert c.claimant_id == 1


def test_inverted_kata_still_reads_the_clause_before() -> None:
    text = "Harga cabai naik dua kali lipat sejak pekan lalu, kata pedagang Pasar Minggu, Rina."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "Harga cabai naik dua kali lipat sejak pekan lalu"


# --- point 7: claimants are the person or organisation ---------------------------------

def test_free_text_claimant_without_trailing_phrase_and_dateline() -> None:
    text = ("JAKARTA - Hendra dalam konferensi pers di Gedung Thamrin, Kamis (18/1/2024), "
            "mengatakan inflasi inti diperkirakan stabil.")
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "inflasi inti diperkirakan stabil"
    assert c.claimant_text == "Hendra"


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Gubernur BI Perry Warjiyo", "Perry Warjiyo"),  # title + office acronym + name
    ("pengamat pasar modal Lucky Bayu", "Lucky Bayu"),  # lower-case role + name
    ("Sumber tersebut", "Sumber tersebut"),  # not a name: kept
    ("Akhir tahun lalu AS", "AS"),  # time words go
])
def test_free_text_claimant_is_trimmed_to_the_speaker(phrase: str, expected: str) -> None:
    text = f"{phrase} mengatakan harga saham bank naik tajam."
    (c,) = claims_of(text)
    assert c.claimant_text == expected


def test_free_text_speaker_named_as_an_entity_elsewhere_links_that_entity() -> None:
    text = ("Ekonom Lucky Bayu mengatakan harga saham bank naik tajam. Menurut dia, "
            "kenaikan itu wajar. Lucky Bayu mengajar di Universitas Gadjah Mada.")
    k = text.rindex("Lucky Bayu")
    es = [EntitySpan(1, k, k + len("Lucky Bayu"), "PER", id=7)]
    first, second = claims_of(text, es)
    assert first.claimant_id == 7 and first.claimant_text is None
    assert second.claimant_id == 7


def test_person_pronoun_resolves_to_the_nearest_person_not_an_organisation() -> None:
    text = ("Menteri Agus Salim hadir di kantor Bank Mandiri pagi itu. "
            "Ia mengatakan penyaluran kredit akan naik tahun depan.")
    es = ents(text, ("Agus Salim", "PER"), ("Bank Mandiri", "ORG"))
    (c,) = claims_of(text, es)
    assert who(text, c, es) == "Agus Salim"


def test_suffix_pronoun_after_quote_is_the_person() -> None:
    text = ('Ekonom Rudi Hartanto menghadiri diskusi Bank Dunia di Jakarta. '
            '"Pertumbuhan kredit melambat sejak Maret," ujarnya.')
    es = ents(text, ("Rudi Hartanto", "PER"), ("Bank Dunia", "ORG"))
    (c,) = claims_of(text, es)
    assert c.attrs["quote"] == "direct"
    assert who(text, c, es) == "Rudi Hartanto"


def test_group_pronoun_resolves_to_the_organisation() -> None:
    text = ("Direktur Andi Wijaya memimpin rapat Komisi Pemilihan Umum. "
            "Pihaknya menegaskan bahwa logistik pemilu sudah tiba di semua provinsi.")
    es = ents(text, ("Andi Wijaya", "PER"), ("Komisi Pemilihan Umum", "ORG"))
    (c,) = claims_of(text, es)
    assert who(text, c, es) == "Komisi Pemilihan Umum"


def test_english_he_said_is_the_person() -> None:
    text = ("Mayor Jane Doe spoke after the Transport Authority meeting. "
            "He said fares would rise in June.")
    es = ents(text, ("Jane Doe", "PER"), ("Transport Authority", "ORG"))
    (c,) = claims_of(text, es, "en")
    assert text[c.start:c.end] == "fares would rise in June"
    assert who(text, c, es) == "Jane Doe"


def test_english_adding_that_after_a_quote_keeps_the_speaker() -> None:
    text = ('"This is unacceptable," said opposition leader Anies Baswedan, adding that the '
            "ruling should be reviewed.")
    es = ents(text, ("Anies Baswedan", "PER"))
    found = claims_of(text, es, "en")
    assert spans(text, found) == ["This is unacceptable", "the ruling should be reviewed"]
    assert [(c.claimant_id, c.label) for c in found] == [(1, "OPINION"), (1, "OPINION")]


# --- point 8: more reporting verbs, continued speech -----------------------------------

@pytest.mark.parametrize("verb", [
    "menilai", "memuji", "memastikan", "mencatat", "mengimbau", "menyoroti", "menargetkan",
    "berharap", "menegaskan", "menjelaskan", "mengungkapkan", "menyebutkan", "menambahkan",
    "mengklaim", "memperingatkan", "memperkirakan", "memprediksi", "mengeklaim",
    "mengklarifikasi", "bersikeras", "memprediksikan", "menaksir", "berpesan"])
def test_indonesian_reporting_verbs(verb: str) -> None:
    text = f"Ketua koperasi Slamet Riyadi {verb} penjualan pupuk organik di desa itu meningkat."
    es = ents(text, ("Slamet Riyadi", "PER"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "penjualan pupuk organik di desa itu meningkat"
    assert c.claimant_id == 1


@pytest.mark.parametrize("cue", ["kata", "ujar", "tutur", "ucap", "jelas", "imbuh", "tambah",
                                 "tegasnya", "tuturnya", "sanggahnya", "ditambahkannya",
                                 "dijelaskan"])
def test_indonesian_passive_cues_after_a_quote(cue: str) -> None:
    text = f'"Stok beras cukup sampai akhir tahun," {cue} Slamet.'
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "Stok beras cukup sampai akhir tahun"


@pytest.mark.parametrize("verb", ["menampik", "membantah", "menyangkal", "menyanggah",
                                  "mengelak"])
def test_denial_verbs(verb: str) -> None:
    text = f"PT Sinar Abadi {verb} tuduhan tersebut."
    es = ents(text, ("PT Sinar Abadi", "ORG"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "tuduhan tersebut"
    assert (c.label, c.attrs["stance"], c.claimant_id) == ("DENIAL", "denies", 1)


def test_negated_cue_reports_nothing() -> None:
    text = "Kementerian Luar Negeri tidak segera mengonfirmasi jadwal kunjungan tersebut."
    assert claims_of(text) == []


def test_quote_continues_in_the_same_paragraph_and_the_next() -> None:
    text = ('"Kami tidak akan menaikkan tarif," kata Dewi Lestari. "Subsidi tetap '
            'berjalan sampai Desember."\n"Semua pihak sudah sepakat soal itu."\n'
            "Berita lain menyusul.")
    es = ents(text, ("Dewi Lestari", "PER"))
    found = claims_of(text, es)
    assert spans(text, found) == ["Kami tidak akan menaikkan tarif",
                                  "Subsidi tetap berjalan sampai Desember.",
                                  "Semua pihak sudah sepakat soal itu."]
    assert [c.claimant_id for c in found] == [1, 1, 1]
    assert found[1].cue is None and found[1].attrs["quote"] == "direct"


def test_a_quote_split_by_its_attribution_is_two_claims_of_one_speaker() -> None:
    text = ('"Kondisi ini harus segera diatasi," tutur Ketua Komisi IV DPR Sudin, '
            '"sebelum panen raya tiba."')
    es = ents(text, ("Sudin", "PER"))
    found = claims_of(text, es)
    assert spans(text, found) == ["Kondisi ini harus segera diatasi",
                                  "sebelum panen raya tiba."]
    assert [c.claimant_id for c in found] == [1, 1]


def test_pihaknya_sentence_continues_the_reported_speech() -> None:
    text = ("Direktur Utama PT Transjakarta Welfizon Yuza mengatakan, jumlah penumpang naik "
            "20 persen. Pihaknya juga akan menambah 100 bus listrik tahun depan.\n"
            "Pihaknya tidak hadir dalam rapat itu.")
    es = ents(text, ("Welfizon Yuza", "PER"))
    found = claims_of(text, es)
    assert spans(text, found) == ["jumlah penumpang naik 20 persen",
                                  "Pihaknya juga akan menambah 100 bus listrik tahun depan"]
    assert [c.claimant_id for c in found] == [1, 1]
    assert found[1].cue is None and found[1].label == "PREDICTION"


def test_source_with_date_between_and_inner_verb_wins() -> None:
    text = ("Mengutip Reuters, Rabu (6/9), pertemuan itu akan membahas pasokan senjata. "
            "Mengutip Reuters, pejabat AS menyatakan keduanya akan bertemu pekan depan.")
    es = ents(text, ("Reuters", "ORG"))
    first, second = claims_of(text, es)
    assert text[first.start:first.end] == "pertemuan itu akan membahas pasokan senjata"
    assert first.claimant_id == 1
    assert text[second.cue_start or 0:second.cue_end or 0] == "menyatakan"
    assert second.claimant_text == "pejabat AS"


def test_kata_opening_a_sentence_names_the_speaker_first() -> None:
    text = "Kata Jokowi, harga beras akan turun bulan depan. Kata itu jarang dipakai."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "harga beras akan turun bulan depan"
    assert c.claimant_text == "Jokowi"


def test_hal_itu_disampaikan_attributes_the_sentence_before() -> None:
    text = ("Cadangan devisa naik menjadi 146 miliar dolar AS pada Desember. Hal itu "
            "disampaikan oleh Kepala Departemen Komunikasi BI Erwin Haryono di Jakarta.")
    (c,) = claims_of(text)
    assert text[c.start:c.end] == ("Cadangan devisa naik menjadi 146 miliar dolar AS pada "
                                   "Desember")
    assert c.claimant_text == "Erwin Haryono"
    assert text[c.cue_start or 0:c.cue_end or 0] == "Hal itu disampaikan"
    # an already claimed sentence is not claimed twice
    text = ("Sri Mulyani menyebut defisit mencapai 0,34 persen. Hal itu disampaikan Sri "
            "Mulyani di Jakarta.")
    assert len(claims_of(text)) == 1


def test_a_short_cue_word_after_menurut_is_an_everyday_word() -> None:
    text = ("Menurut Kepala BPS Amalia Widyasanti, nilai ekspor pada Maret mencapai 22,43 "
            "miliar dolar AS.")
    es = ents(text, ("Amalia Widyasanti", "PER"), ("BPS", "ORG"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "nilai ekspor pada Maret mencapai 22,43 miliar dolar AS"
    assert c.claimant_id == 1 and c.label == "CHECKWORTHY"


def test_speaker_phrase_with_place_and_date_chunks() -> None:
    text = ("Hendra dalam konferensi pers di Gedung Thamrin BI, Jakarta, Kamis (18/1/2024), "
            "mengatakan inflasi inti tetap terjaga.")
    (c,) = claims_of(text)
    assert c.claimant_text == "Hendra"


def test_bahwa_in_the_next_sentence_is_not_this_cue_s() -> None:
    text = ("Kedua menteri sepakat memperkuat kerja sama maritim, demikian keterangan "
            "Kementerian Luar Negeri.\nRetno menyampaikan bahwa perdagangan naik 20 persen.")
    found = claims_of(text)
    assert spans(text, found) == ["Kedua menteri sepakat memperkuat kerja sama maritim",
                                  "perdagangan naik 20 persen"]
    assert found[0].claimant_text == "Kementerian Luar Negeri"


def test_courtesies_after_a_reporting_verb_are_no_claims() -> None:
    text = "Ketua panitia Andi menyampaikan terima kasih kepada seluruh relawan."
    assert claims_of(text) == []


@pytest.mark.parametrize(("text", "claim"), [
    ("Presiden menyampaikan pidato kenegaraan di Gedung DPR.", None),
    ("Polisi melaporkan kasus itu ke kejaksaan.", None),
    ("Presiden menyampaikan harga beras akan turun.", "harga beras akan turun"),
    ("Polisi melaporkan 12 rumah rusak berat.", "12 rumah rusak berat"),
    ("Walhi menyoroti lemahnya penegakan hukum.", "lemahnya penegakan hukum"),  # OPINION cue
])
def test_a_plain_verb_needs_a_clause_not_an_object(text: str, claim: str | None) -> None:
    assert spans(text, claims_of(text)) == ([claim] if claim else [])


def test_a_trailing_attribution_ends_the_reported_clause() -> None:
    text = "Rina mengatakan inflasi naik tajam bulan ini, menurut data BPS."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "inflasi naik tajam bulan ini"


# --- point 9: labels from the claim's words ----------------------------------------------

@pytest.mark.parametrize(("clause", "label"), [
    ("kebijakan itu sangat tepat untuk petani", "OPINION"),
    ("pemerintah harus segera turun tangan", "OPINION"),
    ("produksi padi diperkirakan naik tahun depan", "PREDICTION"),
    ("target ekspor tercapai pada 2025", "PREDICTION"),
    ("tidak benar perusahaan menunggak gaji karyawan", "DENIAL"),
    ("ekspor kopi naik 12 persen menjadi 3,1 juta ton", "CHECKWORTHY"),
])
def test_label_from_the_claim_words(clause: str, label: str) -> None:
    text = f"Ketua asosiasi Budi Santoso mengatakan {clause}."
    (c,) = claims_of(text)
    assert c.label == label


def test_cue_label_beats_content_but_not_the_future() -> None:
    text = "Pengamat Tono Sudarmo menilai kebijakan itu akan gagal."
    (c,) = claims_of(text)
    assert c.label == "PREDICTION"
    text = "Pengamat Tono Sudarmo menilai kebijakan itu keliru."
    (c,) = claims_of(text)
    assert c.label == "OPINION"


# --- claim_at: the claim key ------------------------------------------------------------

TEXT = ('Rapat berlangsung tertutup di Jakarta.\n'
        '"Kami tidak akan mundur dari kesepakatan ini," kata Menteri Andi Lubis, Senin.\n'
        'Juru bicara kementerian, Rina Sari, mengatakan, kontrak baru ditandatangani pekan '
        'depan.\nSuasana rapat cukup tegang sepanjang hari.')
TEXT_ENTS = ents(TEXT, ("Andi Lubis", "PER"), ("Rina Sari", "PER"))


def test_claim_at_inside_a_quote_gives_the_quoted_words() -> None:
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, TEXT.index("mundur"))
    assert hint is not None
    assert TEXT[hint.start:hint.end] == "Kami tidak akan mundur dari kesepakatan ini"
    assert hint.attrs["quote"] == "direct"
    assert hint.claimant_id == 1 and TEXT[hint.cue_start or 0:hint.cue_end or 0] == "kata"
    assert hint.label == "PREDICTION" and hint.suggested


def test_claim_at_on_the_attribution_gives_the_quote_it_attributes() -> None:
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, TEXT.index("Menteri Andi"))
    assert hint is not None
    assert TEXT[hint.start:hint.end] == "Kami tidak akan mundur dari kesepakatan ini"


def test_claim_at_in_reported_speech_gives_the_clause() -> None:
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, TEXT.index("Juru bicara"))
    assert hint is not None
    assert TEXT[hint.start:hint.end] == "kontrak baru ditandatangani pekan depan"
    assert hint.claimant_id == 2 and hint.attrs["quote"] == "indirect"


def test_claim_at_without_a_cue_gives_the_sentence() -> None:
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, TEXT.index("tegang"))
    assert hint is not None
    assert TEXT[hint.start:hint.end] == "Suasana rapat cukup tegang sepanjang hari"
    assert not hint.suggested and hint.cue_start is None and hint.claimant_id is None
    assert hint.label == "OPINION"  # "cukup": an evaluative word


def test_claim_at_a_selection_keeps_it_without_quote_marks() -> None:
    start = TEXT.index('"Kami')
    end = TEXT.index("ini,") + 3
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, start, end)
    assert hint is not None
    assert TEXT[hint.start:hint.end] == "Kami tidak akan mundur dari kesepakatan ini"
    part = TEXT.index("tidak akan")
    hint = claim_at(make_doc(TEXT), TEXT_ENTS, part, part + len("tidak akan mundur"))
    assert hint is not None and TEXT[hint.start:hint.end] == "tidak akan mundur"
    # the suggestion it lies in lends its speaker and cue; the selection stays as made
    assert hint.claimant_id == 1 and hint.cue_start is not None and not hint.suggested
    assert hint.attrs["quote"] == "direct"


def test_claim_at_nothing_there() -> None:
    doc = make_doc("Satu kalimat saja.\n\n")
    assert claim_at(doc, [], len(doc.text) + 5) is None
    assert claim_at(doc, [], len(doc.text) - 1) is None
    assert claim_at(make_doc("   "), [], 0) is None


def test_claim_at_in_a_language_without_cues_still_shapes_quotes() -> None:
    text = 'Er sagte: "Das Projekt wird teurer als geplant." Danach ging er.'
    hint = claim_at(make_doc(text, "de"), [], text.index("teurer"), lang="de")
    assert hint is not None and text[hint.start:hint.end] == (
        "Das Projekt wird teurer als geplant.")
    assert hint.label is None


# --- never a bad span ---------------------------------------------------------------------

_WORDS = ["kata", "ujarnya", "mengatakan", "bahwa", "menurut", "Menurut", "dikabarkan", "Ia",
          "Budi", "Santoso", "BI", "harga", "akan", "naik", "tidak", "benar", "Hal", "itu",
          "disampaikan", "Kepala", "said", "that", "he", "5,2", "persen", "(18/1)", "-"]
_PUNCT = [" ", " ", " ", ", ", ". ", "\n", '"', "“", "”", "‘", "’", ": ", "(", ")"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + _PUNCT), max_size=60), st.integers(0, 400),
       st.integers(0, 30), st.sampled_from(["id", "en"]))
def test_spans_are_always_inside_the_text(parts: list[str], caret: int, width: int,
                                          lang: str) -> None:
    text = "".join(parts)
    tokens = tokenize(text)
    entities = [EntitySpan(1, s, e, "PER" if k % 2 else "ORG", id=k + 1)
                for k, (s, e) in enumerate(tokens[::7])]
    doc = make_doc(text, lang)
    for c in suggest_claims(doc, entities, lang):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == text[c.start:c.end].strip()
        assert c.claimant_id is None or c.claimant_id in {e.id for e in entities}
    caret = min(caret, len(text))
    for end in (None, min(len(text), caret + width)):
        hint = claim_at(doc, entities, caret, end, lang)
        assert hint is None or 0 <= hint.start < hint.end <= len(text)


# --- after the sixth blind batch ----------------------------------------------------------

def test_the_person_last_in_the_speaker_phrase_heads_it() -> None:
    # a recognizer that takes part of the office for a person must not win over the name
    text = ("Ekonom Lembaga Kajian Pasar Darma Wibisono berpendapat pemerintah sebaiknya "
            "menunda kenaikan tarif listrik.")
    es = ents(text, ("Lembaga Kajian", "PER"), ("Darma Wibisono", "PER"))
    (c,) = claims_of(text, es)
    assert who(text, c, es) == "Darma Wibisono"


def test_a_misc_span_over_title_and_name_leaves_the_name() -> None:
    text = ("Menteri Pangan dan Maritim Rosa Kinanti menyatakan stok beras nasional cukup "
            "hingga Maret.")
    es = ents(text, ("Maritim Rosa Kinanti", "MISC"))
    (c,) = claims_of(text, es)
    assert c.claimant_text == "Rosa Kinanti"


@pytest.mark.parametrize("cue", ["dibantah oleh", "dibantah", "ditepis", "disangkal oleh"])
def test_a_passive_denial_claims_its_subject_and_names_the_agent(cue: str) -> None:
    text = f"Kabar bahwa stok vaksin di klinik habis {cue} Dinas Kesehatan Kota Lerang."
    es = ents(text, ("Dinas Kesehatan Kota Lerang", "ORG"))
    (c,) = claims_of(text, es)
    assert text[c.start:c.end] == "stok vaksin di klinik habis"
    assert c.label == "DENIAL"
    assert c.attrs["stance"] == "denies"
    assert who(text, c, es) == "Dinas Kesehatan Kota Lerang"
    # without "bahwa" the subject itself is what was denied
    text = f"Tuduhan penggelapan dana itu {cue} Yudi Prakasa."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "Tuduhan penggelapan dana itu"
    assert c.claimant_text == "Yudi Prakasa"


@pytest.mark.parametrize(("clause", "label"), [
    # a condition opening the claim: what would follow has not happened yet
    ("kalau hujan terus turun, panen cabai bisa gagal total", "PREDICTION"),
    ("jika pasokan tersendat, harga beras naik lagi", "PREDICTION"),
    # ... unless an obligation makes it a judgement
    ("jika ingin hemat, warga harus mematikan lampu di siang hari", "OPINION"),
    # likelihood and resolve
    ("tim muda itu berpeluang besar menjuarai liga", "PREDICTION"),
    ("pabrik itu bertekad menambah dua lini produksi", "PREDICTION"),
    # evaluative words of the language at large
    ("pelabuhan itu adalah aset strategis bagi provinsi", "OPINION"),
    ("situasi air bersih di desa itu sudah darurat", "OPINION"),
    ("peredaran obat palsu merusak kepercayaan publik", "OPINION"),
    # a denial in the claim's words, after a neutral verb
    ("anak buahnya tidak terlibat penggelapan dana desa", "DENIAL"),
    ("kliennya tidak bersalah dalam perkara pencucian uang", "DENIAL"),
])
def test_label_from_conditions_likelihood_evaluation_and_denial_words(clause: str,
                                                                      label: str) -> None:
    text = f"Ketua koperasi Wawan Hartono mengatakan {clause}."
    (c,) = claims_of(text)
    assert c.label == label


def test_an_appeal_with_agar_is_an_opinion() -> None:
    text = ("Kepala sekolah Lilis Marlina mengingatkan agar orang tua tidak membuang sampah "
            "ke sungai.")
    (c,) = claims_of(text)
    assert text[c.start:c.end].startswith("agar orang tua")
    assert c.label == "OPINION"


def test_a_title_before_an_office_that_swallowed_the_name_gives_the_person() -> None:
    # a recognizer ran the office and the name together into one ORG span
    text = "Kepala Badan Gizi BGN Rudi Santika mengatakan stok susu sekolah cukup."
    es = ents(text, ("Badan Gizi BGN Rudi Santika", "ORG"))
    (c,) = claims_of(text, es)
    assert c.claimant_id is None
    assert c.claimant_text == "Rudi Santika"
    # an office alone (no title before it) stays the organisation
    text = "Badan Gizi BGN mengatakan stok susu sekolah cukup."
    es = ents(text, ("Badan Gizi BGN", "ORG"))
    (c,) = claims_of(text, es)
    assert who(text, c, es) == "Badan Gizi BGN"


def test_a_passive_attribution_opening_a_sentence_names_its_speaker() -> None:
    text = ("Kepala dinas Joko Prasetyo mengatakan uji coba jalur sepeda berjalan lancar.\n"
            "Dikatakan Joko, pihaknya sudah memasang 40 rambu baru di jalur itu.\n"
            "Ditambahkannya, anggaran proyek itu berasal dari APBD 2024.\n")
    found = claims_of(text)
    assert spans(text, found) == [
        "uji coba jalur sepeda berjalan lancar",
        "pihaknya sudah memasang 40 rambu baru di jalur itu",
        "anggaran proyek itu berasal dari APBD 2024"]
    # the pronoun suffix is the previous claim's speaker
    assert [c.claimant_text for c in found] == ["Joko Prasetyo", "Joko", "Joko"]
    # "dijelaskan" in the middle of a sentence is no attribution
    assert claims_of("Aturan itu seperti dijelaskan dalam pasal lima undang-undang.") == []


def test_an_appeal_with_meminta_agar_is_an_opinion_but_a_plain_request_is_no_claim() -> None:
    text = "Ketua RT Slamet Riyadi meminta agar warga menjaga kebersihan selokan."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "warga menjaga kebersihan selokan"
    assert c.label == "OPINION"
    assert claims_of("Penyidik meminta keterangan dari tiga saksi di kantor polisi.") == []


def test_an_urged_action_is_an_opinion_not_a_prediction() -> None:
    text = "Anggota dewan Yosef Lamuri mendesak pemerintah segera membuka keran impor."
    (c,) = claims_of(text)
    assert c.label == "OPINION"
    text = "Ketua koperasi Yosef Lamuri mengatakan transisi energi adalah keniscayaan."
    (c,) = claims_of(text)
    assert c.label == "OPINION"


def test_a_denial_denied_is_an_admission() -> None:
    text = "Kapten tim Raka Widjaja tak menampik timnya berada di bawah tekanan."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "timnya berada di bawah tekanan"
    assert (c.label, c.attrs["stance"]) == ("CHECKWORTHY", "asserts")


def test_a_described_speaker_marked_as_known_is_the_one_named_before() -> None:
    text = ('Pelatih Hendra Gunawan menyampaikan: "Kami sudah mempelajari lawan."\n'
            '"Tapi sepak bola bukan soal nama besar," lanjut pelatih asal Surabaya itu.\n')
    found = claims_of(text)
    assert [c.claimant_text for c in found] == ["Hendra Gunawan", "Hendra Gunawan"]
    es = ents(text, ("Hendra Gunawan", "PER"), ("Surabaya", "LOC"))
    assert [who(text, c, es) for c in claims_of(text, es)] == ["Hendra Gunawan"] * 2
    # an unnamed source stays as it is written (the guideline's "sumber tersebut")
    text = "Harga gas akan naik bulan depan, kata sumber tersebut."
    (c,) = claims_of(text)
    assert c.claimant_text == "sumber tersebut"


def test_menurut_data_names_the_source_not_the_data() -> None:
    text = "Menurut data Dinas Pertanian, produksi jagung naik 8 persen tahun ini."
    (c,) = claims_of(text)
    assert c.claimant_text == "Dinas Pertanian"


def test_a_judging_superlative_is_an_opinion_a_measured_one_is_not() -> None:
    (c,) = claims_of("Pelatih Hendra Gunawan mengatakan mereka tim terbaik di Asia.")
    assert c.label == "OPINION"
    (c,) = claims_of("Pelatih Hendra Gunawan mengatakan gedung itu yang terbesar di kota.")
    assert c.label == "CHECKWORTHY"
