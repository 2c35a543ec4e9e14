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

#: Most separator characters allowed between the words of a multi-word term.
_MAX_GAP = 3
#: Punctuation that separates words for matching (the sentence splitter still sees it).
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n\r\t؟،؛…·•"
SCAN_TABLE = str.maketrans(_PUNCT, " " * len(_PUNCT))


class Hit(NamedTuple):
    """A matched term in normalised coordinates; ``start`` includes any clitic prefix."""

    start: int
    end: int
    family: str
    ref: str


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled automaton for one language plus its attachment rules."""

    rules: LanguageRules
    terms: tuple[Term, ...]
    automaton: ahocorasick.Automaton

    def scan(self, text: str, limit: int = 200_000) -> list[Hit]:
        """All term hits in normalised ``text``, in order of their end offset."""
        scan = " " + text.translate(SCAN_TABLE) + " "
        n = len(scan)
        hits: list[Hit] = []
        terms = self.terms
        default = self.rules.max_suffix
        for last, (key_len, lead, term_ids) in self.automaton.iter(scan):
            start = last + 1 - key_len + lead
            token_end = last + 1
            for tid in term_ids:
                term = terms[tid]
                tokens = term.tokens
                end = _word_end(scan, token_end, tokens[0], default, n)
                if end < 0:
                    continue
                for tok in tokens[1:]:
                    end = _next_word(scan, end, tok, self.rules, n)
                    if end < 0:
                        break
                if end >= 0:
                    hits.append(Hit(start - 1, end - 1, term.family, term.ref))
            if len(hits) >= limit:
                break
        return hits


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
        automaton.add_word(key, (len(key), lead, tuple(ids)))
    automaton.make_automaton()
    return Matcher(rules, tuple(scan_terms), automaton)
