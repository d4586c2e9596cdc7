"""Pre-annotation: recognizers that suggest entity spans, and the runner that stores them."""

from annotator.core.recognizers.base import (
    OFFLINE,
    PRIORITY,
    Analysis,
    Recognizer,
    Suggestion,
    available,
    get,
    register,
)
from annotator.core.recognizers.runner import RunReport, preannotate, project_lang

__all__ = [
    "OFFLINE",
    "PRIORITY",
    "Analysis",
    "Recognizer",
    "RunReport",
    "Suggestion",
    "available",
    "get",
    "preannotate",
    "project_lang",
    "register",
]
