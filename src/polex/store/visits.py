"""Leaders' trips abroad: the CONSULT and AGREE events in which a head of state or
government went to another country, one record per trip, each leader's first trip after
taking office marked, with the first destinations of the same office's earlier holders.

A trip is decided as a careful coder would from what the stored record carries:

* only events that happened (status ``occurred``), with a date, of type CONSULT or AGREE,
  and never a phone call (CONSULT mode ``phone``);
* the traveller is a participant (actor or recipient) whose stored office is a head of
  state or head of government post of his or her state on the event date (the KB's
  heads table), and whom the KB's office terms show in that post then;
* where the event has a location, every such leader from another country than the
  location's went there; a leader in his or her own country was at home;
* without a location, only PLOVER's CONSULT mode ``visit`` says who travelled: the actor
  (the visitor, also of "X hosted Y", which polex codes as Y visiting X) went to the
  recipient's country;
* reports of one leader's trip to one country dated within ``window_days`` of each other
  (or a month- or year-dated report of that period) are one trip.

A leader's first trip is the earliest stored trip of the tenure (consecutive KB terms of
one person in one office). The store holds what its articles reported, so it is the
first trip *on record*; where the KB gives no start of the term it is only the first
trip in the store, and is marked so.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

import duckdb

from polex.actors.kb import KnowledgeBase, default_kb, normalize
from polex.store.queries import EventQuery

TRIP_EVENTS = ("CONSULT", "AGREE")
DEFAULT_WINDOW_DAYS = 2

FirstMark = Literal["after_taking_office", "in_store"]
FIRST_MARK_TEXT: dict[str, str] = {
    "after_taking_office": "first after taking office",
    "in_store": "first in store (no start of term on file)",
}
FIRST_NOTE = (
    "first: each leader's earliest trip in the store since the KB's start of the term (day n "
    "in office), or the earliest in the store where that start is not on file; the store "
    "holds only what its articles reported, so a first trip long after taking office is only "
    "the first on record"
)

_CANDIDATES_SQL = """
    SELECT e.id, e.article_id, e.event, e.date, e.mode, e.event_text, e.text,
           e.record->>'$.event_loc.country_code'
    FROM events e
    WHERE list_contains($types, e.event) AND e.status = 'occurred' AND e.date IS NOT NULL
      AND EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = e.id
                  AND x.office IS NOT NULL AND x.identifier_text IS NOT NULL)
    ORDER BY e.date, e.id
"""
_PARTICIPANTS_SQL = """
    SELECT x.event_id, x.role, x.code, x.identifier_id, x.identifier_text, x.office
    FROM event_entities x
    WHERE x.event_id IN (SELECT unnest($ids))
    ORDER BY x.event_id, x.role, x.position
"""


@dataclass(frozen=True)
class Tenure:
    """One person's uninterrupted time in one office of one state, from the KB's terms;
    ``start`` is None when the KB has no term of the person in that office."""

    name: str
    identifier_id: str | None
    country: str
    office: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class FirstDestination:
    """Where a holder of an office went first after taking office, as far as the store
    knows (``destination`` None: no trip of that tenure in the store)."""

    holder: str
    holder_id: str | None
    term_start: str | None
    term_end: str | None
    destination: str | None = None
    date: str | None = None
    event_id: str | None = None
    days_in_office: int | None = None


@dataclass(frozen=True)
class Trip:
    """A leader's trip abroad, from one or several reports (events) of it."""

    leader: str  # the KB's canonical name
    leader_id: str | None  # the KB's identifier (Wikidata QID) where it has one
    office: str
    country: str  # the leader's state
    term_start: str | None
    destination: str
    date: str  # the most precise date the reports give, ISO 8601
    event_ids: tuple[str, ...]
    article_id: str  # the article of the report the date and sentence come from
    article_ids: tuple[str, ...]
    sentence: str
    first: FirstMark | None = None
    days_in_office: int | None = None  # from the start of the term to the trip's date
    predecessors: tuple[FirstDestination, ...] = ()  # on first trips: earlier holders' firsts


@dataclass(frozen=True)
class _Participant:
    role: str
    code: str | None
    identifier_id: str | None
    name: str | None
    office: str | None


@dataclass(frozen=True)
class _StoredEvent:
    id: str
    article_id: str
    event: str
    date: str
    modes: tuple[str, ...]
    trigger: str
    sentence: str
    place_country: str | None
    participants: tuple[_Participant, ...] = ()

    def role(self, name: str) -> list[_Participant]:
        return [p for p in self.participants if p.role == name]


@dataclass(frozen=True)
class _Leg:
    """One stored event's evidence that a leader travelled to a country."""

    tenure: Tenure
    destination: str
    event: _StoredEvent


# -- dates ---------------------------------------------------------------------------


@cache
def period(value: str) -> tuple[date, date] | None:
    """The first and last day of an ISO date at its precision ("2023", "2023-05",
    "2023-05-14"); None for a value that is not one."""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        if len(numbers) == 2:
            last = calendar.monthrange(numbers[0], numbers[1])[1]
            return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
        if len(numbers) == 3:
            day = date(*numbers)
            return day, day
    except ValueError:
        return None
    return None


def _overlaps(start: date | None, end: date | None, span: tuple[date, date]) -> bool:
    return (start is None or start <= span[1]) and (end is None or span[0] <= end)


def _within(value: str, since: str | None, until: str | None) -> bool:
    """Whether an ISO date lies within the bounds, compared at the coarser precision."""
    if since and value[:len(since)] < since[:len(value)]:
        return False
    return not (until and value[:len(until)] > until[:len(value)])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- the knowledge base's offices ----------------------------------------------------


class _Offices:
    """The KB's head posts and office terms, looked up once per state and office."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._tenures: dict[tuple[str, str], list[Tenure]] = {}

    def is_state(self, code: str | None) -> bool:
        return code is not None and self.kb.country(code) is not None

    def names_state(self, participant: _Participant) -> bool:
        """Whether the entity is the state itself ("Bishkek", "Ukraine"), not a person."""
        country = self.kb.country(participant.code or "")
        return (country is not None and participant.office is None
                and participant.name == country.identifier_text)

    def is_head_post(self, code: str, office: str, span: tuple[date, date]) -> bool:
        posts = [*self.kb.head_posts(span[0]), *self.kb.head_posts(span[1])]
        return any(p.code == code and office in (*p.head_of_state, *p.head_of_government)
                   for p in posts)

    def tenures(self, code: str, office: str) -> list[Tenure]:
        """Every tenure of the office, earliest first: a person's consecutive terms joined."""
        key = (code, office)
        if key not in self._tenures:
            self._tenures[key] = _joined_terms(
                Tenure(e.identifier_text or e.name, e.identifier_id, code, office, e.start, e.end)
                for e in self.kb.holders(code, office)
            )
        return self._tenures[key]

    def tenure(self, participant: _Participant, span: tuple[date, date]) -> Tenure | None:
        """The participant's tenure as a head of state or government during ``span``."""
        code, office, name = participant.code, participant.office, participant.name
        if not (code and office and name) or not self.is_head_post(code, office, span):
            return None
        tenures = self.tenures(code, office)
        serving = [t for t in tenures if _overlaps(t.start, t.end, span)]
        if any(t.name == name for t in tenures):
            own = [t for t in serving if t.name == name]
            return max(own, key=lambda t: t.start or date.min) if own else None
        if serving:  # the KB has someone else in the post then: the stored office is wrong
            return None
        return Tenure(name, participant.identifier_id, code, office, None, None)


def _joined_terms(terms: Iterable[Tenure]) -> list[Tenure]:
    """Terms sorted by start, a person's term that continues the previous one joined to it
    (a re-election is not a new taking of office)."""
    joined: list[Tenure] = []
    for term in sorted(terms, key=lambda t: t.start or date.min):
        previous = next((t for t in reversed(joined) if t.name == term.name), None)
        if previous is not None and _continues(previous, term):
            joined[joined.index(previous)] = replace(previous, end=_later_end(previous, term))
        else:
            joined.append(term)
    return joined


def _continues(previous: Tenure, term: Tenure) -> bool:
    if previous.end is None:
        return True
    return term.start is not None and term.start <= previous.end + timedelta(days=1)


def _later_end(previous: Tenure, term: Tenure) -> date | None:
    if previous.end is None or term.end is None:
        return None
    return max(previous.end, term.end)


# -- reading the store ---------------------------------------------------------------


def _stored_events(conn: duckdb.DuckDBPyConnection) -> list[_StoredEvent]:
    """The dated, occurred CONSULT and AGREE events naming someone with an office."""
    events = [
        _StoredEvent(id=row[0], article_id=row[1], event=row[2], date=row[3],
                     modes=tuple(row[4] or ()), trigger=row[5] or "", sentence=row[6] or "",
                     place_country=row[7])
        for row in conn.execute(_CANDIDATES_SQL, {"types": list(TRIP_EVENTS)}).fetchall()
    ]
    participants: dict[str, list[_Participant]] = defaultdict(list)
    rows = conn.execute(_PARTICIPANTS_SQL, {"ids": [e.id for e in events]}).fetchall()
    for event_id, *values in rows:
        participants[event_id].append(_Participant(*values))
    return [replace(e, participants=tuple(participants[e.id])) for e in events]


# -- who travelled where -------------------------------------------------------------


def _legs(event: _StoredEvent, offices: _Offices) -> list[_Leg]:
    span = period(event.date)
    if span is None or "phone" in event.modes:
        return []
    legs = []
    for participant, destination in _travellers(event, offices):
        tenure = offices.tenure(participant, span)
        if tenure is not None and destination != tenure.country:
            legs.append(_Leg(tenure, destination, event))
    return legs


def _travellers(event: _StoredEvent, offices: _Offices
                ) -> list[tuple[_Participant, str]]:
    """Each participant who may have gone abroad, with where to (a state's code)."""
    if event.place_country:
        if not offices.is_state(event.place_country):
            return []
        return [(p, event.place_country) for p in event.participants]
    if event.event != "CONSULT" or "visit" not in event.modes:
        return []
    guests, hosts = event.role("actor"), event.role("recipient")
    found = []
    for guest in guests:
        destination = _host_state(hosts, guest.code, offices)
        if destination is not None:
            found.append((guest, destination))
    return found


def _host_state(hosts: list[_Participant], home: str | None, offices: _Offices
                ) -> str | None:
    """The one foreign state the hosts stand for; a host naming the state itself
    ("travelled to Kyiv") outranks people beside it. None when there are several."""
    foreign = [h for h in hosts if offices.is_state(h.code) and h.code != home]
    named = [h for h in foreign if offices.names_state(h)]
    codes = {h.code for h in named or foreign}
    return codes.pop() if len(codes) == 1 else None


# -- trips ---------------------------------------------------------------------------


def _reports_as_trips(legs: list[_Leg], window_days: int) -> list[list[_Leg]]:
    """Legs of one leader to one country grouped into trips. Day-dated reports within
    ``window_days`` of each other are one trip; a month- or year-dated report joins the
    trip whose date lies in its period, or makes a trip of its own."""
    trips: list[list[_Leg]] = []
    for leg in sorted(legs, key=lambda g: (-len(g.event.date), g.event.date, g.event.id)):
        trip = _joining(trips, leg, window_days)
        if trip is None:
            trips.append([leg])
        else:
            trip.append(leg)
    return trips


def _joining(trips: list[list[_Leg]], leg: _Leg, window_days: int) -> list[_Leg] | None:
    return next((trip for trip in trips if _belongs(trip, leg.event.date, window_days)), None)


def _belongs(trip: list[_Leg], value: str, window_days: int) -> bool:
    """Day-dated reports come first, in date order: a day joins the trip whose latest
    day is at most ``window_days`` before it; a month or year, a trip within it."""
    if len(value) == len("2024-06-03"):
        last = trip[-1].event.date
        return len(last) == len(value) and (
            date.fromisoformat(value) - date.fromisoformat(last)).days <= window_days
    return any(member.event.date.startswith(value) for member in trip)


def _trip(legs: list[_Leg]) -> Trip:
    tenure, evidence = legs[0].tenure, legs[0].event
    return Trip(
        leader=tenure.name, leader_id=tenure.identifier_id, office=tenure.office,
        country=tenure.country, term_start=_iso(tenure.start),
        destination=legs[0].destination, date=evidence.date,
        event_ids=tuple(dict.fromkeys(g.event.id for g in legs)),
        article_id=evidence.article_id,
        article_ids=tuple(dict.fromkeys(g.event.article_id for g in legs)),
        sentence=evidence.sentence,
    )


def _trips_by_tenure(conn: duckdb.DuckDBPyConnection, offices: _Offices, window_days: int
                     ) -> dict[Tenure, list[Trip]]:
    """Every trip in the store, by the tenure it was made in, in date order."""
    legs: dict[tuple[Tenure, str], list[_Leg]] = defaultdict(list)
    for event in _stored_events(conn):
        for leg in _legs(event, offices):
            legs[(leg.tenure, leg.destination)].append(leg)
    trips: dict[Tenure, list[Trip]] = defaultdict(list)
    for (tenure, _destination), group in legs.items():
        trips[tenure] += [_trip(t) for t in _reports_as_trips(group, window_days)]
    for tenure_trips in trips.values():
        tenure_trips.sort(key=_date_order)
    return trips


def _date_order(trip: Trip) -> tuple[date, date, str]:
    span = period(trip.date)
    assert span is not None  # trips are made of events with a readable date
    return span[0], span[1], trip.event_ids[0]


def _days_in_office(tenure: Tenure, trip: Trip) -> int | None:
    """Days from taking office to the trip (a coarse date counts from its first day)."""
    if tenure.start is None:
        return None
    return max((_date_order(trip)[0] - tenure.start).days, 0)


def _first_trip(tenure: Tenure, trips: list[Trip]) -> Trip:
    mark: FirstMark = "in_store" if tenure.start is None else "after_taking_office"
    return replace(trips[0], first=mark, days_in_office=_days_in_office(tenure, trips[0]))


def _first_destination(tenure: Tenure, trips: list[Trip]) -> FirstDestination:
    holder = FirstDestination(tenure.name, tenure.identifier_id, _iso(tenure.start),
                              _iso(tenure.end))
    if not trips:
        return holder
    first = trips[0]
    return replace(holder, destination=first.destination, date=first.date,
                   event_id=first.event_ids[0], days_in_office=_days_in_office(tenure, first))


def _firsts_of_office(offices: _Offices, trips: dict[Tenure, list[Trip]], code: str,
                      office: str) -> list[FirstDestination]:
    return [_first_destination(t, trips.get(t, [])) for t in offices.tenures(code, office)]


def _predecessors(tenure: Tenure, offices: _Offices, trips: dict[Tenure, list[Trip]]
                  ) -> tuple[FirstDestination, ...]:
    """The earlier holders of the tenure's office whose first trip the store holds."""
    if tenure.start is None:
        return ()
    earlier = [t for t in offices.tenures(tenure.country, tenure.office)
               if t.start is not None and t.start < tenure.start]
    firsts = (_first_destination(t, trips.get(t, [])) for t in earlier)
    return tuple(f for f in firsts if f.destination is not None)


@dataclass(frozen=True)
class VisitFilter:
    """Which trips to list; the first-trip marks are decided over the whole store."""

    leader: str | None = None  # a name or alias the KB knows, part of a name, or a QID
    country: str | None = None  # the leader's state
    destination: str | None = None
    since: str | None = None
    until: str | None = None
    names: frozenset[str] = field(default_factory=frozenset)  # KB names ``leader`` is

    @classmethod
    def create(cls, kb: KnowledgeBase | None = None, *, leader: str | None = None,
               country: str | None = None, destination: str | None = None,
               since: str | date | None = None, until: str | date | None = None
               ) -> VisitFilter:
        """Checked filters (a bad value raises FilterError, naming the parameter)."""
        checked = EventQuery.create(since=since, until=until, country=country,
                                    recipient=destination)
        wanted = leader.strip() if leader and leader.strip() else None
        names = frozenset(
            e.identifier_text for e in (kb or default_kb()).lookup(wanted)
            if e.kind == "person" and e.identifier_text
        ) if wanted else frozenset()
        return cls(wanted, checked.country, checked.recipient, checked.since, checked.until,
                   names)

    def keeps(self, trip: Trip) -> bool:
        return (self._leader_matches(trip)
                and self.country in (None, trip.country)
                and self.destination in (None, trip.destination)
                and _within(trip.date, self.since, self.until))

    def _leader_matches(self, trip: Trip) -> bool:
        if self.leader is None:
            return True
        return (trip.leader in self.names
                or (trip.leader_id or "").upper() == self.leader.upper()
                or normalize(self.leader) in normalize(trip.leader))


def visits(conn: duckdb.DuckDBPyConnection, kb: KnowledgeBase | None = None,
           where: VisitFilter | None = None, window_days: int = DEFAULT_WINDOW_DAYS
           ) -> list[Trip]:
    """The leaders' trips abroad, each leader's in date order (leaders by state, office
    and start of term); each tenure's first trip marked and given the first destinations
    of the office's earlier holders that the store holds."""
    offices = _Offices(kb or default_kb())
    trips = _trips_by_tenure(conn, offices, window_days)
    listed: list[Trip] = []
    for tenure in sorted(trips, key=lambda t: _tenure_order(t, trips[t])):
        tenure_trips = trips[tenure]
        first = replace(_first_trip(tenure, tenure_trips),
                        predecessors=_predecessors(tenure, offices, trips))
        listed += [first, *tenure_trips[1:]]
    where = where or VisitFilter()
    return [trip for trip in listed if where.keeps(trip)]


def _tenure_order(tenure: Tenure, trips: list[Trip]) -> tuple[Any, ...]:
    return (tenure.country, tenure.office, tenure.start or _date_order(trips[0])[0],
            tenure.name)


def first_destinations(conn: duckdb.DuckDBPyConnection, state_code: str, office: str,
                       kb: KnowledgeBase | None = None,
                       window_days: int = DEFAULT_WINDOW_DAYS) -> list[FirstDestination]:
    """Every holder of ``office`` of the state in the KB, in order of taking office, with
    the destination of his or her first trip after taking office (None when the store
    holds no trip of that tenure)."""
    offices = _Offices(kb or default_kb())
    trips = _trips_by_tenure(conn, offices, window_days)
    return _firsts_of_office(offices, trips, state_code.strip().upper(), office.strip())
