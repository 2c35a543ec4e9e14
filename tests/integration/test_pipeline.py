"""The whole pipeline on the real broker, run by a real worker process."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import orjson
import pytest

from tests.support.kafka import produce
from tests.support.pipeline import Pipeline, sample_articles, seed_article
from tests.support.processes import WorkerProcess


@pytest.fixture
def pipeline(kafka_bootstrap: str, unique: str) -> Pipeline:
    return Pipeline(unique, kafka_bootstrap, {})


async def test_seed_article_raises_one_alert_on_each_topic(
    pipeline: Pipeline, worker_factory: Callable[..., WorkerProcess]
) -> None:
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, seed_article())])

    alerts = await pipeline.alerts(expect=3)
    by_topic = {a["_topic"]: a for a in alerts}
    assert len(alerts) == 3 and len(by_topic) == 3, worker.tail()
    for alert in alerts:
        assert alert["kind"] == "alert"
        assert alert["_key"] == alert["story_id"].encode()

    ceasefire = by_topic[pipeline.topic("ceasefire")]
    assert ceasefire["category"] == "ceasefire_condition"
    assert any("بوتين" in e["sentence"] and "في حال" in e["sentence"] for e in ceasefire["evidence"])
    assert any("في حال نظّمت كييف" in c for c in ceasefire["conditions"])

    talks = by_topic[pipeline.topic("negotiations")]
    sentences = " ".join(e["sentence"] for e in talks["evidence"])
    assert "ميامي" in sentences or "سلسلة جديدة من المشاورات" in sentences

    statements = by_topic[pipeline.topic("statements")]
    speakers = {e["leader_id"] for e in statements["evidence"]}
    assert "putin" in speakers
    leaders = {e["id"] for e in statements["entities"] if e["kind"] == "leader"}
    assert {"putin", "umerov", "witkoff"} <= leaders
    assert worker.alive()


async def test_mixed_samples_route_dedup_and_ignore_negatives(
    pipeline: Pipeline, worker_factory: Callable[..., WorkerProcess]
) -> None:
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    articles = sample_articles()
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, a) for a in articles])

    alerts = await pipeline.alerts(expect=14)
    counts = Counter((a["_topic"].split(".")[1], a["kind"]) for a in alerts)
    assert counts == {
        ("negotiations", "alert"): 4, ("negotiations", "update"): 2,
        ("ceasefire", "alert"): 2,
        ("statements", "alert"): 4, ("statements", "update"): 2,
    }, worker.tail()  # fmt: skip

    ids = {a["article"]["article_id"] for a in alerts}
    negatives = {orjson.loads(a)["id"] for a in articles if orjson.loads(a)["id"].startswith("demo-neg")}
    assert not ids & negatives, "hard negatives raised alerts"

    # The same wire story from three outlets: one alert and two updates, one key, one alert_id.
    wire = [a for a in alerts if a["_topic"].endswith(f"negotiations.{pipeline.unique}")
            and a["article"]["article_id"].startswith("demo-wire")]  # fmt: skip
    assert sorted(a["kind"] for a in wire) == ["alert", "update", "update"]
    assert len({a["alert_id"] for a in wire}) == 1 and len({a["_key"] for a in wire}) == 1
    updates = [a for a in wire if a["kind"] == "update"]
    reported = {r["source"] for u in updates for r in u["also_reported_by"]}
    first = next(a for a in wire if a["kind"] == "alert")["article"]["source"]
    assert len(reported) == 2 and first not in reported


async def test_bad_records_on_internal_topics_are_dead_lettered(
    pipeline: Pipeline, worker_factory: Callable[..., WorkerProcess]
) -> None:
    """Junk written straight to news.articles or news.matches never crashes the worker."""
    from tests.support.kafka import drain

    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    await produce(pipeline.bootstrap, pipeline.topic("articles"), [(b"k", b"{not json"), (b"k", b"[]")])
    await produce(pipeline.bootstrap, pipeline.topic("matches"), [(b"leader_statement", b'{"category": 3}')])
    letters = await drain(pipeline.bootstrap, [pipeline.topic("deadletter")], expect=3, timeout=60)
    stages = Counter(orjson.loads(r.value or b"")["stage"] for r in letters)
    assert stages == {"classify": 2, "story": 1}, worker.tail()
    # ...and the stream goes on.
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, seed_article())])
    assert len(await pipeline.alerts(expect=3)) == 3
    assert worker.alive()


async def test_exactly_once_pipeline(pipeline: Pipeline, worker_factory: Callable[..., WorkerProcess]) -> None:
    pipeline.extra_env["WIREWATCH_PROCESSING_GUARANTEE"] = "exactly_once"
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, seed_article())])
    alerts = await pipeline.alerts(expect=3, read_committed=True)
    assert sorted(a["category"] for a in alerts) == [
        "ceasefire_condition", "leader_statement", "negotiation_round",
    ], worker.tail()  # fmt: skip
    assert worker.stop() == 0
