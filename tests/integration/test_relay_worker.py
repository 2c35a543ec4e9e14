"""A real Faust worker process relays 1,000 records between topics on the real broker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.kafka import create_topics, drain, produce
from tests.support.processes import WorkerProcess

COUNT = 1000


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_relay_worker_loses_nothing(
    kafka_bootstrap: str, unique: str, worker_factory: Callable[..., WorkerProcess], guarantee: str
) -> None:
    source, sink = f"relay-in-{unique}", f"relay-out-{unique}"
    await create_topics(kafka_bootstrap, [source, sink])
    worker = worker_factory(
        "relay", source, sink,
        env={"WIREWATCH_PROCESSING_GUARANTEE": guarantee, "WIREWATCH_APP_ID": f"relay-{unique}"},
    ).start()  # fmt: skip
    sent = {f"k{i}".encode(): f"v{i}".encode() for i in range(COUNT)}
    await produce(kafka_bootstrap, source, sent.items())

    records = await drain(kafka_bootstrap, [sink], expect=COUNT, timeout=90, read_committed=guarantee == "exactly_once")
    received = {r.key: r.value for r in records}
    assert received == sent, worker.tail()
    assert len(records) == COUNT, f"{len(records) - COUNT} duplicates"
    assert worker.alive()
    assert worker.stop() == 0, worker.tail()
