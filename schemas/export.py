"""JSON Schema export of every topic value model, for producers and consumers outside Python.

Why committed files and a drift test: non-Python teams read `schemas/json/`, so the files must
change exactly when the models do, and reviewers see the contract diff next to the code diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, Literal

import orjson
from pydantic import BaseModel

from schemas.topics import DEFAULT_TOPICS, TopicSpec, schema_file_name

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: Where the committed files live, relative to the repository root.
COMMITTED_DIR: Final = Path(__file__).parent / "json"
EXPORT_COMMAND: Final = "wirewatch schemas export schemas/json"


def _value_models(specs: tuple[TopicSpec, ...] = DEFAULT_TOPICS) -> list[type[BaseModel]]:
    models: list[type[BaseModel]] = []
    for spec in specs:
        if spec.value_model not in models:
            models.append(spec.value_model)
    return models


def model_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one value model: input shape for what producers send, output shape otherwise."""
    # Producers write `RawArticle`, so defaults are optional there ("validation"); consumers read
    # the others, where every field is always present ("serialization").
    mode: Literal["validation", "serialization"] = "validation" if model.__name__ == "RawArticle" else "serialization"
    schema = model.model_json_schema(mode=mode)
    topics = sorted(s.name for s in DEFAULT_TOPICS if s.value_model is model)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"https://wirewatch.invalid/schemas/{schema_file_name(model)}",
        "x-default-topics": topics,
        **schema,
    }


def render_json_schemas() -> dict[str, bytes]:
    """File name -> exact file content, for every topic value model. Deterministic."""
    return {
        schema_file_name(model): orjson.dumps(
            model_json_schema(model), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
        )
        + b"\n"
        for model in _value_models()
    }


def export_json_schemas(directory: Path | str) -> list[Path]:
    """Write one ``*.schema.json`` per topic value model into ``directory``; return the paths written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in render_json_schemas().items():
        path = out / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def schema_drift(directory: Path | str = COMMITTED_DIR) -> list[str]:
    """File names in ``directory`` that are missing, stale or unexpected; empty when up to date."""
    out = Path(directory)
    expected = render_json_schemas()
    drift = [
        name for name, content in expected.items() if not (out / name).is_file() or (out / name).read_bytes() != content
    ]
    drift += sorted(p.name for p in out.glob("*.schema.json") if p.name not in expected)
    return drift
