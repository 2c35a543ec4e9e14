"""`wirewatch schemas export|readme`, driven through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from schemas.export import render_json_schemas
from schemas.topics import README_BEGIN, README_END, render_markdown_table, resolve
from streams.commands.schemas import schemas_group


def test_export_writes_files_and_check_passes(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(schemas_group, ["export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == set(render_json_schemas())
    result = runner.invoke(schemas_group, ["export", "--check", str(tmp_path)])
    assert result.exit_code == 0 and "up to date" in result.output


def test_export_check_fails_on_drift(tmp_path: Path) -> None:
    (tmp_path / "article.schema.json").write_text("{}\n")
    result = CliRunner().invoke(schemas_group, ["export", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert "wirewatch schemas export" in result.output


def test_readme_refresh_and_check(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"x\n{README_BEGIN}\n{README_END}\n", encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(schemas_group, ["readme", "--check", str(readme)])
    assert check.exit_code == 1 and "wirewatch schemas readme" in check.output
    result = runner.invoke(schemas_group, ["readme", str(readme)])
    assert result.exit_code == 0 and "updated" in result.output
    assert render_markdown_table(resolve()) in readme.read_text(encoding="utf-8")
    assert runner.invoke(schemas_group, ["readme", "--check", str(readme)]).exit_code == 0


def test_readme_without_markers_is_a_clean_error(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("nothing\n", encoding="utf-8")
    result = CliRunner().invoke(schemas_group, ["readme", str(readme)])
    assert result.exit_code == 1 and "topics:begin" in result.output
