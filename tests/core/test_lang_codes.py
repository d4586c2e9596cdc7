"""A language code from a file never becomes a path (issue 15, point 9).

A document's ``lang`` names folders: Stanza models (``DIR/LANG/...``), the
project model (``<models>/<id>/LANG/ner/project.pt``). Before the check, a
record with ``"lang": "/abs/path"`` made ``annotator train`` write its model
there.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from annotator.core import training
from annotator.core.importers import import_paths
from annotator.core.langid import check_lang_code
from annotator.core.model import AnnotatorError
from annotator.core.store import Project
from annotator.core.training.stanza_layout import write_resources_layout

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(_REPO))

from tests.fixtures.ner_docs import generate_documents  # noqa: E402

GOOD = ["id", "en", "ind", "zh-hans", "pt_BR", "sr-Latn", "und"]
BAD = ["", "/tmp/x", "../x", "..", "x", "EN", "id/../../etc", "id\\x", "id.", "en us",
       "id\n", "abcd", "id-", "id-x"]


@pytest.mark.parametrize("code", GOOD)
def test_language_codes_that_pass(code: str) -> None:
    assert check_lang_code(code, "here") == code


@pytest.mark.parametrize("code", [*BAD, None, 7])
def test_language_codes_that_are_refused(code: object) -> None:
    with pytest.raises(AnnotatorError, match=r"^here: .* is not a language code"):
        check_lang_code(code, "here")


@pytest.mark.parametrize("bad", ["/tmp/x", "../x"])
def test_import_refuses_a_path_as_language_naming_file_and_line(
        project: Project, tmp_path: Path, bad: str) -> None:
    data = tmp_path / "docs.jsonl"
    data.write_text(json.dumps({"text": "Budi datang.", "lang": "id"}) + "\n"
                    + json.dumps({"text": "Siti pergi.", "lang": bad}) + "\n", encoding="utf-8")
    with pytest.raises(AnnotatorError) as info:
        import_paths(project, [data])
    message = str(info.value)
    assert message.startswith(f"{data}, line 2: \"lang\": ")
    assert repr(bad) in message and "not a language code" in message
    assert project.documents.count() == 0  # all or nothing: the good line is not kept either


def test_import_refuses_a_path_as_the_lang_option(project: Project, tmp_path: Path) -> None:
    data = tmp_path / "a.txt"
    data.write_text("Budi datang.", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=re.escape("--lang: '../x' is not a language code")):
        import_paths(project, [data], lang="../x")
    assert project.documents.count() == 0


def test_training_refuses_a_stored_path_as_language(tmp_path: Path) -> None:
    """A project imported before the check may hold such a code: training stops first."""
    target = tmp_path / "outside"
    path = tmp_path / "old.annotator.db"
    with Project(path) as proj:
        proj.documents.insert(generate_documents(6, seed=3, sentences=(2, 3),
                                                 lang=str(target)))
    options = training.TrainOptions(min_docs=1, steps=5, hidden_dim=16, pretrain="none")
    with pytest.raises(AnnotatorError, match="not a language code"):
        training.train_model(path, options)
    assert not target.exists()
    with pytest.raises(AnnotatorError, match=re.escape("'../x' is not a language code")):
        training.train_model(path, training.TrainOptions(min_docs=1, lang="../x"))
    assert not (tmp_path / "x").exists()


def test_a_model_folder_whose_meta_names_a_path_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "ner-1"
    (model / "x" / "ner").mkdir(parents=True)
    (model / "x" / "ner" / "project.pt").write_bytes(b"")
    (model / training.model.META_NAME).write_text(json.dumps({"lang": "../x"}),
                                                  encoding="utf-8")
    with pytest.raises(AnnotatorError, match=re.escape("lang: '../x' is not a language code")):
        training.load_model(model)
    (model / training.model.META_NAME).write_text(
        json.dumps({"lang": "id", "package": "../../p"}), encoding="utf-8")
    with pytest.raises(AnnotatorError, match="not a plain name"):
        training.load_model(model)


def test_stanza_layout_refuses_a_path_as_language(tmp_path: Path) -> None:
    src = tmp_path / "ner.pt"
    src.write_bytes(b"")
    with pytest.raises(AnnotatorError, match="not a language code"):
        write_resources_layout(tmp_path / "res", "/tmp/x", "tiny", {"ner": src})
    with pytest.raises(AnnotatorError, match="not a language code"):
        training.find_pretrain("../x", tmp_path / "res")
    assert not (tmp_path / "res").exists()
