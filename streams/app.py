"""The Faust application factory: settings in, a configured ``faust.App`` out.

Agents register themselves on the app they are given (see ``agents/``); nothing here knows
what flows through the topics.
"""

from __future__ import annotations

from typing import Any

import faust

from streams import transactions
from streams.settings import Settings


def broker_credentials(settings: Settings) -> Any:
    """Faust's credentials object for the configured security protocol, or None for PLAINTEXT."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    ssl_context = settings.aiokafka_options().get("ssl_context")
    if protocol == "SSL":
        return faust.SSLCredentials(ssl_context)
    password = settings.kafka_sasl_password.get_secret_value() if settings.kafka_sasl_password else None
    return faust.SASLCredentials(
        username=settings.kafka_sasl_username,
        password=password,
        mechanism=settings.kafka_sasl_mechanism or "PLAIN",
        ssl_context=ssl_context if protocol == "SASL_SSL" else None,
    )


def create_app(settings: Settings, app_id: str | None = None, **overrides: Any) -> faust.App:
    """A Faust app wired to the configured cluster, with wirewatch's defaults."""
    datadir = settings.data_dir / "faust"
    datadir.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {
        "broker": [f"kafka://{server}" for server in settings.bootstrap_servers],
        "broker_credentials": broker_credentials(settings),
        "processing_guarantee": settings.processing_guarantee,
        "datadir": str(datadir),
        "store": "memory://",
        "web_enabled": True,
        "web_host": settings.web_host,
        "web_bind": settings.web_host,
        "web_port": settings.web_port,
        "web_application_options": {"client_max_size": settings.http_ingest_max_bytes},
        "topic_partitions": settings.topic_partitions or 3,
        "topic_replication_factor": settings.topic_replication or 1,
        "topic_allow_declare": True,
        "key_serializer": "raw",
        "value_serializer": "raw",
        "producer_acks": -1,
        "consumer_auto_offset_reset": "earliest",
        "consumer_metadata_max_age_ms": settings.kafka_metadata_max_age_ms,
        "producer_metadata_max_age_ms": settings.kafka_metadata_max_age_ms,
        "broker_commit_every": 100,
        "broker_commit_interval": 1.0,
        "stream_wait_empty": False,
        "autodiscover": False,
    }
    options.update(overrides)
    app = faust.App(app_id or settings.app_id, **options)
    if settings.processing_guarantee == "exactly_once":
        transactions.install(app)
    return app
