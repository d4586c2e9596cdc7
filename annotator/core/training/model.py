"""A trained project model: its folder (a standard Stanza resources folder plus
meta.json) and tagging documents with it.

See the package docstring (step 6) for the folder layout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.langid import check_lang_code
from annotator.core.model import AnnotatorError, Offsets
from annotator.core.text import sentence_groups, tags_to_spans
from annotator.core.training.evaluate import Evaluation, Span

PACKAGE = "project"
META_NAME = "meta.json"
EVALUATION_NAME = "evaluation.json"
_PACKAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def models_dir(project_path: Path | str) -> Path:
    """``<project file name without .db>.models`` next to the project file."""
    path = Path(project_path).resolve()
    stem = path.name[:-3] if path.name.endswith(".db") else path.stem
    return path.with_name(stem + ".models")


@dataclass(slots=True)
class ProjectModel:
    """A trained NER model folder (standard Stanza layout plus meta.json)."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.meta.get("id") or self.path.name)

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang", "und"))

    @property
    def package(self) -> str:
        return str(self.meta.get("package", PACKAGE))

    @property
    def version(self) -> str:
        """The recognizer version: changes with every model (the id holds a weights hash)."""
        return self.id

    @property
    def ner_model_path(self) -> Path:
        return self.path / self.lang / "ner" / f"{self.package}.pt"

    @property
    def pretrain_path(self) -> Path | None:
        pt = self.path / self.lang / "pretrain" / f"{self.package}.pt"
        return pt if pt.exists() else None

    @property
    def labels(self) -> list[str]:
        return list(self.meta.get("labels", []))

    @property
    def evaluation(self) -> Evaluation | None:
        data = self.meta.get("evaluation")
        return Evaluation.from_dict(data) if data else None

    def pipeline_kwargs(self) -> dict[str, Any]:
        """Offline ``stanza.Pipeline`` kwargs: tokenize (pretokenized input) + this NER model."""
        kwargs: dict[str, Any] = {
            "lang": self.lang, "dir": str(self.path), "processors": "tokenize,ner",
            "tokenize_pretokenized": True, "download_method": None,
            "allow_unknown_language": True, "use_gpu": False, "logging_level": "WARN",
            "ner_model_path": str(self.ner_model_path),
        }
        if self.pretrain_path is not None:  # always pass it: see DESIGN.md
            kwargs["ner_pretrain_path"] = str(self.pretrain_path)
        return kwargs

    def load(self) -> NerTagger:
        return NerTagger(self)


def load_model(path: Path | str) -> ProjectModel:
    """Read a model folder; a clear error when it is not one."""
    path = Path(path)
    meta_file = path / META_NAME
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotatorError(f"{path}: not a trained model folder (no {META_NAME})") from None
    except (OSError, ValueError) as exc:
        raise AnnotatorError(f"{meta_file}: cannot read the model description ({exc})") from None
    if not isinstance(meta, dict):
        raise AnnotatorError(f"{meta_file}: not a model description (a JSON object)")
    model = ProjectModel(path, meta)
    # Both name files inside the folder: a language code and a plain name, never a path.
    check_lang_code(model.lang, f"{meta_file}: lang")
    if not _PACKAGE_NAME.fullmatch(model.package):
        raise AnnotatorError(f"{meta_file}: package {model.package!r} is not a plain name")
    if not model.ner_model_path.exists():
        raise AnnotatorError(f"{path}: the NER model file {model.ner_model_path} is missing")
    return model


class NerTagger:
    """A loaded project model: tags documents given their tokens and sentences.

    Stanza gets the tokens pre-split (``tokenize_pretokenized``); tag ``i`` of
    sentence ``j`` belongs to our token ``i`` of sentence ``j``, so the spans it
    returns are exact code-point offsets into the original text.
    """

    def __init__(self, model: ProjectModel) -> None:
        import stanza

        self.model = model
        self.pipeline = stanza.Pipeline(**model.pipeline_kwargs())

    def tag(self, text: str, tokens: Sequence[Offsets], sentences: Sequence[Offsets]
            ) -> list[Span]:
        groups = [[t for t in g if text[t[0]:t[1]].strip()]
                  for g in sentence_groups(tokens, sentences)]
        groups = [g for g in groups if g]
        if not groups:
            return []
        words = [[text[s:e].replace(" ", "\xa0") for s, e in g] for g in groups]
        doc = self.pipeline(words)
        spans: list[Span] = []
        for group, sent in zip(groups, doc.sentences, strict=True):
            tags = [tok.ner or "O" for tok in sent.tokens]
            if len(tags) != len(group):  # never expected: Stanza keeps pretokenized tokens
                raise AnnotatorError("the NER model returned a different number of tokens")
            spans.extend(tags_to_spans(group, tags))
        return spans

