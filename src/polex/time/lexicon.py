"""The English time vocabulary, loaded once from ``polex/data/time_words.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from polex.data import read_json


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    fixed_holidays: dict[str, tuple[int, int]]
    number_words: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinal_words: dict[str, int]
    units: dict[str, str]
    leading_words: tuple[str, ...]
    approximators: tuple[str, ...]  # "less than a week after": no day can be told
    time_of_day: tuple[str, ...]
    today_words: dict[str, int]
    narrative_days: dict[str, int]
    deictic_offsets: dict[str, int]
    narrative_offsets: dict[str, int]
    qualifiers: tuple[str, ...]
    range_starts: tuple[str, ...]
    window_words: tuple[str, ...]
    range_prepositions: frozenset[str]
    year_prepositions: frozenset[str]
    frame_prepositions: frozenset[str]
    set_words: tuple[str, ...]
    duration_starts: tuple[str, ...]
    future_modals: frozenset[str]
    weak_future_modals: frozenset[str]
    present_modals: frozenset[str]
    past_perfect_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    future_time_cues: tuple[str, ...]
    future_noun_modifiers: frozenset[str]
    event_nouns: frozenset[str]
    event_noun_verbs: dict[str, frozenset[str]]  # "election": the verbs that report it
    event_noun_kinds: dict[str, frozenset[str]]  # "vote": the nouns for the same event
    anchor_marks: dict[str, str]  # "after": the anchored event lies earlier
    same_day_offsets: frozenset[str]
    reporting_verbs: frozenset[str]
    episode_prepositions: frozenset[str]
    framing_marks: frozenset[str]


def _pairs(table: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {name: (pair[0], pair[1]) for name, pair in table.items()}


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    """The vocabulary of the time stage (cached for the life of the process)."""
    raw: dict[str, Any] = read_json("time_words.json")
    return TimeWords(
        months=dict(raw["months"]),
        weekdays=dict(raw["weekdays"]),
        seasons=_pairs(raw["seasons"]),
        fixed_holidays=_pairs(raw["fixed_holidays"]),
        number_words={word: float(n) for word, n in raw["number_words"].items()},
        vague_numbers=tuple(raw["vague_numbers"]),
        ordinal_words=dict(raw["ordinal_words"]),
        units=dict(raw["units"]),
        leading_words=tuple(raw["leading_words"]),
        approximators=tuple(raw["approximators"]),
        time_of_day=tuple(raw["time_of_day"]),
        today_words=dict(raw["today_words"]),
        narrative_days=dict(raw["narrative_days"]),
        deictic_offsets=dict(raw["deictic_offsets"]),
        narrative_offsets=dict(raw["narrative_offsets"]),
        qualifiers=tuple(raw["qualifiers"]),
        range_starts=tuple(raw["range_starts"]),
        window_words=tuple(raw["window_words"]),
        range_prepositions=frozenset(raw["range_prepositions"]),
        year_prepositions=frozenset(raw["year_prepositions"]),
        frame_prepositions=frozenset(raw["frame_prepositions"]),
        set_words=tuple(raw["set_words"]),
        duration_starts=tuple(raw["duration_starts"]),
        future_modals=frozenset(raw["future_modals"]),
        weak_future_modals=frozenset(raw["weak_future_modals"]),
        present_modals=frozenset(raw["present_modals"]),
        past_perfect_auxiliaries=frozenset(raw["past_perfect_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        future_time_cues=tuple(raw["future_time_cues"]),
        future_noun_modifiers=frozenset(raw["future_noun_modifiers"]),
        event_nouns=frozenset(raw["event_nouns"]),
        event_noun_verbs={
            noun: frozenset(verbs) for noun, verbs in raw["event_noun_verbs"].items()
        },
        event_noun_kinds={
            noun: frozenset(kind) for kind in raw["event_noun_kinds"] for noun in kind
        },
        anchor_marks=dict(raw["anchor_marks"]),
        same_day_offsets=frozenset(raw["same_day_offsets"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        episode_prepositions=frozenset(raw["episode_prepositions"]),
        framing_marks=frozenset(raw["framing_marks"]),
    )
