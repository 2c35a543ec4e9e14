"""RSS and Atom feeds into raw articles, and memory of what was already published.

Parsing is feedparser's (it copes with RSS 0.9x–2.0, Atom 0.3/1.0, broken XML and odd dates);
this module only maps an entry to the loose `RawArticle` shape the ingest stage reads, and
keeps a bounded record of entry ids per feed so a poll publishes only what is new. No network:
`streams.feeds` fetches.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

#: Entry ids remembered per feed; a feed rarely carries more than a few hundred entries.
SEEN_PER_FEED = 5000


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        if content.get("value"):
            return str(content["value"])
    return str(entry.get("summary") or entry.get("description") or "")


def parse_feed(data: bytes, feed_url: str) -> list[dict[str, Any]]:
    """Raw articles, oldest first, from a feed document (entries without id or link are skipped)."""
    parsed = feedparser.parse(data)
    feed = parsed.get("feed", {})
    source = str(feed.get("title") or urlsplit(feed_url).hostname or feed_url)
    language = feed.get("language")
    articles = []
    for entry in parsed.get("entries", []):
        ident = entry.get("id") or entry.get("link")
        if not ident:
            continue
        article: dict[str, Any] = {
            "id": f"feed-{ident}",
            "title": entry.get("title") or "",
            "html": _entry_text(entry),
            "url": entry.get("link"),
            "source": source,
            "published_at": entry.get("published") or entry.get("updated"),
            "feed": feed_url,
        }
        if language:
            article["language"] = language
        if entry.get("author"):
            article["authors"] = [entry["author"]]
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            article["tags"] = tags
        articles.append({k: v for k, v in article.items() if v not in (None, "")})
    articles.reverse()  # feeds list newest first; publish in the order things happened
    return articles


@dataclass
class FeedMemory:
    """Per feed: HTTP validators (ETag, Last-Modified) and the ids already published."""

    etag: str | None = None
    modified: str | None = None
    seen: deque[str] = field(default_factory=lambda: deque(maxlen=SEEN_PER_FEED))

    def fresh(self, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The articles not published before, remembered from now on."""
        known = set(self.seen)
        new = [a for a in articles if a["id"] not in known]
        self.seen.extend(a["id"] for a in new)
        return new


class FeedState:
    """`FeedMemory` for every feed, kept in a JSON file between runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, FeedMemory] = {}
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            for url, entry in data.items():
                seen: deque[str] = deque(entry.get("seen", []), maxlen=SEEN_PER_FEED)
                self.feeds[url] = FeedMemory(entry.get("etag"), entry.get("modified"), seen)

    def memory(self, url: str) -> FeedMemory:
        return self.feeds.setdefault(url, FeedMemory())

    def save(self) -> None:
        data = {url: {"etag": m.etag, "modified": m.modified, "seen": list(m.seen)} for url, m in self.feeds.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.path)  # never a half-written state file
