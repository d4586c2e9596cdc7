"""A process that edits a project until it is killed (driven by test_crash_safety.py).

    python crash_worker.py PROJECT RUN SEED

It inserts one document of its own (``edits-RUN``), then applies scripted edits
(add, relabel, remove entities; set the document's status) through
``Project.execute`` and now and then imports a batch of documents with
``insert_documents``. Before each step it prints ``DO ...`` and after the call
has returned ``ACK ...`` (flushed at once), so the test knows which steps were
acknowledged when the SIGKILL arrived and which single one was in flight.
"""

from __future__ import annotations

import random
import sys

from annotator.core.commands import AddEntity, RemoveEntity, SetDocumentStatus, relabel
from annotator.core.model import DocStatus
from annotator.core.store import NewDocument, Project

LABELS = ["PER", "ORG", "LOC", "DATE", "MISC"]
STATUSES = [DocStatus.IN_PROGRESS, DocStatus.DONE, DocStatus.NEW, DocStatus.SKIPPED]
IMPORT_SIZE = 800
MAX_ADDS = 2500


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    path, run, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    project = Project(path)
    text = "".join(f"w{i % 10} " for i in range(MAX_ADDS * 4 // 3 + 10))
    say(f"DO import edits-{run} 1")
    doc_id = project.documents.insert(
        [NewDocument(text=f"run {run}\n" + text, external_id=f"edits-{run}")]).doc_ids[0]
    say(f"ACK import edits-{run} 1")
    say(f"READY {doc_id}")
    live: list[tuple[int, int]] = []  # (entity id, start)
    adds = batches = 0
    while adds < MAX_ADDS:
        roll = rng.random()
        if roll < 0.04:
            batches += 1
            name = f"r{run}-b{batches}"
            docs = [NewDocument(text=f"{name} document {i}\n" + "kata berita " * 60,
                                external_id=f"{name}-{i}", meta={"batch": name})
                    for i in range(IMPORT_SIZE)]
            say(f"DO import {name} {IMPORT_SIZE}")
            project.documents.insert(docs)
            say(f"ACK import {name} {IMPORT_SIZE}")
        elif roll < 0.12:
            status = rng.choice(STATUSES)
            say(f"DO status {status}")
            project.execute(SetDocumentStatus(doc_id, status))
            say(f"ACK status {status}")
        elif roll < 0.25 and live:
            eid, start = live[rng.randrange(len(live))]
            label = rng.choice(LABELS)
            say(f"DO relabel {start} {label}")
            project.execute(relabel(eid, label))
            say(f"ACK relabel {start} {label}")
        elif roll < 0.32 and live:
            eid, start = live.pop(rng.randrange(len(live)))
            say(f"DO remove {start}")
            project.execute(RemoveEntity(eid))
            say(f"ACK remove {start}")
        else:
            start = 1 + len(f"run {run}") + adds * 3  # "wN " tokens: 3 characters each
            label = rng.choice(LABELS)
            say(f"DO add {start} {label}")
            cmd = AddEntity(doc_id, start, start + 2, label)
            project.execute(cmd)
            assert cmd.entity_id is not None
            live.append((cmd.entity_id, start))
            adds += 1
            say(f"ACK add {start} {label}")
    project.close()
    say("DONE")


if __name__ == "__main__":
    main()
