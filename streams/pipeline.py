"""The whole wirewatch pipeline on one Faust app.

    news.raw --ingest--> news.articles --classify--> news.matches --story--> alerts.* topics --deliver--> bots
        \\________________________\\____________________________\\___> news.deadletter

Where an article becomes an alert: `agents.core.alerting` (pure); the agents in `agents/`
only move bytes between the topics of the catalogue (`schemas.topics`).
"""

from __future__ import annotations

import faust

from agents import classify, ingest, story
from agents.wiring import Wiring
from schemas.topics import TopicSpec, resolve
from streams import http_ingest, web
from streams.app import create_app
from streams.metrics import Metrics
from streams.settings import Settings


def catalogue(settings: Settings) -> list[TopicSpec]:
    """The topic catalogue with this deployment's names, partitions and replication."""
    return resolve(
        settings.topic_names, partitions=settings.topic_partitions, replication_factor=settings.topic_replication
    )


def create_pipeline_app(settings: Settings, metrics: Metrics | None = None) -> faust.App:
    metrics = metrics or Metrics()
    app = create_app(settings)
    wiring = Wiring(app, settings, metrics, catalogue(settings))
    for spec in wiring.specs:
        wiring.topic(spec.key)
    ingest.register(wiring)
    classify.register(wiring)
    story.register(wiring)
    if settings.deliveries_file is not None:
        from agents import deliver  # httpx only where delivery is configured

        deliver.register(wiring)
    web.register(app, settings, metrics)
    http_ingest.register(app, settings, metrics)
    from importlib.metadata import version

    metrics.build_info.info(
        {"version": version("wirewatch"), "kafka_bootstrap": settings.kafka_bootstrap,
         "settings_hash": settings.fingerprint()}
    )  # fmt: skip
    return app
