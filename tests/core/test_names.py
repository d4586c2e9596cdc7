"""The model-free ``names`` recognizer and the alias tables (made-up names only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import AnnotatorError
from annotator.core.recognizers import OFFLINE, PRIORITY, available, preannotate
from annotator.core.recognizers.aliases import _read
from annotator.core.recognizers.gazetteer import Gazetteer
from annotator.core.recognizers.names import Names, recognize_text, spans_text
from annotator.core.store import NewDocument, Project


def found(text: str, lang: str = "id") -> list[tuple[str, str]]:
    return spans_text(text, recognize_text(text, lang))


def test_registered_offline_and_before_the_gazetteer() -> None:
    assert "names" in available() and "names" in OFFLINE
    assert PRIORITY.index("stanza-ner") < PRIORITY.index("names") < PRIORITY.index("gazetteer")


def test_a_capitalised_run_is_a_person_and_function_words_are_not_names() -> None:
    text = "Namun Larasati Wulandari menolak tawaran itu. Anda tahu, kata Larasati."
    assert found(text) == [("Larasati Wulandari", "PER"), ("Larasati", "PER")]


def test_sentence_start_word_seen_in_lower_case_elsewhere_is_not_a_name() -> None:
    text = ("Pertemuan Bagus Santosa dengan warga berlangsung lama. Warga senang. "
            "Setelah pertemuan itu, warga pulang.")
    got = found(text)
    assert ("Bagus Santosa", "PER") in got
    assert not any(t.startswith(("Pertemuan", "Warga", "Setelah")) for t, _ in got)


def test_unknown_single_word_at_a_sentence_start_is_not_suggested() -> None:
    assert found("Kekeringan melanda ladang. Hujan belum turun.") == []


def test_dateline_outlet_and_city() -> None:
    got = found("JAKARTA, KOMPAS.com - Harga cabai naik lagi.\nCabai langka.")
    assert got[:2] == [("JAKARTA", "LOC"), ("KOMPAS.com", "ORG")]
    got = found("WARTAKITA.CO.ID - BANDUNG. Harga beras turun.")
    assert got[:2] == [("WARTAKITA.CO.ID", "ORG"), ("BANDUNG", "LOC")]


def test_titles_split_a_run() -> None:
    got = found("Deputi Gubernur BI Hendra Wibisana mengatakan inflasi terkendali.")
    assert got == [("BI", "ORG"), ("Hendra Wibisana", "PER")]
    got = found("Hal itu disampaikan Menteri Luar Negeri Ratna Kumalasari di Bandung.")
    assert ("Ratna Kumalasari", "PER") in got
    assert not any("Menteri" in t or "Luar" in t for t, _ in got)


def test_a_title_in_lower_case_before_the_run_makes_employer_and_person() -> None:
    got = found("Sementara itu, manajer operasional Gemilang Trans Yudha Pratama "
                "menambah armada. Gemilang Trans juga membuka rute baru.")
    assert got[:2] == [("Gemilang Trans", "ORG"), ("Yudha Pratama", "PER")]
    assert got[2] == ("Gemilang Trans", "ORG")  # the same name, the same label


def test_acronym_defined_in_brackets_gets_the_expansion_label_everywhere() -> None:
    text = ("Komite Sawit Lestari (KSL) menolak aturan baru. Menurut KSL, aturan itu "
            "merugikan petani. Bank Indonesia (BI) diam.")
    got = found(text)
    assert got.count(("KSL", "ORG")) == 2
    assert ("Komite Sawit Lestari", "ORG") in got
    assert ("Bank Indonesia", "ORG") in got and ("Indonesia", "LOC") not in got
    # the expansion can be a place: the acronym is that place too
    got = found("Warga Papua Nugini (PNG) menyeberang. Perbatasan PNG dijaga ketat.")
    assert got.count(("PNG", "LOC")) == 2


def test_full_name_makes_later_short_mentions_the_same_person() -> None:
    text = ("Pelatih Dimas Arjuna memuji pemainnya. \"Mereka luar biasa,\" ujar Dimas. "
            "Menurut Arjuna, latihan akan ditambah.")
    got = found(text)
    assert ("Dimas Arjuna", "PER") in got and ("Dimas", "PER") in got
    assert ("Arjuna", "PER") in got


def test_longer_name_wins_over_a_gazetteer_name_inside_it(tmp_path: Path) -> None:
    text = ("Bank Indonesia menahan suku bunga. Laporan New York Times soal Indonesia "
            "dikutip luas. Warga New York ikut membaca.")
    with Project(tmp_path / "p.annotator.db") as project:
        doc_id = project.documents.insert([NewDocument(text, lang="id")]).doc_ids[0]
        preannotate(project, ["names", "gazetteer", "dates"])
        got = {(text[e.start:e.end], e.label) for e in project.spans.list(doc_id)}
    assert ("Bank Indonesia", "ORG") in got
    assert ("New York Times", "ORG") in got
    assert ("New York", "LOC") in got  # the city alone, in the last sentence
    assert sum(1 for t, lab in got if t == "Indonesia" and lab == "LOC") == 1  # not in "Bank ..."


def test_a_name_ending_in_a_country_is_one_organisation() -> None:
    assert found("Bantuan dari Palang Hijau Indonesia tiba di lokasi.") == [
        ("Palang Hijau Indonesia", "ORG")]


def test_month_and_weekday_names_are_never_part_of_a_name() -> None:
    got = found("Rapat digelar pada Selasa bersama Nina Kirana dan berlanjut hingga Agustus.")
    assert got == [("Nina Kirana", "PER")]


def test_places_listed_with_known_places_are_places() -> None:
    got = found("Banjir melanda Medan, Tarutung, dan Sibolga kemarin.")
    assert got == [("Medan", "LOC"), ("Tarutung", "LOC"), ("Sibolga", "LOC")]


def test_org_head_words_and_tail_words() -> None:
    got = found("Kerja sama Universitas Bukit Cerah dan PT Sumber Air Tbk diumumkan kemarin.")
    assert ("Universitas Bukit Cerah", "ORG") in got and ("PT Sumber Air Tbk", "ORG") in got


def test_headline_words_need_evidence() -> None:
    text = "Warga Tolak Tambang Pasir di Kali Bening\nWarga desa menolak tambang pasir itu."
    assert found(text) == []


def test_recognizer_version_follows_term_lists(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("Sumber Air\tORG\n", encoding="utf-8")
    assert Names().version != Names(term_files=[terms]).version


def test_aliases_reach_the_gazetteer() -> None:
    g = Gazetteer()
    assert g.lookup("id", "Moskow") == ("LOC", 0.85)
    assert g.lookup("id", "Korut") is not None and g.lookup("id", "Korsel") is not None
    assert g.lookup("id", "AS") == ("LOC", 0.85)


def test_a_bad_alias_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "xx.toml"
    bad.write_text('LOC = "Moskow"\n', encoding="utf-8")
    with pytest.raises(AnnotatorError, match="must be a label with a list of names"):
        _read(bad)
    bad.write_text("LOC = [\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="not a valid alias table"):
        _read(bad)


def test_employer_between_title_and_person_when_both_stand_alone_elsewhere() -> None:
    text = ("Pelatih Garuda Muda Rendra Kusuma puas. Garuda Muda menang. \"Kami sabar,\" "
            "kata Kusuma.")
    got = found(text)
    assert got[:2] == [("Garuda Muda", "ORG"), ("Rendra Kusuma", "PER")]
    # without that evidence a three-word name after a title stays one person
    assert found("Ketua Lestari Ayu Wandira tiba.") == [("Lestari Ayu Wandira", "PER")]


def test_comma_series_inside_an_organisation_name() -> None:
    got = found("Kata Badan Tanah, Air, dan Udara (BTAU) soal itu jelas.")
    assert got == [("Badan Tanah, Air, dan Udara", "ORG"), ("BTAU", "ORG")]


def test_products_after_a_cue_and_currency_are_not_names() -> None:
    got = found("Warga tertipu aplikasi Untung Cepat hingga Rp 40 juta.")
    assert got == [("Untung Cepat", "MISC")]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    got = found("Rektor Prof. Dr. Siti Rahmawati menerima M. Nasir di Jl. Merdeka Barat. "
                "Ia datang bersama H. Ahmad Fauzi.")
    assert got == [("Siti Rahmawati", "PER"), ("M. Nasir", "PER"), ("Jl. Merdeka Barat", "LOC"),
                   ("Ahmad Fauzi", "PER")]


def test_bracketed_dateline() -> None:
    assert found("LONDON (Reuters) - Prime Minister Rishi Sunak spoke.", "en") == [
        ("LONDON", "LOC"), ("Reuters", "ORG"), ("Rishi Sunak", "PER")]
    got = found("Jakarta (WARTAKU) - Bendungan Sadawarna diresmikan.")
    assert got == [("Jakarta", "LOC"), ("WARTAKU", "ORG"), ("Bendungan Sadawarna", "LOC")]


def test_derived_nouns_continue_a_title_and_acronyms_in_a_row_are_one_organisation() -> None:
    got = found("Kepala Bidang Pembinaan DPP PKS Ratih Sanjaya hadir.")
    assert got == [("DPP PKS", "ORG"), ("Ratih Sanjaya", "PER")]


def test_single_names_listed_with_people_are_people() -> None:
    got = found("Dua awak kapal, Syahril dan Dedi Kusnadi, ditangkap.")
    assert got == [("Syahril", "PER"), ("Dedi Kusnadi", "PER")]


def test_employer_ending_in_an_organisation_word() -> None:
    got = found("Analis Cahaya Sekuritas Rudi Hartawan menilai pasar stabil. "
                "\"Stabil,\" kata Rudi.")
    assert got[:2] == [("Cahaya Sekuritas", "ORG"), ("Rudi Hartawan", "PER")]


def test_english_names_with_the_in_indonesian_news() -> None:
    got = found("Investor menunggu keputusan The Fed dan laporan The Jakarta Post.")
    assert got == [("The Fed", "ORG"), ("The Jakarta Post", "ORG")]
    # in English text "The" is an article
    assert found("Investors wait for the Fed, analysts say.", "en") == [("Fed", "ORG")]


def test_a_label_accepted_elsewhere_wins_over_the_guess(tmp_path: Path) -> None:
    from annotator.core import commands

    texts = ["Operator bus Sinar Jaya menambah armada.",
             "Penumpang memilih Sinar Jaya karena murah."]
    with Project(tmp_path / "p.annotator.db") as project:
        ids = project.documents.insert(NewDocument(t, lang="id") for t in texts).doc_ids
        preannotate(project, ["names"], [ids[1]])
        guessed = {(texts[1][e.start:e.end], e.label) for e in project.spans.list(ids[1])}
        assert ("Sinar Jaya", "PER") in guessed  # two unknown words: a person, by default
        start = texts[0].index("Sinar Jaya")
        project.execute(commands.AddEntity(ids[0], start, start + 10, "ORG"))
        report = preannotate(project, ["names", "dictionary"])
        assert report.ran["names"] == 2  # a new decision: names runs again everywhere
        assert report.cached["names"] == 0
        got = {(texts[1][e.start:e.end], e.label, e.source) for e in project.spans.list(ids[1])}
        assert ("Sinar Jaya", "ORG", "names") in got
        # the window's first view leaves the project's decisions out (and its cost)
        assert Names(accepted=False).version != get_names_version(project)


def get_names_version(project: Project) -> str:
    names = Names()
    names.prepare(project)
    return names.version


def test_after_a_title_an_employer_defined_in_brackets_splits_from_the_person() -> None:
    text = ("Lembaga Pangan Raya (Lapara) menaikkan stok. Kepala Lapara Bastian Wirawan "
            "meminta pasar dipantau.")
    got = found(text)
    assert ("Lapara", "ORG") in got
    assert ("Bastian Wirawan", "PER") in got
    assert not any(t.startswith("Lapara Bastian") for t, _ in got)


def test_after_a_title_a_part_of_a_longer_name_elsewhere_is_the_employer() -> None:
    text = ("PT Tirta Sumber Lestari Tbk menambah pabrik. Sekretaris Perusahaan Tirta Sumber "
            "Lestari Marlina Oktaviani menyebut nilainya besar.")
    got = found(text)
    assert ("Tirta Sumber Lestari", "ORG") in got
    assert ("Marlina Oktaviani", "PER") in got


def test_a_regent_of_a_regency_named_elsewhere_is_place_then_person() -> None:
    text = ("Banjir melanda Kabupaten Lembah Hijau sejak pagi. Bupati Lembah Hijau "
            "Darmanto Sihombing menetapkan status darurat.")
    got = found(text)
    assert ("Lembah Hijau", "LOC") in got
    assert ("Darmanto Sihombing", "PER") in got


def test_state_company_and_hall_heads() -> None:
    got = found("Hari ini Perum Tirtamas membuka gudang dekat GOR Sentosa Jaya, "
                  "kata warga.")
    assert ("Perum Tirtamas", "ORG") in got
    assert ("GOR Sentosa Jaya", "LOC") in got


def _dates(text: str, lang: str = "id") -> list[str]:
    from annotator.core.model import Document
    from annotator.core.recognizers.dates import Dates

    doc = Document(id=1, external_id="d", text=text, lang=lang)
    return [text[s.start:s.end] for s in sorted(Dates().recognize(doc), key=lambda s: s.start)]


def test_news_relative_dates_and_periods() -> None:
    got = _dates("Harga naik sejak awal Maret, pekan lalu dan akhir tahun lalu; "
                 "awal musim ini sepi, pertengahan bulan Oktober ramai.")
    assert got == ["awal Maret", "pekan lalu", "akhir tahun lalu", "awal musim ini",
                   "Oktober"]


def test_a_bare_year_or_short_month_after_a_preposition_is_a_date() -> None:
    got = _dates("Pabrik dibangun pada 2027 dan beroperasi hingga Mei. Ada 2027 karyawan.")
    assert got == ["2027", "Mei"]
    assert _dates("Prices rose in 2031 and again last week.", "en") == ["2031", "last week"]


def test_a_word_after_a_double_dash_dateline_is_a_sentence_start() -> None:
    got = found("MAKASSAR, Warta Timur -- Longsor menimbun jalan. Longsor susulan terjadi.")
    assert ("Longsor", "ORG") not in got
    assert ("MAKASSAR", "LOC") in got


def test_a_mixed_case_acronym_in_brackets_is_an_organisation() -> None:
    got = found("Peneliti dari Pusat Kajian Siber Nusantara (PaKSiNus) menemukan celah. "
                "Temuan PaKSiNus dikirim ke pemerintah.")
    assert ("PaKSiNus", "ORG") in got
    assert ("PaKSiNus", "PER") not in got


def test_a_name_before_a_year_is_an_event() -> None:
    got = found("Tim itu menjuarai Kejuaraan Rimba Raya 2031 dan ikut Piala Samudra 2032.")
    assert ("Kejuaraan Rimba Raya 2031", "MISC") in got
    assert ("Piala Samudra 2032", "MISC") in got


def test_initials_and_single_letters_are_no_names() -> None:
    got = found("Polisi menangkap pria berinisial QW dengan kunci letter T di Sleman.")
    assert [t for t, _ in got] == ["Sleman"]


def test_a_roman_numeral_stays_in_the_name_and_a_known_employer_takes_the_person() -> None:
    got = found("Komisi VII DPR menggelar rapat. Ketua Komisi VII DPR Sutarjo menolak usul itu.")
    assert got == [("Komisi VII DPR", "ORG"), ("Komisi VII DPR", "ORG"), ("Sutarjo", "PER")]


def test_company_form_in_brackets_is_no_name() -> None:
    got = found("Pasokan dijamin PT Tirta Lestari (Persero) sejak lama.")
    assert got == [("PT Tirta Lestari", "ORG")]


def test_a_full_name_after_a_title_keeps_its_short_mention_whole() -> None:
    got = found("Menteri Sosial Ratna Dewi Kartika meninjau dapur umum. Ratna Dewi juga hadir.")
    assert ("Ratna Dewi Kartika", "PER") in got
    assert ("Ratna Dewi", "PER") in got


def test_a_post_before_a_rank_is_no_name_but_a_street_after_a_general_is() -> None:
    got = found("Kapolda Metro Tirta Irjen Budiman Halim datang ke Jalan Jenderal Gatot "
                "Perkasa.")
    assert got == [("Budiman Halim", "PER"), ("Jalan Jenderal Gatot Perkasa", "LOC")]


def test_abbreviations_of_common_nouns_are_no_names() -> None:
    got = found("Subsidi BBM dan PPh bagi UMKM dibahas Kementerian Keuangan pekan ini.")
    assert [t for t, _ in got] == ["Kementerian Keuangan"]


def test_after_a_title_an_organisation_ends_at_the_place_in_its_name() -> None:
    got = found("Rektor Universitas Indonesia Haryanto Sumarsono membuka acara. Pelatih "
                "Timnas Indonesia Ruud Kampman memanggil pemain.")
    assert got == [("Universitas Indonesia", "ORG"), ("Haryanto Sumarsono", "PER"),
                   ("Timnas Indonesia", "ORG"), ("Ruud Kampman", "PER")]
