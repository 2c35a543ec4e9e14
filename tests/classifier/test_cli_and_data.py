"""CLI commands (via CliRunner), data validation errors, offsets and hostile input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from agents.core.classifier import Classifier, LexiconError
from agents.core.classifier.lexicon import load_lexicon, parse_term
from agents.core.classifier.normalize import normalize
from streams.commands.classify import classify_command, eval_command


def test_classify_text_json() -> None:
    out = CliRunner().invoke(classify_command, ["Putin said talks resume on Monday in Istanbul", "--lang", "en"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["lang"] == "en" and len(data["labels"]) == 3


def test_classify_jsonl_keeps_order_and_ids(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": "Lavrov said the proposal was unacceptable."}, {"id": "b", "text": "Rain today."}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    out = CliRunner().invoke(classify_command, ["--jsonl", str(src)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["labels"] == ["leader_statement"] and rows[1]["labels"] == []


def test_eval_json(tmp_path: Path) -> None:
    src = tmp_path / "dev.jsonl"
    row = {"id": "x", "lang": "en", "text": "Lavrov said hello.", "labels": ["leader_statement"]}
    src.write_text(json.dumps(row), encoding="utf-8")
    out = CliRunner().invoke(eval_command, [str(src), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) == {"macro_f1", "per_label", "per_lang"}
    assert data["per_label"]["leader_statement"]["f1"] == 1.0


def test_bad_lexicon_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "xx.toml").write_text('[meta]\nlang = "xx"\n[families]\ntalkz = ["a"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"xx\.toml: families\.talkz"):
        load_lexicon("xx", tmp_path)
    with pytest.raises(LexiconError, match="here"):
        parse_term("  ", "talks", 3, "here")


def test_normalize_offsets_roundtrip() -> None:
    text = "قالَ بوتينُ ـــ «نحن» Élysée"
    norm = normalize(text)
    i = norm.text.index("بوتين")
    assert norm.original_slice(i, i + 5) == "بوتينُ"
    assert norm.text.endswith("elysee")


def test_hostile_input_is_fast(clf: Classifier) -> None:
    for text in (("ceasefireiftalksPutinsaid" * 42_000), ("truce if talks round Putin said " * 32_000)):
        start = time.perf_counter()
        clf.classify(text[:1_000_000])
        assert time.perf_counter() - start < 2.0
