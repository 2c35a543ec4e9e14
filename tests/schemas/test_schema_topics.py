"""Topic catalogue: overrides, validation, the README table."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Alert, Article, Category, DeadLetter, RawArticle, by_key, render_markdown_table, resolve
from schemas.topics import README_BEGIN, README_END, alert_topic, replace_readme_block, update_readme

REPO = Path(__file__).resolve().parents[2]


def test_default_catalogue() -> None:
    specs = by_key(resolve())
    assert [s.name for s in resolve()] == [
        "news.raw",
        "news.articles",
        "news.matches",
        "alerts.negotiations",
        "alerts.ceasefire",
        "alerts.statements",
        "news.deadletter",
    ]
    assert specs["raw"].value_model is RawArticle
    assert specs["articles"].value_model is Article and specs["articles"].message_key == "article_id"
    assert {specs[k].value_model for k in ("negotiations", "ceasefire", "statements")} == {Alert}
    assert specs["deadletter"].value_model is DeadLetter
    assert alert_topic(resolve(), Category.CEASEFIRE_CONDITION).name == "alerts.ceasefire"


def test_overrides_by_logical_key() -> None:
    specs = by_key(resolve({"raw": "staging.news.raw"}, partitions=12, replication_factor=3))
    assert specs["raw"].name == "staging.news.raw"
    assert specs["articles"].name == "news.articles"
    assert {s.partitions for s in specs.values()} == {12}
    assert {s.replication_factor for s in specs.values()} == {3}


@pytest.mark.parametrize(
    ("names", "match"),
    [
        ({"nope": "x"}, "unknown topic key"),
        ({"raw": "has space"}, "illegal Kafka topic name"),
        ({"raw": ".."}, "illegal Kafka topic name"),
        ({"raw": "news.articles"}, "share the name"),
    ],
)
def test_bad_overrides_fail_loudly(names: dict[str, str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        resolve(names)


def test_table_has_a_row_per_topic() -> None:
    table = render_markdown_table(resolve())
    lines = table.splitlines()
    assert len(lines) == 2 + len(resolve())
    assert "`news.deadletter`" in table and "dead-letter.schema.json" in table
    assert table.endswith("\n")


def test_update_readme_rewrites_only_the_block(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nintro\n\n{README_BEGIN}\nold table\n{README_END}\n\nrest\n", encoding="utf-8")
    assert update_readme(readme) is True
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nintro\n\n") and text.endswith(f"{README_END}\n\nrest\n")
    assert render_markdown_table(resolve()) in text and "old table" not in text
    assert update_readme(readme) is False


def test_update_readme_without_markers_raises(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="topics:begin"):
        update_readme(readme)


def test_repository_readme_table_is_current() -> None:
    readme = REPO / "README.md"
    if not readme.exists():
        pytest.skip("README.md not written yet")
    text = readme.read_text(encoding="utf-8")
    assert README_BEGIN in text and README_END in text, f"README.md needs {README_BEGIN} ... {README_END} markers"
    assert replace_readme_block(text, render_markdown_table(resolve())) == text, (
        "README.md topic table is out of date; run `wirewatch schemas readme`"
    )
