"""Language guessing for documents that do not say their language."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.importers import import_paths
from annotator.core.langid import guess_language
from annotator.core.recognizers import preannotate
from annotator.core.store import Project

INDONESIAN = ("Pemerintah kota mengatakan bahwa jalan baru itu akan dibuka pada hari Senin, "
              "dan warga dapat menggunakannya tanpa biaya selama sebulan.")
ENGLISH = ("The city council said on Monday that the new bridge will be opened to traffic "
           "next month, and that it has been paid for by the regional government.")
GERMAN = ("Die Regierung hat am Montag gesagt, dass die neue Brücke im nächsten Monat für den "
          "Verkehr geöffnet wird und dass sie von der Region bezahlt wurde.")


def test_guesses_by_function_words() -> None:
    assert guess_language(INDONESIAN) == "id"
    assert guess_language(ENGLISH) == "en"
    assert guess_language(GERMAN) == "de"


def test_unsure_on_names_numbers_and_short_texts() -> None:
    assert guess_language("Joko Widodo Jakarta Surabaya Bandung Medan") is None
    assert guess_language("12/9/2023 😀 100%") is None
    assert guess_language("the and") is None


def test_import_sets_the_guessed_language_and_preannotation_uses_it(
        tmp_path: Path, project: Project) -> None:
    (tmp_path / "a.txt").write_text(
        "Menteri itu tiba di Jakarta pada hari Selasa (12/9/2023). " + INDONESIAN,
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    import_paths(project, [tmp_path])
    langs = {d.external_id: d.lang for d in project.documents.iter(status=None)}
    assert langs == {"a": "id", "b": "en"}
    preannotate(project, ["dates"])
    doc_a = project.documents.by_external_id("a")
    assert doc_a is not None
    texts = {doc_a.text[e.start:e.end] for e in project.spans.list(doc_a.id)}
    assert any("Selasa" in t for t in texts), texts  # Indonesian CLDR day names were used


def test_cli_lang_overrides_the_guess(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "a.txt"), "--project", str(db),
                                       "--lang", "id"])
    assert result.exit_code == 0, result.output
    with Project(db) as project:
        assert [d.lang for d in project.documents.iter()] == ["id"]
