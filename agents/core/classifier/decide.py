"""The decision rules: combine cues within a sentence (or with its neighbour) into label scores.

Why rules and not single keywords: "talks" alone fires on football transfers, "truce" alone on
rap feuds, "said" alone on spokesmen. Each label needs a conjunction of cue families, and each
has guards (sports/business/labour vocabulary, history, negation, spokespeople, bare calls).
Scores are fixed per rule strength so thresholds stay interpretable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from agents.core.classifier.cues import SentenceCues, has_guard, is_history, near, overlaps
from agents.core.classifier.matcher import Hit

#: Characters that end a condition clause.
_CLAUSE_STOPS = ",;:.!?\"\n()"
MAX_CLAUSE = 180


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
    text: str
    sentences: Sequence[SentenceCues]
    guarded: bool  # the article as a whole is about sport/business/labour
    cased: str | None  # original text when its script has letter case (for name checks)


def article_guarded(sentences: Sequence[SentenceCues]) -> bool:
    """Sport/business/labour vocabulary dominates and war/diplomacy vocabulary is absent."""
    guard = sum(len(sc.get(g)) for sc in sentences for g in ("guard_sport", "guard_business", "guard_labour"))
    anchors = sum(
        len(sc.get(f)) for sc in sentences for f in ("ceasefire", "hostility", "leader", "title", "organisation")
    )
    return guard >= 2 and guard > anchors


# --------------------------------------------------------------------------- negotiation_round


def negotiation(ctx: ArticleContext, sc: SentenceCues) -> Finding | None:
    """Talks noun + round cue + a party; or a meeting with envoys/delegations or two parties."""
    if not (sc.has("talks") or sc.has("meet")):
        return None
    if ctx.guarded or is_history(ctx.text, sc) or _guarded_near(ctx, sc):
        return None
    negations = sc.get("negation")
    talks = [h for h in sc.get("talks") if near(h, negations, 25, 0) is None]
    meets = [h for h in sc.get("meet") if near(h, negations, 20, 0) is None]
    if not talks and not meets:
        return None
    rounds = sc.get("round")
    parties = sc.get("party")
    entities = sc.entities()
    distinct = {h.ref for h in entities}
    if talks and (rounds or meets) and (parties or entities):
        return Finding(sc.index, 0.85, [*talks[:2], *rounds[:2], *meets[:1]])
    if talks and (parties or len(distinct) >= 2) and _neighbour_has(ctx, sc, "round"):
        return Finding(sc.index, 0.6, talks[:2])
    if meets and (parties or len(distinct) >= 2) and (rounds or talks or parties):
        return Finding(sc.index, 0.7, [*meets[:2], *parties[:1]])
    return None


def _guarded_near(ctx: ArticleContext, sc: SentenceCues) -> bool:
    lo, hi = max(0, sc.index - 1), min(len(ctx.sentences), sc.index + 2)
    return any(has_guard(ctx.sentences[i]) for i in range(lo, hi))


def _neighbour_has(ctx: ArticleContext, sc: SentenceCues, family: str) -> bool:
    return any(
        ctx.sentences[i].has(family) for i in (sc.index - 1, sc.index + 1) if 0 <= i < len(ctx.sentences)
    )


# --------------------------------------------------------------------------- ceasefire_condition


def ceasefire_cues(sc: SentenceCues) -> list[Hit]:
    """Ceasefire nouns, plus halt-verb + hostility-noun pairs (stop attacks, end the war)."""
    cues = list(sc.get("ceasefire"))
    hostilities = sc.get("hostility")
    for h in sc.get("halt"):
        other = near(h, hostilities, 12, 45)
        if other is not None:
            cues.append(Hit(min(h.start, other.start), max(h.end, other.end), "ceasefire", ""))
    cues.sort()
    return cues


def ceasefire(ctx: ArticleContext, sc: SentenceCues, prev_cf: bool) -> Finding | None:
    """A ceasefire/end-war cue plus a condition marker or a terms/proposal cue, minus guards."""
    if not (sc.has("ceasefire") or sc.has("halt") or (prev_cf and sc.has("terms"))):
        return None
    if ctx.guarded or is_history(ctx.text, sc) or has_guard(sc):
        return None
    cues = ceasefire_cues(sc)
    talks = sc.get("talks")
    calls = sc.get("call")
    markers = [m for m in sc.get("condition") if not _condition_for_talks(m, cues, talks)]
    negations = sc.get("negation")
    terms = [
        t for t in sc.get("terms") if not _terms_for_talks(t, cues, talks) and near(t, negations, 12, 0) is None
    ]
    if sc.has("violation") and not markers:
        terms = []
    if not cues:
        if prev_cf and terms and not talks:
            return Finding(sc.index, 0.55, terms[:2])  # weak: terms next to a truce sentence
        return None
    if calls and not markers and all(near(c, calls, 35, 0) for c in cues):
        return None
    if markers:
        finding = Finding(sc.index, 0.85, [*cues[:2], *markers[:2]])
        finding.clauses = [_clause(ctx, sc, m) for m in markers[:2]]
        return finding
    if terms:
        return Finding(sc.index, 0.7, [*cues[:2], *terms[:2]])
    return None


def _condition_for_talks(marker: Hit, cues: list[Hit], talks: list[Hit]) -> bool:
    """'talks are pointless unless a ceasefire holds': the condition is about talks, not a truce."""
    before_talks = any(t.end <= marker.start for t in talks)
    cf_before = any(c.end <= marker.start for c in cues)
    return before_talks and not cf_before


def _terms_for_talks(term: Hit, cues: list[Hit], talks: list[Hit]) -> bool:
    """'conditions for talks': the terms noun is followed by a talks noun, not a truce noun."""
    t_next = next((t for t in talks if term.end <= t.start <= term.end + 30), None)
    c_next = next((c for c in cues if term.end <= c.start <= term.end + 30), None)
    return t_next is not None and (c_next is None or t_next.start < c_next.start)


def _clause(ctx: ArticleContext, sc: SentenceCues, marker: Hit) -> tuple[int, int]:
    text = ctx.text
    stop = min(sc.end, marker.end + MAX_CLAUSE)
    for clause_end in sc.get("clause_end"):
        if marker.end < clause_end.start < stop:
            stop = clause_end.start
            break
    for i in range(marker.end + 1, stop):
        if text[i] in _CLAUSE_STOPS:
            stop = i
            break
    while stop > marker.start and text[stop - 1] == " ":
        stop -= 1
    return marker.start, stop


# --------------------------------------------------------------------------- leader_statement


def leader_mentions(ctx: ArticleContext, sc: SentenceCues) -> list[Hit]:
    """Named leaders and anchored titles, minus those tied to a spokesman/deputy/official."""
    blockers = sc.get("blocker")
    anchors = [*sc.get("country"), *sc.get("organisation"), *sc.get("place"), *sc.get("leader")]
    out: list[Hit] = []
    for h in sc.get("leader"):
        if near(h, blockers, 22, 4) is None:
            out.append(h)
    for t in sc.get("title"):
        if overlaps(t, sc.get("leader")) or near(t, blockers, 22, 3) is not None:
            continue
        if near(t, anchors, 28, 45) is not None or _capitalised_after(ctx, t):
            out.append(t)
    out.sort()
    return out


def _capitalised_after(ctx: ArticleContext, hit: Hit) -> bool:
    if ctx.cased is None:
        return False
    i = hit.end
    while i < len(ctx.cased) and ctx.cased[i] in " ,":
        i += 1
    return i < len(ctx.cased) and ctx.cased[i].isupper() and i - hit.end <= 2


def statement(ctx: ArticleContext, sc: SentenceCues) -> Finding | None:
    """A speech cue whose nearest agent (before it, or just after it) is a leader."""
    if not (sc.has("leader") or sc.has("title")):
        return None
    leaders = leader_mentions(ctx, sc)
    if not leaders:
        return None
    blockers = sc.get("blocker")
    text = ctx.text
    for s in sc.get("speech"):
        agent = _nearest_agent(s, leaders, blockers)
        if agent is not None:
            score = 0.9 if agent.family == "leader" else 0.75
            return Finding(sc.index, score, [agent, s], agent.ref.split(":", 1)[-1] or None)
    for h in leaders:
        j = h.end
        if j + 1 < len(text) and text[j : j + 2].strip().startswith(":") and h.start - sc.start < 40:
            return Finding(sc.index, 0.7, [h], h.ref.split(":", 1)[-1] or None)
    return None


def _nearest_agent(speech: Hit, leaders: list[Hit], blockers: list[Hit]) -> Hit | None:
    agents = sorted([*leaders, *(b for b in blockers if not overlaps(b, leaders))])
    before = [a for a in agents if a.end <= speech.start and speech.start - a.end <= 160]
    if before and before[-1].family != "blocker":
        return before[-1]
    after = [a for a in agents if a.start >= speech.end and a.start - speech.end <= 60]
    if after and after[0].family != "blocker" and not before:
        return after[0]
    if after and after[0].family != "blocker" and before and before[-1].family == "blocker":
        return None
    if after and after[0].family != "blocker" and after[0].start - speech.end <= 25:
        return after[0]
    return None
