"""Reading articles from files for `wirewatch produce`: JSON Lines, JSON files or plain text.

A ``.jsonl`` file holds one article object a line (passed through as-is: the ingest stage
validates). A directory is read in name order: ``*.jsonl`` as above, ``*.json`` as one article,
``*.txt`` as an article whose first non-empty line is the title and the rest its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson


def _text_article(path: Path) -> bytes:
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    title = lines[0].strip() if lines else path.stem
    body = "\n".join(lines[1:]).strip()
    return orjson.dumps({"title": title, "text": body, "source": "file", "id": f"file-{path.stem}"})


def read_articles(path: Path) -> Iterator[bytes]:
    """Raw message values, in order, from a file or a directory."""
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.suffix in (".jsonl", ".json", ".txt"):
                yield from read_articles(child)
        return
    if path.suffix == ".txt":
        yield _text_article(path)
    elif path.suffix == ".json":
        yield path.read_bytes().strip()
    else:
        with path.open("rb") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    yield line


def count_articles(path: Path) -> int:
    return sum(1 for _ in read_articles(path))
