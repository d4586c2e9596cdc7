"""A child process for tests/core/test_project_files.py and bench/bench_safety.py.

    python project_file_worker.py create PATH       make (or open) a project at PATH
    python project_file_worker.py default           open the default project (seeded)
    python project_file_worker.py edit PATH         make one edit, then wait to be killed
    python project_file_worker.py import PATH FILE  import FILE into PATH, print the summary

It imports everything first and prints READY, then waits for one line on stdin
(the go signal) so a test can kill it at a chosen moment of the real work.
"""

from __future__ import annotations

import sys
import time

from annotator.core.commands import AddEntity
from annotator.core.importers import import_paths
from annotator.core.model import AnnotatorError
from annotator.core.seeds import open_default_project
from annotator.core.store import NewDocument, Project


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    verb = sys.argv[1]
    say("READY")
    sys.stdin.readline()
    if verb == "create":
        Project(sys.argv[2]).close()
    elif verb == "default":
        open_default_project().close()
    elif verb == "edit":
        project = Project(sys.argv[2])
        doc_id = project.documents.insert(
            [NewDocument(text="Kim Jong Un bertemu Putin.", external_id="edit-me")]).doc_ids[0]
        command = AddEntity(doc_id, 0, 11, "PER")
        project.execute(command)
        say(f"ACK {command.entity_id}")
        time.sleep(60)  # killed here, the project still open
    elif verb == "import":
        try:
            with Project(sys.argv[2]) as project:
                summary = import_paths(project, [sys.argv[3]])
        except AnnotatorError as exc:
            say(f"ERROR {exc}")
            return 1
        say(f"IMPORTED {summary.documents} {' '.join(summary.labels_added)}")
    say("DONE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
