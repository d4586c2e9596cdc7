"""``annotator suggest``: pre-annotate a corpus into shards, without a project."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from annotator.core.model import AnnotatorError


@click.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the shards and manifest.json (a run there resumes).")
@click.option("--recognizer", "recognizers", multiple=True, metavar="NAME",
              help="Recognizers to run (repeatable). Default: stanza-ner, gazetteer, dates, "
                   "stanza-propn and claims (a Stanza one without models for a document's "
                   "language is skipped and said so).")
@click.option("--lang", default=None, metavar="CODE",
              help="The documents' language (default: each record's own, else guessed).")
@click.option("--stanza-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Stanza models folder (default: the stanza folder in the data folder).")
@click.option("--ner-model", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="A Stanza NER model file for stanza-ner.")
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "txt", "jsonl", "csv"]), help="How to read the input.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="local: processes on this machine; ray: Ray Data "
                                      "(pip install 'annotator[cluster]').")
@click.option("--address", default=None, metavar="ADDR",
              help="Ray cluster to join (auto, or ray://HOST:10001); default: start a "
                   "local one.")
@click.option("--workers", type=int, default=None,
              help="Worker processes (local) or actors (ray); default: every core.")
@click.option("--shard-size", type=int, default=1000, show_default=True,
              help="Documents per output shard.")
def suggest_command(paths: tuple[Path, ...], out_dir: Path, recognizers: tuple[str, ...],
                    lang: str | None, stanza_dir: Path | None, ner_model: Path | None,
                    fmt: str, engine: str, address: str | None, workers: int | None,
                    shard_size: int) -> None:
    """Suggest entities and claims for documents (any import format) into JSONL shards.

    The shards are native JSONL: `annotator import DIR` brings them into a
    project with the suggestions kept as suggestions, and the recognizers
    that ran are marked done there. Same input and settings, same bytes.

    \b
    Example:
        annotator suggest archive/*.jsonl --out shards/ --workers 2
        annotator suggest archive/ --out shards/ --engine ray --address ray://head:10001
        annotator import shards/ --project news.annotator.db
    """
    from annotator.core.suggest import DEFAULT_RECOGNIZERS, SuggestSettings
    from annotator.core.suggest_run import SuggestReport, run_suggest

    if address is not None and engine != "ray":
        raise click.BadParameter("only with --engine ray", param_hint="--address")
    settings = SuggestSettings(
        recognizers=tuple(recognizers) or DEFAULT_RECOGNIZERS, lang=lang,
        stanza_dir=str(stanza_dir) if stanza_dir else None,
        ner_model=str(ner_model) if ner_model else None)
    last = {"at": 0.0}

    def progress(report: SuggestReport) -> None:
        if time.monotonic() - last["at"] < 2.0:
            return
        last["at"] = time.monotonic()
        rate = report.suggested_documents / max(report.seconds, 1e-9)
        click.echo(f"suggest: {report.written} shards written, {report.skipped} already done, "
                   f"{report.documents} documents ({rate:.0f}/s)", err=True)

    try:
        report = run_suggest(paths, out_dir, settings, engine=engine, workers=workers,
                             shard_size=shard_size, address=address, fmt=fmt,
                             progress=progress)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    for message in report.messages:
        click.echo(f"warning: {message}", err=True)
    rate = report.suggested_documents / max(report.seconds, 1e-9)
    click.echo(f"wrote {report.written} shards ({report.suggested_documents} documents, "
               f"{rate:.0f}/s), {report.skipped} already done; {report.documents} documents "
               f"in {report.shards} shards in {out_dir}")
    sys.stdout.flush()
