"""How much polex reads of any one input, so that no input can exhaust memory."""

from __future__ import annotations

from dataclasses import dataclass

KILOBYTE = 1_000
MEGABYTE = 1_000_000


@dataclass(frozen=True)
class ReadLimits:
    """Caps on what is read; an input past one is cut (with a notice) or refused.

    ``max_article_chars``: article text longer than this is cut at a paragraph break.
    ``max_line_bytes``: a longer JSON line is skipped without being held in memory.
    ``max_stdin_bytes``: standard input larger than this is refused.
    ``max_document_bytes``: a (decompressed) page, text or feed larger than this is refused.
    """

    max_article_chars: int = 200_000
    max_line_bytes: int = 10 * MEGABYTE
    max_stdin_bytes: int = 100 * MEGABYTE
    max_document_bytes: int = 100 * MEGABYTE

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value < 1:
                raise ValueError(f"{name} must be at least 1, not {value}")


DEFAULT_LIMITS = ReadLimits()


def size_text(size: int) -> str:
    """A byte count for a message: "10 MB", "1 KB", "512 bytes"."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:g} MB"
    if size >= KILOBYTE:
        return f"{size / KILOBYTE:g} KB"
    return f"{size} bytes"
