"""Bytes in, bytes out: the one way wirewatch turns contract models into Kafka values.

Why a helper: every agent must serialise the same way (orjson, JSON mode, UTC ``Z`` times),
or the committed JSON Schemas stop describing what is really on the wire.
"""

from __future__ import annotations

from typing import TypeVar

import orjson
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def to_json(model: BaseModel) -> bytes:
    """Serialise a contract model to compact JSON bytes."""
    return orjson.dumps(model.model_dump(mode="json"))


def from_json(model_type: type[M], data: bytes | str) -> M:
    """Parse JSON into ``model_type``; raises ``pydantic.ValidationError`` or ``orjson.JSONDecodeError``."""
    return model_type.model_validate(orjson.loads(data))
