"""Deliver agent: alert topics -> Slack and webhook bots named in ``WIREWATCH_DELIVERIES_FILE``.

One agent per alert topic, so a slow destination on one topic does not hold the others. Each
alert goes to every destination that wants it at once (``asyncio.gather``), each bounded by its
own time budget: a hanging endpoint delays the next alert of its topic by at most its budget and
never delays the other destinations of this one. A destination that finally refuses or never
answers gets a dead letter (stage ``deliver``, reason ``delivery_failed``) holding the alert
bytes and naming the destination, so it can be re-sent from there.

At-least-once, like the rest: the offset is committed after every destination has an outcome, so
a crash mid-delivery re-sends the alert; webhook receivers deduplicate on ``X-Wirewatch-Alert-Id``
(and kind). HTTP is not transactional, so ``exactly_once`` does not extend to the bots.

``slack_api`` destinations thread updates under their alert's message: the ``slack_threads`` table
(key ``"{destination}|{alert_id}"``, value ``{"ts", "t"}``, created only when such a destination
exists) keeps each alert's Slack ``ts`` with a changelog, so threads survive restarts. It is
co-partitioned with the alert topics (keyed by story id; an alert and its updates share a topic),
so the worker that delivers an update holds its alert's entry. Entries older than 7 days are
dropped when read and swept every `SWEEP_EVERY` events of an agent (only entries of the event's
partition: a table writes deletions to the current event's changelog partition).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import faust
from pydantic import ValidationError

from agents.core.delivery import DeliveriesError, Subscription, load_subscriptions, select
from agents.core.slack import ThreadMemory
from agents.wiring import Wiring
from schemas.alert import Alert
from schemas.codec import from_json
from schemas.deadletter import RejectReason, Stage
from streams.delivery_http import DeliveryResult, Sender

ALERT_KEYS = ("negotiations", "ceasefire", "statements")
OUTCOMES = ("ok", "retried", "throttled", "dead_lettered")
SWEEP_EVERY = 500


def load(w: Wiring) -> list[Subscription]:
    """The destinations, or exit the worker at start with the file:line problem."""
    assert w.settings.deliveries_file is not None
    try:
        return load_subscriptions(w.settings.deliveries_file)
    except DeliveriesError as exc:
        raise SystemExit(f"wirewatch: invalid deliveries file: {exc}") from None


def register(w: Wiring) -> None:
    metrics = w.metrics
    subscriptions = load(w)
    sender = Sender()
    for subscription in subscriptions:
        for outcome in OUTCOMES:  # every series from the start, so rate() sees the first increase
            metrics.deliveries.labels(subscription.name, outcome)
    threads: ThreadMemory | None = None
    if any(s.kind == "slack_api" for s in subscriptions):
        table = w.app.Table(
            "slack_threads",
            partitions=w.spec(ALERT_KEYS[0]).partitions,
            schema=faust.Schema(key_type=str, key_serializer="json", value_serializer="json"),
        )
        threads = ThreadMemory(table)

    async def safe(subscription: Subscription, alert: Alert, thread_ts: str | None) -> DeliveryResult:
        try:
            return await sender.deliver(subscription, alert, thread_ts)
        except Exception as exc:  # Sender never raises; this keeps a bug from stopping the stream
            w.app.log.exception("delivery to %s crashed", subscription.name)
            return DeliveryResult(subscription.name, False, 0, 0, 0, None, f"internal: {exc!r}", 0.0)

    async def handle(event: Any) -> None:
        metrics.consumed.labels(event.message.topic).inc()
        try:
            alert = from_json(Alert, event.value)
        except ValidationError as exc:
            await w.dead_letter(event, Stage.DELIVER, RejectReason.WRONG_TYPE, f"not an Alert: {exc}")
            return
        except ValueError as exc:  # orjson.JSONDecodeError
            await w.dead_letter(event, Stage.DELIVER, RejectReason.NOT_JSON, f"not JSON: {exc}")
            return
        targets = select(subscriptions, alert)
        now = time.time()
        known = {
            s.name: threads.get(s.name, alert.alert_id, now)
            for s in targets
            if threads is not None and s.kind == "slack_api"
        }
        results = await asyncio.gather(*(safe(s, alert, known.get(s.name)) for s in targets))
        for result in results:
            name = result.destination
            if threads is not None and result.ok and result.ts and name in known and known[name] is None:
                threads.remember(name, alert.alert_id, result.ts, now, event.message.partition)  # a new thread
            if result.retried:
                metrics.deliveries.labels(name, "retried").inc(result.retried)
            if result.throttled:
                metrics.deliveries.labels(name, "throttled").inc(result.throttled)
            metrics.delivery_seconds.observe(result.seconds)
            if result.ok:
                metrics.deliveries.labels(name, "ok").inc()
                continue
            metrics.deliveries.labels(name, "dead_lettered").inc()
            w.app.log.warning("%s", result.describe())
            await w.dead_letter(event, Stage.DELIVER, RejectReason.DELIVERY_FAILED, result.describe())

    def agent_for(key: str) -> None:
        @w.app.agent(w.topic(key), name=f"deliver-{key}")
        async def deliver_agent(stream: Any) -> None:
            handled = 0
            async for event in stream.events():
                await handle(event)
                handled += 1
                if threads is not None and handled % SWEEP_EVERY == 0:
                    threads.sweep(time.time(), partition=event.message.partition)

    for key in ALERT_KEYS:
        agent_for(key)

    async def close_client(*_: Any, **__: Any) -> None:
        await sender.aclose()

    w.app.on_before_shutdown.connect(close_client)
