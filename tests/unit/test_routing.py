"""Routing rules: conditions, destinations, TOML/YAML files, errors with file:line, live reload."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from agents.core.routing import (
    DEFAULT_ROUTES,
    Candidate,
    Route,
    RoutesError,
    RouteTable,
    destinations,
    load_routes,
    matches,
)
from schemas.evidence import Category
from streams.settings import Settings

NEG = Category.NEGOTIATION_ROUND
CEASE = Category.CEASEFIRE_CONDITION
STATE = Category.LEADER_STATEMENT


def cand(
    category: Category = CEASE,
    score: float = 0.8,
    lang: str = "ar",
    source: str = "aljazeera.net",
    leaders: tuple[str, ...] = ("putin",),
) -> Candidate:
    return Candidate(category, score, lang, source, frozenset(leaders))


def route(**fields: object) -> Route:
    base: dict[str, object] = {"name": "r", "category": "ceasefire_condition", "topics": ["t"]}
    return Route.model_validate({**base, **fields})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults -------------------------------------------------------------------------------------


def test_default_routes_send_each_category_to_its_own_catalogue_topic() -> None:
    routes = load_routes(DEFAULT_ROUTES)
    assert [r.name for r in routes] == ["negotiations", "ceasefire", "statements"]
    names = Settings().topic_names
    assert destinations(routes, cand(NEG), names) == ["alerts.negotiations"]
    assert destinations(routes, cand(CEASE), names) == ["alerts.ceasefire"]
    assert destinations(routes, cand(STATE), names) == ["alerts.statements"]


# --- conditions -----------------------------------------------------------------------------------


def test_single_category_matches_only_that_category() -> None:
    r = route(category="ceasefire_condition")
    assert r.category == [CEASE]
    assert matches(r, cand(CEASE))
    assert not matches(r, cand(NEG))


def test_category_list_matches_any_listed_category() -> None:
    r = route(category=["leader_statement", "ceasefire_condition"])
    assert matches(r, cand(CEASE))
    assert matches(r, cand(STATE))
    assert not matches(r, cand(NEG))


def test_min_score_is_inclusive_lower_bound() -> None:
    r = route(min_score=0.5)
    assert matches(r, cand(score=0.5))
    assert matches(r, cand(score=0.9))
    assert not matches(r, cand(score=0.49))


def test_languages_condition_is_case_insensitive() -> None:
    r = route(languages=["RU", " ar "])
    assert matches(r, cand(lang="ar"))
    assert matches(r, cand(lang="RU"))
    assert not matches(r, cand(lang="en"))


def test_leaders_any_needs_one_shared_leader() -> None:
    r = route(leaders_any=["Putin", "lavrov"])
    assert matches(r, cand(leaders=("lavrov", "trump")))
    assert matches(r, cand(leaders=("putin",)))
    assert not matches(r, cand(leaders=("trump",)))
    assert not matches(r, cand(leaders=()))


def test_sources_match_exactly_or_as_subdomain() -> None:
    r = route(sources=["reuters.com"])
    assert matches(r, cand(source="reuters.com"))
    assert matches(r, cand(source="uk.reuters.com"))
    assert matches(r, cand(source="Reuters.COM"))
    assert not matches(r, cand(source="notreuters.com"))
    assert not matches(r, cand(source="reuters.com.evil.org"))


def test_disabled_route_never_matches() -> None:
    assert not matches(route(enabled=False), cand())


def test_all_conditions_must_hold() -> None:
    r = route(min_score=0.5, languages=["ar"], leaders_any=["putin"], sources=["aljazeera.net"])
    assert matches(r, cand())
    assert not matches(r, cand(lang="en"))
    assert not matches(r, cand(leaders=("trump",)))
    assert not matches(r, cand(source="bbc.co.uk"))
    assert not matches(r, cand(score=0.1))


# --- destinations ---------------------------------------------------------------------------------


def test_destinations_resolve_catalogue_keys_keep_literals_and_dedup_in_rule_order() -> None:
    routes = [
        route(name="a", topics=["ceasefire", "desk.kremlin"]),
        route(name="b", topics=["desk.kremlin", "statements"]),
        route(name="c", category="negotiation_round", topics=["negotiations"]),
        route(name="d", topics=["alerts.ceasefire"]),
    ]
    names = Settings(topic_ceasefire="alerts.ceasefire", topic_statements="prod.statements").topic_names
    assert destinations(routes, cand(CEASE), names) == ["alerts.ceasefire", "desk.kremlin", "prod.statements"]


def test_destinations_empty_when_no_route_matches() -> None:
    assert destinations([route(category="negotiation_round")], cand(CEASE), Settings().topic_names) == []


# --- files ----------------------------------------------------------------------------------------

TOML_RULES = """\
# comment
[[route]]
name = "ceasefire"
category = "ceasefire_condition"
min_score = 0.5
topics = ["ceasefire"]

[[route]]
name = "kremlin-desk"
category = ["leader_statement", "ceasefire_condition"]
leaders_any = ["putin", "lavrov"]
languages = ["ru", "uk", "ar"]
topics = ["desk.kremlin"]
"""

YAML_RULES = """\
routes:
  - name: ceasefire
    category: ceasefire_condition
    min_score: 0.5
    topics: [ceasefire]
  - name: kremlin-desk
    category: [leader_statement, ceasefire_condition]
    leaders_any: [putin, lavrov]
    languages: [ru, uk, ar]
    topics: [desk.kremlin]
"""


@pytest.mark.parametrize(("name", "text"), [("r.toml", TOML_RULES), ("r.yaml", YAML_RULES), ("r.yml", YAML_RULES)])
def test_toml_and_yaml_files_load_the_same_rules(tmp_path: Path, name: str, text: str) -> None:
    routes = load_routes(write(tmp_path, name, text))
    assert [r.name for r in routes] == ["ceasefire", "kremlin-desk"]
    assert routes[0].min_score == 0.5
    assert routes[1].category == [STATE, CEASE]
    assert routes[1].leaders_any == ["putin", "lavrov"]
    names = Settings().topic_names
    assert destinations(routes, cand(CEASE, leaders=("lavrov",)), names) == ["alerts.ceasefire", "desk.kremlin"]


def test_missing_file_is_a_routes_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(RoutesError, match=re.escape(str(path))):
        load_routes(path)


# --- errors name file and line -----------------------------------------------------------------

SECOND_ROUTE_LINE = 8  # line of the second [[route]] header in the broken files below


def _toml_with_bad_second_route(bad: str) -> str:
    return (
        "# rules\n"
        "\n"
        "[[route]]\n"
        'name = "ok"\n'
        'category = "negotiation_round"\n'
        'topics = ["negotiations"]\n'
        "\n"
        "[[route]]\n"  # line 8
        'name = "bad"\n' + bad
    )


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ('category = "weather"\ntopics = ["x"]\n', "category"),
        ('category = "negotiation_round"\ntopics = ["x"]\ncolour = "red"\n', "colour"),
        ('category = "negotiation_round"\ntopics = []\n', "topics"),
        ('category = "negotiation_round"\ntopics = ["x"]\nmin_score = 1.5\n', "min_score"),
        ('category = "negotiation_round"\ntopics = ["x"]\nmin_score = -0.1\n', "min_score"),
        ('category = "negotiation_round"\n', "topics"),
    ],
    ids=["unknown-category", "unknown-key", "empty-topics", "min-score-above-1", "min-score-negative", "no-topics"],
)
def test_toml_route_error_names_file_line_and_route(tmp_path: Path, bad: str, says: str) -> None:
    path = write(tmp_path, "rules.toml", _toml_with_bad_second_route(bad))
    with pytest.raises(RoutesError) as info:
        load_routes(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{SECOND_ROUTE_LINE}:"), message
    assert "'bad'" in message
    assert says in message


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("    category: weather\n    topics: [x]\n", "category"),
        ("    category: negotiation_round\n    topics: [x]\n    colour: red\n", "colour"),
        ("    category: negotiation_round\n    topics: []\n", "topics"),
        ("    category: negotiation_round\n    topics: [x]\n    min_score: 2\n", "min_score"),
    ],
    ids=["unknown-category", "unknown-key", "empty-topics", "bad-min-score"],
)
def test_yaml_route_error_names_file_line_and_route(tmp_path: Path, bad: str, says: str) -> None:
    text = "routes:\n  - name: ok\n    category: negotiation_round\n    topics: [negotiations]\n\n  - name: bad\n" + bad
    path = write(tmp_path, "rules.yaml", text)
    with pytest.raises(RoutesError) as info:
        load_routes(path)
    message = str(info.value)
    assert message.startswith(f"{path}:6:"), message
    assert "'bad'" in message and says in message


def test_invalid_toml_syntax_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", '[[route]]\nname = "a"\ncategory = \n')
    with pytest.raises(RoutesError) as info:
        load_routes(path)
    message = str(info.value)
    assert str(path) in message and "invalid TOML" in message
    assert "line 3" in message


def test_yaml_that_is_not_a_mapping_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.yaml", "- name: a\n  category: negotiation_round\n  topics: [x]\n")
    with pytest.raises(RoutesError, match=rf"^{re.escape(str(path))}:1: expected a mapping"):
        load_routes(path)


def test_invalid_yaml_syntax_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.yaml", "routes:\n  - name: [unclosed\n")
    with pytest.raises(RoutesError) as info:
        load_routes(path)
    assert str(path) in str(info.value) and "line" in str(info.value)


def test_duplicate_route_names_are_rejected_naming_the_name(tmp_path: Path) -> None:
    text = _toml_with_bad_second_route('category = "ceasefire_condition"\ntopics = ["x"]\n').replace('"bad"', '"ok"')
    path = write(tmp_path, "rules.toml", text)
    with pytest.raises(RoutesError, match=rf"^{re.escape(str(path))}:\d+: route name 'ok' is already used"):
        load_routes(path)


def test_duplicate_route_names_error_names_the_line_of_the_repeat(tmp_path: Path) -> None:
    """The module promises every error names the file and line of the offending route."""
    text = _toml_with_bad_second_route('category = "ceasefire_condition"\ntopics = ["x"]\n').replace('"bad"', '"ok"')
    path = write(tmp_path, "rules.toml", text)
    with pytest.raises(RoutesError) as info:
        load_routes(path)
    assert str(info.value).startswith(f"{path}:{SECOND_ROUTE_LINE}:"), str(info.value)


def test_unknown_top_level_toml_key_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", '[routes]\nname = "a"\n')
    with pytest.raises(RoutesError, match=rf"^{re.escape(str(path))}:1: unknown top-level key"):
        load_routes(path)


# --- RouteTable reloads ---------------------------------------------------------------------------


def _bump(path: Path, text: str, stamp: float) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (stamp, stamp))


ONE = '[[route]]\nname = "one"\ncategory = "negotiation_round"\ntopics = ["negotiations"]\n'
TWO = ONE + '\n[[route]]\nname = "two"\ncategory = "ceasefire_condition"\ntopics = ["ceasefire"]\n'


def test_route_table_reloads_a_changed_file_after_the_interval(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", ONE)
    os.utime(path, (1_000_000, 1_000_000))
    table = RouteTable(path, interval=2.0)
    assert [r.name for r in table.current(now=100.0)] == ["one"]
    _bump(path, TWO, 1_000_010)
    assert [r.name for r in table.current(now=101.0)] == ["one"]  # within the interval: not checked
    assert [r.name for r in table.current(now=103.0)] == ["one", "two"]
    assert table.last_error is None


def test_route_table_keeps_last_good_rules_when_the_new_file_is_broken(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", ONE)
    os.utime(path, (1_000_000, 1_000_000))
    table = RouteTable(path, interval=2.0)
    _bump(path, ONE + '\n[[route]]\nname = "bad"\ncategory = "weather"\ntopics = ["x"]\n', 1_000_010)
    assert [r.name for r in table.current(now=100.0)] == ["one"]
    assert table.last_error is not None
    assert table.last_error.startswith(f"{path}:6: route 'bad': category")
    _bump(path, TWO, 1_000_020)
    assert [r.name for r in table.current(now=110.0)] == ["one", "two"]
    assert table.last_error is None


def test_route_table_reports_each_rejected_edit_once(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", ONE)
    os.utime(path, (1_000_000, 1_000_000))
    reported: list[str] = []
    table = RouteTable(path, interval=1.0, on_error=reported.append)
    _bump(path, "[[route]]\nname = 3\n", 1_000_010)
    for now in (100.0, 102.0, 104.0):  # checked three times, rejected edit reported once
        table.current(now=now)
    assert len(reported) == 1 and reported[0].startswith(f"{path}:1:")
    _bump(path, "not toml [", 1_000_020)
    table.current(now=106.0)
    assert len(reported) == 2 and "invalid TOML" in reported[1]


def test_route_table_unchanged_file_keeps_rules_without_error(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.toml", ONE)
    table = RouteTable(path, interval=0.5)
    first = table.current(now=10.0)
    assert table.current(now=20.0) is first
    assert table.last_error is None


def test_route_table_defaults_to_default_routes() -> None:
    assert RouteTable().path == DEFAULT_ROUTES


def test_route_table_with_broken_file_at_start_raises(tmp_path: Path) -> None:
    with pytest.raises(RoutesError):
        RouteTable(write(tmp_path, "rules.toml", "[[route]]\n"))
