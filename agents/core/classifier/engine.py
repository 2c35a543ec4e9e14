"""The classifier: normalise once, scan once, split once, decide per sentence, build the result.

Why this order: the expensive steps (translate, Aho-Corasick, sentence regex) are single C
passes over the text; Python only touches sentences that have hits. Compiled matchers are
cached per process, so ``Classifier.load`` is cheap after the first call.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from agents.core.classifier.codes import load_codes
from agents.core.classifier.decide import ArticleContext, Finding, article_guarded, ceasefire_cues
from agents.core.classifier.decide import ceasefire as decide_ceasefire
from agents.core.classifier.decide import negotiation as decide_negotiation
from agents.core.classifier.decide import statement as decide_statement
from agents.core.classifier.gazetteer import Gazetteer, load_gazetteer
from agents.core.classifier.layout import group_hits
from agents.core.classifier.lexicon import LanguageRules, available_languages, load_lexicon
from agents.core.classifier.matcher import Hit, Matcher, compile_matcher
from agents.core.classifier.normalize import Normalized, normalize_for_scan
from agents.core.classifier.results import build_classification
from agents.core.classifier.sentences import split_sentences
from agents.core.language import detect_language
from schemas.evidence import Category, Classification, EventCodes

DEFAULT_THRESHOLDS: dict[str, float] = {c.value: 0.5 for c in Category}
#: Languages without their own lexicon borrow a related one (the gazetteer is shared anyway).
FALLBACK_LEXICON = {"pt": "es", "ca": "es", "gl": "es", "be": "ru", "kk": "ru", "ur": "fa", "yi": "he"}
DEFAULT_LEXICON = "en"
_CASED_SCRIPTS_SAMPLE = 200
#: Most hits kept per text (hostile input stays bounded).
_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Compiled:
    """Everything compiled from the data files, shared by all Classifier instances."""

    matchers: dict[str, Matcher]
    gazetteer: Gazetteer
    codes: dict[Category, EventCodes]


@functools.cache
def compiled() -> Compiled:
    """Load, validate and compile all data once per process."""
    gazetteer = load_gazetteer()
    matchers: dict[str, Matcher] = {}
    for lang in available_languages():
        lexicon = load_lexicon(lang)
        matchers[lang] = compile_matcher(lexicon.rules, lexicon.terms + gazetteer.terms)
    return Compiled(matchers, gazetteer, load_codes())


@dataclass(frozen=True, slots=True)
class Scan:
    """One normalised text with its hits grouped by sentence."""

    norm: Normalized
    ctx: ArticleContext


class Classifier:
    """Multilingual alert classifier; build with :meth:`load`."""

    def __init__(self, data: Compiled, thresholds: Mapping[str, float]) -> None:
        self._data = data
        self.thresholds = {**DEFAULT_THRESHOLDS, **thresholds}
        for key, value in self.thresholds.items():
            if key not in DEFAULT_THRESHOLDS or not 0.0 <= value <= 1.0:
                raise ValueError(f"threshold {key}={value!r}: unknown label or outside [0, 1]")

    @classmethod
    def load(cls, thresholds: Mapping[str, float] | None = None) -> Classifier:
        return cls(compiled(), thresholds or {})

    @property
    def languages(self) -> list[str]:
        return sorted(self._data.matchers)

    def matcher_for(self, lang: str) -> Matcher:
        matchers = self._data.matchers
        return matchers.get(lang) or matchers.get(FALLBACK_LEXICON.get(lang, "")) or matchers[DEFAULT_LEXICON]

    def classify(self, text: str, *, lang: str | None = None, title: str | None = None) -> Classification:
        """Classify one article; evidence offsets index into ``text`` exactly."""
        detection = detect_language(text if text.strip() else (title or ""), hint=lang)
        matcher = self.matcher_for(detection.lang)
        body_norm, body_scan, body_hits = _anchor_hits(text, matcher)
        head = _anchor_hits(title, matcher) if title and title.strip() else None
        if not body_hits and (head is None or not head[2]):
            # Most of a real stream: no cue that any label or entity needs, so skip everything else.
            empty = _empty_scan(body_norm)
            findings = _decide_all(empty, None)
            return build_classification(
                detection, findings, empty, None, self.thresholds, self._data.codes, self._data.gazetteer
            )
        body = _layout(text, body_norm, body_hits + matcher.scan_others(body_scan, _LIMIT - len(body_hits), body_norm))
        head_scan = None
        if head is not None:
            h_norm, h_scan, h_hits = head
            head_scan = _layout(title or "", h_norm, h_hits + matcher.scan_others(h_scan, _LIMIT - len(h_hits), h_norm))
        findings = _decide_all(body, head_scan)
        return build_classification(
            detection, findings, body, head_scan, self.thresholds, self._data.codes, self._data.gazetteer
        )

    def classify_many(self, items: Iterable[tuple[str, str | None, str | None]]) -> list[Classification]:
        """Classify ``(text, lang, title)`` triples in order."""
        return [self.classify(text, lang=lang, title=title) for text, lang, title in items]

    def _scan(self, text: str, matcher: Matcher) -> Scan:
        return _layout(text, *_hits(text, matcher))


def _hits(text: str, matcher: Matcher) -> tuple[Normalized, list[Hit]]:
    norm, scan_text = normalize_for_scan(text)
    return norm, matcher.scan_padded(scan_text, _LIMIT, norm)


def _anchor_hits(text: str, matcher: Matcher) -> tuple[Normalized, str, list[Hit]]:
    norm, scan_text = normalize_for_scan(text)
    return norm, scan_text, matcher.scan_anchors(scan_text, _LIMIT, norm)


def _layout(text: str, norm: Normalized, hits: list[Hit]) -> Scan:
    # No hit at all: no sentence can yield a finding or an entity.
    sentences = group_hits(hits, split_sentences(norm.text)) if hits else []
    cased = text if _has_case(text) and not norm.shifts else None
    ctx = ArticleContext(norm.text, sentences, article_guarded(sentences), cased)
    return Scan(norm, ctx)


def _empty_scan(norm: Normalized) -> Scan:
    return Scan(norm, ArticleContext(norm.text, [], False, None))


def _decide_all(body: Scan, head: Scan | None) -> dict[Category, list[tuple[bool, Finding]]]:
    """Findings per label as ``(from_title, finding)``, strongest first; one pass per sentence."""
    negotiation: list[tuple[bool, Finding]] = []
    ceasefire: list[tuple[bool, Finding]] = []
    statement: list[tuple[bool, Finding]] = []
    for from_title, scan in ((True, head), (False, body)):
        if scan is None:
            continue
        ctx = scan.ctx
        prev_cf = from_title is False and head is not None and _any_ceasefire(head)
        for sc in ctx.sentences:
            if not sc.by_family:
                prev_cf = False
                continue
            finding = decide_negotiation(ctx, sc)
            if finding is not None:
                negotiation.append((from_title, finding))
            cues = ceasefire_cues(sc)
            finding = decide_ceasefire(ctx, sc, prev_cf, cues)
            prev_cf = bool(cues)
            if finding is not None:
                ceasefire.append((from_title, finding))
            finding = decide_statement(ctx, sc)
            if finding is not None:
                statement.append((from_title, finding))
    for out in (negotiation, ceasefire, statement):
        out.sort(key=_strongest_first)
    return {
        Category.NEGOTIATION_ROUND: negotiation,
        Category.CEASEFIRE_CONDITION: ceasefire,
        Category.LEADER_STATEMENT: statement,
    }


def _strongest_first(pair: tuple[bool, Finding]) -> tuple[float, bool, int]:
    return (-pair[1].score, not pair[0], pair[1].sentence)


def _any_ceasefire(scan: Scan) -> bool:
    return any(ceasefire_cues(sc) for sc in scan.ctx.sentences)


def _has_case(text: str) -> bool:
    sample = text[:_CASED_SCRIPTS_SAMPLE]
    return any(ch.isupper() for ch in sample)


__all__ = ["Classifier", "Compiled", "LanguageRules", "compiled"]
