"""The only place wirewatch talks HTTP to bots: POST one alert to one destination, with retries.

Why httpx for Slack too, and not slack_sdk's ``AsyncWebhookClient``: an incoming webhook is a
POST of JSON, and the SDK would add a second retry layer (its default handlers retry connection
errors on their own, invisible to our attempt count, budget and metrics), an aiohttp session per
call unless we manage one, and a timeout that is not a bound on the whole request. One
``httpx.AsyncClient`` per worker serves both kinds with one connection pool, one retry policy
(`agents.core.delivery.RetryPolicy`) and one per-request timeout enforced with
``asyncio.timeout`` (httpx's own timeouts bound each read, not a server that trickles bytes).

A ``slack_api`` destination posts to Slack's ``chat.postMessage`` with the bot token as a bearer
token; its answer is read for ``ok``/``error``/``ts`` (`agents.core.slack.classify_api`) and the
``ts`` returned in the result, for the agent to thread later updates under it.

`Sender.deliver` never raises: it returns a `DeliveryResult` for the agent to count and, on
failure, dead-letter. Webhook URLs carry their secret, so results and logs hold only the name.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
import orjson

from agents.core.delivery import (
    RetryPolicy,
    Subscription,
    Verdict,
    classify_response,
    parse_retry_after,
    slack_payload,
    webhook_headers,
    webhook_payload,
)
from agents.core.slack import api_headers, api_payload, classify_api
from schemas.alert import Alert

USER_AGENT = "wirewatch-delivery/1"


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """How delivering one alert to one destination ended."""

    destination: str
    ok: bool
    attempts: int
    retried: int
    """Attempts after a server error or timeout (not counting throttling)."""
    throttled: int
    """429 answers (each followed by a retry unless the budget or attempts ran out)."""
    last_status: int | None
    last_error: str | None
    seconds: float
    ts: str | None = None
    """slack_api: the ``ts`` Slack gave the posted message."""

    def describe(self) -> str:
        """One line for a dead letter or a log: destination, attempts, last status or error."""
        status = "none" if self.last_status is None else str(self.last_status)
        error = f", last error {self.last_error}" if self.last_error else ""
        return (
            f"delivery to {self.destination!r} failed after {self.attempts} attempt(s) in {self.seconds:.1f}s: "
            f"last status {status}{error}"
        )


def request_body(
    subscription: Subscription, alert: Alert, thread_ts: str | None = None
) -> tuple[bytes, dict[str, str]]:
    if subscription.kind == "slack_api":
        assert subscription.channel is not None
        payload = api_payload(alert, subscription.channel, thread_ts, reply_broadcast=subscription.reply_broadcast)
        return orjson.dumps(payload), api_headers(subscription.token)
    if subscription.kind == "slack":
        return orjson.dumps(slack_payload(alert)), {"Content-Type": "application/json"}
    return webhook_payload(alert), webhook_headers(alert)


class Sender:
    """Delivers alerts over one shared `httpx.AsyncClient`; ``sleep``, ``clock`` and ``rng`` are for tests."""

    def __init__(
        self,
        client: httpx.AsyncClient | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self._client = client
        self.sleep = sleep
        self.clock = clock
        self.rng = rng

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:  # created lazily, inside the worker's event loop
            self._client = httpx.AsyncClient(follow_redirects=False, headers={"User-Agent": USER_AGENT})
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def deliver(self, subscription: Subscription, alert: Alert, thread_ts: str | None = None) -> DeliveryResult:
        """POST ``alert`` to ``subscription`` until it is accepted, refused, or out of attempts or time.

        ``thread_ts`` (slack_api only) posts the message as a reply in that thread."""
        body, headers = request_body(subscription, alert, thread_ts)
        api = subscription.kind == "slack_api"
        policy = RetryPolicy(subscription.max_attempts, subscription.budget_seconds, rng=self.rng)
        start = self.clock()
        attempts = retried = throttled = 0
        status: int | None = None
        error: str | None = None
        ts: str | None = None

        def result(ok: bool) -> DeliveryResult:
            seconds = self.clock() - start
            return DeliveryResult(subscription.name, ok, attempts, retried, throttled, status, error, seconds, ts)

        while True:
            remaining = subscription.budget_seconds - (self.clock() - start)
            if remaining <= 0:
                return result(False)
            attempts += 1
            retry_after: float | None = None
            try:
                async with asyncio.timeout(min(subscription.timeout_seconds, remaining)):
                    response = await self.client.post(subscription.target, content=body, headers=headers)
                    answer = classify_api(response.status_code, response.content) if api else None
                status, error = response.status_code, None
                verdict = classify_response(status)
                if answer is not None:
                    verdict, error, ts = answer.verdict, answer.error, answer.ts
                if status in (429, 503) or verdict is Verdict.THROTTLED:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
            except TimeoutError:
                status, error, verdict = None, "timeout", Verdict.RETRY
            except httpx.HTTPError as exc:
                status, error, verdict = None, type(exc).__name__, Verdict.RETRY
            except Exception as exc:  # never raise into the agent: a bug here must not stop the stream
                status, error, verdict = None, f"internal: {type(exc).__name__}", Verdict.FATAL
            if verdict is Verdict.OK:
                return result(True)
            if verdict is Verdict.FATAL:
                return result(False)
            if verdict is Verdict.THROTTLED:
                throttled += 1
            delay = policy.next_delay(attempts, retry_after, self.clock() - start)
            if delay is None:
                return result(False)
            if verdict is Verdict.RETRY:
                retried += 1
            await self.sleep(delay)
