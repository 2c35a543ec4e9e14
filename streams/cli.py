"""The `wirewatch` command line: one group, one module per family of sub-commands."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch")
def main() -> None:
    """wirewatch: breaking-news alerts from Kafka topics."""


def _register() -> None:
    # Imported here so that `wirewatch --help` stays fast and each family stays in its own module.
    from streams.commands import registry

    for command in registry.commands():
        main.add_command(command)


_register()
