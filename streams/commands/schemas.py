"""`wirewatch schemas ...`: regenerate (or check) the committed contract artefacts.

Why a command: the JSON Schemas and the README topic table are generated from code; one command
refreshes them and ``--check`` lets CI fail when someone forgot.
"""

from __future__ import annotations

from pathlib import Path

import click

from schemas.export import export_json_schemas, schema_drift
from schemas.topics import render_markdown_table, replace_readme_block, resolve, update_readme


@click.group("schemas")
def schemas_group() -> None:
    """Data contracts: JSON Schema export and the README topic table."""


@schemas_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the files differ from the models.")
def export_command(directory: Path, check: bool) -> None:
    """Write one JSON Schema per topic value model into DIRECTORY (e.g. schemas/json)."""
    if check:
        drift = schema_drift(directory)
        if drift:
            raise click.ClickException(
                f"out of date in {directory}: {', '.join(drift)}; run `wirewatch schemas export {directory}`"
            )
        click.echo(f"{directory}: up to date")
        return
    for path in export_json_schemas(directory):
        click.echo(str(path))


@schemas_group.command("readme")
@click.argument("path", default="README.md", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the table is out of date.")
def readme_command(path: Path, check: bool) -> None:
    """Rewrite the topic table between the topics markers in PATH (default README.md)."""
    try:
        if check:
            text = path.read_text(encoding="utf-8")
            if replace_readme_block(text, render_markdown_table(resolve())) != text:
                raise click.ClickException(f"topic table in {path} is out of date; run `wirewatch schemas readme`")
            click.echo(f"{path}: up to date")
            return
        changed = update_readme(path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{path}: {'updated' if changed else 'up to date'}")
