"""Pages captured from the web (fetched or archived) to Articles.

An article read from the web is identified by its URL, so the same page read
from a WARC archive, a URL list or a feed gets the same id.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from polex.ingest.decoding import BINARY_REASON, NotText, decode_bytes
from polex.ingest.html_page import find_published, read_html_article
from polex.ingest.media import HTML_TYPES, PAGE_TYPES, PLAIN_TEXT_TYPE
from polex.ingest.text import read_text_article
from polex.schema import Article, IngestFailure

URL_ID_PREFIX = "url-"
NO_PLAIN_TEXT_REASON = "no article text found in plain text"
EMPTY_RESPONSE_REASON = "empty response body"

# Plain text counts as an article only if some paragraph reads like prose;
# robots.txt, ads.txt and similar files have none.
_MIN_PROSE_WORDS = 5
_SENTENCE_END = (".", "!", "?", '"', "'", "\u201d", "\u2019", ")")


def canonical_url(url: str) -> str:
    """The URL with its scheme and host in lower case and without a #fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def article_id_for_url(url: str) -> str:
    """A stable article id derived from the page's URL."""
    digest = hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()
    return URL_ID_PREFIX + digest[:20]


def not_an_article_reason(media_type: str) -> str:
    return f"not an article: content-type {media_type}"


def read_web_document(
    body: bytes,
    media_type: str,
    charset: str | None,
    url: str,
    origin: str,
    *,
    published: date | None = None,
    fallback_published: date | None = None,
) -> Article | IngestFailure:
    """An Article from a web payload of an HTML or plain-text media type.

    ``published`` wins over the page's own date; ``fallback_published`` applies
    when neither is known. An empty ``media_type`` is sniffed from the body.
    """
    media_type = media_type or _sniff_media_type(body)
    if media_type not in PAGE_TYPES:
        return IngestFailure(origin, not_an_article_reason(media_type))
    try:
        text = decode_payload(body, charset)
    except NotText as exc:
        return IngestFailure(origin, str(exc))
    if not text.strip():
        return IngestFailure(origin, EMPTY_RESPONSE_REASON)
    article_id = article_id_for_url(url)
    if media_type in HTML_TYPES:
        date_found = published or find_published(text) or fallback_published
        return read_html_article(text, article_id, date_found, origin, url=url)
    return _plain_text_article(text, article_id, url, origin, published or fallback_published)


def decode_payload(body: bytes, charset: str | None) -> str:
    """The text of a payload in its declared charset, else as detected."""
    if charset:
        try:
            text = body.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if "\x00" in text:
                raise NotText(BINARY_REASON)
            return text.removeprefix("\ufeff")
    return decode_bytes(body)


def has_prose(text: str) -> bool:
    """Whether some paragraph of the text reads like a sentence of prose."""
    return any(
        len(paragraph.split()) >= _MIN_PROSE_WORDS and paragraph.rstrip().endswith(_SENTENCE_END)
        for paragraph in text.split("\n\n")
    )


def _plain_text_article(
    text: str, article_id: str, url: str, origin: str, published: date | None
) -> Article | IngestFailure:
    article = read_text_article(text, article_id, published, origin)
    if isinstance(article, IngestFailure):
        return article
    if not has_prose(article.text):
        return IngestFailure(origin, NO_PLAIN_TEXT_REASON)
    return replace(article, url=url)


def _sniff_media_type(body: bytes) -> str:
    return "text/html" if body.lstrip()[:1] == b"<" else PLAIN_TEXT_TYPE
