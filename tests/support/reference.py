"""The pipeline's pure logic run in-process, in order: the reference a real worker is held to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import orjson

from agents.core.alerting import matches_for, plan_emission
from agents.core.classifier import Classifier
from agents.core.ingest import Accepted, Origin, ingest
from agents.core.routing import RouteTable
from agents.core.stories import StoryIndex
from streams.settings import Settings


def reference_alerts(values: Iterable[bytes], settings: Settings | None = None) -> list[dict[str, Any]]:
    """Alerts (as dicts, with the topic under ``_topic``) that the pipeline emits for ``values``."""
    settings = settings or Settings()
    classifier = Classifier.load(settings.thresholds or None)
    routes = RouteTable(settings.routes_file).routes
    index = StoryIndex({}, settings.dedup_window_hours * 3600)
    out: list[dict[str, Any]] = []
    for offset, value in enumerate(values):
        now = datetime.now(UTC)
        result = ingest(value, origin=Origin("reference", 0, offset), now=now)
        if not isinstance(result, Accepted):
            continue
        article = result.article
        classification = classifier.classify(article.text, lang=article.lang, title=article.title)
        for match in matches_for(article, classification, now):
            emission = plan_emission(match, index, routes, settings.topic_names, now)
            if emission is not None:
                for topic in emission.topics:
                    out.append({**orjson.loads(emission.value), "_topic": topic})
    return out
