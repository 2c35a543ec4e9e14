"""Every Prometheus metric wirewatch exposes, in one registry, in base units (seconds, bytes).

Why our own and not Faust's sensor: Faust's Prometheus monitor reports near-zero latencies and
drops per-topic counters at rebalance; these are measured where the work happens. Label values
stay bounded: topics, categories, reasons, destinations and a fixed set of languages — never
article ids or URLs.
"""

from __future__ import annotations

from typing import Final, Self

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics import MetricWrapperBase

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


#: What a label value beyond a metric's bound is reported as.
OVERFLOW: Final = "other"
#: Distinct values one label of one metric may take; later new values are reported as `OVERFLOW`.
MAX_LABEL_VALUES: Final = 100


def lang_label(lang: str) -> str:
    return lang if lang in KNOWN_LANGS else OVERFLOW


def consumer_lag(
    highwater: int | None, last_read: int | None, committed: int | None, low_watermark: int | None = None
) -> int | None:
    """Records a consumer is behind on one partition, or None when it cannot be told.

    ``highwater`` is the partition's end offset (the next offset to be written); ``last_read`` the
    offset of the last record this consumer read, None before the first; ``committed`` the group's
    committed offset (the next to read; None or negative when nothing is committed);
    ``low_watermark`` the earliest offset still in the log. The consumer's position is the furthest
    of what it read and what is committed; with neither, it starts at the low watermark.
    """
    if highwater is None:
        return None
    positions = [last_read + 1] if last_read is not None and last_read >= 0 else []
    if committed is not None and committed >= 0:
        positions.append(committed)
    if positions:
        position = max(positions)
        if low_watermark is not None:
            position = max(position, low_watermark)  # what retention deleted is no longer lag
    elif low_watermark is not None and low_watermark >= 0:
        position = low_watermark
    else:
        return None
    return max(0, highwater - position)


def bounded_labels(metric: MetricWrapperBase, labelvalues: tuple[object, ...]) -> tuple[str, ...]:
    """The label values to record: each label of ``metric`` takes at most `MAX_LABEL_VALUES`
    distinct values at a time, and a new value beyond that becomes `OVERFLOW`. Counted over the
    live series, so removed series (lag of partitions no longer assigned) free their values."""
    values = tuple(str(v) for v in labelvalues)
    if len(values) != len(metric._labelnames):
        return values  # prometheus_client raises its own error
    with metric._lock:
        if values in metric._metrics:
            return values
        present: list[set[str]] = [set() for _ in values]
        for key in metric._metrics:
            for i, v in enumerate(key):
                present[i].add(v)
    return tuple(
        v if v in seen or len(seen) < MAX_LABEL_VALUES else OVERFLOW for v, seen in zip(values, present, strict=True)
    )


def _positional(metric: MetricWrapperBase, labelkwargs: dict[str, object]) -> tuple[object, ...]:
    if sorted(labelkwargs) != sorted(metric._labelnames):
        raise ValueError("Incorrect label names")
    return tuple(labelkwargs[name] for name in metric._labelnames)


class BoundedCounter(Counter):
    """A counter whose label values are bounded (see `bounded_labels`)."""

    def labels(self, *labelvalues: object, **labelkwargs: object) -> Self:
        if not self._labelnames or (labelvalues and labelkwargs):
            return super().labels(*labelvalues, **labelkwargs)
        return super().labels(*bounded_labels(self, labelvalues or _positional(self, labelkwargs)))


class BoundedGauge(Gauge):
    """A gauge whose label values are bounded (see `bounded_labels`)."""

    def labels(self, *labelvalues: object, **labelkwargs: object) -> Self:
        if not self._labelnames or (labelvalues and labelkwargs):
            return super().labels(*labelvalues, **labelkwargs)
        return super().labels(*bounded_labels(self, labelvalues or _positional(self, labelkwargs)))


class Metrics:
    """The worker's metrics, registered in a registry of their own (one per worker, one per test)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        ProcessCollector(registry=r)  # process_cpu_seconds_total, process_resident_memory_bytes, ...
        PlatformCollector(registry=r)
        self.build_info = Info("wirewatch_build", "Version, Kafka bootstrap and settings hash.", registry=r)
        self.consumed = BoundedCounter(
            "wirewatch_messages_consumed", "Messages consumed, by topic.", ["topic"], registry=r
        )
        self.articles = BoundedCounter(
            "wirewatch_articles", "Raw messages by ingest outcome (valid or deadletter).", ["outcome"], registry=r
        )
        self.dead_letters = BoundedCounter(
            "wirewatch_dead_letters", "Messages sent to the dead-letter topic.", ["stage", "reason"], registry=r
        )
        self.classified = BoundedCounter(
            "wirewatch_classified",
            "Articles classified, by label that passed (category `none` when none did) and language.",
            ["category", "lang"],
            registry=r,
        )
        self.alerts = BoundedCounter(
            "wirewatch_alerts_emitted", "Alerts and updates emitted.", ["topic", "category", "kind"], registry=r
        )
        self.duplicates = BoundedCounter(
            "wirewatch_story_duplicates",
            "Articles of a story already alerted (an update instead of a new alert).",
            ["category"],
            registry=r,
        )
        self.replays = BoundedCounter(
            "wirewatch_alert_replays",
            "Redelivered articles whose earlier alert was re-emitted unchanged.",
            ["category"],
            registry=r,
        )
        self.deliveries = BoundedCounter(
            "wirewatch_deliveries",
            "Alert deliveries to bots by destination and outcome (ok, retried, throttled, dead_lettered).",
            ["destination", "outcome"],
            registry=r,
        )
        self.lag = BoundedGauge(
            "wirewatch_consumer_lag", "Messages behind the high watermark.", ["topic", "partition"], registry=r
        )
        self.http_ingest = BoundedCounter(
            "wirewatch_http_ingest",
            "Articles taken by POST /ingest (accepted), and requests refused (too_large, empty, unavailable).",
            ["outcome"],
            registry=r,
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

        for outcome in ("valid", "deadletter"):
            self.articles.labels(outcome)  # both series from the start, so rate() sees the first increase

    def exposition(self) -> bytes:
        """The registry in Prometheus text format."""
        return generate_latest(self.registry)
