"""Delivery to bots, the pure parts: subscriptions and their files, payloads, retry policy, and the
sender's retry loop against an in-process transport (no sockets)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from agents.core.delivery import (
    SLACK_API_URL,
    DeliveriesError,
    RetryPolicy,
    Subscription,
    Verdict,
    classify_response,
    load_subscriptions,
    parse_retry_after,
    select,
    slack_escape,
    slack_payload,
    wants,
    webhook_headers,
    webhook_payload,
)
from agents.core.slack import THREAD_TTL_SECONDS, ThreadMemory, api_payload, classify_api, thread_key
from schemas.alert import Alert, AlertKind, ArticleRef
from schemas.evidence import Category, Entity, EntityKind, Evidence
from schemas.ids import make_alert_id
from streams.delivery_http import Sender

T = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
URL = "https://hooks.example.org/services/T/B/secret"


def make_alert(**fields: Any) -> Alert:
    category = fields.pop("category", Category.CEASEFIRE_CONDITION)
    base: dict[str, Any] = {
        "kind": AlertKind.ALERT,
        "alert_id": make_alert_id("s-1", category),
        "category": category,
        "score": 0.9,
        "story_id": "s-1",
        "article": ArticleRef(
            article_id="u-1", url="https://x.org/a", title="Truce <terms> & more", source="aljazeera.net", lang="ar"
        ),
        "entities": [Entity(kind=EntityKind.LEADER, id="putin", name="Vladimir Putin")],
        "evidence": [Evidence(sentence="Putin said <b>", start=0, end=14, terms=["said"])],
        "first_seen": T,
        "emitted_at": T,
    }
    return Alert(**{**base, **fields})


def sub(**fields: Any) -> Subscription:
    return Subscription.model_validate({"name": "d", "kind": "webhook", "url": URL, **fields})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- filters --------------------------------------------------------------------------------------


def test_defaults_take_every_category_and_updates() -> None:
    s = sub()
    assert set(s.category) == set(Category)
    assert (s.include_updates, s.timeout_seconds, s.max_attempts, s.budget_seconds) == (True, 5.0, 5, 30.0)
    for category in Category:
        assert wants(s, make_alert(category=category))
    assert wants(s, make_alert(kind=AlertKind.UPDATE))


def test_filters_reuse_routing_conditions() -> None:
    alert = make_alert()
    assert wants(sub(category="ceasefire_condition"), alert)
    assert not wants(sub(category=["leader_statement"]), alert)
    assert not wants(sub(min_score=0.95), alert)
    assert wants(sub(languages=["AR", "ru"]), alert)
    assert not wants(sub(languages=["en"]), alert)
    assert wants(sub(leaders_any=["putin"]), alert)
    assert not wants(sub(leaders_any=["zelensky"]), alert)
    assert wants(sub(sources=["aljazeera.net"]), alert)
    assert not wants(sub(sources=["bbc.co.uk"]), alert)
    assert not wants(sub(enabled=False), alert)


def test_updates_can_be_left_out() -> None:
    s = sub(include_updates=False)
    assert wants(s, make_alert()) and not wants(s, make_alert(kind=AlertKind.UPDATE))


def test_select_keeps_file_order() -> None:
    subs = [sub(name="a"), sub(name="b", category="leader_statement"), sub(name="c")]
    assert [s.name for s in select(subs, make_alert())] == ["a", "c"]


def test_safe_url_hides_the_secret_path() -> None:
    assert sub(url="https://user:pw@hooks.slack.com/services/T/B/XYZ").safe_url == "https://hooks.slack.com/…"


# --- payloads -------------------------------------------------------------------------------------


def test_slack_escape_control_characters() -> None:
    assert slack_escape("a & b <@U123> <!here>") == "a &amp; b &lt;@U123&gt; &lt;!here&gt;"


def test_slack_payload_has_fallback_text_and_blocks_from_render() -> None:
    payload = slack_payload(make_alert())
    assert payload["text"] == "[CEASEFIRE TERMS] 0.90 ar aljazeera.net: Truce &lt;terms&gt; &amp; more"
    blocks = payload["blocks"]
    assert blocks[0] == {"type": "section", "text": {"type": "mrkdwn", "text": f"*{payload['text']}*"}}
    body = blocks[1]["text"]["text"]
    assert "leaders: Vladimir Putin" in body and "Putin said &lt;b&gt;" in body and "<" not in body
    assert blocks[-1]["type"] == "context" and "New alert" in blocks[-1]["elements"][0]["text"]
    orjson.dumps(payload)  # JSON-serialisable as is


def test_slack_payload_says_when_it_is_an_update() -> None:
    payload = slack_payload(make_alert(kind=AlertKind.UPDATE))
    assert payload["text"].startswith("Update: [CEASEFIRE TERMS] (update)")
    assert "Update to an earlier alert" in payload["blocks"][-1]["elements"][0]["text"]


def test_slack_blocks_stay_within_slack_limits() -> None:
    many = [Evidence(sentence="x" * 5000, start=0, end=5000)] * 2
    payload = slack_payload(make_alert(evidence=many, conditions=["y" * 5000] * 2))
    assert all(len(b["text"]["text"]) <= 3000 for b in payload["blocks"] if "text" in b)


def test_webhook_payload_is_the_alert_json() -> None:
    alert = make_alert()
    assert Alert.model_validate_json(webhook_payload(alert)) == alert
    assert webhook_headers(alert)["X-Wirewatch-Alert-Id"] == alert.alert_id


# --- responses and backoff ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "verdict"),
    [(200, Verdict.OK), (204, Verdict.OK), (429, Verdict.THROTTLED), (408, Verdict.RETRY), (500, Verdict.RETRY),
     (502, Verdict.RETRY), (503, Verdict.RETRY), (400, Verdict.FATAL), (403, Verdict.FATAL), (404, Verdict.FATAL),
     (410, Verdict.FATAL), (301, Verdict.FATAL)],
)  # fmt: skip
def test_classify_response(status: int, verdict: Verdict) -> None:
    assert classify_response(status) is verdict


def test_backoff_doubles_with_jitter_within_half_to_full_step() -> None:
    low = RetryPolicy(max_attempts=10, budget_seconds=1000, rng=lambda: 0.0)
    high = RetryPolicy(max_attempts=10, budget_seconds=1000, rng=lambda: 1.0)
    assert [low.next_delay(a) for a in (1, 2, 3, 4)] == [0.25, 0.5, 1.0, 2.0]
    assert [high.next_delay(a) for a in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert high.next_delay(9) == 8.0  # capped step


def test_backoff_stops_after_max_attempts() -> None:
    policy = RetryPolicy(max_attempts=3, budget_seconds=1000, rng=lambda: 0.5)
    assert policy.next_delay(2) is not None and policy.next_delay(3) is None


def test_retry_after_is_honoured_and_capped_by_the_budget() -> None:
    policy = RetryPolicy(max_attempts=5, budget_seconds=30, rng=lambda: 0.5)
    assert policy.next_delay(1, retry_after=7) == 7
    assert policy.next_delay(1, retry_after=7, elapsed=20) == 7
    assert policy.next_delay(1, retry_after=7, elapsed=23) is None  # would end at the budget
    assert policy.next_delay(1, retry_after=120) is None  # past the budget: give up now, not sleep
    assert policy.next_delay(1, elapsed=29.9) is None


def test_parse_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("1") == 1.0
    assert parse_retry_after(" 30 ") == 30.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    later = (T + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(later, now=T) == 90.0
    assert parse_retry_after("Sun, 01 Jun 2025 11:00:00 GMT", now=T) == 0.0


# --- the file -------------------------------------------------------------------------------------

GOOD_TOML = """
# comment
[[destination]]
name = "slack"
kind = "slack"
url = "https://hooks.slack.com/services/T/B/X"
category = ["ceasefire_condition"]

[[destination]]
name = "hook"
kind = "webhook"
url = "http://127.0.0.1:9/alerts"
include_updates = false
timeout_seconds = 1
max_attempts = 2
budget_seconds = 3
"""


def test_loads_toml(tmp_path: Path) -> None:
    subs = load_subscriptions(write(tmp_path, "d.toml", GOOD_TOML))
    assert [(s.name, s.kind) for s in subs] == [("slack", "slack"), ("hook", "webhook")]
    assert subs[0].category == [Category.CEASEFIRE_CONDITION]
    assert (subs[1].timeout_seconds, subs[1].max_attempts, subs[1].budget_seconds) == (1, 2, 3)


def test_loads_yaml(tmp_path: Path) -> None:
    text = "destinations:\n  - name: a\n    kind: webhook\n    url: https://x.org/h\n    leaders_any: [Putin]\n"
    subs = load_subscriptions(write(tmp_path, "d.yaml", text))
    assert subs[0].leaders_any == ["putin"]


def test_example_file_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "deploy" / "deliveries.example.toml"
    assert len(load_subscriptions(example)) >= 2


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[[destination]]\nname = "a"\nkind = "webhook"\nurl = "https://x.org"\n\n'
         '[[destination]]\nname = "b"\nkind = "email"\nurl = "https://x.org"\n', 6, "kind"),
        ('[[destination]]\nname = "a"\nkind = "slack"\nurl = "ftp://x.org"\n', 1, "url"),
        ('[[destination]]\nname = "a"\nkind = "slack"\nurl = "https://x.org"\nmax_attempts = 0\n', 1, "max_attempts"),
        ('[[destination]]\nname = "a"\nkind = "slack"\nurl = "https://x.org"\ncolour = "red"\n', 1, "colour"),
        ('[[destination]]\nname = "a b"\nkind = "slack"\nurl = "https://x.org"\n', 1, "name"),
        ('[[destination]]\nname = "a"\nkind = "slack"\nurl = "https://x.org"\n\n'
         '[[destination]]\nname = "a"\nkind = "slack"\nurl = "https://y.org"\n', 6, "already used at"),
        ('\n[[destinations]]\nname = "a"\n', 2, "unknown top-level"),
        ('# nothing\n', 1, "no destinations"),
    ],
)  # fmt: skip
def test_toml_errors_name_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = write(tmp_path, "bad.toml", body)
    with pytest.raises(DeliveriesError, match=rf"^{path}:{line}: .*{words}"):
        load_subscriptions(path)


def test_yaml_errors_name_file_and_line(tmp_path: Path) -> None:
    text = "destinations:\n  - name: a\n    kind: webhook\n    url: https://x.org\n  - name: b\n    kind: fax\n"
    path = write(tmp_path, "bad.yml", text)
    with pytest.raises(DeliveriesError, match=rf"^{path}:5: destination 'b': kind"):
        load_subscriptions(path)


def test_unparsable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DeliveriesError, match="invalid TOML"):
        load_subscriptions(write(tmp_path, "x.toml", "[[destination]\n"))
    with pytest.raises(DeliveriesError, match="cannot read"):
        load_subscriptions(tmp_path / "missing.toml")


# --- the sender's loop, on an in-process transport -------------------------------------------------


class Script:
    """Answers requests from a list of (status, headers) or "hang"; records each body."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.bodies: list[bytes] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.content)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if answer == "hang":
            await asyncio.sleep(3600)
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        return httpx.Response(status, headers=headers, text="ok")


def sender_for(script: Script, sleeps: list[float]) -> Sender:
    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    client = httpx.AsyncClient(transport=httpx.MockTransport(script))
    return Sender(client, sleep=sleep, rng=lambda: 0.0)


async def test_sender_retries_server_errors_then_succeeds() -> None:
    script, sleeps = Script(500, 502, 200), []
    result = await sender_for(script, sleeps).deliver(sub(), make_alert())
    assert (result.ok, result.attempts, result.retried, result.throttled, result.last_status) == (True, 3, 2, 0, 200)
    assert sleeps == [0.25, 0.5]
    assert Alert.model_validate_json(script.bodies[0]).alert_id == make_alert().alert_id


async def test_sender_honours_retry_after_on_429() -> None:
    script, sleeps = Script((429, {"Retry-After": "2"}), 200), []
    result = await sender_for(script, sleeps).deliver(sub(), make_alert())
    assert (result.ok, result.attempts, result.retried, result.throttled) == (True, 2, 0, 1)
    assert sleeps == [2.0]


async def test_sender_gives_up_on_fatal_status_at_once() -> None:
    script, sleeps = Script(404), []
    result = await sender_for(script, sleeps).deliver(sub(kind="slack"), make_alert())
    assert (result.ok, result.attempts, result.last_status, sleeps) == (False, 1, 404, [])
    assert "blocks" in orjson.loads(script.bodies[0])
    assert "'d' failed after 1 attempt(s)" in result.describe() and "last status 404" in result.describe()


async def test_sender_stops_after_max_attempts() -> None:
    script, sleeps = Script(500), []
    result = await sender_for(script, sleeps).deliver(sub(max_attempts=3), make_alert())
    assert (result.ok, result.attempts, result.retried, result.last_status) == (False, 3, 2, 500)


async def test_sender_times_out_a_hanging_endpoint_within_its_budget() -> None:
    script, sleeps = Script("hang"), []
    s = sub(timeout_seconds=0.1, budget_seconds=0.5, max_attempts=10)
    result = await sender_for(script, sleeps).deliver(s, make_alert())
    assert not result.ok and result.last_error == "timeout" and result.last_status is None
    assert result.seconds < 0.6 and result.attempts >= 2


# --- slack_api: Slack's Web API with threads -------------------------------------------------------


def api_sub(**fields: Any) -> Subscription:
    return Subscription.model_validate(
        {"name": "desk", "kind": "slack_api", "channel": "C0123", "token_env": "WW_TEST_TOKEN", **fields}
    )


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WW_TEST_TOKEN", "xoxb-test")
    return "xoxb-test"


def test_slack_api_settings(token: str) -> None:
    s = api_sub()
    assert (s.url, s.api_url, s.target, s.token, s.reply_broadcast) == (
        None, SLACK_API_URL, SLACK_API_URL, token, False,
    )  # fmt: skip
    assert s.safe_url == "https://slack.com/…" and token not in repr(s)
    assert api_sub(api_url="http://127.0.0.1:9/api").target == "http://127.0.0.1:9/api"


def test_slack_api_token_variable_must_be_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WW_TEST_TOKEN", raising=False)
    path = write(tmp_path, "d.toml", '[[destination]]\nname = "a"\nkind = "slack_api"\nchannel = "C1"\n'
                                     'token_env = "WW_TEST_TOKEN"\n')  # fmt: skip
    with pytest.raises(DeliveriesError, match=rf"^{path}:1: destination 'a': .*'WW_TEST_TOKEN' is not set"):
        load_subscriptions(path)
    monkeypatch.setenv("WW_TEST_TOKEN", "xoxb-1")
    assert load_subscriptions(path)[0].channel == "C1"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"kind": "slack_api", "channel": "C1"}, "needs channel and token_env"),
        ({"kind": "slack_api", "channel": "C1", "token_env": "WW_TEST_TOKEN", "url": URL}, "not url"),
        ({"kind": "slack_api", "channel": "C1", "token_env": "WW_TEST_TOKEN", "api_url": "ftp://x"}, "http"),
        ({"kind": "slack"}, "needs a url"),
        ({"kind": "webhook", "url": URL, "channel": "C1"}, "slack_api' only"),
    ],
)
def test_kind_specific_settings(token: str, fields: dict[str, Any], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Subscription.model_validate({"name": "d", **fields})


def test_api_payload_reuses_the_slack_message_and_threads_updates() -> None:
    alert = make_alert()
    top = api_payload(alert, "C1")
    assert top == {"channel": "C1", **slack_payload(alert)} and "thread_ts" not in top
    reply = api_payload(make_alert(kind=AlertKind.UPDATE), "C1", "1700000000.000100")
    assert (reply["thread_ts"], reply["reply_broadcast"]) == ("1700000000.000100", False)
    assert reply["text"].startswith("Update: ")
    assert api_payload(alert, "C1", "1.2", reply_broadcast=True)["reply_broadcast"] is True


@pytest.mark.parametrize(
    ("status", "body", "verdict", "error", "ts"),
    [
        (200, b'{"ok": true, "ts": "1700000000.000100", "channel": "C1"}', Verdict.OK, None, "1700000000.000100"),
        (200, b'{"ok": false, "error": "ratelimited"}', Verdict.THROTTLED, "slack: ratelimited", None),
        (200, b'{"ok": false, "error": "invalid_auth"}', Verdict.FATAL, "slack: invalid_auth", None),
        (200, b'{"ok": false, "error": "channel_not_found"}', Verdict.FATAL, "slack: channel_not_found", None),
        (200, b'{"ok": false, "error": "not_in_channel"}', Verdict.FATAL, "slack: not_in_channel", None),
        (200, b'{"ok": false, "error": "internal_error"}', Verdict.RETRY, "slack: internal_error", None),
        (200, b'{"ok": false}', Verdict.RETRY, "slack: unknown_error", None),
        (200, b"<html>", Verdict.RETRY, "slack: answer is not JSON", None),
        (200, b"[]", Verdict.RETRY, "slack: answer is not a JSON object", None),
        (429, b"", Verdict.THROTTLED, None, None),
        (503, b"", Verdict.RETRY, None, None),
        (404, b"", Verdict.FATAL, None, None),
    ],
)
def test_classify_api(status: int, body: bytes, verdict: Verdict, error: str | None, ts: str | None) -> None:
    answer = classify_api(status, body)
    assert (answer.verdict, answer.error, answer.ts) == (verdict, error, ts)


def test_thread_memory_remembers_forgets_and_sweeps() -> None:
    store: dict[str, Any] = {}
    memory = ThreadMemory(store)
    assert memory.get("desk", "a1", 0.0) is None
    memory.remember("desk", "a1", "1.1", 100.0, partition=0)
    memory.remember("desk", "a2", "2.2", 100.0, partition=1)
    memory.remember("other", "a1", "3.3", 100.0 + THREAD_TTL_SECONDS)
    assert store[thread_key("desk", "a1")] == {"ts": "1.1", "t": 100.0, "p": 0}
    assert memory.get("desk", "a1", 100.0 + THREAD_TTL_SECONDS) == "1.1"
    assert memory.get("other", "a1", 100.0 + THREAD_TTL_SECONDS) == "3.3"
    late = 101.0 + THREAD_TTL_SECONDS
    assert memory.get("desk", "a1", late) is None and thread_key("desk", "a1") not in store  # dropped when read
    assert memory.sweep(late, partition=0) == 0  # a2 belongs to partition 1
    assert memory.sweep(late, partition=1) == 1 and set(store) == {"other|a1"}
    assert memory.sweep(late + THREAD_TTL_SECONDS) == 1 and not store


async def test_sender_posts_to_the_web_api_with_the_token_and_returns_ts(token: str) -> None:
    seen: list[httpx.Request] = []
    answers = [b'{"ok": false, "error": "ratelimited"}', b'{"ok": true, "ts": "17.5"}']

    async def api(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"Retry-After": "3"}, content=answers.pop(0))

    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    sender = Sender(httpx.AsyncClient(transport=httpx.MockTransport(api)), sleep=sleep, rng=lambda: 0.0)
    result = await sender.deliver(api_sub(), make_alert(kind=AlertKind.UPDATE), "16.1")
    assert (result.ok, result.ts, result.attempts, result.throttled, result.retried, sleeps) == (
        True, "17.5", 2, 1, 0, [3.0],
    )  # fmt: skip
    assert str(seen[0].url) == SLACK_API_URL and seen[0].headers["Authorization"] == f"Bearer {token}"
    body = orjson.loads(seen[0].content)
    assert (body["channel"], body["thread_ts"]) == ("C0123", "16.1") and body["blocks"]


async def test_sender_gives_up_on_fatal_slack_errors(token: str) -> None:
    async def api(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ok": False, "error": "channel_not_found"})

    result = await Sender(httpx.AsyncClient(transport=httpx.MockTransport(api))).deliver(api_sub(), make_alert())
    assert (result.ok, result.attempts, result.last_status, result.ts) == (False, 1, 200, None)
    assert "last error slack: channel_not_found" in result.describe() and token not in result.describe()
