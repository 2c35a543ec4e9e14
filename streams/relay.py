"""A relay: every record of one topic copied, key and value as bytes, to another.

The smallest real pipeline (used by the foundation tests and for replays): it exercises the
app factory, consumer-group commits and, with ``processing_guarantee="exactly_once"``, Kafka
transactions.
"""

from __future__ import annotations

from typing import Any

import faust

from streams.app import create_app
from streams.settings import Settings


def create_relay_app(settings: Settings, source: str, sink: str) -> faust.App:
    app = create_app(settings, app_id=f"{settings.app_id}-relay-{source}-{sink}")
    source_topic = app.topic(source, key_type=bytes, value_type=bytes)
    sink_topic = app.topic(sink, key_type=bytes, value_type=bytes)

    @app.agent(source_topic)
    async def relay(stream: Any) -> None:
        async for event in stream.events():
            await sink_topic.send(key=event.key, value=event.value)

    return app
