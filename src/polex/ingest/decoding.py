"""Bytes to text: UTF-8 first, then charset detection; binary data is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BINARY_REASON = "binary file, not text"

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Short texts often fit several single-byte code pages equally well (cp1250 and
# cp1252 tie on "Piñera"); news in Western languages is far more often cp1252.
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")


class NotText(ValueError):
    """The bytes are not a text document in any encoding we can recognise."""


def decode_bytes(data: bytes) -> str:
    """Decode a document, dropping any byte-order mark.

    UTF-16 is recognised only by its byte-order mark, because otherwise its NUL
    bytes are indistinguishable from binary data.
    """
    if data.startswith(_UTF16_BOMS):
        return _decode_strictly(data, "utf-16")
    if b"\x00" in data:
        raise NotText(BINARY_REASON)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _detect_and_decode(data)


def _decode_strictly(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise NotText(BINARY_REASON) from None


def _detect_and_decode(data: bytes) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise NotText(BINARY_REASON)
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    preferred = (m for encoding in _PREFERRED_ON_TIE for m in tied if m.encoding == encoding)
    return str(next(preferred, best))


def sniff_kind(text: str) -> str:
    """Guess the format of untyped input: "html", "jsonl" or "text"."""
    start = text.lstrip()[:1]
    if start == "<":
        return "html"
    if start == "{":
        return "jsonl"
    return "text"
