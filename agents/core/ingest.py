"""Ingest: raw bytes from ``news.raw`` in, an `Article` or a `DeadLetter` out. Pure and total.

Why pure: the Faust agent only moves bytes; everything that decides (what is an article, what is
repaired, what is rejected and why) is here, testable without Kafka and replayable from a dead
letter. Why total: one poison message must never stop a partition, so `ingest` never raises;
bugs surface as ``internal_error`` dead letters instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import orjson
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from agents.core import textclean
from agents.core.dates import parse_published
from agents.core.html_text import html_to_text, looks_like_html, unwrap_cdata
from agents.core.language import detect_language
from schemas.article import FIELD_ALIASES, Article, RawArticle, Repair, canonicalise_raw
from schemas.deadletter import MAX_DEAD_LETTER_PAYLOAD_BYTES, DeadLetter, RejectReason, Stage
from schemas.ids import article_id_from_content, article_id_from_url, canonical_url, content_hash, url_host

MiB: Final = 1024 * 1024

#: Metadata fields whose wrong type is dropped with a warning; a wrong type anywhere else
#: (title, body, url, source, id) means the producer is broken and the message is rejected.
DROPPABLE_FIELDS: Final = frozenset({"schema_version", "published_at", "language", "authors", "tags"})

_BINARY_MAGIC: Final = (
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x04\x22\x4d\x18", "lz4"),
    (b"\xff\x06\x00\x00sNaPpY", "snappy"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF-", "PDF"),
    (b"Obj\x01", "Avro container"),
)
_BINARY_SHARE: Final = 0.3
_SAMPLE_BYTES: Final = 4096
_MAX_ID_CHARS: Final = 256
_MAX_LIST_ITEMS: Final = 50
_JSON_TYPES: Final = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the message was read from; copied into the dead letter so it can be found and replayed."""

    topic: str
    partition: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class IngestLimits:
    """Bounds that keep one message from costing unbounded memory or time."""

    max_payload_bytes: int = 8 * MiB
    """Whole Kafka value; checked before anything is decoded."""
    max_text_bytes: int = 1 * MiB
    """`Article.text` after cleaning, UTF-8 encoded."""
    max_json_depth: int = 32
    """Nesting of objects/arrays; orjson itself stops at 1024."""
    max_title_chars: int = 1000
    """Longer titles are cut (a repair), not rejected."""
    max_dead_letter_payload_bytes: int = MAX_DEAD_LETTER_PAYLOAD_BYTES
    """How much of a rejected payload is copied into its dead letter."""


DEFAULT_LIMITS: Final = IngestLimits()


@dataclass(frozen=True, slots=True)
class Accepted:
    article: Article


@dataclass(frozen=True, slots=True)
class Rejected:
    dead_letter: DeadLetter


IngestResult = Accepted | Rejected


class _Reject(Exception):
    """Internal control flow: stop and dead-letter with this reason."""

    def __init__(self, reason: RejectReason, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reason, self.message, self.field = reason, message, field


class _Notes:
    """Repairs and warnings collected while building one article (ordered, without duplicates)."""

    def __init__(self) -> None:
        self.repairs: list[str] = []
        self.warnings: list[str] = []

    def repair(self, repair: Repair, detail: str | None = None) -> None:
        if repair.value not in self.repairs:
            self.repairs.append(repair.value)
        if detail is not None:
            self.warn(f"{repair.value}: {detail}")

    def warn(self, warning: str) -> None:
        clean = textclean.strip_control_chars(warning)[0]
        if clean not in self.warnings:
            self.warnings.append(clean)


def ingest(
    payload: bytes | None,
    *,
    origin: Origin,
    now: datetime,
    limits: IngestLimits = DEFAULT_LIMITS,
) -> IngestResult:
    """Validate and normalise one ``news.raw`` value. Never raises an `Exception`."""
    try:
        now = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
        try:
            return Accepted(_ingest(payload, now, limits))
        except _Reject as reject:
            return Rejected(_dead_letter(payload, origin, now, limits, reject.reason, reject.message, reject.field))
    except Exception as exc:  # totality is the contract: the exception goes into the dead letter
        return Rejected(_internal_error(payload, origin, now, limits, exc))


def _dead_letter(
    payload: bytes | None,
    origin: Origin,
    now: datetime,
    limits: IngestLimits,
    reason: RejectReason,
    message: str,
    field: str | None = None,
) -> DeadLetter:
    return DeadLetter.from_payload(
        payload if isinstance(payload, bytes | bytearray | memoryview) and payload else None,
        reason=reason,
        message=message,
        field=field,
        stage=Stage.INGEST,
        topic=origin.topic,
        partition=origin.partition,
        offset=origin.offset,
        rejected_at=now,
        max_payload_bytes=limits.max_dead_letter_payload_bytes,
    )


def _internal_error(
    payload: bytes | None, origin: Origin, now: datetime, limits: IngestLimits, exc: Exception
) -> DeadLetter:
    message = f"{type(exc).__name__}: {exc}"[:2000]
    try:
        return _dead_letter(bytes(payload or b""), origin, now, limits, RejectReason.INTERNAL_ERROR, message)
    except Exception:  # even the arguments were unusable: keep only what is certainly valid
        return DeadLetter.from_payload(
            None,
            reason=RejectReason.INTERNAL_ERROR,
            message=message,
            stage=Stage.INGEST,
            topic=str(getattr(origin, "topic", "?")),
            partition=None,
            offset=None,
            rejected_at=datetime.now(UTC),
        )


# --- bytes -> JSON object -------------------------------------------------------------------------


def _ingest(payload: bytes | None, now: datetime, limits: IngestLimits) -> Article:
    data = bytes(payload) if payload is not None else b""
    if not data.strip():
        raise _Reject(RejectReason.EMPTY, "empty message" if payload is not None else "null message (tombstone)")
    if len(data) > limits.max_payload_bytes:
        raise _Reject(RejectReason.TOO_LARGE, f"message is {len(data)} bytes; the limit is {limits.max_payload_bytes}")
    notes = _Notes()
    text = _decode(data, notes)
    obj = _parse_json(text, notes, limits.max_json_depth)
    if not isinstance(obj, dict):
        raise _Reject(RejectReason.NOT_OBJECT, f"expected a JSON object, got {_json_type(obj)}")
    raw, keys = _validate(obj, notes)
    return _build(raw, keys, notes, now, limits)


def _decode(data: bytes, notes: _Notes) -> str:
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            raise _Reject(RejectReason.BINARY, f"payload starts like {name} data, not JSON text")
    if data[:1] == b"\x00" and data[5:6] in (b"{", b"["):
        raise _Reject(
            RejectReason.BINARY,
            "payload has a 5-byte Schema Registry header; send plain JSON (no registry serializer)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _Reject(
                RejectReason.INVALID_UTF8, f"UTF-16 byte order mark but invalid UTF-16: {exc.reason}"
            ) from None
        notes.repair(Repair.UTF16_DECODED)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _binary_share(data) > _BINARY_SHARE:
            raise _Reject(RejectReason.BINARY, "payload is mostly non-text bytes") from None
        raise _Reject(
            RejectReason.INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}: {exc.reason}; send UTF-8 JSON"
        ) from None
    if _binary_share(data) > _BINARY_SHARE:
        raise _Reject(RejectReason.BINARY, "payload is mostly control characters")
    if text.startswith("\ufeff"):
        notes.repair(Repair.BOM_STRIPPED)
        text = text[1:]
    return text


def _binary_share(data: bytes) -> float:
    """Share of the first bytes that are undecodable or control characters (tab and newlines excluded)."""
    sample = data[:_SAMPLE_BYTES].decode("utf-8", "replace")
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f") or "\x7f" <= ch <= "\x9f")
    return bad / max(1, len(sample))


def _parse_json(text: str, notes: _Notes, max_depth: int) -> Any:
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        message = str(exc)
        if "depth" in message or "recursion" in message.lower():
            raise _Reject(RejectReason.TOO_DEEP, f"JSON nests deeper than orjson allows: {message}") from None
        if "control character" not in message and "surrogate" not in message:
            raise _Reject(RejectReason.NOT_JSON, f"not valid JSON: {message}") from None
        # Raw newlines/tabs inside strings and lone \ud800 escapes are common producer slips with an
        # unambiguous meaning; the stdlib parser accepts them (strict=False), text cleaning does the rest.
        try:
            obj = json.loads(text, strict=False)
        except RecursionError:
            raise _Reject(RejectReason.TOO_DEEP, "JSON nests too deep") from None
        except ValueError:
            raise _Reject(RejectReason.NOT_JSON, f"not valid JSON: {message}") from None
        notes.repair(Repair.LENIENT_JSON, "JSON had raw control characters or lone surrogates in strings")
    if _deeper_than(obj, max_depth):
        raise _Reject(RejectReason.TOO_DEEP, f"JSON nests deeper than {max_depth} levels")
    return obj


def _deeper_than(obj: Any, limit: int) -> bool:
    """Iterative (never recursive) depth check; the top-level container is depth 1."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _json_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


# --- JSON object -> RawArticle --------------------------------------------------------------------


def _validate(obj: dict[str, Any], notes: _Notes) -> tuple[RawArticle, dict[str, str]]:
    data, keys = canonicalise_raw(obj)
    try:
        return RawArticle.model_validate(data), keys
    except ValidationError as exc:
        errors = [e for e in exc.errors() if e["loc"]]
        fatal = [e for e in errors if str(e["loc"][0]) not in DROPPABLE_FIELDS]
        if fatal or not errors:
            raise _wrong_type(fatal[0] if fatal else None, keys, str(exc)) from None
        for field in dict.fromkeys(str(e["loc"][0]) for e in errors):
            producer_key = keys.get(field, field)
            notes.repair(Repair.FIELD_DROPPED, f"{producer_key!r} had the wrong type ({_json_type(data[field])})")
            data["extra"][producer_key] = data.pop(field)
    return RawArticle.model_validate(data), keys


def _wrong_type(error: ErrorDetails | None, keys: dict[str, str], fallback: str) -> _Reject:
    if error is None:
        return _Reject(RejectReason.WRONG_TYPE, fallback[:500])
    loc = [str(part) for part in error["loc"]]
    field = keys.get(loc[0], loc[0]) if loc else None
    where = field + "".join(f"[{part}]" for part in loc[1:]) if field else "message"
    expected = str(error["msg"]).removeprefix("Input should be ").removesuffix(".")
    message = f"field {where!r} should be {expected}, got {_json_type(error.get('input'))}"
    if field and loc and loc[0] in FIELD_ALIASES and field != loc[0]:
        message += f" (read as {loc[0]!r})"
    return _Reject(RejectReason.WRONG_TYPE, message, field)


# --- RawArticle -> Article ------------------------------------------------------------------------


def _clean(value: str, notes: _Notes, *, multiline: bool) -> str:
    """The one cleaning pipeline for every text field: markup, entities, control chars, NFC, spaces."""
    # Control characters go first: the HTML parser would silently eat some of them.
    text, stripped = textclean.strip_control_chars(textclean.normalise_newlines(value))
    if stripped:
        notes.repair(Repair.CONTROL_CHARS_STRIPPED)
    text, unwrapped = unwrap_cdata(text)
    if unwrapped:
        notes.repair(Repair.CDATA_UNWRAPPED)
    if looks_like_html(text):
        extracted = html_to_text(text)
        text = extracted.text
        notes.repair(Repair.HTML_STRIPPED)
        if extracted.dropped_code:
            notes.repair(Repair.SCRIPT_REMOVED)
    else:
        text, decoded = textclean.decode_entities(text)
        if decoded:
            notes.repair(Repair.ENTITIES_DECODED)
    text = textclean.strip_control_chars(text)[0]  # entities such as &#0; can decode to controls
    text, normalised = textclean.nfc(text)
    if normalised:
        notes.repair(Repair.UNICODE_NORMALISED)
    return textclean.collapse_whitespace(text) if multiline else textclean.one_line(text)


def _plain(value: str) -> str:
    """Identifiers and names: control characters out, one line, no markup handling."""
    return textclean.one_line(textclean.strip_control_chars(textclean.normalise_newlines(value))[0])


def _source(raw: RawArticle, url: str | None, notes: _Notes) -> str:
    name = _plain(raw.source or "")
    if "://" in name:
        name = url_host(name) or name
    elif name and " " not in name and "." in name and canonical_url(f"https://{name}") is not None:
        name = (url_host(f"https://{name}") or name).lower()
    if name:
        return name
    host = url_host(url) if url else None
    if host:
        notes.repair(Repair.SOURCE_FROM_URL)
        return host
    notes.warn("source_missing: no source and no URL; source set to 'unknown'")
    return "unknown"


def _strings(values: list[str]) -> list[str]:
    cleaned = (_plain(v) for v in values)
    return list(dict.fromkeys(v for v in cleaned if v))[:_MAX_LIST_ITEMS]


def _build(raw: RawArticle, keys: dict[str, str], notes: _Notes, now: datetime, limits: IngestLimits) -> Article:
    title = _clean(raw.title or "", notes, multiline=False)
    body = raw.body if raw.body and raw.body.strip() else None
    if body is None and raw.summary and raw.summary.strip():
        body = raw.summary
        notes.warn(f"text_from_summary: no body; used {keys.get('summary', 'summary')!r}")
    text = _clean(body or "", notes, multiline=True)
    if not title and not text:
        looked = ", ".join(FIELD_ALIASES["title"] + FIELD_ALIASES["body"] + FIELD_ALIASES["summary"])
        raise _Reject(RejectReason.MISSING_CONTENT, f"no title and no text (looked for: {looked})")
    size = len(text.encode("utf-8"))
    if size > limits.max_text_bytes:
        raise _Reject(
            RejectReason.TOO_LARGE,
            f"text is {size} bytes after cleaning; the limit is {limits.max_text_bytes}",
            keys.get("body"),
        )
    if len(title) > limits.max_title_chars:
        title = title[: limits.max_title_chars].rstrip()
        notes.repair(Repair.TITLE_TRUNCATED, f"title cut to {limits.max_title_chars} characters")

    url = None
    if raw.url and raw.url.strip():
        url = canonical_url(_plain(raw.url))
        if url is None:
            notes.repair(Repair.URL_DROPPED, f"{raw.url[:200]!r} is not an absolute http(s) URL")
    source = _source(raw, url, notes)

    article_id = _plain(raw.id or "")
    if len(article_id) > _MAX_ID_CHARS:
        notes.repair(Repair.ID_REPLACED, f"producer id longer than {_MAX_ID_CHARS} characters")
        article_id = ""
    if not article_id:
        article_id = article_id_from_url(url) if url else article_id_from_content(source, title, text)

    date = parse_published(raw.published_at, now=now)
    if date.problem:
        notes.repair(Repair.DATE_DROPPED, date.problem)
    elif date.timezone_assumed:
        notes.repair(Repair.TIMEZONE_ASSUMED, "publication time had no time zone; UTC assumed")

    hint = _plain(raw.language) if raw.language else None
    detection = detect_language(f"{title}\n\n{text[:2000]}", hint=hint)
    if hint and detection.confidence < 1.0:
        notes.warn(f"language_hint_ignored: {hint[:40]!r} is not an ISO 639-1 code; detected instead")

    return Article(
        article_id=article_id,
        source=source,
        url=url,
        title=title,
        text=text,
        lang=detection.lang,
        lang_confidence=min(1.0, max(0.0, detection.confidence)),
        published_at=date.value,
        ingested_at=now,
        content_hash=content_hash(title, text),
        authors=_strings(raw.authors),
        tags=_strings(raw.tags),
        repairs=notes.repairs,
        warnings=notes.warnings,
    )
