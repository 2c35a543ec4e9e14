"""Language detection: script first, then function words, then Lingua for undecided Latin text.

Why three steps: most languages wirewatch reads are told apart by their script alone
(Arabic vs Persian letters, Cyrillic with or without і/ї/є/ґ, Hebrew, Armenian), which
costs a few microseconds. Latin-script text is first decided by frequent function words
(a dictionary lookup per word); only when they are inconclusive is Lingua consulted; it ships
its n-gram models inside the wheel, so nothing is downloaded at run time.

    >>> detect_language("Путін заявив, що переговори тривають")
    Detection(lang='uk', confidence=0.9)
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

#: How much of a text the detector reads; the first few hundred characters decide.
SAMPLE_CHARS = 400

#: The Latin-script languages Lingua chooses among (ISO 639-1).
LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "tr", "nl", "pl")

UNDETERMINED = "und"

_PERSIAN_ONLY = frozenset("پچژگکی")
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")


class Detection(NamedTuple):
    """A detected language."""

    lang: str
    """ISO 639-1 code, or ``"und"`` when the text has no letters to judge by."""
    confidence: float
    """In [0, 1]; 1.0 when the producer named the language."""


@functools.cache
def _latin_detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(_iso(code)) for code in LATIN_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _iso(code: str) -> Any:
    from lingua import IsoCode639_1

    return getattr(IsoCode639_1, code.upper())


_SCRIPT_RANGES = (
    ("ARABIC", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    ("CYRILLIC", "\u0400-\u04ff"),
    ("HEBREW", "\u0590-\u05ff"),
    ("ARMENIAN", "\u0530-\u058f"),
    ("GREEK", "\u0370-\u03ff"),
    ("LATIN", "A-Za-z\u00c0-\u024f"),
)
_SCRIPT_RE = tuple((name, re.compile(f"[{chars}]")) for name, chars in _SCRIPT_RANGES)


@functools.cache
def _script_table() -> list[str | None]:
    """Code point -> one marker char per script (other BMP chars deleted), for one translate pass.

    Why: six regex ``findall`` passes over the sample cost ~20 µs; one ``str.translate`` plus
    six ``str.count`` calls give the same counts in a few. Markers are C0 control characters,
    which are themselves deleted, so only letters of a script are counted. Code points beyond
    the BMP raise IndexError inside ``translate`` and stay unchanged (never a marker).
    """
    table: list[str | None] = [None] * 0x10000
    for i, (_, chars) in enumerate(_SCRIPT_RANGES):
        pattern = re.compile(f"[{chars}]")
        marker = chr(1 + i)
        for cp in range(0x10000):
            if table[cp] is None and pattern.match(chr(cp)):
                table[cp] = marker
    return table


_WORD = re.compile(r"[a-zà-öø-ÿğış]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _words(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


#: Frequent function words that are (nearly) unique to one Latin-script language.
#: Deciding by them costs a few microseconds; Lingua is consulted only when they disagree.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to is was were that with for",
        "on said from have has will would its their which",
    ),
    "fr": _words(
        "le la les des du et est une dans pour sur",
        "avec au aux qui ne pas a été ses leur selon",
    ),
    "de": _words(
        "der die das und ist nicht mit den dem ein",
        "eine zu von auf für sich auch im des wird wurde",
    ),
    "es": _words(
        "el los las del y es una por con para",
        "que se su al como fue según más sus ha",
    ),
    "it": _words(
        "il gli della delle dei che è di per",
        "con una sono nel alla ha anche più dal sul",
    ),
    "pt": _words(
        "os das dos não uma com para que foi",
        "ao pelo pela são em à seu sua mais",
    ),
    "tr": _words(
        "ve bir bu ile için da de",
        "olarak ise çok göre daha olan sonra ancak",
    ),
    "nl": _words(
        "het een van en de niet op",
        "zijn voor met dat ook aan werd wordt",
    ),
    "pl": _words(
        "się nie na że jest do",
        "w z oraz jak przez jego ale",
    ),
}
_STOP_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _lang_words in _STOPWORDS.items():
    for _w in _lang_words:
        _STOP_INDEX[_w] = (*_STOP_INDEX.get(_w, ()), _lang)


def _script_counts(sample: str) -> dict[str, int]:
    """Letters per script, counted with one compiled character class each (no per-char Python)."""
    marked = sample.translate(_script_table())
    counts: dict[str, int] = {}
    if not marked:
        return counts
    for i, (name, _) in enumerate(_SCRIPT_RANGES):
        n = marked.count(_MARKERS[i])
        if n:
            counts[name] = n
    return counts


_MARKERS = tuple(chr(1 + i) for i in range(len(_SCRIPT_RANGES)))


def _script_counts_reference(sample: str) -> dict[str, int]:
    """The plain regex version; kept to test the fast one against."""
    counts: dict[str, int] = {}
    for name, pattern in _SCRIPT_RE:
        n = len(pattern.findall(sample))
        if n:
            counts[name] = n
    return counts


def _latin_by_stopwords(sample: str) -> tuple[str, float] | None:
    """Pick a Latin-script language by function words when one clearly dominates."""
    scores: dict[str, int] = {}
    for word in _WORD.findall(sample.lower()):
        for lang in _STOP_INDEX.get(word, ()):
            scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top >= 4 and top >= 2 * second:
        return best, round(min(0.99, 0.5 + 0.5 * (top - second) / top), 3)
    return None


def detect_language(text: str, hint: str | None = None) -> Detection:
    """Detect the language of ``text``; a producer's ``hint`` (ISO 639-1) wins when given."""
    if hint:
        code = hint.strip().lower().replace("_", "-").split("-", 1)[0]
        if len(code) == 2 and code.isalpha():
            return Detection(code, 1.0)
    sample = text[:SAMPLE_CHARS]
    counts = _script_counts(sample)
    letters = sum(counts.values())
    if not letters:
        return Detection(UNDETERMINED, 0.0)
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / letters
    if script == "ARABIC":
        persian = sum(1 for ch in sample if ch in _PERSIAN_ONLY)
        return Detection("fa" if persian >= 3 else "ar", round(0.9 * share, 3))
    if script == "CYRILLIC":
        uk = sum(1 for ch in sample if ch in _UKRAINIAN_ONLY)
        ru = sum(1 for ch in sample if ch in _RUSSIAN_ONLY)
        return Detection("uk" if uk > ru else "ru", round(0.9 * share, 3))
    if script == "HEBREW":
        return Detection("he", round(share, 3))
    if script == "ARMENIAN":
        return Detection("hy", round(share, 3))
    if script == "GREEK":
        return Detection("el", round(share, 3))
    if script == "LATIN":
        quick = _latin_by_stopwords(sample)
        if quick is not None:
            return Detection(quick[0], round(quick[1] * share, 3))
        # Lingua encodes to UTF-8, which lone surrogates (from bad decoding upstream) cannot pass.
        values = _latin_detector().compute_language_confidence_values(_SURROGATE.sub("\ufffd", sample))
        if not values:
            return Detection(UNDETERMINED, 0.0)
        best = values[0]
        lang = best.language.iso_code_639_1.name.lower()
        return Detection(lang, round(float(best.value) * share, 3))
    return Detection(UNDETERMINED, 0.0)
