"""The project's own Stanza NER model, trained from its finished documents.

No Qt here: the command line (``annotator train``), the window (Model > Train
model) and the tests share this package. Its modules, in the order of the loop::

    dataset.py        snapshot of the done documents, split, BIO sentences (steps 1-3)
    train.py          hyperparameters, train_model: train, evaluate, store (steps 4-6)
    stanza_runner.py  runs Stanza's NER trainer (isolated child process or in-process)
    stanza_layout.py  Stanza files: pretrain, resources.json layout, offline pipeline
    evaluate.py       exact-span precision / recall / F1 (step 5)
    model.py          a trained model folder and tagging with it
    registry.py       the project's models folder: list, use, prune (step 7)
    recognizer.py     the project model as the stanza-ner recognizer, re-suggesting

This module only re-exports their public names, so callers write
``from annotator.core import training`` and ``training.train_model(...)``.

The loop, in order:

1. **Snapshot.** :func:`take_snapshot` reads every document whose status is
   ``done`` (imported documents with ``"status": "done"`` included) in one read
   transaction: text, tokens, sentences and the *accepted* entity spans. A model
   is for one language (``lang``, default: the finished documents' majority);
   documents whose language is set to another one are left out.
   Suggested spans left in a finished document are not human decisions and are
   ignored; rejected spans are ignored. Nothing else is read, so annotation goes
   on while the model trains, and no data outside the project is used (except
   the language's Stanza word vectors, see 3).
2. **Split.** :func:`split_documents` puts a document in the held-out set when
   the first 8 bytes of ``sha256(external_id)``, read as a fraction of 2**64,
   are below ``heldout_fraction`` (0.2: about 80/20). The rule depends on the
   document alone, so a held-out document stays held out when more documents
   are finished later. With 5 or more documents at least one is held out (the
   one with the smallest hash) and at least one is kept for training; with
   fewer, all train and no evaluation is computed.
3. **Convert.** :func:`document_sentences` turns a document into Stanza's NER
   training format: sentences of ``(token text, tag)`` with BIO tags, which
   :func:`.stanza_runner.write_ner_json` turns into the BIOES
   tags Stanza's ``ner_tagger`` trains on by default (``--scheme bioes``). The
   tokens are the stored ones (``Project.document``), which are split at span
   edges, so every accepted span covers whole tokens.
4. **Train.** Stanza's own trainer (``stanza.models.ner_tagger``, on the CPU,
   through :func:`.stanza_runner.train_ner`). Word vectors: the
   language's Stanza pretrain when one is installed under the Stanza folder
   (:func:`annotator.core.paths.stanza_dir`, ``LANG/pretrain/*.pt``; it is
   copied into the model, which needs it to load); otherwise the model trains
   without pretrained vectors (``--no_pretrain``: the word embeddings are learnt
   from the training data only, next to the character model). Sizes and steps
   scale with the data (:func:`auto_hyperparameters`). 10% of the *training*
   sentences are Stanza's dev set (model selection); the held-out documents are
   never seen during training.
5. **Evaluate.** The trained model tags the held-out documents (their stored
   tokens, not split at the gold spans) and :func:`evaluate` compares the spans
   with the accepted ones: exact-span matching (start, end and label must all
   agree), precision/recall/F1 per label and micro-averaged overall.
6. **Store.** Everything above happens in a temporary folder
   ``<models>/.tmp-<random>``; only a complete model is renamed (atomically) to
   ``<models>/<model id>``. A crash or cancel leaves the previous model in use.
   The models folder is ``<project file without .db>.models`` next to the
   project file (``default.annotator.models`` for the default project). A model
   folder is a standard Stanza resources folder::

       resources.json
       LANG/ner/project.pt
       LANG/pretrain/project.pt     (only when trained with word vectors)
       meta.json                    (evaluation, labels, data size, date, versions)
       evaluation.json              (the evaluation alone)

7. **Use.** The new model becomes the project's ``stanza-ner`` model: the
   project setting ``ner_model`` holds its id (a folder name in the models
   folder), an absolute path of another model folder, or ``"none"`` (no project
   model: ``stanza-ner`` falls back to the language's Stanza model, if any).
   :func:`active_model` resolves it; the model id (which contains a hash of the
   weights) is the recognizer version, so pre-annotation re-suggests with a new
   model instead of hitting the cache.
"""

from annotator.core.training.dataset import (
    DEFAULT_HELDOUT_FRACTION,
    DEFAULT_MIN_DOCS,
    MIN_DOCS_FOR_HELDOUT,
    DocExample,
    NotEnoughDocuments,
    document_sentences,
    heldout_key,
    readiness,
    split_documents,
    take_snapshot,
)
from annotator.core.training.evaluate import Evaluation, Score, evaluate, format_table
from annotator.core.training.model import PACKAGE, NerTagger, ProjectModel, load_model, models_dir
from annotator.core.training.recognizer import ProjectNerRecognizer, resuggest, unfinished_ids
from annotator.core.training.registry import (
    EVALUATION_SETTING,
    MODEL_SETTING,
    active_model,
    list_models,
    use_model,
)
from annotator.core.training.train import (
    Hyperparameters,
    TrainOptions,
    TrainReport,
    auto_hyperparameters,
    find_pretrain,
    train_model,
)

__all__ = [
    "DEFAULT_HELDOUT_FRACTION",
    "DEFAULT_MIN_DOCS",
    "EVALUATION_SETTING",
    "MIN_DOCS_FOR_HELDOUT",
    "MODEL_SETTING",
    "PACKAGE",
    "DocExample",
    "Evaluation",
    "Hyperparameters",
    "NerTagger",
    "NotEnoughDocuments",
    "ProjectModel",
    "ProjectNerRecognizer",
    "Score",
    "TrainOptions",
    "TrainReport",
    "active_model",
    "auto_hyperparameters",
    "document_sentences",
    "evaluate",
    "find_pretrain",
    "format_table",
    "heldout_key",
    "list_models",
    "load_model",
    "models_dir",
    "readiness",
    "resuggest",
    "split_documents",
    "take_snapshot",
    "train_model",
    "unfinished_ids",
    "use_model",
]
