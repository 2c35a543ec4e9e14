"""CAMEO and PLOVER codes per label, read from ``data/codes.toml``.

Mapping (documented in the data file too):

* negotiation_round   → CAMEO 036 (intent to meet/negotiate), 046 (engage in negotiation); PLOVER CONSULT
* ceasefire_condition → CAMEO 0356 (intent to de-escalate), 0871 (declare truce); PLOVER CONCEDE, RETREAT
* leader_statement    → CAMEO 010 (make statement); PLOVER has no statement type, so none

Why a data file: analysts re-map codes (e.g. to CAMEO 107 "demand ceasefire") without code changes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from agents.core.classifier.lexicon import DATA_DIR, LexiconError
from schemas.evidence import Category, EventCodes

_CAMEO = re.compile(r"^[0-9]{2,4}$")
_PLOVER = re.compile(r"^[A-Z]+$")


def load_codes(path: Path = DATA_DIR / "codes.toml") -> dict[Category, EventCodes]:
    """Read and validate the label → codes mapping; every category must be present."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read codes: {exc}") from exc
    out: dict[Category, EventCodes] = {}
    for category in Category:
        table = data.get(category.value)
        if not isinstance(table, dict):
            raise LexiconError(f"{path}: missing [{category.value}] table")
        cameo, plover = table.get("cameo", []), table.get("plover", [])
        if not isinstance(cameo, list) or not all(isinstance(c, str) and _CAMEO.match(c) for c in cameo):
            raise LexiconError(f"{path}: {category.value}.cameo must list 2-4 digit strings")
        if not isinstance(plover, list) or not all(isinstance(p, str) and _PLOVER.match(p) for p in plover):
            raise LexiconError(f"{path}: {category.value}.plover must list upper-case names")
        out[category] = EventCodes(cameo=list(cameo), plover=list(plover))
    return out
