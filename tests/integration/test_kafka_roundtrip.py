"""aiokafka against the real broker: a consumer group with manual commits survives a restart."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, TopicPartition

from tests.support.kafka import committed, create_topics, produce


async def _consume(bootstrap: str, topic: str, group: str, count: int) -> list[bytes]:
    """Read ``count`` records in group ``group``, committing after each batch, then leave."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=7,
    )
    await consumer.start()
    seen: list[bytes] = []
    try:
        while len(seen) < count:
            batch = await consumer.getmany(timeout_ms=1000, max_records=min(7, count - len(seen)))
            offsets = {}
            for tp, records in batch.items():
                seen.extend(r.value for r in records if r.value is not None)
                offsets[tp] = records[-1].offset + 1
            if offsets:
                await consumer.commit(offsets)
    finally:
        await consumer.stop()
    return seen


async def test_group_resumes_from_committed_offset(kafka_bootstrap: str, unique: str) -> None:
    topic, group = f"roundtrip-{unique}", f"group-{unique}"
    await create_topics(kafka_bootstrap, [topic], partitions=1)
    await produce(kafka_bootstrap, topic, ((None, f"m{i}".encode()) for i in range(100)))

    first = await _consume(kafka_bootstrap, topic, group, 40)
    assert first == [f"m{i}".encode() for i in range(40)]
    assert await committed(kafka_bootstrap, group, topic, 1) == {0: 40}

    # A new consumer in the same group (a restarted process) starts where the first committed.
    rest = await _consume(kafka_bootstrap, topic, group, 60)
    assert rest == [f"m{i}".encode() for i in range(40, 100)]
    assert await committed(kafka_bootstrap, group, topic, 1) == {0: 100}


async def test_uncommitted_records_are_delivered_again(kafka_bootstrap: str, unique: str) -> None:
    """At-least-once: what a consumer read but did not commit goes to the next member."""
    topic, group = f"redeliver-{unique}", f"group-{unique}"
    await create_topics(kafka_bootstrap, [topic], partitions=1)
    await produce(kafka_bootstrap, topic, ((None, f"m{i}".encode()) for i in range(10)))
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap, group_id=group,
        enable_auto_commit=False, auto_offset_reset="earliest",
    )  # fmt: skip
    await consumer.start()
    try:
        batch = await consumer.getmany(timeout_ms=5000)
        assert sum(len(v) for v in batch.values()) > 0
        await consumer.commit({TopicPartition(topic, 0): 3})
    finally:
        await consumer.stop()
    assert await _consume(kafka_bootstrap, topic, group, 7) == [f"m{i}".encode() for i in range(3, 10)]
