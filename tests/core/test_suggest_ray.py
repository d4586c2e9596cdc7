"""``annotator suggest --engine ray`` on a local Ray cluster (no network): the same
bytes as ``--engine local``. Needs the cluster extra: pip install -e '.[cluster]'."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[cluster]')")

from test_suggest import OFFLINE, corpus, shard_bytes  # noqa: E402

from annotator.core.suggest_run import run_suggest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ray talks to its own processes on loopback; anything else fails the test."""

    def loopback_only(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is None or host in ("127.0.0.1", "::1", "localhost"):
            return original(self, address)
        raise AssertionError(f"a test tried to open a network connection to {address!r}")

    original = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", loopback_only)


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[None]:
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_and_local_give_the_same_shards(tmp_path: Path, local_cluster: None) -> None:
    inputs = corpus(tmp_path)
    local = run_suggest(inputs, tmp_path / "local", OFFLINE, engine="local", workers=2,
                        shard_size=2)
    on_ray = run_suggest(inputs, tmp_path / "ray", OFFLINE, engine="ray", workers=2,
                         shard_size=2)
    assert (on_ray.documents, on_ray.written) == (local.documents, local.written) == (7, 4)
    assert shard_bytes(tmp_path / "ray") == shard_bytes(tmp_path / "local")
    assert len(shard_bytes(tmp_path / "ray")) == 4

