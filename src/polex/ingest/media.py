"""Media types of web payloads: which ones can hold an article or a feed."""

from __future__ import annotations

import re

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PLAIN_TEXT_TYPE = "text/plain"
PAGE_TYPES = HTML_TYPES | {PLAIN_TEXT_TYPE}
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# What the URL fetcher downloads; anything else is refused before its body is read.
FETCHABLE_TYPES = PAGE_TYPES | FEED_TYPES

# The root element of an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom document, after an
# optional byte-order mark, XML declaration, comments, processing instructions
# and document type declaration, which may hold an internal subset in brackets
# ("<!DOCTYPE rss [ <!ENTITY ...> ]>"; the feed parser never expands its entities).
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*"
    rb"(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)[\s>]",
    re.DOTALL | re.IGNORECASE,
)
_FEED_PROBE_BYTES = 4096


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """The media type (lower-case, "" when absent) and charset of a Content-Type value."""
    if not value:
        return "", None
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        name, _, raw = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def looks_like_feed(body: bytes) -> bool:
    """Whether a document's root element is that of an RSS or Atom feed."""
    return _FEED_ROOT.match(body[:_FEED_PROBE_BYTES]) is not None
