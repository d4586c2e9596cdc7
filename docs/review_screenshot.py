"""Make docs/screenshot-review.png: the review mode on a small team project.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/review_screenshot.py

Two annotators (ana, budi) get the seed articles (overlap 100 %), annotate the
first one a little differently, their files are merged, and the window opens the
merged project in review mode.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize

from annotator.core import commands as cmds
from annotator.core.model import Claim, DocStatus
from annotator.core.paths import seeds_dir
from annotator.core.store import Project
from annotator.core.teams.assign import assign
from annotator.core.teams.merge import merge_projects
from annotator.gui.app import build_window, ensure_app

ANA = [("Korea Utara", "LOC"), ("Kim Jong Un", "PER"), ("Vladimir Putin", "PER"),
       ("Rusia", "LOC"), ("Moskow", "LOC"), ("Ukraina", "LOC"), ("Pyongyang", "LOC"),
       ("Dewan Keamanan Nasional Amerika Serikat", "ORG"), ("Andrienne Watson", "PER")]
BUDI = [("Korea Utara", "LOC"), ("Kim Jong Un", "PER"), ("Presiden Vladimir Putin", "PER"),
        ("Rusia", "LOC"), ("Moskow", "ORG"), ("Ukraina", "LOC"),
        ("Dewan Keamanan Nasional", "ORG"), ("Amerika Serikat", "LOC"),
        ("Andrienne Watson", "PER"), ("Kremlin", "ORG")]
QUOTE = '"Kami dapat informasi'


def annotate(path: Path, spans: list[tuple[str, str]], claim_label: str) -> None:
    with Project(path, create=False) as project:
        project.annotator = project.settings.get("annotator")
        doc = next(d for d in project.documents.iter() if "SURABAYAPAGI" in d.text)
        ids = {}
        for needle, label in spans:
            start = doc.text.index(needle)
            add = cmds.AddEntity(doc.id, start, start + len(needle), label)
            project.execute(add)
            ids[needle] = add.entity_id
        start = doc.text.index(QUOTE)
        end = doc.text.index('di Rusia,"') + len("di Rusia,\"")
        project.execute(cmds.AddClaim(Claim(doc.id, start, end, claim_label,
                                            claimant_id=ids["Andrienne Watson"])))
        project.execute(cmds.SetDocumentStatus(doc.id, DocStatus.DONE))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshot-review.png")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        assign([p for p in sorted(seeds_dir().glob("*.txt"))][:2], ["ana", "budi"],
               folder / "team", overlap=1.0)
        annotate(folder / "team" / "ana.annotator.db", ANA, "CHECKWORTHY")
        annotate(folder / "team" / "budi.annotator.db", BUDI, "PREDICTION")
        with Project(folder / "team.db") as team:
            merge_projects(team, [folder / "team" / "ana.annotator.db",
                                  folder / "team" / "budi.annotator.db"])
            app = ensure_app()
            window = build_window(team, restore=False)
            window.persist = False
            window.resize(QSize(1500, 900))
            window.open_document(team.documents.ids()[0])
            window.show()
            window.review.set_active(True)
            window.review.step(1)
            window.article.setFocus()  # as an annotator sees it: the keys go to the text
            for _ in range(10):
                app.processEvents()
            window.grab().toImage().save(str(out), "PNG")
            window.close()
            app.processEvents()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
