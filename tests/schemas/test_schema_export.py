"""JSON Schema export: deterministic, complete, and the committed files match the models."""

from __future__ import annotations

from pathlib import Path

import orjson

from schemas.export import COMMITTED_DIR, EXPORT_COMMAND, export_json_schemas, render_json_schemas, schema_drift

EXPECTED = {
    "raw-article.schema.json",
    "article.schema.json",
    "match.schema.json",
    "alert.schema.json",
    "dead-letter.schema.json",
}


def test_committed_json_schemas_match_models() -> None:
    drift = schema_drift(COMMITTED_DIR)
    assert not drift, f"schemas/json is out of date ({', '.join(drift)}); run `{EXPORT_COMMAND}`"


def test_export_is_deterministic(tmp_path: Path) -> None:
    paths = export_json_schemas(tmp_path / "a")
    assert {p.name for p in paths} == EXPECTED
    first = {p.name: p.read_bytes() for p in paths}
    second = {p.name: p.read_bytes() for p in export_json_schemas(tmp_path / "b")}
    assert first == second == render_json_schemas()
    for content in first.values():
        assert content.endswith(b"}\n")
        schema = orjson.loads(content)
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["properties"]["schema_version"]["const"]


def test_drift_detects_stale_missing_and_unexpected_files(tmp_path: Path) -> None:
    export_json_schemas(tmp_path)
    assert schema_drift(tmp_path) == []
    (tmp_path / "article.schema.json").write_text("{}\n")
    (tmp_path / "alert.schema.json").unlink()
    (tmp_path / "old.schema.json").write_text("{}\n")
    assert sorted(schema_drift(tmp_path)) == ["alert.schema.json", "article.schema.json", "old.schema.json"]


def test_output_models_mark_every_field_required() -> None:
    article = orjson.loads(render_json_schemas()["article.schema.json"])
    assert "published_at" in article["required"] and "repairs" in article["required"]
    raw = orjson.loads(render_json_schemas()["raw-article.schema.json"])
    assert raw.get("required", []) == [] and raw["additionalProperties"] is True
