"""`wirewatch worker` and `wirewatch relay`: long-running Faust workers."""

from __future__ import annotations

import click

from streams.relay import create_relay_app
from streams.settings import load_settings
from streams.worker import run_worker


@click.command("relay")
@click.argument("source")
@click.argument("sink")
def relay_command(source: str, sink: str) -> None:
    """Copy every record of SOURCE to SINK (replays, smoke tests), until stopped."""
    settings = load_settings()
    run_worker(create_relay_app(settings, source, sink), settings)
