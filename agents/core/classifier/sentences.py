"""Split normalised text into sentence spans (offsets, not copies).

Why spans: evidence must point into the original article, and hits are located by offset,
so a sentence is just ``(start, end)`` found with one linear regex pass. Over-long
"sentences" (hostile one-line input) are cut into bounded chunks so that the per-sentence
cue logic never sees an unbounded number of hits.

Speed: ``_BOUNDARY`` as written makes the regex engine try ``\\s*\\n`` at every character
(~30 ns/char). ``_CANDIDATE`` finds the same boundaries but only starts at punctuation or
a newline; a boundary made of spaces before a newline is then extended back to where
``_BOUNDARY`` would have started it (the first space of that whitespace run).
"""

from __future__ import annotations

import re

#: A sentence ends at . ! ? ؟ … (plus closing quotes) followed by space, or at a line break.
_BOUNDARY = re.compile(r"[.!?؟…]+[\"')\]]*\s+|\s*\n\s*")
#: Abbreviations after which a period does not end a sentence (normalised, lower case).
_ABBREV = re.compile(
    r"(?:\b[a-z]\.[a-z]|\b[a-z]|\b(?:mr|mrs|ms|dr|st|gen|lt|col|sen|rep|gov|no|vs|jr|sr|prof|"
    r"mme|mm|sr|sra|dott|ing|bzw|ca|nr|vgl|ген|г|им|т|д|проф|см))\.$"
)
MAX_SENTENCE = 1200
#: The same matches as ``_BOUNDARY`` except that a run of spaces before a newline is left out.
#: It starts with one character class so the engine can skip ahead to the next candidate in C.
_CANDIDATE = re.compile(r"[.!?؟…\n](?:(?<=\n)\s*|[.!?؟…]*[\"')\]]*\s+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over ``text``, whitespace-trimmed, none longer than MAX_SENTENCE."""
    spans: list[tuple[int, int]] = []
    start = 0
    prev_end = 0
    for m in _CANDIDATE.finditer(text):
        b, e = m.span()
        first = text[b]
        if first == "\n":
            while b > prev_end and text[b - 1].isspace():
                b -= 1
            cut = b
        else:
            group = m.group()
            if first == "." and "\n" not in group and _ABBREV.search(text, max(0, b - 6), b + 1):
                prev_end = e
                continue
            cut = b + len(group.rstrip())
        _add(spans, text, start, cut)
        start = prev_end = e
    _add(spans, text, start, len(text))
    return spans


def split_sentences_reference(text: str) -> list[tuple[int, int]]:
    """The plain ``_BOUNDARY`` version; kept to test the fast one against."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] == "." and "\n" not in m.group() and _ABBREV.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        _add(spans, text, start, m.start() + len(m.group().rstrip()))
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    if start < end <= start + MAX_SENTENCE and not text[start].isspace() and not text[end - 1].isspace():
        spans.append((start, end))
        return
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
