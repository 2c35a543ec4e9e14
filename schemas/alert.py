"""`Alert`: the value of every ``alerts.*`` topic, keyed by `story_id`.

Why `alert_id` is derived, not random: the same story in the same category must always carry
the same id, so a consumer that sees an `update` (or a redelivery) replaces instead of duplicating.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas._types import UtcDatetime
from schemas.evidence import Category, Entity, EventCodes, Evidence
from schemas.ids import make_alert_id

ALERT_SCHEMA_VERSION: Final = "1.0"

__all__ = ["ALERT_SCHEMA_VERSION", "Alert", "AlertKind", "AlsoReported", "ArticleRef", "make_alert_id"]


class AlertKind(StrEnum):
    ALERT = "alert"
    """First alert for a (story, category)."""
    UPDATE = "update"
    """Same story and category again, e.g. more sources reporting it; same `alert_id`."""


class _Contract(BaseModel):
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class ArticleRef(_Contract):
    """The article that triggered the alert: enough to show and link it without a lookup."""

    article_id: str
    url: str | None = None
    title: str
    source: str
    lang: str
    published_at: UtcDatetime | None = None


class AlsoReported(_Contract):
    """Another source carrying the same story."""

    source: str
    url: str | None = None
    article_id: str


class Alert(_Contract):
    """A decision that an article's story belongs to a category, with the evidence for it."""

    schema_version: Literal["1.0"] = Field(default=ALERT_SCHEMA_VERSION, description="Contract version.")
    kind: AlertKind
    alert_id: str = Field(description="`make_alert_id(story_id, category)`; deduplicate on it.")
    category: Category
    score: float = Field(ge=0.0, le=1.0)
    story_id: str = Field(min_length=1, description="Cluster of articles about the same event; the Kafka key.")
    article: ArticleRef
    evidence: list[Evidence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list, description="Ceasefire condition clauses, if any.")
    event_codes: EventCodes = Field(default_factory=EventCodes)
    first_seen: UtcDatetime = Field(description="When the story was first seen in this category.")
    emitted_at: UtcDatetime
    also_reported_by: list[AlsoReported] = Field(default_factory=list)

    @model_validator(mode="after")
    def _alert_id_matches(self) -> Alert:
        expected = make_alert_id(self.story_id, self.category)
        if self.alert_id != expected:
            raise ValueError(f"alert_id must be make_alert_id(story_id, category) = {expected!r}")
        return self

    @property
    def kafka_key(self) -> str:
        return self.story_id
