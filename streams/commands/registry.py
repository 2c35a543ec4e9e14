"""Every sub-command the `wirewatch` group carries, in the order `--help` lists them."""

from __future__ import annotations

import click


def commands() -> list[click.Command]:
    from streams.commands.kafka import kafka_group
    from streams.commands.worker import relay_command

    return [kafka_group, relay_command]
