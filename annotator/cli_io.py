"""``annotator import`` and ``annotator export`` (registered on the main group in cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import project_option, resolve_project
from annotator.core.exporters import FORMATS as EXPORT_FORMATS
from annotator.core.exporters import count_export_docs, export
from annotator.core.importers import FORMATS as IMPORT_FORMATS
from annotator.core.importers import collect_files, import_paths
from annotator.core.model import AnnotatorError

BIG_INPUT = 4 << 20  # bytes: show a progress bar above this
BIG_PROJECT = 2000   # documents


@click.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@project_option
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), default="auto",
              show_default=True, help="How to read the files (auto: by extension and content).")
@click.option("--lang", default=None, metavar="CODE",
              help="The documents' language (e.g. id, en); default: each record's own "
                   "'lang', else guessed from its words.")
@click.pass_context
def _import(ctx: click.Context, paths: tuple[Path, ...], project_path: Path | None,
            fmt: str, lang: str | None) -> None:
    """Import .txt files, folders, JSONL (native, Prodigy, doccano) or CSV.

    All PATHs are one transaction: on any error nothing is imported.
    """
    try:
        files = collect_files(paths, fmt)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    total = 0
    for path, _ in files:
        total += path.stat().st_size
    with resolve_project(ctx, project_path) as project:
        try:
            if total >= BIG_INPUT:
                with click.progressbar(length=total, label="importing", file=sys.stderr,
                                       show_pos=False) as bar:
                    seen = {"done": 0}

                    def progress(done: int, _total: int) -> None:
                        bar.update(done - seen["done"])
                        seen["done"] = done

                    summary = import_paths(project, paths, fmt, progress=progress, lang=lang)
            else:
                summary = import_paths(project, paths, fmt, lang=lang)
        except AnnotatorError as exc:
            raise click.ClickException(f"{exc} (nothing was imported)") from None
        for warning in summary.warnings[:20]:
            click.echo(f"warning: {warning}", err=True)
        if len(summary.warnings) > 20:
            click.echo(f"warning: ... and {len(summary.warnings) - 20} more warnings", err=True)
        click.echo(summary.describe())
        if summary.labels_added:
            click.echo("labels added to the project: " + ", ".join(summary.labels_added))
        pending = project.search_pending()
        if pending:
            click.echo(f"updating the search index ({pending} documents)...", err=True)
            indexed = project.update_search_index()
            click.echo(f"search index updated: {indexed} documents", err=True)


@click.command("export")
@project_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonl (native, Prodigy-compatible), doccano, conll, hf, spacy, claims.")
@click.option("--out", "out", default="-", show_default=True, metavar="FILE|-",
              help="Output file (written atomically), or - for stdout (not for spacy).")
@click.option("--status", type=click.Choice(["done", "all"]), default="done",
              show_default=True, help="Export finished documents only, or all of them.")
@click.option("--include-suggested", is_flag=True,
              help="Also export suggested (not yet accepted) entities and claims.")
@click.option("--annotator", default=None, metavar="NAME",
              help="A team project: export this annotator's layer (default: the gold "
                   "layer); --status is then the annotator's own.")
@click.pass_context
def _export(ctx: click.Context, project_path: Path | None, fmt: str, out: str,
                   status: str, include_suggested: bool, annotator: str | None) -> None:
    """Export the project's annotations as training data."""
    with resolve_project(ctx, project_path) as project:
        try:
            total = count_export_docs(project, status)
            if out != "-" and total >= BIG_PROJECT:
                with click.progressbar(length=total, label=f"exporting {fmt}",
                                       file=sys.stderr) as bar:
                    seen = {"done": 0}

                    def progress(done: int, _total: int) -> None:
                        bar.update(done - seen["done"])
                        seen["done"] = done

                    summary = export(project, fmt, out, status=status,
                                     include_suggested=include_suggested, progress=progress,
                                     annotator=annotator)
            else:
                summary = export(project, fmt, out, status=status,
                                 include_suggested=include_suggested, annotator=annotator)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
        for warning in summary.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(summary.describe(), err=True)
        for extra in summary.extra_files:
            click.echo(f"also wrote {extra}", err=True)


# Declared types: cli.py imports these while it is itself being imported (a cycle).
import_command: click.Command = _import
export_command: click.Command = _export
