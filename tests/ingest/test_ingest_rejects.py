"""Every reject reason code, with the dead letter carrying what an operator needs."""

from __future__ import annotations

import gzip
from typing import Any

import orjson
import pytest

from agents.core import ingest as ingest_module
from agents.core.ingest import Accepted, IngestLimits, Origin, Rejected, ingest
from schemas import PayloadEncoding, RejectReason, Stage
from tests.ingest.helpers import NOW, ORIGIN, reject


@pytest.mark.parametrize("data", [None, b"", b"   \n\t "])
def test_empty(data: bytes | None) -> None:
    dead = reject(data, RejectReason.EMPTY)
    assert dead.payload_size == len(data or b"")


def test_too_large_payload() -> None:
    dead = reject(orjson.dumps({"title": "x" * 200}), RejectReason.TOO_LARGE, IngestLimits(max_payload_bytes=100))
    assert "limit is 100" in dead.message


def test_too_large_text() -> None:
    dead = reject({"title": "t", "content": "word " * 1000}, RejectReason.TOO_LARGE, IngestLimits(max_text_bytes=1000))
    assert dead.field == "content"


@pytest.mark.parametrize(
    "data",
    [gzip.compress(b'{"title": "x"}'), b"\x89PNG\r\n\x1a\n" + bytes(100), bytes(range(256)) * 4, b"\x00" * 64],
)
def test_binary(data: bytes) -> None:
    dead = reject(data, RejectReason.BINARY)
    assert dead.encoding is PayloadEncoding.BASE64 or "\x00" in dead.payload


def test_schema_registry_framing_is_named() -> None:
    dead = reject(b"\x00\x00\x00\x00\x07" + orjson.dumps({"title": "x"}), RejectReason.BINARY)
    assert "Schema Registry" in dead.message


def test_invalid_utf8() -> None:
    dead = reject('{"title": "caf\xe9"}'.encode("latin-1"), RejectReason.INVALID_UTF8)
    assert "byte 14" in dead.message
    assert dead.encoding is PayloadEncoding.BASE64
    assert dead.original_bytes() == '{"title": "caf\xe9"}'.encode("latin-1")


@pytest.mark.parametrize("data", [b"hello world", b'{"title": "x",}', b"{'title': 'x'}", b'{"a": NaN}', b"<rss/>"])
def test_not_json(data: bytes) -> None:
    dead = reject(data, RejectReason.NOT_JSON)
    assert dead.payload == data.decode()
    assert dead.encoding is PayloadEncoding.UTF8


@pytest.mark.parametrize(
    ("data", "kind"), [(b"[1, 2]", "array"), (b'"text"', "string"), (b"null", "null"), (b"3", "number")]
)
def test_not_object(data: bytes, kind: str) -> None:
    assert kind in reject(data, RejectReason.NOT_OBJECT).message


def _nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def test_too_deep_configured_limit() -> None:
    assert isinstance(ingest(_nested(5) + b"", origin=ORIGIN, now=NOW), Rejected)  # not an article either way
    dead = reject(b'{"title": "x", "extra": ' + _nested(40) + b"}", RejectReason.TOO_DEEP)
    assert "32" in dead.message
    accepted = ingest(b'{"title": "x", "meta": ' + _nested(10) + b"}", origin=ORIGIN, now=NOW)
    assert isinstance(accepted, Accepted)


def test_too_deep_beyond_orjson_limit() -> None:
    reject(b"[" * 5000 + b"]" * 5000, RejectReason.TOO_DEEP)
    reject(b'{"title": "x\n", "a": ' + b"[" * 5000 + b"]" * 5000 + b"}", RejectReason.TOO_DEEP)  # lenient path


def test_missing_content() -> None:
    dead = reject({"url": "https://e.com/x", "title": "  ", "body": "<p> </p>"}, RejectReason.MISSING_CONTENT)
    assert "headline" in dead.message


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ["a", "b"]}, "title"),
        ({"headline": {"text": "a"}}, "headline"),
        ({"title": "a", "body": 5}, "body"),
        ({"title": "a", "link": ["https://e.com"]}, "link"),
        ({"title": "a", "id": {"x": 1}}, "id"),
        ({"title": "a", "source": 7}, "source"),
    ],
)
def test_wrong_type_names_the_field(data: dict[str, Any], field: str) -> None:
    dead = reject(data, RejectReason.WRONG_TYPE)
    assert dead.field == field
    assert repr(field) in dead.message


def test_internal_error_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("detector exploded")

    monkeypatch.setattr(ingest_module, "detect_language", boom)
    dead = reject({"title": "x"}, RejectReason.INTERNAL_ERROR)
    assert dead.message == "RuntimeError: detector exploded"
    assert dead.payload == '{"title":"x"}'


def test_internal_error_even_with_unusable_arguments() -> None:
    for result in (
        ingest(b"nope", origin=None, now=NOW),  # type: ignore[arg-type]
        ingest(b'{"title": "x"}', origin=ORIGIN, now="yesterday"),  # type: ignore[arg-type]
    ):
        assert isinstance(result, Rejected) and result.dead_letter.reason is RejectReason.INTERNAL_ERROR


def test_dead_letter_carries_origin_and_stage() -> None:
    result = ingest(b"nope", origin=Origin("news.raw", 7, 12345), now=NOW)
    assert isinstance(result, Rejected)
    dead = result.dead_letter
    assert (dead.topic, dead.partition, dead.offset, dead.stage) == ("news.raw", 7, 12345, Stage.INGEST)
    assert dead.kafka_key == "news.raw/7/12345"
    assert dead.rejected_at == NOW


def test_large_rejected_payload_is_truncated_in_the_dead_letter() -> None:
    data = b"x" * 5000
    dead = reject(data, RejectReason.NOT_JSON, IngestLimits(max_dead_letter_payload_bytes=100))
    assert dead.truncated and len(dead.payload) == 100 and dead.payload_size == 5000
