"""Sentence cues that refine an event: extra modes and PLOVER contexts."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Span

from polex import ontology
from polex.data import read_json, read_rows

# ASSAULT modes combine (weapon and method); other types take one mode.
MULTI_MODE_EVENTS = {"ASSAULT"}


@lru_cache(maxsize=1)
def context_cues() -> dict[str, str]:
    cues = {lemma.lower(): context for lemma, context in read_rows("context_cues.tsv")}
    unknown = set(cues.values()) - set(ontology.contexts())
    if unknown:
        raise ValueError(f"context_cues.tsv: unknown contexts {sorted(unknown)}")
    return cues


@lru_cache(maxsize=1)
def mode_cues() -> dict[str, dict[str, str]]:
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for event, lemma, mode in read_rows("mode_cues.tsv"):
        if mode not in ontology.modes(event):
            raise ValueError(f"mode_cues.tsv: {mode!r} is not a mode of {event}")
        cues[event][lemma.lower()] = mode
    return dict(cues)


def _lemmas(sentence: Span) -> list[str]:
    return [t.lemma_.lower() for t in sentence] + [t.lower_ for t in sentence]


def contexts_for(sentence: Span, base: str | None) -> list[str]:
    cues = context_cues()
    found = {base} if base else set()
    found.update(cues[lemma] for lemma in _lemmas(sentence) if lemma in cues)
    order = ontology.contexts()
    return sorted(found, key=order.index)


def modes_for(event: str, sentence: Span, base: str | None) -> list[str]:
    """The rule's mode first, then modes the sentence's words add (weapons, tactics)."""
    modes = [base] if base else []
    if modes and event not in MULTI_MODE_EVENTS:
        return modes
    cues = mode_cues().get(event, {})
    for lemma in _lemmas(sentence):
        mode = cues.get(lemma)
        if mode and mode not in modes:
            modes.append(mode)
    return modes if event in MULTI_MODE_EVENTS else modes[:1]


@lru_cache(maxsize=1)
def sport_words() -> frozenset[str]:
    return frozenset(read_json("sport_words.json")["lemmas"])


def in_sport(sentence: Span) -> bool:
    """A sentence about sport or a game (``data/sport_words.json``), where "attack",
    "struck" and "signed a contract" are plays, not political acts."""
    words = sport_words()
    return any(lemma in words for lemma in _lemmas(sentence))
