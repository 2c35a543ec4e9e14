"""`wirewatch produce` and `wirewatch tail`: put articles on ``news.raw``, follow alert topics."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

import click
import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.console import Console
from rich.progress import Progress
from rich.text import Text

from agents.core.render import details, headline
from schemas.alert import Alert
from streams.settings import Settings, load_settings
from streams.sources import count_articles, read_articles

ALERT_TOPICS = ("negotiations", "ceasefire", "statements")


async def produce_file(settings: Settings, path: Path, topic: str, progress: bool = True) -> tuple[int, int]:
    """Publish every article of ``path``; returns (sent, failed)."""
    producer = AIOKafkaProducer(**settings.aiokafka_options(), acks="all", linger_ms=10, enable_idempotence=True)
    await producer.start()
    sent = failed = 0
    try:
        with Progress(transient=True, disable=not progress) as bar:
            task = bar.add_task(f"producing to {topic}", total=count_articles(path))
            pending = []
            for value in read_articles(path):
                pending.append(await producer.send(topic, value=value))
                bar.advance(task)
            for future in pending:
                try:
                    await future
                    sent += 1
                except Exception:
                    failed += 1
    finally:
        await producer.stop()
    return sent, failed


async def end_offsets(settings: Settings, topics: list[str]) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(**settings.aiokafka_options(), enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = await _topic_partitions(consumer, topics)
        return dict(await consumer.end_offsets(partitions)) if partitions else {}
    finally:
        await consumer.stop()


async def _topic_partitions(consumer: AIOKafkaConsumer, topics: list[str]) -> list[TopicPartition]:
    """Every partition of ``topics`` (fresh metadata; topics that do not exist have none)."""
    await consumer._client.force_metadata_update()  # aiokafka has no public refresh
    return [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]


async def follow(
    settings: Settings,
    topics: list[str],
    *,
    start: dict[TopicPartition, int] | None = None,
    from_beginning: bool = False,
    limit: int | None = None,
    timeout: float | None = None,
    idle: float | None = None,
    console: Console | None = None,
) -> list[Alert]:
    """Print alerts from ``topics`` as they arrive, from ``start`` offsets (default: the end).

    Stops after ``limit`` alerts, after ``timeout`` seconds, or ``idle`` seconds after the last
    alert (once one has arrived), whichever comes first.
    """
    console = console or Console()
    consumer = AIOKafkaConsumer(**settings.aiokafka_options(), enable_auto_commit=False, group_id=None)
    await consumer.start()
    seen: list[Alert] = []
    try:
        positions = start if start is not None else await end_offsets(settings, topics)
        partitions = await _topic_partitions(consumer, topics)
        consumer.assign(partitions)
        for tp in partitions:
            if from_beginning:
                consumer.seek(tp, 0)
            else:
                consumer.seek(tp, positions.get(tp, 0))
        deadline = None if timeout is None else time.monotonic() + timeout
        last = time.monotonic()
        while deadline is None or time.monotonic() < deadline:
            if idle is not None and seen and time.monotonic() - last > idle:
                break
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    try:
                        alert = Alert.model_validate(orjson.loads(record.value or b""))
                    except ValueError as exc:
                        where = f"{record.topic}/{record.partition}@{record.offset}"
                        console.print(Text(f"{where}: not an alert: {exc}", style="red"))
                        continue
                    seen.append(alert)
                    last = time.monotonic()
                    # Article text is data, never markup: Text objects print brackets verbatim.
                    console.print(Text(headline(alert), style="bold"), highlight=False)
                    for line in details(alert):
                        console.print(Text(f"    {line}"), highlight=False, soft_wrap=True)
                    if limit is not None and len(seen) >= limit:
                        return seen
    finally:
        await consumer.stop()
    return seen


@click.command("produce")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--topic", default=None, help="Topic to publish to (default: the raw topic, news.raw).")
def produce_command(path: Path, topic: str | None) -> None:
    """Publish articles from a .jsonl/.json/.txt file or a directory of them."""
    settings = load_settings()
    target = topic or settings.topic_raw
    started = time.monotonic()
    sent, failed = asyncio.run(produce_file(settings, path, target))
    seconds = time.monotonic() - started
    click.echo(f"produced {sent} article(s) to {target} in {seconds:.1f}s" + (f"; {failed} FAILED" if failed else ""))
    if failed:
        raise SystemExit(1)


@click.command("tail")
@click.argument("topics", nargs=-1)
@click.option("--from-beginning", is_flag=True, help="Start at the oldest retained alert.")
@click.option("--max", "limit", type=int, default=None, help="Stop after this many alerts.")
@click.option("--timeout", type=float, default=None, help="Stop after this many seconds.")
def tail_command(topics: tuple[str, ...], from_beginning: bool, limit: int | None, timeout: float | None) -> None:
    """Follow alert topics (default: all three) and print alerts readably."""
    settings = load_settings()
    names = list(topics) or [settings.topic_names[k] for k in ALERT_TOPICS]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(follow(settings, names, from_beginning=from_beginning, limit=limit, timeout=timeout))
