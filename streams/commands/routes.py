"""`wirewatch routes check FILE`: validate a routing file and show which routes fire for a sample."""

from __future__ import annotations

from pathlib import Path

import click

from agents.core.classifier import Classifier
from agents.core.routing import Candidate, RoutesError, destinations, load_routes, matches
from schemas.evidence import EntityKind
from streams.settings import load_settings

DEFAULT_SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "seed-article-ar.txt"


@click.group("routes")
def routes_group() -> None:
    """Routing rules: which alert topics each label goes to."""


@routes_group.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--sample", type=click.Path(exists=True, path_type=Path), default=None,
              help="A text file to classify and route (default: the seed article).")  # fmt: skip
@click.option("--source", default="example.org", show_default=True, help="The sample's source.")
def check(file: Path, sample: Path | None, source: str) -> None:
    """Validate FILE and show, for a sample article, which routes fire and where they send it."""
    try:
        routes = load_routes(file)
    except RoutesError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{file}: {len(routes)} route(s) valid")
    sample = sample or DEFAULT_SAMPLE
    text = sample.read_text(encoding="utf-8")
    result = Classifier.load().classify(text)
    leaders = frozenset(e.id for e in result.entities if e.kind is EntityKind.LEADER)
    names = load_settings().topic_names
    click.echo(f"sample {sample.name}: lang={result.lang} labels={[c.value for c in result.passed] or 'none'}")
    for label in result.labels:
        if not label.passed:
            continue
        candidate = Candidate(label.label, label.score, result.lang, source, leaders)
        fired = [r.name for r in routes if matches(r, candidate)]
        topics = destinations(routes, candidate, names)
        click.echo(f"  {label.label.value} ({label.score:.2f}): routes {fired or 'none'} -> {topics or 'no topic'}")
