"""Bounded deletion from a table-like mapping: what every "forget what is too old" sweep does."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any


def delete_where(store: MutableMapping[str, Any], doomed: Callable[[str, Any], bool], budget: int) -> int:
    """Delete up to ``budget`` entries for which ``doomed(key, value)`` holds; returns how many went.
    Keys are collected first, so the mapping is never changed while it is being iterated."""
    keys = []
    for key, value in store.items():
        if doomed(key, value):
            keys.append(key)
            if len(keys) >= budget:
                break
    for key in keys:
        del store[key]
    return len(keys)
