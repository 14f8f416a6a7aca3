"""The ingest stage: input files, folders and streams to Articles.

Bad input never raises: each bad file or line becomes an IngestFailure with its
origin and a reason a person can act on.
"""

from polex.ingest.dates import parse_published
from polex.ingest.html_page import extract_page, find_published, read_html_article
from polex.ingest.jsonl import read_jsonl_record
from polex.ingest.readers import (
    SUFFIX_KINDS,
    read_document,
    read_file,
    read_inputs,
    read_path,
    read_stream,
)
from polex.ingest.text import normalize_paragraphs, read_text_article, split_header

__all__ = [
    "SUFFIX_KINDS",
    "extract_page",
    "find_published",
    "normalize_paragraphs",
    "parse_published",
    "read_document",
    "read_file",
    "read_html_article",
    "read_inputs",
    "read_jsonl_record",
    "read_path",
    "read_stream",
    "read_text_article",
    "split_header",
]
