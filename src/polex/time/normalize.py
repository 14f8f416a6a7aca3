"""Normalize English news time expressions to ISO 8601 at their true precision.

``normalize_expression("late November", date(2021, 12, 3))`` gives ``2021-11``
(month precision): the qualifier narrows the month but does not make it a day.
Expressions are anchored on the publication date; the chained ones ("the
previous day", "three days later") on the narrative date when one is given.

Choices a human coder would otherwise make case by case:

- A bare weekday ("on Tuesday") is the nearest such day on or before the anchor
  for past tense, on or after it for future tense, and the nearest in either
  direction (ties to the past) for present tense. "last Tuesday" and "next
  Tuesday" exclude the anchor's own day: the nearest such day strictly before,
  respectively strictly after, the anchor.
- A bare month ("in March") is the nearest such month not after the anchor's
  month for past tense, not before it for future tense.
- Weeks and weekends are not days: "last week", "this week" and "over the
  weekend" give the month holding most of the days meant (for "this week" only
  the days the tense allows: up to the anchor for past tense, from it for
  future tense); on a tie, the later month.
- "N days/weeks ago" is a day ("a week ago" is the anchor minus seven days);
  months give month precision, years and decades year precision.
- A span of days ("March 3-4", "between 20 and 30 November", "between April 28 and May
  30") dates its event to the day it began, as a coder records it.
- Ambiguous all-numeric dates ("03/04/2021") are not guessed: they give None.
- Qualified expressions keep the precision of what they qualify: "mid-March"
  is a month, "early 2019" a year, "late on Tuesday" a day.
- Seasons are years: "last summer", "the spring of 2019"; a winter counts in the
  year it begins.
- A chained expression finer than the narrative date it counts from keeps that
  date: "the next day" after "in May 2019" is 2019-05.
- A result before 1800, or after the anchor when the tense is past, is rejected.
  Future tense rejects nothing else: relative expressions resolve forward, and an
  explicit earlier date ("will mark the 2019 accord") is kept.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from dateutil.relativedelta import relativedelta

from polex.schema import DatePrecision, TimeValue
from polex.time.lexicon import TimeWords, time_words

Tense = Literal["past", "present", "future"]
ExpressionKind = Literal["point", "duration", "range", "set", "unknown"]

EARLIEST_YEAR = 1800
LATEST_YEAR = 2200
_PRECISION_RANK: dict[DatePrecision, int] = {"day": 0, "month": 1, "year": 2}
_PROBE_ANCHOR = date(2000, 6, 15)


class _Unresolvable(ValueError):
    """The expression is a calendar point but names no real date (e.g. "February 30")."""


@dataclass(frozen=True)
class _Point:
    start: date
    precision: DatePrecision

    def iso(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"


@dataclass(frozen=True)
class _Context:
    anchor: date | None
    tense: Tense
    narrative: TimeValue | None

    def require_anchor(self) -> date:
        if self.anchor is None:
            raise _Unresolvable("relative expression without an anchor date")
        return self.anchor

    def chain_base(self) -> _Point:
        """Where chained expressions count from: the narrative date, else the anchor."""
        if self.narrative is not None:
            return _Point(start_of(self.narrative.value), self.narrative.precision)
        return _Point(self.require_anchor(), "day")


def date_precision_of(value: str) -> DatePrecision:
    """The precision of an ISO 8601 date value: "2021-02-24", "2021-02" or "2021"."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    raise ValueError(f"not an ISO 8601 date at day, month or year precision: {value!r}")


def start_of(value: str) -> date:
    """The first day of an ISO date at day, month or year precision."""
    precision = date_precision_of(value)
    if precision == "day":
        return date.fromisoformat(value)
    if precision == "month":
        return date(int(value[:4]), int(value[5:7]), 1)
    return date(int(value), 1, 1)


def _coarser(a: DatePrecision, b: DatePrecision) -> DatePrecision:
    return a if _PRECISION_RANK[a] >= _PRECISION_RANK[b] else b


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _Unresolvable(str(exc)) from exc


def _span(first: date, last: date) -> _Point:
    """A stretch of days as one point: the day itself, else the month holding most of it."""
    if first == last:
        return _Point(first, "day")
    days = Counter(
        (d.year, d.month) for d in (first + timedelta(n) for n in range((last - first).days + 1))
    )
    most = max(days.values())
    year, month = max(key for key, count in days.items() if count == most)
    return _Point(date(year, month, 1), "month")


# --- vocabulary as regular expressions ---------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    return _alternation_of(tuple(words))


@lru_cache(maxsize=64)
def _alternation_of(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


@dataclass(frozen=True)
class _Patterns:
    month: str
    weekday: str
    season: str
    number: str
    unit: str
    deixis: str
    narrative: str  # "the same", "the following": counted from the story's date
    window: str
    leading: re.Pattern[str]
    qualifier: re.Pattern[str]
    time_of_day: re.Pattern[str]
    abbreviation_dot: re.Pattern[str]


def _composite_numbers(words: TimeWords) -> list[str]:
    tens = [w for w, n in words.number_words.items() if n >= 20 and n % 10 == 0 and " " not in w]
    units = [w for w, n in words.number_words.items() if 1 <= n <= 9 and w not in {"a", "an"}]
    return [f"{t}-{u}" for t in tens for u in units]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = time_words()
    numbers = list(words.number_words) + _composite_numbers(words)
    abbreviations = [w for w in (*words.months, *words.weekdays) if len(w) <= 5]
    return _Patterns(
        month=_alternation(words.months),
        weekday=_alternation(words.weekdays),
        season=_alternation(words.seasons),
        number=rf"\d+|{_alternation(numbers)}",
        unit=_alternation(words.units),
        deixis=_alternation(words.deictic_offsets),
        narrative=_alternation(words.narrative_offsets),
        window=_alternation(words.window_words),
        leading=re.compile(rf"^(?:{_alternation(words.leading_words)})\s+"),
        qualifier=re.compile(rf"^(?:{_alternation(words.qualifiers)})(?:\s+|-)"),
        time_of_day=re.compile(rf"\s+(?:{_alternation(words.time_of_day)})$"),
        abbreviation_dot=re.compile(rf"\b({_alternation(abbreviations)})\."),
    )


def _number_value(text: str) -> float | None:
    words = time_words().number_words
    if text.isdigit():
        return float(text)
    if text in words:
        return words[text]
    tens, _, unit = text.partition("-")
    if tens in words and unit in words:
        return words[tens] + words[unit]
    return None


# --- cleaning ----------------------------------------------------------------------------

_CLOCK = re.compile(
    r"\b(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|noon|midnight)"
    r"(?:\s+(?:local time|gmt|utc))?"
)
_PLAIN_PUNCTUATION = re.compile(r"[,;:()\[\]\"!?]")


def _clean(expression: str) -> str:
    """Lower-case text with punctuation, clock times and possessives removed."""
    text = expression.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\b(\d{4}-\d{1,2}-\d{1,2})t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?\b", r"\1", text)
    text = _patterns().abbreviation_dot.sub(r"\1", text)
    text = _CLOCK.sub(" ", text)
    text = re.sub(r"\b(local time|gmt|utc)\b", " ", text)
    text = re.sub(r"(\w)'s\b", r"\1", text)
    text = re.sub(r"(\w)s'(?=\s|$)", r"\1s", text)
    text = _PLAIN_PUNCTUATION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .'-")
    return text


def _strip_leading_words(text: str) -> str:
    leading = _patterns().leading
    while (stripped := leading.sub("", text, count=1)) != text:
        text = stripped
    return text


def _strip_qualifiers(text: str) -> str:
    patterns = _patterns()
    while True:
        stripped = _strip_leading_words(patterns.qualifier.sub("", text, count=1))
        stripped = patterns.time_of_day.sub("", stripped)
        if stripped == text:
            return _the_period_as_this(text)
        text = stripped


def _the_period_as_this(text: str) -> str:
    """After a qualifier, "the end of the month" means this month."""
    return {"the week": "this week", "the month": "this month", "the year": "this year"}.get(
        text, text
    )


# --- classification ----------------------------------------------------------------------


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return _phrase_pattern(phrases).search(text) is not None


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s)(?:{_alternation(phrases)})(?:\s|$)")


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text == p or text.startswith(p + " ") for p in phrases)


@lru_cache(maxsize=1)
def _offset_pattern() -> re.Pattern[str]:
    p = _patterns()
    vague = _alternation(time_words().vague_numbers)
    return re.compile(
        rf"(?:(?P<n>{p.number})|(?P<vague>{vague}))?[ -]?(?P<unit>{p.unit}) "
        r"(?P<relation>ago|back|later|earlier|before|after|afterwards|on|from now|hence)"
    )


@lru_cache(maxsize=1)
def _in_n_units_pattern() -> re.Pattern[str]:
    p = _patterns()
    return re.compile(rf"in (?P<n>{p.number}) (?P<unit>{p.unit})(?: time)?")


def _is_set(text: str) -> bool:
    full_names = _alternation(w for w in time_words().weekdays if w.endswith("day"))
    weekday_plural = rf"(?:^|\s)(?:{full_names})s$"
    return (
        _has_phrase(text, time_words().set_words)
        or re.search(r"\b(?:once|twice|\w+ times) an? (?:day|week|month|year)\b", text) is not None
        or re.search(weekday_plural, text) is not None
    )


def _is_range(text: str) -> bool:
    p = _patterns()
    number_unit = rf"(?:{p.number}) (?:{p.unit})"
    if _names_bounded_days(text):
        return False  # "between 20 and 30 November": recorded at its first day
    checks = (
        _starts_with(text, time_words().range_starts),
        re.search(r"\bbetween\b.+\band\b", text) is not None,
        re.fullmatch(r"(?:the )?\d{4} ?(?:-|/|to|and|through) ?(?:\d{4}|\d{2})", text) is not None
        and re.fullmatch(r"\d{4}-0\d", text) is None,
        re.search(r"\b(?:\d{3}0s|'\d0s|century|centuries|millennium)\b", text) is not None,
        re.search(rf"\b(?:{p.window}) {number_unit}\b", text) is not None,
        re.search(rf"\bthe (?:past|last|coming) (?:{p.unit})$", text) is not None,
        re.search(rf"\brecent (?:{p.unit})$", text) is not None,
        text.endswith("decade"),
        re.search(rf"\b(?:{p.month})(?: \d{{4}})? ?(?:-|to|through|until) ?(?:{p.month})\b", text)
        is not None,
    )
    return any(checks)


def _is_duration(text: str) -> bool:
    words = time_words()
    if _starts_with(text, words.duration_starts):
        return True
    body = re.sub(r"^(?:the|a|an|about|some|nearly|almost|more than|over|at least) ", "", text)
    p = _patterns()
    quantity = rf"(?:(?:{p.number}|{_alternation(words.vague_numbers)})[ -])?"
    return re.fullmatch(rf"{quantity}(?:{p.unit})(?:[ -]long|[ -]old)?", body) is not None


def _is_vague_offset(text: str) -> bool:
    """Whether the expression is a point too vague to place, like "a few years ago"."""
    found = _offset_pattern().fullmatch(text)
    return (
        found is not None
        and found["n"] is None
        and found["unit"]
        not in {"day", "days", "week", "weeks", "hour", "hours", "minute", "minutes"}
    )


_WEEKEND_POINT = re.compile(r"(?:over|during|at|on) (?:the|this|last) weekend")


@lru_cache(maxsize=4096)
def classify_expression(text: str) -> ExpressionKind:
    """What a time expression denotes: a calendar point, a duration, a range or a set."""
    cleaned = _clean(text)
    if not cleaned:
        return "unknown"
    if _is_set(cleaned):
        return "set"
    core = _strip_leading_words(cleaned)
    if _offset_pattern().fullmatch(core) or _in_n_units_pattern().fullmatch(cleaned):
        return "unknown" if _is_vague_offset(core) else "point"
    if not _WEEKEND_POINT.fullmatch(cleaned) and _is_range(cleaned):
        return "range"
    if _is_duration(cleaned) or _is_duration(core):
        return "duration"
    probe = _Context(_PROBE_ANCHOR, "past", TimeValue("2000-06-10", "day"))
    try:
        found = _resolve(cleaned, probe)
    except (ValueError, OverflowError):  # a calendar point, though not a possible one
        return "point"
    return "point" if found is not None else "unknown"


# --- resolution --------------------------------------------------------------------------


def _resolve(cleaned: str, ctx: _Context) -> _Point | None:
    hence = _in_n_units(cleaned, ctx)
    if hence is not None:
        return hence
    text = _strip_leading_words(cleaned)
    found = _from_tables(text, ctx)
    if found is not None:
        return found
    core = _strip_qualifiers(text)
    found = _from_tables(core, ctx)
    if found is not None:
        return found
    for handler in _HANDLERS:
        found = handler(core, ctx)
        if found is not None:
            return found
    return None


def _from_tables(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    if text in words.today_words:
        return _Point(ctx.require_anchor() + timedelta(words.today_words[text]), "day")
    if text in words.narrative_days:
        base = ctx.chain_base()
        if base.precision != "day":
            return base  # "the next day" after "in May 2019" is still May 2019 as far as we know
        return _Point(base.start + timedelta(words.narrative_days[text]), "day")
    return None


def _year_of_phrase(phrase: str | None, ctx: _Context) -> int | None:
    """The year named by "2021", "last year", "that year"...; None when no phrase."""
    if not phrase:
        return None
    if phrase.isdigit():
        return int(phrase)
    words = time_words()
    head = phrase.removesuffix(" year")
    if head in words.deictic_offsets:
        return ctx.require_anchor().year + words.deictic_offsets[head]
    if head in words.narrative_offsets:
        return ctx.chain_base().start.year + words.narrative_offsets[head]
    raise _Unresolvable(f"unknown year phrase {phrase!r}")


@lru_cache(maxsize=1)
def _year_phrase_pattern() -> str:
    words = time_words()
    relative = _alternation([*words.deictic_offsets, *words.narrative_offsets])
    return rf"(?:of )?(?P<year>\d{{4}}|(?:{relative}) year)"


def _nearest_by_tense(candidates: list[date], anchor: date, tense: Tense) -> date:
    """Among dates around the anchor, the one the tense points to."""
    if tense == "past":
        earlier = [c for c in candidates if c <= anchor]
        return max(earlier) if earlier else min(candidates)
    if tense == "future":
        later = [c for c in candidates if c >= anchor]
        return min(later) if later else max(candidates)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _month_day(month: int, day: int, year: int | None, ctx: _Context) -> _Point:
    _make_date(2000, month, day)  # a leap year: rejects only dates that never exist
    if year is not None:
        return _Point(_make_date(year, month, day), "day")
    anchor = ctx.require_anchor()
    candidates = []
    for y in range(anchor.year - 4, anchor.year + 5):
        if calendar.isleap(y) or (month, day) != (2, 29):
            candidates.append(date(y, month, day))
    return _Point(_nearest_by_tense(candidates, anchor, ctx.tense), "day")


def _month_number(name: str) -> int:
    return time_words().months[name]


def _full_date(text: str, ctx: _Context) -> _Point | None:
    p = _patterns()
    weekday = rf"(?:(?:{p.weekday}) )?"
    suffix = r"(?:st|nd|rd|th)?"
    year = rf"(?: {_year_phrase_pattern()})?"
    month_first = re.fullmatch(
        rf"{weekday}(?:the )?(?P<month>{p.month}) (?:the )?(?P<day>\d{{1,2}}){suffix}{year}", text
    )
    day_first = re.fullmatch(
        rf"{weekday}(?:the )?(?P<day>\d{{1,2}}){suffix} (?:of )?(?P<month>{p.month}){year}", text
    )
    ordinal = re.fullmatch(
        rf"{weekday}the (?P<day>{_alternation(time_words().ordinal_words)}) of "
        rf"(?P<month>{p.month}){year}",
        text,
    )
    found = month_first or day_first or ordinal
    if found is None:
        return None
    day_text = found["day"]
    day = int(day_text) if day_text.isdigit() else time_words().ordinal_words[day_text]
    return _month_day(_month_number(found["month"]), day, _year_of_phrase(found["year"], ctx), ctx)


def _day_span(text: str, ctx: _Context) -> _Point | None:
    p = _patterns()
    suffix = r"(?:st|nd|rd|th)?"
    join = r" ?(?:-|and|to|through) ?"
    year = rf"(?: {_year_phrase_pattern()})?"
    days = rf"(?P<first>\d{{1,2}}){suffix}{join}(?P<last>\d{{1,2}}){suffix}"
    month_name = rf"(?P<month>{p.month})"
    found = re.fullmatch(rf"{month_name} {days}{year}", text) or re.fullmatch(
        rf"{days} (?:of )?{month_name}{year}", text
    )
    if found is None:
        return None
    month = _month_number(found["month"])
    first, last = int(found["first"]), int(found["last"])
    if first >= last:
        raise _Unresolvable("day span runs backwards")
    _month_day(month, last, 2000, ctx)  # a leap year: rejects only days that never exist
    # a coder records the day it began; a stretch still going on or ahead takes the year
    # of its last day ("is paying a visit from May 13 to 16", said on the 15th)
    probe = first if ctx.tense == "past" else last
    begun = _month_day(month, probe, _year_of_phrase(found["year"], ctx), ctx).start.year
    return _Point(_make_date(begun, month, first), "day")


_BOUNDED_DAYS = re.compile(r"(?:between|from) (?P<first>.+?) (?:and|to|until|through) (?P<last>.+)")


def _names_bounded_days(text: str) -> bool:
    """Whether the text is a stretch bounded by two named days, possible or not
    ("between 30 and 31 February" is one, with no date)."""
    try:
        return _bounded_days(text, _Context(_PROBE_ANCHOR, "past", None)) is not None
    except ValueError:
        return True


def _bounded_days(text: str, ctx: _Context) -> _Point | None:
    """ "between 20 and 30 November", "between April 28 and May 30", "from 3 to 5 March":
    a stretch bounded by two named days is recorded at the day it began."""
    found = _BOUNDED_DAYS.fullmatch(text)
    if found is None or not any(ch.isdigit() for ch in found["first"]):
        return None
    first, last = found["first"], found["last"]
    if first.isdigit():
        return _day_span(f"{first} and {last}", ctx)
    year = re.search(r"\b\d{4}$", last)
    if year is not None and not re.search(r"\b\d{4}$", first):
        first = f"{first} {year.group()}"
    start = _full_date(first, ctx)
    return start if start is not None and start.precision == "day" else None


def _iso_date(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:t[\d:.]+z?)?", text)
    if found:
        return _Point(_make_date(*(int(g) for g in found.groups())), "day")
    found = re.fullmatch(r"(\d{4})-(0\d|1[0-2])", text)
    if found:
        return _Point(_make_date(int(found[1]), int(found[2]), 1), "month")
    return None


def _numeric_date(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", text)
    if found is None:
        return None
    first, second, year = int(found[1]), int(found[2]), int(found[3])
    if year < 100:
        year += 2000 if year < 50 else 1900
    if first > 12 >= second:
        return _Point(_make_date(year, second, first), "day")
    if second > 12 >= first or first == second:
        return _Point(_make_date(year, first, second), "day")
    raise _Unresolvable("day and month order is ambiguous")


def _day_of_month(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", text)
    if found is None:
        return None
    day = int(found[1])
    if not 1 <= day <= 31:
        raise _Unresolvable("no such day of the month")
    anchor = ctx.require_anchor()
    candidates = []
    for months in (-2, -1, 0, 1, 2):
        first = anchor.replace(day=1) + relativedelta(months=months)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            candidates.append(first.replace(day=day))
    return _Point(_nearest_by_tense(candidates, anchor, ctx.tense), "day")


@lru_cache(maxsize=1)
def _holidays() -> dict[str, tuple[int, int]]:
    """Holiday names as they look after cleaning ("new year's day" -> "new year day")."""
    return {_clean(name): day for name, day in time_words().fixed_holidays.items()}


def _holiday(text: str, ctx: _Context) -> _Point | None:
    holidays = _holidays()
    found = re.fullmatch(rf"(?P<name>{_alternation(holidays)})(?: {_year_phrase_pattern()})?", text)
    if found is None:
        return None
    month, day = holidays[found["name"]]
    return _month_day(month, day, _year_of_phrase(found["year"], ctx), ctx)


def _month_with_year(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(rf"(?P<month>{_patterns().month}),? {_year_phrase_pattern()}", text)
    if found is None:
        return None
    year = _year_of_phrase(found["year"], ctx)
    assert year is not None
    return _Point(_make_date(year, _month_number(found["month"]), 1), "month")


def _month_alone(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    found = re.fullmatch(
        rf"(?:(?P<deixis>{_patterns().deixis}) )?"
        rf"(?P<month>{_patterns().month})",
        text,
    )
    if found is None:
        return None
    anchor = ctx.require_anchor()
    month = _month_number(found["month"])
    candidates = [date(anchor.year + k, month, 1) for k in (-1, 0, 1)]
    this_month = anchor.replace(day=1)
    offset = words.deictic_offsets.get(found["deixis"] or "", None)
    if offset == -1:
        return _Point(max(c for c in candidates if c < this_month), "month")
    if offset == 1:
        return _Point(min(c for c in candidates if c > this_month), "month")
    if offset == 0:
        return _Point(date(anchor.year, month, 1), "month")
    return _Point(_nearest_by_tense(candidates, this_month, ctx.tense), "month")


def _year_number(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(r"(?:the year )?(\d{4})", text)
    if found is None:
        return None
    return _Point(date(int(found[1]), 1, 1), "year")


def _season(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    p = _patterns()
    with_year = re.fullmatch(
        rf"(?:the )?(?P<season>{p.season})(?: of)? {_year_phrase_pattern()}", text
    )
    if with_year:
        year = _year_of_phrase(with_year["year"], ctx)
        assert year is not None
        return _Point(date(year, 1, 1), "year")
    found = re.fullmatch(
        rf"(?:(?P<deixis>{p.deixis}) |the )?"
        rf"(?P<season>{p.season})",
        text,
    )
    if found is None:
        return None
    anchor = ctx.require_anchor()
    first_month = words.seasons[found["season"]][0]
    starts = [date(anchor.year + k, first_month, 1) for k in (-2, -1, 0, 1)]
    offset = words.deictic_offsets.get(found["deixis"] or "", None)
    if offset == -1:
        chosen = max(s for s in starts if s + relativedelta(months=3) <= anchor)
    elif offset == 1:
        chosen = min(s for s in starts if s > anchor)
    elif offset == 0:
        chosen = _nearest_by_tense(starts, anchor, "present")
    else:
        chosen = _nearest_by_tense(starts, anchor, ctx.tense)
    return _Point(date(chosen.year, 1, 1), "year")


def _week_start(day: date) -> date:
    return day - timedelta(day.weekday())


def _week(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    found = re.fullmatch(r"(?P<which>.+) week", text)
    if found is None:
        return None
    which = found["which"]
    if which in words.narrative_offsets:
        base = ctx.chain_base()
        if base.precision != "day":
            return base
        monday = _week_start(base.start) + timedelta(7 * words.narrative_offsets[which])
        return _span(monday, monday + timedelta(6))
    if which not in words.deictic_offsets:
        return None
    anchor = ctx.require_anchor()
    offset = words.deictic_offsets[which]
    monday = _week_start(anchor) + timedelta(7 * offset)
    first, last = monday, monday + timedelta(6)
    if offset == 0 and ctx.tense == "past":
        last = anchor
    elif offset == 0 and ctx.tense == "future":
        first = anchor
    return _span(first, last)


def _weekend(text: str, ctx: _Context) -> _Point | None:
    found = re.fullmatch(rf"(?:(?P<which>{_patterns().deixis}|the) )?weekend", text)
    if found is None:
        return None
    anchor = ctx.require_anchor()
    saturdays = [_week_start(anchor) + timedelta(5 + 7 * k) for k in (-1, 0, 1)]
    offset = time_words().deictic_offsets.get(found["which"] or "", 0)
    current = [s for s in saturdays if s <= anchor <= s + timedelta(1)]
    if offset == -1:
        saturday = max(s for s in saturdays if s + timedelta(1) < anchor)
    elif offset == 1:
        saturday = min(s for s in saturdays if s > anchor)
    elif current:
        saturday = current[0]
    else:
        saturday = _nearest_by_tense(saturdays, anchor, ctx.tense)
    return _span(saturday, saturday + timedelta(1))


def _relative_period(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    found = re.fullmatch(r"(?P<which>.+) (?P<unit>month|year)", text)
    if found is None:
        return None
    which, unit = found["which"], found["unit"]
    precision: DatePrecision = "month" if unit == "month" else "year"
    if which in words.deictic_offsets:
        base = _Point(ctx.require_anchor(), "day")
        offset = words.deictic_offsets[which]
    elif which in words.narrative_offsets:
        base = ctx.chain_base()
        offset = words.narrative_offsets[which]
    else:
        return None
    step = relativedelta(months=offset) if unit == "month" else relativedelta(years=offset)
    shifted = base.start + step
    return _Point(_truncate(shifted, precision), _coarser(precision, base.precision))


def _truncate(day: date, precision: DatePrecision) -> date:
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "month":
        return day.replace(day=1)
    return day


def _shift(base: _Point, amount: float, unit: str, direction: int) -> _Point:
    """The base moved by an amount of units; precision no finer than the base's."""
    steps: dict[str, tuple[relativedelta, DatePrecision]] = {
        "minute": (relativedelta(), "day"),
        "hour": (relativedelta(), "day"),
        "day": (relativedelta(days=round(amount)), "day"),
        "week": (relativedelta(days=round(7 * amount)), "day"),
        "fortnight": (relativedelta(days=round(14 * amount)), "day"),
        "month": (relativedelta(months=round(amount), days=15 if amount % 1 else 0), "month"),
        "year": (relativedelta(years=int(amount), months=6 if amount % 1 else 0), "year"),
        "decade": (relativedelta(years=round(10 * amount)), "year"),
        "century": (relativedelta(years=round(100 * amount)), "year"),
    }
    delta, precision = steps[unit]
    if amount % 1 and unit == "year":
        precision = "month"
    if _PRECISION_RANK[precision] < _PRECISION_RANK[base.precision]:
        return base  # a shift finer than the base's precision cannot be told apart from it
    moved = base.start + delta if direction > 0 else base.start - delta
    precision = _coarser(precision, base.precision)
    return _Point(_truncate(moved, precision), precision)


def _vague_shift(base: _Point, unit: str, direction: int) -> _Point:
    """Vague offsets like "a few days ago": two to seven units away, a month at best.

    From a base no finer than a month ("weeks after his 2008 election", "days after
    his inauguration in May 2017") the event is placed at the base's own precision."""
    size = {"day": 1, "week": 7, "fortnight": 14}.get(unit)
    if size is not None and base.precision in {"month", "year"}:
        return base
    if size is None or base.precision != "day":
        raise _Unresolvable("too vague to place")
    near, far = (
        base.start + timedelta(direction * 2 * size),
        base.start + timedelta(direction * 7 * size),
    )
    point = _span(min(near, far), max(near, far))
    return _Point(point.start.replace(day=1), "month")


def _offset(text: str, ctx: _Context) -> _Point | None:
    found = _offset_pattern().fullmatch(text)
    if found is None:
        return None
    unit = time_words().units[found["unit"]]
    relation = found["relation"]
    direction = -1 if relation in {"ago", "back", "earlier", "before"} else 1
    if relation in {"ago", "back", "from now", "hence"}:
        base = _Point(ctx.require_anchor(), "day")
    else:
        base = ctx.chain_base()
    if found["n"] is None:
        if unit in {"hour", "minute"}:
            return base
        return _vague_shift(base, unit, direction)
    amount = _number_value(found["n"])
    if amount is None:
        return None
    return _shift(base, amount, unit, direction)


def _in_n_units(text: str, ctx: _Context) -> _Point | None:
    """Forward offsets like "in two weeks" or "in three days' time", from the anchor."""
    found = _in_n_units_pattern().fullmatch(text)
    if found is None:
        return None
    amount = _number_value(found["n"])
    if amount is None:
        return None
    unit = time_words().units[found["unit"]]
    return _shift(_Point(ctx.require_anchor(), "day"), amount, unit, 1)


STORY_DAY_ON_OR_AFTER = 2  # an offset for _story_weekday beside -1, 0 and 1


def _weekday(text: str, ctx: _Context) -> _Point | None:
    words = time_words()
    found = re.fullmatch(
        rf"(?:(?P<which>{_patterns().deixis}|{_patterns().narrative}|the) )?"
        rf"(?P<weekday>{_patterns().weekday})"
        rf"(?: of (?P<week>{_patterns().deixis}) week)?",
        text,
    )
    if found is None:
        return None
    target = words.weekdays[found["weekday"]]
    if found["which"] in words.narrative_offsets:
        return _story_weekday(target, words.narrative_offsets[found["which"]], ctx)
    if found["which"] == "the":
        # "Kurti hit back on the Sunday": the first such day of the story from its date on
        story = _story_weekday(target, STORY_DAY_ON_OR_AFTER, ctx)
        if story is not None:
            return story
    anchor = ctx.require_anchor()
    if found["week"] and found["week"] in words.deictic_offsets:
        # "Thursday of last week": that weekday in the week named
        monday = _week_start(anchor) + timedelta(7 * words.deictic_offsets[found["week"]])
        return _Point(monday + timedelta(target), "day")
    back = (anchor.weekday() - target) % 7
    previous, following = (
        anchor - timedelta(back),
        anchor + timedelta((target - anchor.weekday()) % 7),
    )
    offset = words.deictic_offsets.get(found["which"] or "", None)
    if offset == -1:
        # news style names yesterday by its day alone: "last Monday" on a Tuesday is the
        # Monday of the week before, as is "last Tuesday" on a Tuesday
        return _Point(previous if back > 1 else previous - timedelta(7), "day")
    if offset == 1:
        return _Point(following if following != anchor else anchor + timedelta(7), "day")
    tense: Tense = "present" if offset == 0 else ctx.tense
    return _Point(_nearest_by_tense([previous, following], anchor, tense), "day")


def _story_weekday(target: int, offset: int, ctx: _Context) -> _Point | None:
    """ "The next day ECOWAS closed its borders. The same Sunday, crowds marched": that
    weekday counted from the story's last date ("the following Monday" after it, "the
    previous Friday" before it, "the same Sunday" the nearest one to it, "on the Sunday"
    the first from that date on)."""
    base = ctx.chain_base()
    if base.precision != "day":
        return None
    day = base.start
    ahead = (target - day.weekday()) % 7
    back = (day.weekday() - target) % 7
    if offset == STORY_DAY_ON_OR_AFTER:
        return _Point(day + timedelta(ahead), "day")
    if offset > 0:
        return _Point(day + timedelta(ahead or 7), "day")
    if offset < 0:
        return _Point(day - timedelta(back or 7), "day")
    return _Point(day + timedelta(ahead) if ahead < back else day - timedelta(back), "day")


_HANDLERS: tuple[Callable[[str, _Context], _Point | None], ...] = (
    _iso_date,
    _numeric_date,
    _full_date,
    _day_span,
    _bounded_days,
    _day_of_month,
    _holiday,
    _month_with_year,
    _month_alone,
    _year_number,
    _season,
    _week,
    _weekend,
    _relative_period,
    _offset,
    _weekday,
)


def _plausible(point: _Point, anchor: date | None, tense: Tense) -> bool:
    if not EARLIEST_YEAR <= point.start.year <= LATEST_YEAR:
        return False
    return not (tense == "past" and anchor is not None and point.start > anchor)


# "within a month of his election in 2017", "weeks after the 2019 vote": the span is
# relative to an event the expression dates itself; the event's own date is the honest
# precision to keep.
_EVENT_ANCHOR = re.compile(
    r"^(?:within|weeks|days|months|shortly|soon|just)\b.*\b(?:of|after|before)\b(?P<rest>.+)$",
    re.IGNORECASE,
)


def _anchored_to_event(
    expression: str, anchor: date | None, tense: Tense, narrative: TimeValue | None
) -> TimeValue | None:
    match = _EVENT_ANCHOR.match(expression.strip())
    if match is None:
        return None
    rest = match.group("rest")
    months = _alternation(time_words().months)
    dated = re.search(rf"\b(?:{months})\.? \d{{4}}\b", rest, re.IGNORECASE) or re.search(
        r"\b\d{4}\b", rest
    )
    if dated is None:
        return None
    point = resolve_expression(dated.group(0), anchor, tense, narrative)
    return TimeValue(point.value, point.precision, expression.strip()) if point else None


_WITHIN_VAGUE = re.compile(
    r"^within (?:a few |several |some )?(?P<unit>minutes|hours)$", re.IGNORECASE)


def chained_within(expression: str) -> str | None:
    """ "Within hours, protesters had gathered": in a past narrative, a vague "within"
    counts on from the story's time like "hours later"; the chained form, else None."""
    match = _WITHIN_VAGUE.match(_clean(expression))
    return f"{match.group('unit').lower()} later" if match else None


def resolve_expression(
    expression: str, anchor: date | None, tense: Tense = "past", narrative: TimeValue | None = None
) -> TimeValue | None:
    """Like :func:`normalize_expression`, but the anchor may be unknown.

    Without an anchor only self-contained expressions ("24 February 2021",
    "in 2017", or ones chained to a given narrative date) resolve.
    """
    anchored = _anchored_to_event(expression, anchor, tense, narrative)
    if anchored is not None:
        return anchored
    if classify_expression(expression) != "point":
        return None
    ctx = _Context(anchor, tense, narrative)
    try:
        point = _resolve(_clean(expression), ctx)
    except (ValueError, OverflowError):  # no such day, or beyond the calendar's range
        return None
    if point is None or not _plausible(point, anchor, tense):
        return None
    return TimeValue(point.iso(), point.precision, expression.strip())


def normalize_expression(
    expression: str, anchor: date, tense: Tense = "past", narrative: TimeValue | None = None
) -> TimeValue | None:
    """The calendar point an English time expression names, at its true precision.

    ``anchor`` is the publication date; ``tense`` the tense of the clause the
    expression belongs to; ``narrative`` the story's current date, which chained
    expressions ("the previous day", "a week later") count from. Durations,
    ranges, sets, impossible dates and implausible ones give None.
    """
    return resolve_expression(expression, anchor, tense, narrative)
