"""The labelled dev set must stay above the agreed quality bar."""

from __future__ import annotations

from pathlib import Path

from agents.core.classifier import Classifier
from agents.core.classifier.evaluate import evaluate, read_jsonl

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "dev.jsonl"


def test_dev_set_thresholds(clf: Classifier) -> None:
    assert DEV.exists(), f"dev set missing: expected {DEV.resolve()} (../shared/eval/dev.jsonl from repo root)"
    report = evaluate(read_jsonl(DEV), clf)
    summary = report.as_json()
    assert report.macro_f1 >= 0.90, summary
    for label, score in report.per_label.items():
        assert score.f1 >= 0.85, (label, summary)
    for lang, (f1, n) in report.per_lang.items():
        if n >= 20:
            assert f1 >= 0.85, (lang, summary)
