"""Normalization of English news time expressions, one table row per expression."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from polex.schema import TimeValue
from polex.time import (
    classify_expression,
    date_precision_of,
    normalize_expression,
    resolve_expression,
)
from polex.time.normalize import Tense

WED = date(2021, 3, 3)  # a Wednesday
STORY_DAY = TimeValue("2019-05-10", "day", "on May 10, 2019")
STORY_MONTH = TimeValue("2019-05", "month", "in May 2019")


def case(
    expression: str,
    expected: str | None,
    tense: Tense = "past",
    anchor: date = WED,
    narrative: TimeValue | None = None,
) -> Any:
    label = f"{expression} ({tense}, {anchor.isoformat()}"
    label += f", after {narrative.value})" if narrative else ")"
    return pytest.param(expression, anchor, tense, narrative, expected, id=label)


ABSOLUTE_DATES = [
    case("February 24, 2021", "2021-02-24"),
    case("Feb. 24, 2021", "2021-02-24"),
    case("24 February 2021", "2021-02-24"),
    case("Feb. 24", "2021-02-24"),
    case("24 Feb", "2021-02-24"),
    case("24th February", "2021-02-24"),
    case("2021-02-24", "2021-02-24"),
    case("2021-02-24T09:30:00Z", "2021-02-24"),
    case("2021/02/24", "2021-02-24"),
    case("24/02/2021", "2021-02-24"),
    case("02/24/2021", "2021-02-24"),
    case("on the 3rd of March", "2021-03-03"),
    case("on the 3rd of May", "2020-05-03"),
    case("on the 3rd of May", "2021-05-03", "future"),
    case("May 3rd, 2019", "2019-05-03"),
    case("Tuesday, Feb. 23", "2021-02-23"),
    case("Tuesday (Feb. 23)", "2021-02-23"),
    case("on March 1", "2021-03-01"),
    case("December 12", "2020-12-12"),
    case("December 12", "2021-12-12", "future"),
    case("on March 10", "2020-03-10"),
    case("on March 10", "2021-03-10", "future"),
    case("Sept. 11, 2001", "2001-09-11"),
    case("11 September 2001", "2001-09-11"),
    case("Feb. 24 last year", "2020-02-24"),
    case("the 1st", "2021-03-01"),
    case("the 28th", "2021-02-28"),
    case("the 28th", "2021-03-28", "future"),
    case("Christmas", "2020-12-25"),
    case("Christmas Day 2019", "2019-12-25"),
    case("International Women's Day", "2020-03-08"),
    case("New Year's Eve", "2020-12-31"),
    case("March 3-4", "2021-03-03"),
    case("12-14 January 2020", "2020-01-12"),
    case("between 20 and 30 November", "2020-11-20"),
    case("between April 28 and May 30", "2020-04-28"),
    case("from March 1 to 5", "2021-03-01", "present"),
    case("in 2019", "2019", "future"),
    case("March 10, 2021", "2021-03-10", "future"),
]

IMPOSSIBLE_OR_IMPLAUSIBLE = [
    case("within a month of his election in 2017", "2017"),
    case("weeks after the 2019 vote", "2019"),
    case("February 30", None),
    case("February 30, 2021", None),
    case("April 31", None),
    case("29 February 2021", None),
    case("29 February 2020", "2020-02-29"),
    case("Feb. 29", "2020-02-29"),
    case("2021-13-01", None),
    case("32 March", None),
    case("from 31 to 32 March", None),
    case("between 30 and 31 February", None),
    case("between April 31 and May 2", None),
    case("03/04/2021", None),
    case("in 1776", None),
    case("in 1066", None),
    case("1799", None),
    case("1800", "1800"),
    case("ten thousand years ago", None),
    case("10000 years ago", None),
    case("March 10, 2021", None),
    case("in 2022", None),
    case("in April 2021", None),
    case("tomorrow", None),
    case("next month", None),
]

MONTHS_AND_YEARS = [
    case("February 2012", "2012-02"),
    case("in March last year", "2020-03"),
    case("in March of last year", "2020-03"),
    case("March 2020", "2020-03"),
    case("Sept. 2019", "2019-09"),
    case("in December this year", "2021-12", "future"),
    case("in January next year", "2022-01", "future"),
    case("2017-08", "2017-08"),
    case("in March 2021", "2021-03"),
    case("in 2017", "2017"),
    case("2017's", "2017"),
    case("the year 2015", "2015"),
    case("2021", "2021"),
    case("in 2020", "2020", "present"),
    case("in March", "2021-03"),
    case("in February", "2021-02"),
    case("in April", "2020-04"),
    case("in April", "2021-04", "future"),
    case("in February", "2022-02", "future"),
    case("last April", "2020-04"),
    case("next February", "2022-02", "future"),
    case("this March", "2021-03"),
    case("in December", "2020-12", "present"),
    case("in May", "2021-05", "present"),
]

QUALIFIED = [
    case("mid-March", "2021-03"),
    case("late November", "2020-11"),
    case("early 2019", "2019"),
    case("late 2020", "2020"),
    case("mid-2019", "2019"),
    case("in late 1989", "1989"),
    case("the end of March", "2021-03"),
    case("the end of last year", "2020"),
    case("the beginning of February", "2021-02"),
    case("earlier this month", "2021-03"),
    case("later this month", "2021-03", "future"),
    case("for later this year", "2021", "future"),
    case("earlier this year", "2021"),
    case("late last year", "2020"),
    case("early next year", "2022", "future"),
    case("the first week of February", "2021-02"),
    case("the summer of 2019", "2019"),
    case("spring 2018", "2018"),
    case("the first half of 2020", "2020"),
    case("mid-December", "2020-12"),
    case("late on Tuesday", "2021-03-02"),
    case("early Monday", "2021-03-01"),
    case("the early hours of Sunday", "2021-02-28"),
    case("last summer", "2020"),
    case("this spring", "2021", "future"),
]

WEEKDAYS = [
    case("on Tuesday", "2021-03-02"),
    case("on Monday", "2021-03-01"),
    case("on Thursday", "2021-02-25"),
    case("on Wednesday", "2021-03-03"),
    case("on Thursday", "2021-03-04", "future"),
    case("on Tuesday", "2021-03-09", "future"),
    case("on Wednesday", "2021-03-03", "future"),
    case("on Friday", "2021-03-05", "present"),
    case("on Monday", "2021-03-01", "present"),
    case("last Tuesday", "2021-02-23"),
    case("last Monday", "2021-03-01"),
    case("Thursday of last week", "2021-02-25"),
    case("on Monday of this week", "2021-03-01"),
    case("last Wednesday", "2021-02-24"),
    case("next Wednesday", "2021-03-10", "future"),
    case("next Friday", "2021-03-05", "future"),
    case("for Tuesday", "2021-03-09", "future"),
    case("this Friday", "2021-03-05", "future"),
    case("Tuesday's", "2021-03-02"),
    case("Tuesday night", "2021-03-02"),
    case("Sunday morning", "2021-02-28"),
    case("Tues.", "2021-03-02"),
    case("on Saturday", "2021-01-02", "past", date(2021, 1, 4)),
]

RELATIVE_TO_PUBLICATION = [
    case("yesterday", "2021-03-02"),
    case("today", "2021-03-03"),
    case("tonight", "2021-03-03", "future"),
    case("this morning", "2021-03-03"),
    case("last night", "2021-03-02"),
    case("tomorrow", "2021-03-04", "future"),
    case("the day before yesterday", "2021-03-01"),
    case("yesterday", "2020-12-31", "past", date(2021, 1, 1)),
    case("last week", "2021-02"),
    case("this week", "2021-03"),
    case("next week", "2021-03", "future"),
    case("last week", "2021-03", "past", date(2021, 4, 1)),
    case("last week", "2021-04", "past", date(2021, 4, 7)),
    case("this week", "2021-03", "past", date(2021, 4, 1)),
    case("this week", "2021-04", "future", date(2021, 4, 1)),
    case("last month", "2021-02"),
    case("last month", "2020-12", "past", date(2021, 1, 15)),
    case("next month", "2021-04", "future"),
    case("this month", "2021-03"),
    case("last year", "2020"),
    case("this year", "2021"),
    case("next year", "2022", "future"),
    case("two years ago", "2019"),
    case("three days ago", "2021-02-28"),
    case("a week ago", "2021-02-24"),
    case("two weeks ago", "2021-02-17"),
    case("three months ago", "2020-12"),
    case("a decade ago", "2011"),
    case("a year ago", "2020"),
    case("in two weeks", "2021-03-17", "future"),
    case("two weeks from now", "2021-03-17", "future"),
    case("in three days' time", "2021-03-06", "future"),
    case("over the weekend", "2021-02"),
    case("this weekend", "2021-03", "future"),
    case("last weekend", "2021-02"),
    case("a few days ago", "2021-02"),
]

CHAINED_TO_THE_STORY = [
    case("the previous day", "2019-05-09", narrative=STORY_DAY),
    # 10 May 2019 was a Friday
    case("the same Saturday", "2019-05-11", narrative=STORY_DAY),
    case("the same Wednesday", "2019-05-08", narrative=STORY_DAY),
    case("the following Monday", "2019-05-13", narrative=STORY_DAY),
    case("the previous Friday", "2019-05-03", narrative=STORY_DAY),
    case("the day before", "2019-05-09", narrative=STORY_DAY),
    case("the next day", "2019-05-11", narrative=STORY_DAY),
    case("the following day", "2019-05-11", narrative=STORY_DAY),
    case("three days later", "2019-05-13", narrative=STORY_DAY),
    case("a week later", "2019-05-17", narrative=STORY_DAY),
    case("two weeks earlier", "2019-04-26", narrative=STORY_DAY),
    case("a month later", "2019-06", narrative=STORY_DAY),
    case("a year later", "2020", narrative=STORY_DAY),
    case("the following year", "2020", narrative=STORY_DAY),
    case("that year", "2019", narrative=STORY_DAY),
    case("later that day", "2019-05-10", narrative=STORY_DAY),
    case("the following week", "2019-05", narrative=STORY_DAY),
    case("March of that year", "2019-03", narrative=STORY_DAY),
    case("the next day", "2019-05", narrative=STORY_MONTH),
    case("days later", "2019-05", narrative=STORY_MONTH),
    case("weeks later", "2019", narrative=TimeValue("2019", "year", "2019")),
    case("the same evening", "2019-05-10", narrative=STORY_DAY),
    case("the previous day", "2021-03-02"),
    case("three days later", "2021-03-06", "future"),
    case("three days later", None),
]

NOT_A_POINT = [
    case("for three years", None),
    case("between 2010 and 2014", None),
    case("over the past decade", None),
    case("since 2015", None),
    case("from 2010 to 2014", None),
    case("2010-2014", None),
    case("the 1990s", None),
    case("in recent years", None),
    case("the past two weeks", None),
    case("three years", None),
    case("two-day", None),
    case("50-year-old", None),
    case("every Monday", None),
    case("annually", None),
    case("until 2025", None, "future"),
    case("by the end of the year", None, "future"),
    case("decades", None),
    case("the past week", None),
    case("several years ago", None),
    case("in the coming weeks", None, "future"),
    case("weekly", None),
    case("on Mondays", None),
    case("10 a.m.", None),
]

ALL_CASES = (
    ABSOLUTE_DATES
    + IMPOSSIBLE_OR_IMPLAUSIBLE
    + MONTHS_AND_YEARS
    + QUALIFIED
    + WEEKDAYS
    + RELATIVE_TO_PUBLICATION
    + CHAINED_TO_THE_STORY
    + NOT_A_POINT
)


@pytest.mark.parametrize(("expression", "anchor", "tense", "narrative", "expected"), ALL_CASES)
def test_normalize_expression_gives_the_date_a_coder_would(
    expression: str, anchor: date, tense: Tense, narrative: TimeValue | None, expected: str | None
) -> None:
    result = normalize_expression(expression, anchor, tense, narrative)
    assert (result.value if result else None) == expected


def test_normalize_table_is_large_enough() -> None:
    assert len(ALL_CASES) >= 150


def test_normalize_precision_matches_the_value() -> None:
    values = [normalize_expression(e, WED) for e in ("Feb. 24", "late November", "early 2019")]
    assert [(v.value, v.precision) for v in values if v] == [
        ("2021-02-24", "day"),
        ("2020-11", "month"),
        ("2019", "year"),
    ]


def test_normalize_keeps_the_original_text() -> None:
    result = normalize_expression("  on Tuesday ", WED)
    assert result is not None and result.text == "on Tuesday"


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        pytest.param("on Tuesday", "point", id="weekday"),
        pytest.param("February 30", "point", id="impossible date is still a point"),
        pytest.param("three days later", "point", id="chained offset"),
        pytest.param("in two weeks", "point", id="in N weeks"),
        pytest.param("for three years", "duration", id="for N years"),
        pytest.param("two-day", "duration", id="two-day"),
        pytest.param("the 73-year-old", "duration", id="age"),
        pytest.param("between 2010 and 2014", "range", id="between"),
        pytest.param("between 20 and 30 November", "point", id="between two days"),
        pytest.param("between 30 and 31 February", "point", id="between impossible days"),
        pytest.param("since 2015", "range", id="since"),
        pytest.param("over the past decade", "range", id="past decade"),
        pytest.param("2019-2021", "range", id="year span"),
        pytest.param("from March to May", "range", id="month span"),
        pytest.param("every year", "set", id="every year"),
        pytest.param("twice a month", "set", id="twice a month"),
        pytest.param("on Fridays", "set", id="plural weekday"),
        pytest.param("a few years ago", "unknown", id="vague years"),
        pytest.param("the time", "unknown", id="no calendar content"),
        pytest.param("", "unknown", id="empty"),
    ],
)
def test_classify_expression_kind(expression: str, kind: str) -> None:
    assert classify_expression(expression) == kind


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2021-02-24", "day"), ("2012-02", "month"), ("2017", "year")],
)
def test_date_precision_of_iso_values(value: str, precision: str) -> None:
    assert date_precision_of(value) == precision


def test_date_precision_of_rejects_other_text() -> None:
    with pytest.raises(ValueError):
        date_precision_of("24/02/2021")


def test_resolve_expression_without_anchor_keeps_explicit_dates() -> None:
    explicit = resolve_expression("24 February 2021", None)
    assert explicit is not None and explicit.value == "2021-02-24"


def test_resolve_expression_without_anchor_drops_relative_dates() -> None:
    assert resolve_expression("yesterday", None) is None
