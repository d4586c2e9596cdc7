"""Closing the loop: the project model as the ``stanza-ner`` recognizer (package step 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.cancel import CancelFlag
from annotator.core.model import AnnotatorError, DocStatus, Document
from annotator.core.recognizers.base import Suggestion
from annotator.core.store import Project
from annotator.core.training.model import NerTagger, ProjectModel
from annotator.core.training.registry import active_model

if TYPE_CHECKING:
    from annotator.core.recognizers.runner import RunReport

UNFINISHED = (DocStatus.NEW, DocStatus.IN_PROGRESS)


class ProjectNerRecognizer:
    """The ``stanza-ner`` recognizer backed by a project model.

    Its version is the model id (which holds a hash of the weights), so a new
    model is never blocked by the pre-annotation cache. Tags the document's
    own tokens, so every suggestion slices the text exactly. Stanza's NER
    gives no per-span probability: every suggestion gets :attr:`score`.
    """

    name = "stanza-ner"
    score = 0.8

    def __init__(self, model: ProjectModel) -> None:
        self.model = model
        self.version = model.version
        self._tagger: NerTagger | None = None

    def recognize(self, doc: Document) -> list[Suggestion]:
        if self._tagger is None:
            self._tagger = self.model.load()
        return [Suggestion(s, e, label, self.score)
                for s, e, label in self._tagger.tag(doc.text, doc.tokens, doc.sentences)]


def unfinished_ids(project: Project) -> list[int]:
    """Documents still to annotate (new, in progress), in id order."""
    return sorted(i for status in UNFINISHED for i in project.documents.ids(status))


def resuggest(project: Project, model: ProjectModel | None = None, *,
              progress: Callable[[int, int], None] | None = None,
              cancel: CancelFlag | None = None) -> RunReport:
    """Re-suggest entities with the project model in unfinished documents only.

    Goes through the pre-annotation runner, so human decisions (accepted,
    rejected, manual, imported or edited spans) are never touched and the
    previous model's still-suggested spans are replaced.
    """
    from annotator.core.recognizers.runner import preannotate

    model = model or active_model(project)
    if model is None:
        raise AnnotatorError(f"{project.path}: no trained model is in use (annotator train)")
    return preannotate(project, [ProjectNerRecognizer(model)], unfinished_ids(project),
                       progress=progress, cancel=cancel)
