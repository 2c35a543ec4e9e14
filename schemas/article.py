"""`RawArticle` (what producers put on ``news.raw``) and `Article` (what every later stage reads).

Why two models: producers are many and sloppy (feeds, scrapers, wire APIs), so the raw model
accepts the common real-world spellings and keeps unknown keys; the clean model is strict and
small, so the classifier and router never have to guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from schemas._types import UtcDatetime

RAW_ARTICLE_SCHEMA_VERSION: Final = "1.0"
ARTICLE_SCHEMA_VERSION: Final = "1.0"

#: Canonical field -> accepted producer keys, in priority order (matched case-insensitively).
#: When several are present the first non-empty one wins; the others are kept in ``extra``.
FIELD_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "id": ("id", "article_id", "guid", "uuid"),
    "title": ("title", "headline"),
    "body": ("body", "content", "text", "html"),
    "summary": ("summary", "description"),
    "url": ("url", "link"),
    "source": ("source", "publisher", "domain", "site"),
    "published_at": (
        "published_at",
        "publishedAt",
        "published",
        "pubDate",
        "pub_date",
        "date",
        "datePublished",
    ),
    "language": ("language", "lang"),
    "authors": ("authors", "author", "creator"),
    "tags": ("tags", "categories", "keywords"),
}

_KEY_TO_FIELD: Final = {alias.lower(): (field, rank) for field, aliases in FIELD_ALIASES.items()
                        for rank, alias in enumerate(aliases)}  # fmt: skip


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def canonicalise_raw(obj: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Map a producer's keys onto `RawArticle` field names.

    Returns the canonical dict (unknown and losing keys under ``extra``) and, for each canonical
    field, the producer key it came from, so error messages can name what the producer sent.
    Idempotent: a canonical dict maps to itself.
    """
    chosen: dict[str, tuple[int, str, Any]] = {}
    extra: dict[str, Any] = {}
    for key, value in obj.items():
        key = str(key)
        if key == "extra" and isinstance(value, dict):
            extra.update(value)
            continue
        if key == "schema_version":
            chosen[key] = (0, key, value)
            continue
        hit = _KEY_TO_FIELD.get(key.lower())
        if hit is None:
            extra[key] = value
            continue
        field, rank = hit
        current = chosen.get(field)
        if current is None or (_present(value) and (not _present(current[2]) or rank < current[0])):
            if current is not None:
                extra[current[1]] = current[2]
            chosen[field] = (rank, key, value)
        else:
            extra[key] = value
    data: dict[str, Any] = {field: value for field, (_, _, value) in chosen.items()}
    data["extra"] = extra
    return data, {field: key for field, (_, key, _) in chosen.items()}


def _first_string(value: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        item = value.get(key)
        if isinstance(item, str) and item.strip():
            return item
    return value


def _string_list(value: Any, keys: tuple[str, ...]) -> Any:
    """Accept ``"a"``, ``["a", "b"]`` and feed-style ``[{"name": "a"}]``; anything else fails validation."""
    if value is None:
        return []
    if isinstance(value, str | dict):
        value = [value]
    if isinstance(value, list):
        return [_first_string(v, keys) if isinstance(v, dict) else v for v in value]
    return value


class RawArticle(BaseModel):
    """A producer's article, before any cleaning. Field names are canonical; see `FIELD_ALIASES`.

    Text fields are strict strings: a list where a title should be is a producer bug to report,
    not something to guess around.
    """

    model_config = ConfigDict(
        strict=True,
        frozen=True,
        json_schema_extra={
            "additionalProperties": True,
            "x-aliases": {k: list(v) for k, v in FIELD_ALIASES.items()},
        },
    )

    schema_version: Literal["1.0"] = Field(default=RAW_ARTICLE_SCHEMA_VERSION, description="Contract version.")
    id: StrictStr | None = Field(default=None, description="Producer's own id; integers are accepted.")
    title: StrictStr | None = Field(default=None, description="Headline; also `headline`.")
    body: StrictStr | None = Field(default=None, description="Text or HTML; also `content`, `text`, `html`.")
    summary: StrictStr | None = Field(default=None, description="Used when there is no body; also `description`.")
    url: StrictStr | None = Field(default=None, description="Article URL; also `link`.")
    source: StrictStr | None = Field(
        default=None, description="Source name or domain; an object with `name`/`domain`/`url` is accepted."
    )
    published_at: StrictStr | StrictInt | StrictFloat | None = Field(
        default=None,
        description="ISO 8601, RFC 2822, or epoch seconds/milliseconds; also `published`, `pubDate`, `date`.",
    )
    language: StrictStr | None = Field(default=None, description="ISO 639-1 hint, e.g. `uk`, `en-GB`; also `lang`.")
    authors: list[StrictStr] = Field(default_factory=list, description="Also `author` (string or list).")
    tags: list[StrictStr] = Field(default_factory=list, description="Also `categories`, `keywords`.")
    extra: dict[str, Any] = Field(default_factory=dict, description="Every key the contract does not name.")

    @model_validator(mode="before")
    @classmethod
    def _canonicalise(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return canonicalise_raw(data)[0]
        return data

    @field_validator("id", mode="before")
    @classmethod
    def _int_id(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("source", mode="before")
    @classmethod
    def _source_object(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return _first_string(value, ("name", "title", "domain", "url", "id"))
        return value

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> Any:
        return _string_list(value, ("name", "email"))

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _string_list(value, ("term", "label", "name"))


class Repair(StrEnum):
    """What ingest changed to make an article usable (the values of `Article.repairs`)."""

    UTF16_DECODED = "utf16_decoded"
    BOM_STRIPPED = "bom_stripped"
    LENIENT_JSON = "lenient_json"
    HTML_STRIPPED = "html_stripped"
    SCRIPT_REMOVED = "script_removed"
    CDATA_UNWRAPPED = "cdata_unwrapped"
    ENTITIES_DECODED = "entities_decoded"
    CONTROL_CHARS_STRIPPED = "control_chars_stripped"
    UNICODE_NORMALISED = "unicode_normalised"
    TITLE_TRUNCATED = "title_truncated"
    TEXT_FROM_SUMMARY = "text_from_summary"
    SOURCE_FROM_URL = "source_from_url"
    URL_DROPPED = "url_dropped"
    ID_REPLACED = "id_replaced"
    DATE_DROPPED = "date_dropped"
    TIMEZONE_ASSUMED = "timezone_assumed"
    FIELD_DROPPED = "field_dropped"


class Article(BaseModel):
    """A validated, normalised article: the value of ``news.articles``, keyed by `article_id`.

    Unknown fields are ignored on read so that a minor version (a new optional field) never
    breaks an older consumer.
    """

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)

    schema_version: Literal["1.0"] = Field(default=ARTICLE_SCHEMA_VERSION, description="Contract version.")
    article_id: str = Field(
        min_length=1,
        max_length=256,
        description="Producer id, else `u-<hash of canonical URL>`, else `c-<hash of source+title+text>`.",
    )
    source: str = Field(min_length=1, description="Source name as sent, or its domain without `www.`.")
    url: str | None = Field(default=None, description="Canonical URL: lower-case host, no fragment or tracking.")
    title: str = Field(description="One line; may be empty when the article has text.")
    text: str = Field(description="Plain text, NFC. Paragraphs separated by a blank line; evidence offsets point here.")
    lang: str = Field(description="ISO 639-1 code, or `und`.")
    lang_confidence: float = Field(ge=0.0, le=1.0, description="1.0 when the producer named the language.")
    published_at: UtcDatetime | None = Field(default=None, description="Publication time (UTC), if credible.")
    ingested_at: UtcDatetime = Field(description="When ingest accepted the article (UTC).")
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of title and text, hex.")
    authors: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(
        default_factory=list, description="What ingest repaired; values of `Repair`, e.g. `html_stripped`."
    )
    warnings: list[str] = Field(default_factory=list, description="Human-readable notes, `code: detail`.")

    @property
    def kafka_key(self) -> str:
        return self.article_id
