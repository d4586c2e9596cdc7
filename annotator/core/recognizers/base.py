"""The recognizer protocol, suggestions, the priority order and the registry.

A recognizer has a ``name`` and a ``version`` and turns a :class:`Document` into
suggested spans. Recognizers that compute their own tokens and sentences
(Stanza) also implement ``analyze`` / ``analyze_batch`` and return an
:class:`Analysis`; the runner stores those tokens with ``Project.set_tokens``.

Priority (used when suggestions from different recognizers overlap; see
``runner.preannotate``): a span from a recognizer earlier in :data:`PRIORITY`
wins; between equals the longer span wins, then the higher score, then the
earlier start. Human decisions (accepted spans, manual or imported spans) are
never touched, and a suggestion with the same offsets as a rejected span is
never made again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from annotator.core.model import AnnotatorError, Document, Offsets

if TYPE_CHECKING:
    from annotator.core.store import Project


@dataclass(frozen=True, slots=True)
class Suggestion:
    start: int
    end: int
    label: str
    score: float = 0.5


@dataclass(slots=True)
class Analysis:
    """A recognizer's output for one document, with its tokens/sentences if it made any."""

    suggestions: list[Suggestion] = field(default_factory=list)
    tokens: list[Offsets] | None = None
    sentences: list[Offsets] | None = None


@runtime_checkable
class Recognizer(Protocol):
    name: str
    version: str

    def recognize(self, doc: Document) -> list[Suggestion]: ...


# Highest priority first. Statistical NER knows context. ``names`` comes next: it
# holds the gazetteer's names itself and knows where a longer name contains one
# ("Bank Indonesia" is ORG, not "Indonesia" LOC; "New York Times" is not "New York"),
# and it never covers a month or weekday name. The gazetteer and the date patterns
# are precise lists and patterns; the dictionary repeats earlier human decisions but
# without context; Stanza's proper-noun runs are the weakest guess.
PRIORITY: tuple[str, ...] = ("stanza-ner", "names", "gazetteer", "dates", "dictionary",
                             "stanza-propn")


def priority_rank(source: str) -> int:
    """Smaller is stronger; unknown recognizers come after the built-in ones."""
    try:
        return PRIORITY.index(source)
    except ValueError:
        return len(PRIORITY)


def is_recognizer_source(source: str) -> bool:
    """True for a span made by a registered recognizer (not manual, not imported)."""
    return source in _REGISTRY


# --- optional capabilities ----------------------------------------------------

def join_run(recognizer: Recognizer, names: set[str]) -> None:
    """Tell a recognizer which recognizers run with it (before ``prepare``): one may
    leave out what another does better ("stanza-propn" drops its MISC guesses when
    "names" runs too). It must put what it changes into its ``version``."""
    hook = getattr(recognizer, "join_run", None)
    if callable(hook):
        hook(names)


def prepare(recognizer: Recognizer, project: Project) -> None:
    """Let a recognizer read project data (accepted spans, settings) before a run."""
    hook = getattr(recognizer, "prepare", None)
    if callable(hook):
        hook(project)


def analyze_batch(recognizer: Recognizer, docs: Sequence[Document]) -> list[Analysis]:
    """Run a recognizer on several documents, batched when it supports it."""
    batch = getattr(recognizer, "analyze_batch", None)
    if callable(batch):
        results = list(batch(docs))
        if len(results) != len(docs):
            raise AnnotatorError(f"recognizer {recognizer.name} returned {len(results)} "
                                 f"results for {len(docs)} documents")
        return results
    single = getattr(recognizer, "analyze", None)
    if callable(single):
        return [single(doc) for doc in docs]
    return [Analysis(recognizer.recognize(doc)) for doc in docs]


def missing_models(recognizer: Recognizer, lang: str) -> str | None:
    """A message saying which models a recognizer lacks for ``lang``, or None."""
    hook = getattr(recognizer, "missing_models", None)
    return hook(lang) if callable(hook) else None


# --- registry -----------------------------------------------------------------

Factory = Callable[..., Recognizer]
_REGISTRY: dict[str, str] = {
    # name -> "module:factory" (imported lazily: Stanza and torch load only when used)
    "stanza-ner": "annotator.core.recognizers.stanza_ner:StanzaNer",
    "stanza-propn": "annotator.core.recognizers.stanza_propn:StanzaPropn",
    "names": "annotator.core.recognizers.names:Names",
    "gazetteer": "annotator.core.recognizers.gazetteer:Gazetteer",
    "dates": "annotator.core.recognizers.dates:Dates",
    "dictionary": "annotator.core.recognizers.dictionary:Dictionary",
}
_FACTORIES: dict[str, Factory] = {}

# The recognizers that need no model files and run everywhere.
OFFLINE: tuple[str, ...] = ("names", "gazetteer", "dates", "dictionary")
# The ones the window runs on the first document before drawing it: no model, a cost
# independent of the project's size (not the dictionary: it reads every accepted span)
# and no big pattern to compile (names looks the gazetteer's names up itself; the
# gazetteer follows in the background run). Run them with options={"accepted": False}:
# names then skips the project's accepted labels. bench/bench_names.py measures it.
FIRST_VIEW: tuple[str, ...] = ("names", "dates")


def register(name: str, factory: Factory) -> None:
    """Add a recognizer (plugins, tests). It ranks after the built-in ones."""
    _FACTORIES[name] = factory
    _REGISTRY.setdefault(name, "")


def unregister(name: str) -> None:
    """Remove a recognizer added with :func:`register` (built-in ones stay)."""
    if _REGISTRY.get(name) == "":
        del _REGISTRY[name]
        _FACTORIES.pop(name, None)


def available() -> list[str]:
    """Registered recognizer names, in priority order."""
    return sorted(_REGISTRY, key=lambda n: (priority_rank(n), n))


def get(name: str, **options: Any) -> Recognizer:
    """A new recognizer instance; unknown options are ignored by each factory."""
    if name not in _REGISTRY:
        raise AnnotatorError(f"unknown recognizer {name!r}; available: {', '.join(available())}")
    factory = _FACTORIES.get(name)
    if factory is None:
        import importlib

        module_name, _, attr = _REGISTRY[name].partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
        _FACTORIES[name] = factory
    return factory(**options)
