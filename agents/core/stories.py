"""One alert per story: near-duplicate detection with MinHash and LSH bands over word shingles.

Why MinHash/LSH: wire copy is re-published with small edits (a new lead sentence, a dateline,
trimmed paragraphs). Word 3-gram shingles survive such edits and the Jaccard similarity of the
shingle sets, estimated by MinHash, stays high; LSH bands find candidates with a few key
look-ups instead of comparing against every recent story.

The index keeps its state in a ``MutableMapping`` it is given: a dict in tests, a Faust table
(with a changelog topic, so it survives restarts and rebalances) in the worker. Values are plain
JSON types so any table serialiser can hold them. Entries older than the window are ignored on
read and swept in small steps, so memory stays bounded by the window's traffic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from datasketch import MinHash

from agents.core.expiry import delete_where

NUM_PERM: Final = 64
BANDS: Final = 16  # 16 bands x 4 rows: pairs above ~0.5 Jaccard become candidates
ROWS: Final = NUM_PERM // BANDS
SIMILARITY: Final = 0.5
"""Estimated Jaccard similarity from which two articles are the same story."""
SHINGLE: Final = 3
_BUCKET_SIZE: Final = 8

_WORD = re.compile(r"\w+")
_MARKS = dict.fromkeys(i for i in range(0x300, 0x370)) | dict.fromkeys(range(0x64B, 0x660))


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word n-grams of the case-folded, accent- and harakat-free text."""
    folded = unicodedata.normalize("NFD", text.casefold()).translate(_MARKS)
    words = _WORD.findall(folded)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature (``NUM_PERM`` unsigned 32-bit values) of ``text``'s shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=7)
    grams = shingles(text)
    if grams:
        minhash.update_batch(list(grams))
    return [int(v) for v in minhash.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / NUM_PERM


def band_keys(sig: list[int]) -> list[str]:
    """One bucket key per LSH band: articles sharing any bucket are candidates."""
    values = np.asarray(sig, dtype="<u4")
    return [
        f"{band}:{hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=6).hexdigest()}"
        for band in range(BANDS)
    ]


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """The story an article belongs to; ``is_new`` for the first article of a story."""

    story_id: str
    is_new: bool
    first_seen: float
    similarity: float


class StoryIndex:
    """Recent stories of one scope (e.g. one category), held in a mapping of plain values.

    Keys and values:

    - ``s|<scope>|<story id>`` -> ``{"sig": [...], "t": first seen (epoch s), "article_id": ...}``
    - ``b|<scope>|<band key>`` -> ``[[story id, first seen], ...]``, newest last, a few per bucket
    - ``e|<scope>|<article id>`` -> ``{"t": ..., "payload": ...}``: what was emitted for an article,
      so that a redelivered article re-emits the very same bytes instead of a new message.
    """

    def __init__(self, store: MutableMapping[str, Any], window_seconds: float) -> None:
        self.store = store
        self.window = window_seconds

    def assign(self, scope: str, article_id: str, sig: list[int], now: float) -> StoryMatch:
        """The story of an article with signature ``sig``: an existing one within the window, else
        a new one that it starts."""
        bands = band_keys(sig)
        best: tuple[float, str, float] | None = None
        for story_id in self._candidates(scope, bands, now):
            record = self.store.get(f"s|{scope}|{story_id}")
            if record is None or now - record["t"] > self.window:
                continue
            if record["article_id"] == article_id:  # the same article again (a redelivery)
                return StoryMatch(story_id, True, record["t"], 1.0)
            score = similarity(sig, record["sig"])
            if score >= SIMILARITY and (best is None or score > best[0]):
                best = (score, story_id, record["t"])
        if best is not None:
            return StoryMatch(best[1], False, best[2], best[0])
        story_id = article_id
        self.store[f"s|{scope}|{story_id}"] = {"sig": sig, "t": now, "article_id": article_id}
        for band in bands:
            key = f"b|{scope}|{band}"
            members = [m for m in self.store.get(key, []) if m[0] != story_id][-(_BUCKET_SIZE - 1) :]
            self.store[key] = [*members, [story_id, now]]
        return StoryMatch(story_id, True, now, 1.0)

    def recall(self, scope: str, article_id: str) -> Any:
        """What was emitted for this article before, or None."""
        entry = self.store.get(f"e|{scope}|{article_id}")
        return None if entry is None else entry["payload"]

    def remember(self, scope: str, article_id: str, payload: Any, now: float) -> None:
        self.store[f"e|{scope}|{article_id}"] = {"t": now, "payload": payload}

    def _candidates(self, scope: str, bands: list[str], now: float) -> Iterator[str]:
        seen: set[str] = set()
        for band in bands:
            for story_id, first_seen in self.store.get(f"b|{scope}|{band}", []):
                if story_id not in seen and now - first_seen <= self.window:
                    seen.add(story_id)
                    yield story_id

    def sweep(self, scope: str, now: float, budget: int = 500) -> int:
        """Delete up to ``budget`` entries of ``scope`` older than the window; returns how many went.

        One scope at a time because a Faust table writes a deletion to the changelog partition of
        the event being processed: the caller sweeps the scope whose events it is handling, so
        each tombstone lands in the partition that holds the entry and a restart cannot revive it.
        """
        prefix = f"{scope}|"

        def expired(key: str, value: Any) -> bool:
            if key[2 : 3 + len(scope)] != prefix:
                return False
            newest = value[-1][1] if key.startswith("b|") else value["t"]
            return bool(now - newest > self.window)

        return delete_where(self.store, expired, budget)
