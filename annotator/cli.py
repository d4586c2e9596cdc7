"""The command line. ``annotator`` with no verb opens the window.

Errors are one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator import __version__
from annotator.core.model import AnnotatorError
from annotator.core.seeds import open_project
from annotator.core.store import Project

F = TypeVar("F", bound=Callable[..., Any])


def project_option(func: F) -> F:
    """--project FILE, accepted both before and after the verb."""
    return click.option(
        "--project", "project_path", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="Project file (default: the default project in the data folder).",
    )(func)


def resolve_project(ctx: click.Context, project_path: Path | None) -> Project:
    path = project_path or (ctx.obj or {}).get("project_path")
    try:
        return open_project(path)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
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
@click.pass_context
def stats(ctx: click.Context, project_path: Path | None) -> None:
    """Print the project's documents, entities and claims by status and label."""
    with resolve_project(ctx, project_path) as project:
        counts = project.status_counts()
        total = sum(counts.values())
        click.echo(f"project: {project.path}")
        click.echo(f"documents: {total} ("
                   + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
        for table in ("entities", "claims"):
            rows = project.db.execute(
                f"SELECT label, status, count(*) FROM {table} GROUP BY label, status "
                "ORDER BY label, status").fetchall()
            n = sum(r[2] for r in rows)
            click.echo(f"{table}: {n}")
            for label, status, count in rows:
                click.echo(f"  {label:<12} {status:<10} {count}")


def run() -> None:
    """Entry point that turns AnnotatorError into one clear line."""
    try:
        main(standalone_mode=True)
    except AnnotatorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
