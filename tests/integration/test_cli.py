"""The `wirewatch` command line as users run it: real subprocesses, a real broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from schemas.alert import Alert, AlertKind, ArticleRef
from schemas.evidence import Category, Evidence
from schemas.ids import make_alert_id
from schemas.topics import resolve, schema_file_name
from streams.localkafka import free_port_base
from tests.support.kafka import create_topics, drain, produce

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def wirewatch(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run `python -m streams ARGS` from the repository root; WIREWATCH_* of the caller are dropped."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "streams", *args],
        cwd=REPO,
        env={**base, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- kafka up / status / down -----------------------------------------------------------------------


@pytest.fixture
def own_broker_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory for `wirewatch kafka up`; whatever it started is stopped afterwards."""
    data = tmp_path / "data"
    yield data
    wirewatch("kafka", "down", "--data-dir", str(data), timeout=60)


def test_kafka_up_status_down(own_broker_dir: Path) -> None:
    port = free_port_base(1)
    data = str(own_broker_dir)

    up = wirewatch("kafka", "up", "--data-dir", data, "--port", str(port))
    assert up.returncode == 0, up.stdout + up.stderr
    assert f"bootstrap 127.0.0.1:{port}" in up.stdout
    assert f"export WIREWATCH_KAFKA_BOOTSTRAP=127.0.0.1:{port}" in up.stdout

    status = wirewatch("kafka", "status", "--data-dir", data)
    assert status.returncode == 0, status.stdout + status.stderr
    assert f"bootstrap: 127.0.0.1:{port}" in status.stdout
    assert "1 ready, 1 running, of 1" in status.stdout

    again = wirewatch("kafka", "up", "--data-dir", data)  # idempotent; the recorded port is reused
    assert again.returncode == 0 and "already running" in again.stdout
    assert f"127.0.0.1:{port}" in again.stdout

    down = wirewatch("kafka", "down", "--data-dir", data)
    assert down.returncode == 0
    assert "stopped 1 broker process(es)" in down.stdout

    after = wirewatch("kafka", "status", "--data-dir", data)
    assert after.returncode != 0
    assert "0 ready, 0 running, of 1" in after.stdout

    again_down = wirewatch("kafka", "down", "--data-dir", data)
    assert again_down.returncode == 0 and "no local broker was running" in again_down.stdout


def test_kafka_status_of_an_empty_directory_fails(tmp_path: Path) -> None:
    result = wirewatch("kafka", "status", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "0 ready" in result.stdout


# --- produce and tail ---------------------------------------------------------------------------------


async def test_produce_sends_every_sample_article(kafka_bootstrap: str, unique: str) -> None:
    topic = f"cli-produce-{unique}"
    await create_topics(kafka_bootstrap, [topic], partitions=3)
    result = wirewatch(
        "produce", str(SAMPLES / "articles.jsonl"), "--topic", topic, env={"WIREWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"produced 11 article(s) to {topic}" in result.stdout
    records = await drain(kafka_bootstrap, [topic], expect=11, timeout=60, idle=2)
    assert len(records) == 11
    expected = {orjson.loads(line)["id"] for line in (SAMPLES / "articles.jsonl").read_bytes().splitlines() if line}
    assert {orjson.loads(r.value or b"")["id"] for r in records} == expected


def test_produce_with_a_bad_bootstrap_setting_exits_naming_the_variable(tmp_path: Path) -> None:
    result = wirewatch("produce", str(SAMPLES / "articles.jsonl"), env={"WIREWATCH_KAFKA_BOOTSTRAP": "nope"})
    assert result.returncode != 0
    assert "WIREWATCH_KAFKA_BOOTSTRAP" in result.stderr
    assert "Traceback" not in result.stderr


def one_alert(title: str = "Truce terms agreed") -> Alert:
    category = Category.CEASEFIRE_CONDITION
    return Alert(
        kind=AlertKind.ALERT,
        alert_id=make_alert_id("story-cli", category),
        category=category,
        score=0.87,
        story_id="story-cli",
        article=ArticleRef(
            article_id="u-cli", url="https://example.org/truce", title=title, source="example.org", lang="en"
        ),
        evidence=[Evidence(sentence="Both sides agreed to a truce.", start=0, end=29, terms=["truce"])],
        first_seen=datetime(2025, 6, 1, tzinfo=UTC),
        emitted_at=datetime(2025, 6, 1, tzinfo=UTC),
    )


async def tail_one(bootstrap: str, topic: str, alert: Alert) -> subprocess.CompletedProcess[str]:
    """Fill ``topic`` with a non-alert record and ``alert``; run `wirewatch tail` on it."""
    await create_topics(bootstrap, [topic], partitions=1)
    value = orjson.dumps(alert.model_dump(mode="json"))
    await produce(bootstrap, topic, [(b"story-cli", b"not json at all"), (alert.story_id.encode(), value)])
    return wirewatch(
        "tail", topic, "--from-beginning", "--max", "1", "--timeout", "20",
        env={"WIREWATCH_KAFKA_BOOTSTRAP": bootstrap, "COLUMNS": "200"},
    )  # fmt: skip


async def test_tail_prints_an_alert_from_the_beginning(kafka_bootstrap: str, unique: str) -> None:
    result = await tail_one(kafka_bootstrap, f"cli-tail-{unique}", one_alert())
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "[CEASEFIRE TERMS] 0.87 en example.org: Truce terms agreed" in lines
    assert "    evidence: Both sides agreed to a truce." in [line.split("  [")[0].rstrip() for line in lines]
    assert "    url: https://example.org/truce" in lines
    assert "not an alert" in lines[0]  # the bad record is reported, not fatal


async def test_tail_shows_evidence_terms_verbatim(kafka_bootstrap: str, unique: str) -> None:
    result = await tail_one(kafka_bootstrap, f"cli-tail-terms-{unique}", one_alert())
    assert "    evidence: Both sides agreed to a truce.  [truce]" in result.stdout.splitlines()


async def test_tail_survives_markup_like_text_in_a_title(kafka_bootstrap: str, unique: str) -> None:
    result = await tail_one(kafka_bootstrap, f"cli-tail-markup-{unique}", one_alert("Talks [/x] resume"))
    assert result.returncode == 0, result.stderr
    assert "Talks [/x] resume" in result.stdout


# --- routes check --------------------------------------------------------------------------------------


def test_routes_check_shows_the_three_default_routes_firing_for_the_seed() -> None:
    result = wirewatch("routes", "check", "agents/core/default_routes.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "agents/core/default_routes.toml: 3 route(s) valid" in out
    assert "sample seed-article-ar.txt: lang=ar" in out
    assert "routes ['negotiations'] -> ['alerts.negotiations']" in out
    assert "routes ['ceasefire'] -> ['alerts.ceasefire']" in out
    assert "routes ['statements'] -> ['alerts.statements']" in out


def test_routes_check_of_a_broken_file_exits_with_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[route]]\nname = "ok"\ncategory = "negotiation_round"\ntopics = ["negotiations"]\n\n'
        '[[route]]\nname = "bad"\ncategory = "weather"\ntopics = ["x"]\n',
        encoding="utf-8",
    )
    result = wirewatch("routes", "check", str(rules))
    assert result.returncode != 0
    assert f"{rules}:6:" in result.stderr
    assert "'bad'" in result.stderr
    assert "Traceback" not in result.stderr


def test_routes_check_of_a_missing_file_exits_non_zero(tmp_path: Path) -> None:
    result = wirewatch("routes", "check", str(tmp_path / "none.toml"))
    assert result.returncode != 0
    assert "none.toml" in result.stderr and "Traceback" not in result.stderr


# --- classify and schemas -------------------------------------------------------------------------------


def test_classify_jsonl_from_stdin() -> None:
    seed = (SAMPLES / "seed-article-ar.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "seed", "text": seed}),
        "",
        json.dumps({"id": "weather", "text": "Storm brings heavy rain to northern England.", "lang": "en"}),
    ]
    result = wirewatch("classify", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["seed", "weather"]
    assert rows[0]["lang"] == "ar"
    assert set(rows[0]["labels"]) == {"negotiation_round", "ceasefire_condition", "leader_statement"}
    assert len(rows[0]["results"]) == 3
    assert rows[1]["labels"] == []


def test_classify_jsonl_bad_line_names_the_line() -> None:
    result = wirewatch("classify", "--jsonl", "-", stdin='{"id": 1, "text": "x"}\n{not json\n')
    assert result.returncode != 0
    assert "line 2: invalid JSON" in result.stderr


def test_schemas_export_writes_one_schema_per_value_model(tmp_path: Path) -> None:
    out = tmp_path / "json"
    result = wirewatch("schemas", "export", str(out))
    assert result.returncode == 0, result.stderr
    expected = {schema_file_name(spec.value_model) for spec in resolve()}
    assert {p.name for p in out.iterdir()} == expected
    for path in out.iterdir():
        assert json.loads(path.read_text())["type"] == "object"
    for name in expected:  # identical to the committed contract files
        assert (out / name).read_text() == (REPO / "schemas" / "json" / name).read_text()
    check = wirewatch("schemas", "export", str(out), "--check")
    assert check.returncode == 0 and "up to date" in check.stdout
