"""The ingest stage: input files, folders, archives, feeds and URLs to Articles.

Bad input never raises: each bad file, line, record or URL becomes an
IngestFailure with its origin and a reason a person can act on. An input that
was read but changed (text cut at a ReadLimits cap, invalid characters
replaced) is announced by an IngestNotice just before its Article.
"""

from polex.ingest.dates import parse_published
from polex.ingest.feeds import Feed, FeedEntry, fragment_text, parse_feed, read_feed_entries
from polex.ingest.fetch import FetchedPage, Fetcher, FetchSettings, default_user_agent
from polex.ingest.html_page import extract_page, find_published, read_html_article
from polex.ingest.jsonl import read_jsonl_record
from polex.ingest.limits import DEFAULT_LIMITS, ReadLimits
from polex.ingest.readers import (
    SUFFIX_KINDS,
    file_kind,
    glob_entries,
    read_document,
    read_file,
    read_inputs,
    read_path,
    read_stream,
)
from polex.ingest.text import normalize_paragraphs, read_text_article, split_header
from polex.ingest.urls import WebReader, is_url, url_list
from polex.ingest.warc import read_warc_file
from polex.ingest.web_page import article_id_for_url, read_web_document

__all__ = [
    "DEFAULT_LIMITS",
    "SUFFIX_KINDS",
    "Feed",
    "FeedEntry",
    "FetchSettings",
    "FetchedPage",
    "Fetcher",
    "ReadLimits",
    "WebReader",
    "article_id_for_url",
    "default_user_agent",
    "extract_page",
    "file_kind",
    "find_published",
    "fragment_text",
    "glob_entries",
    "is_url",
    "normalize_paragraphs",
    "parse_feed",
    "parse_published",
    "read_document",
    "read_feed_entries",
    "read_file",
    "read_html_article",
    "read_inputs",
    "read_jsonl_record",
    "read_path",
    "read_stream",
    "read_text_article",
    "read_warc_file",
    "read_web_document",
    "split_header",
    "url_list",
]
