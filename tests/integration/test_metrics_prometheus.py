"""A real Prometheus scrapes a real worker while articles flow; its answers match what was sent."""

from __future__ import annotations

import math
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
import pytest

from agents.core.ingest import Accepted, IngestLimits, Origin, ingest
from streams.settings import Settings
from tests.support.kafka import produce
from tests.support.pipeline import Pipeline, sample_articles
from tests.support.processes import WorkerProcess
from tests.support.prometheus import PrometheusServer, promtool

INVALID = [b"", b"{not json", b"[1, 2]", b'{"id": "x", "title": 3}', b"\xff\xfe\x00binary", b'{"id": "only-id"}']


@pytest.fixture
def pipeline(kafka_bootstrap: str, unique: str) -> Pipeline:
    return Pipeline(unique, kafka_bootstrap, {})


@pytest.fixture
def prometheus_dir(tmp_path: Path) -> Path:
    return tmp_path / "prometheus"


@pytest.fixture
def started_prometheus(prometheus_dir: Path) -> Iterator[list[PrometheusServer]]:
    """Holds the server the test starts (it needs the worker's port first); stopped at teardown."""
    servers: list[PrometheusServer] = []
    yield servers
    for server in servers:
        server.stop()


def renamed(payload: bytes, suffix: str) -> bytes:
    record = orjson.loads(payload)
    record["id"] = f"{record['id']}-{suffix}"
    return orjson.dumps(record)


def expected_ingest(payloads: list[bytes]) -> tuple[int, Counter[tuple[str, str]]]:
    """What the worker's ingest must make of ``payloads``: (valid count, dead letters by stage and reason)."""
    s = Settings()
    limits = IngestLimits(max_text_bytes=s.max_text_bytes, max_json_depth=s.max_json_depth)
    valid, letters = 0, Counter[tuple[str, str]]()
    for offset, payload in enumerate(payloads):
        result = ingest(payload, origin=Origin("raw", 0, offset), now=datetime.now(UTC), limits=limits)
        if isinstance(result, Accepted):
            valid += 1
        else:
            letters[(result.dead_letter.stage.value, result.dead_letter.reason.value)] += 1
    return valid, letters


def total(values: dict[tuple[tuple[str, str], ...], float]) -> float:
    return sum(values.values())


async def test_prometheus_scrapes_the_worker_and_counts_match(
    pipeline: Pipeline,
    worker_factory: Callable[..., WorkerProcess],
    prometheus_dir: Path,
    started_prometheus: list[PrometheusServer],
) -> None:
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    job = f"wirewatch-{pipeline.unique}"
    prom = PrometheusServer(prometheus_dir, job, [f"127.0.0.1:{worker.web_port}"])
    started_prometheus.append(prom)
    prom.start()  # fails the test with its log tail if it cannot start
    sel = f'job="{job}"'

    prom.wait_for(f"up{{{sel}}} == 1", timeout=60)

    # Two rounds of the samples (the second under new ids: updates, not replays) and junk.
    articles = sample_articles()
    payloads = articles + INVALID + [renamed(a, "r2") for a in articles]
    valid, letters = expected_ingest(payloads)
    assert valid == 2 * len(articles) and sum(letters.values()) == len(INVALID)
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, p) for p in payloads])

    prom.wait_for(f'wirewatch_articles_total{{{sel}, outcome="valid"}}', lambda v: total(v) == valid, timeout=90)
    assert total(prom.values(f'wirewatch_articles_total{{{sel}, outcome="deadletter"}}')) == len(INVALID)
    by_reason = prom.wait_for(
        f"sum by (stage, reason) (wirewatch_dead_letters_total{{{sel}}})",
        lambda v: total(v) == len(INVALID),
    )
    assert {(dict(k)["stage"], dict(k)["reason"]): v for k, v in by_reason.items()} == letters

    # Every article classified, then every match handled by the story agent.
    articles_topic, matches_topic = pipeline.topic("articles"), pipeline.topic("matches")
    prom.wait_for(
        f'wirewatch_messages_consumed_total{{{sel}, topic="{articles_topic}"}}', lambda v: total(v) == valid, timeout=90
    )
    matches = total(prom.values(f'sum(wirewatch_classified_total{{{sel}, category!="none"}})'))
    assert matches > 0
    prom.wait_for(
        f'wirewatch_messages_consumed_total{{{sel}, topic="{matches_topic}"}}',
        lambda v: total(v) == matches,
        timeout=90,
    )

    emitted = total(prom.wait_for(f"sum(wirewatch_alerts_emitted_total{{{sel}}})", lambda v: total(v) >= 18))
    alerts = await pipeline.alerts(expect=int(emitted), timeout=60)
    on_topics = Counter((a["_topic"], a["kind"]) for a in alerts)
    metric = prom.wait_for(
        f"sum by (topic, kind) (wirewatch_alerts_emitted_total{{{sel}}})", lambda v: total(v) == len(alerts)
    )
    assert {(dict(k)["topic"], dict(k)["kind"]): int(v) for k, v in metric.items() if v} == on_topics, worker.tail()
    assert total(prom.values(f"sum(wirewatch_alert_replays_total{{{sel}}})")) == 0

    count = total(prom.values(f"wirewatch_classification_seconds_count{{{sel}}}"))
    assert count >= valid, "every valid article is classified and timed"
    median = prom.values(f"histogram_quantile(0.5, sum by (le) (wirewatch_classification_seconds_bucket{{{sel}}}))")
    assert len(median) == 1
    (seconds,) = median.values()
    assert math.isfinite(seconds) and 0 < seconds <= 1.0, median

    # Lag is reported for the stream partitions only, all caught up by now.
    lag = prom.wait_for(f"wirewatch_consumer_lag{{{sel}}}", lambda v: bool(v) and total(v) == 0, timeout=30)
    assert all(not dict(k)["topic"].endswith("-changelog") for k in lag)

    # promtool accepts the worker's live exposition.
    live = httpx.get(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=10.0)
    assert live.status_code == 200 and live.headers["content-type"].startswith("text/plain")
    run = subprocess.run(
        [promtool(), "check", "metrics"], input=live.content, capture_output=True, timeout=60, check=False
    )
    report = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 0 and not report.strip(), f"promtool check metrics rejected /metrics:\n{report}"
    assert worker.alive(), worker.tail()
