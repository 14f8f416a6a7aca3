"""HTML pages: the article's main text via trafilatura, its date via htmldate."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import trafilatura
from htmldate import find_date
from trafilatura.settings import Document

from polex.data import read_text
from polex.ingest.dates import parse_published
from polex.schema import Article, IngestFailure

NO_TEXT_REASON = "no article text found in HTML"

# Menus and footers are never article text; pruning them stops trafilatura's
# fallback extractors from returning the menu of a page that has no article.
_BOILERPLATE_XPATH = ["//nav", "//footer"]

# A page counts as an article only if some paragraph reads like prose.
_MIN_PROSE_WORDS = 5
_SENTENCE_END = (".", "!", "?", '"', "'", "\u201d", "\u2019", ")")


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None
    url: str | None
    source: str | None


@dataclass(frozen=True)
class _ErrorPageMarks:
    max_words: int
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _error_page_marks() -> _ErrorPageMarks:
    raw = read_text("error_pages.json")
    data = json.loads(raw)
    alternatives = "|".join(re.escape(phrase) for phrase in data["phrases"])
    return _ErrorPageMarks(
        max_words=int(data["max_words"]),
        pattern=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
    )


def read_html_article(
    html: str,
    article_id: str,
    published: date | None = None,
    origin: str = "",
    *,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Article | IngestFailure:
    """An Article from an HTML page; given values win over the page's metadata."""
    page = extract_page(html)
    if page is None:
        return IngestFailure(origin, NO_TEXT_REASON)
    return Article(
        id=article_id,
        text=page.text,
        published=published if published is not None else find_published(html),
        title=title or page.title,
        url=url or page.url,
        source=source or page.source,
        origin=origin,
    )


def extract_page(html: str) -> ExtractedPage | None:
    """The page's article text and metadata, or None when it holds no article."""
    document = _bare_extraction(html)
    if document is None:
        return None
    title = _clean(document.title)
    paragraphs = _paragraphs(document.text or "", title)
    if not _is_article(paragraphs, title):
        return None
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=title,
        url=_clean(document.url),
        source=_clean(document.sitename),
    )


def find_published(html: str) -> date | None:
    """The page's original publication date from its markup, if it states one.

    Only markup is searched (meta tags, JSON-LD, <time>, the URL): a free-text
    search mistakes copyright years for publication dates.
    """
    try:
        found = find_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    except Exception:  # htmldate and lxml raise assorted errors on malformed markup
        return None
    if not found:
        return None
    try:
        return parse_published(found)
    except ValueError:
        return None


def _bare_extraction(html: str) -> Document | None:
    try:
        document = trafilatura.bare_extraction(
            html,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            prune_xpath=_BOILERPLATE_XPATH,
        )
    except Exception:  # trafilatura and lxml raise assorted errors on malformed markup
        return None
    return document if isinstance(document, Document) else None


def _paragraphs(text: str, title: str | None) -> list[str]:
    """Trafilatura writes one block per line; the headline repeats the title."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def _is_article(paragraphs: list[str], title: str | None) -> bool:
    has_prose = any(
        len(p.split()) >= _MIN_PROSE_WORDS and p.endswith(_SENTENCE_END) for p in paragraphs
    )
    return has_prose and not _is_error_page(paragraphs, title)


def _is_error_page(paragraphs: list[str], title: str | None) -> bool:
    marks = _error_page_marks()
    if sum(len(p.split()) for p in paragraphs) > marks.max_words:
        return False
    candidates = [title or "", paragraphs[0] if paragraphs else ""]
    return any(marks.pattern.search(candidate) for candidate in candidates)


def _clean(value: str | None) -> str | None:
    cleaned = " ".join(value.split()) if value else ""
    return cleaned or None
