"""The decision rules: combine cues within a sentence (or with its neighbour) into label scores.

Why rules and not single keywords: "talks" alone fires on football transfers, "truce" alone on
rap feuds, "said" alone on spokesmen. Each label needs a conjunction of cue families, and each
has guards (sports/business/labour vocabulary, history, negation, spokespeople, bare calls).
Scores are fixed per rule strength so thresholds stay interpretable.
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.core.classifier.cues import ArticleContext, Finding, SentenceCues, has_guard, is_history, near
from agents.core.classifier.matcher import Hit
from agents.core.classifier.speakers import leader_mentions, statement

#: Characters that end a condition clause.
_CLAUSE_STOPS = ',;:.!?"\n()'
MAX_CLAUSE = 180


def article_guarded(sentences: Sequence[SentenceCues]) -> bool:
    """Sport/business/labour vocabulary dominates and war/diplomacy vocabulary is absent."""
    guard = anchors = 0
    for sc in sentences:
        fams = sc.by_family
        if fams:  # one dict pass per sentence instead of eight lookups
            for fam, found in fams.items():
                if fam in _GUARDS:
                    guard += len(found)
                elif fam in _ANCHORS:
                    anchors += len(found)
    if guard >= 2 and guard > anchors:
        return True
    # A lead sentence about history ("95 years ago", "on the anniversary of") frames the whole article.
    lead = next((sc for sc in sentences if sc.by_family), None)
    return lead is not None and lead.has("guard_other") and not any(sc.has("violation") for sc in sentences[:1])


_GUARDS = frozenset(("guard_sport", "guard_business", "guard_labour"))
_ANCHORS = frozenset(("ceasefire", "hostility", "leader", "title", "organisation"))


# --------------------------------------------------------------------------- negotiation_round


def negotiation(ctx: ArticleContext, sc: SentenceCues) -> Finding | None:
    """Talks noun + round cue + a party; or a meeting with envoys/delegations or two parties."""
    if not (sc.has("talks") or sc.has("meet")):
        return None
    if ctx.guarded or is_history(ctx.text, sc) or _guarded_near(ctx, sc):
        return None
    negations = sc.get("negation")
    if negations and sc.has("after"):  # "resumed after being postponed": background, not a denial
        negations = [n for n in negations if near(n, sc.get("after"), 20, 0) is None]
    denied = _denied_clauses(ctx.text, sc) if sc.has("denial") else []
    talks = [h for h in sc.get("talks") if near(h, negations, 25, 0) is None and not _inside(h, denied)]
    meets = [h for h in sc.get("meet") if near(h, negations, 20, 0) is None and not _inside(h, denied)]
    if not talks and not meets:
        return None
    rounds = [r for r in sc.get("round") if near(r, negations, 14, 0) is None]  # "had not resumed"
    if denied:
        rounds = [r for r in rounds if not _inside(r, denied)]
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


#: What bounds the clause a denial speaks for (quotes and full stops are left to the sentence splitter).
_DENIAL_STOPS = ",;:!?()\n"


def _denied_clauses(text: str, sc: SentenceCues) -> list[tuple[int, int]]:
    """Clauses holding a denial / postponement ("… ist nicht geplant", "… را تکذیب کرد", "denied that …").

    The denial cancels every talks/meeting/round cue of its clause, before or after it (verb-final
    languages put it last), unless an 'after' connector makes it background ("resumed after being
    postponed", "ertelendikten sonra").
    """
    afters = sc.get("after")
    spans = []
    for d in sc.get("denial"):
        if near(d, afters, 20, 0) is not None:
            continue
        lo = max(text.rfind(ch, sc.start, d.start) for ch in _DENIAL_STOPS)
        hi = min((i for i in (text.find(ch, d.end, sc.end) for ch in _DENIAL_STOPS) if i >= 0), default=sc.end)
        spans.append((max(lo, sc.start), hi))
    return spans


def _inside(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= hit.start < hi for lo, hi in spans)


def _guarded_near(ctx: ArticleContext, sc: SentenceCues) -> bool:
    lo, hi = max(0, sc.index - 1), min(len(ctx.sentences), sc.index + 2)
    return any(has_guard(ctx.sentences[i]) for i in range(lo, hi))


def _neighbour_has(ctx: ArticleContext, sc: SentenceCues, family: str) -> bool:
    return any(ctx.sentences[i].has(family) for i in (sc.index - 1, sc.index + 1) if 0 <= i < len(ctx.sentences))


# --------------------------------------------------------------------------- ceasefire_condition


def ceasefire_cues(sc: SentenceCues) -> list[Hit]:
    """Ceasefire nouns, plus halt-verb + hostility-noun pairs (stop attacks, end the war)."""
    fams = sc.by_family
    cues = list(fams.get("ceasefire", ()))
    halts = fams.get("halt")
    if not halts:
        return cues  # hits within a family are already sorted
    hostilities = fams.get("hostility", ())
    for h in halts:
        other = near(h, hostilities, 12, 45)
        if other is not None:
            cues.append(Hit(min(h.start, other.start), max(h.end, other.end), "ceasefire", ""))
    cues.sort()
    return cues


def ceasefire(ctx: ArticleContext, sc: SentenceCues, prev_cf: bool, cues: list[Hit] | None = None) -> Finding | None:
    """A ceasefire/end-war cue plus a condition marker or a terms/proposal cue, minus guards.

    ``cues`` is ``ceasefire_cues(sc)`` when the caller already has it (it is needed per sentence).
    """
    if not (sc.has("ceasefire") or sc.has("halt") or sc.has("provision") or (prev_cf and sc.has("terms"))):
        return None
    if ctx.guarded or is_history(ctx.text, sc) or has_guard(sc):
        return None
    if cues is None:
        cues = ceasefire_cues(sc)
    negations = sc.get("negation")
    provisions = [p for p in sc.get("provision") if near(p, negations, 12, 0) is None]
    talks = sc.get("talks")
    calls = sc.get("call")
    markers = [m for m in sc.get("condition") if not _condition_for_talks(m, cues, talks)]
    terms = [
        t
        for t in sc.get("terms")
        if not _terms_for_talks(t, cues, [*talks, *sc.get("meet")]) and near(t, negations, 12, 5) is None
    ]
    if sc.has("violation") and not markers:
        terms = []
    if not cues and markers:
        mutual = _reciprocal(sc, markers, negations)
        if mutual is not None:
            return Finding(sc.index, 0.7, [mutual, *markers[:1]])  # "we hold fire if they do not strike"
    if not cues:
        if prev_cf and (terms or provisions) and not talks:
            return Finding(sc.index, 0.55, [*terms[:1], *provisions[:1]])  # weak: terms next to a truce sentence
        listed = _provision_lists_truce(ctx, sc, provisions)
        if listed is not None:
            return Finding(sc.index, 0.6, [listed])  # "the text stipulates:" followed by a truce item
        return None
    if calls and not markers and all(near(c, calls, 35, 0) for c in cues):
        return None
    if markers:
        finding = Finding(sc.index, 0.85, [*cues[:2], *markers[:2]])
        finding.clauses = [_clause(ctx, sc, m) for m in markers[:2]]
        return finding
    if terms:
        return Finding(sc.index, 0.7, [*cues[:2], *terms[:2]])
    contents = [
        p
        for p in provisions
        if near(p, cues, PROVISION_SPAN, PROVISION_SPAN) is not None and near(p, talks, 40, 0) is None
    ]
    if contents:
        return Finding(sc.index, 0.7, [*cues[:2], *contents[:1]])  # outcome report: a truce that includes ...
    return None


def _reciprocal(sc: SentenceCues, markers: list[Hit], negations: list[Hit]) -> Hit | None:
    """A condition marker followed by a negated hostility: 'if Russia does not strike …'."""
    for h in sc.get("hostility"):
        if near(h, negations, 30, 0) is None:
            continue
        if any(0 <= h.start - m.end <= 80 for m in markers):
            return h
    return None


#: How far (chars) a provision verb may sit from the truce noun it describes.
PROVISION_SPAN = 90


def _provision_lists_truce(ctx: ArticleContext, sc: SentenceCues, provisions: list[Hit]) -> Hit | None:
    """A provision verb closing its sentence ("... stipulates:") whose next sentence names a truce."""
    nxt = sc.index + 1
    if nxt >= len(ctx.sentences):
        return None
    tail = [p for p in provisions if sc.end - p.end <= 40]
    if not tail or not ceasefire_cues(ctx.sentences[nxt]):
        return None
    return tail[-1]


def _condition_for_talks(marker: Hit, cues: list[Hit], talks: list[Hit]) -> bool:
    """'talks are pointless unless a ceasefire holds': the condition is about talks, not a truce."""
    before_talks = any(t.end <= marker.start for t in talks)
    cf_before = any(c.end <= marker.start for c in cues)
    return before_talks and not cf_before


def _terms_for_talks(term: Hit, cues: list[Hit], talks: list[Hit]) -> bool:
    """'conditions for talks': the terms noun is followed by a talks noun, not a truce noun.

    Also a terms word right after a talks/meeting word ('Gesprächsangebot', 'ein Treffen angeboten').
    """
    if any(t.start <= term.start and term.start - t.end <= 2 for t in talks):
        return True
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


#: leader_statement rules live in ``speakers.py``; re-exported here with the other labels.

__all__ = [
    "ArticleContext",
    "Finding",
    "article_guarded",
    "ceasefire",
    "ceasefire_cues",
    "leader_mentions",
    "negotiation",
    "statement",
]
