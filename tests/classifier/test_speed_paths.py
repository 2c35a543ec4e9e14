"""The fast paths give exactly what the plain versions give (behavioural, not timed)."""

from __future__ import annotations

import random

import pytest

from agents.core.classifier import Classifier
from agents.core.classifier.cues import GUARD_FAMILIES, MAX_HITS_PER_FAMILY, SentenceCues, group_by_sentence, has_guard
from agents.core.classifier.layout import group_hits
from agents.core.classifier.matcher import SCAN_TABLE, Hit
from agents.core.classifier.normalize import _normalize_slow, normalize_for_scan, translate_table
from agents.core.classifier.sentences import split_sentences, split_sentences_reference
from agents.core.language import _script_counts, _script_counts_reference

TEXTS = [
    "",
    "Plain ASCII. Mr. Smith said: talks resume!\tNext line\r\nend",
    "Путин заявил, что переговоры «продолжатся» — ёлка.",
    "وقال الرئيسُ إنّ الهدنةَ ـ ستبدأ، إذا…",
    "שָׁלוֹם, he said. Ｆｕｌｌｗｉｄｔｈ and Ա capital, emoji 😀 and e\u0301 combining",
    "x\ud800y lone surrogate",
]


@pytest.mark.parametrize("text", TEXTS)
def test_normalize_for_scan_matches_translate(text: str) -> None:
    norm, scan = normalize_for_scan(text)
    slow_norm, slow_scan = _normalize_slow(text)
    assert norm == slow_norm
    assert scan == slow_scan
    assert norm.text == text.translate(translate_table())
    assert scan == " " + norm.text.translate(SCAN_TABLE) + " "


def test_split_sentences_matches_reference_on_random_text() -> None:
    rng = random.Random(7)
    pieces = ["a", " ", "\n", ".", "!", "?", "…", "؟", '"', ")", "]", "\t", "\u00a0", "mr", "b", "a.b", "  \n "]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 18)))
        assert split_sentences(text) == split_sentences_reference(text), text
    long_line = "word " * 2000
    assert split_sentences(long_line) == split_sentences_reference(long_line)


def test_group_hits_matches_group_by_sentence_including_cap() -> None:
    spans = [(0, 10), (12, 30), (31, 31 + 4 * MAX_HITS_PER_FAMILY)]
    hits = [Hit(s, s + 2, "talks", "") for s in range(31, 31 + 4 * MAX_HITS_PER_FAMILY, 3)]
    hits += [Hit(1, 4, "leader", "leader:x"), Hit(11, 12, "talks", ""), Hit(13, 20, "speech", "")]
    hits.append(Hit(0, 9, "talks", ""))
    hits.sort(key=lambda h: h.end)
    fast, plain = group_hits(hits, spans), group_by_sentence(hits, spans)
    assert [(c.index, c.start, c.end, c.by_family) for c in fast] == [
        (c.index, c.start, c.end, c.by_family) for c in plain
    ]
    assert len(fast[2].get("talks")) == MAX_HITS_PER_FAMILY


def test_scan_padded_equals_scan(clf: Classifier) -> None:
    matcher = clf.matcher_for("en")
    text = normalize_for_scan("Putin said the ceasefire talks will resume if Kyiv agrees.")[0].text
    assert matcher.scan(text) == matcher.scan_padded(" " + text.translate(SCAN_TABLE) + " ")
    assert matcher.scan(text)


def test_text_without_hits_takes_the_empty_path(clf: Classifier) -> None:
    result = clf.classify("The weather was mild and the harvest was good.", lang="en")
    assert result.passed == []
    assert result.entities == []
    assert all(r.score == 0.0 and not r.evidence for r in result.labels)


def test_script_counts_match_the_regex_version() -> None:
    rng = random.Random(11)
    ranges = [(0, 0x700), (0, 0x110000), (0xFB00, 0xFF00)]
    for _ in range(5_000):
        lo_hi = [rng.choice(ranges) for _ in range(rng.randint(0, 40))]
        text = "".join(chr(rng.randrange(lo, hi)) for lo, hi in lo_hi)
        assert _script_counts(text) == _script_counts_reference(text), repr(text)


def test_has_guard_knows_every_guard_family() -> None:
    for family in GUARD_FAMILIES:
        assert has_guard(SentenceCues(0, 0, 1, {family: [Hit(0, 1, family, "")]}))
    assert not has_guard(SentenceCues(0, 0, 1, {"talks": [Hit(0, 1, "talks", "")]}))
