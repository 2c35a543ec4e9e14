"""Declarative routing: which alert topics a classified label goes to, from a rules file.

A rules file (TOML or YAML) is a list of routes; every route whose conditions all hold sends
the label to its topics, so one article with several labels can fire several routes::

    [[route]]
    name = "ceasefire"
    category = "ceasefire_condition"
    min_score = 0.5
    topics = ["ceasefire"]               # a catalogue key or a literal topic name

    [[route]]
    name = "kremlin-desk"
    category = ["leader_statement", "ceasefire_condition"]
    leaders_any = ["putin", "lavrov"]
    languages = ["ru", "uk", "ar"]
    topics = ["desk.kremlin"]

Errors name the file and the line of the offending route. `RouteTable` re-reads the file when it
changes; a broken edit keeps the last good rules and says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agents.core.rulefiles import load_entries
from schemas.evidence import Category

DEFAULT_ROUTES: Final = Path(__file__).with_name("default_routes.toml")


class RoutesError(ValueError):
    """A rules file that cannot be used; the message names the file and line."""


class Filters(BaseModel):
    """Conditions on a classified label (all must hold), shared by routes and delivery destinations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    category: list[Category] = Field(min_length=1)
    min_score: float = Field(0.0, ge=0.0, le=1.0)
    languages: list[str] | None = None
    leaders_any: list[str] | None = None
    sources: list[str] | None = None
    enabled: bool = True

    @field_validator("category", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("languages", "leaders_any", "sources")
    @classmethod
    def _lower(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [v.strip().lower() for v in value]


class Route(Filters):
    """One rule: conditions and the topics it sends to."""

    topics: list[str] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What routing looks at: a label that passed its threshold, and facts about its article."""

    category: Category
    score: float
    lang: str
    source: str
    leaders: frozenset[str]


def matches(rule: Filters, candidate: Candidate) -> bool:
    if not rule.enabled or candidate.category not in rule.category or candidate.score < rule.min_score:
        return False
    if rule.languages is not None and candidate.lang.lower() not in rule.languages:
        return False
    if rule.sources is not None and not _source_matches(candidate.source.lower(), rule.sources):
        return False
    return rule.leaders_any is None or bool(candidate.leaders & set(rule.leaders_any))


def _source_matches(source: str, wanted: Sequence[str]) -> bool:
    """A source matches a listed name exactly, or as a subdomain of a listed domain."""
    return any(source == w or source.endswith("." + w) for w in wanted)


def destinations(routes: Iterable[Route], candidate: Candidate, topic_names: Mapping[str, str]) -> list[str]:
    """The topic names a candidate goes to, each once, in rule order. Catalogue keys are resolved."""
    out: list[str] = []
    for route in routes:
        if matches(route, candidate):
            for topic in route.topics:
                name = topic_names.get(topic, topic)
                if name not in out:
                    out.append(name)
    return out


def load_routes(path: Path) -> list[Route]:
    """Parse and validate a rules file; raises `RoutesError` naming the file and line."""
    return load_entries(path, Route, table="route", yaml_key="routes", what="routing rules", error=RoutesError)


class RouteTable:
    """The current rules, re-read when the file changes (checked at most every ``interval`` s)."""

    def __init__(
        self, path: Path | None = None, interval: float = 2.0, on_error: Callable[[str], None] | None = None
    ) -> None:
        self.path = path or DEFAULT_ROUTES
        self.interval = interval
        self.on_error = on_error
        """Called once per rejected edit of the file, with the reason (for logs and metrics)."""
        self.routes = load_routes(self.path)
        self.last_error: str | None = None
        self._stamp = self._mtime()
        self._checked = 0.0

    def _mtime(self) -> float:
        try:
            return os.stat(self.path).st_mtime
        except OSError:
            return 0.0

    def current(self, now: float) -> list[Route]:
        """The rules in force; reloads a changed file, keeping the old rules if the new ones are bad."""
        if now - self._checked >= self.interval:
            self._checked = now
            stamp = self._mtime()
            if stamp != self._stamp:
                self._stamp = stamp
                try:
                    self.routes = load_routes(self.path)
                    self.last_error = None
                except RoutesError as exc:
                    self.last_error = str(exc)
                    if self.on_error is not None:
                        self.on_error(self.last_error)
        return self.routes
