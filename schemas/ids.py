"""Deterministic identifiers: the same article or alert gets the same id on every run and host.

Why here: ids are part of the contract. Consumers deduplicate on them, and a replayed
partition must reproduce them exactly, so they are pure functions of the content.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only say how a reader got to the page, never which page it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url",
        "oly_anon_id", "oly_enc_id", "vero_id", "wt_mc", "cmpid", "ocid", "smid", "at_medium",
        "at_campaign",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ID_HEX = 32  # 128 bits: collisions are not a practical concern at news volumes.


def _digest(*parts: str) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:_ID_HEX]


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str | None:
    """The URL two producers would agree on, or None when ``url`` is not an absolute http(s) URL.

    Lower-cases scheme and host, drops credentials, default ports, the fragment and tracking
    parameters (``utm_*``, ``fbclid``, ...). Path and remaining query order are kept: they can matter.
    """
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def url_host(url: str) -> str | None:
    """The host of an absolute URL without a leading ``www.``, e.g. for naming a source."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def article_id_from_url(url: str) -> str:
    """Article id for a URL (pass the canonical form, see `canonical_url`)."""
    return "u-" + _digest(url)


def article_id_from_content(source: str, title: str, text: str) -> str:
    """Article id for an article with neither a producer id nor a URL."""
    return "c-" + _digest(source, title, text)


def make_alert_id(story_id: str, category: str) -> str:
    """Alert id for a (story, category) pair: an update to the same story keeps the same id."""
    return "a-" + _digest(story_id, str(category))


def content_hash(title: str, text: str) -> str:
    """SHA-256 of the normalised title and text: equal for identical copies from different sources."""
    return hashlib.sha256(f"{title}\n\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
