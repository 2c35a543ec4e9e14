"""Splitting a batch of articles (an HTTP request body) into raw messages, one per article.

Why not validate here: every message goes to ``news.raw`` as sent, so the ingest stage is the
one place that decides what is an article — a bad line of a batch becomes a dead letter with
its reason, exactly as if a producer had sent it alone.

    >>> split_batch(b'[{"title": "a"}, {"title": "b"}]')
    [b'{"title":"a"}', b'{"title":"b"}']
"""

from __future__ import annotations

import orjson


def split_batch(body: bytes) -> list[bytes]:
    """A JSON array: one message per element. Anything else: one message per non-blank line
    (JSON Lines; a single JSON object or any other text is one line)."""
    stripped = body.strip()
    if stripped.startswith(b"["):
        try:
            items = orjson.loads(stripped)
        except orjson.JSONDecodeError:
            return [stripped]  # not a valid array: ingest dead-letters it with the reason
        if isinstance(items, list):
            return [orjson.dumps(item) for item in items]
    if stripped.startswith(b"{"):
        try:
            orjson.loads(stripped)
            return [stripped]  # one (possibly pretty-printed, multi-line) object
        except orjson.JSONDecodeError:
            pass
    return [line.strip() for line in stripped.splitlines() if line.strip()]
