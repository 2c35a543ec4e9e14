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
from agents.core.classifier.normalize import SCAN_PUNCT

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
#: per term ``(suffix_limit, further_tokens, family, ref)`` with the default limit resolved.
_Entry = tuple[int, tuple[Token, ...], str, str]
_new_hit = tuple.__new__


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled automaton for one language plus its attachment rules."""

    rules: LanguageRules
    terms: tuple[Term, ...]
    automaton: ahocorasick.Automaton

    def scan(self, text: str, limit: int = 200_000) -> list[Hit]:
        """All term hits in normalised ``text``, in order of their end offset."""
        return self.scan_padded(" " + text.translate(SCAN_TABLE) + " ", limit)

    def scan_padded(self, scan: str, limit: int = 200_000) -> list[Hit]:
        """Hits in a scan text (punctuation as spaces, one space of padding at each end).

        Why inlined: this loop runs once per automaton match (~150 per 3 KB article), so
        the suffix check is a single ``str.find`` and hits are built without a Python frame.
        """
        hits: list[Hit] = []
        append = hits.append
        find = scan.find
        rules = self.rules
        for last, (back, entries) in self.automaton.iter(scan):
            pos = last + 1
            for suffix, rest, family, ref in entries:
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
                append(_new_hit(Hit, (last - back, end - 1, family, ref)))
            if len(hits) >= limit:
                break
        return hits


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
    return Term(term.family, term.raw, tuple(tokens), term.ref)


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
        term = Term(term.family, term.raw, (Token(text, last.infix, last.max_suffix), *term.tokens[k:]), term.ref)
        i = len(scan_terms)
        scan_terms.append(term)
        if term.tokens[0].infix:
            by_key.setdefault(text, (0, []))[1].append(i)
            continue
        for clitic in clitics:
            by_key.setdefault(" " + clitic + text, (1, []))[1].append(i)
    automaton = ahocorasick.Automaton()
    for key, (lead, ids) in by_key.items():
        entries = tuple(_entry(scan_terms[i], rules.max_suffix) for i in ids)
        automaton.add_word(key, (len(key) - lead, entries))
    automaton.make_automaton()
    return Matcher(rules, tuple(scan_terms), automaton)


def _entry(term: Term, default: int) -> _Entry:
    first = term.tokens[0]
    return (default if first.max_suffix is None else first.max_suffix, term.tokens[1:], term.family, term.ref)
