"""Formatting an alert for people: one headline line and a few indented detail lines.

Pure text (no colours, no terminal): `wirewatch tail`, the demo and chat bots all start here.
"""

from __future__ import annotations

from schemas.alert import Alert, AlertKind
from schemas.evidence import EntityKind

LABELS = {
    "negotiation_round": "NEGOTIATIONS",
    "ceasefire_condition": "CEASEFIRE TERMS",
    "leader_statement": "LEADER STATEMENT",
}
MAX_SENTENCE = 220


def clip(text: str, limit: int = MAX_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def headline(alert: Alert) -> str:
    """``[CEASEFIRE TERMS] 0.94 ar aljazeera.net: title`` (``update`` alerts say so)."""
    label = LABELS.get(alert.category.value, alert.category.value)
    update = " (update)" if alert.kind is AlertKind.UPDATE else ""
    a = alert.article
    return f"[{label}]{update} {alert.score:.2f} {a.lang} {a.source}: {clip(a.title, 120)}"


def details(alert: Alert) -> list[str]:
    """Leaders, evidence, conditions, codes and other sources, one per line."""
    lines = []
    leaders = [e.name for e in alert.entities if e.kind is EntityKind.LEADER]
    if leaders:
        lines.append("leaders: " + ", ".join(leaders))
    for evidence in alert.evidence[:2]:
        terms = f"  [{', '.join(evidence.terms[:5])}]" if evidence.terms else ""
        lines.append(f"evidence: {clip(evidence.sentence)}{terms}")
    for condition in alert.conditions[:2]:
        lines.append(f"condition: {clip(condition, 160)}")
    if alert.event_codes.cameo or alert.event_codes.plover:
        codes = alert.event_codes.cameo + alert.event_codes.plover
        lines.append("codes: " + " ".join(codes))
    for other in alert.also_reported_by:
        lines.append(f"also reported by: {other.source}" + (f" {other.url}" if other.url else ""))
    if alert.article.url:
        lines.append(f"url: {alert.article.url}")
    return lines


def render(alert: Alert) -> str:
    return "\n".join([headline(alert), *("    " + line for line in details(alert))])
