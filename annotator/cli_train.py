"""``annotator train``: train the project's own NER model (registered on the main group)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import project_option, resolve_project
from annotator.core import training
from annotator.core.cancel import CancelFlag
from annotator.core.model import AnnotatorError
from annotator.core.store import Project

_SCALE = 1000  # progress bar resolution


@click.command("train")
@project_option
@click.option("--lang", default=None, metavar="CODE",
              help="Language code of the model (default: the finished documents' language).")
@click.option("--min-docs", default=training.DEFAULT_MIN_DOCS, show_default=True, type=int,
              help="Do not train with fewer finished (done) documents.")
@click.option("--steps", default=None, type=click.IntRange(min=1),
              help="Training steps (default: about 30 passes over the data, 300-20,000).")
@click.option("--hidden-dim", default=None, type=click.IntRange(min=4),
              help="LSTM size (default: 32-256, growing with the data).")
@click.option("--pretrain", default="auto", show_default=True, metavar="auto|none|FILE",
              help="Word vectors: the language's Stanza pretrain from the Stanza folder "
                   "(auto), none, or a Stanza pretrain .pt file.")
@click.option("--keep", default=5, show_default=True, type=click.IntRange(min=1),
              help="Trained models kept in the models folder (the active one is never removed).")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(min=1),
              help="CPU threads for training.")
@click.option("--no-activate", is_flag=True,
              help="Keep the current model in use; only store and evaluate the new one.")
@click.option("--resuggest", is_flag=True,
              help="Afterwards, re-suggest entities with the new model in unfinished "
                   "(new / in progress) documents. Human decisions are never changed.")
@click.option("--use", "use", default=None, metavar="none|latest|ID|PATH",
              help="Do not train: switch the project's stanza-ner model to none (the "
                   "language's Stanza model, if any), the latest trained model, a model id "
                   "or a model folder.")
@click.option("--list", "list_models", is_flag=True, help="Do not train: list the trained models.")
@click.pass_context
def train_command(ctx: click.Context, project_path: Path | None, lang: str | None,
                  min_docs: int, steps: int | None, hidden_dim: int | None, pretrain: str,
                  keep: int, threads: int, no_activate: bool, resuggest: bool,
                  use: str | None, list_models: bool) -> None:
    """Train a Stanza NER model on the finished documents and evaluate it.

    The done documents are split (by a hash of their id) into about 80% for
    training and 20% held out; the held-out evaluation (exact spans) is printed
    and stored with the model. The new model becomes the project's stanza-ner
    recognizer. Ctrl+C stops cleanly: the previous model stays in use.

    \b
    Examples:
      annotator train --project news.db
      annotator train --project news.db --min-docs 20 --resuggest
      annotator train --project news.db --list
      annotator train --project news.db --use none
    """
    with resolve_project(ctx, project_path, must_exist=True) as project:
        path = project.path
        if list_models:
            _print_models(project)
            return
        if use is not None:
            try:
                model = training.use_model(project, use)
            except AnnotatorError as exc:
                raise click.ClickException(str(exc)) from None
            click.echo("stanza-ner: " + (f"project model {model.id}" if model else
                                         "no project model (the language's Stanza model, if any)"))
            return
        done, needed = training.readiness(project, min_docs)
        if needed:
            raise click.ClickException(
                f"{done} finished documents; training needs at least {min_docs}: "
                f"finish {needed} more (mark documents as done), or lower --min-docs.")
    options = training.TrainOptions(lang=lang, min_docs=min_docs, steps=steps,
                                    hidden_dim=hidden_dim, pretrain=pretrain,
                                    activate=not no_activate, keep=keep, threads=threads)
    cancel = CancelFlag()
    shown = [0]
    message_now = [""]

    def show(_item: int | None) -> str | None:
        return message_now[0] or None

    try:
        with click.progressbar(length=_SCALE, label="training", file=sys.stderr,
                               item_show_func=show) as bar:

            def progress(fraction: float, message: str) -> None:
                target = int(_SCALE * max(0.0, min(1.0, fraction)))
                message_now[0] = message
                if target > shown[0]:
                    bar.update(target - shown[0])
                    shown[0] = target
                else:
                    bar.update(0)

            result = training.train_model(path, options, progress=progress, cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        click.echo("\ntraining cancelled; nothing was written and the previous model stays "
                   "in use.", err=True)
        sys.exit(130)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    model = result.model
    data = model.meta.get("data", {})
    click.echo(f"model {model.id}  ({model.path})")
    click.echo(f"labels: {', '.join(model.labels)}")
    click.echo(f"trained on {result.train_documents} documents "
               f"({data.get('train_sentences')} sentences, {data.get('train_tokens')} tokens) "
               f"in {result.seconds:.0f} s; {result.size_bytes / 1e6:.1f} MB; "
               f"word vectors: {model.meta.get('pretrain') or 'none'}")
    if result.evaluation is not None:
        click.echo(f"evaluation on {result.heldout_documents} held-out documents:")
        click.echo(training.format_table(result.evaluation))
    else:
        click.echo(f"no held-out evaluation: fewer than {training.MIN_DOCS_FOR_HELDOUT} "
                   "finished documents.")
    if no_activate:
        click.echo("the current model stays in use (annotator train --use latest switches).")
        return
    click.echo("stanza-ner now uses this model (annotator train --use none switches back).")
    if resuggest:
        with resolve_project(ctx, path, must_exist=True) as project:
            total = len(training.unfinished_ids(project))
            with click.progressbar(length=total, label="re-suggesting",
                                   file=sys.stderr) as rbar:
                seen = {"done": 0}

                def step(done: int, _total: int) -> None:
                    rbar.update(done - seen["done"])
                    seen["done"] = done

                report = training.resuggest(project, progress=step)
            click.echo(f"re-suggested: {report.summary() or 'nothing to do'}")
    else:
        click.echo("run `annotator preannotate --recognizer stanza-ner` (or train with "
                   "--resuggest) to re-suggest unfinished documents.")


def _print_models(project: Project) -> None:
    active = training.active_model(project)
    models = training.list_models(project.path)
    if not models:
        click.echo(f"no trained models in {training.models_dir(project.path)}")
        return
    for model in models:
        ev = model.evaluation
        f1 = f"F1 {100 * ev.overall.f1:5.1f}%" if ev else "F1   n/a"
        mark = "*" if active is not None and active.path == model.path else " "
        data = model.meta.get("data", {})
        click.echo(f"{mark} {model.id}  {model.meta.get('created', '')}  {f1}  "
                   f"{data.get('train_documents', '?')} train docs  "
                   f"labels {','.join(model.labels)}")
    if active is None:
        click.echo("(no project model in use: stanza-ner uses the language's Stanza model)")
