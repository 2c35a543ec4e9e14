"""Score a classifier against labelled rows: P/R/F1 per label, macro-F1 per language and overall.

Why pure: the CLI, the dev-set test and ad-hoc runs share one implementation; nothing here
reads files except the ``__main__`` convenience entry point.

    .venv/bin/python -m agents.core.classifier.evaluate /work/shared/eval/dev.jsonl
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from schemas.evidence import Category, Classification

LABELS = tuple(c.value for c in Category)


class _Classifies(Protocol):
    def classify(self, text: str, *, lang: str | None = None, title: str | None = None) -> Classification: ...


@dataclass(frozen=True, slots=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class Miss:
    id: str
    lang: str
    label: str
    kind: str  # "fn" (missed) or "fp" (false alarm)
    score: float
    text: str


@dataclass(frozen=True, slots=True)
class EvalReport:
    macro_f1: float
    per_label: dict[str, LabelScore]
    per_lang: dict[str, tuple[float, int]]  # lang -> (macro F1 over labels, number of items)
    misses: list[Miss] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "macro_f1": self.macro_f1,
            "per_label": {
                k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "support": v.support}
                for k, v in self.per_label.items()
            },
            "per_lang": {k: {"macro_f1": f, "support": n} for k, (f, n) in self.per_lang.items()},
        }


def _score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _counts(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, list[int]]:
    counts = {label: [0, 0, 0] for label in LABELS}
    for gold, pred in pairs:
        for label in LABELS:
            c = counts[label]
            c[0] += label in gold and label in pred
            c[1] += label not in gold and label in pred
            c[2] += label in gold and label not in pred
    return counts


def _macro(counts: Mapping[str, list[int]]) -> float:
    return round(sum(_score(*counts[label])[2] for label in LABELS) / len(LABELS), 4)


def evaluate(
    rows: Iterable[Mapping[str, Any]],
    classifier: _Classifies,
    progress: Callable[[int], None] | None = None,
    worst: int = 15,
) -> EvalReport:
    """Classify every row (``id, lang, text, labels``) and score the predictions."""
    pairs: list[tuple[set[str], set[str]]] = []
    by_lang: dict[str, list[tuple[set[str], set[str]]]] = {}
    misses: list[Miss] = []
    for row in rows:
        result = classifier.classify(str(row["text"]), lang=row.get("lang"), title=row.get("title"))
        gold = set(row.get("labels", []))
        pred = {str(c) for c in result.passed}
        pairs.append((gold, pred))
        by_lang.setdefault(str(row.get("lang", result.lang)), []).append((gold, pred))
        for label in LABELS:
            if (label in gold) != (label in pred):
                score = result.result(Category(label)).score
                kind = "fn" if label in gold else "fp"
                misses.append(Miss(str(row.get("id", "")), str(row.get("lang", "")), label, kind, score, row["text"]))
        if progress is not None:
            progress(1)
    counts = _counts(pairs)
    per_label = {}
    for label in LABELS:
        tp, fp, fn = counts[label]
        p, r, f = _score(tp, fp, fn)
        per_label[label] = LabelScore(p, r, f, tp + fn, tp, fp, fn)
    per_lang = {lang: (_macro(_counts(items)), len(items)) for lang, items in sorted(by_lang.items())}
    misses.sort(key=lambda m: -abs(m.score - 0.5))
    return EvalReport(_macro(counts), per_label, per_lang, misses[:worst])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


def main(argv: list[str]) -> int:
    from agents.core.classifier import Classifier

    report = evaluate(read_jsonl(Path(argv[0])), Classifier.load(), worst=200)
    for label, s in report.per_label.items():
        print(f"{label:22s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} n={s.support}")
    for lang, (f1, n) in report.per_lang.items():
        print(f"{lang}: macroF1={f1:.3f} n={n}")
    print(f"macro F1 = {report.macro_f1:.3f}")
    if len(argv) > 1:
        for m in report.misses:
            print(f"  {m.kind} {m.id} {m.label} {m.score:.2f} | {m.text[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
