"""`wirewatch worker` and `wirewatch relay`: long-running Faust workers."""

from __future__ import annotations

import asyncio

import click

from streams.relay import create_relay_app
from streams.settings import load_settings
from streams.worker import run_worker


@click.command("worker")
def worker_command() -> None:
    """Run the whole pipeline (ingest, classify, stories and routing) until SIGTERM/SIGINT."""
    from streams.pipeline import catalogue, create_pipeline_app
    from streams.topics_admin import ensure_topics

    settings = load_settings()
    created = asyncio.run(ensure_topics(settings, catalogue(settings)))
    if created:
        click.echo(f"created topics: {', '.join(created)}", err=True)
    run_worker(create_pipeline_app(settings), settings)


@click.command("relay")
@click.argument("source")
@click.argument("sink")
def relay_command(source: str, sink: str) -> None:
    """Copy every record of SOURCE to SINK (replays, smoke tests), until stopped."""
    settings = load_settings()
    run_worker(create_relay_app(settings, source, sink), settings)
