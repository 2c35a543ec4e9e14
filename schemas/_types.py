"""Field types shared by every contract, so that all topics agree on what a timestamp is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


#: A timezone-aware instant, stored and serialised in UTC (``...Z``). Naive datetimes are
#: rejected: a wall-clock time without a zone is ambiguous, and ingest decides (and records)
#: how to repair it before a model is built.
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
