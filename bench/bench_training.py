"""Training the project's NER model: time, held-out F1 and model size vs. documents.

    .venv/bin/python bench/bench_training.py [N ...]     (default: 10 50 200)

For each N, a fresh project of N generated, annotated Indonesian-like documents
(tests/fixtures/ner_docs.py: templates and made-up fillers, status done) is
trained with the default, data-scaled settings (no word vectors, as on a
machine without the language's Stanza pretrain). About 80% of the documents
train, 20% are held out. Generated text is far more regular than news, so the
F1 figures are an upper bound of what real articles give.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from benchlib import report  # noqa: E402

from annotator.core import training  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from tests.fixtures.ner_docs import generate_documents  # noqa: E402


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench{n}.annotator.db"
        with Project(path) as project:
            project.documents.insert(generate_documents(n, seed=1000 + n))
        started = time.monotonic()
        result = training.train_model(path, training.TrainOptions(min_docs=1, pretrain="none"))
        seconds = time.monotonic() - started
        meta = result.model.meta
        hp = meta["hyperparameters"]
        f1 = result.evaluation.overall.f1 if result.evaluation else float("nan")
        print(f"\n{n} documents: {result.train_documents} train / {result.heldout_documents} "
              f"held out, {meta['data']['train_sentences']} sentences, "
              f"{meta['data']['train_tokens']} tokens; steps {hp['max_steps']}, hidden "
              f"{hp['hidden_dim']}; {seconds:.0f} s; {result.size_bytes / 1e6:.2f} MB")
        if result.evaluation:
            print(training.format_table(result.evaluation))
        note = (f"{result.train_documents} train / {result.heldout_documents} held-out docs, "
                f"{hp['max_steps']} steps, hidden {hp['hidden_dim']}")
        report(f"train_{n}_docs_s", round(seconds, 1), "s", note=note)
        report(f"train_{n}_docs_f1", round(100 * f1, 1), "%", note="held-out, exact spans")
        report(f"train_{n}_docs_model_mb", round(result.size_bytes / 1e6, 2), "MB")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 50, 200]
    for n in sizes:
        run(n)


if __name__ == "__main__":
    main()
