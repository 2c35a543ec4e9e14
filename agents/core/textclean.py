"""Character-level cleaning shared by every text field ingest produces.

Why a separate module: the classifier's evidence offsets index into `Article.text`, so the
cleaning must be one deterministic function, applied in one order, everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0 controls except \t and \n (\r and friends are turned into \n first), DEL, C1 controls,
# BOM/ZWNBSP, the two non-characters, and lone surrogates (possible via JSON `\ud800` escapes).
# ZWJ/ZWNJ are kept: Persian and Indic words need them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_ANY_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def normalise_newlines(text: str) -> str:
    """Every line terminator (CRLF, CR, VT, FF, NEL, U+2028/9) becomes ``\\n``."""
    return _NEWLINES.sub("\n", text)


def strip_control_chars(text: str) -> tuple[str, bool]:
    """Remove control and invalid characters, keeping ``\\n`` and ``\\t``; True when any were removed."""
    cleaned = _CONTROL.sub("", text)
    return cleaned, len(cleaned) != len(text)


def nfc(text: str) -> tuple[str, bool]:
    """Unicode NFC, so that the same word is the same code points whatever the producer's keyboard."""
    if unicodedata.is_normalized("NFC", text):
        return text, False
    return unicodedata.normalize("NFC", text), True


def decode_entities(text: str) -> tuple[str, bool]:
    """Decode HTML entities left in plain text (``&amp;``, ``&#39;``), common in feed output."""
    if not _ENTITY.search(text):
        return text, False
    return html.unescape(text), True


def collapse_whitespace(text: str) -> str:
    """Collapse spaces within lines, trim lines, keep at most one blank line between paragraphs."""
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    """All whitespace, line breaks included, collapsed to single spaces (titles, names, tags)."""
    return _ANY_SPACE.sub(" ", text).strip()
