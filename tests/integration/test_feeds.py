"""`wirewatch feeds` against local RSS/Atom servers: new entries reach news.raw once, an
unchanged feed costs a 304, a failing feed is reported, and entries flow on to alerts."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import orjson
import pytest

from tests.support.kafka import drain
from tests.support.pipeline import Pipeline
from tests.support.processes import WorkerProcess

DATA = Path(__file__).resolve().parents[1] / "data"
FEEDS = {"/wire.rss": "application/rss+xml", "/wire.atom": "application/atom+xml"}


class FeedHandler(BaseHTTPRequestHandler):
    """Serves the test feeds with an ETag; `/broken` always answers 500."""

    requests: ClassVar[list[tuple[str, int]]] = []

    def do_GET(self) -> None:
        if self.path not in FEEDS:
            self._answer(500, b"upstream down")
            return
        body = (DATA / self.path.lstrip("/")).read_bytes()
        etag = f'"{len(body)}"'
        if self.headers.get("If-None-Match") == etag:
            self._answer(304, b"")
            return
        self._answer(200, body, {"Content-Type": FEEDS[self.path], "ETag": etag})

    def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        FeedHandler.requests.append((self.path, status))
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _feeds(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "streams", "feeds", "--once", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


async def test_feeds_publish_new_entries_once_and_flow_to_alerts(
    kafka_bootstrap: str, unique: str, feed_server: str, tmp_path: Path,
    worker_factory: Callable[..., WorkerProcess],
) -> None:  # fmt: skip
    import os

    pipeline = Pipeline(unique, kafka_bootstrap, {})
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)
    env = {**os.environ, **pipeline.env, "WIREWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap}
    state = str(tmp_path / "feeds.json")
    rss, atom = f"{feed_server}/wire.rss", f"{feed_server}/wire.atom"

    first = _feeds(env, rss, atom, "--state", state)
    assert first.returncode == 0, first.stderr
    assert f"{rss}: 2 new" in first.stdout and f"{atom}: 1 new" in first.stdout

    again = _feeds(env, rss, atom, f"{feed_server}/broken", "--state", state)
    assert again.returncode == 1, "a failing feed must fail the run"
    assert f"{rss}: unchanged" in again.stdout and f"{atom}: unchanged" in again.stdout
    assert "broken: FAILED (HTTP 500)" in again.stderr
    assert (("/wire.rss", 304)) in FeedHandler.requests

    raw = await drain(kafka_bootstrap, [pipeline.topic("raw")], expect=3, timeout=30)
    assert sorted(orjson.loads(r.value or b"")["id"] for r in raw) == [
        "feed-urn:atom-desk:1", "feed-wire-1", "feed-wire-2",
    ]  # fmt: skip
    alerts = await pipeline.alerts(expect=2)
    assert {(a["category"], a["article"]["article_id"]) for a in alerts} == {
        ("negotiation_round", "feed-wire-2"),
        ("ceasefire_condition", "feed-urn:atom-desk:1"),
    }, worker.tail()
