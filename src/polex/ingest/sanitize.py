"""The one place where what was read is made safe to hand on.

Every item leaving the ingest stage passes through :func:`sanitized_items`:
lone surrogates (from JSON escapes such as ``"\\ud800"`` or from text streams)
are replaced by U+FFFD, bytes of a file name that were not UTF-8 are written
as ``\\xNN`` in origins and ids, and article text is cut at the length cap.
Each change to an article is reported by an IngestNotice just before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from polex.ingest.limits import DEFAULT_LIMITS, ReadLimits
from polex.schema import Article, IngestFailure, IngestNotice

REPLACEMENT_CHARACTER = "\ufffd"

Item = Article | IngestFailure | IngestNotice

_SURROGATES = re.compile("[\ud800-\udfff]")
# os.fsdecode maps each byte of a file name that is not UTF-8 to U+DC80..U+DCFF.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")
# Characters XML 1.0 forbids, which lxml refuses in any text it is given.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTENT_FIELDS = ("text", "title", "url", "source")
# A cut looks back this far at most for a paragraph break, else for a space.
_CUT_LOOKBACK = 0.5


def replace_surrogates(text: str) -> tuple[str, int]:
    """The text with each lone surrogate replaced by U+FFFD, and how many there were."""
    return _SURROGATES.subn(REPLACEMENT_CHARACTER, text)


def display_name(name: str) -> str:
    """A path or origin that encodes as UTF-8: undecodable file-name bytes become ``\\xNN``."""
    escaped = _ESCAPED_BYTES.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", name)
    return replace_surrogates(escaped)[0]


def replace_xml_invalid(text: str) -> str:
    """The text with the control characters and surrogates XML forbids turned into spaces."""
    return _XML_INVALID.sub(" ", text)


def sanitized_items(
    items: Iterable[Item], limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Item]:
    """Each item made safe to encode and store, articles preceded by notices of any change."""
    for item in items:
        if isinstance(item, IngestFailure):
            yield IngestFailure(display_name(item.origin), display_name(item.reason))
        elif isinstance(item, IngestNotice):
            yield IngestNotice(display_name(item.origin), display_name(item.message))
        else:
            yield from sanitized_article(item, limits)


def sanitized_article(
    article: Article, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[IngestNotice | Article]:
    """The article with clean strings and capped text, after a notice for each change."""
    origin = display_name(article.origin)
    changes: dict[str, Any] = {"origin": origin, "id": display_name(article.id)}
    replaced = [] if changes["id"] == article.id else ["id"]
    for name in _CONTENT_FIELDS:
        value = getattr(article, name)
        if value is not None:
            changes[name], count = replace_surrogates(value)
            if count:
                replaced.append(name)
    if replaced:
        yield IngestNotice(origin, f"invalid characters replaced in {', '.join(replaced)}")
    text = changes["text"]
    if len(text) > limits.max_article_chars:
        changes["text"] = cut_text(text, limits.max_article_chars)
        yield IngestNotice(origin, _cut_message(len(changes["text"]), len(text)))
    yield replace(article, **changes)


def cut_text(text: str, max_chars: int) -> str:
    """The text cut to at most ``max_chars`` at a paragraph break, else at a space."""
    if len(text) <= max_chars:
        return text
    earliest = int(max_chars * _CUT_LOOKBACK)
    for boundary in ("\n\n", "\n", " "):
        end = text.rfind(boundary, earliest, max_chars)
        if end > 0:
            return text[:end].rstrip()
    return text[:max_chars]


def _cut_message(kept: int, total: int) -> str:
    return f"text cut at {kept} of {total} characters (max_article_chars)"
