"""CLI commands for the classifier: ``wirewatch classify`` and ``wirewatch eval``.

Why here: the classifier is pure logic in ``agents.core.classifier``; these commands only read
input, call it, and print JSON (or rich tables for people).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click
import orjson

from agents.core.classifier import Classifier
from agents.core.classifier.evaluate import EvalReport, evaluate

_PROGRESS_MIN_ROWS = 200


def _read_text(value: str | None) -> str:
    if value is None or value == "-":
        return sys.stdin.read()
    return value


def _dump(obj: Any) -> str:
    return orjson.dumps(obj).decode()


@click.command("classify")
@click.argument("text", required=False)
@click.option("--lang", default=None, help="ISO 639-1 language; detected when omitted.")
@click.option("--title", default=None, help="Headline, classified along with the text.")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read one article a line ({id, text, lang?, title?}); '-' for stdin.",
)
@click.option("--pretty", is_flag=True, help="Human-readable output (rich).")
def classify_command(
    text: str | None, lang: str | None, title: str | None, jsonl: IO[str] | None, pretty: bool
) -> None:
    """Classify TEXT (or '-' for stdin), or every line of --jsonl FILE."""
    classifier = Classifier.load()
    if jsonl is not None:
        for line_no, line in enumerate(jsonl, 1):
            if not line.strip():
                continue
            try:
                item = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise click.ClickException(f"line {line_no}: invalid JSON: {exc}") from exc
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise click.ClickException(f"line {line_no}: needs an object with a string 'text'")
            result = classifier.classify(item["text"], lang=item.get("lang") or lang, title=item.get("title"))
            dump = result.model_dump(mode="json")
            out = {
                "id": item.get("id"),
                "labels": [str(c) for c in result.passed],
                "lang": dump["lang"],
                "lang_confidence": dump["lang_confidence"],
                "results": dump["labels"],
                "entities": dump["entities"],
            }
            click.echo(_dump(out))
        return
    result = classifier.classify(_read_text(text), lang=lang, title=title)
    if not pretty:
        click.echo(_dump(result.model_dump(mode="json")))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"lang={result.lang} ({result.lang_confidence:.2f})")
    for col in ("label", "score", "passed", "evidence"):
        table.add_column(col)
    for r in result.labels:
        ev = "\n".join(f"[{e.start}:{e.end}] {e.sentence[:120]}" for e in r.evidence[:3])
        if r.conditions:
            ev += "\nconditions: " + " | ".join(r.conditions)
        table.add_row(r.label.value, f"{r.score:.2f}", "yes" if r.passed else "no", ev)
    console.print(table)
    console.print("entities: " + ", ".join(f"{e.kind.value}:{e.id}" for e in result.entities))


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
def eval_command(file: Path, as_json: bool) -> None:
    """Evaluate on FILE.jsonl ({id, lang, text, labels}): P/R/F1 per label and language."""
    rows = [orjson.loads(line) for line in file.read_bytes().splitlines() if line.strip()]
    classifier = Classifier.load()
    if len(rows) >= _PROGRESS_MIN_ROWS:
        from rich.progress import Progress

        with Progress(transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("classifying", total=len(rows))
            report = evaluate(rows, classifier, progress=lambda n: bar.advance(task, n))
    else:
        report = evaluate(rows, classifier)
    if as_json:
        click.echo(_dump(report.as_json()))
    else:
        _print_report(report)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _print_report(report: EvalReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    labels = Table(title=f"macro F1 = {report.macro_f1:.3f}")
    for col in ("label", "precision", "recall", "F1", "support"):
        labels.add_column(col)
    for name, s in report.per_label.items():
        labels.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support))
    console.print(labels)
    langs = Table(title="per language")
    langs.add_column("lang")
    langs.add_column("macro F1")
    langs.add_column("n")
    for lang, (f1, n) in report.per_lang.items():
        langs.add_row(lang, f"{f1:.3f}", str(n))
    console.print(langs)
    console.print("worst misses:")
    for m in report.misses:
        console.print(f"  {m.kind} {m.id} {m.label} score={m.score:.2f} {m.text[:100]!r}")
