"""URLs to Articles: lists of URLs, URLs given as inputs, and feeds found behind them.

A fetched page becomes an Article identified by its final URL (after
redirects); a fetched feed yields its entries, or the pages they link to when
``fetch_links`` is set. Every failure names the URL it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from polex.ingest.feeds import (
    NO_LINK_REASON,
    Feed,
    FeedEntry,
    entry_origin,
    parse_feed,
    read_feed_entries,
)
from polex.ingest.fetch import FetchedPage, Fetcher, FetchSettings
from polex.ingest.media import PLAIN_TEXT_TYPE, looks_like_feed
from polex.ingest.web_page import read_web_document
from polex.schema import Article, IngestFailure

URL_SCHEMES = ("http://", "https://")
NOT_A_URL_REASON = "not an http(s) URL"
_COMMENT = "#"

Item = Article | IngestFailure


def is_url(value: str) -> bool:
    """Whether an input names a web address rather than a file."""
    return value.strip().lower().startswith(URL_SCHEMES) and len(value.split()) == 1


def url_list(text: str) -> list[str] | None:
    """The URLs of a text whose lines are all URLs (blank and ``#`` lines aside), else None."""
    urls: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(_COMMENT):
            continue
        if not is_url(stripped):
            return None
        urls.append(stripped)
    return urls or None


def numbered_url_lines(text: str, origin: str) -> Iterator[str | IngestFailure]:
    """Each URL of a URL-list file, and a failure for each line that is not one."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(_COMMENT):
            continue
        if is_url(stripped):
            yield stripped
        else:
            yield IngestFailure(f"{origin}:{number}", NOT_A_URL_REASON)


class WebReader:
    """Reads URLs and feeds for one run, sharing one fetcher (opened on first use)."""

    def __init__(self, settings: FetchSettings | None = None, *, fetch_links: bool = False) -> None:
        self.settings = settings or FetchSettings()
        self.fetch_links = fetch_links
        self._fetcher: Fetcher | None = None

    def __enter__(self) -> WebReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def read_urls(
        self, urls: Iterable[str | IngestFailure], published: date | None = None
    ) -> Iterator[Item]:
        """Articles from the pages (or feeds) at these URLs, in the given order.

        ``published`` applies to pages that state no date. Failures given among
        the URLs (such as bad lines of a list) pass through in their place.
        """
        given = list(urls)
        results = iter(self.fetcher.fetch_all(u for u in given if isinstance(u, str)))
        for url in given:
            if isinstance(url, IngestFailure):
                yield url
                continue
            result = next(results)
            if isinstance(result, IngestFailure):
                yield result
            else:
                yield from self._read_fetched(result, published)

    def read_feed(
        self, data: bytes, origin: str, published: date | None = None, base_url: str | None = None
    ) -> Iterator[Item]:
        """Articles from a feed document: its entries, or the pages they link to."""
        feed = parse_feed(data, origin, base_url)
        if isinstance(feed, IngestFailure):
            yield feed
        elif self.fetch_links:
            yield from self._read_linked_pages(feed, origin, published)
        else:
            yield from read_feed_entries(feed, origin, published)

    def _read_fetched(self, page: FetchedPage, published: date | None) -> Iterator[Item]:
        if page.media_type != PLAIN_TEXT_TYPE and looks_like_feed(page.body):
            yield from self.read_feed(page.body, page.url, published, base_url=page.final_url)
            return
        yield read_web_document(
            page.body,
            page.media_type,
            page.charset,
            page.final_url,
            page.url,
            fallback_published=published,
        )

    def _read_linked_pages(self, feed: Feed, origin: str, published: date | None) -> Iterator[Item]:
        linked = [entry for entry in feed.entries if entry.link]
        pages = iter(self.fetcher.fetch_all(entry.link for entry in linked if entry.link))
        for entry in feed.entries:
            if not entry.link:
                yield IngestFailure(entry_origin(origin, entry), NO_LINK_REASON)
                continue
            result = next(pages)
            if isinstance(result, IngestFailure):
                yield result
            else:
                yield _linked_page_article(result, entry, feed, published)


def _linked_page_article(
    page: FetchedPage, entry: FeedEntry, feed: Feed, published: date | None
) -> Item:
    """The linked page; the feed's date, title and name fill what the page lacks."""
    item = read_web_document(
        page.body,
        page.media_type,
        page.charset,
        page.final_url,
        page.url,
        published=entry.published,
        fallback_published=published,
    )
    if isinstance(item, IngestFailure):
        return item
    return replace(item, title=item.title or entry.title, source=item.source or feed.title)
