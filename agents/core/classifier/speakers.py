"""The leader_statement rules: a speech cue whose agent is a named leader or an anchored title.

Why a module of its own: these rules only share ``ArticleContext``/``Finding`` with the other
labels, and keeping them apart keeps ``decide.py`` readable (and under the size limit).
"""

from __future__ import annotations

from agents.core.classifier.cues import ArticleContext, Finding, SentenceCues, has_guard, near, overlaps
from agents.core.classifier.matcher import Hit
from agents.core.classifier.names import named_title


def leader_mentions(ctx: ArticleContext, sc: SentenceCues) -> list[Hit]:
    """Named leaders and anchored titles, minus those tied to a spokesman/deputy/official."""
    blockers = sc.get("blocker")
    anchors = [*sc.get("country"), *sc.get("organisation"), *sc.get("place"), *sc.get("leader")]
    out: list[Hit] = []
    for h in sc.get("leader"):
        if near(h, blockers, 22, 4) is None:
            out.append(h)
    guards = [*sc.get("guard_sport"), *sc.get("guard_business")]  # "the Premier League club"
    for t in sc.get("title"):
        if overlaps(t, sc.get("leader")) or near(t, blockers, 22, 3) is not None or overlaps(t, guards):
            continue
        if near(t, anchors, 28, 45) is not None or _capitalised_after(ctx, t) or named_title(ctx, sc, t):
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
        return _follow_up(ctx, sc)
    leaders = leader_mentions(ctx, sc)
    if not leaders:
        return _follow_up(ctx, sc)  # "the president said": a bare title pointing back
    blockers = sc.get("blocker")
    text = ctx.text
    for s in _speech(sc):
        agent = _nearest_agent(text if ctx.cased is not None else None, s, leaders, blockers)
        if agent is not None:
            score = 0.9 if agent.family == "leader" else 0.75
            return Finding(sc.index, score, [agent, s], agent.ref.split(":", 1)[-1] or None)
    for h in leaders:
        j = h.end
        if j + 1 < len(text) and text[j : j + 2].strip().startswith(":") and h.start - sc.start < 40:
            return Finding(sc.index, 0.7, [h], h.ref.split(":", 1)[-1] or None)
    return None


def _speech(sc: SentenceCues) -> list[Hit]:
    """Speech cues that are not part of a talks noun (Persian 'گفت' said / 'گفت‌وگو' conversation)."""
    speech = sc.get("speech")
    talks = sc.by_family.get("talks")
    if not talks:
        return speech
    return [s for s in speech if not any(t.start <= s.start < t.end for t in talks)]


def _inverted(text: str | None, speech: Hit, blockers: list[Hit]) -> bool:
    """A quote-closing verb after a comma whose subject follows it: ", сообщили пресс-службы".

    Cased (Latin/Cyrillic) scripts only: in verb-first Arabic/Hebrew/Persian a blocker after the
    verb is often the relaying agency ("، ونقلت عنه وكالة تاس").
    """
    if text is None or not text[max(0, speech.start - 2) : speech.start].strip().endswith(","):
        return False
    return any(0 <= b.start - speech.end <= 3 for b in blockers)


def _nearest_agent(text: str | None, speech: Hit, leaders: list[Hit], blockers: list[Hit]) -> Hit | None:
    agents = sorted([*leaders, *(b for b in blockers if not overlaps(b, leaders))])
    before = [a for a in agents if a.end <= speech.start and speech.start - a.end <= 160]
    if _inverted(text, speech, blockers):
        return None  # "…, said the press services": the subject follows the verb
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


#: Most chars between a pronoun and the speech verb it is the subject of ("he later said").
PRONOUN_SPAN = 30


def _follow_up(ctx: ArticleContext, sc: SentenceCues) -> Finding | None:
    """'He said …' right after a sentence naming a leader: the speaker is that leader.

    Only when this sentence names nobody else (no blocker, party or leader; a bare title such as
    "the president" acts as a pronoun) and the speech cue is tied to a pronoun, opens the
    sentence (pro-drop "Added that …") or closes it (verb-final languages: "… söyledi.").
    """
    if sc.index == 0 or not sc.has("speech") or sc.has("blocker") or has_guard(sc):
        return None
    titles = sc.get("title")
    if any(not overlaps(p, titles) for p in sc.get("party")):
        return None
    prev = ctx.sentences[sc.index - 1]
    named = [h for h in leader_mentions(ctx, prev) if h.family == "leader"]
    if not named or prev.has("blocker"):
        return None
    pronouns = [*sc.get("pronoun"), *titles]
    others = [*sc.get("country"), *sc.get("place"), *sc.get("organisation")]
    for s in _speech(sc):
        tied = near(s, pronouns, PRONOUN_SPAN, PRONOUN_SPAN) is not None
        opens = s.start - sc.start <= 3  # "Added that …" (pro-drop)
        closes = sc.end - s.end <= 3 and near(s, others, 40, 0) is None  # "… söyledi." (verb-final)
        if tied or opens or closes:
            leader = named[-1]
            return Finding(sc.index, 0.6, [leader, s], leader.ref.split(":", 1)[-1] or None)
    return None
