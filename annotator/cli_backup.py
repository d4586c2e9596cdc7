"""``annotator backup`` (registered on the main group in cli.py)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import project_option
from annotator.core.model import AnnotatorError
from annotator.core.paths import default_project_path
from annotator.core.store.files import backup_project, no_such_project


@click.command("backup")
@click.argument("out", type=click.Path(path_type=Path))
@project_option
@click.pass_context
def _backup(ctx: click.Context, out: Path, project_path: Path | None) -> None:
    """Copy the project (every saved edit) to OUT, safely while it is open.

    Uses SQLite's backup API: a consistent copy even while a window or an import
    is writing; OUT is replaced only once the copy is complete. OUT may not be the
    project itself, its -wal/-shm, or a link to them.

    \b
    Example:
        annotator backup --project team.annotator.db backups/team-monday.db
    """
    path = project_path or (ctx.obj or {}).get("project_path") or default_project_path()
    try:
        if not Path(path).is_file():
            raise no_such_project(Path(path))
        size = backup_project(Path(path), out)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backed up {path} to {out} ({size / 1e6:.1f} MB)")


# Declared type: cli.py imports this while it is itself being imported (a cycle).
backup_command: click.Command = _backup
