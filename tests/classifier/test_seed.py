"""The Arabic seed article: all three labels, with the right evidence at exact offsets."""

from __future__ import annotations

from pathlib import Path

from agents.core.classifier import Classifier
from schemas.evidence import Category

SEED = Path(__file__).resolve().parents[2] / "samples" / "seed-article-ar.txt"


def test_seed_article(clf: Classifier) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = clf.classify(text)
    assert result.lang == "ar"
    assert set(result.passed) == set(Category)
    for label in result.labels:
        for ev in label.evidence:
            assert text[ev.start : ev.end] == ev.sentence

    cease = result.result(Category.CEASEFIRE_CONDITION)
    assert "في حال نظّمت كييف" in cease.evidence[0].sentence
    assert "بوقف الهجمات" in cease.evidence[0].sentence
    assert cease.conditions[0] == "في حال نظّمت كييف الاقتراع الرئاسي"
    assert cease.event_codes.cameo == ["0356", "0871"]

    talks = result.result(Category.NEGOTIATION_ROUND)
    sentences = " ".join(ev.sentence for ev in talks.evidence)
    assert "سنبدأ سلسلة جديدة من المشاورات" in sentences
    assert "ميامي" in sentences
    assert "CONSULT" in talks.event_codes.plover

    said = result.result(Category.LEADER_STATEMENT)
    speakers = {ev.leader_id for ev in said.evidence}
    assert {"putin", "umerov"} <= speakers
    putin = next(ev for ev in said.evidence if ev.leader_id == "putin")
    assert "بوتين" in putin.terms
    assert said.event_codes.cameo == ["010"]

    ids = {e.id for e in result.entities}
    assert {"putin", "umerov", "witkoff", "UA", "RU", "US", "miami"} <= ids
