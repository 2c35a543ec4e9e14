"""Real-world producer shapes that must be accepted, and what ingest makes of them."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from agents.core.ingest import IngestLimits
from schemas import Article, from_json, to_json
from tests.ingest.helpers import NOW, accept


def test_minimal_article() -> None:
    article = accept({"title": "Talks resume in Geneva", "body": "Delegations met on Monday."})
    assert article.title == "Talks resume in Geneva"
    assert article.text == "Delegations met on Monday."
    assert article.lang == "en"
    assert article.ingested_at == NOW
    assert article.published_at is None
    assert article.article_id.startswith("c-")
    assert len(article.content_hash) == 64
    assert from_json(Article, to_json(article)) == article


def test_newsapi_shape() -> None:
    article = accept(
        {
            "source": {"id": "reuters", "name": "Reuters"},
            "author": "Jane Doe",
            "title": "Ceasefire holds",
            "description": "Short summary.",
            "url": "https://www.reuters.com/world/ceasefire-holds?utm_source=newsapi",
            "publishedAt": "2025-06-01T09:30:00Z",
            "content": "Full text of the article [+1234 chars]",
        }
    )
    assert article.source == "Reuters"
    assert article.url == "https://www.reuters.com/world/ceasefire-holds"
    assert article.text == "Full text of the article [+1234 chars]"
    assert article.published_at == datetime(2025, 6, 1, 9, 30, tzinfo=UTC)
    assert article.authors == ["Jane Doe"]
    assert article.article_id.startswith("u-")


def test_rss_shape_with_html_cdata_and_rfc2822_date() -> None:
    article = accept(
        {
            "headline": "Summit &amp; statements",
            "link": "HTTP://Example.COM/news/1#comments",
            "pubDate": "Sun, 01 Jun 2025 08:00:00 +0200",
            "summary": "<![CDATA[<p>First paragraph.</p><p>Second <b>bold</b> paragraph.</p>]]>",
            "categories": [{"term": "politics"}],
            "guid": "urn:example:1",
            "source": "www.Example.com",
        }
    )
    assert article.title == "Summit & statements"
    assert article.text == "First paragraph.\n\nSecond bold paragraph."
    assert article.url == "http://example.com/news/1"
    assert article.source == "example.com"
    assert article.published_at == datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
    assert article.article_id == "urn:example:1"
    assert article.tags == ["politics"]
    assert {"cdata_unwrapped", "html_stripped", "entities_decoded"} <= set(article.repairs)
    assert any(w.startswith("text_from_summary") for w in article.warnings)


def test_html_document_with_script_and_style() -> None:
    html = (
        "<html><head><title>Page</title><style>p{color:red}</style></head><body>"
        "<h1>Heading</h1><p>One   two\n three.</p><script>track()</script>"
        "<ul><li>first</li><li>second</li></ul><p>Line<br>break</p></body></html>"
    )
    article = accept({"title": "T", "html": html, "source": "x"})
    assert article.text == "Heading\n\nOne two three.\n\nfirst\nsecond\n\nLine\nbreak"
    assert "track" not in article.text and "color" not in article.text
    assert {"html_stripped", "script_removed"} <= set(article.repairs)


def test_epoch_seconds_and_milliseconds() -> None:
    expected = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    assert accept({"title": "a", "date": 1748772000}).published_at == expected
    assert accept({"title": "a", "published": 1748772000000}).published_at == expected
    assert accept({"title": "a", "published_at": "1748772000"}).published_at == expected


def test_absurd_and_unparseable_dates_are_dropped_with_a_warning() -> None:
    for value in ("1970-01-01T00:00:00Z", "2031-01-01T00:00:00Z", "yesterday-ish", 0, [2025]):
        article = accept({"title": "a", "date": value})
        assert article.published_at is None
        assert "date_dropped" in article.repairs or "field_dropped" in article.repairs, value
        assert article.warnings


def test_naive_date_assumes_utc_and_says_so() -> None:
    article = accept({"title": "a", "date": "2025-06-01T10:00:00"})
    assert article.published_at == datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    assert "timezone_assumed" in article.repairs


def test_control_characters_stripped_but_newlines_kept() -> None:
    article = accept({"title": "A\x00B\x07", "body": "line one\x00\nline\ttwo\x1b\r\nline three"})
    assert article.title == "AB"
    assert article.text == "line one\nline two\nline three"
    assert "control_chars_stripped" in article.repairs


def test_unicode_is_nfc() -> None:
    article = accept({"title": "Cafe\u0301", "body": "Zelens\u0301kyi"})
    assert article.title == "Café"
    assert "unicode_normalised" in article.repairs


def test_raw_newlines_in_json_strings_are_repaired() -> None:
    article = accept(b'{"title": "Multi\nline", "body": "a\tb"}')
    assert article.title == "Multi line"
    assert "lenient_json" in article.repairs


def test_bom_and_utf16() -> None:
    assert "bom_stripped" in accept(b'\xef\xbb\xbf{"title": "x"}').repairs
    utf16 = '{"title": "Переговори"}'.encode("utf-16")
    article = accept(utf16)
    assert article.title == "Переговори" and "utf16_decoded" in article.repairs


def test_language_hint_wins_and_bad_hint_is_reported() -> None:
    assert accept({"title": "Hello there", "lang": "en-GB"}).lang_confidence == 1.0
    article = accept({"title": "Путін заявив, що переговори тривають", "language": "Ukrainian"})
    assert article.lang == "uk"
    assert any(w.startswith("language_hint_ignored") for w in article.warnings)


def test_scripts_detected_languages() -> None:
    assert accept({"title": "بوتين يشترط إجراء الانتخابات لوقف الهجمات"}).lang == "ar"
    assert accept({"title": "Путин заявил, что переговоры продолжаются"}).lang == "ru"


def test_unknown_keys_are_tolerated_and_missing_optional_keys_are_fine() -> None:
    article = accept({"text": "only text", "x-custom": {"deep": [1, 2]}, "score": 3})
    assert article.title == "" and article.text == "only text"
    assert article.source == "unknown"


def test_source_from_url_when_missing() -> None:
    article = accept({"title": "a", "url": "https://www.bbc.co.uk/news/1"})
    assert article.source == "bbc.co.uk" and "source_from_url" in article.repairs


def test_bad_url_dropped_with_warning() -> None:
    article = accept({"title": "a", "url": "javascript:alert(1)", "source": "S"})
    assert article.url is None and "url_dropped" in article.repairs


def test_producer_id_wins_over_url_hash_and_ids_are_stable() -> None:
    data = {"id": 123, "title": "a", "url": "https://e.com/x"}
    assert accept(data).article_id == "123"
    no_id = {"title": "a", "url": "https://E.com/x?utm_campaign=z#top"}
    assert accept(no_id).article_id == accept({"title": "b", "url": "https://e.com/x"}).article_id


def test_overlong_producer_id_is_replaced() -> None:
    article = accept({"id": "x" * 300, "title": "a", "url": "https://e.com/x"})
    assert article.article_id.startswith("u-") and "id_replaced" in article.repairs


def test_long_title_is_truncated() -> None:
    article = accept({"title": "word " * 400}, IngestLimits(max_title_chars=100))
    assert len(article.title) <= 100 and "title_truncated" in article.repairs


def test_wrong_typed_metadata_is_dropped_not_rejected() -> None:
    article = accept({"title": "a", "tags": 5, "authors": {"x": 1}, "lang": ["en"], "schema_version": "9.9"})
    assert article.tags == [] and article.authors == []
    assert "field_dropped" in article.repairs
    assert len([w for w in article.warnings if w.startswith("field_dropped")]) == 4


def test_article_serialises_with_orjson() -> None:
    article = accept({"title": "a", "body": "b", "date": "2025-06-01T10:00:00+03:00"})
    data = orjson.loads(to_json(article))
    assert data["published_at"] == "2025-06-01T07:00:00Z"
    assert data["schema_version"] == "1.0"
