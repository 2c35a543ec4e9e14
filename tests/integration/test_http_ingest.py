"""``POST /ingest`` on a real worker: batches land on the raw topic and flow to alerts;
bad bodies are refused or dead-lettered, never lost."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson

from tests.support.kafka import drain
from tests.support.pipeline import Pipeline, sample_articles, seed_article
from tests.support.processes import WorkerProcess


async def test_http_ingest_feeds_the_pipeline(
    kafka_bootstrap: str, unique: str, worker_factory: Callable[..., WorkerProcess]
) -> None:
    pipeline = Pipeline(unique, kafka_bootstrap, {"WIREWATCH_HTTP_INGEST_MAX_BYTES": "65536"})
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    url = f"http://127.0.0.1:{worker.web_port}/ingest"

    async with httpx.AsyncClient(timeout=30) as client:
        one = await client.post(url, content=seed_article())
        assert one.status_code == 202 and one.json()["accepted"] == 1, one.text
        batch = orjson.dumps([orjson.loads(a) for a in sample_articles()[-3:]])  # the three hard negatives
        assert (await client.post(url, content=batch)).json()["accepted"] == 3
        junk = await client.post(url, content=b'{"source": "no title, no text"}\nnot json at all\n')
        assert junk.status_code == 202 and junk.json()["accepted"] == 2
        assert (await client.post(url, content=b"")).status_code == 400
        assert (await client.post(url, content=b"x" * 70_000)).status_code == 413
        assert (await client.get(url)).status_code == 405

    raw = await drain(kafka_bootstrap, [pipeline.topic("raw")], expect=6, timeout=30)
    assert len(raw) == 6
    alerts = await pipeline.alerts(expect=3)
    assert sorted(a["category"] for a in alerts) == ["ceasefire_condition", "leader_statement", "negotiation_round"]
    letters = await drain(kafka_bootstrap, [pipeline.topic("deadletter")], expect=2, timeout=30)
    assert sorted(orjson.loads(r.value or b"")["reason"] for r in letters) == ["missing_content", "not_json"]
    assert worker.alive()
