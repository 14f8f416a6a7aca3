"""RSS and Atom feeds: each entry becomes an Article from its content or summary.

An entry's origin is ``<feed origin>#<entry number>`` (from 1). Its id derives
from its link, as for any page read from the web, so fetching the page later
(or reading it from an archive) gives the same article id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from polex.ingest.dates import parse_published
from polex.ingest.sanitize import replace_xml_invalid
from polex.ingest.text import normalize_paragraphs
from polex.ingest.web_page import article_id_for_url
from polex.schema import Article, IngestFailure

NOT_A_FEED_REASON = "not an RSS or Atom feed"
NO_ENTRIES_REASON = "feed has no entries"
NO_ENTRY_TEXT_REASON = "feed entry has no text"
NO_LINK_REASON = "feed entry has no link to fetch"
FEED_ID_PREFIX = "feed-"

# Elements that end a paragraph when an entry's HTML is turned into text.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
        "aside", "figure", "figcaption", "hr", "dd", "dt", "dl",
    }
)
_HIDDEN_TAGS = ("script", "style", "noscript", "template")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FeedEntry:
    number: int  # position in the feed, from 1
    link: str | None
    guid: str | None
    title: str | None
    text: str  # the entry's content (else summary) as plain paragraphs
    published: date | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: list[FeedEntry]


def parse_feed(data: bytes, origin: str, base_url: str | None = None) -> Feed | IngestFailure:
    """The entries of an RSS or Atom document, or why it is not a usable feed.

    ``base_url`` resolves relative links; the data is never fetched from anywhere.
    """
    headers = {"content-location": base_url} if base_url else None
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser's loose parsers raise assorted errors on garbage
        return IngestFailure(origin, f"{NOT_A_FEED_REASON}: {exc}")
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f": {_first_line(str(problem))}" if parsed.get("bozo") and problem else ""
        return IngestFailure(origin, NOT_A_FEED_REASON + detail)
    entries = [_entry(number, raw) for number, raw in enumerate(parsed.entries, start=1)]
    if not entries:
        return IngestFailure(origin, NO_ENTRIES_REASON)
    return Feed(title=_plain(parsed.feed.get("title")), entries=entries)


def read_feed_entries(
    feed: Feed, origin: str, published: date | None = None
) -> Iterator[Article | IngestFailure]:
    """An Article for each entry from its own text; ``published`` applies to undated ones."""
    for entry in feed.entries:
        yield entry_article(entry, origin, feed.title, published)


def entry_article(
    entry: FeedEntry, feed_origin: str, feed_title: str | None, published: date | None = None
) -> Article | IngestFailure:
    origin = entry_origin(feed_origin, entry)
    if not entry.text:
        return IngestFailure(origin, NO_ENTRY_TEXT_REASON)
    return Article(
        id=entry_id(entry, feed_origin),
        text=entry.text,
        published=entry.published or published,
        title=entry.title,
        url=entry.link,
        source=feed_title,
        origin=origin,
    )


def entry_origin(feed_origin: str, entry: FeedEntry) -> str:
    return f"{feed_origin}#{entry.number}"


def entry_id(entry: FeedEntry, feed_origin: str) -> str:
    """The link's id when the entry has a link, else one from its guid or position."""
    if entry.link:
        return article_id_for_url(entry.link)
    key = entry.guid or entry_origin(feed_origin, entry)
    return FEED_ID_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def fragment_text(html: str) -> str:
    """Paragraphs of plain text from a fragment of HTML such as a feed entry's content."""
    if not html.strip():
        return ""
    # lxml parses control characters but refuses them in the text it is then given.
    html = replace_xml_invalid(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalize_paragraphs(html)
    for hidden in list(root.iter(*_HIDDEN_TAGS)):
        hidden.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(root.text_content()))
    return "\n\n".join(part for part in paragraphs if part)


def _entry(number: int, raw: Any) -> FeedEntry:
    return FeedEntry(
        number=number,
        link=_web_link(raw.get("link")),
        guid=_plain(raw.get("id")),
        title=_entry_title(raw),
        text=_entry_text(raw),
        published=_entry_date(raw),
    )


def _entry_text(raw: Any) -> str:
    """The longest full content of the entry, else its summary, as plain text."""
    candidates = list(raw.get("content") or [])
    if raw.get("summary_detail"):
        candidates.append(raw["summary_detail"])
    for detail in sorted(candidates, key=lambda d: len(d.get("value") or ""), reverse=True):
        text = _detail_text(detail)
        if text:
            return text
    return ""


def _detail_text(detail: Any) -> str:
    value = detail.get("value") or ""
    if detail.get("type") in _HTML_TYPES:
        return fragment_text(value)
    return normalize_paragraphs(value)


def _entry_title(raw: Any) -> str | None:
    detail = raw.get("title_detail") or {}
    title = raw.get("title") or ""
    if detail.get("type") in _HTML_TYPES:
        title = fragment_text(title)
    return _plain(title)


def _entry_date(raw: Any) -> date | None:
    """The entry's publication (else update) date as written, ignoring its time zone."""
    for key in ("published", "updated"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            found = _parse_feed_date(value.strip())
            if found is not None:
                return found
    return None


def _parse_feed_date(value: str) -> date | None:
    """RSS dates follow RFC 822 ("Tue, 05 Mar 2024 09:30:00 +0100"), Atom dates ISO 8601."""
    try:
        day = parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        day = None
    try:
        return parse_published(day.isoformat() if day else value)
    except ValueError:
        return None


def _web_link(value: object) -> str | None:
    """An http(s) link; feedparser also offers ids such as "urn:uuid:..." as links."""
    link = _plain(value)
    return link if link and link.lower().startswith(("http://", "https://")) else None


def _plain(value: object) -> str | None:
    cleaned = " ".join(value.split()) if isinstance(value, str) else ""
    return cleaned or None


def _first_line(message: str) -> str:
    return next((line.strip() for line in message.splitlines() if line.strip()), message)
