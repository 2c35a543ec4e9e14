"""Ingest agent: ``news.raw`` -> ``news.articles`` (keyed by article id) or ``news.deadletter``.

Thin by design: `agents.core.ingest.ingest` decides everything and never raises.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from agents.core.ingest import Accepted, IngestLimits, Origin, ingest
from agents.wiring import Wiring
from schemas.codec import to_json


def register(w: Wiring) -> None:
    limits = IngestLimits(max_text_bytes=w.settings.max_text_bytes, max_json_depth=w.settings.max_json_depth)
    raw, articles, deadletter = w.topic("raw"), w.topic("articles"), w.topic("deadletter")
    metrics = w.metrics

    @w.app.agent(raw, name="ingest")
    async def ingest_agent(stream: Any) -> None:
        async for event in stream.events():
            message = event.message
            metrics.consumed.labels(message.topic).inc()
            origin = Origin(message.topic, message.partition, message.offset)
            result = ingest(event.value, origin=origin, now=datetime.now(UTC), limits=limits)
            if isinstance(result, Accepted):
                article = result.article
                await articles.send(key=article.kafka_key.encode(), value=to_json(article))
                metrics.articles.labels("valid").inc()
            else:
                letter = result.dead_letter
                await deadletter.send(key=letter.kafka_key.encode(), value=to_json(letter))
                metrics.articles.labels("deadletter").inc()
                metrics.dead_letters.labels(letter.stage.value, letter.reason.value).inc()
