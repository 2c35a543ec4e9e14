"""Load the cross-script gazetteers: leaders, countries, places and organisations.

Why one file per kind rather than per language: a leader is one entity whatever the script
(Putin / بوتين / Путин / Путін / פוטין → ``putin``), so every alias of every script sits
under its canonical id, and every language's automaton receives all of them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from agents.core.classifier.lexicon import DATA_DIR, LexiconError, Term, parse_term
from schemas.evidence import EntityKind

#: Offices that make a person a "leader" for the leader_statement label.
ROLES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "minister",
        "foreign_minister",
        "envoy",
        "chief_negotiator",
        "party_leader",
        "armed_group_leader",
        "org_head",
        "military_leader",
        "monarch",
        "security_chief",
    }
)

_FILES = {
    EntityKind.LEADER: "leaders.toml",
    EntityKind.COUNTRY: "countries.toml",
    EntityKind.PLACE: "places.toml",
    EntityKind.ORGANISATION: "organisations.toml",
}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    kind: EntityKind
    id: str
    name: str
    role: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    terms: tuple[Term, ...]


def _str(item: dict[str, object], key: str, where: str, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise LexiconError(f"{where}.{key}: must be a non-empty string")
    return value


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Read and validate all gazetteer files; aliases become terms of family = entity kind."""
    entries: dict[str, GazetteerEntry] = {}
    terms: list[Term] = []
    for kind, filename in _FILES.items():
        path = data_dir / "gazetteer" / filename
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise LexiconError(f"{path}: cannot read gazetteer: {exc}") from exc
        items = data.get(kind.value)
        if not isinstance(items, list):
            raise LexiconError(f"{path}: needs [[{kind.value}]] tables")
        for i, item in enumerate(items):
            where = f"{path}: {kind.value}[{i}]"
            ident = _str(item, "id", where)
            assert ident is not None
            key = f"{kind.value}:{ident}"
            if key in entries:
                raise LexiconError(f"{where}.id: duplicate id {ident!r}")
            role = _str(item, "role", where, required=kind is EntityKind.LEADER)
            if kind is EntityKind.LEADER and role not in ROLES:
                raise LexiconError(f"{where}.role: unknown role {role!r} (known: {sorted(ROLES)})")
            name = _str(item, "name", where)
            assert name is not None
            entries[key] = GazetteerEntry(kind, ident, name, role, _str(item, "country", where, False))
            aliases = item.get("aliases")
            if not isinstance(aliases, list) or not aliases:
                raise LexiconError(f"{where}.aliases: must be a non-empty list of strings")
            for j, alias in enumerate(aliases):
                terms.append(parse_term(alias, kind.value, None, f"{where}.aliases[{j}]", ref=key))
    return Gazetteer(entries, tuple(terms))
