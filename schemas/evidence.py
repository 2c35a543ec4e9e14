"""What a classification found, in the shape downstream consumers read.

These models are shared by the classifier (pure logic, which builds them) and the
`Alert` contract (which carries them), so they live at the lowest floor: `schemas/`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Category(StrEnum):
    """The three alert kinds wirewatch decides on (multi-label; none may apply)."""

    NEGOTIATION_ROUND = "negotiation_round"
    CEASEFIRE_CONDITION = "ceasefire_condition"
    LEADER_STATEMENT = "leader_statement"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """One sentence that supports a label, located in the article text."""

    sentence: str = Field(description="The sentence as it stands in the article text.")
    start: int = Field(ge=0, description="Character offset of the sentence in `Article.text`.")
    end: int = Field(ge=0, description="Offset one past the sentence's last character.")
    terms: list[str] = Field(default_factory=list, description="Matched cue terms, as written in the text.")
    leader_id: str | None = Field(default=None, description="Canonical id of the speaking leader, if any.")
    field: Literal["text", "title"] = Field(
        default="text", description="Where the sentence stands; offsets are into that field."
    )


class EntityKind(StrEnum):
    LEADER = "leader"
    COUNTRY = "country"
    PLACE = "place"
    ORGANISATION = "organisation"


class Entity(_Frozen):
    """A leader, country or place named in the article, with its canonical id."""

    kind: EntityKind
    id: str = Field(description="Canonical id, stable across languages and scripts, e.g. `putin`, `UA`.")
    name: str = Field(description="Canonical display name (English).")
    mentions: list[str] = Field(default_factory=list, description="The forms found in the text.")
    role: str | None = Field(default=None, description="For leaders: office, e.g. `head_of_state`.")


class EventCodes(_Frozen):
    """Event codes for a label: CAMEO (numeric strings) and PLOVER (upper-case names)."""

    cameo: list[str] = Field(default_factory=list)
    plover: list[str] = Field(default_factory=list)


class LabelResult(_Frozen):
    """The decision on one label with what supports it."""

    label: Category
    score: float = Field(ge=0.0, le=1.0)
    threshold: float = Field(ge=0.0, le=1.0)
    passed: bool
    evidence: list[Evidence] = Field(default_factory=list)
    conditions: list[str] = Field(
        default_factory=list, description="For ceasefire conditions: the condition clauses themselves."
    )
    event_codes: EventCodes = Field(default_factory=EventCodes)


class Classification(_Frozen):
    """The classifier's whole answer for one article."""

    lang: str
    lang_confidence: float = Field(ge=0.0, le=1.0)
    labels: list[LabelResult] = Field(description="One entry per category, in `Category` order.")
    entities: list[Entity] = Field(default_factory=list)

    @property
    def passed(self) -> list[Category]:
        """The categories whose score reached their threshold."""
        return [r.label for r in self.labels if r.passed]

    def result(self, label: Category) -> LabelResult:
        for r in self.labels:
            if r.label == label:
                return r
        raise KeyError(label)
