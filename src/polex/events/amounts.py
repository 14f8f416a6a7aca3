"""Money in an event's sentence: "$1.3 billion", "€500m", "2 billion euros", "USD 40 million"."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from polex.schema import Amount

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


@lru_cache(maxsize=1)
def _currency_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("polex.data").joinpath("currencies.json").read_text(encoding="utf-8")
    )
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    data = _currency_data()
    scale = rf"(?:\s*(?P<scale>{_alternation(list(data['scales']))})\b)?"
    symbol = rf"(?P<symbol>{_alternation(list(data['symbols']))})"
    code = rf"\b(?P<code>{_alternation(data['codes'])})"
    name = rf"(?P<name>{_alternation(list(data['names']))})\b"
    return [
        re.compile(rf"{symbol}\s?{NUMBER}{scale}", re.IGNORECASE),
        re.compile(rf"{code}\s?{NUMBER}{scale}"),
        re.compile(rf"\b{NUMBER}{scale}\s+(?:in\s+)?{name}", re.IGNORECASE),
    ]


def find_amounts(text: str) -> list[tuple[int, Amount]]:
    """Every amount of money in ``text`` with its character offset, in reading order."""
    data = _currency_data()
    found: dict[int, Amount] = {}
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(start <= match.start() < start + len(a.text) for start, a in found.items()):
                continue
            groups = match.groupdict()
            currency = (
                data["symbols"].get(groups.get("symbol") or "")
                or (groups.get("code") or "").upper().replace("RMB", "CNY")
                or data["names"].get((groups.get("name") or "").lower())
            )
            value = float(groups["num"].replace(",", ""))
            multiplier = data["scales"].get((groups.get("scale") or "").lower(), 1.0)
            found[match.start()] = Amount(
                value=value * multiplier, currency=currency or None, text=match.group(0).strip()
            )
    return sorted(found.items())
