"""``annotator import`` and ``annotator export`` (registered on the main group in cli.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from annotator.cli import project_option, resolve_project
from annotator.core.exporters import FORMATS as EXPORT_FORMATS
from annotator.core.exporters import UNITS, count_export_docs, export, parse_split
from annotator.core.importers import FORMATS as IMPORT_FORMATS
from annotator.core.importers import STDIN, collect_files, import_paths
from annotator.core.model import AnnotatorError
from annotator.core.store import Project

BIG_INPUT = 4 << 20  # bytes: show a progress bar above this
BIG_PROJECT = 2000   # documents


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM raises SystemExit here, so that the export removes its temporary
    files on the way out (the default action kills the process on the spot)."""
    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (e.g. a test runner's worker)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _removed_if_left_empty(path: Path | None) -> Iterator[None]:
    """A project file this import makes is removed again when the import fails (a bad
    line, Ctrl+C): a failed import changes nothing, not even by leaving an empty
    project behind. (Only if it is still empty: another process may have filled it.)"""
    new = path is not None and not os.path.lexists(path)
    try:
        yield
    except BaseException:
        if new and path is not None and os.path.isfile(path):
            with contextlib.suppress(AnnotatorError, OSError):
                with Project(path, create=False) as project:
                    empty = project.documents.count() == 0
                if empty:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise


def _nothing_to_import(paths: list[Path], fmt: str) -> str:
    """Why the folders named hold nothing to import, and what would."""
    where = ", ".join(str(p) for p in paths)
    message = (f"nothing to import in {where}: no .txt, .jsonl, .csv, .tsv, .conll or brat "
               "files" + ("" if fmt == "auto" else f" for --format {fmt}"))
    has_json = any(child.suffix.lower() == ".json" for p in paths if p.is_dir()
                   for child in p.rglob("*.json"))
    if has_json and fmt == "auto":
        message += ("; a folder's .json files are read with --format labelstudio, or name "
                    "them (annotator import FOLDER/*.json)")
    return message


@click.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, allow_dash=True))
@project_option
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), default="auto",
              show_default=True, help="How to read the files (auto: by extension and content).")
@click.option("--lang", default=None, metavar="CODE",
              help="The documents' language (e.g. id, en); default: each record's own "
                   "'lang', else guessed from its words.")
@click.pass_context
def _import(ctx: click.Context, paths: tuple[Path, ...], project_path: Path | None,
            fmt: str, lang: str | None) -> None:
    """Import .txt files, folders, JSONL (native, Prodigy, doccano), CSV, Label Studio
    JSON, CoNLL columns or brat folders; - reads standard input.

    All PATHs are one transaction: on any error nothing is imported.

    \b
    Examples:
      annotator import articles/ --project news.db
      annotator import export.json --format labelstudio
      annotator import train.conll
      cat records.jsonl | annotator import -
    """
    real = [p for p in paths if str(p) != STDIN]
    try:
        files = collect_files(real, fmt)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    if not files and len(real) == len(paths):
        raise click.ClickException(_nothing_to_import(real, fmt))
    total = 0
    for path, _ in files:
        total += path.stat().st_size
    target = project_path or (ctx.obj or {}).get("project_path")
    with _removed_if_left_empty(target), resolve_project(ctx, project_path) as project:
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
        pending = project.search.pending()
        if pending:
            click.echo(f"updating the search index ({pending} documents)...", err=True)
            indexed = project.search.update_index()
            click.echo(f"search index updated: {indexed} documents", err=True)


@click.command("export")
@project_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True,
              help="jsonl (native, Prodigy-compatible), doccano, conll, hf, spacy, claims, "
                   "labelstudio (JSON tasks), brat (a folder).")
@click.option("--out", "out", default="-", show_default=True, metavar="FILE|FOLDER|-",
              help="Output file (written atomically), a folder for brat, or - for stdout "
                   "(not for spacy, hf, brat or --split).")
@click.option("--status", type=click.Choice(["done", "all"]), default="done",
              show_default=True, help="Export finished documents only, or all of them.")
@click.option("--include-suggested", is_flag=True,
              help="Also export suggested (not yet accepted) entities and claims.")
@click.option("--unit", type=click.Choice(UNITS), default="document", show_default=True,
              help="hf and spacy: a record per document or per sentence (a sentence is "
                   "never cut inside an entity).")
@click.option("--split", default=None, metavar="TRAIN/DEV/TEST",
              help="Write train/dev/test parts (e.g. 80/10/10) with the held-out rule of "
                   "'annotator train': OUT.train.EXT, OUT.dev.EXT, OUT.test.EXT.")
@click.option("--annotator", default=None, metavar="NAME",
              help="A team project: export this annotator's layer (default: the gold "
                   "layer); --status is then the annotator's own.")
@click.option("--no-cache", is_flag=True,
              help="Compute every document afresh instead of reusing what unchanged "
                   "documents exported last time (the export cache; "
                   "ANNOTATOR_EXPORT_CACHE_MB sets its size, 0 turns it off).")
@click.pass_context
def _export(ctx: click.Context, project_path: Path | None, fmt: str, out: str,
            status: str, include_suggested: bool, unit: str, split: str | None,
            annotator: str | None, no_cache: bool) -> None:
    """Export the project's annotations as training data.

    \b
    Examples:
      annotator export --format conll --out train.conll
      annotator export --format hf --out data.jsonl --unit sentence --split 80/10/10
      annotator export --format labelstudio --status all --include-suggested --out tasks.json
      annotator export --format brat --out brat-folder
      annotator export --project team.db --annotator ana --format jsonl --out ana.jsonl
    """
    if split:
        try:
            parse_split(split)
        except AnnotatorError as exc:
            raise click.BadParameter(str(exc), param_hint="--split") from None
    with resolve_project(ctx, project_path, must_exist=True) as project, _terminate_cleanly():
        try:
            total = count_export_docs(project, status)
            options: dict[str, Any] = {"status": status, "unit": unit, "split": split,
                                       "include_suggested": include_suggested,
                                       "annotator": annotator, "cache": not no_cache}
            if out != "-" and total >= BIG_PROJECT:
                with click.progressbar(length=total, label=f"exporting {fmt}",
                                       file=sys.stderr) as bar:
                    seen = {"done": 0}

                    def progress(done: int, _total: int) -> None:
                        bar.update(done - seen["done"])
                        seen["done"] = done

                    summary = export(project, fmt, out, progress=progress, **options)
            else:
                summary = export(project, fmt, out, **options)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # the reader went away (| head): not an error; keep Python from
            # complaining again when it flushes stdout at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        for warning in summary.warnings[:20]:
            click.echo(f"warning: {warning}", err=True)
        if len(summary.warnings) > 20:
            click.echo(f"warning: ... and {len(summary.warnings) - 20} more warnings", err=True)
        click.echo(summary.describe(), err=True)
        for extra in summary.extra_files:
            click.echo(f"also wrote {extra}", err=True)


# Declared types: cli.py imports these while it is itself being imported (a cycle).
import_command: click.Command = _import
export_command: click.Command = _export
