"""Splitting an HTTP batch into raw messages: arrays, JSON Lines, one object, junk kept as sent."""

from __future__ import annotations

import orjson

from agents.core.batch import split_batch


def test_json_array_is_one_message_per_element() -> None:
    body = orjson.dumps([{"title": "a"}, {"title": "b"}, "not an object"])
    assert [orjson.loads(m) for m in split_batch(body)] == [{"title": "a"}, {"title": "b"}, "not an object"]


def test_json_lines_are_one_message_per_non_blank_line() -> None:
    assert split_batch(b'{"a": 1}\r\n\n  {"b": 2}  \n') == [b'{"a": 1}', b'{"b": 2}']


def test_a_pretty_printed_object_stays_one_message() -> None:
    body = b'{\n  "title": "a",\n  "text": "b"\n}\n'
    assert split_batch(body) == [body.strip()]


def test_junk_is_kept_for_the_ingest_stage_to_reject() -> None:
    assert split_batch(b"[1, 2") == [b"[1, 2"]
    assert split_batch(b'{"a": 1}\nnot json\n') == [b'{"a": 1}', b"not json"]


def test_an_empty_body_has_no_messages() -> None:
    assert split_batch(b" \n\t") == []
