"""Rendering an alert for people: the headline line and the detail lines."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from agents.core.render import MAX_SENTENCE, clip, details, headline, render
from schemas.alert import Alert, AlertKind, AlsoReported, ArticleRef
from schemas.evidence import Category, Entity, EntityKind, EventCodes, Evidence
from schemas.ids import make_alert_id

T = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def make_alert(**fields: Any) -> Alert:
    category = fields.pop("category", Category.CEASEFIRE_CONDITION)
    article = fields.pop(
        "article",
        ArticleRef(article_id="u-1", url=None, title="Truce terms set", source="aljazeera.net", lang="ar"),
    )
    base: dict[str, Any] = {
        "kind": AlertKind.ALERT,
        "alert_id": make_alert_id("s-1", category),
        "category": category,
        "score": 0.9412,
        "story_id": "s-1",
        "article": article,
        "first_seen": T,
        "emitted_at": T,
    }
    return Alert(**{**base, **fields})


def evidence(sentence: str, terms: list[str] | None = None) -> Evidence:
    return Evidence(sentence=sentence, start=0, end=len(sentence), terms=terms or [])


def test_headline_has_label_score_lang_source_and_title() -> None:
    assert headline(make_alert()) == "[CEASEFIRE TERMS] 0.94 ar aljazeera.net: Truce terms set"


def test_headline_labels_each_category() -> None:
    assert headline(make_alert(category=Category.NEGOTIATION_ROUND)).startswith("[NEGOTIATIONS] ")
    assert headline(make_alert(category=Category.LEADER_STATEMENT)).startswith("[LEADER STATEMENT] ")


def test_update_alert_is_marked_in_the_headline() -> None:
    assert headline(make_alert(kind=AlertKind.UPDATE)).startswith("[CEASEFIRE TERMS] (update) 0.94 ")
    assert "(update)" not in headline(make_alert())


def test_headline_clips_long_titles_to_120_chars() -> None:
    title = "word " * 60
    ref = ArticleRef(article_id="u-1", title=title, source="x.org", lang="en")
    line = headline(make_alert(article=ref))
    shown = line.split(": ", 1)[1]
    assert len(shown) == 120 and shown.endswith("…")


def test_clip_collapses_whitespace_and_marks_cut_text() -> None:
    assert clip("a \n\t b") == "a b"
    assert clip("x" * MAX_SENTENCE) == "x" * MAX_SENTENCE
    cut = clip("x" * (MAX_SENTENCE + 1))
    assert len(cut) == MAX_SENTENCE and cut.endswith("…")
    assert clip("abcd efgh", 6) == "abcd…"  # trailing space before the mark is dropped


def test_details_empty_for_a_bare_alert() -> None:
    assert details(make_alert()) == []
    assert render(make_alert()) == headline(make_alert())


def test_details_list_only_leaders_among_entities() -> None:
    entities = [
        Entity(kind=EntityKind.LEADER, id="putin", name="Vladimir Putin"),
        Entity(kind=EntityKind.COUNTRY, id="UA", name="Ukraine"),
        Entity(kind=EntityKind.LEADER, id="zelensky", name="Volodymyr Zelensky"),
    ]
    assert details(make_alert(entities=entities)) == ["leaders: Vladimir Putin, Volodymyr Zelensky"]


def test_details_show_two_evidence_sentences_clipped_with_up_to_five_terms() -> None:
    long_sentence = "The ceasefire " + "holds " * 60
    ev = [
        evidence(long_sentence, ["a", "b", "c", "d", "e", "f"]),
        evidence("Second sentence."),
        evidence("Third sentence is not shown."),
    ]
    lines = details(make_alert(evidence=ev))
    assert len(lines) == 2
    assert lines[0] == f"evidence: {clip(long_sentence)}  [a, b, c, d, e]"
    assert len(clip(long_sentence)) == MAX_SENTENCE
    assert lines[1] == "evidence: Second sentence."


def test_details_show_two_conditions_clipped_at_160() -> None:
    conditions = ["withdrawal of forces", "y" * 200, "third"]
    lines = details(make_alert(conditions=conditions))
    assert lines == ["condition: withdrawal of forces", f"condition: {'y' * 159}…"]


def test_details_show_cameo_then_plover_codes() -> None:
    lines = details(make_alert(event_codes=EventCodes(cameo=["0871", "046"], plover=["AGREE"])))
    assert lines == ["codes: 0871 046 AGREE"]
    assert details(make_alert(event_codes=EventCodes(plover=["CONSULT"]))) == ["codes: CONSULT"]


def test_details_name_other_sources_and_the_url() -> None:
    ref = ArticleRef(article_id="u-1", url="https://x.org/a", title="t", source="x.org", lang="en")
    others = [
        AlsoReported(source="reuters.com", url="https://reuters.com/b", article_id="u-2"),
        AlsoReported(source="apnews.com", article_id="u-3"),
    ]
    assert details(make_alert(article=ref, kind=AlertKind.UPDATE, also_reported_by=others)) == [
        "also reported by: reuters.com https://reuters.com/b",
        "also reported by: apnews.com",
        "url: https://x.org/a",
    ]


def test_render_indents_details_under_the_headline_in_order() -> None:
    alert = make_alert(
        entities=[Entity(kind=EntityKind.LEADER, id="putin", name="Vladimir Putin")],
        evidence=[evidence("Putin set terms.", ["terms"])],
        conditions=["elections"],
        event_codes=EventCodes(cameo=["0871"]),
        also_reported_by=[AlsoReported(source="ria.ru", article_id="u-9")],
    )
    assert render(alert).splitlines() == [
        "[CEASEFIRE TERMS] 0.94 ar aljazeera.net: Truce terms set",
        "    leaders: Vladimir Putin",
        "    evidence: Putin set terms.  [terms]",
        "    condition: elections",
        "    codes: 0871",
        "    also reported by: ria.ru",
    ]
