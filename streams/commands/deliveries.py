"""`wirewatch deliveries check FILE`: validate a deliveries file and list its destinations.

Why a command: a typo in the file stops the worker at start; checking it first (in CI, before a
deploy) gives the same file:line message without a broker. URLs are shown without their path,
which holds the webhook's secret.
"""

from __future__ import annotations

from pathlib import Path

import click

from agents.core.delivery import DeliveriesError, load_subscriptions


@click.group("deliveries")
def deliveries_group() -> None:
    """Slack and webhook destinations for alerts."""


@deliveries_group.command("check")
@click.argument("file", type=click.Path(path_type=Path))
def check(file: Path) -> None:
    """Validate FILE and list each destination with its filters and limits."""
    try:
        subscriptions = load_subscriptions(file)
    except DeliveriesError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{file}: {len(subscriptions)} destination(s) valid")
    for s in subscriptions:
        filters = [f"category={','.join(c.value for c in s.category)}"]
        if s.min_score:
            filters.append(f"min_score={s.min_score}")
        for label, values in (("languages", s.languages), ("leaders_any", s.leaders_any), ("sources", s.sources)):
            if values is not None:
                filters.append(f"{label}={','.join(values)}")
        if not s.include_updates:
            filters.append("no updates")
        state = "" if s.enabled else " (disabled)"
        click.echo(f"  {s.name}{state}: {s.kind} {s.safe_url}")
        click.echo(f"    {' '.join(filters)}")
        click.echo(
            f"    timeout {s.timeout_seconds:g}s, up to {s.max_attempts} attempt(s) within {s.budget_seconds:g}s"
        )
