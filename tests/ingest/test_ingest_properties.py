"""Property tests: nothing a producer can send makes `ingest` raise or emit unserialisable output."""

from __future__ import annotations

import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agents.core.ingest import Accepted, IngestLimits, Rejected, ingest
from schemas import Article, DeadLetter, RejectReason, from_json, to_json
from tests.ingest.helpers import NOW, ORIGIN

LIMITS = IngestLimits(max_json_depth=8)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=40,
)
field_names = st.sampled_from(
    ["title", "headline", "body", "content", "text", "html", "summary", "url", "link", "source",
     "published_at", "pubDate", "date", "lang", "language", "id", "authors", "author", "tags", "extra"]
)  # fmt: skip
text_like = st.text() | st.sampled_from(
    ["<p>a</p><script>x</script>", "<![CDATA[<b>x</b>]]>", "&amp;&#0;&#xD800;", "\x00\ud800\r\n", "1748772000"]
)
articles = st.dictionaries(field_names, text_like | json_values, max_size=8)


def _encode(value: Any) -> bytes:
    """orjson where it can; the stdlib for what a sloppy producer might still send (huge ints, lone surrogates)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value).encode()


def _check(result: Accepted | Rejected) -> None:
    if isinstance(result, Accepted):
        assert from_json(Article, to_json(result.article)) == result.article
    else:
        assert result.dead_letter.reason is not RejectReason.INTERNAL_ERROR, result.dead_letter.message
        assert from_json(DeadLetter, to_json(result.dead_letter)) == result.dead_letter


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=512))
def test_random_bytes_never_raise(data: bytes) -> None:
    _check(ingest(data, origin=ORIGIN, now=NOW, limits=LIMITS))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_never_raises(value: Any) -> None:
    _check(ingest(_encode(value), origin=ORIGIN, now=NOW, limits=LIMITS))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_article_shaped_json_never_raises(obj: dict[str, Any]) -> None:
    _check(ingest(_encode(obj), origin=ORIGIN, now=NOW, limits=LIMITS))


@settings(max_examples=100)
@given(st.integers(min_value=1, max_value=3000))
def test_any_nesting_depth_is_handled(depth: int) -> None:
    result = ingest(b"[" * depth + b"]" * depth, origin=ORIGIN, now=NOW, limits=LIMITS)
    assert isinstance(result, Rejected)
    assert result.dead_letter.reason in {RejectReason.NOT_OBJECT, RejectReason.TOO_DEEP}
