"""``annotator assign``: split a corpus into one project file per annotator.

The split depends only on the documents' texts: documents are ordered by a hash of
their text's sha256, the first ``round(overlap * n)`` go to everybody (the overlap
that agreement is measured on), the rest are dealt round-robin in that order. So
re-running on the same corpus gives the same split, whatever the files' order.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, Claim, DocStatus, EntitySpan
from annotator.core.store import NewDocument, Project
from annotator.core.store.layers import SourceDocument, iter_source_documents
from annotator.core.teams import ANNOTATOR_SETTING
from annotator.core.teams.merge import PROJECT_ID_SETTING, check_name, new_project_id

TEAM_SETTING = "team"  # {"annotators": [...], "overlap": 0.1} in every assigned file
SUFFIX = ".annotator.db"


def split_order_key(sha256: str) -> str:
    # sha256 of the sha256: the order does not follow the texts' own hash prefix,
    # which an id scheme might also use
    return hashlib.sha256(sha256.encode("ascii")).hexdigest()


def plan(hashes: Sequence[str], annotators: Sequence[str],
         overlap: float) -> dict[str, list[str]]:
    """sha256 -> the annotators who get that document."""
    if not annotators:
        raise AnnotatorError("no annotators given (--annotators ana,budi)")
    if not 0.0 <= overlap <= 1.0:
        raise AnnotatorError(f"--overlap {overlap}: give a share between 0 and 1")
    ordered = sorted(set(hashes), key=split_order_key)
    shared = round(overlap * len(ordered))
    out: dict[str, list[str]] = {}
    for k, sha in enumerate(ordered):
        out[sha] = (list(annotators) if k < shared
                    else [annotators[(k - shared) % len(annotators)]])
    return out


@dataclass(slots=True)
class AssignSummary:
    documents: int = 0
    overlap: int = 0
    files: dict[str, int] = field(default_factory=dict)  # path -> documents
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"{self.documents} documents, {self.overlap} of them given to everybody"]
        lines += [f"  {path}: {n} documents" for path, n in self.files.items()]
        return "\n".join(lines)


def parse_annotators(text: str) -> list[str]:
    names = [check_name(n, "--annotators") for n in text.split(",") if n.strip()]
    if len({n.casefold() for n in names}) != len(names):
        # compared without case: ana.annotator.db and Ana.annotator.db are one file on
        # Windows and macOS, and the second would replace the first
        raise AnnotatorError(f"--annotators {text}: a name appears twice (names are "
                             "compared ignoring upper and lower case)")
    if not names:
        raise AnnotatorError("--annotators: give at least one name (ana,budi,citra)")
    return names


def assign(corpus: Sequence[Path | str], annotators: Sequence[str], out_dir: Path,
           overlap: float = 0.1, fmt: str = "auto",
           progress: Callable[[str], None] | None = None) -> AssignSummary:
    """Read the corpus once (any importable format), write ``OUT/NAME.annotator.db``
    for every annotator. Existing files are never overwritten."""
    targets = {name: out_dir / f"{name}{SUFFIX}" for name in annotators}
    taken = [str(p) for p in targets.values() if p.exists()]
    if taken:
        raise AnnotatorError(f"{', '.join(taken)}: already there (it may hold work); "
                             "choose another --out folder or remove the file")
    plan([], annotators, overlap)  # check the arguments before making anything
    made_dir = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = AssignSummary()
    fd, staging_name = tempfile.mkstemp(prefix=".assign-", suffix=".db", dir=out_dir)
    os.close(fd)
    staging_path = Path(staging_name)
    staging_path.unlink()  # Project creates it
    try:
        with Project(staging_path) as staging:
            imported = import_paths(staging, corpus, fmt)
            summary.warnings = imported.warnings
            # streamed, a batch at a time: a big corpus is never all in memory
            who = plan([d.sha256 for d in iter_source_documents(staging.db, "")],
                       annotators, overlap)
            summary.documents = len(who)
            summary.overlap = round(overlap * len(who))
            for name, path in targets.items():
                mine = (d for d in iter_source_documents(staging.db, name)
                        if name in who[d.sha256])
                summary.files[str(path)] = write_member(staging, mine, path, name,
                                                        list(annotators), overlap)
                if progress:
                    progress(name)
    except BaseException:
        for path in targets.values():  # all files or none
            path.unlink(missing_ok=True)
        raise
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(staging_path) + suffix).unlink(missing_ok=True)
        if made_dir and not all(p.exists() for p in targets.values()):
            with contextlib.suppress(OSError):  # only if empty: rmdir never removes files
                out_dir.rmdir()
    return summary


def write_member(staging: Project, docs: Iterable[SourceDocument], path: Path, name: str,
                 annotators: list[str], overlap: float) -> int:
    """One annotator's project: the documents with their imported annotations."""
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    with Project(tmp) as member:  # closing it folds the WAL into the file
        member.annotator = name
        inserted = member.documents.insert(map(_copy, docs)).inserted
        member.settings.set(ANNOTATOR_SETTING, name)
        member.settings.set(PROJECT_ID_SETTING, new_project_id())
        member.settings.set(TEAM_SETTING, {"annotators": annotators, "overlap": overlap})
        if staging.settings.get("label_scheme"):
            member.settings.save_scheme(staging.scheme)
        member.search.update_index()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)  # the file appears complete or not at all
    return inserted


def _copy(d: SourceDocument) -> NewDocument:
    """A corpus document for an annotator's file: new, with its imported spans and
    claims (a claim names its claimant by index into the entities: NewDocument's rule)."""
    index = {(e.start, e.end): k for k, e in enumerate(d.entities)}
    entities = [EntitySpan(0, e.start, e.end, e.label, e.status, e.source, e.score)
                for e in d.entities]
    claims = [Claim(0, c.start, c.end, c.label,
                    index.get(c.claimant) if c.claimant is not None else None,
                    c.claimant_text, c.cue[0] if c.cue else None, c.cue[1] if c.cue else None,
                    dict(c.attrs), c.status, c.source, c.score)
              for c in d.claims]
    return NewDocument(text=d.text, external_id=d.external_id, meta=d.meta,
                       status=DocStatus.NEW, lang=d.lang, entities=entities, claims=claims)
