"""The topic catalogue: every Kafka topic wirewatch reads or writes, in one place.

Why one place: topic creation (deploy), the agents, the README table and the JSON Schema export
all read this list, so a topic cannot exist in one of them and be missing in another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel

from schemas.alert import Alert
from schemas.article import Article, RawArticle
from schemas.deadletter import DeadLetter
from schemas.evidence import Category
from schemas.match import Match

README_BEGIN: Final = "<!-- topics:begin -->"
README_END: Final = "<!-- topics:end -->"

_DAY_MS: Final = 24 * 3600 * 1000
_LEGAL_NAME = re.compile(r"^[A-Za-z0-9._-]{1,249}$")


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """One topic: its logical key (stable in code) and its deployable settings (overridable name)."""

    key: str
    name: str
    message_key: str
    value_model: type[BaseModel]
    partitions: int
    replication_factor: int | None
    retention_ms: int | None
    cleanup_policy: Literal["delete", "compact", "compact,delete"]
    writers: tuple[str, ...]
    readers: tuple[str, ...]
    description: str
    category: Category | None = None
    """For alert topics: the category routed here."""


def _alerts(key: str, name: str, category: Category, what: str) -> TopicSpec:
    return TopicSpec(
        key=key,
        name=name,
        message_key="story_id",
        value_model=Alert,
        partitions=3,
        replication_factor=None,
        retention_ms=30 * _DAY_MS,
        cleanup_policy="delete",
        writers=("story",),
        readers=("deliver", "alert consumers"),
        description=f"Alerts and updates on {what}.",
        category=category,
    )


#: The default catalogue, in pipeline order.
DEFAULT_TOPICS: Final[tuple[TopicSpec, ...]] = (
    TopicSpec(
        key="raw",
        name="news.raw",
        message_key="producer's choice (ignored)",
        value_model=RawArticle,
        partitions=6,
        replication_factor=None,
        retention_ms=7 * _DAY_MS,
        cleanup_policy="delete",
        writers=("external producers",),
        readers=("ingest",),
        description="Articles as producers send them: JSON bytes, loosely shaped.",
    ),
    TopicSpec(
        key="articles",
        name="news.articles",
        message_key="article_id",
        value_model=Article,
        partitions=6,
        replication_factor=None,
        retention_ms=30 * _DAY_MS,
        cleanup_policy="delete",
        writers=("ingest",),
        readers=("classify",),
        description="Validated, normalised articles with language and UTC dates.",
    ),
    TopicSpec(
        key="matches",
        name="news.matches",
        message_key="category",
        value_model=Match,
        partitions=3,
        replication_factor=None,
        retention_ms=7 * _DAY_MS,
        cleanup_policy="delete",
        writers=("classify",),
        readers=("story",),
        description="Internal: labels that passed, re-keyed by category so one story table sees them all.",
    ),
    _alerts("negotiations", "alerts.negotiations", Category.NEGOTIATION_ROUND, "negotiation rounds"),
    _alerts("ceasefire", "alerts.ceasefire", Category.CEASEFIRE_CONDITION, "ceasefire conditions"),
    _alerts("statements", "alerts.statements", Category.LEADER_STATEMENT, "leader statements"),
    TopicSpec(
        key="deadletter",
        name="news.deadletter",
        message_key="source `topic/partition/offset`",
        value_model=DeadLetter,
        partitions=1,
        replication_factor=None,
        retention_ms=30 * _DAY_MS,
        cleanup_policy="delete",
        writers=("ingest", "classify", "story", "deliver"),
        readers=("operators", "replay"),
        description="Rejected messages with reason code and original bytes.",
    ),
)


def resolve(
    names: Mapping[str, str] | None = None,
    *,
    partitions: int | None = None,
    replication_factor: int | None = None,
) -> list[TopicSpec]:
    """The catalogue with topic names overridden by logical key, e.g. ``{"raw": "staging.news.raw"}``.

    ``partitions`` / ``replication_factor``, when given, replace every topic's default (deployment
    settings). Raises ValueError on an unknown key, an illegal Kafka topic name, or two topics
    sharing a name, because each of those would silently split or merge streams at run time.
    """
    overrides = dict(names or {})
    known = {spec.key for spec in DEFAULT_TOPICS}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"unknown topic key(s) {unknown}; known: {sorted(known)}")
    if partitions is not None and partitions < 1:
        raise ValueError(f"partitions must be >= 1, got {partitions}")
    specs = [
        replace(
            spec,
            name=overrides.get(spec.key, spec.name),
            partitions=spec.partitions if partitions is None else partitions,
            replication_factor=spec.replication_factor if replication_factor is None else replication_factor,
        )
        for spec in DEFAULT_TOPICS
    ]
    seen: dict[str, str] = {}
    for spec in specs:
        if not _LEGAL_NAME.match(spec.name) or spec.name in {".", ".."}:
            raise ValueError(f"illegal Kafka topic name for {spec.key!r}: {spec.name!r}")
        if spec.name in seen:
            raise ValueError(f"topics {seen[spec.name]!r} and {spec.key!r} share the name {spec.name!r}")
        seen[spec.name] = spec.key
    return specs


def by_key(specs: Sequence[TopicSpec]) -> dict[str, TopicSpec]:
    """Index specs by logical key."""
    return {spec.key: spec for spec in specs}


def alert_topic(specs: Sequence[TopicSpec], category: Category) -> TopicSpec:
    """The topic alerts of ``category`` go to."""
    for spec in specs:
        if spec.category == category:
            return spec
    raise KeyError(category)


def schema_file_name(model: type[BaseModel]) -> str:
    """File name of a value model's exported JSON Schema, e.g. ``dead-letter.schema.json``."""
    kebab = re.sub(r"(?<!^)(?=[A-Z])", "-", model.__name__).lower()
    return f"{kebab}.schema.json"


def _retention(ms: int | None) -> str:
    if ms is None:
        return "broker default"
    if ms < 0:
        return "forever"
    days, rest = divmod(ms, _DAY_MS)
    return f"{days} d" if not rest else f"{ms / 3_600_000:g} h"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown_table(specs: Sequence[TopicSpec]) -> str:
    """The catalogue as a Markdown table (the README block), one row per topic, newline-terminated."""
    header = (
        "Topic",
        "Key",
        "Value",
        "Partitions",
        "Replicas",
        "Retention",
        "Cleanup",
        "Written by",
        "Read by",
    )
    rows = [_row([*header, "Purpose"]), "|---|---|---|---:|---|---|---|---|---|---|"]
    for s in specs:
        value = f"[`{s.value_model.__name__}`](schemas/json/{schema_file_name(s.value_model)})"
        replicas = "default" if s.replication_factor is None else str(s.replication_factor)
        cells = [f"`{s.name}`", s.message_key, value, str(s.partitions), replicas, _retention(s.retention_ms)]
        cells += [s.cleanup_policy, ", ".join(s.writers), ", ".join(s.readers), s.description]
        rows.append(_row(cells))
    return "\n".join(rows) + "\n"


def replace_readme_block(readme: str, table: str) -> str:
    """``readme`` with the text between the topic markers replaced by ``table``."""
    begin, end = readme.find(README_BEGIN), readme.find(README_END)
    if begin < 0 or end < begin:
        raise ValueError(f"README has no {README_BEGIN} ... {README_END} block")
    head = readme[: begin + len(README_BEGIN)]
    return f"{head}\n{table}{readme[end:]}"


def update_readme(path: Path | str, specs: Sequence[TopicSpec] | None = None) -> bool:
    """Rewrite the topic table in the README at ``path``; True when the file changed."""
    p = Path(path)
    old = p.read_text(encoding="utf-8")
    new = replace_readme_block(old, render_markdown_table(resolve() if specs is None else specs))
    if new == old:
        return False
    p.write_text(new, encoding="utf-8")
    return True
