"""``POST /ingest`` on the worker's web port: articles over HTTP, onto ``news.raw``.

The body is one JSON object, a JSON array of them, or JSON Lines (`agents.core.batch`). Every
message is written to the raw topic as sent — validation is the ingest stage's job — and the
response (202) comes only once Kafka has acknowledged all of them, so a client that gets 202
knows nothing is lost; on a broker failure it gets 503 and can retry.

Sends use a producer of their own, not the worker's: under ``exactly_once`` the worker's sends
belong to the transaction of the event being processed, and an HTTP request has none.
"""

from __future__ import annotations

import asyncio
from typing import Any

import faust
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from faust.web import Request, Response, View

from agents.core.batch import split_batch
from streams.metrics import Metrics
from streams.settings import Settings

SEND_TIMEOUT = 30.0


class RawProducer:
    """An idempotent producer to the raw topic, started on first use, stopped with the app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> AIOKafkaProducer:
        async with self._lock:
            if self._producer is None:
                producer = AIOKafkaProducer(
                    **self.settings.aiokafka_options(), acks="all", enable_idempotence=True, linger_ms=5
                )
                await producer.start()
                self._producer = producer
            return self._producer

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None


def register(app: faust.App, settings: Settings, metrics: Metrics) -> None:
    raw = RawProducer(settings)
    limit = settings.http_ingest_max_bytes

    @app.page("/ingest")
    class Ingest(View):
        async def get(self, request: Request) -> Response:
            usage = "POST one JSON article, a JSON array of them, or JSON Lines"
            return self.json({"error": usage, "topic": settings.topic_raw}, status=405)

        async def post(self, request: Request) -> Response:
            length = request.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                metrics.http_ingest.labels("too_large").inc()
                return self.json({"error": f"body over {limit} bytes; split the batch"}, status=413)
            body = await request.read()
            messages = split_batch(body)
            if not messages:
                metrics.http_ingest.labels("empty").inc()
                return self.json({"error": "empty body: nothing to ingest"}, status=400)
            try:
                producer = await raw.get()
                futures = [await producer.send(settings.topic_raw, value=m) for m in messages]
                await asyncio.wait_for(asyncio.gather(*futures), SEND_TIMEOUT)
            except (KafkaError, TimeoutError, OSError) as exc:
                metrics.http_ingest.labels("unavailable").inc()
                return self.json({"error": f"Kafka did not take the batch: {exc!r}; retry"}, status=503)
            metrics.http_ingest.labels("accepted").inc(len(messages))
            return self.json({"accepted": len(messages), "topic": settings.topic_raw}, status=202)

    async def stop_producer(*_: Any, **__: Any) -> None:
        await raw.stop()

    app.on_before_shutdown.connect(stop_producer)
