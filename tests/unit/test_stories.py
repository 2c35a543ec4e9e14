"""Story detection: shingles, MinHash signatures, the LSH index, its window, sweep and replay memory."""

from __future__ import annotations

from typing import Any

import orjson

from agents.core.stories import (
    _BUCKET_SIZE,
    NUM_PERM,
    SIMILARITY,
    StoryIndex,
    band_keys,
    shingles,
    signature,
    similarity,
)
from tests.support.pipeline import SAMPLES

WINDOW = 3600.0
T0 = 1_750_000_000.0


def _samples() -> dict[str, dict[str, Any]]:
    rows = [orjson.loads(line) for line in (SAMPLES / "articles.jsonl").read_bytes().splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


ROWS = _samples()
WIRE = ROWS["demo-wire-1"]["text"]
UNRELATED = ROWS["demo-neg-weather"]["text"]
SEED = (SAMPLES / "seed-article-ar.txt").read_text(encoding="utf-8").strip()


def edited_copy(text: str) -> str:
    """What a second outlet does: a dateline, a new lead sentence, the last paragraph trimmed."""
    paragraphs = [p for p in text.splitlines() if p.strip()]
    lead = "موسكو (رويترز) - قال مسؤولون إن الاجتماع سيعقد الأسبوع المقبل."
    return "\n".join([lead, *paragraphs[:-1]])


# --- shingles and signatures ----------------------------------------------------------------------


def test_shingles_fold_case_and_latin_accents() -> None:
    assert shingles("Trêve À GAZA signée") == shingles("treve a gaza signee")


def test_shingles_drop_arabic_harakat() -> None:
    voweled = "وَقْفُ إطلاقِ النّارِ فِي غَزَّة"
    bare = "وقف إطلاق النار في غزة"
    assert shingles(voweled) == shingles(bare)


def test_shingles_are_word_trigrams_and_short_texts_are_one_shingle() -> None:
    assert shingles("a b c d") == {b"a b c", b"b c d"}
    assert shingles("just two") == {b"just two"}
    assert shingles("  ,, ") == set()


def test_signature_is_deterministic_and_sized() -> None:
    sig = signature(WIRE)
    assert sig == signature(WIRE)
    assert len(sig) == NUM_PERM
    assert all(0 <= v < 2**32 for v in sig)
    assert signature(WIRE.upper()) == sig  # case folded before shingling
    assert signature(UNRELATED) != sig


def test_edited_copy_stays_similar_and_unrelated_text_does_not() -> None:
    sig = signature(SEED)
    assert similarity(sig, signature(edited_copy(SEED))) >= 0.8
    assert similarity(sig, signature(UNRELATED)) < SIMILARITY


def test_band_keys_one_per_band_and_deterministic() -> None:
    keys = band_keys(signature(WIRE))
    assert len(keys) == 16 and len(set(keys)) == 16
    assert keys == band_keys(signature(WIRE))


# --- assign ----------------------------------------------------------------------------------------


def test_first_article_starts_a_story_named_after_it() -> None:
    index = StoryIndex({}, WINDOW)
    story = index.assign("neg", "a1", signature(WIRE), T0)
    assert (story.story_id, story.is_new, story.first_seen) == ("a1", True, T0)


def test_lightly_edited_copy_joins_the_first_story() -> None:
    index = StoryIndex({}, WINDOW)
    index.assign("neg", "a1", signature(SEED), T0)
    copy = index.assign("neg", "a2", signature(edited_copy(SEED)), T0 + 60)
    assert copy.story_id == "a1"
    assert copy.is_new is False
    assert copy.first_seen == T0
    assert copy.similarity >= SIMILARITY


def test_sample_wire_copies_from_other_outlets_join_one_story() -> None:
    index = StoryIndex({}, WINDOW)
    ids = []
    for n, key in enumerate(("demo-wire-1", "demo-wire-2", "demo-wire-3")):
        row = ROWS[key]
        ids.append(index.assign("neg", key, signature(f"{row['title']}\n{row['text']}"), T0 + n).story_id)
    assert ids == ["demo-wire-1"] * 3


def test_unrelated_article_starts_a_new_story() -> None:
    index = StoryIndex({}, WINDOW)
    index.assign("neg", "a1", signature(WIRE), T0)
    other = index.assign("neg", "b1", signature(UNRELATED), T0 + 1)
    assert (other.story_id, other.is_new) == ("b1", True)


def test_redelivered_article_gets_its_own_story_again_as_new() -> None:
    index = StoryIndex({}, WINDOW)
    first = index.assign("neg", "a1", signature(WIRE), T0)
    again = index.assign("neg", "a1", signature(WIRE), T0 + 5)
    assert again.story_id == first.story_id == "a1"
    assert again.is_new is True
    assert again.first_seen == T0


def test_copy_after_the_window_starts_a_new_story() -> None:
    index = StoryIndex({}, WINDOW)
    index.assign("neg", "a1", signature(SEED), T0)
    inside = index.assign("neg", "a2", signature(edited_copy(SEED)), T0 + WINDOW)
    late = index.assign("neg", "a3", signature(edited_copy(SEED)), T0 + WINDOW + 1)
    assert inside.story_id == "a1"
    assert (late.story_id, late.is_new) == ("a3", True)


def test_scopes_are_independent() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    index.assign("negotiation_round", "a1", signature(WIRE), T0)
    other_scope = index.assign("leader_statement", "a2", signature(WIRE), T0 + 1)
    assert (other_scope.story_id, other_scope.is_new) == ("a2", True)
    same_scope = index.assign("negotiation_round", "a3", signature(WIRE), T0 + 2)
    assert (same_scope.story_id, same_scope.is_new) == ("a1", False)


def test_store_holds_only_plain_json_values() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    index.assign("neg", "a1", signature(WIRE), T0)
    index.remember("neg", "a1", {"value": "x"}, T0)
    assert orjson.loads(orjson.dumps(store)) == store
    assert store["s|neg|a1"] == {"sig": signature(WIRE), "t": T0, "article_id": "a1"}


def test_bucket_lists_stay_bounded_newest_last() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, window_seconds=1e9)
    sig = signature(WIRE)
    for n in range(20):
        # The same signature would join story s{n-1}; dropping its record makes s{n} a new story
        # that lands in the very same 16 buckets.
        store.pop(f"s|neg|s{n - 1}", None)
        index.assign("neg", f"s{n}", sig, T0 + n)
    buckets = {k: v for k, v in store.items() if k.startswith("b|neg|")}
    assert len(buckets) == 16
    for members in buckets.values():
        assert len(members) <= _BUCKET_SIZE == 8
        assert members[-1] == ["s19", T0 + 19]
        assert [m[0] for m in members] == [f"s{n}" for n in range(12, 20)]


# --- recall / remember ----------------------------------------------------------------------------


def test_recall_returns_what_was_remembered_per_scope_and_article() -> None:
    index = StoryIndex({}, WINDOW)
    assert index.recall("neg", "a1") is None
    index.remember("neg", "a1", {"key": "a1", "value": "{}"}, T0)
    assert index.recall("neg", "a1") == {"key": "a1", "value": "{}"}
    assert index.recall("ceasefire", "a1") is None
    assert index.recall("neg", "a2") is None


# --- sweep ----------------------------------------------------------------------------------------


def test_sweep_removes_only_expired_entries() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    index.assign("neg", "old", signature(WIRE), T0)
    index.remember("neg", "old", "payload", T0)
    index.assign("neg", "new", signature(UNRELATED), T0 + WINDOW)
    index.remember("neg", "new", "payload", T0 + WINDOW)
    fresh = {k for k in store if "new" in k or (k.startswith("b|") and store[k][-1][0] == "new")}
    removed = index.sweep("neg", T0 + WINDOW + 1)
    assert removed > 0
    assert "s|neg|old" not in store and "e|neg|old" not in store
    assert set(store) == fresh
    assert index.recall("neg", "new") == "payload"
    assert index.sweep("neg", T0 + WINDOW + 1) == 0


def test_sweep_respects_its_budget() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    for n in range(10):
        index.remember("neg", f"a{n}", "p", T0)
    assert index.sweep("neg", T0 + WINDOW + 1, budget=3) == 3
    assert len(store) == 7
    assert index.sweep("neg", T0 + WINDOW + 1, budget=100) == 7
    assert store == {}


def test_sweep_touches_only_its_own_scope() -> None:
    """Each scope's entries live in its own changelog partition: a sweep must not reach across."""
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    index.remember("neg", "a", "p", T0)
    index.remember("ceasefire", "b", "p", T0)
    index.remember("negotiation", "c", "p", T0)  # a scope whose name starts like another
    assert index.sweep("neg", T0 + WINDOW + 1) == 1
    assert set(store) == {"e|ceasefire|b", "e|negotiation|c"}


def test_bucket_survives_sweep_while_its_newest_member_is_fresh() -> None:
    store: dict[str, Any] = {}
    index = StoryIndex(store, WINDOW)
    sig = signature(WIRE)
    index.assign("neg", "old", sig, T0)
    store.pop("s|neg|old")
    index.assign("neg", "new", sig, T0 + WINDOW)  # same buckets, newer member
    index.sweep("neg", T0 + WINDOW + 1)
    assert all(store[k][-1][0] == "new" for k in store if k.startswith("b|"))
    assert sum(k.startswith("b|") for k in store) == 16
