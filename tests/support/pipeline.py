"""Running the real pipeline in tests: per-test topic names, a worker, and reading its alerts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from streams.settings import Settings
from tests.support.kafka import create_topics, drain
from tests.support.processes import WorkerProcess

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
ALERT_KEYS = ("negotiations", "ceasefire", "statements")


@dataclass
class Pipeline:
    """Topic names and worker settings private to one test."""

    unique: str
    bootstrap: str
    extra_env: dict[str, str]

    @property
    def settings(self) -> Settings:
        defaults = Settings()
        names = {k: f"{v}.{self.unique}" for k, v in defaults.topic_names.items()}
        return Settings(
            kafka_bootstrap=self.bootstrap,
            app_id=f"ww-{self.unique}",
            **{f"topic_{k}": v for k, v in names.items()},
        )

    @property
    def env(self) -> dict[str, str]:
        s = self.settings
        env = {f"WIREWATCH_TOPIC_{k.upper()}": v for k, v in s.topic_names.items()}
        return {**env, "WIREWATCH_APP_ID": s.app_id, **self.extra_env}

    def topic(self, key: str) -> str:
        return self.settings.topic_names[key]

    @property
    def alert_topics(self) -> list[str]:
        return [self.topic(k) for k in ALERT_KEYS]

    async def create_topics(self) -> None:
        from streams.pipeline import catalogue
        from streams.topics_admin import ensure_topics

        await ensure_topics(self.settings, catalogue(self.settings))

    def start(self, worker_factory: Callable[..., WorkerProcess], name: str = "worker") -> WorkerProcess:
        return worker_factory("worker", env=self.env, name=name).start()

    async def alerts(self, expect: int | None = None, timeout: float = 90.0, **kw: Any) -> list[dict[str, Any]]:
        """Every alert on the alert topics, as dicts with ``_topic``, ``_key`` and ``_raw`` added."""
        records = await drain(self.bootstrap, self.alert_topics, expect=expect, timeout=timeout, **kw)
        return [{**orjson.loads(r.value or b"{}"), "_topic": r.topic, "_key": r.key, "_raw": r.value} for r in records]


def raw_article(**fields: Any) -> bytes:
    return orjson.dumps(fields)


def seed_article() -> bytes:
    text = (SAMPLES / "seed-article-ar.txt").read_text(encoding="utf-8").strip()
    title, _, body = text.partition("\n")
    return raw_article(id="seed-ar", title=title.strip(), text=body.strip(), source="aljazeera.net",
                       url="https://www.aljazeera.net/news/seed")  # fmt: skip


def sample_articles() -> list[bytes]:
    return [line.strip() for line in (SAMPLES / "articles.jsonl").read_bytes().splitlines() if line.strip()]


__all__ = ["Pipeline", "create_topics", "raw_article", "sample_articles", "seed_article"]
