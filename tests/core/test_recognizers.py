"""Offline recognizers (CLDR dates and names, dictionary) and the pre-annotation runner."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core import commands
from annotator.core.cancel import CancelFlag
from annotator.core.model import AnnotatorError, Document, EntitySpan, SpanStatus
from annotator.core.recognizers import Suggestion, available, get, preannotate, project_lang
from annotator.core.recognizers.base import PRIORITY, register, unregister
from annotator.core.recognizers.dates import Dates
from annotator.core.recognizers.dictionary import Dictionary
from annotator.core.recognizers.gazetteer import Gazetteer, read_term_file
from annotator.core.store import Changes, NewDocument, Project


def texts(recognizer: object, text: str, lang: str) -> list[tuple[str, str]]:
    doc = Document(1, "t", text, lang=lang)
    found = recognizer.recognize(doc)  # type: ignore[attr-defined]
    for s in found:
        assert text[s.start:s.end].strip() == text[s.start:s.end]
    return [(text[s.start:s.end], s.label) for s in found]


# --- dates -------------------------------------------------------------------------


def test_dates_indonesian_forms_from_cldr() -> None:
    text = ("Rapat digelar pada Kamis (14/3/2024) di gedung itu. Festival berlangsung "
            "21-23 Oktober, sedangkan pameran dibuka 5 Februari 2024 dan ditutup Maret 2024. "
            "Laporan terbit 2024-03-14 dan 14.3.2024. Harga naik 2.500.000 rupiah, "
            "rasio 1.5 dan 31/31/2024 bukan tanggal. Kemarin, pekan ini, Mei saja tidak. "
            "Dia datang Jumat, 15 Maret 2024, lalu Sabtu (16/3).")
    found = [t for t, _ in texts(Dates(), text, "id")]
    assert found == ["Kamis (14/3/2024)", "21-23 Oktober", "5 Februari 2024", "Maret 2024",
                     "2024-03-14", "14.3.2024", "Kemarin",
                     "pekan ini",  # not CLDR's: the [dates] table of resources/cues/id.toml
                     "Jumat, 15 Maret 2024", "Sabtu (16/3)"]


def test_dates_english_forms_and_ambiguous_short_months() -> None:
    text = ("The summit opened on Monday, March 4, 2024 and ended March 7. May I ask why? "
            "Prices fell in May 2023, in August and on 3/4/24; the ratio was 3.5 and "
            "last week was busy. Talks resume 5 Sep 2024.")
    found = [t for t, _ in texts(Dates(), text, "en")]
    assert found == ["Monday, March 4, 2024", "March 7", "May 2023", "August", "3/4/24",
                     "last week", "5 Sep 2024"]
    assert {label for _, label in texts(Dates(), text, "en")} == {"DATE"}


def test_dates_unknown_language_suggests_nothing() -> None:
    assert texts(Dates(), "12 September 2023", "xx-nonexistent") == []


# --- gazetteer --------------------------------------------------------------------


def test_gazetteer_countries_in_the_document_language() -> None:
    g = Gazetteer()
    id_text = ("Delegasi Selandia Baru dan Korea Selatan tiba di Jerman; Korea tidak ikut. "
               "Perserikatan Bangsa-Bangsa mengirim utusan ke Myanmar.")
    assert texts(g, id_text, "id") == [("Selandia Baru", "LOC"), ("Korea Selatan", "LOC"),
                                       ("Jerman", "LOC"),
                                       ("Perserikatan Bangsa-Bangsa", "ORG"), ("Myanmar", "LOC")]
    en_text = "Envoys from New Zealand, Germany and Bosnia and Herzegovina met in Burma."
    assert texts(g, en_text, "en") == [("New Zealand", "LOC"), ("Germany", "LOC"),
                                       ("Bosnia and Herzegovina", "LOC"), ("Burma", "LOC")]
    # the Indonesian names are not found in English text and vice versa
    assert ("Jerman", "LOC") not in texts(g, id_text.replace("Jerman", "Germany"), "id")
    assert texts(g, "Germany", "id") == []


def test_gazetteer_word_boundaries_and_cities() -> None:
    g = Gazetteer()
    assert texts(g, "Orang Jermanik dan Perancis-nya", "id") == []
    found = texts(g, "Warga Tokyo dan Kairo berkumpul.", "id")
    assert found == [("Tokyo", "LOC"), ("Kairo", "LOC")]  # Kairo: CLDR's Indonesian name


def test_user_term_list(tmp_path: Path, project: Project) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("# my terms\nBadan Pusat Statistik\tORG\nJerman Timur\tLOC\n"
                     "Pak Budi\tPER\n", encoding="utf-8")
    g = Gazetteer(term_files=[terms])
    text = "Data Badan Pusat Statistik soal Jerman Timur dan Jerman dibahas Pak Budi."
    assert texts(g, text, "id") == [("Badan Pusat Statistik", "ORG"), ("Jerman Timur", "LOC"),
                                    ("Jerman", "LOC"), ("Pak Budi", "PER")]
    plain = Gazetteer().version
    assert g.version != plain  # editing the list re-runs the gazetteer
    # a term list named in the project settings
    g2 = Gazetteer()
    project.settings.set("term_lists", [str(terms)])
    g2.prepare(project)
    assert g2.version == g.version


def test_bad_term_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Jakarta\tLOC\nno label here\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"bad\.tsv, line 2"):
        read_term_file(bad)


def test_term_files_in_the_data_folder(_isolated_home: Path) -> None:
    (_isolated_home / "terms").mkdir()
    (_isolated_home / "terms" / "orgs.txt").write_text("Kantor Berita Antara\tORG\n",
                                                       encoding="utf-8")
    assert texts(Gazetteer(), "Menurut Kantor Berita Antara.", "id") == [
        ("Kantor Berita Antara", "ORG")]


# --- the runner ---------------------------------------------------------------------

ID_DOCS = [
    "Menteri Luar Negeri Jerman tiba di Jakarta pada Senin (4/3/2024). Budi Santoso menyambut.",
    "Budi Santoso kembali ke Jerman pada 12 Maret 2024 bersama delegasi Belanda.",
    "Tidak ada nama di sini, hanya kalimat biasa.",
]


def fill(project: Project, docs: list[str] = ID_DOCS, lang: str | None = "id") -> list[int]:
    result = project.documents.insert(
        NewDocument(text=t, external_id=f"d{i}", lang=lang) for i, t in enumerate(docs))
    return result.doc_ids


def spans(project: Project, doc_id: int, *, rejected: bool = False) -> list[tuple[str, str, str]]:
    text = project.documents.get(doc_id).text
    return [(text[e.start:e.end], e.label, str(e.status))
            for e in project.spans.list(doc_id, include_rejected=rejected)]


def test_runner_stores_suggestions_and_caches(project: Project) -> None:
    ids = fill(project)
    seen: list[Changes] = []
    project.add_listener(seen.append)
    calls: list[tuple[int, int]] = []
    report = preannotate(project, ["gazetteer", "dates"],
                         progress=lambda d, t: calls.append((d, t)))
    assert spans(project, ids[0]) == [("Jerman", "LOC", "suggested"),
                                      ("Jakarta", "LOC", "suggested"),
                                      ("Senin (4/3/2024)", "DATE", "suggested")]
    ents = project.spans.list(ids[0])
    assert {e.source for e in ents} == {"gazetteer", "dates"}
    assert all(e.score is not None and 0 < e.score <= 1 for e in ents)
    assert report.ran == {"gazetteer": 3, "dates": 3}
    assert report.labels["LOC"] == 4 and report.labels["DATE"] == 2
    assert calls[-1] == (3, 3)
    # at most one notification per document, after its commit (none: nothing to show)
    notified = [c.doc_id for c in seen]
    assert len(notified) == len(set(notified)) and ids[0] in notified
    assert set(notified) <= set(ids)
    rows = project.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    # second run: everything cached, nothing written
    again = preannotate(project, ["gazetteer", "dates"])
    assert not again.ran and again.cached == {"gazetteer": 3, "dates": 3}
    assert project.db.execute("SELECT count(*) FROM entities").fetchone()[0] == rows
    assert project.runs.has_run(ids[0], "gazetteer", get("gazetteer").version)


def test_human_decisions_are_never_overwritten(project: Project) -> None:
    ids = fill(project)
    project.annotator = "ana"
    # a manual span overlapping what the gazetteer would suggest ("Jerman")
    text = project.documents.get(ids[0]).text
    start = text.index("Luar Negeri Jerman")
    project.execute(commands.AddEntity(ids[0], start, start + len("Luar Negeri Jerman"), "ORG"))
    report = preannotate(project, ["gazetteer"])
    assert ("Luar Negeri Jerman", "ORG", "accepted") in spans(project, ids[0])
    assert ("Jerman", "LOC", "suggested") not in spans(project, ids[0])
    assert report.dropped_human >= 1
    # a relabelled suggestion is a human decision too: a re-run keeps it
    jakarta = next(e for e in project.spans.list(ids[0]) if text[e.start:e.end] == "Jakarta")
    project.execute(commands.relabel(int(jakarta.id or 0), "ORG"))
    project.db.execute("DELETE FROM recognizer_runs")
    preannotate(project, ["gazetteer"])
    assert ("Jakarta", "ORG", "suggested") in spans(project, ids[0])
    assert ("Jakarta", "LOC", "suggested") not in spans(project, ids[0])


def test_rejected_suggestions_stay_rejected(project: Project) -> None:
    ids = fill(project)
    preannotate(project, ["gazetteer"])
    jerman = next(e for e in project.spans.list(ids[1])
                  if project.documents.get(ids[1]).text[e.start:e.end] == "Jerman")
    project.execute(commands.reject(int(jerman.id or 0)))
    # force a re-run, as a new recognizer version would
    project.db.execute("DELETE FROM recognizer_runs")
    report = preannotate(project, ["gazetteer"])
    assert report.ran["gazetteer"] == 3
    assert ("Jerman", "LOC", "rejected") in spans(project, ids[1], rejected=True)
    assert ("Jerman", "LOC", "suggested") not in spans(project, ids[1])
    assert ("Belanda", "LOC", "suggested") in spans(project, ids[1])  # the rest is back


def test_dictionary_propagates_accepted_spans(project: Project) -> None:
    ids = fill(project)
    text = project.documents.get(ids[0]).text
    start = text.index("Budi Santoso")
    project.execute(commands.AddEntity(ids[0], start, start + 12, "PER"))
    d = Dictionary()
    d.prepare(project)
    assert d.table == {"Budi Santoso": ("PER", 1.0)}
    report = preannotate(project, ["dictionary"])
    assert spans(project, ids[1]) == [("Budi Santoso", "PER", "suggested")]
    assert spans(project, ids[0]) == [("Budi Santoso", "PER", "accepted")]
    assert report.added["dictionary"] == 1
    # a new decision changes the dictionary's version: it runs again and adds the new term
    t1 = project.documents.get(ids[1]).text
    b = t1.index("Belanda")
    project.execute(commands.AddEntity(ids[1], b, b + 7, "LOC"))
    report = preannotate(project, ["dictionary"])
    assert report.ran["dictionary"] == 3
    assert spans(project, ids[1]) == [("Budi Santoso", "PER", "suggested"),
                                      ("Belanda", "LOC", "accepted")]
    # majority label, case-sensitive whole words only
    d.set_table({"Budi": ("PER", 1.0)})
    assert texts(d, "Budiman dan budi, tapi Budi datang.", "id") == [("Budi", "PER")]


def test_a_rerun_keeps_the_suggestions_it_makes_again(project: Project) -> None:
    """A decision elsewhere changes the names/dictionary versions, so they run again on
    every document: suggestions they make again keep their rows (ids), they used to be
    deleted and inserted anew (every start of the window after a decision)."""
    ids = fill(project)
    preannotate(project, ["names", "dictionary"])
    before = {i: {(e.id, e.start, e.end, e.label) for e in project.spans.list(i)}
              for i in ids}
    first = project.spans.list(ids[0])[0]
    project.execute(commands.UpdateEntity(first.id, {"status": SpanStatus.ACCEPTED}))
    report = preannotate(project, ["names", "dictionary"])
    assert report.ran["names"] == len(ids)  # ran again ...
    for i in ids[1:]:  # ... yet the other documents' suggestions are the same rows
        after = {(e.id, e.start, e.end, e.label) for e in project.spans.list(i)}
        assert before[i] <= after, i


def test_dictionary_majority_label(project: Project) -> None:
    ids = fill(project, ["Apple naik.", "Apple turun.", "Apple dimakan.", "Apple lagi."])
    for doc_id, label in zip(ids[:3], ["ORG", "ORG", "MISC"], strict=True):
        project.execute(commands.AddEntity(doc_id, 0, 5, label))
    d = Dictionary()
    d.prepare(project)
    assert d.table["Apple"] == ("ORG", pytest.approx(0.6667, abs=1e-3))
    preannotate(project, [d])
    assert spans(project, ids[3]) == [("Apple", "ORG", "suggested")]


class Fixed:
    """A test recognizer returning fixed (text, label, score) suggestions."""

    def __init__(self, name: str, found: list[tuple[str, str, float]], version: str = "1"):
        self.name, self.version, self.found = name, version, found

    def recognize(self, doc: Document) -> list[Suggestion]:
        out = []
        for piece, label, score in self.found:
            i = doc.text.find(piece)
            if i >= 0:
                out.append(Suggestion(i, i + len(piece), label, score))
        return out


@pytest.fixture
def test_recognizers() -> Iterator[None]:
    """Recognizers registered by a test are removed afterwards."""
    yield
    for name in ("test-weak", "test-bad"):
        unregister(name)


@pytest.mark.usefixtures("test_recognizers")
def test_priority_between_recognizers(project: Project) -> None:
    assert PRIORITY[:4] == ("stanza-ner", "names", "gazetteer", "dates")
    ids = fill(project, ["Kemarin Presiden Joko Widodo berkunjung ke Papua Nugini."])
    register("test-weak", lambda **_: Fixed("test-weak", []))
    weak = Fixed("test-weak", [("Presiden Joko Widodo", "PER", 0.99)])
    propn = Fixed("stanza-propn", [("Joko Widodo", "PER", 0.4), ("Papua Nugini", "MISC", 0.2),
                                   ("Kemarin Presiden", "MISC", 0.2)])
    ner = Fixed("stanza-ner", [("Widodo", "PER", 0.9)])
    report = preannotate(project, [weak, propn, ner, get("gazetteer"), get("dates")])
    got = {(t, lab): e for (t, lab, _), e in zip(spans(project, ids[0]),
                                                 project.spans.list(ids[0]), strict=True)}
    # stanza-ner beats the longer propn run; the gazetteer beats propn on Papua Nugini;
    # dates beats propn; the unknown recognizer ranks last
    assert set(got) == {("Kemarin", "DATE"), ("Widodo", "PER"), ("Papua Nugini", "LOC")}
    assert got[("Widodo", "PER")].source == "stanza-ner"
    assert report.dropped_priority == 4
    # a later, weaker run does not displace stored stronger suggestions, but a stronger
    # one replaces weaker stored ones
    preannotate(project, [Fixed("stanza-propn", [("Joko Widodo", "PER", 0.9)], "2")])
    assert ("Widodo", "PER", "suggested") in spans(project, ids[0])
    preannotate(project, [Fixed("stanza-ner", [("Presiden Joko Widodo", "PER", 0.9)], "2")])
    assert ("Presiden Joko Widodo", "PER", "suggested") in spans(project, ids[0])
    assert ("Widodo", "PER", "suggested") not in spans(project, ids[0])


@pytest.mark.usefixtures("test_recognizers")
def test_invalid_suggestions_are_dropped(project: Project) -> None:
    ids = fill(project, ["Halo dunia."])

    class Bad:
        name, version = "test-bad", "1"

        def recognize(self, doc: Document) -> list[Suggestion]:
            return [Suggestion(0, 99, "LOC"), Suggestion(4, 6, "LOC"), Suggestion(5, 5, "X"),
                    Suggestion(0, 4, "MISC")]

    register("test-bad", lambda **_: Bad())
    report = preannotate(project, [Bad()])
    assert report.invalid == 3
    assert spans(project, ids[0]) == [("Halo", "MISC", "suggested")]


def test_cancel_stops_between_documents(project: Project) -> None:
    fill(project)

    flag = CancelFlag()  # set after the first document: the run stops there
    report = preannotate(project, ["dates"], batch=1,
                         progress=lambda d, t: flag.set(), cancel=flag)
    assert report.cancelled and report.documents == 1
    assert preannotate(project, ["dates"]).ran["dates"] == 2  # the rest, later


def test_project_language(project: Project) -> None:
    fill(project, ["satu", "dua"], lang=None)
    assert project_lang(project) == "en"
    fill(project, ["tiga", "empat", "lima"], lang="id")
    assert project_lang(project) == "id"
    assert project_lang(project, "ms") == "ms"
    project.settings.set("lang", "fr")
    assert project_lang(project) == "fr"


def test_documents_without_lang_use_the_given_language(project: Project) -> None:
    ids = fill(project, ["Pertemuan pada 12 Maret 2024 di Jerman."], lang=None)
    preannotate(project, ["dates", "gazetteer"], lang="id")
    assert [t for t, _, _ in spans(project, ids[0])] == ["12 Maret 2024", "Jerman"]


def test_registry() -> None:
    assert available() == list(PRIORITY)  # test recognizers were unregistered
    with pytest.raises(AnnotatorError, match="unknown recognizer"):
        get("nope")


def test_imported_suggestions_are_kept(project: Project) -> None:
    result = project.documents.insert([NewDocument(
        text="Warga Jerman datang.", lang="id",
        entities=[EntitySpan(0, 6, 12, "MISC", SpanStatus.SUGGESTED, "import", 0.3)])])
    preannotate(project, ["gazetteer"])
    assert spans(project, result.doc_ids[0]) == [("Jerman", "MISC", "suggested")]


def test_network_is_refused_in_tests() -> None:
    with pytest.raises(AssertionError, match="network"), \
            socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(("127.0.0.1", 9))
