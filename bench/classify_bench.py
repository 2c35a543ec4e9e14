"""Throughput benchmark for the classifier (prints figures; not a test).

    .venv/bin/python bench/classify_bench.py [--dev ../shared/eval/dev.jsonl] [--n 2000]

Builds ~3 KB mixed-language articles by concatenating dev passages of one language, then
reports articles/s for the classifier and for a naive baseline (str.lower() + `in` scan over
a keyword list) measured in the same run, linearity over 1x/4x/16x sizes, and the time for a
1 MB hostile input (one long line, repeated triggers, no spaces).

The dev corpus is dense (almost every sentence has a cue), which is the worst case. A second,
realistic-stream figure mixes 90% ~3 KB articles of everyday prose (economy, sport, weather;
written here, not from dev.jsonl) with 10% dev-based articles, as a real news feed looks.
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
    "talks",
    "negotiat",
    "ceasefire",
    "truce",
    "said",
    "переговор",
    "перемир",
    "заявил",
    "مفاوضات",
    "هدنة",
    "قال",
    "négociation",
    "trêve",
    "verhandlung",
    "waffenruhe",
    "negociacion",
    "tregua",
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


#: Everyday news prose per language; real feeds are mostly this, and it matches (almost) no cue.
FILLER = {
    "en": "The central bank kept interest rates unchanged on Tuesday as inflation eased for a third month. "
    "Retail sales rose slightly in the spring, while factory output was flat. The home side won the match "
    "two to one after a late goal in the second half. Forecasters expect rain across the north tomorrow, "
    "with sunny spells in the south and temperatures close to the seasonal average. ",
    "fr": "La banque centrale a maintenu ses taux inchangés mardi alors que l'inflation ralentit. Les ventes "
    "au détail ont légèrement progressé au printemps et la production industrielle est restée stable. "
    "L'équipe locale a gagné le match deux buts à un. Météo : de la pluie au nord demain, du soleil au sud. ",
    "de": "Die Zentralbank hat die Zinsen am Dienstag unverändert gelassen, da die Inflation nachlässt. "
    "Der Einzelhandel legte im Frühjahr leicht zu, die Industrieproduktion blieb stabil. Die Heimmannschaft "
    "gewann das Spiel mit zwei zu eins. Morgen wird im Norden Regen erwartet, im Süden bleibt es sonnig. ",
    "es": "El banco central mantuvo los tipos de interés sin cambios el martes porque la inflación se modera. "
    "Las ventas minoristas subieron un poco en primavera y la producción industrial se mantuvo estable. "
    "El equipo local ganó el partido dos a uno. Mañana se espera lluvia en el norte y sol en el sur. ",
    "ru": "Центральный банк во вторник сохранил ключевую ставку без изменений на фоне замедления инфляции. "
    "Розничные продажи весной немного выросли, а промышленное производство не изменилось. Хозяева поля "
    "выиграли матч со счётом два один. Завтра на севере ожидается дождь, на юге будет солнечно. ",
    "ar": "أبقى البنك المركزي أسعار الفائدة دون تغيير يوم الثلاثاء مع تراجع التضخم للشهر الثالث. وارتفعت "
    "مبيعات التجزئة قليلا في الربيع بينما استقر الإنتاج الصناعي. وفاز الفريق المضيف بالمباراة بهدفين "
    "مقابل هدف. ويتوقع خبراء الأرصاد أمطارا في الشمال غدا وطقسا مشمسا في الجنوب. ",
}


def build_stream(dense: list[tuple[str, str]], n: int, size: int = 3000) -> list[tuple[str, str]]:
    """``n`` articles: every tenth from the dense corpus, the rest ~3 KB of filler prose."""
    langs = sorted(FILLER)
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append(dense[i % len(dense)])
            continue
        lang = langs[i % len(langs)]
        para = FILLER[lang]
        # Rotate the sentences so articles differ, then repeat to ~size characters.
        parts = para.split(". ")
        k = i % len(parts)
        para = ". ".join(parts[k:] + parts[:k])
        out.append((lang, "\n\n".join([para] * (size // len(para) + 1))[:size]))
    return out


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


TARGET = 5000  # articles/s on one core for ~3 KB mixed-language articles (the target)
HOSTILE_LIMIT_S = 1.0


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    clf = Classifier.load()
    corpus = build_corpus(args.dev, 3000)
    articles = [corpus[i % len(corpus)] for i in range(args.n)]
    texts = [t for _, t in articles]

    def run(items: list[str]) -> None:
        for text in items:
            clf.classify(text)

    def run_hinted(items: list[tuple[str, str]]) -> None:
        for lang, text in items:
            clf.classify(text, lang=lang)

    run(texts[:50])
    stream = build_stream(corpus, args.n)
    summary: list[str] = []
    print(f"one core, {args.n} articles per corpus; target {TARGET:,} articles/s; ratio = classifier / in-run baseline")
    corpora = (("realistic stream (90% everyday prose, 10% dev)", stream), ("dense dev corpus (worst case)", articles))
    for name, items in corpora:
        plain = [t for _, t in items]
        avg = sum(map(len, plain)) / len(plain)
        base = rate(baseline, plain, 3)
        detected = rate(run, plain, 1)
        start = time.perf_counter()
        run_hinted(items)
        hinted = len(items) / (time.perf_counter() - start)
        flagged = sum(1 for t in plain[:500] if clf.classify(t).passed)
        print(f"{name}: avg {avg / 1024:.1f} KB, {flagged / 5:.0f}% flagged")
        print(f"  baseline lower()+in scan : {base:8.0f} articles/s")
        for mode, value in (("lang given", hinted), ("lang detected", detected)):
            ok = value >= TARGET
            print(f"  classifier ({mode:13s}): {value:8.0f} articles/s  ratio {value / base:.3f}  target {verdict(ok)}")
            summary.append(f"{name.split(' (')[0]:17s} {mode:13s} {value:7.0f}/s  {verdict(ok)}")

    print("linearity (same dense texts scaled; time ratio should track the factor):")
    sample = texts[:200]
    base_time = None
    linear = True
    for factor in (1, 4, 16):
        scaled = [t * factor for t in sample]
        start = time.perf_counter()
        run(scaled)
        elapsed = time.perf_counter() - start
        per_kb = elapsed / sum(map(len, scaled)) * 1024 * 1e6
        base_time = base_time or elapsed
        ratio = elapsed / base_time
        linear = linear and ratio <= factor * 1.25
        print(f"  {factor:2d}x: {elapsed * 1000:8.1f} ms total, {per_kb:6.1f} µs/KB, time ratio {ratio:5.2f}")

    hostile = {
        "repeated triggers, no spaces": ("ceasefireiftalksPutinsaid" * 42_000)[:1_000_000],
        "repeated trigger words": ("ceasefire if talks round Putin said unless truce " * 21_000)[:1_000_000],
        "arabic clitic soup": ("وبالمفاوضاتهدنةفيحالبوتين" * 40_000)[:1_000_000],
    }
    worst = 0.0
    for name, text in hostile.items():
        start = time.perf_counter()
        result = clf.classify(text)
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        print(f"hostile 1 MB ({name}): {elapsed:.3f} s, passed={[str(c) for c in result.passed]}")

    print(f"SUMMARY (target {TARGET:,} articles/s, one core, ~3 KB articles):")
    for line in summary:
        print(f"  {line}")
    print(
        f"  linearity 1x/4x/16x {'OK' if linear else 'NOT LINEAR'}; hostile 1 MB worst {worst:.3f} s "
        f"(limit {HOSTILE_LIMIT_S:.0f} s) {verdict(worst < HOSTILE_LIMIT_S)}"
    )


if __name__ == "__main__":
    main()
