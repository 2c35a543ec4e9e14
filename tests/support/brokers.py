"""Local Kafka clusters for tests: started on free loopback ports, destroyed afterwards.

A cluster that cannot start fails the test with the broker's own words; it is never skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.localkafka import KafkaHarnessError, LocalKafka, free_port_base


@contextlib.contextmanager
def local_cluster(directory: Path, nodes: int = 1) -> Iterator[LocalKafka]:
    cluster = LocalKafka(directory, nodes=nodes, base_port=free_port_base(nodes))
    try:
        cluster.up()
    except KafkaHarnessError as exc:
        cluster.destroy()
        pytest.fail(f"the local {nodes}-node Kafka cluster could not start: {exc}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.destroy()
