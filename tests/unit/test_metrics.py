"""The metrics without Kafka: lag arithmetic, the lag sampler, bounded labels, a known flow's
values, and promtool accepting the exposition."""

from __future__ import annotations

import subprocess
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from faust.types import TP
from prometheus_client.parser import text_string_to_metric_families

from agents.core.ingest import Accepted, Origin, ingest
from streams.metrics import MAX_LABEL_VALUES, OVERFLOW, Metrics, consumer_lag, lang_label
from streams.web import LagSampler, ReadOffsets, stream_partition
from tests.support.pipeline import sample_articles
from tests.support.prometheus import promtool


def samples(metrics: Metrics) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the text exposition, keyed by (name, labels)."""
    text = metrics.exposition().decode()
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(metrics: Metrics, name: str, **labels: str) -> float | None:
    return samples(metrics).get((name, frozenset(labels.items())))


# --- consumer_lag ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highwater", "last_read", "committed", "low", "expected"),
    [
        (100, 89, None, None, 10),  # read up to 89: 90..99 are behind
        (100, 99, 100, None, 0),  # caught up
        (100, None, 100, None, 0),  # nothing read since assignment, all committed: no lag (was 100)
        (100, None, 95, None, 5),  # nothing read yet, committed 95
        (100, 97, 90, None, 2),  # read past the last commit
        (100, 80, 95, None, 5),  # a stale read offset never beats the group's commit
        (100, None, None, 40, 60),  # nothing read nor committed: starts at the low watermark
        (100, None, -1, 40, 60),  # -1 is "nothing committed"
        (100, None, None, None, None),  # cannot tell: no series rather than the whole history
        (None, 10, 5, 0, None),  # no high watermark fetched yet
        (100, 10, None, 50, 50),  # retention deleted what was not read: not lag
        (5, 9, None, None, 0),  # never negative
    ],
)
def test_consumer_lag(
    highwater: int | None, last_read: int | None, committed: int | None, low: int | None, expected: int | None
) -> None:
    assert consumer_lag(highwater, last_read, committed, low) == expected


# --- the lag sampler with a fake consumer ---------------------------------------------------------


class FakeConsumer:
    def __init__(self) -> None:
        self.assigned: set[TP] = set()
        self.highwaters: dict[TP, int] = {}
        self._committed_offset: dict[TP, int | None] = {}
        self.earliest: dict[TP, int] = {}
        self.earliest_asked: list[TP] = []

    def assignment(self) -> set[TP]:
        return set(self.assigned)

    def highwater(self, tp: TP) -> int | None:
        return self.highwaters.get(tp)

    async def earliest_offsets(self, *tps: TP) -> dict[TP, int]:
        self.earliest_asked.extend(tps)
        return {tp: self.earliest[tp] for tp in tps if tp in self.earliest}


class FakeApp:
    def __init__(self) -> None:
        self.consumer = FakeConsumer()


def lag_series(metrics: Metrics) -> dict[tuple[str, str], float]:
    return {
        (dict(labels)["topic"], dict(labels)["partition"]): v
        for (name, labels), v in samples(metrics).items()
        if name == "wirewatch_consumer_lag"
    }


async def test_lag_sampler_uses_committed_offsets_and_drops_unassigned_partitions() -> None:
    metrics, app, reads = Metrics(), FakeApp(), ReadOffsets()
    c = app.consumer
    raw0, raw1, raw2 = TP("news.raw", 0), TP("news.raw", 1), TP("news.raw", 2)
    changelog = TP("ww-stories-changelog", 0)
    c.assigned = {raw0, raw1, raw2, changelog}
    c.highwaters = {raw0: 1000, raw1: 500, raw2: 300, changelog: 70}
    c._committed_offset = {raw0: 1000, raw1: 480}  # raw2: nothing committed
    c.earliest = {raw2: 100}
    sampler = LagSampler(app, metrics, reads)  # type: ignore[arg-type]  # a fake app

    await sampler.sample()
    assert lag_series(metrics) == {("news.raw", "0"): 0, ("news.raw", "1"): 20, ("news.raw", "2"): 200}
    assert c.earliest_asked == [raw2], "low watermarks are asked only where nothing is read or committed"

    reads.on_message_in(raw1, 489, None)
    reads.on_message_in(raw2, 299, None)
    await sampler.sample()
    assert lag_series(metrics) == {("news.raw", "0"): 0, ("news.raw", "1"): 10, ("news.raw", "2"): 0}

    # Rebalance: partition 1 goes to another worker. Its series disappears instead of freezing.
    c.assigned = {raw0, raw2}
    await sampler.sample()
    assert lag_series(metrics) == {("news.raw", "0"): 0, ("news.raw", "2"): 0}

    # A revocation drops series and read offsets at once, before the next sample.
    sampler.forget({raw0, raw2})
    assert lag_series(metrics) == {}
    assert reads.last == {}

    # Re-assigned with nothing read: measured from the commit again, not from offset 0.
    c.assigned = {raw2}
    c._committed_offset = {raw2: 290}
    await sampler.sample()
    assert lag_series(metrics) == {("news.raw", "2"): 10}


async def test_lag_sampler_removes_a_series_it_can_no_longer_measure() -> None:
    metrics, app = Metrics(), FakeApp()
    tp = TP("news.raw", 0)
    app.consumer.assigned, app.consumer.highwaters, app.consumer._committed_offset = {tp}, {tp: 10}, {tp: 4}
    sampler = LagSampler(app, metrics, ReadOffsets())  # type: ignore[arg-type]
    await sampler.sample()
    assert lag_series(metrics) == {("news.raw", "0"): 6}
    app.consumer.highwaters = {}  # e.g. the fetcher reset after a broker loss
    await sampler.sample()
    assert lag_series(metrics) == {}


async def test_lag_sampler_survives_a_consumer_that_is_not_started() -> None:
    class NoConsumer:
        @property
        def consumer(self) -> Any:
            raise RuntimeError("not started")

    metrics = Metrics()
    await LagSampler(NoConsumer(), metrics, ReadOffsets()).sample()  # type: ignore[arg-type]
    assert lag_series(metrics) == {}


def test_changelog_and_assignor_partitions_have_no_stream_lag() -> None:
    assert stream_partition(TP("news.raw.abc", 0))
    assert not stream_partition(TP("ww-stories-changelog", 0))
    assert not stream_partition(TP("ww-__assignor-__leader", 0))


# --- bounded labels -------------------------------------------------------------------------------


def test_label_values_are_bounded_per_label() -> None:
    metrics = Metrics()
    for i in range(MAX_LABEL_VALUES + 50):
        metrics.consumed.labels(f"topic-{i}").inc()
    topics = {
        dict(labels)["topic"]: v
        for (n, labels), v in samples(metrics).items()
        if n.startswith("wirewatch_messages_consumed")
    }
    assert len(topics) == MAX_LABEL_VALUES + 1
    assert topics[OVERFLOW] == 50, "what did not fit is still counted, as `other`"
    assert topics["topic-0"] == 1
    metrics.consumed.labels("topic-0").inc()  # a known value keeps its own series
    assert value(metrics, "wirewatch_messages_consumed_total", topic="topic-0") == 2
    # keyword labels are bounded too
    metrics.consumed.labels(topic="yet-another").inc()
    assert value(metrics, "wirewatch_messages_consumed_total", topic=OVERFLOW) == 51


def test_removed_series_free_their_label_values() -> None:
    metrics = Metrics()
    for p in range(MAX_LABEL_VALUES):
        metrics.lag.labels("t", str(p)).set(1)
    metrics.lag.labels("t", "late").set(7)
    assert value(metrics, "wirewatch_consumer_lag", topic="t", partition=OVERFLOW) == 7
    metrics.lag.clear()
    metrics.lag.labels("t", "late").set(3)
    assert value(metrics, "wirewatch_consumer_lag", topic="t", partition="late") == 3


def test_languages_are_bounded() -> None:
    assert lang_label("ar") == "ar"
    assert lang_label("xx-made-up") == OVERFLOW


def test_label_count_errors_still_raise() -> None:
    with pytest.raises(ValueError):
        Metrics().alerts.labels("only-one")


# --- a known flow ---------------------------------------------------------------------------------

INVALID = [b"", b"{not json", b"[1, 2]", b'{"id": "x", "title": 3}', b"\xff\xfe\x00binary"]


def test_known_flow_values() -> None:
    """Ingest outcomes recorded the way `agents.ingest` records them, read back from the exposition."""
    metrics = Metrics()
    assert value(metrics, "wirewatch_articles_total", outcome="valid") == 0  # present before the first
    assert value(metrics, "wirewatch_articles_total", outcome="deadletter") == 0

    payloads = sample_articles() + INVALID
    reasons: Counter[tuple[str, str]] = Counter()
    valid = 0
    for offset, payload in enumerate(payloads):
        result = ingest(payload, origin=Origin("news.raw", 0, offset), now=datetime.now(UTC))
        metrics.consumed.labels("news.raw").inc()
        if isinstance(result, Accepted):
            valid += 1
            metrics.articles.labels("valid").inc()
        else:
            letter = result.dead_letter
            reasons[(letter.stage.value, letter.reason.value)] += 1
            metrics.articles.labels("deadletter").inc()
            metrics.dead_letters.labels(letter.stage.value, letter.reason.value).inc()
    assert valid == len(sample_articles()) and sum(reasons.values()) == len(INVALID)

    for seconds in (0.0004, 0.0004, 0.002, 0.3):
        metrics.classify_seconds.observe(seconds)
    metrics.alerts.labels("alerts.ceasefire", "ceasefire_condition", "alert").inc()
    metrics.alerts.labels("alerts.ceasefire", "ceasefire_condition", "update").inc(2)
    metrics.rebalances.inc()

    assert value(metrics, "wirewatch_messages_consumed_total", topic="news.raw") == len(payloads)
    assert value(metrics, "wirewatch_articles_total", outcome="valid") == valid
    assert value(metrics, "wirewatch_articles_total", outcome="deadletter") == len(INVALID)
    for (stage, reason), n in reasons.items():
        assert value(metrics, "wirewatch_dead_letters_total", stage=stage, reason=reason) == n
    assert value(metrics, "wirewatch_classification_seconds_count") == 4
    assert value(metrics, "wirewatch_classification_seconds_bucket", le="0.0005") == 2
    assert value(metrics, "wirewatch_classification_seconds_bucket", le="0.0025") == 3
    assert value(metrics, "wirewatch_classification_seconds_bucket", le="+Inf") == 4
    assert value(metrics, "wirewatch_classification_seconds_sum") == pytest.approx(0.3028)
    kinds = {
        dict(labels)["kind"]: v for (n, labels), v in samples(metrics).items() if n == "wirewatch_alerts_emitted_total"
    }
    assert kinds == {"alert": 1, "update": 2}
    assert value(metrics, "wirewatch_rebalances_total") == 1
    assert not any(n.endswith("_created") for n, _ in samples(metrics)), "_created series are disabled"


def test_each_metrics_object_has_its_own_registry() -> None:
    a, b = Metrics(), Metrics()
    a.rebalances.inc()
    assert value(a, "wirewatch_rebalances_total") == 1
    assert value(b, "wirewatch_rebalances_total") == 0


# --- promtool -------------------------------------------------------------------------------------


def test_promtool_accepts_the_exposition() -> None:
    metrics = Metrics()
    metrics.build_info.info({"version": "0.1.0", "kafka_bootstrap": "127.0.0.1:9092", "settings_hash": "abc"})
    metrics.consumed.labels("news.raw").inc()
    metrics.dead_letters.labels("ingest", "not_json").inc()
    metrics.classified.labels("none", "en").inc()
    metrics.alerts.labels("alerts.ceasefire", "ceasefire_condition", "alert").inc()
    metrics.duplicates.labels("ceasefire_condition").inc()
    metrics.replays.labels("ceasefire_condition").inc()
    metrics.deliveries.labels("telegram", "ok").inc()
    metrics.lag.labels("news.raw", "0").set(3)
    metrics.rebalances.inc()
    metrics.route_errors.inc()
    for histogram in (metrics.classify_seconds, metrics.end_to_end_seconds, metrics.freshness_seconds,
                      metrics.delivery_seconds):  # fmt: skip
        histogram.observe(0.2)
    run = subprocess.run(
        [promtool(), "check", "metrics"], input=metrics.exposition(), capture_output=True, timeout=60, check=False
    )
    assert run.returncode == 0, (
        f"promtool check metrics rejected the exposition:\n{run.stdout.decode()}{run.stderr.decode()}"
    )
    assert not run.stdout.strip() and not run.stderr.strip(), run.stdout.decode() + run.stderr.decode()
