"""Shared fixtures: a real Kafka broker for the whole session, unique topics, worker processes.

The broker is the one named by ``WIREWATCH_KAFKA_BOOTSTRAP`` when set; otherwise the session
starts its own on free loopback ports through the same code as ``wirewatch kafka up`` and
stops it at the end. If it cannot start, every test that needs it fails with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.brokers import local_cluster
from tests.support.processes import WorkerProcess

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    configured = os.environ.get("WIREWATCH_KAFKA_BOOTSTRAP")
    if configured:
        yield configured
        return
    with local_cluster(tmp_path_factory.mktemp("kafka")) as cluster:
        yield cluster.bootstrap


@pytest.fixture
def unique() -> str:
    """A short unique suffix for topic and group names, so tests never see each other's data."""
    return uuid.uuid4().hex[:10]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def worker_factory(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start `wirewatch ARGS` worker processes on the session broker; all are stopped at teardown."""
    started: list[WorkerProcess] = []

    def make(*args: str, env: dict[str, str] | None = None, name: str = "worker") -> WorkerProcess:
        port = free_port()
        base = {
            "WIREWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap,
            "WIREWATCH_DATA_DIR": str(tmp_path / name),
            "WIREWATCH_WEB_PORT": str(port),
        }
        worker = WorkerProcess(list(args), {**base, **(env or {})}, tmp_path / f"{name}.log", port)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        if worker.alive():
            worker.kill()
