"""``annotator merge``: annotators' project files become layers of a team project.

Documents are matched by their text's sha256 (a text the team project lacks is
added). Each file's spans, claims and statuses replace that annotator's layer of
those documents when they differ, so merging the same file again changes nothing.
Afterwards the consensus of each changed document goes into the gold layer (the
main tables) and its open disagreements are counted (``core.teams.consensus``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.commands import Command
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan, SpanStatus
from annotator.core.store import NewDocument, Project
from annotator.core.store.layers import (
    LayerClaim,
    LayerDocument,
    Layers,
    SourceDocument,
    annotator_names,
    copy_tokens,
    iter_source_documents,
)
from annotator.core.teams import ANNOTATOR_SETTING, CONSENSUS
from annotator.core.teams.consensus import count_open, judges, open_sites, split

PROJECT_ID_SETTING = "project_id"   # tells two files claiming one name apart
NAME_RE = re.compile(r"^[\w.@+-]{1,64}$")


def check_name(name: str, where: str) -> str:
    name = name.strip()
    if not NAME_RE.match(name):
        raise AnnotatorError(f"{where}: {name!r} is not a usable annotator name "
                             "(letters, digits, . _ - @ +; at most 64)")
    if name == CONSENSUS:
        raise AnnotatorError(f"{where}: {CONSENSUS!r} is reserved for what all annotators "
                             "agree on; choose another annotator name")
    return name


@dataclass(slots=True)
class Source:
    path: Path
    annotator: str
    source_id: str
    named_by_file: bool = False  # the file records no name: its file name was used


@dataclass(slots=True)
class MergeSummary:
    files: int = 0
    documents_added: int = 0          # texts the team project did not have
    layers_added: int = 0             # (annotator, document) layers new to the project
    layers_updated: int = 0
    layers_unchanged: int = 0
    entities: int = 0                 # layer rows written
    claims: int = 0
    gold_entities: int = 0            # consensus rows accepted in the gold layer
    gold_claims: int = 0
    documents_done: int = 0           # gold documents marked done (nothing left open)
    waiting: int = 0                  # changed documents someone is still working on
    open_documents: int = 0           # documents with open disagreements (whole project)
    open_disagreements: int = 0
    per_annotator: dict[str, list[int]] = field(default_factory=dict)  # [docs, ents, claims]
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"merged {self.files} file{'s' * (self.files != 1)}: "
                 f"{self.documents_added} new documents; layers {self.layers_added} added, "
                 f"{self.layers_updated} updated, {self.layers_unchanged} unchanged"]
        for who, (docs, ents, claims) in self.per_annotator.items():
            lines.append(f"  {who:<16} {docs:>6} documents {ents:>7} spans {claims:>6} claims")
        lines += [f"note: {note}" for note in self.notes]
        lines.append(f"gold: {self.gold_entities} spans and {self.gold_claims} claims all "
                     f"annotators agree on accepted; {self.documents_done} documents done")
        if self.waiting:
            lines.append(f"waiting: {self.waiting} documents not finished by every annotator")
        lines.append(f"to adjudicate: {self.open_disagreements} disagreements in "
                     f"{self.open_documents} documents (review mode in the window)")
        return "\n".join(lines)


def parse_source(arg: str | Path) -> tuple[str | None, Path]:
    """``FILE`` or ``NAME=FILE`` (a name for a file that records none)."""
    text = str(arg)
    if "=" in text and not Path(text).exists():
        name, _, path = text.partition("=")
        return check_name(name, text), Path(path)
    return None, Path(text)


def identify(path: Path, name: str | None) -> Source:
    """The annotator name and identity of a project file (opened, never changed)."""
    if not path.is_file():
        raise AnnotatorError(f"{path}: no such project file")
    with Project(path, create=False) as project:
        recorded = project.settings.get(ANNOTATOR_SETTING)
        project_id = project.settings.get(PROJECT_ID_SETTING)
        names = annotator_names(project.db)
        layered = project.layers.annotators()
    if layered:
        raise AnnotatorError(
            f"{path}: a team project (the layers of {', '.join(sorted(layered))}), not one "
            "annotator's file; merge the annotators' own files (NAME.annotator.db)")
    guessed = False
    if name is None:
        if isinstance(recorded, str) and recorded:
            name = recorded
        elif len(names) == 1:
            name = names[0]
        elif not names:
            # nothing recorded (e.g. a file filled by `annotator import`): the file's
            # name up to its first dot ("ana.annotator.db" -> "ana"), said in the summary
            name = path.name.split(".")[0]
            guessed = True
        else:
            raise AnnotatorError(
                f"{path}: the project records several annotator names ({', '.join(names)}); "
                f"give the one to use as NAME={path}")
    name = check_name(name, f"{path} (give the annotator's name as NAME={path})")
    return Source(path, name, str(project_id) if project_id else str(path.resolve()),
                  guessed)


def check_sources(team: Project, sources: Sequence[Source]) -> None:
    """Refuse, before anything is written, two files claiming one name."""
    seen: dict[str, Path] = {}
    team_path = team.path.resolve()
    for src in sources:
        if src.path.resolve() == team_path:
            raise AnnotatorError(f"{src.path}: is the team project itself (--into)")
        if src.annotator in seen and seen[src.annotator].resolve() == src.path.resolve():
            raise AnnotatorError(f"{src.path}: given twice; nothing was merged")
        if src.annotator in seen:
            raise AnnotatorError(
                f"{seen[src.annotator]} and {src.path} both say their annotator is "
                f"{src.annotator!r}; nothing was merged (give one of them another name "
                f"as NAME=FILE)")
        seen[src.annotator] = src.path
    known = team.layers.sources()
    for src in sources:
        if src.annotator in known and known[src.annotator][0] != src.source_id:
            raise AnnotatorError(
                f"{src.path}: annotator {src.annotator!r} is already in {team.path} from "
                f"another file ({known[src.annotator][1]}); nothing was merged")


class MergeLayers(Command):
    """A machine write (not undoable): documents in, layers replaced, consensus in gold."""

    name = "merge"
    doc_id = None

    def __init__(self, sources: Sequence[Source], summary: MergeSummary) -> None:
        self.sources = sources
        self.summary = summary
        self.changed: set[int] = set()

    def apply(self, project: Project) -> None:
        layers = project.layers
        for src in self.sources:
            layers.set_source(src.annotator, src.source_id, str(src.path))
            with Project(src.path, create=False) as source:
                self._merge_file(project, layers, src.annotator,
                                 iter_source_documents(source.db, src.annotator))
            self.summary.files += 1
        update_gold(project, layers, sorted(self.changed), self.summary)

    def _merge_file(self, project: Project, layers: Layers, annotator: str,
                    docs: Iterable[SourceDocument], batch: int = 500) -> None:
        stats = self.summary.per_annotator.setdefault(annotator, [0, 0, 0])
        for chunk in _batches(docs, batch):
            ids = ensure_documents(project, layers, chunk, self.summary)
            stored = layers.documents([ids[d.sha256] for d in chunk], annotator)
            for doc in chunk:
                doc_id = ids[doc.sha256]
                before = stored[doc_id][0] if doc_id in stored else None
                layer = LayerDocument(annotator, doc_id, doc.status, doc.entities, doc.claims)
                if layers.replace_layer(layer, before):
                    self.changed.add(doc_id)
                    if before is None:
                        self.summary.layers_added += 1
                    else:
                        self.summary.layers_updated += 1
                    self.summary.entities += len(doc.entities)
                    self.summary.claims += len(doc.claims)
                else:
                    self.summary.layers_unchanged += 1
                stats[0] += 1
                stats[1] += len(doc.entities)
                stats[2] += len(doc.claims)

    def revert(self, project: Project) -> None:
        raise AnnotatorError("a merge cannot be undone (merge into a copy to try it out)")

    def payload(self) -> dict[str, Any]:
        s = self.summary
        return {"files": [str(src.path) for src in self.sources],
                "annotators": [src.annotator for src in self.sources],
                "layers_added": s.layers_added, "layers_updated": s.layers_updated,
                "gold_entities": s.gold_entities, "gold_claims": s.gold_claims}


def _batches(docs: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    chunk: list[SourceDocument] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ensure_documents(project: Project, layers: Layers, docs: Sequence[SourceDocument],
                     summary: MergeSummary) -> dict[str, int]:
    """sha256 -> the team project's document id, adding the texts it lacks."""
    ids = layers.doc_ids_by_sha([d.sha256 for d in docs])
    missing = {d.sha256: d for d in docs if d.sha256 not in ids}
    if missing:
        result = project.documents.insert(
            NewDocument(text=d.text, external_id=d.external_id, meta=d.meta, lang=d.lang)
            for d in missing.values())
        summary.documents_added += result.inserted
        ids.update(layers.doc_ids_by_sha(list(missing)))
        for d in missing.values():
            copy_tokens(project.db, ids[d.sha256], d.tokens, d.sentences, d.tokens_source)
    return ids


def update_gold(project: Project, layers: Layers, doc_ids: Sequence[int],
                summary: MergeSummary) -> None:
    """Accept each document's consensus in the gold layer, count what is left open."""
    counts = []
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i:i + 500]
        by_doc = layers.documents(chunk)
        for doc_id in chunk:
            doc_layers = by_doc.get(doc_id, [])
            if judges(doc_layers) is None:
                summary.waiting += 1
            agreed, _sites = split(doc_layers)
            add_consensus(project, doc_id, agreed, summary)
            gold_e = project.spans.list(doc_id, include_rejected=True)
            gold_c = project.claims.list(doc_id, include_rejected=True)
            e_open, c_open = count_open(open_sites(doc_layers, gold_e, gold_c))
            counts.append((doc_id, e_open, c_open))
            finished = doc_layers and all(d.status in (DocStatus.DONE, DocStatus.SKIPPED)
                                          for d in doc_layers)
            if (finished and e_open + c_open == 0
                    and project.documents.status(doc_id) == DocStatus.NEW
                    and any(d.status == DocStatus.DONE for d in doc_layers)):
                project.documents.set_status(doc_id, DocStatus.DONE)
                summary.documents_done += 1
    layers.set_open(counts)
    open_now = layers.open_counts()
    summary.open_documents = len(open_now)
    summary.open_disagreements = sum(open_now.values())


def add_consensus(project: Project, doc_id: int, agreed: Sequence[Any],
                  summary: MergeSummary) -> None:
    """Insert the agreed items the gold layer lacks (a rejected gold row stays: an
    adjudicator said no; an overlapping decided gold span wins over the consensus)."""
    _drop_stale_consensus(project, doc_id, agreed)
    gold = project.spans.list(doc_id, include_rejected=True)
    have = {(e.start, e.end, e.label) for e in gold}
    live = [(e.start, e.end) for e in gold if e.status != SpanStatus.REJECTED]
    for item in agreed:
        if item.kind != "entity" or (item.start, item.end, item.label) in have:
            continue
        if any(a < item.end and item.start < b for a, b in live):
            continue
        project.spans.insert(EntitySpan(doc_id, item.start, item.end, item.label,
                                         SpanStatus.ACCEPTED, CONSENSUS, None, CONSENSUS))
        live.append((item.start, item.end))
        summary.gold_entities += 1
    entity_ids = {(e.start, e.end): e.id for e in project.spans.list(doc_id)}
    claims = project.claims.list(doc_id, include_rejected=True)
    have_claims = {(c.start, c.end, c.label) for c in claims}
    text: str | None = None
    for item in agreed:
        if item.kind != "claim" or (item.start, item.end, item.label) in have_claims:
            continue
        assert item.claim is not None
        if text is None:
            text = project.documents.get(doc_id, segment=False).text
        project.claims.insert(gold_claim(doc_id, item.claim, entity_ids, CONSENSUS,
                                        SpanStatus.ACCEPTED, text))
        summary.gold_claims += 1


def _drop_stale_consensus(project: Project, doc_id: int, agreed: Sequence[Any]) -> None:
    """A newer version of an annotator's file may undo an agreement: the consensus
    rows nobody has touched since (still annotator ``consensus``) go again."""
    spans = {(i.start, i.end, i.label) for i in agreed if i.kind == "entity"}
    claims = {(i.start, i.end, i.label) for i in agreed if i.kind == "claim"}
    for c in project.claims.list(doc_id, include_rejected=True):
        if (c.source == CONSENSUS and c.annotator == CONSENSUS and c.id is not None
                and (c.start, c.end, c.label) not in claims):
            project.claims.delete(c.id)
    for e in project.spans.list(doc_id, include_rejected=True):
        if (e.source == CONSENSUS and e.annotator == CONSENSUS and e.id is not None
                and (e.start, e.end, e.label) not in spans):
            project.spans.delete(e.id)


def gold_claim(doc_id: int, c: LayerClaim, entity_ids: dict[tuple[int, int], int | None],
               source: str, status: SpanStatus, text: str) -> Claim:
    """A layer claim as a gold claim: its claimant is the gold entity at the same
    offsets, else the claimant's text."""
    claimant_id = entity_ids.get(c.claimant) if c.claimant is not None else None
    claimant_text = c.claimant_text
    if claimant_id is None and c.claimant is not None and not claimant_text:
        claimant_text = text[c.claimant[0]:c.claimant[1]]
    return Claim(doc_id, c.start, c.end, c.label, claimant_id,
                 None if claimant_id is not None else claimant_text,
                 c.cue[0] if c.cue else None, c.cue[1] if c.cue else None, dict(c.attrs),
                 status, source, None, source if source == CONSENSUS else None)


def merge_projects(team: Project, args: Sequence[str | Path]) -> MergeSummary:
    """Merge annotators' files (``FILE`` or ``NAME=FILE``) into ``team``, all or nothing."""
    if not args:
        raise AnnotatorError("no project files to merge")
    sources = [identify(path, name) for name, path in map(parse_source, args)]
    check_sources(team, sources)
    summary = MergeSummary()
    summary.notes = [f"{src.path} records no annotator name: merged as {src.annotator!r} "
                     f"(its file name; NAME=FILE gives another)"
                     for src in sources if src.named_by_file]
    before = team.annotator
    team.annotator = team.annotator or CONSENSUS
    try:
        team.execute(MergeLayers(sources, summary))
    finally:
        team.annotator = before
    return summary


def new_project_id() -> str:
    return uuid.uuid4().hex
