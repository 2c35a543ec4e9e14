"""Where an article becomes an alert: matches from a classification, then alerts from matches.

Two pure steps, one per agent:

1. `matches_for` (classify agent): each label that passed its threshold becomes a `Match`,
   carrying the article reference, the evidence and the story signature.
2. `plan_emission` (story agent): given the story the match belongs to, the routing rules and
   what was emitted before, decide the message: the first article of a story raises an
   ``alert``; later copies raise an ``update`` naming the new source; a redelivered article
   re-emits exactly the bytes it produced the first time, so ``alert_id`` never has two contents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from agents.core.routing import Candidate, Route, destinations
from agents.core.stories import StoryIndex, signature
from schemas.alert import Alert, AlertKind, AlsoReported, ArticleRef
from schemas.article import Article
from schemas.evidence import Classification, EntityKind
from schemas.ids import make_alert_id
from schemas.match import Match


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(
        article_id=article.article_id,
        url=article.url,
        title=article.title,
        source=article.source,
        lang=article.lang,
        published_at=article.published_at,
    )


def matches_for(article: Article, classification: Classification, now: datetime) -> list[Match]:
    """One `Match` per label that passed; none (and no signature work) when nothing passed."""
    passed = [r for r in classification.labels if r.passed]
    if not passed:
        return []
    sig = signature(f"{article.title}\n{article.text}")
    ref = article_ref(article)
    return [
        Match(
            category=result.label,
            article=ref,
            result=result,
            entities=classification.entities,
            signature=sig,
            ingested_at=article.ingested_at,
            classified_at=now,
        )
        for result in passed
    ]


@dataclass(frozen=True, slots=True)
class Emission:
    """Messages to send: the same key and value to each topic."""

    topics: tuple[str, ...]
    key: bytes
    value: bytes
    kind: AlertKind
    replay: bool
    """True when this repeats what an earlier delivery of the same article emitted."""


def plan_emission(
    match: Match,
    index: StoryIndex,
    routes: Sequence[Route],
    topic_names: Mapping[str, str],
    now: datetime,
) -> Emission | None:
    """The alert or update for ``match`` (None when no route wants it); records it in ``index``."""
    scope = match.category.value
    article_id = match.article.article_id
    earlier: Any = index.recall(scope, article_id)
    if earlier is not None:
        return Emission(
            tuple(earlier["topics"]),
            earlier["key"].encode(),
            earlier["value"].encode(),
            AlertKind(earlier["kind"]),
            replay=True,
        )
    candidate = Candidate(
        category=match.category,
        score=match.result.score,
        lang=match.article.lang,
        source=match.article.source,
        leaders=frozenset(e.id for e in match.entities if e.kind is EntityKind.LEADER),
    )
    topics = destinations(routes, candidate, topic_names)
    if not topics:
        return None
    story = index.assign(scope, article_id, match.signature, now.timestamp())
    kind = AlertKind.ALERT if story.is_new else AlertKind.UPDATE
    alert = Alert(
        kind=kind,
        alert_id=make_alert_id(story.story_id, match.category),
        category=match.category,
        score=match.result.score,
        story_id=story.story_id,
        article=match.article,
        evidence=match.result.evidence,
        entities=match.entities,
        conditions=match.result.conditions,
        event_codes=match.result.event_codes,
        first_seen=datetime.fromtimestamp(story.first_seen, UTC),
        emitted_at=now,
        also_reported_by=(
            []
            if story.is_new
            else [AlsoReported(source=match.article.source, url=match.article.url, article_id=article_id)]
        ),
    )
    value = orjson.dumps(alert.model_dump(mode="json"))
    record = {"topics": list(topics), "key": story.story_id, "value": value.decode(), "kind": kind.value}
    index.remember(scope, article_id, record, now.timestamp())
    return Emission(tuple(topics), story.story_id.encode(), value, kind, replay=False)
