"""Classify agent: ``news.articles`` -> one `Match` per passed label on ``news.matches`` (keyed by category).

A typical article classifies in a fraction of a millisecond, cheaper than a hop to a thread,
so it runs inline; a long one (up to the ingest limit, 1 MiB: hundreds of milliseconds) runs in a
worker thread, so the event loop keeps heartbeating and fetching meanwhile. (Faust's
``take_events`` batching stalls under ``exactly_once``, so records go one at a time.) A record
that is not a valid `Article` goes to the dead-letter topic with stage ``classify``; the stream
goes on.
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
from schemas.deadletter import RejectReason, Stage
from schemas.evidence import Classification
from schemas.match import Match
from streams.metrics import lang_label

#: Longer texts are classified in a worker thread (~20 KB: a few milliseconds of CPU).
INLINE_MAX_CHARS = 20_000


def classify_timed(classifier: Classifier, article: Article) -> tuple[Classification | str, float]:
    """Classify one article and time it (runs in a worker thread). A classifier bug yields its
    message instead of a result, so the article is dead-lettered and the stream goes on."""
    started = time.perf_counter()
    try:
        result: Classification | str = classifier.classify(article.text, lang=article.lang, title=article.title)
    except Exception as exc:  # the stream must go on; the article is kept in the dead-letter topic
        result = f"classifier failed: {type(exc).__name__}: {exc}"
    return result, time.perf_counter() - started


def register(w: Wiring) -> None:
    classifier = Classifier.load(w.settings.thresholds or None)
    source, matches = w.topic("articles"), w.topic("matches")
    metrics = w.metrics

    @w.app.agent(source, name="classify")
    async def classify_agent(stream: Any) -> None:
        async for event in stream.events():
            metrics.consumed.labels(event.message.topic).inc()
            try:
                article = from_json(Article, event.value)
            except (ValidationError, ValueError) as exc:
                await w.dead_letter(event, Stage.CLASSIFY, RejectReason.WRONG_TYPE, f"not an Article: {exc}")
                continue
            if len(article.text) > INLINE_MAX_CHARS:
                classification, seconds = await asyncio.to_thread(classify_timed, classifier, article)
            else:
                classification, seconds = classify_timed(classifier, article)
            if isinstance(classification, str):
                await w.dead_letter(event, Stage.CLASSIFY, RejectReason.INTERNAL_ERROR, classification)
                continue
            metrics.classify_seconds.observe(seconds)
            found: list[Match] = matches_for(article, classification, datetime.now(UTC))
            lang = lang_label(classification.lang)
            for category in [m.category.value for m in found] or ["none"]:
                metrics.classified.labels(category, lang).inc()
            for match in found:
                await matches.send(key=match.category.value.encode(), value=to_json(match))
