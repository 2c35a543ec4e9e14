"""Every Prometheus metric wirewatch exposes, in one registry, in base units (seconds, bytes).

Why our own and not Faust's sensor: Faust's Prometheus monitor reports near-zero latencies and
drops per-topic counters at rebalance; these are measured where the work happens. Label values
stay bounded: topics, categories, reasons, destinations and a fixed set of languages — never
article ids or URLs.
"""

from __future__ import annotations

from typing import Final

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

#: Languages reported as themselves; any other is reported as ``other``, keeping label sets bounded.
KNOWN_LANGS: Final = frozenset(
    ["ar", "en", "ru", "uk", "fr", "de", "es", "it", "pt", "tr", "he", "fa", "hy", "pl", "nl", "und"]
)

CLASSIFY_BUCKETS: Final = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0)
PIPELINE_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)
FRESHNESS_BUCKETS: Final = (10.0, 30.0, 60.0, 300.0, 900.0, 1800.0, 3600.0, 3 * 3600.0, 6 * 3600.0, 86400.0, 172800.0)
DELIVERY_BUCKETS: Final = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

disable_created_metrics()  # type: ignore[no-untyped-call]  # `_created` series only double the exposition; dashboards never use them

CONTENT_TYPE: Final = CONTENT_TYPE_LATEST.split(";")[0] + "; version=0.0.4"  # aiohttp sets charset itself


def lang_label(lang: str) -> str:
    return lang if lang in KNOWN_LANGS else "other"


class Metrics:
    """The worker's metrics, registered in a registry of their own (one per worker, one per test)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.build_info = Info("wirewatch_build", "Version, Kafka bootstrap and settings hash.", registry=r)
        self.consumed = Counter("wirewatch_messages_consumed", "Messages consumed, by topic.", ["topic"], registry=r)
        self.articles = Counter(
            "wirewatch_articles", "Raw messages by ingest outcome (valid or deadletter).", ["outcome"], registry=r
        )
        self.dead_letters = Counter(
            "wirewatch_dead_letters", "Messages sent to the dead-letter topic.", ["stage", "reason"], registry=r
        )
        self.classified = Counter(
            "wirewatch_classified",
            "Articles classified, by label that passed (category `none` when none did) and language.",
            ["category", "lang"],
            registry=r,
        )
        self.alerts = Counter(
            "wirewatch_alerts_emitted", "Alerts and updates emitted.", ["topic", "category", "kind"], registry=r
        )
        self.duplicates = Counter(
            "wirewatch_story_duplicates",
            "Articles of a story already alerted (an update instead of a new alert).",
            ["category"],
            registry=r,
        )
        self.replays = Counter(
            "wirewatch_alert_replays",
            "Redelivered articles whose earlier alert was re-emitted unchanged.",
            ["category"],
            registry=r,
        )
        self.deliveries = Counter(
            "wirewatch_deliveries",
            "Alert deliveries to bots by destination and outcome (ok, retried, throttled, dead_lettered).",
            ["destination", "outcome"],
            registry=r,
        )
        self.lag = Gauge(
            "wirewatch_consumer_lag", "Messages behind the high watermark.", ["topic", "partition"], registry=r
        )
        self.rebalances = Counter("wirewatch_rebalances", "Consumer group rebalances.", registry=r)
        self.route_errors = Counter(
            "wirewatch_routes_reload_errors", "Routing-file reloads rejected as invalid.", registry=r
        )
        self.classify_seconds = Histogram(
            "wirewatch_classification_seconds", "Classifier time per article.", buckets=CLASSIFY_BUCKETS, registry=r
        )
        self.end_to_end_seconds = Histogram(
            "wirewatch_end_to_end_seconds",
            "From ingest (ingested_at) to alert emitted.",
            buckets=PIPELINE_BUCKETS,
            registry=r,
        )
        self.freshness_seconds = Histogram(
            "wirewatch_news_freshness_seconds",
            "From the article's published_at to alert emitted.",
            buckets=FRESHNESS_BUCKETS,
            registry=r,
        )
        self.delivery_seconds = Histogram(
            "wirewatch_delivery_seconds", "Time to deliver one alert to a bot.", buckets=DELIVERY_BUCKETS, registry=r
        )

    def exposition(self) -> bytes:
        """The registry in Prometheus text format."""
        return generate_latest(self.registry)
