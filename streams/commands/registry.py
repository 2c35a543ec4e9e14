"""Every sub-command the `wirewatch` group carries, in the order `--help` lists them."""

from __future__ import annotations

import click


def commands() -> list[click.Command]:
    from streams.commands.classify import classify_command, eval_command
    from streams.commands.deliveries import deliveries_group
    from streams.commands.demo import demo_command
    from streams.commands.feeds import feeds_command
    from streams.commands.io import produce_command, tail_command
    from streams.commands.kafka import kafka_group
    from streams.commands.routes import routes_group
    from streams.commands.schemas import schemas_group
    from streams.commands.worker import relay_command, worker_command

    return [
        demo_command, worker_command, produce_command, feeds_command, tail_command, classify_command, eval_command,
        routes_group, deliveries_group, kafka_group, schemas_group, relay_command,
    ]  # fmt: skip
