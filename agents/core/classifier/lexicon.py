"""Load and validate the per-language lexicon files (``data/lang/<lang>.toml``).

Why data, not code: vocabulary grows with every new outlet and language, and linguists can
edit TOML without touching the engine. Each file has a ``[meta]`` table (matching rules for
the language) and a ``[families]`` table mapping a cue family to a list of terms.

Term syntax (applied after normalisation, see ``normalize.py``):

* ``talk``     a stem: must start a word; the word may continue with up to ``max_suffix`` letters.
* ``if=``      an exact word (no suffix).
* ``talk*``    a stem with any suffix (German compounds: ``*verhandlung*``).
* ``*runde``   may also start inside a word (compound heads, e.g. ``Gesprächsrunde``).
* ``round of= talk``  several words; each word follows the same rules, separated by spaces/hyphens.
* ``UN!``      one exact word that must be written with capitals where the term has them: ``UN!``
  matches "UN" but not French "un"; ``Nato!`` matches "Nato"/"NATO" but not Italian "nato".
  A word ending in an apostrophe (elision: ``n'``) is always exact, never a stem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from agents.core.classifier.normalize import normalize_term

DATA_DIR = Path(__file__).parent / "data"

#: Every cue family the decision rules read. Unknown families are rejected so typos surface.
FAMILIES = frozenset(
    {
        "talks",  # talks, negotiations, consultations, mediation
        "meet",  # meeting verbs and nouns (a weaker talks cue)
        "round",  # round / new / next / resume / start / held / host / weekday
        "party",  # delegation, envoy, mediator, government, army, rebels ...
        "ceasefire",  # ceasefire, truce, armistice, peace deal
        "halt",  # halt / stop / end / suspend (combined with `hostility`)
        "hostility",  # war, attacks, strikes, fighting, hostilities
        "condition",  # if / unless / provided / on condition / in exchange for
        "terms",  # conditions, terms, demands, proposal, offer, plan, draft
        "call",  # call for / urge / appeal (a bare call is not a condition)
        "violation",  # violated / breached / took hold / in force
        "speech",  # said / told / declared / wrote / warned / urged ...
        "title",  # president / prime minister / foreign minister / envoy ...
        "blocker",  # spokesman / deputy / governor / official / source / CEO ...
        "negation",  # no / not / denied / ruled out
        "denial",  # not planned / will not take place / denied / postponed / cancelled: cancels its clause's round
        "after",  # after / following: a denial it introduces is background ("resumed after being postponed")
        "guard_sport",
        "guard_business",
        "guard_labour",
        "guard_other",  # history, anniversaries, games, weather, courts, elections
        "clause_end",  # which / who / while: where a condition clause stops
        "provision",  # includes / provides for / stipulates / commits: an agreement's or plan's content
        "pronoun",  # he / she / according to him: a follow-up that points back to a named speaker
    }
)


class LexiconError(ValueError):
    """Bad lexicon data; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a term: normalised text plus how it may attach to its word."""

    text: str
    infix: bool
    max_suffix: int | None  # -1 means any suffix; None means the language's default


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon term (possibly several words) belonging to a family."""

    family: str
    raw: str
    tokens: tuple[Token, ...]
    ref: str = ""  # canonical id for gazetteer terms
    caps: tuple[int, ...] = ()  # offsets (in the one word) that must be upper case in the article


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """How words attach in a language: suffix allowance and clitic prefixes."""

    lang: str
    max_suffix: int
    clitics: frozenset[str]
    year_guard: bool = True


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: LanguageRules
    terms: tuple[Term, ...]


def parse_term(raw: str, family: str, default_suffix: int | None, where: str, ref: str = "") -> Term:
    """Parse one term string into tokens; raise LexiconError naming ``where`` when malformed."""
    if not isinstance(raw, str) or not raw.strip():
        raise LexiconError(f"{where}: empty or non-string term {raw!r}")
    if raw.endswith("!"):
        return _cased_term(raw, family, where, ref)
    tokens: list[Token] = []
    for word in normalize_term(raw).split():
        infix = word.startswith("*")
        word = word.lstrip("*")
        suffix: int | None = default_suffix
        if word.endswith("="):
            suffix, word = 0, word[:-1]
        elif word.endswith("*"):
            suffix, word = -1, word[:-1]
        text = normalize_term(word)
        if not text or " " in text or "*" in text or "=" in text:
            raise LexiconError(f"{where}: malformed word {word!r} in term {raw!r}")
        if text.endswith("'"):
            suffix = 0  # an elided word (French n', l') is a whole word, not a stem
        tokens.append(Token(text, infix and not tokens, suffix))
    return Term(family, raw, tuple(tokens), ref)


def _cased_term(raw: str, family: str, where: str, ref: str) -> Term:
    """``UN!``: one exact word whose capital letters must be capitals in the article too."""
    word = raw[:-1]
    text = normalize_term(word)
    caps = tuple(i for i, ch in enumerate(word) if ch.isupper())
    if not word.isalpha() or len(text) != len(word) or not caps:
        raise LexiconError(f"{where}: a cased term must be one word of letters with a capital, got {raw!r}")
    return Term(family, raw, (Token(text, False, 0),), ref, caps)


def _expand_clitics(spec: list[str]) -> frozenset[str]:
    """Clitic chains: every concatenation of one optional item from each group, e.g. و+ب+ال."""
    combos = {""}
    for group in spec:
        combos |= {c + normalize_term(g) for c in combos for g in group.split("|")}
    return frozenset(combos)


def load_lexicon(lang: str, data_dir: Path = DATA_DIR) -> Lexicon:
    """Read and validate ``data/lang/<lang>.toml``."""
    path = data_dir / "lang" / f"{lang}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    meta = data.get("meta")
    families = data.get("families")
    if not isinstance(meta, Mapping) or not isinstance(families, Mapping):
        raise LexiconError(f"{path}: needs [meta] and [families] tables")
    if meta.get("lang") != lang:
        raise LexiconError(f"{path}: meta.lang must be {lang!r}, got {meta.get('lang')!r}")
    max_suffix = meta.get("max_suffix", 3)
    if not isinstance(max_suffix, int) or not 0 <= max_suffix <= 8:
        raise LexiconError(f"{path}: meta.max_suffix must be an int in [0, 8]")
    clitic_spec = meta.get("clitics", [])
    if not isinstance(clitic_spec, list) or not all(isinstance(c, str) for c in clitic_spec):
        raise LexiconError(f"{path}: meta.clitics must be a list of strings")
    rules = LanguageRules(lang, max_suffix, _expand_clitics(clitic_spec), bool(meta.get("year_guard", True)))
    terms: list[Term] = []
    for family, items in families.items():
        if family not in FAMILIES:
            raise LexiconError(f"{path}: families.{family}: unknown family (known: {sorted(FAMILIES)})")
        if not isinstance(items, list):
            raise LexiconError(f"{path}: families.{family}: must be a list of strings")
        for i, raw in enumerate(items):
            terms.append(parse_term(raw, family, max_suffix, f"{path}: families.{family}[{i}]"))
    return Lexicon(rules, tuple(terms))


def available_languages(data_dir: Path = DATA_DIR) -> list[str]:
    return sorted(p.stem for p in (data_dir / "lang").glob("*.toml"))
