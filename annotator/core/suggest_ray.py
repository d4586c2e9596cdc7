"""The Ray engine of ``annotator suggest`` (optional extra ``annotator[cluster]``).

Documents go through Ray Data ``map_batches`` with a callable class: each actor
builds one :class:`~annotator.core.suggest.Suggester` (models loaded once per
actor) and maps batches of input lines to output lines. The driver streams the
input, hands Ray one window of shards at a time (memory stays flat), and writes
each shard when all its documents are back, so the bytes are the local engine's.

Only ``annotator suggest --engine ray`` imports this module; the window never does.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from annotator.core.model import AnnotatorError
from annotator.core.suggest import Suggester, SuggestSettings

Shard = tuple[int, list[str]]
# Documents handed to Ray at once. Each window starts its actors afresh (Ray Data
# keeps an actor pool for one dataset): about 2.5 s measured here, so windows are
# large; they bound the driver's memory (about 3 KB a document in and out).
WINDOW_DOCUMENTS = 20_000
BATCH_DOCUMENTS = 50  # documents per map_batches call


class SuggestBatch:
    """The map_batches callable: one Suggester per actor."""

    def __init__(self, settings: SuggestSettings) -> None:
        self.suggester = Suggester(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = self.suggester.suggest_lines(str(line) for line in batch["line"])
        # messages (missing models) ride on the batch's first row
        said = "\n".join(self.suggester.stats.messages)
        self.suggester.stats.messages = []
        return {"shard": batch["shard"], "pos": batch["pos"], "out": out,
                "said": [said] + [""] * (len(out) - 1)}


def run_ray(shards: Iterator[Shard], settings: SuggestSettings, workers: int | None,
            address: str | None, write: Callable[[int, Sequence[str]], None],
            messages: list[str]) -> None:
    try:
        import ray
        import ray.data
    except ImportError:
        raise AnnotatorError("--engine ray needs Ray: pip install 'annotator[cluster]'") from None
    owned = not ray.is_initialized()
    if owned:
        # address None starts a local cluster on this machine; "auto" or "ray://host:10001"
        # joins an existing one.
        if address is None:  # a new cluster of this machine alone, on loopback only
            # ("local": never join a cluster that RAY_ADDRESS or a stale `ray start` names)
            ray.init(address="local", num_cpus=workers, _node_ip_address="127.0.0.1",
                     include_dashboard=False, log_to_driver=False, configure_logging=False)
        else:
            try:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
            except Exception as exc:  # Ray raises several kinds; all mean "not joined"
                raise AnnotatorError(f"cannot reach the Ray cluster at {address}: {exc}; "
                                     "is `ray start --head` running there?") from None
    try:
        actors = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        per_window = 1
        for k, lines in shards:
            window = [(k, lines)]
            per_window = max(1, math.ceil(WINDOW_DOCUMENTS / max(1, len(lines))))
            window.extend(itertools.islice(shards, per_window - 1))
            _run_window(ray, window, settings, actors, write, messages)
    finally:
        if owned:
            ray.shutdown()


def _run_window(ray: Any, window: list[Shard], settings: SuggestSettings, actors: int,
                write: Callable[[int, Sequence[str]], None], messages: list[str]) -> None:
    rows = [{"shard": k, "pos": i, "line": line}
            for k, lines in window for i, line in enumerate(lines)]
    pending: dict[int, list[str | None]] = {k: [None] * len(lines) for k, lines in window}
    missing = {k: len(lines) for k, lines in window}
    dataset = ray.data.from_items(rows).map_batches(
        SuggestBatch, fn_constructor_kwargs={"settings": settings},
        batch_size=BATCH_DOCUMENTS, num_cpus=1,
        compute=ray.data.ActorPoolStrategy(size=min(actors, len(rows))))
    del rows
    for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        for k, pos, out, said in zip(batch["shard"], batch["pos"], batch["out"], batch["said"],
                                     strict=True):
            shard, slot = int(k), int(pos)
            pending[shard][slot] = str(out)
            messages.extend(m for m in str(said).splitlines() if m not in messages)
            missing[shard] -= 1
            if missing[shard] == 0:
                write(shard, [line for line in pending.pop(shard) if line is not None])
    if pending:
        raise AnnotatorError(f"Ray returned no result for shards {sorted(pending)}")
