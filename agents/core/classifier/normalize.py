"""Length-preserving text normalisation with an exact way back to the original offsets.

Why: cue matching runs once over the whole article with one Aho-Corasick automaton, so the
text must be folded (case, accents, Arabic letter variants, Persian letters, quotes) in C via
``str.translate``. Almost every fold maps one character to one character, so offsets stay
valid. The few characters that must disappear (Arabic harakat, tatweel, Hebrew points,
combining marks, zero-width marks) are deleted; their positions are remembered so any
normalised offset maps back to the original text with one ``bisect``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

#: Characters deleted by normalisation (they never carry meaning for matching).
_REMOVED_RANGES = (
    (0x0300, 0x036F),  # combining diacritics (decomposed Latin/Cyrillic input)
    (0x0591, 0x05BD),  # Hebrew cantillation and points
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
    (0x0610, 0x061A),  # Arabic honorific marks
    (0x064B, 0x065F),  # Arabic harakat, tanwin, shadda, sukun
    (0x0670, 0x0670),  # superscript alef
    (0x0640, 0x0640),  # tatweel
    (0x06D6, 0x06ED),  # Quranic marks
    (0x00AD, 0x00AD),  # soft hyphen
    (0x200B, 0x200B),
    (0x200D, 0x200F),  # ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings
    (0xFEFF, 0xFEFF),
)

_ONE_TO_ONE: dict[str, str] = {
    # Arabic letter variants: alef forms, hamza seats, alef maqsura, ta marbuta, Persian letters.
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "٠": "0",
    "١": "1",
    "٢": "2",
    "٣": "3",
    "٤": "4",
    "٥": "5",
    "٦": "6",
    "٧": "7",
    "٨": "8",
    "٩": "9",
    "۰": "0",
    "۱": "1",
    "۲": "2",
    "۳": "3",
    "۴": "4",
    "۵": "5",
    "۶": "6",
    "۷": "7",
    "۸": "8",
    "۹": "9",
    "،": ",",
    "؛": ";",
    # Hebrew maqaf is a hyphen; final letters stay (they are distinct code points in the lexicon too).
    "־": "-",
    # Cyrillic: ё is written as е in most news text.
    "ё": "е",
    "Ё": "е",
    # Quotes and apostrophes: one apostrophe so French elision and Ukrainian apostrophes agree.
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
    "ʹ": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‹": '"',
    "›": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "−": "-",
    # Whitespace variants become a plain space (ZWNJ separates Persian prefixes like می‌).
    "\u00a0": " ",
    "\u200c": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "\r": " ",
    "\u2028": "\n",
    # Turkish dotless/dotted i fold to i (str.lower would turn İ into two characters).
    "İ": "i",
    "ı": "i",
}


def _fold_latin(ch: str) -> str:
    """Lower-case and strip accents from a Latin/Greek letter, if the result stays one char."""
    low = ch.lower()
    if len(low) != 1:
        return ch
    if ord(low) < 0x0250 or 0x0370 <= ord(low) < 0x0400:
        base = unicodedata.normalize("NFD", low)[0]
        if len(base) == 1:
            return base
    return low


_TABLE_SIZE = 0x10000
#: Punctuation that separates words for matching (the sentence splitter still sees it).
SCAN_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n\r\t؟،؛…·•"
_DELETED = 0xFFFFFFFF


@cache
def translate_table() -> list[int | None]:
    """The one-pass translation table, as a list indexed by code point (cached).

    A list with identity entries is several times faster for ``str.translate`` than a sparse
    dict, whose every miss raises and swallows a KeyError; code points beyond the BMP raise
    IndexError (a LookupError), which ``translate`` treats as "unchanged".
    """
    table: dict[int, int | None] = {}
    for lo, hi in _REMOVED_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = None
    for cp in range(0x41, 0x0530):
        ch = chr(cp)
        if cp in table or not ch.isalpha():
            continue
        folded = _fold_latin(ch)
        if folded != ch:
            table[cp] = ord(folded)
    for src, dst in _ONE_TO_ONE.items():
        table[ord(src)] = ord(dst)
    return [table.get(cp, cp) for cp in range(_TABLE_SIZE)]


def _removed_pattern() -> re.Pattern[str]:
    parts = "".join(f"\\u{lo:04x}-\\u{hi:04x}" if lo != hi else f"\\u{lo:04x}" for lo, hi in _REMOVED_RANGES)
    return re.compile(f"[{parts}]")


_REMOVED = _removed_pattern()


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text plus what is needed to map its offsets back to the original."""

    text: str
    original: str
    shifts: tuple[int, ...] = ()
    """For each deleted character, its would-be offset in the normalised text (sorted)."""

    def to_original(self, offset: int) -> int:
        """Map a normalised offset (start or one-past-end) to the original text."""
        if not self.shifts:
            return offset
        return offset + bisect_right(self.shifts, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original text."""
        if not self.shifts:
            return start, end
        o_start = start + bisect_right(self.shifts, start - 1) if start else 0
        while o_start < len(self.original) and _REMOVED.match(self.original, o_start):
            o_start += 1
        return o_start, self.to_original(end)

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching; offsets map back through :meth:`Normalized.span`."""
    return normalize_for_scan(text)[0]


@cache
def scan_table() -> list[int | None]:
    """The normalisation table with word-separating punctuation also folded to a space."""
    table = list(translate_table())
    for cp, dst in enumerate(table):
        if dst is not None and chr(dst) in SCAN_PUNCT:
            table[cp] = 0x20
    return table


@cache
def _array_tables() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """Both tables over all of Unicode as arrays (deleted = 0xFFFFFFFF) for one vector lookup."""
    out = []
    for table in (translate_table(), scan_table()):
        arr = np.arange(0x110000, dtype=np.uint32)
        arr[:_TABLE_SIZE] = [_DELETED if cp is None else cp for cp in table]
        out.append(arr)
    return out[0], out[1]


def normalize_for_scan(text: str) -> tuple[Normalized, str]:
    """Fold ``text`` and also return the scan text (punctuation as spaces, padded by one space).

    Why numpy for non-ASCII text: ``str.translate`` boxes every code point above 255 as an
    int (~20 ns/char); one array lookup does both tables at ~2 ns/char. ASCII text keeps the
    C fast path of ``str.translate``, which is faster still.
    """
    if text.isascii():
        folded = text.translate(translate_table())
        return Normalized(folded, text), " " + text.translate(scan_table()) + " "
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates: the slow path handles them
        return _normalize_slow(text)
    norm_table, scan_tab = _array_tables()
    folded_codes = norm_table[codes]
    scan_codes = scan_tab[codes]
    keep = folded_codes != _DELETED
    if not keep.all():
        folded_codes, scan_codes = folded_codes[keep], scan_codes[keep]
        folded = folded_codes.tobytes().decode("utf-32-le")
        shifts = tuple(m.start() - i for i, m in enumerate(_REMOVED.finditer(text)))
        return Normalized(folded, text, shifts), " " + scan_codes.tobytes().decode("utf-32-le") + " "
    folded = folded_codes.tobytes().decode("utf-32-le")
    return Normalized(folded, text), " " + scan_codes.tobytes().decode("utf-32-le") + " "


def _normalize_slow(text: str) -> tuple[Normalized, str]:
    folded = text.translate(translate_table())
    scan = " " + text.translate(scan_table()) + " "
    if len(folded) == len(text):
        return Normalized(folded, text), scan
    shifts = tuple(m.start() - i for i, m in enumerate(_REMOVED.finditer(text)))
    return Normalized(folded, text, shifts), scan


def normalize_term(term: str) -> str:
    """Normalise a lexicon term exactly as article text is normalised."""
    return " ".join(normalize(term).text.split())
