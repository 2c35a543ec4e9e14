"""1,000 raw messages, valid and every kind of bad, through a real worker on the real broker:
each one ends up in exactly one of news.articles or news.deadletter, with the expected reason."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable

import orjson

from tests.support.kafka import drain, produce
from tests.support.pipeline import Pipeline, sample_articles
from tests.support.processes import WorkerProcess

TOTAL = 1000
MAX_TEXT = 16384  # above every sample article (the Arabic seed is ~6 KB)


def _nested(depth: int) -> bytes:
    return b'{"title": "deep", "extra": ' + b"[" * depth + b"]" * depth + b"}"


#: (reason, payload) for every bad-input class the ingest stage names.
BAD: list[tuple[str, bytes | None]] = [
    ("empty", b""),
    ("empty", None),
    ("not_json", b"{not json"),
    ("invalid_utf8", '{"title": "caf\xe9", "text": "x"}'.encode("latin-1")),
    ("not_object", b"[1, 2, 3]"),
    ("missing_content", b'{"source": "example.org", "url": "https://example.org/a"}'),
    ("too_large", orjson.dumps({"title": "long", "text": "word " * (MAX_TEXT // 4)})),
    ("wrong_type", b'{"title": ["not", "a", "string"], "text": "body"}'),
    ("too_deep", _nested(60)),
    ("binary", gzip.compress(b'{"title": "zipped"}')),
]


def _valid(i: int, template: dict[str, object]) -> bytes:
    article = {**template, "id": f"valid-{i}", "url": f"https://example.org/{i}"}
    if i % 7 == 0:  # repairable: HTML with a script, control characters
        article["text"] = f"<p>{article['text']}</p><script>alert(1)</script>\x00"
    return json.dumps(article, ensure_ascii=False).encode()


async def test_every_message_lands_in_exactly_one_place(
    kafka_bootstrap: str, unique: str, worker_factory: Callable[..., WorkerProcess]
) -> None:
    pipeline = Pipeline(unique, kafka_bootstrap, {"WIREWATCH_MAX_TEXT_BYTES": str(MAX_TEXT)})
    await pipeline.create_topics()
    worker = pipeline.start(worker_factory)

    templates = [orjson.loads(a) for a in sample_articles()]
    expected: list[tuple[str, str]] = []  # (where, id-or-reason) per message, in send order
    values: list[bytes | None] = []
    for i in range(TOTAL):
        if i % 3 == 0:
            reason, value = BAD[(i // 3) % len(BAD)]
            expected.append(("deadletter", reason))
        else:
            value = _valid(i, templates[i % len(templates)])
            expected.append(("articles", f"valid-{i}"))
        values.append(value)
    sent = await produce(kafka_bootstrap, pipeline.topic("raw"), [(f"k{i}".encode(), v) for i, v in enumerate(values)])

    n_articles = sum(1 for where, _ in expected if where == "articles")
    articles = await drain(kafka_bootstrap, [pipeline.topic("articles")], expect=n_articles, timeout=120)
    letters = await drain(kafka_bootstrap, [pipeline.topic("deadletter")], expect=TOTAL - n_articles, timeout=60)
    assert len(articles) + len(letters) == TOTAL, worker.tail()

    got_ids = Counter(orjson.loads(r.value or b"")["article_id"] for r in articles)
    assert got_ids == Counter(ident for where, ident in expected if where == "articles")

    position = {(m.partition, m.offset): i for i, m in enumerate(sent)}
    for record in letters:
        letter = orjson.loads(record.value or b"")
        index = position[(letter["partition"], letter["offset"])]
        assert expected[index] == ("deadletter", letter["reason"]), letter["message"]
        assert letter["stage"] == "ingest" and letter["topic"] == pipeline.topic("raw")
    assert Counter(orjson.loads(r.value or b"")["reason"] for r in letters) == Counter(
        ident for where, ident in expected if where == "deadletter"
    )

    repaired = [orjson.loads(r.value or b"") for r in articles if r.key and int(r.key.decode().split("-")[1]) % 7 == 0]
    assert repaired and all("<script" not in a["text"] and "\x00" not in a["text"] for a in repaired)

    # The worker is still consuming afterwards.
    assert worker.alive()
    await produce(kafka_bootstrap, pipeline.topic("raw"), [(None, _valid(TOTAL, templates[0]))])
    after = await drain(kafka_bootstrap, [pipeline.topic("articles")], expect=n_articles + 1, timeout=60)
    assert len(after) == n_articles + 1
