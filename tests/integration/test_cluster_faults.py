"""A 3-node KRaft cluster on loopback (replication 3, min.insync.replicas 2): the pipeline keeps
alerting, and loses nothing, while one broker is killed and brought back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from streams.localkafka import LocalKafka
from tests.support.brokers import local_cluster
from tests.support.kafka import produce
from tests.support.pipeline import Pipeline, sample_articles, seed_article
from tests.support.processes import WorkerProcess


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LocalKafka]:
    with local_cluster(tmp_path / "kafka3", nodes=3) as started:
        yield started


async def test_pipeline_survives_a_broker_crash(
    cluster: LocalKafka, unique: str, worker_factory: Callable[..., WorkerProcess]
) -> None:
    env = {"WIREWATCH_KAFKA_BOOTSTRAP": cluster.bootstrap, "WIREWATCH_TOPIC_REPLICATION": "3"}
    pipeline = Pipeline(unique, cluster.bootstrap, env)
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    # Warm up while all three are up: the group's offsets topic (RF 3) exists before the crash.
    await produce(cluster.bootstrap, pipeline.topic("raw"), [(None, seed_article())])
    assert len(await pipeline.alerts(expect=3)) == 3, worker.tail()

    cluster.kill(2)
    samples = sample_articles()
    await produce(cluster.bootstrap, pipeline.topic("raw"), [(None, a) for a in samples])
    # 14 messages from the samples (their seed copy is now 3 updates to the warm-up story).
    during = await pipeline.alerts(expect=3 + 14, timeout=120)
    assert len(during) == 17, worker.tail()
    assert sum(a["kind"] == "update" for a in during) == 3 + 4

    cluster.start(2)
    late = orjson.loads(samples[-3])  # a hard negative turned into a new positive story
    late.update(id="after-restart", title="Zelensky says Ukraine is ready for a new round of talks",
                text="Ukrainian President Volodymyr Zelensky said on Monday that Kyiv was ready to send "
                     "a delegation to a new round of peace talks with Russia in Istanbul next week.")  # fmt: skip
    await produce(cluster.bootstrap, pipeline.topic("raw"), [(None, orjson.dumps(late))])
    after = await pipeline.alerts(expect=17 + 2, timeout=120)
    assert {a["category"] for a in after if a["article"]["article_id"] == "after-restart"} == {
        "negotiation_round", "leader_statement",
    }  # fmt: skip
    assert worker.alive()
