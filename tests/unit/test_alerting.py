"""From classification to alert messages: matches per passed label, then alert / update / replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from agents.core.alerting import Emission, article_ref, matches_for, plan_emission
from agents.core.classifier import Classifier
from agents.core.ingest import Accepted, Origin, ingest
from agents.core.routing import DEFAULT_ROUTES, Route, load_routes
from agents.core.stories import StoryIndex, signature
from schemas.alert import Alert, AlertKind
from schemas.article import Article
from schemas.evidence import Category
from schemas.ids import make_alert_id
from schemas.match import Match
from streams.settings import Settings
from tests.support.pipeline import SAMPLES, seed_article

T_INGEST = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
T_CLASSIFY = T_INGEST + timedelta(seconds=1)
T_FIRST = T_INGEST + timedelta(seconds=2)
T_SECOND = T_INGEST + timedelta(minutes=10)
NAMES = Settings().topic_names


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


def article(payload: bytes) -> Article:
    result = ingest(payload, origin=Origin("news.raw", 0, 0), now=T_INGEST)
    assert isinstance(result, Accepted), result
    return result.article


def sample_rows() -> dict[str, bytes]:
    lines = [line for line in (SAMPLES / "articles.jsonl").read_bytes().splitlines() if line.strip()]
    return {orjson.loads(line)["id"]: line for line in lines}


def classify_matches(classifier: Classifier, art: Article) -> list[Match]:
    classification = classifier.classify(art.text, lang=art.lang, title=art.title)
    return matches_for(art, classification, T_CLASSIFY)


def match_of(matches: list[Match], category: Category) -> Match:
    (found,) = [m for m in matches if m.category is category]
    return found


def decode(emission: Emission) -> Alert:
    return Alert.model_validate(orjson.loads(emission.value))


# --- matches_for ------------------------------------------------------------------------------


def test_seed_article_gives_one_match_per_passed_label(classifier: Classifier) -> None:
    art = article(seed_article())
    classification = classifier.classify(art.text, lang=art.lang, title=art.title)
    matches = matches_for(art, classification, T_CLASSIFY)
    assert [m.category for m in matches] == classification.passed
    assert set(classification.passed) == set(Category)
    for m in matches:
        assert m.article == article_ref(art)
        assert m.result == classification.result(m.category)
        assert m.entities == classification.entities
        assert m.signature == signature(f"{art.title}\n{art.text}")
        assert m.ingested_at == art.ingested_at == T_INGEST
        assert m.classified_at == T_CLASSIFY


def test_article_with_no_passed_label_gives_no_matches(classifier: Classifier) -> None:
    art = article(sample_rows()["demo-neg-weather"])
    classification = classifier.classify(art.text, lang=art.lang, title=art.title)
    assert classification.passed == []
    assert matches_for(art, classification, T_CLASSIFY) == []


def test_each_sample_gets_exactly_its_passed_labels_as_matches(classifier: Classifier) -> None:
    for raw in sample_rows().values():
        art = article(raw)
        classification = classifier.classify(art.text, lang=art.lang, title=art.title)
        matches = matches_for(art, classification, T_CLASSIFY)
        assert [m.category for m in matches] == classification.passed, art.article_id


# --- plan_emission -----------------------------------------------------------------------------


@pytest.fixture
def routes() -> list[Route]:
    return load_routes(DEFAULT_ROUTES)


@pytest.fixture
def wire(classifier: Classifier) -> tuple[Match, Match]:
    rows = sample_rows()
    first = match_of(classify_matches(classifier, article(rows["demo-wire-1"])), Category.NEGOTIATION_ROUND)
    second = match_of(classify_matches(classifier, article(rows["demo-wire-2"])), Category.NEGOTIATION_ROUND)
    return first, second


def test_first_article_of_a_story_raises_an_alert(routes: list[Route], wire: tuple[Match, Match]) -> None:
    first, _ = wire
    index = StoryIndex({}, 48 * 3600)
    emission = plan_emission(first, index, routes, NAMES, T_FIRST)
    assert emission is not None
    assert emission.kind is AlertKind.ALERT and emission.replay is False
    assert emission.topics == ("alerts.negotiations",)
    story_id = first.article.article_id
    assert emission.key == story_id.encode()
    alert = decode(emission)
    assert alert.kind is AlertKind.ALERT
    assert alert.story_id == story_id
    assert alert.alert_id == make_alert_id(story_id, Category.NEGOTIATION_ROUND)
    assert alert.category is Category.NEGOTIATION_ROUND
    assert alert.article == first.article
    assert alert.score == first.result.score
    assert alert.evidence == first.result.evidence
    assert alert.also_reported_by == []
    assert alert.emitted_at == T_FIRST
    assert alert.first_seen == T_FIRST


def test_near_copy_from_another_source_raises_an_update_naming_it(
    routes: list[Route], wire: tuple[Match, Match]
) -> None:
    first, second = wire
    assert first.article.source != second.article.source
    index = StoryIndex({}, 48 * 3600)
    original = plan_emission(first, index, routes, NAMES, T_FIRST)
    update = plan_emission(second, index, routes, NAMES, T_SECOND)
    assert original is not None and update is not None
    assert update.kind is AlertKind.UPDATE and update.replay is False
    assert update.key == original.key
    assert update.topics == original.topics
    alert, before = decode(update), decode(original)
    assert alert.kind is AlertKind.UPDATE
    assert alert.alert_id == before.alert_id
    assert alert.story_id == before.story_id == first.article.article_id
    assert alert.article.article_id == second.article.article_id
    assert [(a.source, a.url, a.article_id) for a in alert.also_reported_by] == [
        (second.article.source, second.article.url, second.article.article_id)
    ]
    assert alert.first_seen == T_FIRST
    assert alert.emitted_at == T_SECOND


def test_same_match_again_replays_byte_identical_value(routes: list[Route], wire: tuple[Match, Match]) -> None:
    first, _ = wire
    index = StoryIndex({}, 48 * 3600)
    original = plan_emission(first, index, routes, NAMES, T_FIRST)
    again = plan_emission(first, index, routes, NAMES, T_SECOND)
    assert original is not None and again is not None
    assert again.replay is True
    assert again.value == original.value
    assert (again.key, again.topics, again.kind) == (original.key, original.topics, original.kind)


def test_replay_of_an_update_keeps_its_kind(routes: list[Route], wire: tuple[Match, Match]) -> None:
    first, second = wire
    index = StoryIndex({}, 48 * 3600)
    plan_emission(first, index, routes, NAMES, T_FIRST)
    update = plan_emission(second, index, routes, NAMES, T_SECOND)
    again = plan_emission(second, index, routes, NAMES, T_SECOND + timedelta(hours=1))
    assert update is not None and again is not None
    assert again.replay is True and again.kind is AlertKind.UPDATE and again.value == update.value


def test_no_matching_route_emits_nothing_and_records_nothing(wire: tuple[Match, Match]) -> None:
    first, _ = wire
    store: dict[str, Any] = {}
    index = StoryIndex(store, 48 * 3600)
    elsewhere = [Route(name="only-ceasefire", category=[Category.CEASEFIRE_CONDITION], topics=["ceasefire"])]
    assert plan_emission(first, index, elsewhere, NAMES, T_FIRST) is None
    assert store == {}
    assert plan_emission(first, index, [], NAMES, T_FIRST) is None
    assert store == {}


def test_emission_is_deterministic_for_the_same_inputs(routes: list[Route], wire: tuple[Match, Match]) -> None:
    first, _ = wire
    one = plan_emission(first, StoryIndex({}, 3600), routes, NAMES, T_FIRST)
    two = plan_emission(first, StoryIndex({}, 3600), routes, NAMES, T_FIRST)
    assert one is not None and two is not None
    assert one == two


def test_routes_fan_out_to_several_topics_with_catalogue_names(wire: tuple[Match, Match]) -> None:
    first, _ = wire
    routes = [
        Route(name="main", category=[Category.NEGOTIATION_ROUND], topics=["negotiations"]),
        Route(name="desk", category=[Category.NEGOTIATION_ROUND], topics=["desk.iran", "negotiations"]),
    ]
    emission = plan_emission(first, StoryIndex({}, 3600), routes, NAMES, T_FIRST)
    assert emission is not None
    assert emission.topics == ("alerts.negotiations", "desk.iran")


def test_seed_article_raises_one_alert_per_category_on_default_routes(
    classifier: Classifier, routes: list[Route]
) -> None:
    index = StoryIndex({}, 48 * 3600)
    art = article(seed_article())
    emissions = {m.category: plan_emission(m, index, routes, NAMES, T_FIRST) for m in classify_matches(classifier, art)}
    assert {c: e.topics for c, e in emissions.items() if e} == {
        Category.NEGOTIATION_ROUND: ("alerts.negotiations",),
        Category.CEASEFIRE_CONDITION: ("alerts.ceasefire",),
        Category.LEADER_STATEMENT: ("alerts.statements",),
    }
    ids = {decode(e).alert_id for e in emissions.values() if e}
    assert len(ids) == 3  # same story, different category: different alert ids
