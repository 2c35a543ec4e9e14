"""`DeadLetter`: the value of ``news.deadletter``: a rejected message, kept whole enough to replay.

Why keep the bytes: a rejected message is usually a producer bug; whoever fixes it needs the
exact input, and after the fix the message can be re-sent from here.
"""

from __future__ import annotations

import base64
from datetime import datetime
from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas._types import UtcDatetime

DEAD_LETTER_SCHEMA_VERSION: Final = "1.0"

#: Default cap on the payload copied into a dead letter, so that it stays under Kafka's
#: default 1 MB message limit even base64-encoded.
MAX_DEAD_LETTER_PAYLOAD_BYTES: Final = 512 * 1024


class RejectReason(StrEnum):
    """Why a message was rejected. Stable codes: alert on them, count them."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    INVALID_UTF8 = "invalid_utf8"
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    NOT_OBJECT = "not_object"
    WRONG_TYPE = "wrong_type"
    MISSING_CONTENT = "missing_content"
    INTERNAL_ERROR = "internal_error"
    DELIVERY_FAILED = "delivery_failed"
    """A bot or webhook did not accept the alert within its attempts and time budget."""


class Stage(StrEnum):
    """The pipeline stage that rejected the message."""

    INGEST = "ingest"
    CLASSIFY = "classify"
    STORY = "story"
    """Story clustering and routing (the stage that turns matches into alerts)."""
    DELIVER = "deliver"
    """Delivery of alerts to Slack and webhook bots."""


class PayloadEncoding(StrEnum):
    UTF8 = "utf-8"
    """`payload` is the original bytes decoded as UTF-8."""
    BASE64 = "base64"
    """The original bytes were not valid UTF-8; `payload` is their standard base64."""


def dead_letter_key(topic: str, partition: int | None, offset: int | None) -> str:
    """The Kafka key of a dead letter: where the original message was, e.g. ``news.raw/3/1042``."""
    return f"{topic}/{'' if partition is None else partition}/{'' if offset is None else offset}"


def _printable(text: str) -> str:
    """Lone surrogates (from JSON escapes) cannot be serialised; replace them."""
    return text.encode("utf-8", "replace").decode("utf-8")


class DeadLetter(BaseModel):
    """A message some stage could not use, with the reason and where it came from."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)

    schema_version: Literal["1.0"] = Field(default=DEAD_LETTER_SCHEMA_VERSION, description="Contract version.")
    reason: RejectReason
    message: str = Field(description="For humans: what was wrong, naming the field when there is one.")
    field: str | None = Field(default=None, description="The offending field as the producer named it, if any.")
    stage: Stage
    topic: str = Field(description="Topic the original message was read from.")
    partition: int | None = None
    offset: int | None = None
    payload: str = Field(description="The original value (possibly truncated), encoded as `encoding` says.")
    encoding: PayloadEncoding
    payload_size: int = Field(ge=0, description="Size in bytes of the whole original value.")
    truncated: bool = Field(default=False, description="True when `payload` holds only the first bytes.")
    rejected_at: UtcDatetime

    @property
    def kafka_key(self) -> str:
        return dead_letter_key(self.topic, self.partition, self.offset)

    def original_bytes(self) -> bytes:
        """The stored payload bytes (all of them unless `truncated`)."""
        if self.encoding is PayloadEncoding.BASE64:
            return base64.b64decode(self.payload)
        return self.payload.encode("utf-8")

    @classmethod
    def from_payload(
        cls,
        payload: bytes | None,
        *,
        reason: RejectReason,
        message: str,
        stage: Stage,
        topic: str,
        partition: int | None,
        offset: int | None,
        rejected_at: datetime,
        field: str | None = None,
        max_payload_bytes: int = MAX_DEAD_LETTER_PAYLOAD_BYTES,
    ) -> DeadLetter:
        """Build a dead letter from the original bytes, choosing the encoding and truncating safely."""
        data = payload or b""
        kept = data[: max(0, max_payload_bytes)]
        try:
            # A cut can split a character; only the whole payload decides the encoding.
            data.decode("utf-8")
            text, encoding = kept.decode("utf-8", "ignore"), PayloadEncoding.UTF8
        except UnicodeDecodeError:
            text, encoding = base64.b64encode(kept).decode("ascii"), PayloadEncoding.BASE64
        return cls(
            reason=reason,
            message=_printable(message),
            field=None if field is None else _printable(field),
            stage=stage,
            topic=topic,
            partition=partition,
            offset=offset,
            payload=text,
            encoding=encoding,
            payload_size=len(data),
            truncated=len(kept) < len(data),
            rejected_at=rejected_at,
        )
