"""RSS/Atom entries become raw articles; a feed's memory publishes each entry once."""

from __future__ import annotations

from pathlib import Path

from agents.core.feeds import SEEN_PER_FEED, FeedMemory, FeedState, parse_feed

DATA = Path(__file__).resolve().parents[1] / "data"


def test_rss_items_become_raw_articles_oldest_first() -> None:
    articles = parse_feed((DATA / "wire.rss").read_bytes(), "https://wire.example/rss")
    assert [a["id"] for a in articles] == ["feed-wire-1", "feed-wire-2"]
    talks = articles[1]
    assert talks["source"] == "Example Wire" and talks["language"] == "en-us"
    assert talks["url"] == "https://wire.example/armenia-azerbaijan-talks"
    assert talks["published_at"] == "Tue, 02 Sep 2025 09:30:00 GMT"
    assert "<p>The foreign ministers" in talks["html"] and talks["tags"] == ["Diplomacy"]


def test_atom_entries_use_content_author_and_updated() -> None:
    [entry] = parse_feed((DATA / "wire.atom").read_bytes(), "https://atom.example/feed")
    assert entry["id"] == "feed-urn:atom-desk:1" and entry["source"] == "Atom Desk"
    assert entry["authors"] == ["Desk"] and entry["published_at"] == "2025-09-02T10:00:00Z"
    assert "retrait complet" in entry["html"]


def test_broken_feed_yields_what_it_can_and_never_raises() -> None:
    assert parse_feed(b"<rss><channel><item><title>x</title></item>", "https://x.example/") == []
    assert parse_feed(b"\x00\xff not xml", "https://x.example/") == []


def test_memory_publishes_each_entry_once_and_stays_bounded() -> None:
    memory = FeedMemory()
    first = [{"id": "a"}, {"id": "b"}]
    assert memory.fresh(first) == first
    assert memory.fresh([{"id": "b"}, {"id": "c"}]) == [{"id": "c"}]
    memory.fresh([{"id": str(i)} for i in range(SEEN_PER_FEED + 10)])
    assert len(memory.seen) == SEEN_PER_FEED


def test_state_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    state = FeedState(path)
    memory = state.memory("https://wire.example/rss")
    memory.etag, memory.modified = '"v1"', "Tue, 02 Sep 2025 10:00:00 GMT"
    memory.fresh([{"id": "feed-wire-1"}])
    state.save()
    again = FeedState(path).memory("https://wire.example/rss")
    assert again.etag == '"v1"' and list(again.seen) == ["feed-wire-1"]
    assert again.fresh([{"id": "feed-wire-1"}]) == []
