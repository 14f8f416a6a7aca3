"""Money in an event's sentence: "$1.3 billion", "€500m", "2 billion euros", "USD 40 million",
"Rs 500 crore", ranges ("between $1bn and $2bn", "$1-2 billion") and their qualifiers
("more than 2.7 billion euros").

A range is one amount: its text is the whole range and its value the lower bound, the
amount the text commits to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from polex.data import read_json
from polex.schema import Amount

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SECOND_NUMBER = NUMBER.replace("?P<num>", "?P<num2>")
DASH = r"\s*(?:-|–|—|(?i:to))\s*"
# Two amounts written in full form one range when joined like this: "$1bn to $2bn".
RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _currency_data() -> dict[str, Any]:
    data: dict[str, Any] = read_json("currencies.json")
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Money:
    start: int
    end: int
    value: float  # the number as written, before its scale
    multiplier: float | None  # None when no scale word was written ("$500,000")
    currency: str | None

    @property
    def amount(self) -> float:
        return self.value * (self.multiplier or 1.0)


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    """Longest forms first: ranges sharing one unit, then single amounts."""
    data = _currency_data()
    scale = rf"(?:\s*(?i:(?P<scale>{_alternation(list(data['scales']))}))\b)?"
    symbols = _alternation(list(data["symbols"]))
    codes = _alternation(data["codes"])
    leads = [
        (rf"(?<![A-Za-z])(?P<symbol>{symbols})\s?", rf"(?:(?:{symbols})\s?)?"),
        (rf"\b(?P<code>{codes})\s?", rf"(?:(?:{codes})\s?)?"),
    ]
    name = rf"\s+(?:in\s+)?(?i:(?P<name>{_alternation(list(data['names']))}))\b"
    patterns = []
    for lead, repeated in leads:
        patterns += [
            rf"(?i:between)\s+{lead}{NUMBER}\s+(?i:and)\s+{repeated}{SECOND_NUMBER}{scale}",
            rf"{lead}{NUMBER}{DASH}{repeated}{SECOND_NUMBER}{scale}",
        ]
    patterns += [
        rf"(?i:between)\s+{NUMBER}\s+(?i:and)\s+{SECOND_NUMBER}{scale}{name}",
        rf"\b{NUMBER}{DASH}{SECOND_NUMBER}{scale}{name}",
    ]
    patterns += [rf"{lead}{NUMBER}{scale}" for lead, _ in leads]
    patterns.append(rf"\b{NUMBER}{scale}{name}")
    return [re.compile(p) for p in patterns]


def _currency(groups: dict[str, str | None]) -> str | None:
    data = _currency_data()
    symbol, code, name = groups.get("symbol"), groups.get("code"), groups.get("name")
    if symbol:
        return str(data["symbols"][symbol])
    if code:
        return code.upper().replace("RMB", "CNY")
    if name:
        return str(data["names"][name.lower()])
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _money(match: re.Match[str]) -> _Money:
    groups = match.groupdict()
    scale = groups.get("scale")
    multiplier = _currency_data()["scales"][scale.lower()] if scale else None
    return _Money(match.start(), match.end(), _number(groups["num"]), multiplier,
                  _currency(groups))


def _scan(text: str) -> list[_Money]:
    found: list[_Money] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(m.start <= match.start() < m.end or match.start() <= m.start < match.end()
                   for m in found):
                continue
            found.append(_money(match))
    return sorted(found, key=lambda m: m.start)


def _join_ranges(text: str, found: list[_Money]) -> list[_Money]:
    """ "between $1bn and $2bn", "$1 to $2 billion": two amounts become one range."""
    joined: list[_Money] = []
    for money in found:
        previous = joined[-1] if joined else None
        if previous is not None and _is_range(text, previous, money):
            multiplier = previous.multiplier or money.multiplier
            start = previous.start
            if (before := BETWEEN.search(text, 0, previous.start)) is not None:
                start = before.start()
            joined[-1] = _Money(start, money.end, previous.value, multiplier,
                                previous.currency or money.currency)
            continue
        joined.append(money)
    return joined


def _is_range(text: str, first: _Money, second: _Money) -> bool:
    gap = text[first.end : second.start]
    if RANGE_GAP.fullmatch(gap) is None:
        return False
    if first.currency and second.currency and first.currency != second.currency:
        return False
    if "and" in gap.lower():
        return BETWEEN.search(text, 0, first.start) is not None
    return True


@lru_cache(maxsize=1)
def _qualifier() -> re.Pattern[str]:
    words = _alternation(_currency_data()["qualifiers"])
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


def _with_qualifier(text: str, start: int) -> int:
    """ "more than 2.7 billion euros": the qualifier belongs to the amount's text."""
    match = _qualifier().search(text, max(0, start - 20), start)
    return match.start() if match else start


def find_amounts(text: str) -> list[tuple[int, Amount]]:
    """Every amount of money in ``text`` with its character offset, in reading order."""
    amounts = []
    for money in _join_ranges(text, _scan(text)):
        start = _with_qualifier(text, money.start)
        amount = Amount(value=money.amount, currency=money.currency,
                        text=text[start : money.end].strip())
        amounts.append((start, amount))
    return amounts
