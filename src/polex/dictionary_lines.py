"""What the importers of outside dictionaries (CAMEO actors, PETRARCH verb patterns) say
about a line they cannot convert: never dropped silently, always file:line and reason."""

from __future__ import annotations

from dataclasses import dataclass


class DictionaryLineError(ValueError):
    """A line that cannot be converted: a reason shared by many lines, and the specifics."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Skipped:
    origin: str  # "file:line"
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}" + (f": {self.detail}" if self.detail else "")
