"""Small aiokafka helpers for integration tests: create topics, produce, drain."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.structs import RecordMetadata


async def create_topics(bootstrap: str, names: Iterable[str], partitions: int = 3) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        for name in names:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()


async def produce(
    bootstrap: str, topic: str, records: Iterable[tuple[bytes | None, bytes | None]]
) -> list[RecordMetadata]:
    """Send every record and wait for all acks; the metadata (partition, offset) is in send order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_request_size=4 << 20)
    await producer.start()
    try:
        batch = [await producer.send(topic, key=key, value=value) for key, value in records]
        return list(await asyncio.gather(*batch))
    finally:
        await producer.stop()


async def drain(
    bootstrap: str,
    topics: list[str],
    *,
    expect: int | None = None,
    timeout: float = 60.0,
    idle: float = 3.0,
    read_committed: bool = False,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of ``topics`` from the beginning: until ``expect`` arrived (then ``idle`` more
    seconds, to catch extras), or until nothing new came for ``idle`` seconds, or ``timeout``."""
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        isolation_level="read_committed" if read_committed else "read_uncommitted",
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    deadline = time.monotonic() + timeout
    last_new = time.monotonic()
    try:
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=250)
            for recs in batch.values():
                records.extend(recs)
                last_new = time.monotonic()
            reached = expect is not None and len(records) >= expect
            quiet = time.monotonic() - last_new > idle
            if quiet and (reached or expect is None):
                break
    finally:
        await consumer.stop()
    return records


async def committed(bootstrap: str, group: str, topic: str, partitions: int) -> dict[int, int | None]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        return {p: await consumer.committed(TopicPartition(topic, p)) for p in range(partitions)}
    finally:
        await consumer.stop()
