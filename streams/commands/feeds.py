"""`wirewatch feeds URL...`: poll RSS/Atom feeds and publish new entries to the raw topic."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click
import httpx
from aiokafka import AIOKafkaProducer

from agents.core.feeds import FeedState
from streams.feeds import TIMEOUT, poll_once
from streams.settings import Settings, load_settings


async def _run(settings: Settings, urls: list[str], state: FeedState, interval: float, once: bool) -> int:
    producer = AIOKafkaProducer(**settings.aiokafka_options(), acks="all", enable_idempotence=True)
    await producer.start()
    failures = 0
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            while True:
                for result in await poll_once(client, producer, settings.topic_raw, urls, state):
                    if result.error:
                        failures += 1
                        click.echo(f"{result.url}: FAILED ({result.error})", err=True)
                    else:
                        note = "unchanged" if result.status == 304 else f"{result.new} new"
                        click.echo(f"{result.url}: {note}")
                if once:
                    return failures
                await asyncio.sleep(interval)
    finally:
        await producer.stop()


@click.command("feeds")
@click.argument("urls", nargs=-1, required=True)
@click.option("--interval", type=float, default=300.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll once and exit (non-zero if a feed failed).")
@click.option("--state", "state_file", type=click.Path(path_type=Path), default=None,
              help="Where seen entries are remembered (default: DATA_DIR/feeds.json).")  # fmt: skip
def feeds_command(urls: tuple[str, ...], interval: float, once: bool, state_file: Path | None) -> None:
    """Poll RSS/Atom feeds and publish entries not seen before to the raw topic."""
    settings = load_settings()
    state = FeedState(state_file or settings.data_dir / "feeds.json")
    try:
        failures = asyncio.run(_run(settings, list(urls), state, interval, once))
    except KeyboardInterrupt:
        return
    if failures:
        raise SystemExit(1)
