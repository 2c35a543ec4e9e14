"""Regression floors on the held-out set (``tests/classifier/data/holdout.jsonl``).

The held-out set was written blind to the rules and is used for measurement only: rules are
fixed by failure class (with their own test sentences elsewhere), never by fitting a passage of
this set. Each floor is the figure reached when the floors were set minus 0.02, so a change
that loses held-out quality fails here even while the dev set stays green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.core.classifier import Classifier
from agents.core.classifier.evaluate import EvalReport, evaluate, read_jsonl

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout.jsonl"

MACRO_FLOOR = 0.91  # reached 0.932
LABEL_FLOORS = {
    "negotiation_round": 0.89,  # reached 0.914
    "ceasefire_condition": 0.89,  # reached 0.918
    "leader_statement": 0.94,  # reached 0.963
}
LANG_FLOORS = {
    "ar": 0.91,  # reached 0.930
    "en": 0.85,  # reached 0.872
    "fr": 0.89,  # reached 0.915
    "ru": 0.94,  # reached 0.963
    "uk": 0.86,  # reached 0.886
    "de": 0.98,
    "es": 0.98,
    "it": 0.98,
}


@pytest.fixture(scope="module")
def report(clf: Classifier) -> EvalReport:
    return evaluate(read_jsonl(HOLDOUT), clf)


def test_holdout_macro(report: EvalReport) -> None:
    assert report.macro_f1 >= MACRO_FLOOR, report.as_json()


@pytest.mark.parametrize("label", sorted(LABEL_FLOORS))
def test_holdout_label(report: EvalReport, label: str) -> None:
    scores = {str(k): v for k, v in report.per_label.items()}
    assert scores[label].f1 >= LABEL_FLOORS[label], report.as_json()


@pytest.mark.parametrize("lang", sorted(LANG_FLOORS))
def test_holdout_language(report: EvalReport, lang: str) -> None:
    f1, _n = report.per_lang[lang]
    assert f1 >= LANG_FLOORS[lang], report.as_json()
