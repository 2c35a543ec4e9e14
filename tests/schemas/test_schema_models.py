"""Contract models: alias handling, round trips, deterministic ids, dead-letter encoding."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from schemas import (
    Alert,
    AlertKind,
    AlsoReported,
    Article,
    ArticleRef,
    Category,
    DeadLetter,
    EventCodes,
    Evidence,
    PayloadEncoding,
    RawArticle,
    RejectReason,
    Stage,
    canonical_url,
    from_json,
    make_alert_id,
    to_json,
)
from schemas.article import canonicalise_raw

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_raw_article_accepts_aliases_and_keeps_unknown_keys() -> None:
    raw = RawArticle.model_validate(
        {
            "headline": "H",
            "content": "body",
            "link": "https://x.test/a",
            "pubDate": "Sun, 01 Jun 2025 10:00:00 GMT",
            "lang": "en",
            "author": "A. Writer",
            "categories": [{"term": "politics"}, "war"],
            "source": {"id": None, "name": "BBC News"},
            "id": 42,
            "custom": {"x": 1},
        }
    )
    assert (raw.title, raw.body, raw.url, raw.language, raw.id) == ("H", "body", "https://x.test/a", "en", "42")
    assert raw.published_at == "Sun, 01 Jun 2025 10:00:00 GMT"
    assert raw.authors == ["A. Writer"]
    assert raw.tags == ["politics", "war"]
    assert raw.source == "BBC News"
    assert raw.extra == {"custom": {"x": 1}}


def test_alias_priority_first_non_empty_wins_and_losers_go_to_extra() -> None:
    data, keys = canonicalise_raw({"headline": "from headline", "title": "", "body": "b", "text": "t"})
    assert data["title"] == "from headline" and keys["title"] == "headline"
    assert data["body"] == "b"
    assert data["extra"] == {"title": "", "text": "t"}


def test_canonicalise_is_idempotent() -> None:
    first, _ = canonicalise_raw({"Headline": "x", "extra": {"a": 1}, "b": 2})
    again, _ = canonicalise_raw(first)
    assert again == first


def test_raw_article_text_fields_are_strict() -> None:
    with pytest.raises(ValidationError):
        RawArticle.model_validate({"title": ["a", "b"]})
    with pytest.raises(ValidationError):
        RawArticle.model_validate({"published_at": True})


def _article() -> Article:
    return Article(
        article_id="u-1",
        source="example.com",
        url="https://example.com/a",
        title="T",
        text="Text.",
        lang="en",
        lang_confidence=0.9,
        published_at=datetime(2025, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))),
        ingested_at=NOW,
        content_hash="0" * 64,
    )


def test_article_round_trips_and_normalises_to_utc() -> None:
    article = _article()
    assert article.published_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert article.published_at is not None and article.published_at.tzinfo == UTC
    data = to_json(article)
    assert b'"published_at":"2025-06-01T12:00:00Z"' in data
    assert from_json(Article, data) == article
    assert article.kafka_key == "u-1"


def test_article_rejects_naive_datetimes() -> None:
    with pytest.raises(ValidationError):
        Article.model_validate({**_article().model_dump(), "ingested_at": datetime(2025, 1, 1)})


def test_article_ignores_unknown_fields_for_forward_compatibility() -> None:
    data = {**_article().model_dump(mode="json"), "added_in_1_1": "x"}
    assert Article.model_validate(data) == _article()


def test_make_alert_id_is_deterministic_and_distinct() -> None:
    a = make_alert_id("story-1", Category.CEASEFIRE_CONDITION)
    assert a == make_alert_id("story-1", "ceasefire_condition")
    assert a != make_alert_id("story-1", Category.LEADER_STATEMENT)
    assert a != make_alert_id("story-2", Category.CEASEFIRE_CONDITION)
    assert a.startswith("a-") and len(a) == 34


def _alert(**overrides: object) -> Alert:
    fields: dict[str, object] = {
        "kind": AlertKind.UPDATE,
        "alert_id": make_alert_id("s1", Category.NEGOTIATION_ROUND),
        "category": Category.NEGOTIATION_ROUND,
        "score": 0.8,
        "story_id": "s1",
        "article": ArticleRef(article_id="u-1", title="T", source="bbc.co.uk", lang="en"),
        "evidence": [Evidence(sentence="Talks resume.", start=0, end=13, terms=["talks"])],
        "event_codes": EventCodes(cameo=["046"], plover=["CONSULT"]),
        "first_seen": NOW,
        "emitted_at": NOW,
        "also_reported_by": [AlsoReported(source="reuters.com", url=None, article_id="u-2")],
    }
    fields.update(overrides)
    return Alert.model_validate(fields)


def test_alert_round_trips() -> None:
    alert = _alert()
    assert from_json(Alert, to_json(alert)) == alert
    assert alert.kafka_key == "s1"


def test_alert_rejects_an_alert_id_that_is_not_derived() -> None:
    with pytest.raises(ValidationError, match="make_alert_id"):
        _alert(alert_id="random")


def _dead(payload: bytes | None, max_payload_bytes: int = 1024) -> DeadLetter:
    return DeadLetter.from_payload(
        payload,
        reason=RejectReason.NOT_JSON,
        message="m",
        stage=Stage.INGEST,
        topic="news.raw",
        partition=3,
        offset=1042,
        rejected_at=NOW,
        max_payload_bytes=max_payload_bytes,
    )


def test_dead_letter_keeps_utf8_as_text() -> None:
    dead = _dead("héllo".encode())
    assert (dead.encoding, dead.payload, dead.payload_size, dead.truncated) == (PayloadEncoding.UTF8, "héllo", 6, False)
    assert dead.kafka_key == "news.raw/3/1042"
    assert from_json(DeadLetter, to_json(dead)) == dead


def test_dead_letter_base64_for_invalid_utf8() -> None:
    raw = b"\xff\xfe\x00bad"
    dead = _dead(raw)
    assert dead.encoding is PayloadEncoding.BASE64
    assert base64.b64decode(dead.payload) == raw == dead.original_bytes()


def test_dead_letter_truncates_without_splitting_characters() -> None:
    dead = _dead("ééé".encode(), max_payload_bytes=3)  # cut falls inside the second é
    assert dead.truncated and dead.payload == "é" and dead.payload_size == 6


def test_dead_letter_of_none_payload() -> None:
    dead = _dead(None)
    assert (dead.payload, dead.payload_size, dead.encoding) == ("", 0, PayloadEncoding.UTF8)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/Path?a=1#frag", "https://www.example.com/Path?a=1"),
        ("https://example.com:443/a?utm_source=x&id=3&fbclid=y", "https://example.com/a?id=3"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("  https://example.com/a?UTM_Medium=m  ", "https://example.com/a"),
        ("ftp://example.com/a", None),
        ("/relative/path", None),
        ("http://[::1", None),
        ("https://example.com:99999/", None),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected
