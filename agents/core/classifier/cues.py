"""Group hits by sentence and answer small positional questions about them.

Why: every decision rule asks the same things ("is there a leader before this speech verb?",
"is this talks noun negated?"), so they live here once, as linear scans over the few hits of
one sentence, bounded by ``MAX_HITS_PER_FAMILY``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from agents.core.classifier.matcher import Hit

MAX_HITS_PER_FAMILY = 48
ENTITY_FAMILIES = frozenset({"leader", "country", "place", "organisation"})
GUARD_FAMILIES = ("guard_sport", "guard_business", "guard_labour")
#: A four-digit year before 2000 marks a sentence as history.
OLD_YEAR = re.compile(r"(?<![0-9])1[5-9][0-9]{2}(?![0-9])")


@dataclass(slots=True)
class SentenceCues:
    """The hits of one sentence, by family, in text order."""

    index: int
    start: int
    end: int
    by_family: dict[str, list[Hit]] = field(default_factory=dict)

    def get(self, family: str) -> list[Hit]:
        return self.by_family.get(family, [])

    def has(self, family: str) -> bool:
        return family in self.by_family

    def entities(self) -> list[Hit]:
        out: list[Hit] = []
        for fam in ENTITY_FAMILIES:
            out.extend(self.by_family.get(fam, ()))
        return out


def group_by_sentence(hits: Iterable[Hit], spans: Sequence[tuple[int, int]]) -> list[SentenceCues]:
    """Attach each hit to the sentence containing its start; sentences without hits are kept."""
    cues = [SentenceCues(i, s, e) for i, (s, e) in enumerate(spans)]
    starts = [s for s, _ in spans]
    for hit in hits:
        i = bisect_right(starts, hit.start) - 1
        if i < 0 or hit.start >= spans[i][1]:
            continue
        fam = cues[i].by_family.setdefault(hit.family, [])
        if len(fam) < MAX_HITS_PER_FAMILY:
            fam.append(hit)
    for sc in cues:
        for fam_hits in sc.by_family.values():
            fam_hits.sort()
    return cues


def near(a: Hit, others: Iterable[Hit], before: int, after: int) -> Hit | None:
    """The first of ``others`` that starts within ``before`` chars before ``a`` or ``after`` chars after."""
    for b in others:
        if b is a:
            continue
        if a.start - before <= b.end <= a.start or a.end <= b.start <= a.end + after:
            return b
        if b.start < a.end and a.start < b.end and b.family != a.family:
            return b
    return None


def overlaps(a: Hit, others: Iterable[Hit]) -> bool:
    return any(b.start < a.end and a.start < b.end for b in others)


def is_history(text: str, sc: SentenceCues) -> bool:
    return "guard_other" in sc.by_family or OLD_YEAR.search(text, sc.start, sc.end) is not None


def has_guard(sc: SentenceCues) -> bool:
    # Three plain membership tests: called for most sentences, a generator costs more.
    fams = sc.by_family
    return "guard_sport" in fams or "guard_business" in fams or "guard_labour" in fams


@dataclass(slots=True)
class Finding:
    """One sentence's support for one label."""

    sentence: int
    score: float
    terms: list[Hit] = field(default_factory=list)
    leader: str | None = None
    clauses: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleContext:
    """What the rules may look at beyond one sentence (shared by all labels)."""

    text: str
    sentences: Sequence[SentenceCues]
    guarded: bool  # the article as a whole is about sport/business/labour
    cased: str | None  # original text when its script has letter case (for name checks)
