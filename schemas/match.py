"""`Match`: the value of the internal ``news.matches`` topic, keyed by category.

Why an internal topic: classification runs in parallel over every partition of
``news.articles``, but deciding "is this story new?" needs every article of a category in one
place. Re-keying matches by category puts each category's stream in one partition, next to the
partition of the story table that remembers it.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas._types import UtcDatetime
from schemas.alert import ArticleRef
from schemas.evidence import Category, Entity, LabelResult

MATCH_SCHEMA_VERSION: Final = "1.0"


class Match(BaseModel):
    """One label of one article that passed its threshold, with what the story stage needs."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal["1.0"] = MATCH_SCHEMA_VERSION
    category: Category
    article: ArticleRef
    result: LabelResult
    entities: list[Entity] = Field(default_factory=list)
    signature: list[int] = Field(description="MinHash signature of the article text, for story dedup.")
    ingested_at: UtcDatetime
    classified_at: UtcDatetime
