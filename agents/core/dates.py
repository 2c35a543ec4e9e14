"""Publication dates from whatever producers send: ISO 8601, RFC 2822, epoch seconds or milliseconds.

Why so careful: the date decides what counts as breaking. A wrong date is worse than none, so
anything unparseable or implausible is dropped (with a warning), never guessed.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Final, NamedTuple

#: Nothing wirewatch reads was published before this; earlier values are bugs (0, 1970, year 1).
EARLIEST: Final = datetime(1990, 1, 1, tzinfo=UTC)
#: How far in the future a date may be (clock skew, time zones); further means a wrong date.
FUTURE_TOLERANCE: Final = timedelta(days=1)

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_UTC_SUFFIX = re.compile(r"\s*(?:Z|UTC|GMT)$", re.IGNORECASE)
_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


class ParsedDate(NamedTuple):
    value: datetime | None
    """The instant in UTC, or None when absent or dropped."""
    problem: str | None = None
    """Why a present value was dropped, for `Article.warnings`."""
    timezone_assumed: bool = False
    """True when the value had no zone and UTC was assumed."""


def _from_epoch(number: float) -> datetime | None:
    if not math.isfinite(number):
        return None
    magnitude = abs(number)
    # Pick the unit that lands in a plausible era: s < 1e11 (year 5138) <= ms < 1e14 <= us < 1e17 <= ns.
    for limit, scale in ((1e11, 1.0), (1e14, 1e3), (1e17, 1e6)):
        if magnitude < limit:
            return datetime.fromtimestamp(number / scale, UTC)
    return datetime.fromtimestamp(number / 1e9, UTC)


def _from_string(text: str) -> tuple[datetime | None, bool]:
    """(datetime, zone_assumed); the datetime is None when nothing understood the string."""
    if _NUMBER.match(text):
        return _from_epoch(float(text)), False
    iso = _LONG_FRACTION.sub(r"\1", _UTC_SUFFIX.sub("+00:00", text))
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None, False
        if parsed.tzinfo is None:  # RFC 2822 "-0000": UTC, zone of origin unknown; not an assumption.
            return parsed.replace(tzinfo=UTC), False
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), True
    return parsed, False


def parse_published(value: str | int | float | None, *, now: datetime) -> ParsedDate:
    """Parse a producer's publication date and check it is plausible relative to ``now``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ParsedDate(None)
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    try:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return ParsedDate(None, f"{shown} is not a date")
        parsed, assumed = _from_string(value.strip()) if isinstance(value, str) else (_from_epoch(value), False)
        if parsed is None:
            return ParsedDate(None, f"{shown} is not a date wirewatch understands")
        parsed = parsed.astimezone(UTC)
    except (OverflowError, OSError, ValueError):
        return ParsedDate(None, f"{shown} is out of range")
    if parsed < EARLIEST:
        return ParsedDate(None, f"{shown} is before {EARLIEST:%Y-%m-%d}")
    if parsed > now + FUTURE_TOLERANCE:
        return ParsedDate(None, f"{shown} is more than {FUTURE_TOLERANCE.days} day in the future")
    return ParsedDate(parsed, None, assumed)
