"""The worker's HTTP endpoints on its web port: ``/metrics``, ``/healthz``, ``/readyz``.

``/readyz`` is ready only when this worker has partitions assigned and a bootstrap broker
answers a TCP connect: not during start-up or rebalancing, and not while the cluster is gone.
A background timer also samples consumer lag per assigned partition for ``/metrics``.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import faust

from streams.metrics import CONTENT_TYPE, Metrics
from streams.settings import Settings

LAG_INTERVAL = 5.0
CONNECT_TIMEOUT = 1.0


async def broker_reachable(servers: list[str]) -> bool:
    """True when any bootstrap server accepts a TCP connection."""
    for server in servers:
        host, _, port = server.rpartition(":")
        with contextlib.suppress(OSError, TimeoutError):
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), CONNECT_TIMEOUT)
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
            return True
    return False


def assigned_partitions(app: faust.App) -> set[Any]:
    try:
        return set(app.consumer.assignment())
    except (AttributeError, RuntimeError):
        return set()


def register(app: faust.App, settings: Settings, metrics: Metrics) -> None:
    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        return web.bytes(metrics.exposition(), content_type=CONTENT_TYPE)

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "alive"})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        assigned = len(assigned_partitions(app))
        reachable = await broker_reachable(settings.bootstrap_servers)
        rebalancing = bool(getattr(app, "rebalancing", False))
        ready = assigned > 0 and reachable and not rebalancing
        body = {"ready": ready, "assigned_partitions": assigned, "broker_reachable": reachable}
        return web.json(body, status=200 if ready else 503)

    async def count_rebalance(sender: Any, *args: Any, **kwargs: Any) -> None:
        metrics.rebalances.inc()

    app.on_rebalance_complete.connect(count_rebalance)  # type: ignore[arg-type]

    @app.timer(LAG_INTERVAL)
    async def sample_lag() -> None:
        consumer = app.consumer
        for tp in assigned_partitions(app):
            if tp.topic.endswith("-changelog") or "__assignor" in tp.topic:
                continue  # read by table recovery, not by a stream: no read offset to compare
            highwater = consumer.highwater(tp)
            position = getattr(consumer, "_read_offset", {}).get(tp)  # last read; None before the first
            if highwater is None:
                continue
            lag = highwater - ((position + 1) if position is not None else 0)
            metrics.lag.labels(tp.topic, str(tp.partition)).set(max(0, lag))
