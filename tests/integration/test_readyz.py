"""``/readyz`` follows the broker: ready with it, 503 while it is gone, ready again when it is back.

The broker is a dedicated one, started and destroyed by this test; the session's is never stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from streams.localkafka import LocalKafka
from tests.support.brokers import local_cluster
from tests.support.pipeline import Pipeline
from tests.support.processes import WorkerProcess


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LocalKafka]:
    with local_cluster(tmp_path / "kafka") as started:
        yield started


def readyz(port: int) -> tuple[int, dict[str, Any]]:
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=3.0)
    except httpx.HTTPError as exc:
        return 0, {"error": repr(exc)}
    return response.status_code, response.json()


def wait_status(worker: WorkerProcess, status: int, timeout: float, what: str) -> float:
    """Seconds until /readyz answers ``status``; fails with the last answer and the worker's log."""
    started = time.monotonic()
    last: tuple[int, dict[str, Any]] = (0, {})
    while time.monotonic() - started < timeout:
        assert worker.alive(), f"the worker died {what}:\n{worker.tail()}"
        last = readyz(worker.web_port)
        if last[0] == status:
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"/readyz not {status} within {timeout:.0f}s {what}; last {last}\n{worker.tail()}")


async def test_readyz_follows_the_broker(
    cluster: LocalKafka, worker_factory: Callable[..., WorkerProcess], unique: str
) -> None:
    pipeline = Pipeline(unique, cluster.bootstrap, {"WIREWATCH_KAFKA_BOOTSTRAP": cluster.bootstrap})
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    port = worker.web_port

    wait_status(worker, 200, 60, "after start")
    status, body = readyz(port)
    assert status == 200 and body["ready"] and body["assigned_partitions"] > 0 and body["broker_reachable"], body
    health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=3.0)
    assert health.status_code == 200 and health.json() == {"status": "alive"}

    cluster.stop(1)
    wait_status(worker, 503, 30, "after the broker stopped")
    status, body = readyz(port)
    assert status == 503 and not body["ready"] and not body["broker_reachable"], body
    # Alive though not ready: an orchestrator must not restart it for a broker outage.
    assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=3.0).status_code == 200

    cluster.start(1)
    wait_status(worker, 200, 60, "after the broker came back")
    status, body = readyz(port)
    assert status == 200 and body["assigned_partitions"] > 0 and body["broker_reachable"], body
    assert worker.alive(), worker.tail()
