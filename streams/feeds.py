"""Polling RSS/Atom feeds onto ``news.raw``: conditional GETs, only new entries, state on disk.

One pass fetches every feed concurrently (ETag / If-Modified-Since, so an unchanged feed costs a
304), publishes the entries not seen before, waits for Kafka's acks, and only then records them
as seen — a crash between publishing and saving republishes (at-least-once), never skips.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaProducer

from agents.core.feeds import FeedState, parse_feed

USER_AGENT = "wirewatch-feeds/0.1 (+https://github.com/wirewatch)"
TIMEOUT = httpx.Timeout(20.0, connect=5.0)


@dataclass(frozen=True)
class PollResult:
    url: str
    new: int
    status: int | None
    error: str | None = None


async def fetch(client: httpx.AsyncClient, url: str, state: FeedState) -> tuple[list[dict[str, Any]], PollResult]:
    memory = state.memory(url)
    headers = {"User-Agent": USER_AGENT}
    if memory.etag:
        headers["If-None-Match"] = memory.etag
    if memory.modified:
        headers["If-Modified-Since"] = memory.modified
    try:
        response = await client.get(url, headers=headers, follow_redirects=True)
    except httpx.HTTPError as exc:
        return [], PollResult(url, 0, None, f"{type(exc).__name__}: {exc}")
    if response.status_code == 304:
        return [], PollResult(url, 0, 304)
    if response.status_code != 200:
        return [], PollResult(url, 0, response.status_code, f"HTTP {response.status_code}")
    memory.etag = response.headers.get("ETag")
    memory.modified = response.headers.get("Last-Modified")
    articles = parse_feed(response.content, url)
    return articles, PollResult(url, 0, 200)


async def poll_once(
    client: httpx.AsyncClient, producer: AIOKafkaProducer, topic: str, urls: list[str], state: FeedState
) -> list[PollResult]:
    """Fetch every feed, publish what is new, then save the state."""
    fetched = await asyncio.gather(*(fetch(client, url, state) for url in urls))
    results = []
    for articles, result in fetched:
        new = state.memory(result.url).fresh(articles) if articles else []
        futures = [await producer.send(topic, value=orjson.dumps(a)) for a in new]
        await asyncio.gather(*futures)
        results.append(PollResult(result.url, len(new), result.status, result.error))
    state.save()
    return results
