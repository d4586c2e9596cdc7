"""The command line. ``annotator`` with no verb opens the window.

Errors are one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.core.model import AnnotatorError
from annotator.core.seeds import open_project
from annotator.core.store import Project
from annotator.core.store.files import no_such_project

F = TypeVar("F", bound=Callable[..., Any])


def project_option(func: F) -> F:
    """--project FILE, accepted both before and after the verb."""
    return click.option(
        "--project", "project_path", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="Project file (default: the default project in the data folder).",
    )(func)


def resolve_project(ctx: click.Context, project_path: Path | None,
                    must_exist: bool = False) -> Project:
    """The project to work on. ``must_exist``: read-only verbs (export, stats,
    screenshot) and the verbs that work on its documents (preannotate, train, models)
    never create a project file they are given, so a mistyped path is an error, not
    a new empty project (only import, merge and the window make one). (The default
    project is the app's own: it is made and filled from the seeds on first use by
    any verb, as the window does.)"""
    path = project_path or (ctx.obj or {}).get("project_path")
    if must_exist and path is not None and not Path(path).is_file():
        raise click.ClickException(str(no_such_project(Path(path))))
    try:
        return open_project(path)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None


# Verbs in their own modules, imported when used (or listed by --help): opening the
# window (no verb) then skips importing the importers, exporters and training.
LAZY_COMMANDS = {
    "import": ("annotator.cli_io", "import_command"),
    "export": ("annotator.cli_io", "export_command"),
    "train": ("annotator.cli_train", "train_command"),
    "models": ("annotator.cli_models", "models_command"),
    "assign": ("annotator.cli_teams", "assign_command"),
    "merge": ("annotator.cli_teams", "merge_command"),
    "agreement": ("annotator.cli_teams", "agreement_command"),
    "backup": ("annotator.cli_backup", "backup_command"),
    "suggest": ("annotator.cli_suggest", "suggest_command"),
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attr = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # looked up only when asked: reading the package metadata slows every start
    if value and not ctx.resilient_parsing:
        from annotator import __version__

        click.echo(f"annotator, version {__version__}")
        ctx.exit()


@click.group(cls=_LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
@project_option
@click.pass_context
def main(ctx: click.Context, project_path: Path | None) -> None:
    """Annotate entities and claims in news articles. With no command, open the window."""
    ctx.ensure_object(dict)
    ctx.obj["project_path"] = project_path
    if ctx.invoked_subcommand is None:
        try:
            from annotator.gui.app import run_window
        except ImportError as exc:  # e.g. Qt libraries missing on the system
            raise click.ClickException(f"cannot start the window: {exc}") from None
        sys.exit(run_window(project_path))


@main.command()
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.pass_context
def stats(ctx: click.Context, project_path: Path | None, as_json: bool) -> None:
    """Print the project's documents, entities and claims by status and label.

    \b
    Examples:
      annotator stats --project news.db
      annotator stats --json | jq .documents
    """
    with resolve_project(ctx, project_path, must_exist=True) as project:
        counts = project.documents.status_counts()
        total = sum(counts.values())
        tables = {"entities": project.spans.counts(), "claims": project.claims.counts()}
        if as_json:
            import json

            figures: dict[str, Any] = {"project": str(project.path),
                                       "documents": {"total": total, **counts}}
            for table, rows in tables.items():
                by_label: dict[str, dict[str, int]] = {}
                for label, status, count in rows:
                    by_label.setdefault(label, {})[status] = count
                figures[table] = {"total": sum(r[2] for r in rows), "by_label": by_label}
            click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        click.echo(f"project: {project.path}")
        click.echo(f"documents: {total} ("
                   + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
        for table, rows in tables.items():
            click.echo(f"{table}: {sum(r[2] for r in rows)}")
            for label, status, count in rows:
                click.echo(f"  {label:<12} {status:<10} {count}")


@main.command()
@project_option
@click.option("--recognizer", "recognizers", multiple=True, metavar="NAME",
              help="Run only these recognizers (repeatable; default: all). "
                   "Names: stanza-ner, names, stanza-propn, gazetteer, dates, dictionary; "
                   "claims (claim suggestions; only when named).")
@click.option("--stanza-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Stanza models folder (resources.json + LANG/PROCESSOR/PACKAGE.pt); "
                   "default: the stanza folder in the data folder.")
@click.option("--ner-model", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="A Stanza NER model file for stanza-ner.")
@click.option("--lang", default=None, metavar="CODE",
              help="Language of documents that have none (default: the project's majority).")
@click.option("--batch", default=1, show_default=True, help="Documents per Stanza batch.")
@click.pass_context
def preannotate(ctx: click.Context, project_path: Path | None, recognizers: tuple[str, ...],
                stanza_dir: Path | None, ner_model: Path | None, lang: str | None,
                batch: int) -> None:
    """Suggest entities with the recognizers (cached: nothing runs twice).

    \b
    Examples:
      annotator preannotate --project news.db
      annotator preannotate --project news.db --recognizer names --recognizer dates
      annotator preannotate --project news.db --recognizer claims
      annotator preannotate --project news.db --stanza-dir ~/stanza_resources --lang id
    """
    from annotator.cli_claims import CLAIMS, run_claims
    from annotator.core.recognizers import available
    from annotator.core.recognizers import preannotate as run_recognizers

    with_claims = CLAIMS in recognizers
    recognizers = tuple(name for name in recognizers if name != CLAIMS)
    if with_claims and not recognizers:
        with resolve_project(ctx, project_path, must_exist=True) as project:
            run_claims(project, lang)
        return
    unknown = [name for name in recognizers if name not in available()]
    if unknown:
        raise click.ClickException(f"unknown recognizer {unknown[0]!r}; available: "
                                   + ", ".join(available()))
    with resolve_project(ctx, project_path, must_exist=True) as project:
        options: dict[str, Any] = {"stanza_dir": stanza_dir, "ner_model": ner_model,
                                   "lang": lang}
        total = project.documents.count()
        with click.progressbar(length=total, label="pre-annotating", file=sys.stderr) as bar:
            state = {"done": 0}

            def progress(done: int, _total: int) -> None:
                bar.update(done - state["done"])
                state["done"] = done

            try:
                report = run_recognizers(project, list(recognizers) or None, lang=lang,
                                         progress=progress, batch=batch, options=options)
            except AnnotatorError as exc:
                raise click.ClickException(str(exc)) from None
        for message in report.messages:
            click.echo(message, err=True)
        names = sorted(set(report.ran) | set(report.cached),
                       key=lambda n: available().index(n) if n in available() else 99)
        for name in names:
            click.echo(f"{name:<13} {report.added[name]:>6} suggestions  "
                       f"{report.ran[name]:>6} documents run  {report.cached[name]:>6} cached")
        if report.labels:
            click.echo("labels: " + ", ".join(f"{k} {v}" for k, v in
                                                sorted(report.labels.items())))
        click.echo(f"dropped: {report.dropped_human} overlapping a human decision, "
                   f"{report.dropped_priority} overlapping a stronger suggestion")
        if with_claims:
            run_claims(project, lang)


SCREENSHOT_SIDES = (100, 8000)  # pixels


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option("--doc", "doc_id", default=None,
              help="The document to show: its id as imported (a seed's file name without .txt).")
@click.option("--size", default="1400x900", show_default=True, help="Window size, WIDTHxHEIGHT.")
@click.option("--dark", is_flag=True, help="Use the dark theme.")
@click.pass_context
def screenshot(ctx: click.Context, out: Path, project_path: Path | None, doc_id: str | None,
               size: str, dark: bool) -> None:
    """Render the window (offscreen when there is no display) to a PNG file.

    \b
    Examples:
      annotator screenshot window.png --project news.db
      annotator screenshot dark.png --project news.db --doc 000_6a179d3ec5163f48 --dark
    """
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use WIDTHxHEIGHT, e.g. 1400x900", param_hint="--size") from None
    if not (SCREENSHOT_SIDES[0] <= width <= SCREENSHOT_SIDES[1]
            and SCREENSHOT_SIDES[0] <= height <= SCREENSHOT_SIDES[1]):
        # Qt crashes (no message) on an image too big to allocate
        raise click.BadParameter(
            f"use WIDTHxHEIGHT with each side from {SCREENSHOT_SIDES[0]} to "
            f"{SCREENSHOT_SIDES[1]} pixels, e.g. 1400x900", param_hint="--size")
    try:
        from PySide6.QtCore import QSize

        from annotator.gui.app import render_screenshot
    except ImportError as exc:
        raise click.ClickException(f"cannot start Qt: {exc}") from None
    with resolve_project(ctx, project_path, must_exist=True) as project:
        try:
            got = render_screenshot(out, project, doc_id, QSize(width, height), dark=dark)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out} ({got.width()}x{got.height()})")


def run() -> None:
    """Entry point that turns AnnotatorError into one clear line."""
    try:
        main(standalone_mode=True)
    except AnnotatorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
