"""One record per event: the same event within a sentence, or mentioned again later in
the article, is coded once; the same actor named twice is listed once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from polex.schema import DATED_BY_TEXT, Entity, Event


def merge(first: list[Entity], second: list[Entity]) -> list[Entity]:
    merged = list(first)
    merged.extend(e for e in second if not same_entity(e, merged))
    return merged


def same_entity(entity: Entity, others: list[Entity]) -> bool:
    """Same state and sector, and not two differently named people or bodies."""
    return any(
        entity.code == o.code and entity.sector == o.sector
        and (not entity.identifier_text or not o.identifier_text
             or entity.identifier_text == o.identifier_text)
        for o in others
    )


def deduplicate(events: list[Event],
                separate: Callable[[Event, Event], bool] | None = None) -> list[Event]:
    """One record per (type, actors, recipients) in a sentence, the most confident,
    unless the text dates two of them apart ("attacked army positions in November 2021
    and on 13 June 2022 captured Bunagana"), tells them apart by their modes, or
    ``separate`` says the grammar does ("dissolved the government and arrested the prime
    minister")."""
    chosen: list[Event] = []
    for event in events:
        twin = next((i for i, kept in enumerate(chosen)
                     if event_key(kept) == event_key(event) and not dated_apart(kept, event)
                     and not different_acts(kept, event)
                     and not (separate is not None and separate(kept, event))),
                    None)
        if twin is None:
            chosen.append(event)
        elif event.confidence > chosen[twin].confidence:
            chosen[twin] = event
    return [e for e in events if any(e is kept for kept in chosen)]


# Modes that say what an attack was made with, not what was done: "a drone strike
# killed three people" is one act.
WEAPON_MODES = frozenset({"heavy-weapons", "drone", "aerial", "firearms", "explosives",
                          "primitive", "crowd-control", "unconventional", "suicide-attack"})


def different_acts(first: Event, second: Event) -> bool:
    """Two acts of one kind the text tells apart by what was done: "abducted 22
    worshippers and set fire to 15 houses" (abduct, destroy)."""
    return different_modes(first.mode, second.mode)


def different_modes(first: Iterable[str], second: Iterable[str]) -> bool:
    """Modes that say two different things were done, not what it was done with."""
    one, other = set(first) - WEAPON_MODES, set(second) - WEAPON_MODES
    return bool(one) and bool(other) and not one & other


def dated_apart(first: Event, second: Event) -> bool:
    """Both dated by the text, to times neither of which contains the other."""
    if first.date_source not in DATED_BY_TEXT or second.date_source not in DATED_BY_TEXT:
        return False
    one, other = first.date or "", second.date or ""
    return not (one.startswith(other) or other.startswith(one))


# Types whose parties act together, so that who is named as actor and who as recipient
# changes with the sentence ("A met B", "B and A held talks").
MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})


def covered(event: Event, earlier: Event) -> bool:
    """Every participant of ``event`` is one of ``earlier``'s (same person where named);
    for a directed act, its actors among the earlier actors: "India responded by
    expelling six Canadian diplomats" is not Canada's expulsion of Indian ones."""
    others = earlier.actor + earlier.recipient
    if event.event not in MUTUAL_TYPES and earlier.actor and not all(
            same_entity(e, earlier.actor) for e in event.actor):
        return False
    return all(same_entity(e, others) for e in event.actor + event.recipient)


def overlaps(event: Event, earlier: Event) -> bool:
    others = earlier.actor + earlier.recipient
    return any(same_entity(e, others) for e in event.actor + event.recipient)


def drop_repeated_mentions(events: list[Event], back_references: set[int]) -> list[Event]:
    """An article that mentions one event again codes it once.

    A later event of the same type and status is the same event when the text dates
    both, by their own words or an anchor (not the episode's narrative time), to the same
    day and its participants are among the earlier one's, or when it is named by a
    definite noun with no date of its own ("joined the talks", "during the summit") and
    shares a participant with it. Undated statements are never merged on
    their (publication) date alone.
    """
    kept: list[Event] = []
    for event in events:
        back_reference = event.trigger_start in back_references
        # a narrative date is inherited by every act of the episode: it tells none apart
        dated_by_text = event.date_source in DATED_BY_TEXT
        repeat = any(
            earlier.event == event.event
            and earlier.status == event.status
            and earlier.text_info.sequence != event.text_info.sequence
            and not different_acts(event, earlier)
            and (
                dated_by_text and earlier.date == event.date and covered(event, earlier)
                or back_reference and overlaps(event, earlier)
            )
            for earlier in kept
        )
        if not repeat:
            kept.append(event)
    return kept


def event_key(event: Event) -> tuple[str, ...]:
    return (
        event.event,
        ",".join(sorted(e.code or "" for e in event.actor)),
        ",".join(sorted(e.code or "" for e in event.recipient)),
    )
