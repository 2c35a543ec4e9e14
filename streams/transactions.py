"""Exactly-once for a pipeline that re-keys: each output joins the transaction of its input.

Faust's transaction manager names a send's transaction after the *destination* partition
(``{app}-{group}-{partition}``), which is right only when output partition p follows input
partition p of a co-partitioned topic. wirewatch re-keys (articles by id, matches by category,
alerts by story) and writes to topics nobody in the app consumes, so those sends would land in
transactions that are never committed, or fail. Here a send made while processing an event
joins the transaction of that event's source partition: the one Faust commits together with the
event's offset. Outputs and offsets then commit atomically; Kafka lets one transaction span any
partitions.
"""

from __future__ import annotations

from typing import Any

from faust.streams import current_event
from faust.transport.consumer import TransactionManager


class SourceBoundTransactionManager(TransactionManager):
    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
        *,
        transactional_id: str | None = None,
    ) -> Any:
        event = current_event()
        if event is None:  # not inside an agent (e.g. a timer): Faust's own rule
            return await super().send(
                topic, key, value, partition, timestamp, headers, transactional_id=transactional_id
            )
        source = event.message.tp
        group = self.app.assignor.group_for_topic(source.topic)
        return await self.producer.send(
            topic, key, value, partition, timestamp, headers,
            transactional_id=f"{self.app.conf.id}-{group}-{source.partition}",
        )  # fmt: skip


def install(app: Any) -> None:
    """Make ``app`` use source-bound transactions (only matters with ``exactly_once``)."""
    app.transport.TransactionManager = SourceBoundTransactionManager
