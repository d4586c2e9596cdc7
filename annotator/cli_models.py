"""``annotator models``: the Stanza models pre-annotation uses (registered on the main group).

``annotator models [--project P]`` lists the models folder, the languages with
models in it and, for the project's language, what is installed and missing.
``annotator models download LANG`` fetches them with ``stanza.download`` (the
only network use of the app; offline it fails with one clear line).
``annotator models use DIR`` / ``use --default`` sets the project's models folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import project_option, resolve_project
from annotator.core import stanza_models as sm
from annotator.core.model import AnnotatorError


@click.group("models", invoke_without_command=True)
@project_option
@click.pass_context
def models_command(ctx: click.Context, project_path: Path | None) -> None:
    """List the Stanza models (installed languages and processors, what is missing).

    \b
    Examples:
      annotator models --project news.db
      annotator models download id
      annotator models use ~/stanza_resources --project news.db
    """
    ctx.ensure_object(dict)
    if project_path is not None:
        ctx.obj["project_path"] = project_path
    if ctx.invoked_subcommand is not None:
        return
    from annotator.core.recognizers import project_lang

    with resolve_project(ctx, None, must_exist=True) as project:
        root = sm.models_dir(project)
        chosen = project.settings.get(sm.PROJECT_SETTING)
        lang = project_lang(project)
    click.echo(f"models folder: {root}"
               + ("  (the project's chosen folder)" if chosen else "  (default)"))
    if not (root / "resources.json").is_file():
        click.echo("  no resources.json: no Stanza models here yet")
    langs = sm.installed_languages(root)
    for code in sorted(set(langs) | {lang}):
        marker = "  (project language)" if code == lang else ""
        click.echo("  " + sm.lang_status(root, code).line() + marker)
    status = sm.lang_status(root, lang)
    if status.missing:
        click.echo(f"get the missing {lang} models with: annotator models download {lang}"
                   " (needs the network), or copy a Stanza models folder and run "
                   "annotator models use DIR")


@models_command.command("download")
@click.argument("lang")
@project_option
@click.pass_context
def download_command(ctx: click.Context, lang: str, project_path: Path | None) -> None:
    """Download the tokenize, pos and ner models Stanza has for LANG (needs the network).

    \b
    Example:
      annotator models download id
    """
    with resolve_project(ctx, project_path, must_exist=True) as project:
        root = sm.models_dir(project)

    def progress(done: int, total: int, processor: str) -> None:
        if processor:
            click.echo(f"[{done + 1}/{total}] {lang} {processor} …", err=True)

    try:
        got = sm.download(lang, root, progress=progress)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    status = sm.lang_status(root, lang.strip().lower())
    click.echo(f"downloaded {', '.join(got)} for {lang} into {root}")
    click.echo(status.line())
    sys.stdout.flush()


@models_command.command("use")
@click.argument("folder", required=False,
                type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--default", "use_default", is_flag=True,
              help="Forget the chosen folder: use the default models folder again.")
@project_option
@click.pass_context
def use_command(ctx: click.Context, folder: Path | None, use_default: bool,
                project_path: Path | None) -> None:
    """Make FOLDER (a Stanza models folder with resources.json) the project's models folder.

    \b
    Examples:
      annotator models use /media/usb/stanza_resources --project news.db
      annotator models use --default --project news.db
    """
    if (folder is None) == (not use_default):
        raise click.UsageError("give a FOLDER or --default")
    with resolve_project(ctx, project_path, must_exist=True) as project:
        try:
            root = sm.use_folder(project, None if use_default else folder)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"models folder: {root}")
