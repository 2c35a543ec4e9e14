"""The worker's HTTP endpoints on its web port: ``/metrics``, ``/healthz``, ``/readyz``.

``/readyz`` is ready only when this worker has partitions assigned and a bootstrap broker
answers a TCP connect: not during start-up or rebalancing, and not while the cluster is gone.
A background timer also samples consumer lag per assigned partition for ``/metrics`` (see
`LagSampler`): only partitions assigned now have a lag series, and a partition this worker has
not read yet is measured from the group's committed offset, not from offset 0.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import faust

from streams.metrics import CONTENT_TYPE, Metrics, consumer_lag
from streams.settings import Settings

LAG_INTERVAL = 5.0
CONNECT_TIMEOUT = 1.0
OFFSETS_TIMEOUT = 2.0


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


def stream_partition(tp: Any) -> bool:
    """Partitions read by a stream; changelogs are read by table recovery, with no read offset."""
    topic = str(tp.topic)
    return not (topic.endswith("-changelog") or "__assignor" in topic)


class ReadOffsets(faust.Sensor):
    """The offset of the last record the consumer handed to a stream, per partition.

    Faust's own ``_read_offset`` is reset to the committed offset (the *next* one) on assignment
    and to None when that offset is 0, so it cannot tell "read record N" from "start at N"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.last: dict[Any, int] = {}

    def on_message_in(self, tp: Any, offset: int, message: Any) -> None:
        self.last[tp] = offset

    def forget(self, tps: set[Any]) -> None:
        for tp in tps:
            self.last.pop(tp, None)


class LagSampler:
    """Sets ``wirewatch_consumer_lag`` for the partitions assigned now and removes every other."""

    def __init__(self, app: faust.App, metrics: Metrics, reads: ReadOffsets) -> None:
        self.app = app
        self.metrics = metrics
        self.reads = reads
        self.reported: set[tuple[str, str]] = set()

    def forget(self, tps: set[Any]) -> None:
        """Drop the series (and read offsets) of partitions revoked from this worker."""
        self.reads.forget(tps)
        for tp in tps:
            self._remove((str(tp.topic), str(tp.partition)))

    def _remove(self, labels: tuple[str, str]) -> None:
        self.metrics.lag.remove(*labels)
        self.reported.discard(labels)

    async def sample(self) -> None:
        assigned = {tp for tp in assigned_partitions(self.app) if stream_partition(tp)}
        current = {(str(tp.topic), str(tp.partition)) for tp in assigned}
        for labels in self.reported - current:
            self._remove(labels)
        self.reads.forget({tp for tp in self.reads.last if tp not in assigned})
        if not assigned:
            return
        consumer = self.app.consumer
        committed: Any = getattr(consumer, "_committed_offset", {})  # kept by Faust from the seek and each commit
        highwaters = {tp: _highwater(consumer, tp) for tp in assigned}
        unknown = [tp for tp in assigned if self.reads.last.get(tp) is None and committed.get(tp) is None]
        low = await _low_watermarks(consumer, unknown)
        for tp in assigned:
            lag = consumer_lag(highwaters[tp], self.reads.last.get(tp), committed.get(tp), low.get(tp))
            labels = (str(tp.topic), str(tp.partition))
            if lag is None:
                if labels in self.reported:
                    self._remove(labels)  # no longer measurable: no stale value
                continue
            self.metrics.lag.labels(*labels).set(lag)
            self.reported.add(labels)


def _highwater(consumer: Any, tp: Any) -> int | None:
    try:
        value = consumer.highwater(tp)
    except (AssertionError, AttributeError, KeyError, RuntimeError):  # unassigned meanwhile, or not started
        return None
    return int(value) if value is not None else None


async def _low_watermarks(consumer: Any, tps: list[Any]) -> dict[Any, int]:
    """Earliest offsets, asked of the broker only for partitions with no read or committed offset."""
    if not tps:
        return {}
    try:
        offsets = await asyncio.wait_for(consumer.earliest_offsets(*tps), OFFSETS_TIMEOUT)
    except Exception:  # broker away or rebalancing: those partitions are skipped this round
        return {}
    return {tp: int(offset) for tp, offset in (offsets or {}).items() if offset is not None}


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

    reads = ReadOffsets()
    app.sensors.add(reads)
    lag = LagSampler(app, metrics, reads)

    async def count_rebalance(sender: Any, *args: Any, **kwargs: Any) -> None:
        metrics.rebalances.inc()

    async def on_revoked(sender: Any, revoked: Any, *args: Any, **kwargs: Any) -> None:
        lag.forget(set(revoked))

    app.on_rebalance_complete.connect(count_rebalance)  # type: ignore[arg-type]
    app.on_partitions_revoked.connect(on_revoked)  # type: ignore[arg-type]

    @app.timer(LAG_INTERVAL)
    async def sample_lag() -> None:
        await lag.sample()
