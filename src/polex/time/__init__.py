"""The time stage: time expressions normalized, clause tense, and each event's date."""

from polex.time.dating import EventDate, EventDater, TimeMention, continues_story
from polex.time.normalize import (
    ExpressionKind,
    Tense,
    classify_expression,
    date_precision_of,
    normalize_expression,
    resolve_expression,
)
from polex.time.tense import clause_tense, governing_verb

__all__ = [
    "EventDate",
    "EventDater",
    "ExpressionKind",
    "Tense",
    "TimeMention",
    "classify_expression",
    "clause_tense",
    "continues_story",
    "date_precision_of",
    "governing_verb",
    "normalize_expression",
    "resolve_expression",
]
