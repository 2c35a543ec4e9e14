"""Language detection: a script check first, then Lingua's shipped models for Latin text.

Why two steps: most languages wirewatch reads are told apart by their script alone
(Arabic vs Persian letters, Cyrillic with or without і/ї/є/ґ, Hebrew, Armenian), which
costs a few microseconds. Only Latin-script text needs a statistical model; Lingua ships
its n-gram models inside the wheel, so nothing is downloaded at run time.

    >>> detect_language("Путін заявив, що переговори тривають")
    Detection(lang='uk', confidence=0.9)
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

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


def _iso(code: str) -> object:
    from lingua import IsoCode639_1

    return getattr(IsoCode639_1, code.upper())


def _script_counts(sample: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in sample:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0]
        counts[script] = counts.get(script, 0) + 1
    return counts


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
        values = _latin_detector().compute_language_confidence_values(sample)
        if not values:
            return Detection(UNDETERMINED, 0.0)
        best = values[0]
        lang = best.language.iso_code_639_1.name.lower()
        return Detection(lang, round(float(best.value) * share, 3))
    return Detection(UNDETERMINED, 0.0)
