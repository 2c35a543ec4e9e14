"""Classify agent: ``news.articles`` -> one `Match` per passed label on ``news.matches`` (keyed by category).

Batches of articles are classified in a worker thread, so the event loop keeps heartbeating
and fetching while the CPU-bound classifier runs. A record that is not a valid `Article` goes
to the dead-letter topic with stage ``classify``; the stream goes on.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from agents.core.alerting import matches_for
from agents.core.classifier import Classifier
from agents.wiring import Wiring
from schemas.article import Article
from schemas.codec import from_json, to_json
from schemas.deadletter import DeadLetter, RejectReason, Stage
from schemas.evidence import Classification
from schemas.match import Match
from streams.metrics import lang_label

BATCH = 64
BATCH_WAIT = 0.02


def classify_batch(classifier: Classifier, articles: list[Article]) -> list[tuple[Classification, float]]:
    """Classify articles, timing each one (runs in a thread)."""
    out = []
    for article in articles:
        started = time.perf_counter()
        result = classifier.classify(article.text, lang=article.lang, title=article.title)
        out.append((result, time.perf_counter() - started))
    return out


def register(w: Wiring) -> None:
    classifier = Classifier.load(w.settings.thresholds or None)
    source, matches, deadletter = w.topic("articles"), w.topic("matches"), w.topic("deadletter")
    metrics = w.metrics

    @w.app.agent(source, name="classify")
    async def classify_agent(stream: Any) -> None:
        async for events in stream.take_events(BATCH, within=BATCH_WAIT):
            articles: list[Article] = []
            for event in events:
                message = event.message
                metrics.consumed.labels(message.topic).inc()
                try:
                    articles.append(from_json(Article, event.value))
                except (ValidationError, ValueError) as exc:
                    letter = DeadLetter.from_payload(
                        event.value, reason=RejectReason.WRONG_TYPE, message=f"not an Article: {exc}"[:2000],
                        stage=Stage.CLASSIFY, topic=message.topic, partition=message.partition,
                        offset=message.offset, rejected_at=datetime.now(UTC),
                    )  # fmt: skip
                    await deadletter.send(key=letter.kafka_key.encode(), value=to_json(letter))
                    metrics.dead_letters.labels(Stage.CLASSIFY.value, letter.reason.value).inc()
            if not articles:
                continue
            results = await asyncio.to_thread(classify_batch, classifier, articles)
            now = datetime.now(UTC)
            for article, (classification, seconds) in zip(articles, results, strict=True):
                metrics.classify_seconds.observe(seconds)
                found: list[Match] = matches_for(article, classification, now)
                lang = lang_label(classification.lang)
                for category in [m.category.value for m in found] or ["none"]:
                    metrics.classified.labels(category, lang).inc()
                for match in found:
                    await matches.send(key=match.category.value.encode(), value=to_json(match))
