"""Slack's Web API (``chat.postMessage``) for ``slack_api`` destinations: threading updates.

Pure logic (no sockets, no Kafka). The first alert of an ``alert_id`` is posted top-level and
Slack's answer carries its ``ts``; updates of that alert are posted with ``thread_ts = ts``, so a
story's updates sit in one thread. `ThreadMemory` keeps ``ts`` per (destination, alert_id) in a
mapping (a Faust table in the agent, so it survives restarts), each with the time it was stored,
and forgets entries older than `THREAD_TTL_SECONDS` when they are read or swept. An update whose
``ts`` is unknown (never seen, or forgotten) is posted top-level and its ``ts`` remembered.

Unlike an incoming webhook, the Web API answers HTTP 200 for most errors and says what went wrong
in ``{"ok": false, "error": "..."}``; `classify_api` maps that body to the same `Verdict` as HTTP
statuses get.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, Final

import orjson

from agents.core.delivery import Verdict, classify_response, slack_payload
from agents.core.expiry import delete_where
from schemas.alert import Alert

#: Thread ids older than this are forgotten (an update after that starts a new thread).
THREAD_TTL_SECONDS: Final = 7 * 24 * 3600.0
#: Web API errors that retrying cannot fix: the token, channel or membership is wrong.
FATAL_ERRORS: Final = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked",
                                 "channel_not_found", "not_in_channel", "is_archived"})  # fmt: skip


def api_payload(
    alert: Alert, channel: str, thread_ts: str | None = None, *, reply_broadcast: bool = False
) -> dict[str, Any]:
    """A ``chat.postMessage`` body: the incoming-webhook message plus ``channel`` (and the thread)."""
    payload: dict[str, Any] = {"channel": channel, **slack_payload(alert)}
    if thread_ts is not None:
        payload["thread_ts"] = thread_ts
        payload["reply_broadcast"] = reply_broadcast
    return payload


def api_headers(token: str) -> dict[str, str]:
    return {"Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {token}"}


@dataclass(frozen=True, slots=True)
class ApiAnswer:
    """What one ``chat.postMessage`` answer means: the verdict, Slack's error, the message's ts."""

    verdict: Verdict
    error: str | None = None
    ts: str | None = None


def classify_api(status: int, body: bytes) -> ApiAnswer:
    """HTTP status first (429, 5xx as for webhooks), then the ``ok``/``error`` body of a 2xx."""
    verdict = classify_response(status)
    if verdict is not Verdict.OK:
        return ApiAnswer(verdict)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return ApiAnswer(Verdict.RETRY, "slack: answer is not JSON")
    if not isinstance(data, dict):
        return ApiAnswer(Verdict.RETRY, "slack: answer is not a JSON object")
    if data.get("ok") is True:
        ts = data.get("ts")
        return ApiAnswer(Verdict.OK, ts=ts if isinstance(ts, str) and ts else None)
    error = str(data.get("error") or "unknown_error")
    if error == "ratelimited":
        return ApiAnswer(Verdict.THROTTLED, f"slack: {error}")
    if error in FATAL_ERRORS:
        return ApiAnswer(Verdict.FATAL, f"slack: {error}")
    return ApiAnswer(Verdict.RETRY, f"slack: {error}")


def thread_key(destination: str, alert_id: str) -> str:
    return f"{destination}|{alert_id}"


class ThreadMemory:
    """``ts`` of each alert's top-level message per destination, in ``store`` as ``{"ts", "t"}``."""

    def __init__(self, store: MutableMapping[str, Any], ttl: float = THREAD_TTL_SECONDS) -> None:
        self.store = store
        self.ttl = ttl

    def get(self, destination: str, alert_id: str, now: float) -> str | None:
        """The thread's ts, or None when unknown or older than the TTL (then dropped)."""
        key = thread_key(destination, alert_id)
        entry = self.store.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("ts"), str):
            return None
        if now - float(entry.get("t", 0.0)) > self.ttl:
            del self.store[key]
            return None
        return str(entry["ts"])

    def remember(self, destination: str, alert_id: str, ts: str, now: float, partition: int | None = None) -> None:
        """Store ``ts``; ``partition`` is the changelog partition the entry is written to."""
        entry: dict[str, Any] = {"ts": ts, "t": now}
        if partition is not None:
            entry["p"] = partition
        self.store[thread_key(destination, alert_id)] = entry

    def sweep(self, now: float, budget: int = 500, partition: int | None = None) -> int:
        """Delete up to ``budget`` entries older than the TTL; returns how many went.

        With ``partition``, only entries remembered from it: a Faust table writes a deletion to the
        changelog partition of the current event, so deleting another partition's entry there would
        leave it in its own partition, to come back after a restart."""

        def expired(key: str, value: Any) -> bool:
            if partition is not None and isinstance(value, dict) and value.get("p", partition) != partition:
                return False
            return not isinstance(value, dict) or now - float(value.get("t", 0.0)) > self.ttl

        return delete_where(self.store, expired, budget)
