"""Pre-annotation without a project: one native JSONL record in, the same record
with suggested spans and claims out (``annotator suggest``).

A pure function of the record and the recognizers' settings: no SQLite, no clock,
no randomness, so the same input gives byte-identical output on any machine and
in any worker. The rules are the project runner's (``recognizers.runner``): human
spans in the record (accepted, rejected, imported, manual) are never changed and
block overlapping suggestions; a suggestion with a rejected span's offsets is
never made; overlapping suggestions are settled by ``recognizers.choose``; the
claim recognizer runs last, on the kept entities. Suggestions already in the
record from a recognizer that runs now are replaced; others take part in the
contest.

Each output record lists the recognizers that ran on it and their versions in
``recognizer_runs``, so importing the record into a project marks those runs
done and the project's own pre-annotation does not run them again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core import claims as claim_recognizer
from annotator.core.model import AnnotatorError, Claim, Document, EntitySpan, SpanStatus
from annotator.core.recognizers import base
from annotator.core.recognizers.base import Analysis, Recognizer
from annotator.core.recognizers.choose import Candidate, Intervals, valid_suggestion
from annotator.core.text import split_sentences, tokenize

CLAIMS = claim_recognizer.NAME
# The dictionary recognizer repeats a project's accepted spans: without a project
# it has nothing to repeat.
NEEDS_PROJECT = ("dictionary",)
DEFAULT_RECOGNIZERS: tuple[str, ...] = ("stanza-ner", "gazetteer", "dates", "stanza-propn",
                                        CLAIMS)


@dataclass(frozen=True, slots=True)
class SuggestSettings:
    """Everything the output depends on besides the record (picklable: sent to workers)."""

    recognizers: tuple[str, ...] = DEFAULT_RECOGNIZERS
    lang: str | None = None  # language of records that have none
    stanza_dir: str | None = None
    ner_model: str | None = None

    def check(self) -> None:
        if not self.recognizers:
            raise AnnotatorError("no recognizer chosen")
        known = set(base.available()) | {CLAIMS}
        for name in self.recognizers:
            if name in NEEDS_PROJECT:
                raise AnnotatorError(f"recognizer {name!r} repeats a project's accepted spans; "
                                     "run it with `annotator preannotate` in the project")
            if name not in known:
                raise AnnotatorError(f"unknown recognizer {name!r}; available: "
                                     + ", ".join(sorted(known - set(NEEDS_PROJECT))))


@dataclass(slots=True)
class RecordStats:
    documents: int = 0
    spans: int = 0
    claims: int = 0
    messages: list[str] = field(default_factory=list)  # e.g. missing models


class Suggester:
    """The recognizers, built once (models load on first use), applied record by record."""

    def __init__(self, settings: SuggestSettings) -> None:
        settings.check()
        self.settings = settings
        options: dict[str, Any] = {"stanza_dir": settings.stanza_dir,
                                   "ner_model": settings.ner_model, "lang": settings.lang}
        self.entity_recognizers: list[Recognizer] = [
            base.get(name, **options) for name in settings.recognizers if name != CLAIMS]
        self.with_claims = CLAIMS in settings.recognizers
        self._missing_said: set[tuple[str, str]] = set()
        self.stats = RecordStats()

    def versions(self) -> dict[str, str]:
        """Recognizer name -> version, in priority order."""
        found = {rec.name: rec.version for rec in self.entity_recognizers}
        if self.with_claims:
            found[CLAIMS] = claim_recognizer.VERSION
        return found

    def suggest_lines(self, lines: Iterable[str]) -> list[str]:
        """Output lines (no newline) for input lines of native JSON, in order."""
        return [self.suggest_line(line) for line in lines]

    def suggest_line(self, line: str) -> str:
        record = json.loads(line)
        return json.dumps(self.suggest_record(record), ensure_ascii=False)

    def suggest_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """A normalised native record (as :func:`native_record` makes) with suggestions."""
        text: str = record["text"]
        lang = record.get("lang") or self.settings.lang or "en"
        doc = Document(id=0, external_id=str(record.get("id", "")), text=text, lang=lang)
        spans: list[dict[str, Any]] = list(record.get("spans") or [])
        ran = [rec.name for rec in self.entity_recognizers if self._usable(rec, lang)]
        ran_set = set(ran)
        human = [s for s in spans if not _is_suggestion(s)]
        kept_old = [s for s in spans if _is_suggestion(s) and s["source"] not in ran_set]
        blockers = Intervals((s["start"], s["end"]) for s in human)
        rejected = {(s["start"], s["end"]) for s in human if s.get("status") == "rejected"}
        candidates = [Candidate(s["start"], s["end"], s["label"], float(s.get("score") or 0.0),
                                s["source"], existing_id=i) for i, s in enumerate(kept_old)]
        analyses: dict[str, Analysis] = {}
        for rec in self.entity_recognizers:
            if rec.name in ran_set:
                analyses[rec.name] = base.analyze_batch(rec, [doc])[0]
        for name, analysis in analyses.items():
            for sug in analysis.suggestions:
                if (not valid_suggestion(sug, text, len(text))
                        or (sug.start, sug.end) in rejected
                        or blockers.overlaps(sug.start, sug.end)):
                    continue
                candidates.append(Candidate(sug.start, sug.end, sug.label, float(sug.score),
                                            name))
        taken = Intervals()
        chosen: list[dict[str, Any]] = []
        for cand in sorted(candidates, key=Candidate.key):
            if taken.overlaps(cand.start, cand.end):
                continue
            taken.add(cand.start, cand.end)
            if cand.existing_id is not None:
                chosen.append(kept_old[cand.existing_id])
            else:
                chosen.append({"start": cand.start, "end": cand.end,
                               "text": text[cand.start:cand.end], "label": cand.label,
                               "status": SpanStatus.SUGGESTED.value, "source": cand.source,
                               "score": round(cand.score, 4)})
        # Same order as a project export: by position, human spans before suggestions.
        final = sorted([*human, *chosen], key=lambda s: (s["start"], s["end"]))
        old_ids = {id(s): s.get("id") for s in final}
        renamed = {old: f"e{k + 1}" for k, s in enumerate(final)
                   if (old := old_ids[id(s)]) is not None}
        out_spans = [{"id": f"e{k + 1}", **{key: v for key, v in s.items() if key != "id"}}
                     for k, s in enumerate(final)]
        out_claims = [_reattach(c, renamed, spans, text) for c in record.get("claims") or []]
        runs = [{"recognizer": name, "version": rec_version}
                for name, rec_version in self.versions().items() if name in ran_set]
        if self.with_claims:
            out_claims += self._claims(doc, analyses, out_spans, out_claims)
            runs.append({"recognizer": CLAIMS, "version": claim_recognizer.VERSION})
        out_claims = [{"id": f"c{k + 1}", **{key: v for key, v in claim.items() if key != "id"}}
                      for k, claim in enumerate(out_claims)]
        self.stats.documents += 1
        self.stats.spans += len(chosen)
        out = {key: record[key] for key in ("id", "text", "meta", "lang", "status", "annotator")
               if record.get(key) is not None}
        out["lang"] = lang
        out["spans"] = out_spans
        out["claims"] = out_claims
        out["recognizer_runs"] = runs
        return out

    def _usable(self, rec: Recognizer, lang: str) -> bool:
        message = base.missing_models(rec, lang)
        if message is None:
            return True
        if (rec.name, lang) not in self._missing_said:
            self._missing_said.add((rec.name, lang))
            self.stats.messages.append(message)
        return False

    def _claims(self, doc: Document, analyses: dict[str, Analysis],
                spans: Sequence[dict[str, Any]], existing: Sequence[dict[str, Any]]
                ) -> list[dict[str, Any]]:
        # The tokens the project would use: the strongest recognizer's own, else the fallback.
        with_tokens = next((analyses[n] for n in sorted(analyses, key=base.priority_rank)
                            if analyses[n].tokens is not None), None)
        if with_tokens is not None:
            doc.tokens = list(with_tokens.tokens or [])
            doc.sentences = list(with_tokens.sentences or [])
        else:
            doc.tokens = tokenize(doc.text, {e for s in spans for e in (s["start"], s["end"])})
            doc.sentences = split_sentences(doc.text)
        entities = [EntitySpan(0, s["start"], s["end"], s["label"], SpanStatus(s["status"]),
                               s["source"], s.get("score"), id=k + 1)
                    for k, s in enumerate(spans) if s.get("status") != "rejected"]
        taken = {(c["start"], c["end"]) for c in existing}
        found: list[dict[str, Any]] = []
        for claim in claim_recognizer.suggest_claims(doc, entities, doc.lang):
            if (claim.start, claim.end) in taken:
                continue  # already there (a person's claim, or one suggested before)
            found.append(_claim_record(doc.text, claim))
            self.stats.claims += 1
        return found


def _reattach(claim: dict[str, Any], renamed: dict[str, str], spans: Sequence[dict[str, Any]],
              text: str) -> dict[str, Any]:
    """A claim of the input with its claimant pointing at the renumbered span; a claimant
    whose span was a suggestion replaced now becomes free text (its words)."""
    out = dict(claim)
    old = claim.get("claimant")
    if old is None:
        return out
    if old in renamed:
        out["claimant"] = renamed[old]
        return out
    del out["claimant"]
    gone = next((s for s in spans if s.get("id") == old), None)
    if gone is not None and not out.get("claimant_text"):
        out["claimant_text"] = text[gone["start"]:gone["end"]]
    return out


def _is_suggestion(span: dict[str, Any]) -> bool:
    return (span.get("status") == SpanStatus.SUGGESTED.value
            and base.is_recognizer_source(span.get("source") or "")
            and span.get("annotator") is None)


def _claim_record(text: str, claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"start": claim.start, "end": claim.end,
                            "text": text[claim.start:claim.end], "label": claim.label,
                            "status": claim.status.value, "source": claim.source}
    if claim.score is not None:
        item["score"] = claim.score
    if claim.claimant_id is not None:
        item["claimant"] = f"e{claim.claimant_id}"
    if claim.claimant_text is not None:
        item["claimant_text"] = claim.claimant_text
    if claim.cue is not None:
        item["cue"] = {"start": claim.cue_start, "end": claim.cue_end}
    item["attrs"] = claim.attrs
    return item


# --- reading input (any import format) ------------------------------------------------

def iter_records(paths: Sequence[Path | str], fmt: str = "auto",
                 lang: str | None = None) -> Iterator[str]:
    """Input documents as normalised native JSON lines, streamed, in input order.

    Parsed by the importers (same formats, checks and error messages as
    ``annotator import``); a document without a language gets the importer's guess.
    """
    from annotator.core.importers import ImportSummary, collect_files, reader_for
    from annotator.core.langid import guess_language

    files = collect_files(paths, fmt)
    if not files:
        raise AnnotatorError("no readable files found (.txt, .jsonl, .csv, .tsv)")
    reader = reader_for(ImportSummary(files=len(files)))
    for doc in reader.documents(files):
        record: dict[str, Any] = {}
        if doc.external_id is not None:
            record["id"] = doc.external_id
        record["text"] = doc.text
        record["meta"] = doc.meta
        record["lang"] = lang or doc.lang or guess_language(doc.text)
        if doc.status != "new":
            record["status"] = str(doc.status)
        if doc.annotator is not None:
            record["annotator"] = doc.annotator
        record["spans"] = [_span_record(doc.text, k, e) for k, e in enumerate(doc.entities)]
        claims = []
        for claim in doc.claims:
            item = _claim_record(doc.text, claim)
            if claim.claimant_id is not None:  # an index into doc.entities (importer)
                item["claimant"] = f"e{claim.claimant_id + 1}"
            claims.append(item)
        record["claims"] = claims
        yield json.dumps(record, ensure_ascii=False)


def _span_record(text: str, k: int, ent: EntitySpan) -> dict[str, Any]:
    item: dict[str, Any] = {"id": f"e{k + 1}", "start": ent.start, "end": ent.end,
                            "text": text[ent.start:ent.end], "label": ent.label,
                            "status": ent.status.value, "source": ent.source}
    if ent.score is not None:
        item["score"] = ent.score
    if ent.annotator is not None:
        item["annotator"] = ent.annotator
    return item
