"""Story agent: ``news.matches`` -> alerts and updates on the routed alert topics, keyed by story id.

Every match of a category arrives in one partition (the topic is keyed by category), next to
the partition of the ``stories`` table, whose changelog topic makes the story index survive
restarts and rebalances. `plan_emission` decides; this module only moves bytes and counts.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import faust
from pydantic import ValidationError

from agents.core.alerting import plan_emission
from agents.core.routing import RouteTable
from agents.core.stories import StoryIndex
from agents.wiring import Wiring
from schemas.alert import AlertKind
from schemas.codec import from_json
from schemas.deadletter import RejectReason, Stage
from schemas.match import Match

SWEEP_EVERY = 500


def register(w: Wiring) -> None:
    settings, metrics = w.settings, w.metrics

    def rejected(reason: str) -> None:
        metrics.route_errors.inc()
        w.app.log.error("routing file rejected, keeping the last good rules: %s", reason)

    routes = RouteTable(settings.routes_file, on_error=rejected)
    names = settings.topic_names
    stories = w.app.Table(
        "stories",
        partitions=w.spec("matches").partitions,
        schema=faust.Schema(key_type=str, key_serializer="json", value_serializer="json"),
    )
    source = w.topic("matches")
    window = settings.dedup_window_hours * 3600

    @w.app.agent(source, name="story")
    async def story_agent(stream: Any) -> None:
        handled = 0
        async for event in stream.events():
            message = event.message
            metrics.consumed.labels(message.topic).inc()
            try:
                match = from_json(Match, event.value)
            except (ValidationError, ValueError) as exc:
                await w.dead_letter(event, Stage.STORY, RejectReason.WRONG_TYPE, f"not a Match: {exc}")
                continue
            rules = routes.current(time.monotonic())
            index = StoryIndex(stories, window)
            # The record's own timestamp, not the clock: re-processing the same match after a crash
            # then yields byte-identical alerts, so an alert_id never has two contents.
            now = datetime.fromtimestamp(message.timestamp, UTC)
            emission = plan_emission(match, index, rules, names, now)
            handled += 1
            if handled % SWEEP_EVERY == 0:
                index.sweep(match.category.value, now.timestamp())
            if emission is None:
                continue
            for topic in emission.topics:
                await w.topic_by_name(topic).send(key=emission.key, value=emission.value)
                if not emission.replay:
                    metrics.alerts.labels(topic, match.category.value, emission.kind.value).inc()
            category = match.category.value
            if emission.replay:
                metrics.replays.labels(category).inc()
            elif emission.kind is AlertKind.UPDATE:
                metrics.duplicates.labels(category).inc()
            else:
                emitted = datetime.now(UTC)
                metrics.end_to_end_seconds.observe(max(0.0, (emitted - match.ingested_at).total_seconds()))
                if match.article.published_at is not None:
                    freshness = (emitted - match.article.published_at).total_seconds()
                    metrics.freshness_seconds.observe(max(0.0, freshness))
