"""``annotator assign``: split a corpus into one project file per annotator.

The split depends only on the documents' texts: documents are ordered by a hash of
their text's sha256, the first ``round(overlap * n)`` go to everybody (the overlap
that agreement is measured on), the rest are dealt round-robin in that order. So
re-running on the same corpus gives the same split, whatever the files' order.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError, DocStatus, Document
from annotator.core.store import NewDocument, Project
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
    if len(set(names)) != len(names):
        raise AnnotatorError(f"--annotators {text}: a name appears twice")
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
            docs = list(staging.iter_documents())
            who = plan([d.sha256 for d in docs], annotators, overlap)
            summary.documents = len(docs)
            summary.overlap = round(overlap * len(who))
            for name, path in targets.items():
                mine = [d for d in docs if name in who[d.sha256]]
                write_member(staging, mine, path, name, list(annotators), overlap)
                summary.files[str(path)] = len(mine)
                if progress:
                    progress(name)
    except BaseException:
        for path in targets.values():  # all files or none
            path.unlink(missing_ok=True)
        raise
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(staging_path) + suffix).unlink(missing_ok=True)
    return summary


def write_member(staging: Project, docs: Sequence[Document], path: Path, name: str,
                 annotators: list[str], overlap: float) -> None:
    """One annotator's project: the documents with their imported annotations."""
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    with Project(tmp) as member:  # closing it folds the WAL into the file
        member.annotator = name
        member.insert_documents(_copies(staging, docs))
        member.set_setting(ANNOTATOR_SETTING, name)
        member.set_setting(PROJECT_ID_SETTING, new_project_id())
        member.set_setting(TEAM_SETTING, {"annotators": annotators, "overlap": overlap})
        if staging.get_setting("label_scheme"):
            member.save_scheme(staging.scheme)
        member.update_search_index()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)  # the file appears complete or not at all


def _copies(staging: Project, docs: Sequence[Document]) -> list[NewDocument]:
    out = []
    for d in docs:
        entities = staging.entities(d.id, include_rejected=True)
        index = {e.id: k for k, e in enumerate(entities)}
        claims = staging.claims(d.id, include_rejected=True)
        for c in claims:  # claimant: an index into the entities (NewDocument's rule)
            c.claimant_id = index.get(c.claimant_id) if c.claimant_id is not None else None
            c.id = None
        for e in entities:
            e.id = None
        out.append(NewDocument(text=d.text, external_id=d.external_id, meta=d.meta,
                               status=DocStatus.NEW, lang=d.lang, entities=entities,
                               claims=claims))
    return out
