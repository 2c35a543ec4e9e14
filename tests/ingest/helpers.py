"""Shared helpers for ingest tests: one call that asserts accepted or rejected."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson

from agents.core.ingest import Accepted, IngestLimits, Origin, Rejected, ingest
from schemas import Article, DeadLetter, RejectReason

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
ORIGIN = Origin("news.raw", 2, 99)


def payload(obj: Any) -> bytes:
    return orjson.dumps(obj)


def accept(data: bytes | dict[str, Any], limits: IngestLimits | None = None) -> Article:
    raw = payload(data) if isinstance(data, dict) else data
    result = ingest(raw, origin=ORIGIN, now=NOW, **({"limits": limits} if limits else {}))
    assert isinstance(result, Accepted), result
    return result.article


def reject(data: bytes | dict[str, Any] | None, reason: RejectReason, limits: IngestLimits | None = None) -> DeadLetter:
    raw = payload(data) if isinstance(data, dict) else data
    result = ingest(raw, origin=ORIGIN, now=NOW, **({"limits": limits} if limits else {}))
    assert isinstance(result, Rejected), result
    assert result.dead_letter.reason is reason, result.dead_letter
    return result.dead_letter
