"""Loading a file of named rule tables (TOML ``[[route]]`` or YAML ``routes:`` lists) into models,
with every error naming the file and the line of the offending entry.

Routing rules and delivery destinations are both such files; this is the one loader they share.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def load_entries(
    path: Path,
    model: type[M],
    *,
    table: str,
    yaml_key: str,
    what: str,
    error: type[ValueError],
) -> list[M]:
    """Entries of ``path`` validated as ``model``, names unique. ``table`` is the TOML array-of-tables
    name (``route``), ``yaml_key`` the YAML list key (``routes``), ``what`` the file's purpose for
    messages; problems raise ``error`` with ``file:line`` first."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror}") from None
    if path.suffix in (".yaml", ".yml"):
        entries, lines = _parse_yaml(path, text, yaml_key, error)
    else:
        entries, lines = _parse_toml(path, text, table, error)
    models: list[M] = []
    first_line: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"{path}:{lines[index]}" if index < len(lines) else str(path)
        if not isinstance(entry, dict):
            raise error(f"{where}: {table} #{index + 1} must be a table of settings")
        try:
            models.append(model.model_validate(entry))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or table}: {e['msg']}" for e in exc.errors())
            name = entry.get("name", f"#{index + 1}")
            raise error(f"{where}: {table} {name!r}: {problems}") from None
        name = str(getattr(models[-1], "name", index))
        if name in first_line:
            raise error(f"{where}: {table} name {name!r} is already used at {first_line[name]}; names must be unique")
        first_line[name] = where
    return models


def _parse_toml(path: Path, text: str, table: str, error: type[ValueError]) -> tuple[list[Any], list[int]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    unknown = set(data) - {table}
    if unknown:
        key = sorted(unknown)[0]
        pattern = re.compile(rf"\s*\[*\s*{re.escape(key)}\b")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if pattern.match(row)), 1)
        raise error(f"{path}:{line}: unknown top-level key(s) {sorted(unknown)}; expected [[{table}]] tables")
    entries = data.get(table, [])
    if not isinstance(entries, list):
        raise error(f"{path}:1: `{table}` must be an array of tables: [[{table}]]")
    header = re.compile(rf"\s*\[\[\s*{re.escape(table)}\s*\]\]")
    lines = [n for n, row in enumerate(text.splitlines(), 1) if header.match(row)]
    return entries, lines


def _parse_yaml(path: Path, text: str, key: str, error: type[ValueError]) -> tuple[list[Any], list[int]]:
    try:
        node: Any = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or set(data) - {key}:
        raise error(f"{path}:1: expected a mapping with one key, `{key}`, holding a list")
    found = next((v for k, v in node.value if k.value == key), None)
    entries = data.get(key) or []
    if not isinstance(entries, list):
        line = found.start_mark.line + 1 if found is not None else 1
        raise error(f"{path}:{line}: `{key}` must be a list")
    lines = [item.start_mark.line + 1 for item in (found.value if found is not None else [])]
    return entries, lines
