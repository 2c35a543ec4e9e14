"""Creating the catalogue's topics on the cluster: missing ones with their settings, others left alone."""

from __future__ import annotations

from collections.abc import Sequence

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from schemas.topics import TopicSpec
from streams.settings import Settings


async def ensure_topics(settings: Settings, specs: Sequence[TopicSpec]) -> list[str]:
    """Create every topic of ``specs`` that the cluster lacks; return the names created."""
    admin = AIOKafkaAdminClient(**settings.aiokafka_options())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        if missing:
            cluster = await admin.describe_cluster()
            default_replicas = min(3, len(cluster["brokers"]))
            await admin.create_topics([_new_topic(s, settings, default_replicas) for s in missing])
        return [s.name for s in missing]
    finally:
        await admin.close()


def _new_topic(spec: TopicSpec, settings: Settings, default_replicas: int) -> NewTopic:
    configs: dict[str, str] = {"cleanup.policy": spec.cleanup_policy}
    if spec.retention_ms is not None:
        configs["retention.ms"] = str(spec.retention_ms)
    replicas = spec.replication_factor or settings.topic_replication or default_replicas
    return NewTopic(spec.name, spec.partitions, replicas, topic_configs=configs)
