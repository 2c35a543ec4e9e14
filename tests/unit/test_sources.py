"""Reading articles from files for `wirewatch produce`."""

from __future__ import annotations

from pathlib import Path

import orjson

from streams.sources import count_articles, read_articles
from tests.support.pipeline import SAMPLES


def test_jsonl_yields_each_non_blank_line_as_is(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": 1}\n\n   \n{"id": 2}  \r\n\n{"id":3}')
    assert list(read_articles(path)) == [b'{"id": 1}', b'{"id": 2}', b'{"id":3}']
    assert count_articles(path) == 3


def test_jsonl_lines_are_passed_through_unvalidated(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"not json\n[1, 2]\n")
    assert list(read_articles(path)) == [b"not json", b"[1, 2]"]


def test_sample_file_has_eleven_articles() -> None:
    values = list(read_articles(SAMPLES / "articles.jsonl"))
    assert len(values) == 11 == count_articles(SAMPLES / "articles.jsonl")
    assert orjson.loads(values[0])["id"] == "demo-seed-ar"


def test_json_file_is_one_article_stripped(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'\n  {\n  "title": "t",\n  "text": "x"\n}\n\n')
    assert list(read_articles(path)) == [b'{\n  "title": "t",\n  "text": "x"\n}']


def test_txt_file_first_non_empty_line_is_title_rest_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story-7.txt"
    path.write_text("\n\n  Headline here  \n\nFirst paragraph.\nSecond.\n\n", encoding="utf-8")
    (value,) = read_articles(path)
    assert orjson.loads(value) == {
        "title": "Headline here",
        "text": "First paragraph.\nSecond.",
        "source": "file",
        "id": "file-story-7",
    }


def test_empty_txt_file_takes_its_name_as_title(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n", encoding="utf-8")
    (value,) = read_articles(path)
    assert orjson.loads(value) == {"title": "blank", "text": "", "source": "file", "id": "file-blank"}


def test_txt_with_invalid_utf8_is_replaced_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Title \xff\nbody")
    assert orjson.loads(next(read_articles(path)))["title"] == "Title \ufffd"


def test_directory_is_read_in_name_order_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_bytes(b'{"n": "b1"}\n\n{"n": "b2"}\n')
    (tmp_path / "a.json").write_bytes(b'{"n": "a"}')
    (tmp_path / "c.txt").write_text("C title\nC body", encoding="utf-8")
    (tmp_path / "d.md").write_text("# ignored", encoding="utf-8")
    (tmp_path / "0.csv").write_text("ignored", encoding="utf-8")
    values = list(read_articles(tmp_path))
    assert [orjson.loads(v).get("n") or orjson.loads(v)["title"] for v in values] == ["a", "b1", "b2", "C title"]
    assert count_articles(tmp_path) == 4


def test_plain_subdirectories_are_skipped(tmp_path: Path) -> None:
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "x.jsonl").write_bytes(b'{"n": 1}\n')
    (tmp_path / "top.jsonl").write_bytes(b'{"n": 2}\n')
    assert [orjson.loads(v)["n"] for v in read_articles(tmp_path)] == [2]
