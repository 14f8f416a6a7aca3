"""Hand-built articles and events for the store tests (no language model needed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from polex.schema import (
    Amount,
    Article,
    DatePrecision,
    Entity,
    Event,
    Location,
    Status,
    TextInfo,
)
from polex.store import EventStore

KENYA_TEXT = (
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday as demonstrations "
    "against the finance bill spread. Officers fired tear gas at crowds gathered near "
    "Parliament. Opposition leader Raila Odinga condemned the arrests."
)
CHILE_TEXT = (
    "Chilean President Gabriel Boric met Argentine President Alberto Fernández in Santiago "
    "on Monday to discuss border trade. The two leaders agreed to meet again in Buenos Aires "
    "in March. Boric had visited Argentina in 2022, months after taking office."
)
LOAN_TEXT = (
    "The World Bank approved a $750 million loan to Kenya to support its budget. "
    "Officials in Nairobi said the money could help pay teachers."
)

KENYAN_POLICE = Entity("KEN", "COP", "Kenyan police")
PROTESTERS = Entity("KEN", "CVL", "protesters")
CROWDS = Entity("KEN", "CVL", "crowds")
ODINGA = Entity("KEN", "OPP", "Raila Odinga", "Q313007", "Raila Odinga")
BORIC = Entity("CHL", "GOV", "Chilean President Gabriel Boric", "Q5494016", "Gabriel Boric",
               "President of Chile")
FERNANDEZ = Entity("ARG", "GOV", "Argentine President Alberto Fernández", "Q4319211",
                   "Alberto Fernández", "President of Argentina")
ARGENTINA = Entity("ARG", None, "Argentina")
WORLD_BANK = Entity("IGO", None, "The World Bank")
KENYA = Entity("KEN", "GOV", "Kenya")


def kenya_article() -> Article:
    return Article(
        id="nation-2024-06-25-protests",
        text=KENYA_TEXT,
        published=date(2024, 6, 25),
        title="Police arrest protesters as finance bill demonstrations spread",
        url="https://news.example.org/kenya/finance-bill-protests",
        source="Example Nation",
        origin="articles/kenya.html",
    )


def chile_article() -> Article:
    return Article(
        id="diario-2023-01-10-boric-fernandez",
        text=CHILE_TEXT,
        published=date(2023, 1, 10),
        title="Boric and Fernández discuss border trade in Santiago",
        source="Example Diario",
        origin="articles/chile.jsonl:3",
    )


def loan_article() -> Article:
    return Article(id="wire-loan-kenya", text=LOAN_TEXT, origin="articles/loan.txt")


def make_event(
    article: Article,
    sequence: int,
    sentence_start: str,
    trigger: str,
    event: str,
    actor: list[Entity],
    recipient: list[Entity],
    date_value: str | None,
    precision: DatePrecision | None,
    status: Status = "occurred",
    confidence: float = 0.85,
    **fields: Any,
) -> Event:
    """An event whose offsets are found in the article text, as the extractor gives them."""
    start = article.text.index(sentence_start)
    end = article.text.find(". ", start)
    end = len(article.text) if end == -1 else end + 1
    trigger_start = article.text.index(trigger, start)
    return Event(
        article_id=article.id,
        event=event,
        actor=actor,
        recipient=recipient,
        date=date_value,
        date_precision=precision,
        date_source="text" if date_value else "publication_fallback",
        status=status,
        confidence=confidence,
        text=article.text[start:end],
        text_info=TextInfo(sequence, start, end),
        event_text=trigger,
        trigger_start=trigger_start,
        trigger_end=trigger_start + len(trigger),
        coded_date="2024-07-01",
        **fields,
    )


def kenya_events(article: Article) -> list[Event]:
    return [
        make_event(article, 0, "Kenyan police", "arrested", "COERCE", [KENYAN_POLICE],
                   [PROTESTERS], "2024-06-25", "day", mode=["arrest"], quad_code=4,
                   event_scale=-7.0, context=["repression"],
                   event_loc=Location("Nairobi", "Nairobi", "KEN", -1.2864, 36.8172, 184745)),
        make_event(article, 1, "Officers fired", "fired tear gas", "ASSAULT", [KENYAN_POLICE],
                   [CROWDS], "2024-06-25", "day", mode=["crowd-control"], quad_code=4,
                   event_scale=-7.5, confidence=0.7),
        make_event(article, 2, "Opposition leader", "condemned", "ACCUSE", [ODINGA],
                   [KENYAN_POLICE], "2024-06-25", "day", mode=["disapprove"], quad_code=3,
                   event_scale=-2.0),
    ]


def chile_events(article: Article) -> list[Event]:
    return [
        make_event(article, 0, "Chilean President", "met", "CONSULT", [BORIC], [FERNANDEZ],
                   "2023-01-09", "day", quad_code=1, event_scale=2.5, context=["diplomatic"],
                   event_loc=Location("Santiago", "Santiago", "CHL", -33.4569, -70.6483)),
        make_event(article, 1, "The two leaders", "agreed to meet", "AGREE",
                   [BORIC, FERNANDEZ], [], "2023-03", "month", status="planned", quad_code=1,
                   event_scale=2.5, confidence=0.6),
        make_event(article, 2, "Boric had visited", "visited", "CONSULT", [BORIC], [ARGENTINA],
                   "2022", "year", mode=["visit"], quad_code=1, event_scale=4.0),
    ]


def loan_events(article: Article) -> list[Event]:
    return [
        make_event(article, 0, "The World Bank", "approved", "AID", [WORLD_BANK], [KENYA],
                   None, None, quad_code=2, event_scale=10.0, context=["economic"],
                   amount=Amount(750_000_000.0, "USD", "$750 million")),
    ]


def all_samples() -> list[tuple[Article, list[Event]]]:
    kenya, chile, loan = kenya_article(), chile_article(), loan_article()
    return [(kenya, kenya_events(kenya)), (chile, chile_events(chile)), (loan, loan_events(loan))]


def fill(store: EventStore) -> list[dict[str, Any]]:
    """Add every sample article; returns their PLOVER records in insertion order."""
    records: list[dict[str, Any]] = []
    for article, events in all_samples():
        store.add_article(article, events)
        records += [event.to_plover() for event in events]
    return records


def record_by_event(records: list[dict[str, Any]], event_text: str) -> dict[str, Any]:
    return next(record for record in records if record["event_text"] == event_text)
