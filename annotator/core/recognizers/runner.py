"""Run recognizers over a project and store their suggestions.

Rules (the contract the window and the command line rely on):

- Cache: a (document, recognizer, version) that is in ``recognizer_runs`` is
  skipped, so nothing runs twice. When a recognizer's version changes (new
  model, new term list, more accepted spans for ``dictionary``) it runs again
  and its own still-suggested spans in that document are replaced.
- Human decisions win: an accepted span (any source), a rejected span, a span
  that came from an import or a manual edit, and a suggestion somebody resized or
  relabelled (its ``updated_at`` moved) are never changed or deleted;
  a suggestion overlapping one of them is dropped. In particular a span the
  annotator rejected is never suggested again.
- Overlapping suggestions from different recognizers: the stronger recognizer
  in ``base.PRIORITY`` wins (stanza-ner > names > gazetteer > dates > dictionary >
  stanza-propn), then the longer span, then the higher score, then the earlier
  start. Suggestions already stored take part in the same contest.
- Each document is written in ONE transaction (its suggestions, its Stanza
  tokens and sentences, its cache rows), then listeners are notified with its id.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.cancel import CancelFlag
from annotator.core.commands import MachineWrite
from annotator.core.model import AnnotatorError, Document, EntitySpan, SpanStatus
from annotator.core.recognizers import base
from annotator.core.recognizers.base import Analysis, Recognizer
from annotator.core.recognizers.choose import Candidate as _Candidate
from annotator.core.recognizers.choose import Intervals as _Intervals
from annotator.core.recognizers.choose import valid_suggestion as _valid
from annotator.core.store import Project, now

log = logging.getLogger(__name__)

DEFAULT_LANG = "en"


ProgressCallback = Callable[[int, int], None]


@dataclass(slots=True)
class RunReport:
    documents: int = 0  # documents looked at
    ran: Counter[str] = field(default_factory=Counter)  # recognizer -> documents it ran on
    cached: Counter[str] = field(default_factory=Counter)  # recognizer -> documents skipped
    added: Counter[str] = field(default_factory=Counter)  # recognizer -> suggestions stored
    labels: Counter[str] = field(default_factory=Counter)  # label -> suggestions stored
    dropped_human: int = 0  # overlapped a human decision (accepted/rejected/manual/import)
    dropped_priority: int = 0  # lost against a stronger or longer suggestion
    invalid: int = 0  # outside the text or empty
    messages: list[str] = field(default_factory=list)  # e.g. missing models
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{name}: {self.added[name]} suggestions on {self.ran[name]} documents"
                 + (f" ({self.cached[name]} cached)" if self.cached[name] else "")
                 for name in sorted(set(self.ran) | set(self.cached), key=base.priority_rank)]
        return "; ".join(parts)


def project_lang(project: Project, override: str | None = None) -> str:
    """The project's language: ``override``, the ``lang`` setting, the documents' majority."""
    if override:
        return override
    setting = project.settings.get("lang")
    if setting:
        return str(setting)
    return project.documents.majority_lang() or DEFAULT_LANG


def make_recognizers(names: Iterable[str] | None = None, **options: Any) -> list[Recognizer]:
    """Instances of the named recognizers (all registered ones when ``names`` is None)."""
    chosen = list(names) if names else base.available()
    return [base.get(name, **options) for name in chosen]


def preannotate(project: Project, recognizers: Sequence[Recognizer | str] | None = None,
                doc_ids: Sequence[int] | None = None, *, lang: str | None = None,
                progress: ProgressCallback | None = None, cancel: CancelFlag | None = None,
                batch: int = 1, options: dict[str, Any] | None = None) -> RunReport:
    """Run recognizers over documents (all of them, or ``doc_ids`` in the given order).

    ``recognizers`` are instances or names (names are built with ``options``).
    ``progress(done, total)`` is called after each document; ``cancel.is_set()``
    stops between documents (everything written so far stays). ``batch``
    documents go through each recognizer together (Stanza ``bulk_process``); the
    default is 1: bench/bench_preannotate.py measured no gain from batching on the
    CPU (padding to the longest document), and with 1 the first document's
    suggestions land first.
    """
    report = RunReport()
    default_lang = project_lang(project, lang)
    recs: list[Recognizer] = [base.get(r, **(options or {})) if isinstance(r, str) else r
                              for r in (recognizers if recognizers is not None
                                        else base.available())]
    for rec in recs:
        base.join_run(rec, {r.name for r in recs})
        base.prepare(rec, project)
    ids = list(doc_ids) if doc_ids is not None else project.documents.ids()
    total = len(ids)
    missing_reported: set[tuple[str, str]] = set()
    done = 0
    for i in range(0, total, max(1, batch)):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        chunk = ids[i:i + max(1, batch)]
        runs = _cached_runs(project, chunk, recs)
        docs: dict[int, Document] = {}
        todo: dict[int, list[Recognizer]] = {}
        for doc_id in chunk:
            needed = []
            for rec in recs:
                if (doc_id, rec.name, rec.version) in runs:
                    report.cached[rec.name] += 1
                else:
                    needed.append(rec)
            if not needed:
                continue
            try:
                doc = project.documents.get(doc_id)
            except AnnotatorError:
                continue  # deleted meanwhile
            doc.lang = doc.lang or default_lang
            usable = []
            for rec in needed:
                message = base.missing_models(rec, doc.lang)
                if message is None:
                    usable.append(rec)
                elif (rec.name, doc.lang) not in missing_reported:
                    missing_reported.add((rec.name, doc.lang))
                    report.messages.append(message)
            if usable:
                docs[doc_id] = doc
                todo[doc_id] = usable
        results: dict[int, dict[str, Analysis]] = {doc_id: {} for doc_id in todo}
        for rec in recs:
            group = [docs[d] for d in todo if rec in todo[d]]
            if not group:
                continue
            for doc, analysis in zip(group, base.analyze_batch(rec, group), strict=True):
                results[doc.id][rec.name] = analysis
        for doc_id in chunk:
            if cancel is not None and cancel.is_set() and doc_id in todo:
                report.cancelled = True
                break
            if doc_id in todo:
                _write(project, docs[doc_id], todo[doc_id], results[doc_id], report)
            done += 1
            report.documents += 1
            if progress is not None:
                progress(done, total)
        if report.cancelled:
            break
    return report


def _cached_runs(project: Project, doc_ids: Sequence[int],
                 recs: Sequence[Recognizer]) -> set[tuple[int, str, str]]:
    return project.runs.cached(doc_ids, [r.name for r in recs])


def _write(project: Project, doc: Document, ran: Sequence[Recognizer],
           results: dict[str, Analysis], report: RunReport) -> None:
    """One document's suggestions, as one machine command (logged, not undoable)."""
    project.execute(MachineWrite("preannotate", doc.id, lambda p: _write_rows(
        p, doc, ran, results, report)))


def _write_rows(project: Project, doc: Document, ran: Sequence[Recognizer],
                results: dict[str, Analysis], report: RunReport) -> dict[str, Any]:
    text_len = len(doc.text)
    ran_names = {rec.name for rec in ran}
    rows = project.spans.list(doc.id, include_rejected=True)
    human: list[tuple[int, int]] = []
    rejected: set[tuple[int, int]] = set()
    candidates: list[_Candidate] = []
    # this run's recognizers' stored suggestions: kept (same row, same id) when the run
    # suggests them again, else replaced; re-created rows would churn ids and views
    own: dict[tuple[int, int, str, str], int] = {}
    for row in rows:
        # A suggestion no person decided may be replaced; a decision stays (an
        # undone decision is a suggestion again: the undo restores ``decided``).
        is_suggestion = (row.status == SpanStatus.SUGGESTED
                         and base.is_recognizer_source(row.source) and not row.decided)
        if not is_suggestion:
            human.append((row.start, row.end))
            if row.status == SpanStatus.REJECTED:
                rejected.add((row.start, row.end))
        elif row.source in ran_names:
            own[(row.start, row.end, row.label, row.source)] = int(row.id or 0)
        else:
            candidates.append(_Candidate(row.start, row.end, row.label, row.score or 0.0,
                                         row.source, row.id))
    blockers = _Intervals(human)
    fresh = 0
    for name, analysis in results.items():
        for sug in analysis.suggestions:
            if not _valid(sug, doc.text, text_len):
                report.invalid += 1
                continue
            if (sug.start, sug.end) in rejected or blockers.overlaps(sug.start, sug.end):
                report.dropped_human += 1
                continue
            existing = own.pop((sug.start, sug.end, sug.label, name), None)
            candidates.append(_Candidate(sug.start, sug.end, sug.label,
                                         float(sug.score), name, existing))
            fresh += existing is None
    stale = list(own.values())  # stored suggestions this run did not make again
    chosen: list[_Candidate] = []
    taken = _Intervals()
    for cand in sorted(candidates, key=_Candidate.key):
        if taken.overlaps(cand.start, cand.end):
            if cand.existing_id is not None:
                stale.append(cand.existing_id)
            else:
                report.dropped_priority += 1
            continue
        taken.add(cand.start, cand.end)
        chosen.append(cand)
    for entity_id in stale:
        project.spans.delete(entity_id)
    stamp = now()
    for cand in chosen:
        if cand.existing_id is not None:
            continue
        project.spans.insert(EntitySpan(doc.id, cand.start, cand.end, cand.label,
                                        SpanStatus.SUGGESTED, cand.source,
                                        round(cand.score, 4)), stamp=stamp)
        report.added[cand.source] += 1
        report.labels[cand.label] += 1
    analysis_with_tokens = next(
        (results[r.name] for r in sorted(ran, key=lambda r: base.priority_rank(r.name))
         if r.name in results and results[r.name].tokens is not None), None)
    if analysis_with_tokens is not None:
        project.documents.set_tokens(doc.id, analysis_with_tokens.tokens or [],
                                     analysis_with_tokens.sentences or [], "stanza")
    for rec in ran:
        project.runs.mark(doc.id, rec.name, rec.version)
        report.ran[rec.name] += 1
    log.debug("document %s: %d fresh candidates, %d kept", doc.id, fresh, len(chosen))
    return {"recognizers": {rec.name: rec.version for rec in ran},
            "added": sum(1 for c in chosen if c.existing_id is None), "removed": len(stale)}

