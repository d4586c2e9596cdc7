"""The claim recognizer on the command line: ``annotator preannotate --recognizer claims``."""

from __future__ import annotations

import click

from annotator.core.claims import preannotate_claims
from annotator.core.store import Project

CLAIMS = "claims"


def run_claims(project: Project, lang: str | None) -> None:
    """Suggest claims in every document (after the entity recognizers: claimants)."""
    result = preannotate_claims(project, lang=lang)
    click.echo(f"{CLAIMS:<13} {result.added:>6} suggestions  {result.documents:>6} documents run  "
               f"{result.skipped:>6} already there or rejected")
