"""Delivering alerts to chat bots and webhooks: who wants what, what to send, when to retry.

Pure logic (no sockets, no Kafka): the HTTP sender (`streams.delivery_http`) and the agent
(`agents.deliver`) only move bytes and count. A deliveries file (TOML or YAML) lists destinations::

    [[destination]]
    name = "desk-slack"
    kind = "slack"                        # "slack" (incoming webhook), "webhook" (Alert JSON)
    url = "https://hooks.slack.com/services/T000/B000/XXXX"   # or "slack_api" (see below)
    category = ["ceasefire_condition"]    # filters: the same conditions as routing rules
    min_score = 0.6
    leaders_any = ["putin"]
    include_updates = false               # default true
    timeout_seconds = 5                   # per request
    max_attempts = 5
    budget_seconds = 30                   # all attempts and waits for one alert

A ``slack_api`` destination posts with the Web API (``chat.postMessage``) instead of a URL, so
updates can be threaded under their alert (`agents.core.slack`)::

    kind = "slack_api"
    channel = "C0123456789"
    token_env = "SLACK_BOT_TOKEN"         # the NAME of the variable holding the bot token

Why the filters reuse `agents.core.routing`: a destination is a route whose "topic" is a bot, so
the conditions mean exactly what they mean in routing rules, and errors name the file and line
the same way. Why a time budget as well as attempts: the agent waits for every destination of
an alert before taking the next one, so each destination's worst case must be bounded.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from agents.core import render
from agents.core.routing import Candidate, Filters, matches
from agents.core.rulefiles import load_entries
from schemas.alert import Alert, AlertKind
from schemas.codec import to_json
from schemas.evidence import Category, EntityKind

#: Slack's limit on a section block's text; longer text is clipped.
SLACK_SECTION_LIMIT: Final = 3000
#: First backoff step and the ceiling of one step, before jitter.
BACKOFF_BASE_SECONDS: Final = 0.5
BACKOFF_CAP_SECONDS: Final = 8.0
#: Where a ``slack_api`` destination posts unless its ``api_url`` says otherwise.
SLACK_API_URL: Final = "https://slack.com/api/chat.postMessage"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class DeliveriesError(ValueError):
    """A deliveries file that cannot be used; the message names the file and line."""


class Subscription(Filters):
    """One destination: where to send, which alerts it wants (routing's filters), how hard to try."""

    name: str = Field(description="Metric label and dead-letter message; letters, digits, `.`, `_`, `-`.")
    kind: Literal["webhook", "slack", "slack_api"]
    url: str | None = Field(None, description="For slack: the incoming-webhook URL. A secret: never logged whole.")
    channel: str | None = Field(None, min_length=1, description="slack_api: the channel id, e.g. C0123456789.")
    token_env: str | None = Field(None, min_length=1, description="slack_api: the NAME of the token's variable.")
    api_url: str = SLACK_API_URL
    reply_broadcast: bool = False
    category: list[Category] = Field(default_factory=lambda: list(Category), min_length=1)
    include_updates: bool = True
    timeout_seconds: float = Field(5.0, gt=0, le=300)
    max_attempts: int = Field(5, ge=1, le=100)
    budget_seconds: float = Field(30.0, gt=0, le=3600)

    @field_validator("name")
    @classmethod
    def _label_safe(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        return value

    @field_validator("url", "api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        parts = urlsplit(value or "")
        if value is not None and (parts.scheme not in ("http", "https") or not parts.hostname):
            raise ValueError("must be an http:// or https:// URL with a host")
        return value

    @model_validator(mode="after")
    def _kind_settings(self) -> Subscription:
        if self.kind != "slack_api":
            if self.url is None:
                raise ValueError(f"kind {self.kind!r} needs a url")
            if self.channel is not None or self.token_env is not None:
                raise ValueError("channel and token_env are for kind 'slack_api' only")
            return self
        if self.url is not None:
            raise ValueError("kind 'slack_api' takes channel, token_env and optionally api_url, not url")
        if self.channel is None or self.token_env is None:
            raise ValueError("kind 'slack_api' needs channel and token_env")
        if not os.environ.get(self.token_env):
            raise ValueError(f"token_env: environment variable {self.token_env!r} is not set")
        return self

    @property
    def target(self) -> str:
        """The URL requests go to: ``url``, or ``api_url`` for slack_api."""
        return self.url if self.url is not None else self.api_url

    @property
    def token(self) -> str:
        """slack_api: the bot token, read from ``token_env`` when needed (never stored in the model)."""
        return os.environ.get(self.token_env or "", "")

    @property
    def safe_url(self) -> str:
        """Scheme, host and port only: webhook URLs carry their secret in the path."""
        parts = urlsplit(self.target)
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/…"


def candidate(alert: Alert) -> Candidate:
    """What the filters look at, as routing sees it for the match that raised the alert."""
    return Candidate(
        category=alert.category,
        score=alert.score,
        lang=alert.article.lang,
        source=alert.article.source,
        leaders=frozenset(e.id for e in alert.entities if e.kind is EntityKind.LEADER),
    )


def wants(subscription: Subscription, alert: Alert) -> bool:
    if alert.kind is AlertKind.UPDATE and not subscription.include_updates:
        return False
    return matches(subscription, candidate(alert))


def select(subscriptions: list[Subscription], alert: Alert) -> list[Subscription]:
    """The destinations that want ``alert``, in file order."""
    return [s for s in subscriptions if wants(s, alert)]


# --- payloads -------------------------------------------------------------------------------------


def slack_escape(text: str) -> str:
    """Escape Slack's control characters, so titles cannot inject links or mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int = SLACK_SECTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slack_payload(alert: Alert) -> dict[str, Any]:
    """An incoming-webhook message: plain ``text`` for notifications, Block Kit ``blocks`` to read."""
    head = slack_escape(render.headline(alert))
    lines = [slack_escape(line) for line in render.details(alert)]
    update = alert.kind is AlertKind.UPDATE
    note = "Update to an earlier alert: another source reports this story." if update else "New alert."
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": _clip(f"*{head}*")}}]
    if lines:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _clip("\n".join(lines))}})
    context = f"{note} alert_id `{slack_escape(alert.alert_id)}` · story `{slack_escape(alert.story_id)}`"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(context)}]})
    return {"text": _clip(("Update: " if update else "") + head), "blocks": blocks}


def webhook_payload(alert: Alert) -> bytes:
    """The Alert exactly as on the alert topics, so webhook consumers share its JSON Schema."""
    return to_json(alert)


def webhook_headers(alert: Alert) -> dict[str, str]:
    """Headers a receiver can deduplicate and route on without parsing the body."""
    return {
        "Content-Type": "application/json",
        "X-Wirewatch-Alert-Id": alert.alert_id,
        "X-Wirewatch-Kind": alert.kind.value,
    }


# --- retries --------------------------------------------------------------------------------------


class Verdict(StrEnum):
    """What one HTTP answer means for the delivery."""

    OK = "ok"
    RETRY = "retry"
    """Server trouble or a timeout: try again after a backoff."""
    THROTTLED = "throttled"
    """429: try again, after the server's Retry-After when it gives one."""
    FATAL = "fatal"
    """Our request is wrong (bad URL, revoked webhook, rejected payload): retrying cannot help."""


def classify_response(status: int) -> Verdict:
    if 200 <= status < 300:
        return Verdict.OK
    if status == 429:
        return Verdict.THROTTLED
    if status == 408 or status >= 500:
        return Verdict.RETRY
    return Verdict.FATAL  # other 4xx; 1xx/3xx mean a misconfigured URL (redirects are not followed)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with equal jitter, within an attempt count and a time budget."""

    max_attempts: int = 5
    budget_seconds: float = 30.0
    base_seconds: float = BACKOFF_BASE_SECONDS
    cap_seconds: float = BACKOFF_CAP_SECONDS
    rng: Callable[[], float] = field(default=random.random, compare=False)

    def next_delay(self, attempt: int, retry_after: float | None = None, elapsed: float = 0.0) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None to give up.

        ``attempt`` counts attempts made (1 after the first). Without ``retry_after`` the wait is
        half the step ``base * 2**(attempt-1)`` (capped) plus a random share of the other half, so
        workers hitting one endpoint spread out yet never retry at once. A ``retry_after`` (from a
        429 or 503) is honoured as given. A wait that would end at or past the budget gives up now:
        the attempt after it would have no time left.
        """
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None:
            delay = max(0.0, retry_after)
        else:
            step = min(self.cap_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
            delay = step / 2 + self.rng() * step / 2
        if elapsed + delay >= self.budget_seconds:
            return None
        return delay


# --- the file -------------------------------------------------------------------------------------


def load_subscriptions(path: Path) -> list[Subscription]:
    """Parse and validate a deliveries file; raises `DeliveriesError` naming the file and line."""
    subscriptions = load_entries(
        path, Subscription, table="destination", yaml_key="destinations", what="deliveries", error=DeliveriesError
    )
    if not subscriptions:
        raise DeliveriesError(f"{path}:1: no destinations; expected [[destination]] tables")
    return subscriptions
