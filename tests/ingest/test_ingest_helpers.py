"""The small helpers ingest is built from: dates, HTML to text, character cleaning."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.core.dates import parse_published
from agents.core.html_text import html_to_text, looks_like_html, unwrap_cdata
from agents.core.textclean import collapse_whitespace, decode_entities, strip_control_chars

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TEN = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "2025-06-01T10:00:00Z",
        "2025-06-01T10:00:00z",
        "2025-06-01T12:00:00+02:00",
        "2025-06-01T10:00:00.000000000Z",
        "2025-06-01 10:00 UTC",
        "Sun, 01 Jun 2025 10:00:00 GMT",
        "Sun, 01 Jun 2025 12:00:00 +0200",
        1748772000,
        1748772000000,
        1748772000.0,
        "1748772000000",
    ],
)
def test_date_formats(value: str | int | float) -> None:
    parsed = parse_published(value, now=NOW)
    assert parsed.value == TEN and parsed.problem is None and not parsed.timezone_assumed


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("1989-12-31T23:59:59Z", "before 1990"),
        ("2025-06-02T12:00:01Z", "future"),
        ("not a date", "not a date"),
        (float("inf"), "not a date"),
        (1e300, "out of range"),
        ("9999-12-31T23:59:59-23:00", "out of range"),
    ],
)
def test_bad_dates(value: str | float, problem: str) -> None:
    parsed = parse_published(value, now=NOW)
    assert parsed.value is None and parsed.problem is not None and problem in parsed.problem


def test_absent_date_is_not_a_problem() -> None:
    assert parse_published(None, now=NOW) == parse_published("  ", now=NOW) == (None, None, False)


def test_looks_like_html() -> None:
    assert looks_like_html("<p>x</p>") and looks_like_html("a<br/>b") and looks_like_html("x <!-- c -->")
    assert not looks_like_html("a < b and c > d") and not looks_like_html("1<2")


def test_html_to_text_keeps_structure_and_pre() -> None:
    result = html_to_text("<div>a<p>b</p><pre>x\n  y</pre><table><tr><td>1</td><td>2</td></tr></table></div>")
    assert collapse_whitespace(result.text) == "a\n\nb\n\nx\ny\n\n1 2"
    assert not result.dropped_code


def test_html_to_text_survives_deep_nesting() -> None:
    assert html_to_text("<div>" * 20000 + "deep").text.strip() == "deep"


def test_unwrap_cdata() -> None:
    assert unwrap_cdata("<![CDATA[<b>x</b>]]> and <![CDATA[y]]>") == ("<b>x</b> and y", True)
    assert unwrap_cdata("plain") == ("plain", False)


def test_strip_control_chars_keeps_tab_newline_and_zwnj() -> None:
    text, changed = strip_control_chars("a\x00b\tc\nd\x7f\x85e\ufeff\ud800f\u200cg")
    assert changed and text == "ab\tc\nde" + "f\u200cg"


def test_decode_entities() -> None:
    assert decode_entities("AT&amp;T &#39;x&#x27;") == ("AT&T 'x'", True)
    assert decode_entities("R&D") == ("R&D", False)


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a \u00a0 b \n\n\n\n c\t\td  ") == "a b\n\nc d"
