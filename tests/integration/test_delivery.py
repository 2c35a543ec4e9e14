"""Delivery to bots end to end: a real worker on the real broker posts the seed article's alerts to
local HTTP endpoints standing in for Slack and webhooks: one fine, one flaky, one throttling, one
broken and one that never answers; and a stand-in for Slack's chat.postMessage that sees updates
threaded under their alert."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import orjson
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from tests.support.kafka import drain, produce
from tests.support.pipeline import Pipeline, sample_articles, seed_article
from tests.support.processes import WorkerProcess

HANG_BUDGET = 4.0


@dataclass
class Endpoint:
    """One path's behaviour ("ok", "fail2", "throttle", "broken", "hang") and what it received."""

    behaviour: str
    hits: list[tuple[float, bytes, dict[str, str]]] = field(default_factory=list)

    @property
    def bodies(self) -> list[dict[str, object]]:
        return [orjson.loads(body) for _, body, _ in self.hits]


@dataclass
class Bots:
    base: str
    endpoints: dict[str, Endpoint]


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """Run ``app`` on a free loopback port; yields its base URL (``http://127.0.0.1:PORT``)."""
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def bots() -> AsyncIterator[Bots]:
    endpoints = {name: Endpoint(name.split("-")[0]) for name in
                 ("ok-slack", "ok-hook", "fail2-hook", "throttle-hook", "broken-hook", "hang-hook")}  # fmt: skip
    release = asyncio.Event()

    async def handle(request: web.Request) -> web.StreamResponse:
        endpoint = endpoints[request.match_info["name"]]
        endpoint.hits.append((time.monotonic(), await request.read(), dict(request.headers)))
        n = len(endpoint.hits)
        if endpoint.behaviour == "hang":
            await release.wait()  # never answers while the test runs
        if endpoint.behaviour == "broken" or (endpoint.behaviour == "fail2" and n <= 2):
            return web.Response(status=500, text="boom")
        if endpoint.behaviour == "throttle" and n == 1:
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/{name}", handle)
    try:
        async with serve(app) as base:
            yield Bots(base, endpoints)
    finally:
        release.set()


def deliveries_file(path: Path, base: str) -> Path:
    path.write_text(
        f"""
[[destination]]
name = "ok-slack"
kind = "slack"
url = "{base}/ok-slack"
category = ["ceasefire_condition"]

[[destination]]
name = "ok-hook"
kind = "webhook"
url = "{base}/ok-hook"

[[destination]]
name = "fail2-hook"
kind = "webhook"
url = "{base}/fail2-hook"
category = "negotiation_round"

[[destination]]
name = "throttle-hook"
kind = "webhook"
url = "{base}/throttle-hook"
category = "leader_statement"

[[destination]]
name = "broken-hook"
kind = "webhook"
url = "{base}/broken-hook"
category = "negotiation_round"
max_attempts = 3

[[destination]]
name = "hang-hook"
kind = "webhook"
url = "{base}/hang-hook"
timeout_seconds = 1
budget_seconds = {HANG_BUDGET}
max_attempts = 10
""",
        encoding="utf-8",
    )
    return path


def samples(exposition: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {
        tuple(sorted(s.labels.items())): s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
        if s.name == name
    }


async def test_alerts_reach_bots_with_retries_throttling_and_dead_letters(
    kafka_bootstrap: str, unique: str, tmp_path: Path, bots: Bots, worker_factory: Callable[..., WorkerProcess]
) -> None:
    file = deliveries_file(tmp_path / "deliveries.toml", bots.base)
    pipeline = Pipeline(unique, kafka_bootstrap, {"WIREWATCH_DELIVERIES_FILE": str(file)})
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, seed_article())])

    # 1 broken (negotiations) + 3 hanging (every alert) dead letters; the hang ends within its budget.
    letters = await drain(pipeline.bootstrap, [pipeline.topic("deadletter")], expect=4, timeout=45, idle=1.0)
    e = bots.endpoints
    assert len(letters) == 4, worker.tail()

    # Endpoints got what their filters say.
    slack = e["ok-slack"].bodies
    assert len(slack) == 1, slack
    assert "Putin" in orjson.dumps(slack[0]["blocks"]).decode() and slack[0]["text"].startswith("[CEASEFIRE TERMS]")
    hooks = e["ok-hook"].bodies
    assert sorted(str(a["category"]) for a in hooks) == ["ceasefire_condition", "leader_statement",
                                                         "negotiation_round"]  # fmt: skip
    for (_, _, headers), body in zip(e["ok-hook"].hits, hooks, strict=True):
        assert headers["X-Wirewatch-Alert-Id"] == body["alert_id"]
    assert [b["category"] for b in e["fail2-hook"].bodies] == ["negotiation_round"] * 3
    assert [b["category"] for b in e["throttle-hook"].bodies] == ["leader_statement"] * 2
    throttle_times = [t for t, _, _ in e["throttle-hook"].hits]
    assert throttle_times[1] - throttle_times[0] >= 0.95  # Retry-After: 1 honoured
    assert len(e["broken-hook"].hits) == 3

    # The hanging endpoint held no one up: each alert reached the OK endpoint as it reached the hang.
    first_hang = {}
    for t, body, _ in e["hang-hook"].hits:
        first_hang.setdefault(orjson.loads(body)["alert_id"], t)
    assert len(first_hang) == 3
    for t, body, _ in e["ok-hook"].hits:
        assert t - first_hang[orjson.loads(body)["alert_id"]] < HANG_BUDGET / 4

    # Dead letters: stage deliver, the alert bytes, the destination, attempts and last status.
    by_destination = Counter[str]()
    for record in letters:
        letter = orjson.loads(record.value or b"")
        assert (letter["stage"], letter["reason"]) == ("deliver", "delivery_failed")
        alert = orjson.loads(letter["payload"])
        assert alert["alert_id"] and alert["story_id"]
        destination = letter["message"].split("'")[1]
        by_destination[destination] += 1
        if destination == "broken-hook":
            assert "after 3 attempt(s)" in letter["message"] and "last status 500" in letter["message"]
        else:
            assert "last status none, last error timeout" in letter["message"]
            assert float(letter["message"].split(" in ")[1].split("s:")[0]) <= HANG_BUDGET + 0.2
    assert by_destination == {"broken-hook": 1, "hang-hook": 3}

    # Metrics by outcome.
    async with httpx.AsyncClient() as client:
        exposition = (await client.get(f"http://127.0.0.1:{worker.web_port}/metrics")).text
    counts = {
        (dict(k)["destination"], dict(k)["outcome"]): v
        for k, v in samples(exposition, "wirewatch_deliveries_total").items()
    }
    assert counts[("ok-slack", "ok")] == 1 and counts[("ok-hook", "ok")] == 3
    assert counts[("fail2-hook", "retried")] == 2 and counts[("fail2-hook", "ok")] == 1
    assert counts[("throttle-hook", "throttled")] == 1 and counts[("throttle-hook", "ok")] == 1
    assert counts[("throttle-hook", "retried")] == 0
    assert counts[("broken-hook", "retried")] == 2 and counts[("broken-hook", "dead_lettered")] == 1
    assert counts[("hang-hook", "dead_lettered")] == 3 and counts[("hang-hook", "ok")] == 0
    assert counts[("hang-hook", "retried")] >= 3
    finals = samples(exposition, "wirewatch_delivery_seconds_count")
    assert sum(finals.values()) == 1 + 3 + 1 + 1 + 1 + 3
    letters_metric = samples(exposition, "wirewatch_dead_letters_total")
    assert letters_metric[(("reason", "delivery_failed"), ("stage", "deliver"))] == 4
    assert worker.alive()


SLACK_TOKEN = "xoxb-wirewatch-test"


@dataclass
class SlackApi:
    """A stand-in for chat.postMessage: checks the bearer token, answers incrementing ts."""

    url: str
    posts: list[tuple[dict[str, object], str]] = field(default_factory=list)
    """Each accepted request body with the ts it was given."""
    refused: int = 0

    async def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.posts) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)  # nothing more should follow


@pytest.fixture
async def slack_api() -> AsyncIterator[SlackApi]:
    api = SlackApi("")

    async def post_message(request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SLACK_TOKEN}":
            api.refused += 1
            return web.json_response({"ok": False, "error": "invalid_auth"})
        body = orjson.loads(await request.read())
        ts = f"1700000000.{len(api.posts) + 1:06d}"
        api.posts.append((body, ts))
        return web.json_response({"ok": True, "channel": body["channel"], "ts": ts, "message": {}})

    app = web.Application()
    app.router.add_post("/api/chat.postMessage", post_message)
    async with serve(app) as base:
        api.url = f"{base}/api/chat.postMessage"
        yield api


async def test_slack_api_threads_updates_under_their_alert(
    kafka_bootstrap: str, unique: str, tmp_path: Path, slack_api: SlackApi,
    worker_factory: Callable[..., WorkerProcess],
) -> None:  # fmt: skip
    file = tmp_path / "deliveries.toml"
    file.write_text(f'[[destination]]\nname = "desk"\nkind = "slack_api"\nchannel = "C0TEST"\n'
                    f'token_env = "SLACK_BOT_TOKEN"\napi_url = "{slack_api.url}"\n', encoding="utf-8")  # fmt: skip
    env = {"WIREWATCH_DELIVERIES_FILE": str(file), "SLACK_BOT_TOKEN": SLACK_TOKEN}
    pipeline = Pipeline(unique, kafka_bootstrap, env)
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    wire = {orjson.loads(a)["id"]: a for a in sample_articles() if orjson.loads(a)["id"].startswith("demo-wire")}

    # One article (an alert per category), then near-copies from other outlets (an update each);
    # a restart before the last: the thread ids come back from the slack_threads changelog.
    for n, article_id in enumerate(sorted(wire), start=1):
        if n == 3:
            assert worker.stop() == 0, worker.tail()
            worker = pipeline.start(worker_factory, name="worker2")
        await produce(pipeline.bootstrap, pipeline.topic("raw"), [(None, wire[article_id])])
        await slack_api.wait_for(2 * n)
    assert len(slack_api.posts) == 6 and slack_api.refused == 0, worker.tail()

    threads: dict[str, list[tuple[dict[str, object], str]]] = {}
    for body, ts in slack_api.posts:
        assert body["channel"] == "C0TEST" and body["blocks"]
        alert_id = orjson.dumps(body["blocks"]).decode().split("alert_id `")[1].split("`")[0]
        threads.setdefault(alert_id, []).append((body, ts))
    assert sorted(len(posts) for posts in threads.values()) == [3, 3]
    for (first, first_ts), *replies in threads.values():
        assert "thread_ts" not in first and not str(first["text"]).startswith("Update: ")
        for body, _ in replies:
            assert body["thread_ts"] == first_ts and body["reply_broadcast"] is False
            assert str(body["text"]).startswith("Update: ")
    assert worker.alive()


async def test_bad_deliveries_file_stops_the_worker_at_start(
    kafka_bootstrap: str, unique: str, tmp_path: Path, worker_factory: Callable[..., WorkerProcess]
) -> None:
    file = tmp_path / "bad.toml"
    file.write_text('[[destination]]\nname = "x"\nkind = "slack"\nurl = "https://x.org"\n\n'
                    '[[destination]]\nname = "y"\nkind = "pager"\nurl = "https://x.org"\n')  # fmt: skip
    pipeline = Pipeline(unique, kafka_bootstrap, {"WIREWATCH_DELIVERIES_FILE": str(file)})
    with pytest.raises(AssertionError, match=rf"exited with 1 during start:[\s\S]*{file}:6: destination 'y': kind"):
        pipeline.start(worker_factory)
