"""A hand-made store of leaders' trips for the visits tests (no model): South Korea's
presidents from Lee Myung-bak to Yoon Suk Yeol, whose first trips abroad went to the
United States, the United States, the United States and Spain (the NATO summit in
Madrid), with the entities as the knowledge base resolves them.

Events by label (date; actor -> recipient; mode; location):

    lee_washington     2008-04-15  Lee -> United States       visit  Washington
    park_new_york      2013-05-05  Park -> United States      visit  (none)
    moon_washington    2017-06-28  Moon -> United States      visit  Washington
    moon_hosts_abe     2018-02-09  Abe -> Moon ("hosted")     visit  Pyeongchang (KOR)
    park_jin_madrid    2022-06-27  Foreign Minister -> Spain  visit  Madrid
    yoon_madrid        2022-06-28  Yoon -> Spain              visit  Madrid
    yoon_sanchez       2022-06-29  Yoon -> Sánchez            visit  Madrid
    yoon_june          2022-06     Yoon -> Spain              visit  (none)
    scholz_kyiv        2022-06-16  Scholz -> Kyiv, Macron, Draghi  visit  (none)
    yoon_call          2022-10-06  Yoon -> Kishida            phone  Hokkaido (the subject)
    kishida_hosts_yoon 2023-03-16  Yoon -> Kishida ("hosted") visit  (none)
    yoon_hiroshima     2023-05-19  Yoon -> Japan              visit  Hiroshima
    yoon_washington    2023-04     Yoon -> United States      visit  (planned)
    lee_tokyo_2014     2014-10     Lee (stored as President, out of office) -> Japan
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from polex.schema import Article, Entity, Event, Location
from polex.store import EventStore
from tests.store_samples import make_event

LEE = Entity("KOR", "GOV", "South Korean President Lee Myung-bak", None, "Lee Myung-bak",
             "President")
PARK = Entity("KOR", "GOV", "President Park Geun-hye", None, "Park Geun-hye", "President")
MOON = Entity("KOR", "GOV", "President Moon Jae-in", None, "Moon Jae-in", "President")
YOON = Entity("KOR", "GOV", "President Yoon Suk Yeol", None, "Yoon Suk Yeol", "President")
PARK_JIN = Entity("KOR", "GOV", "Foreign Minister Park Jin", None, "Park Jin",
                  "Foreign Minister")
ABE = Entity("JPN", "GOV", "Japanese Prime Minister Shinzo Abe", "Q132345", "Shinzo Abe",
             "Prime Minister")
KISHIDA = Entity("JPN", "GOV", "Japanese Prime Minister Fumio Kishida", None, "Fumio Kishida",
                 "Prime Minister")
SANCHEZ = Entity("ESP", "GOV", "Spanish Prime Minister Pedro Sánchez", None, "Pedro Sánchez",
                 "Prime Minister")
SCHOLZ = Entity("DEU", "GOV", "German Chancellor Olaf Scholz", "Q61053", "Olaf Scholz",
                "Chancellor")
MACRON = Entity("FRA", "GOV", "French President Emmanuel Macron", "Q3052772",
                "Emmanuel Macron", "President")
DRAGHI = Entity("ITA", "GOV", "Italian Prime Minister Mario Draghi", None, "Mario Draghi",
                "Prime Minister")
WASHINGTON = Entity("USA", "GOV", "Washington", None, "United States")
NEW_YORK = Entity("USA", "GOV", "New York", None, "United States")
MADRID = Entity("ESP", "GOV", "Madrid", None, "Spain")
KYIV = Entity("UKR", "GOV", "Kyiv", "Q212", "Ukraine")
TOKYO = Entity("JPN", "GOV", "Tokyo", None, "Japan")
HIROSHIMA = Entity("JPN", None, "Hiroshima", None, "Japan")

IN_WASHINGTON = Location("Washington", "Washington", "USA", 38.89511, -77.03637, 4140963)
IN_MADRID = Location("Madrid", "Madrid", "ESP", 40.4165, -3.70256, 3117735)
IN_PYEONGCHANG = Location("Pyeongchang", "Pyeongchang", "KOR", 37.37, 128.39, 1838716)
IN_HOKKAIDO = Location("Hokkaido", "Hokkaido", "JPN", 43.5, 142.5, 2130037)
IN_HIROSHIMA = Location("Hiroshima", "Hiroshima", "JPN", 34.39627, 132.45937, 1862415)

VISIT: dict[str, Any] = {"mode": ["visit"], "quad_code": 1, "event_scale": 4.0}

Labeled = list[tuple[str, Event]]


def _article(article_id: str, published: date, text: str) -> Article:
    return Article(id=article_id, text=text, published=published, source="Example Wire",
                   origin=f"articles/{article_id}.txt")


def lee_and_park() -> tuple[list[Article], Labeled]:
    lee = _article(
        "wire-2008-04-16-lee-washington", date(2008, 4, 16),
        "South Korean President Lee Myung-bak arrived in Washington on Tuesday on his first "
        "trip abroad since taking office in February. He is due to meet President George W. "
        "Bush at Camp David.")
    park = _article(
        "wire-2013-05-06-park-new-york", date(2013, 5, 6),
        "President Park Geun-hye arrived in New York on Sunday on her first trip abroad since "
        "taking office, before talks with President Barack Obama in Washington on Tuesday.")
    lee_2014 = _article(
        "wire-2014-10-lee-tokyo", date(2014, 10, 20),
        "Lee Myung-bak visited Tokyo in October to give a lecture on Korea's economy.")
    return [lee, park, lee_2014], [
        ("lee_washington", make_event(lee, 0, "South Korean", "arrived", "CONSULT", [LEE],
                                      [WASHINGTON], "2008-04-15", "day", **VISIT,
                                      event_loc=IN_WASHINGTON)),
        ("park_new_york", make_event(park, 0, "President Park", "arrived", "CONSULT", [PARK],
                                     [NEW_YORK], "2013-05-05", "day", **VISIT)),
        ("lee_tokyo_2014", make_event(lee_2014, 0, "Lee Myung-bak", "visited", "CONSULT",
                                      [LEE], [TOKYO], "2014-10", "month", **VISIT)),
    ]


def moon() -> tuple[list[Article], Labeled]:
    washington = _article(
        "wire-2017-06-29-moon-washington", date(2017, 6, 29),
        "President Moon Jae-in arrived in Washington on Wednesday for his first summit with "
        "President Donald Trump.")
    olympics = _article(
        "wire-2018-02-09-moon-abe", date(2018, 2, 9),
        "President Moon Jae-in hosted Japanese Prime Minister Shinzo Abe in Pyeongchang on "
        "Friday, hours before the opening ceremony of the Winter Olympics.")
    return [washington, olympics], [
        ("moon_washington", make_event(washington, 0, "President Moon", "arrived", "CONSULT",
                                       [MOON], [WASHINGTON], "2017-06-28", "day", **VISIT,
                                       event_loc=IN_WASHINGTON)),
        ("moon_hosts_abe", make_event(olympics, 0, "President Moon", "hosted", "CONSULT",
                                      [ABE], [MOON], "2018-02-09", "day", **VISIT,
                                      event_loc=IN_PYEONGCHANG)),
    ]


def yoon_madrid() -> tuple[list[Article], Labeled]:
    madrid = _article(
        "wire-2022-06-28-yoon-madrid", date(2022, 6, 28),
        "President Yoon Suk Yeol arrived in Madrid on Tuesday to attend the NATO summit, his "
        "first trip abroad since taking office in May. Foreign Minister Park Jin arrived in "
        "Madrid on Monday to prepare the talks.")
    sanchez = _article(
        "daily-2022-06-30-yoon-sanchez", date(2022, 6, 30),
        "South Korean President Yoon Suk Yeol met Spanish Prime Minister Pedro Sánchez in "
        "Madrid on Wednesday.")
    review = _article(
        "daily-2022-07-25-yoon-review", date(2022, 7, 25),
        "Yoon's visit to Madrid in June was the first by a South Korean leader to a NATO "
        "summit.")
    call = _article(
        "wire-2022-10-07-yoon-kishida-call", date(2022, 10, 7),
        "President Yoon Suk Yeol spoke by phone with Japanese Prime Minister Fumio Kishida on "
        "Thursday about North Korea's missile launch over Hokkaido.")
    return [madrid, sanchez, review, call], [
        ("yoon_madrid", make_event(madrid, 0, "President Yoon", "arrived", "CONSULT", [YOON],
                                   [MADRID], "2022-06-28", "day", **VISIT,
                                   event_loc=IN_MADRID)),
        ("park_jin_madrid", make_event(madrid, 1, "Foreign Minister", "arrived", "CONSULT",
                                       [PARK_JIN], [MADRID], "2022-06-27", "day", **VISIT,
                                       event_loc=IN_MADRID)),
        ("yoon_sanchez", make_event(sanchez, 0, "South Korean", "met", "CONSULT", [YOON],
                                    [SANCHEZ], "2022-06-29", "day", **VISIT,
                                    event_loc=IN_MADRID)),
        ("yoon_june", make_event(review, 0, "Yoon's visit", "visit", "CONSULT", [YOON],
                                 [MADRID], "2022-06", "month", **VISIT)),
        ("yoon_call", make_event(call, 0, "President Yoon", "spoke", "CONSULT", [YOON],
                                 [KISHIDA], "2022-10-06", "day", mode=["phone"], quad_code=1,
                                 event_scale=1.5, event_loc=IN_HOKKAIDO)),
    ]


def scholz() -> tuple[list[Article], Labeled]:
    kyiv = _article(
        "wire-2022-06-16-scholz-kyiv", date(2022, 6, 16),
        "German Chancellor Olaf Scholz travelled to Kyiv on Thursday together with French "
        "President Emmanuel Macron and Italian Prime Minister Mario Draghi.")
    return [kyiv], [
        ("scholz_kyiv", make_event(kyiv, 0, "German Chancellor", "travelled", "CONSULT",
                                   [SCHOLZ], [KYIV, MACRON, DRAGHI], "2022-06-16", "day",
                                   **VISIT)),
    ]


def yoon_japan() -> tuple[list[Article], Labeled]:
    tokyo = _article(
        "wire-2023-03-17-kishida-yoon", date(2023, 3, 17),
        "Japanese Prime Minister Fumio Kishida hosted South Korean President Yoon Suk Yeol on "
        "Thursday, the first visit by a South Korean leader for a bilateral summit in 12 "
        "years. Yoon is expected to visit Washington in April.")
    hiroshima = _article(
        "wire-2023-05-20-yoon-hiroshima", date(2023, 5, 20),
        "President Yoon Suk Yeol arrived in Hiroshima on Friday to attend the Group of Seven "
        "summit as a guest.")
    return [tokyo, hiroshima], [
        ("kishida_hosts_yoon", make_event(tokyo, 0, "Japanese Prime", "hosted", "CONSULT",
                                          [YOON], [KISHIDA], "2023-03-16", "day", **VISIT)),
        ("yoon_washington", make_event(tokyo, 1, "Yoon is expected", "visit", "CONSULT",
                                       [YOON], [WASHINGTON], "2023-04", "month",
                                       status="planned", **VISIT)),
        ("yoon_hiroshima", make_event(hiroshima, 0, "President Yoon", "arrived", "CONSULT",
                                      [YOON], [HIROSHIMA], "2023-05-19", "day", **VISIT,
                                      event_loc=IN_HIROSHIMA)),
    ]


def build_visits_store(path: Path) -> dict[str, str]:
    """Write the sample articles into a new store at ``path`` (then closed); returns each
    event's id by its label."""
    ids: dict[str, str] = {}
    with EventStore(path) as store:
        for articles, labeled in (lee_and_park(), moon(), yoon_madrid(), scholz(),
                                  yoon_japan()):
            for article in articles:
                events = [event for _label, event in labeled if event.article_id == article.id]
                store.add_article(article, events)
            ids.update((label, event.id) for label, event in labeled)
    return ids
