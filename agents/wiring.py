"""What every agent is given: the app, settings, metrics and the resolved topic catalogue.

Agents are registered on an app by `register(wiring)` functions, so the same agents serve the
worker, the tests and the demo, each with its own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import faust

from schemas.codec import to_json
from schemas.deadletter import DeadLetter, RejectReason, Stage
from schemas.topics import TopicSpec, by_key
from streams.metrics import Metrics
from streams.settings import Settings


@dataclass
class Wiring:
    app: faust.App
    settings: Settings
    metrics: Metrics
    specs: list[TopicSpec]
    _topics: dict[str, Any] = field(default_factory=dict)

    def spec(self, key: str) -> TopicSpec:
        return by_key(self.specs)[key]

    def topic(self, key: str) -> Any:
        """The Faust topic for a catalogue key, declared with the catalogue's settings."""
        if key not in self._topics:
            spec = self.spec(key)
            config: dict[str, Any] = {}
            if spec.retention_ms is not None:
                config["retention.ms"] = str(spec.retention_ms)
            if spec.cleanup_policy:
                config["cleanup.policy"] = spec.cleanup_policy
            self._topics[key] = self.app.topic(
                spec.name,
                key_type=bytes,
                value_type=bytes,
                partitions=spec.partitions,
                replicas=spec.replication_factor or self.settings.topic_replication or 1,
                config=config,
            )
        return self._topics[key]

    async def dead_letter(self, event: Any, stage: Stage, reason: RejectReason, why: str) -> None:
        """Send the event's original bytes to the dead-letter topic with the reason, and count it."""
        message = event.message
        letter = DeadLetter.from_payload(
            event.value, reason=reason, message=why[:2000], stage=stage, topic=message.topic,
            partition=message.partition, offset=message.offset, rejected_at=datetime.now(UTC),
        )  # fmt: skip
        await self.topic("deadletter").send(key=letter.kafka_key.encode(), value=to_json(letter))
        self.metrics.dead_letters.labels(stage.value, reason.value).inc()

    def topic_by_name(self, name: str) -> Any:
        """A topic that routing names literally (not in the catalogue), with default settings."""
        for spec in self.specs:
            if spec.name == name:
                return self.topic(spec.key)
        if name not in self._topics:
            self._topics[name] = self.app.topic(name, key_type=bytes, value_type=bytes)
        return self._topics[name]
