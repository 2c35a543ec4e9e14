"""`wirewatch demo`: broker, worker, sample articles and their alerts, in one command."""

from __future__ import annotations

from pathlib import Path

import click

from streams.demo import SAMPLES, DemoError, run_demo


@click.command("demo")
@click.option("--samples", type=click.Path(exists=True, path_type=Path), default=SAMPLES, show_default=True)
@click.option("--keep-broker", is_flag=True, help="Leave the local broker running afterwards.")
@click.option("--wait", type=float, default=60.0, show_default=True, help="Longest wait for alerts, in seconds.")
def demo_command(samples: Path, keep_broker: bool, wait: float) -> None:
    """Run the pipeline on sample articles and show the alerts (starts a local broker if needed)."""
    try:
        alerts = run_demo(samples, keep_broker=keep_broker, wait=wait)
    except DemoError as exc:
        raise click.ClickException(str(exc)) from None
    if not alerts:
        raise click.ClickException("no alerts arrived: see the worker log under the data directory")
