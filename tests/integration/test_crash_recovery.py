"""SIGKILL a worker in the middle of a 10,000-article stream and restart it: no alert is lost,
no alert_id has two contents, and the story table comes back from its changelog."""

from __future__ import annotations

import asyncio
import json
import random
import re
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from tests.support.kafka import produce
from tests.support.pipeline import Pipeline, sample_articles
from tests.support.processes import WorkerProcess
from tests.support.reference import reference_alerts

TOTAL = 10_000
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"
FILLER_WORDS = [
    "market",
    "shares",
    "index",
    "rose",
    "fell",
    "percent",
    "quarter",
    "profit",
    "bank",
    "rates",
    "inflation",
    "retail",
    "weather",
    "rain",
    "storm",
    "league",
    "season",
    "coach",
    "goal",
    "match",
    "museum",
    "festival",
    "concert",
    "harvest",
    "farmers",
    "traffic",
    "bridge",
    "school",
    "exam",
    "students",
    "hospital",
    "vaccine",
    "research",
    "software",
    "startup",
    "railway",
    "airport",
    "tourism",
]


def _filler(i: int, rng: random.Random) -> bytes:
    words = " ".join(rng.choice(FILLER_WORDS) for _ in range(60))
    return orjson.dumps(
        {
            "id": f"filler-{i}",
            "title": f"Daily digest {i}",
            "text": words.capitalize() + ".",
            "source": "digest.example",
            "url": f"https://digest.example/{i}",
        }
    )


def _stream() -> list[bytes]:
    if not DEV.exists():
        pytest.fail(f"the labelled passages this test feeds are missing: {DEV}", pytrace=False)
    relevant = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    positives = [
        orjson.dumps(
            {
                "id": f"story-{r['id']}",
                "title": r["text"].split("\n")[0][:120],
                "text": r["text"],
                "language": r["lang"],
                "source": f"outlet-{r['lang']}.example",
                "url": f"https://outlet.example/{r['id']}",
            }
        )
        for r in relevant
        if r["labels"]
    ] + sample_articles()
    rng = random.Random(7)
    stream = [_filler(i, rng) for i in range(TOTAL - len(positives))]
    for value in positives:
        stream.insert(rng.randrange(len(stream) + 1), value)
    return stream


def _metric_sum(port: int, name: str) -> float:
    """The sum of a metric's samples on the worker's /metrics (0 when unreachable)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return 0.0
    return sum(float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))


async def test_sigkill_mid_stream_loses_no_alert(
    kafka_bootstrap: str, unique: str, worker_factory: Callable[..., WorkerProcess]
) -> None:
    pipeline = Pipeline(unique, kafka_bootstrap, {})
    await pipeline.create_topics()
    stream = _stream()
    expected = reference_alerts(stream, pipeline.settings)
    expected_ids = {(a["_topic"].rsplit(".", 1)[0], a["alert_id"], a["kind"]) for a in expected}
    assert len({a["alert_id"] for a in expected if a["kind"] == "alert"}) > 100

    half = TOTAL // 2
    await produce(kafka_bootstrap, pipeline.topic("raw"), [(None, v) for v in stream[:half]])
    first = worker_factory("worker", env=pipeline.env, name="first").start()
    while _metric_sum(first.web_port, "wirewatch_alerts_emitted_total") < 40:  # well into the stream
        assert first.alive(), first.tail()
        await asyncio.sleep(0.2)
    first.kill()
    before_kill = await pipeline.alerts(timeout=20, idle=2)
    assert before_kill, "no alert was emitted before the kill: the test would prove nothing"

    await produce(kafka_bootstrap, pipeline.topic("raw"), [(None, v) for v in stream[half:]])
    second = worker_factory("worker", env=pipeline.env, name="second").start()
    alerts = await pipeline.alerts(expect=len(expected), timeout=300, idle=5)

    got_ids = {(a["_topic"].rsplit(".", 1)[0], a["alert_id"], a["kind"]) for a in alerts}
    assert expected_ids - got_ids == set(), f"alerts lost\n{second.tail()}"
    assert got_ids - expected_ids == set(), "alerts the reference run does not raise"
    contents: dict[tuple[str, str, str], set[bytes]] = defaultdict(set)
    for a in alerts:
        contents[(a["_topic"], a["alert_id"], a["article"]["article_id"])].add(a["_raw"])
    assert all(len(v) == 1 for v in contents.values()), "an alert_id was emitted with two contents"

    # The story table came back from its changelog: a new outlet's copy of a story alerted before
    # the kill is an update to that story, not a new alert.
    alerted = next(a for a in before_kill if a["kind"] == "alert" and a["article"]["article_id"].startswith("story-"))
    original = next(orjson.loads(v) for v in stream if orjson.loads(v)["id"] == alerted["article"]["article_id"])
    copy = {**original, "id": "copy-after-restart", "source": "late.example", "url": "https://late.example/copy",
            "text": original["text"] + " (Updated with minor edits.)"}  # fmt: skip
    await produce(kafka_bootstrap, pipeline.topic("raw"), [(None, orjson.dumps(copy))])
    later = await pipeline.alerts(expect=len(alerts) + 1, timeout=60, idle=3)
    updates = [
        a for a in later if a["article"]["article_id"] == "copy-after-restart" and a["category"] == alerted["category"]
    ]
    assert updates and updates[0]["kind"] == "update" and updates[0]["story_id"] == alerted["story_id"]
    assert second.alive()
