"""wirewatch's data contracts: topic value models, ids, the topic catalogue.

Import from here; the submodules are an implementation detail.
"""

from __future__ import annotations

from schemas.alert import ALERT_SCHEMA_VERSION, Alert, AlertKind, AlsoReported, ArticleRef
from schemas.article import ARTICLE_SCHEMA_VERSION, RAW_ARTICLE_SCHEMA_VERSION, Article, RawArticle, Repair
from schemas.codec import from_json, to_json
from schemas.deadletter import (
    DEAD_LETTER_SCHEMA_VERSION,
    DeadLetter,
    PayloadEncoding,
    RejectReason,
    Stage,
    dead_letter_key,
)
from schemas.evidence import Category, Classification, Entity, EntityKind, EventCodes, Evidence, LabelResult
from schemas.ids import canonical_url, make_alert_id
from schemas.topics import TopicSpec, alert_topic, by_key, render_markdown_table, resolve, update_readme

__all__ = [
    "ALERT_SCHEMA_VERSION",
    "ARTICLE_SCHEMA_VERSION",
    "DEAD_LETTER_SCHEMA_VERSION",
    "RAW_ARTICLE_SCHEMA_VERSION",
    "Alert",
    "AlertKind",
    "AlsoReported",
    "Article",
    "ArticleRef",
    "Category",
    "Classification",
    "DeadLetter",
    "Entity",
    "EntityKind",
    "EventCodes",
    "Evidence",
    "LabelResult",
    "PayloadEncoding",
    "RawArticle",
    "RejectReason",
    "Repair",
    "Stage",
    "TopicSpec",
    "alert_topic",
    "by_key",
    "canonical_url",
    "dead_letter_key",
    "from_json",
    "make_alert_id",
    "render_markdown_table",
    "resolve",
    "to_json",
    "update_readme",
]
