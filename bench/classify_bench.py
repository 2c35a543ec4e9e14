"""Throughput benchmark for the classifier (prints figures; not a test).

    .venv/bin/python bench/classify_bench.py [--dev ../shared/eval/dev.jsonl] [--n 2000]

Builds ~3 KB mixed-language articles by concatenating dev passages of one language, then
reports articles/s for the classifier and for a naive baseline (str.lower() + `in` scan over
a keyword list) measured in the same run, linearity over 1x/4x/16x sizes, and the time for a
1 MB hostile input (one long line, repeated triggers, no spaces).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from agents.core.classifier import Classifier

ROOT = Path(__file__).resolve().parents[1]
BASELINE_KEYWORDS = (
    "talks", "negotiat", "ceasefire", "truce", "said", "переговор", "перемир", "заявил", "مفاوضات",
    "هدنة", "قال", "négociation", "trêve", "verhandlung", "waffenruhe", "negociacion", "tregua",
)


def build_corpus(dev: Path, size: int) -> list[tuple[str, str]]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for line in dev.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_lang[row["lang"]].append(row["text"])
    corpus = []
    for lang, texts in sorted(by_lang.items()):
        i = 0
        while i < len(texts):
            parts: list[str] = []
            while sum(map(len, parts)) < size and i < len(texts) * 4:
                parts.append(texts[i % len(texts)])
                i += 1
            corpus.append((lang, "\n\n".join(parts)[: size + 400]))
            if i >= len(texts):
                break
    return corpus


def baseline(texts: list[str]) -> int:
    hits = 0
    for text in texts:
        low = text.lower()
        hits += sum(1 for k in BASELINE_KEYWORDS if k in low)
    return hits


def rate(fn: object, texts: list[str], repeat: int) -> float:
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(repeat):
        fn(texts)
    return len(texts) * repeat / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    clf = Classifier.load()
    corpus = build_corpus(args.dev, 3000)
    articles = [corpus[i % len(corpus)] for i in range(args.n)]
    texts = [t for _, t in articles]
    avg = sum(map(len, texts)) / len(texts)

    def run(items: list[str]) -> None:
        for text in items:
            clf.classify(text)

    def run_hinted(items: list[tuple[str, str]]) -> None:
        for lang, text in items:
            clf.classify(text, lang=lang)

    run(texts[:50])
    base = rate(baseline, texts, 3)
    detected = rate(run, texts, 1)
    start = time.perf_counter()
    run_hinted(articles)
    hinted = len(articles) / (time.perf_counter() - start)
    print(f"articles: {len(texts)} mixed-language, avg {avg / 1024:.1f} KB")
    print(f"baseline lower()+in scan : {base:10.0f} articles/s")
    print(f"classifier (lang detect) : {detected:10.0f} articles/s  ratio {detected / base:.3f} of baseline")
    print(f"classifier (lang given)  : {hinted:10.0f} articles/s  ratio {hinted / base:.3f} of baseline")

    print("linearity (same texts scaled):")
    sample = texts[:200]
    base_time = None
    for factor in (1, 4, 16):
        scaled = [t * factor for t in sample]
        start = time.perf_counter()
        run(scaled)
        elapsed = time.perf_counter() - start
        per_kb = elapsed / sum(map(len, scaled)) * 1024 * 1e6
        base_time = base_time or elapsed
        ratio = elapsed / base_time
        print(f"  {factor:2d}x: {elapsed * 1000:8.1f} ms total, {per_kb:6.1f} µs/KB, time ratio {ratio:5.2f}")

    hostile = {
        "repeated triggers, no spaces": ("ceasefireiftalksPutinsaid" * 42_000)[:1_000_000],
        "repeated trigger words": ("ceasefire if talks round Putin said unless truce " * 21_000)[:1_000_000],
        "arabic clitic soup": ("وبالمفاوضاتهدنةفيحالبوتين" * 40_000)[:1_000_000],
    }
    for name, text in hostile.items():
        start = time.perf_counter()
        result = clf.classify(text)
        print(f"hostile 1 MB ({name}): {time.perf_counter() - start:.3f} s, passed={[str(c) for c in result.passed]}")


if __name__ == "__main__":
    main()
