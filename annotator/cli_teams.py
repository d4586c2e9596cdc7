"""``annotator assign``, ``merge`` and ``agreement`` (registered lazily in cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.core.model import AnnotatorError
from annotator.core.store import Project


def _fail(exc: AnnotatorError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.command("assign")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--annotators", required=True, metavar="A,B,C",
              help="The annotators' names, comma-separated.")
@click.option("--overlap", type=float, default=0.1, show_default=True,
              help="Share of the documents every annotator gets (for agreement).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False,
              path_type=Path), help="Folder for the project files (NAME.annotator.db).")
@click.option("--format", "fmt", default="auto", show_default=True,
              help="How to read the corpus (as for import).")
def assign_command(corpus: tuple[Path, ...], annotators: str, overlap: float, out_dir: Path,
                   fmt: str) -> None:
    """Split a corpus into one project file per annotator.

    Each document goes to one annotator; the overlap share goes to everybody.
    The split follows the texts' sha256, so re-running gives the same split.

    \b
    Example:
        annotator assign articles/ --annotators ana,budi,citra --overlap 0.1 --out team/
    """
    from annotator.core.teams.assign import assign, parse_annotators

    try:
        names = parse_annotators(annotators)
        summary = assign(corpus, names, out_dir, overlap, fmt)
    except AnnotatorError as exc:
        raise _fail(exc) from None
    for warning in summary.warnings[:20]:
        click.echo(f"warning: {warning}", err=True)
    click.echo(summary.describe())


@click.command("merge")
@click.argument("files", nargs=-1, required=True)
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False,
              path_type=Path), help="The team project (created if missing).")
def merge_command(files: tuple[str, ...], into: Path) -> None:
    """Merge annotators' project files into a team project, each as their layer.

    Documents are matched by their text. What all annotators of a document agree on
    is accepted in the team project's own (gold) layer; the rest waits for the
    review mode. Merging a file again adds nothing; a newer version of an
    annotator's file replaces their layer. A file that records no annotator name
    is given one as NAME=FILE.

    \b
    Example:
        annotator merge team/ana.annotator.db team/budi.annotator.db --into team.db
    """
    from annotator.core.teams.merge import merge_projects

    created = not into.exists()
    try:
        with Project(into) as team:
            summary = merge_projects(team, files)
    except AnnotatorError as exc:
        if created:  # a failed merge leaves no empty team project behind
            for suffix in ("", "-wal", "-shm"):
                Path(str(into) + suffix).unlink(missing_ok=True)
        raise _fail(exc) from None
    click.echo(summary.describe())


@click.command("agreement")
@click.option("--project", "project_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The team project (default: the default project).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def agreement_command(ctx: click.Context, project_path: Path | None, as_json: bool) -> None:
    """Agreement of every pair of annotators on the documents both finished.

    Exact-span F1 (overall and per label), Cohen's kappa and Krippendorff's alpha
    on token labels, and claim agreement (span overlap F1, label, claimant).

    \b
    Example:
        annotator agreement --project team.db --json
    """
    from annotator.core.paths import default_project_path
    from annotator.core.teams.agreement import agreement, describe

    path = project_path or (ctx.obj or {}).get("project_path") or default_project_path()
    try:
        with Project(path, create=False) as project:
            layers = project.layers
            result = agreement(layers)
            open_docs = layers.open_counts()
    except AnnotatorError as exc:
        raise _fail(exc) from None
    result["open_disagreements"] = {"documents": len(open_docs),
                                    "disagreements": sum(open_docs.values())}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{len(result['annotators'])} annotators, {result['documents']} documents "
               "finished by two or more")
    click.echo(describe(result))
    click.echo(f"open disagreements: {sum(open_docs.values())} in {len(open_docs)} documents")
