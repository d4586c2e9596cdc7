"""``stanza-ner``: a Stanza NER model's entities, mapped onto the project's labels.

Which model, first match wins:

1. a NER model file the user points to (``ner_model=`` / ``--ner-model``), with
   the pretrain next to it (``LANG/pretrain/PACKAGE.pt`` in the same folder
   layout) or ``ner_pretrain=``;
2. the project's own trained model (``annotator.core.training.active_model``),
   for documents in its language;
3. the language's Stanza NER model in the models folder (``--stanza-dir`` or the
   data folder's ``stanza/``), through the folder's ``resources.json``.

Stanza 1.15 has no Indonesian NER model: for Indonesian only 1 and 2 apply
(``stanza-propn`` covers the rest). Stanza's tokenizer is used when the folder
has one for the language; otherwise the document's own tokens are passed
pre-tokenized, so offsets stay exact either way. Stanza gives no per-entity
probability: every suggestion gets :attr:`StanzaNer.score`.

Labels: PER/PERSON -> PER; ORG -> ORG; LOC/GPE/FAC -> LOC; DATE -> DATE;
MISC/NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC; numbers, money,
times and quantities (OntoNotes CARDINAL...) are not suggested.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import Document, Offsets
from annotator.core.recognizers import stanza_support as ss
from annotator.core.recognizers.base import Analysis, Suggestion

if TYPE_CHECKING:
    from annotator.core.store import Project

log = logging.getLogger(__name__)

LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "DATE": "DATE",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip


def map_label(label: str) -> str | None:
    return LABEL_MAP.get(label.upper())


class StanzaNer:
    name = "stanza-ner"
    base_version = "1"
    score = 0.8

    def __init__(self, stanza_dir: Path | str | None = None, ner_model: Path | str | None = None,
                 ner_pretrain: Path | str | None = None, **_options: Any) -> None:
        self.dir_option = stanza_dir
        self.root = ss.models_root(stanza_dir)
        self.ner_model = Path(ner_model) if ner_model else None
        self.ner_pretrain = Path(ner_pretrain) if ner_pretrain else None
        if self.ner_model is not None and self.ner_pretrain is None:
            sibling = self.ner_model.parent.parent / "pretrain" / self.ner_model.name
            if sibling.exists():
                self.ner_pretrain = sibling
        self.project_model: Any = None
        # The project's own entity labels pass through unchanged (a project model
        # trained on e.g. WEAPON must keep it); other models' labels are mapped.
        self.project_labels: set[str] = set()
        self.version = self._version()

    def _version(self) -> str:
        digest = hashlib.sha256()
        if self.ner_model is not None:
            for path in (self.ner_model, self.ner_pretrain):
                if path is not None and path.exists():
                    stat = path.stat()
                    digest.update(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
            return f"{self.base_version}+file-{digest.hexdigest()[:12]}"
        if self.project_model is not None:
            return str(self.project_model.version)
        return f"{self.base_version}+{ss.resources_fingerprint(self.root)}"

    def prepare(self, project: Project) -> None:
        self.root = ss.models_root(self.dir_option, project)
        if self.ner_model is None:
            from annotator.core import training

            self.project_model = training.active_model(project)
        self.project_labels = set(project.scheme.names("entity"))
        self.version = self._version()

    # --- which model for which language ---------------------------------------------

    def _mode(self, lang: str) -> str:
        if self.ner_model is not None:
            return "file"
        if self.project_model is not None and self.project_model.lang == lang:
            return "project"
        return "resources"

    def missing_models(self, lang: str) -> str | None:
        mode = self._mode(lang)
        if mode == "file":
            if self.ner_model is None or not self.ner_model.exists():
                return f"stanza-ner: the NER model file {self.ner_model} does not exist."
            return None
        if mode == "project":
            return None
        missing = ss.missing_files(self.root, lang, ["tokenize", "ner"])
        if not missing:
            return None
        no_ner = [m for m in missing if "/ner" in m]
        if lang == "id" or (no_ner and len(no_ner) == len(missing)):
            return (f"stanza-ner: no Stanza NER model for {lang!r} in {self.root} "
                    f"(Stanza has none for some languages, e.g. Indonesian); stanza-propn "
                    "suggests proper-noun runs instead, or train a project model with "
                    "`annotator train`, or point to a NER model with --ner-model FILE. "
                    + ss.how_to_get(self.root, lang))
        return (f"stanza-ner: Stanza models missing for {lang!r} in {self.root}: "
                f"{', '.join(missing)}. " + ss.how_to_get(self.root, lang))

    def _pipeline(self, lang: str) -> tuple[Any, bool]:
        """(pipeline, pretokenized?) for a language."""
        mode = self._mode(lang)
        if mode == "project":
            kwargs = dict(self.project_model.pipeline_kwargs())
            return ss.load_pipeline(Path(kwargs.pop("dir")), kwargs.pop("lang"),
                                    kwargs.pop("processors"), **kwargs), True
        if mode == "file":
            has_tokenizer = not ss.missing_files(self.root, lang, ["tokenize"])
            extra: dict[str, Any] = {"ner_model_path": str(self.ner_model)}
            if self.ner_pretrain is not None:
                extra["ner_pretrain_path"] = str(self.ner_pretrain)
            if not has_tokenizer:
                extra["tokenize_pretokenized"] = True
            root = self.root if (self.root / "resources.json").exists() else ss.empty_root()
            return ss.load_pipeline(root, lang, "tokenize,ner", **extra), not has_tokenizer
        return ss.load_pipeline(self.root, lang, "tokenize,ner"), False

    # --- recognizing --------------------------------------------------------------------

    def recognize(self, doc: Document) -> list[Suggestion]:
        return self.analyze_batch([doc])[0].suggestions

    def analyze_batch(self, docs: Sequence[Document]) -> list[Analysis]:
        out: dict[int, Analysis] = {}
        for lang, idxs in ss.by_language(docs).items():
            pipeline, pretokenized = self._pipeline(lang)
            group = [docs[i] for i in idxs]
            if pretokenized:
                parsed = [ss.process_pretokenized(pipeline, d) for d in group]
            else:
                parsed = ss.process(pipeline, group)
            for i, p in zip(idxs, parsed, strict=True):
                out[i] = self._analysis(p, keep_tokens=not pretokenized)
        return [out[i] for i in range(len(docs))]

    def _analysis(self, parsed: ss.Parsed, keep_tokens: bool) -> Analysis:
        suggestions = []
        for start, end, label in parsed.entities:
            mapped = label if label in self.project_labels else map_label(label)
            if mapped:
                suggestions.append(Suggestion(start, end, mapped, self.score))
        tokens: list[Offsets] | None = parsed.tokens if keep_tokens else None
        sentences: list[Offsets] | None = parsed.sentences if keep_tokens else None
        return Analysis(suggestions, tokens, sentences)
