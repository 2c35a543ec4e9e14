"""Every sub-command the `wirewatch` group carries, in the order `--help` lists them."""

from __future__ import annotations

import click


def commands() -> list[click.Command]:
    return []
