"""Titles anchored by a personal name: "office title + name + speech verb" for leaders not in the gazetteer.

Why: the gazetteer can never list every minister. A political title ("Le président sénégalais",
"Міністр фінансів", "El secretario de Economía de México,") followed by a personal name and then
the speech verb is a named office holder speaking. In cased scripts the name is 1-3 capitalised
words; in uncased scripts (Arabic, Hebrew, Persian) it is 2-3 words that carry no cue at all,
with the speech verb just before the title (verb-first) or just after the name. Blockers
(spokesperson, deputy, company ...) between title and verb cancel the rule; the callers keep
their own blocker checks too.
"""

from __future__ import annotations

import re

from agents.core.classifier.cues import ArticleContext, SentenceCues
from agents.core.classifier.matcher import Hit
from agents.core.classifier.normalize import normalize_term

#: Most chars between a title and the speech verb its named holder utters.
MAX_GAP = 90
#: Most lowercase/complement words between the title and the name ("sénégalais", "de Economía de México").
MAX_COMPLEMENT = 5
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")
#: Auxiliaries between a name and its participle ("a appelé", "has said", "hat erklärt").
_AUX_MAX = 4
#: Function words that never start or make up a name in uncased scripts.
_UNCASED_STOP = frozenset(
    normalize_term(w)
    for w in [
        "ان",
        "إن",
        "أن",
        "في",
        "من",
        "على",
        "عن",
        "الى",
        "إلى",
        "مع",
        "الذي",
        "التي",
        "قد",
        "لقد",
        "كان",
        "خلال",
        "بعد",
        "قبل",
        "امس",
        "اليوم",
        "כי",
        "את",
        "על",
        "של",
        "עם",
        "אל",
        "גם",
        "אשר",
        "היום",
        "אתמול",
        "که",
        "از",
        "به",
        "با",
        "در",
        "را",
        "این",
        "آن",
        "امروز",
        "دیروز",
    ]
)


def named_title(ctx: ArticleContext, sc: SentenceCues, title: Hit) -> bool:
    """True when ``title`` is followed by a personal name and the name's speech verb."""
    speech = [s for s in sc.get("speech") if s.start >= title.end and s.start - title.end <= MAX_GAP]
    if ctx.cased is not None:
        return any(_cased_name(ctx.cased, title, s, sc) for s in speech)
    before = [s for s in sc.get("speech") if s.end <= title.start and title.start - s.end <= 8]
    return _uncased_name(ctx.text, title, sc, speech, bool(before))


def _cased_name(cased: str, title: Hit, speech: Hit, sc: SentenceCues) -> bool:
    if any(title.end <= b.start < speech.start for b in sc.get("blocker")):
        return False
    tokens = _WORD.findall(cased[title.end : speech.start])
    while tokens and tokens[-1] == ",":
        tokens.pop()
    if tokens and tokens[-1].islower() and len(tokens[-1]) <= _AUX_MAX:
        tokens.pop()  # "a appelé", "has said"
    while tokens and tokens[-1] == ",":
        tokens.pop()
    name = 0
    while tokens and name < 3 and _capitalised(tokens[-1]):
        tokens.pop()
        name += 1
    if not name or (tokens and _capitalised(tokens[-1])):
        return False  # no name, or a run of more than three capitalised words (not a name)
    while tokens and tokens[-1] == ",":
        tokens.pop()
    return len(tokens) <= MAX_COMPLEMENT and all(t.isalpha() or "'" in t or "’" in t for t in tokens)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and any(ch.islower() for ch in token[1:])


def _uncased_name(text: str, title: Hit, sc: SentenceCues, speech: list[Hit], verb_first: bool) -> bool:
    hits = [h for fam in sc.by_family.values() for h in fam]
    pos = title.end
    words: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", text[pos : min(sc.end, pos + 60)]):
        words.append((pos + m.start(), pos + m.end()))
    if words and any(h.start <= words[0][0] < h.end for h in hits):
        words = words[1:]  # one complement noun that is itself a cue ("الخارجية")
    name: list[tuple[int, int]] = []
    for start, end in words[:3]:
        word = text[start:end]
        if word in _UNCASED_STOP or not word.isalpha() or any(h.start < end and start < h.end for h in hits):
            break
        name.append((start, end))
    if len(name) < 2:
        return False
    name_end = name[-1][1]
    return verb_first or any(0 <= s.start - name_end <= 3 for s in speech)
