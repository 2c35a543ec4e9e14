"""One Aho-Corasick pass over the normalised article finds every cue and gazetteer alias.

Why this shape: the scan runs on a copy of the normalised text in which punctuation became
spaces, and every key (except compound infixes) starts with a space, so the automaton itself
enforces "starts a word" in C; Arabic/Hebrew clitic chains (و ب ال …) are expanded into extra
keys at compile time. Python then runs only per word-start candidate, to check the suffix
allowance (inflection without stemming every token) and any further words of a multi-word
term. Every check looks at a bounded number of characters, so hostile input stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from agents.core.classifier.lexicon import LanguageRules, Term, Token
from agents.core.classifier.normalize import SCAN_PUNCT, Normalized

#: Most separator characters allowed between the words of a multi-word term.
_MAX_GAP = 3
_PUNCT = SCAN_PUNCT
SCAN_TABLE = str.maketrans(_PUNCT, " " * len(_PUNCT))


class Hit(NamedTuple):
    """A matched term in normalised coordinates; ``start`` includes any clitic prefix."""

    start: int
    end: int
    family: str
    ref: str


#: Per automaton key: what to subtract from the match's last index to get the hit start, and
#: per term ``(suffix_limit, further_tokens, family, ref, caps)`` with the default limit resolved;
#: ``caps`` are offsets from the word's end that must be capitals in the original text.
_Entry = tuple[int, tuple[Token, ...], str, str, tuple[int, ...]]
_new_hit = tuple.__new__


#: A label needs one of these families in the article (or its title), and an entity is one of
#: them; the other families (time words, pronouns, negations, guards ...) only qualify them.
#: They get an automaton of their own, so an article without any is dismissed after one cheap pass.
ANCHOR_FAMILIES = frozenset(
    {"talks", "meet", "ceasefire", "halt", "provision", "leader", "title", "country", "place", "organisation"}
)


@dataclass(frozen=True, slots=True)
class Matcher:
    """Compiled automata for one language (anchor families, the rest) plus its attachment rules."""

    rules: LanguageRules
    terms: tuple[Term, ...]
    anchors: ahocorasick.Automaton
    others: ahocorasick.Automaton

    def scan(self, text: str, limit: int = 200_000) -> list[Hit]:
        """All term hits in normalised ``text`` (capitals unchecked)."""
        return self.scan_padded(" " + text.translate(SCAN_TABLE) + " ", limit)

    def scan_padded(self, scan: str, limit: int = 200_000, norm: Normalized | None = None) -> list[Hit]:
        """Hits in a scan text (punctuation as spaces, one space of padding at each end).

        Anchor-family hits first, then the others; within one family hits are in order of their
        end offset (the order the per-family cap in ``group_hits`` relies on).
        ``norm`` (the normalised text the scan was made from) lets cased terms (``UN!``) check
        their capitals in the original text; without it they match like plain exact words.
        """
        hits = self.scan_anchors(scan, limit, norm)
        return hits + self.scan_others(scan, limit - len(hits), norm)

    def scan_anchors(self, scan: str, limit: int = 200_000, norm: Normalized | None = None) -> list[Hit]:
        return _scan(self.anchors, self.rules, scan, limit, norm)

    def scan_others(self, scan: str, limit: int = 200_000, norm: Normalized | None = None) -> list[Hit]:
        return _scan(self.others, self.rules, scan, limit, norm) if limit > 0 else []


def _scan(
    automaton: ahocorasick.Automaton, rules: LanguageRules, scan: str, limit: int, norm: Normalized | None
) -> list[Hit]:
    """One automaton's hits. Why inlined: this loop runs once per automaton match, so the suffix
    check is a single ``str.find`` and hits are built without a Python frame."""
    hits: list[Hit] = []
    append = hits.append
    find = scan.find
    for last, (back, entries) in automaton.iter(scan):
        pos = last + 1
        for suffix, rest, family, ref, caps in entries:
            if suffix < 0:
                end = pos
            else:
                end = find(" ", pos, pos + suffix + 1)
                if end < 0:
                    continue
            if rest:
                end = _rest_end(scan, end, rest, rules)
                if end < 0:
                    continue
            if caps and norm is not None and not _capitals(norm, end - 1, caps):
                continue
            append(_new_hit(Hit, (last - back, end - 1, family, ref)))
        if len(hits) >= limit:
            break
    return hits


def _capitals(norm: Normalized, end: int, caps: tuple[int, ...]) -> bool:
    """Whether the original text has capitals at ``end + d`` (normalised) for each ``d`` in ``caps``."""
    original = norm.original
    return all(original[norm.to_original(end + d)].isupper() for d in caps)


def _rest_end(text: str, end: int, rest: tuple[Token, ...], rules: LanguageRules) -> int:
    """Where the further words of a term end, or -1; the usual one-space gap is checked inline."""
    n = len(text)
    for tok in rest:
        q = end + 1
        if q < n and text[end] == " " and text[q] != " " and not rules.clitics:
            if not text.startswith(tok.text, q):
                return -1
            end = _word_end(text, q + len(tok.text), tok, rules.max_suffix, n)
        else:
            end = _next_word(text, end, tok, rules, n)
        if end < 0:
            return -1
    return end


def _word_end(text: str, pos: int, tok: Token, default: int, n: int) -> int:
    limit = default if tok.max_suffix is None else tok.max_suffix
    if limit < 0:
        return pos
    q = pos
    stop = min(n, pos + limit + 1)
    while q < stop and text[q] != " ":
        q += 1
    if q - pos > limit:
        return -1
    return q


def _next_word(text: str, pos: int, tok: Token, rules: LanguageRules, n: int) -> int:
    q = pos
    stop = min(n, pos + _MAX_GAP)
    while q < stop and text[q] == " ":
        q += 1
    if q == pos or q >= n:
        return -1
    if text.startswith(tok.text, q):
        return _word_end(text, q + len(tok.text), tok, rules.max_suffix, n)
    if rules.clitics:
        word_end = text.find(" ", q, q + 40)
        at = text.find(tok.text, q, word_end if word_end > 0 else q + 40)
        if at > q and text[q:at] in rules.clitics:
            return _word_end(text, at + len(tok.text), tok, rules.max_suffix, n)
    return -1


def _scan_form(token: Token) -> Token:
    text = " ".join(token.text.translate(SCAN_TABLE).split())
    return Token(text, token.infix, token.max_suffix)


def _scan_tokens(term: Term) -> Term:
    """Re-split a term the way the scan text is split (punctuation inside terms becomes a gap).

    Short non-final words (≤ 3 letters: prepositions, articles, elided l'/d') never inflect, so
    they are made exact; that lets them join the automaton key instead of being checked in Python.
    """
    tokens: list[Token] = []
    for tok in term.tokens:
        parts = _scan_form(tok).text.split(" ")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            tokens.append(Token(part, tok.infix and not tokens, tok.max_suffix if last else 0))
    for i, tok in enumerate(tokens[:-1]):
        if len(tok.text) <= 3 and tok.max_suffix != -1:
            tokens[i] = Token(tok.text, tok.infix, 0)
    return Term(term.family, term.raw, tuple(tokens), term.ref, term.caps)


def _key_length(term: Term) -> int:
    """How many leading words go into the automaton key: the exact ones plus one more."""
    k = 0
    while k < len(term.tokens) - 1 and term.tokens[k].max_suffix == 0:
        k += 1
    return k + 1


def compile_matcher(rules: LanguageRules, terms: tuple[Term, ...]) -> Matcher:
    """Build the automaton once: keys are ' ' + clitic + first word (or the bare infix)."""
    scan_terms: list[Term] = []
    by_key: dict[str, tuple[int, list[int]]] = {}
    clitics = sorted(rules.clitics | {""})
    for original in terms:
        term = _scan_tokens(original)
        if not term.tokens or not term.tokens[0].text:
            continue
        k = _key_length(term)
        text = " ".join(t.text for t in term.tokens[:k])
        last = term.tokens[k - 1]
        # The keyed words are matched by the automaton; the matcher re-checks only the last one.
        keyed = Token(text, last.infix, last.max_suffix)
        term = Term(term.family, term.raw, (keyed, *term.tokens[k:]), term.ref, term.caps)
        i = len(scan_terms)
        scan_terms.append(term)
        if term.tokens[0].infix:
            by_key.setdefault(text, (0, []))[1].append(i)
            continue
        for clitic in clitics:
            by_key.setdefault(" " + clitic + text, (1, []))[1].append(i)
    anchors, others = ahocorasick.Automaton(), ahocorasick.Automaton()
    for key, (lead, ids) in by_key.items():
        for automaton, wanted in ((anchors, True), (others, False)):
            entries = tuple(
                _entry(scan_terms[i], rules.max_suffix)
                for i in ids
                if (scan_terms[i].family in ANCHOR_FAMILIES) is wanted
            )
            if entries:
                automaton.add_word(key, (len(key) - lead, entries))
    anchors.make_automaton()
    others.make_automaton()
    return Matcher(rules, tuple(scan_terms), anchors, others)


def _entry(term: Term, default: int) -> _Entry:
    first = term.tokens[0]
    caps = tuple(i - len(first.text) for i in term.caps)
    return (default if first.max_suffix is None else first.max_suffix, term.tokens[1:], term.family, term.ref, caps)
