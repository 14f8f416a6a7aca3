"""Plain-text articles, with an optional header block of metadata.

A header is a run of ``Key: value`` lines at the top of the text, ended by a
blank line, with at least one known key::

    Title: Chilean president visits Buenos Aires
    Published: 2024-03-05
    Source: The Southern Courier
    URL: https://courier.example.org/boric-visit

    Chilean President Gabriel Boric met ...
"""

from __future__ import annotations

import re
from datetime import date

from polex.ingest.dates import parse_published
from polex.schema import Article, IngestFailure

# Header keys (case-insensitive) and the Article field each one fills.
HEADER_KEYS = {
    "title": "title",
    "published": "published",
    "date": "published",
    "source": "source",
    "url": "url",
}

EMPTY_TEXT_REASON = "empty text"

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z -]{0,29}):[ \t]*(.*)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def normalize_paragraphs(text: str) -> str:
    """The text stripped, with each paragraph break written as one blank line."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_clean_paragraph(part) for part in _PARAGRAPH_BREAK.split(unified))
    return "\n\n".join(part for part in paragraphs if part)


def _clean_paragraph(paragraph: str) -> str:
    return "\n".join(line.rstrip() for line in paragraph.strip().split("\n"))


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields (keyed by Article field name) and the body after them.

    Text without a well-formed header comes back whole, with no fields.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").split("\n")
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    matches = [m for line in lines[:end] if (m := _HEADER_LINE.fullmatch(line.strip()))]
    if len(matches) < end:
        return {}, text
    fields: dict[str, str] = {}
    for match in matches:
        field = HEADER_KEYS.get(match.group(1).strip().lower())
        if field is not None:
            fields.setdefault(field, match.group(2).strip())
    if not fields:
        return {}, text
    return fields, "\n".join(lines[end + 1 :])


def read_text_article(
    text: str, article_id: str, published: date | None = None, origin: str = ""
) -> Article | IngestFailure:
    """An Article from plain text; a Published header wins over ``published``."""
    fields, body = split_header(text)
    header_date = fields.get("published")
    if header_date:
        try:
            published = parse_published(header_date)
        except ValueError as exc:
            return IngestFailure(origin, f"unparseable publication date {header_date!r}: {exc}")
    cleaned = normalize_paragraphs(body)
    if not cleaned:
        return IngestFailure(origin, EMPTY_TEXT_REASON)
    return Article(
        id=article_id,
        text=cleaned,
        published=published,
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        source=fields.get("source") or None,
        origin=origin,
    )
