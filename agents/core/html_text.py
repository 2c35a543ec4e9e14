"""HTML to plain text with a real parser (selectolax/lexbor), keeping paragraph structure.

Why not a regex: producers send everything from clean fragments to whole pages with scripts,
comments and broken markup; a browser-grade parser turns all of them into the same text, and
block elements become paragraph breaks so sentence splitting downstream has something to go on.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

#: Elements whose content is never article text.
DROPPED_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas"}
)
#: Elements that end a paragraph.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "figure", "figcaption",
        "pre", "address", "hr", "form", "fieldset", "details", "summary", "center",
    }
)  # fmt: skip
#: Elements that end a line.
LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "caption"})
#: Elements whose neighbours must not run together.
CELL_TAGS = frozenset({"td", "th"})

_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9:-]*\s*>|!--)")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_SPACE = re.compile(r"\s+")


class HtmlText(NamedTuple):
    text: str
    """Text with ``\\n`` line breaks and ``\\n\\n`` paragraph breaks (not yet whitespace-normalised)."""
    dropped_code: bool
    """True when script, style or similar non-text elements were removed."""


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains something tag-shaped (``a < b`` does not count)."""
    return _TAG.search(text) is not None


def unwrap_cdata(text: str) -> tuple[str, bool]:
    """Replace ``<![CDATA[...]]>`` by its content; feeds leak these, and HTML parsers drop them."""
    unwrapped = _CDATA.sub(lambda m: m.group(1), text)
    return unwrapped, unwrapped != text


def html_to_text(markup: str) -> HtmlText:
    """Extract readable text from an HTML fragment or document."""
    root: Any = LexborHTMLParser(markup).root
    if root is None:
        return HtmlText("", False)
    out: list[str] = []
    dropped = False
    # Iterative walk (markup can nest thousands deep); entries are (node, leaving, inside <pre>).
    stack: list[tuple[Any, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, in_pre = stack.pop()
        tag = node.tag
        if leaving:
            out.append("\n\n" if tag in BLOCK_TAGS else "\n" if tag in LINE_TAGS else " ")
            continue
        if tag == "-text":
            content = node.text_content or ""
            out.append(content if in_pre else _SPACE.sub(" ", content))
            continue
        if tag is None or tag.startswith("-"):  # comments, doctype
            continue
        if tag in DROPPED_TAGS:
            dropped = dropped or tag != "head" or node.css_first("script, style") is not None
            continue
        if tag == "br" or tag == "hr":
            out.append("\n")
            continue
        if tag in BLOCK_TAGS:
            out.append("\n\n")
        if tag in BLOCK_TAGS or tag in LINE_TAGS or tag in CELL_TAGS:
            stack.append((node, True, in_pre))  # lines and cells end on leaving only
        children = list(node.iter(include_text=True))
        child_pre = in_pre or tag == "pre"
        stack.extend((child, False, child_pre) for child in reversed(children))
    return HtmlText("".join(out), dropped)
