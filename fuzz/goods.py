"""Short, realistic and unique news articles: the good items mixed into every batch.

Each text stays under 50 words, so the store only ever matches it exactly (near-duplicate
detection needs longer texts) and coding it takes a fraction of a second.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

COUNTRIES = (
    "Chile", "Argentina", "Brazil", "Peru", "Colombia", "Mexico", "Canada", "France",
    "Germany", "Poland", "Spain", "Italy", "Kenya", "Nigeria", "Ghana", "Egypt", "Turkey",
    "India", "Japan", "Indonesia", "Vietnam", "Australia", "Norway", "Sweden", "Morocco",
    "Senegal", "Ethiopia", "Thailand", "Malaysia", "Portugal",
)
CITIES = (
    "Geneva", "Vienna", "Nairobi", "Lima", "Madrid", "Oslo", "Jakarta", "Rabat", "Accra",
    "Hanoi", "Lisbon", "Bogota", "Warsaw", "Cairo", "Ankara", "Canberra", "Dakar", "Bangkok",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOPICS = (
    "lithium", "fisheries", "border security", "rail", "wheat exports", "vaccine supply",
    "water sharing", "port access", "power lines", "customs", "migration", "satellite data",
)
TEMPLATES = (
    "{a} and {b} signed a {topic} agreement in {city} on {day}, officials said. "
    "The deal covers {n} projects worth {m} million dollars.",
    "The foreign minister of {a} met her counterpart from {b} in {city} on {day} to discuss "
    "{topic}. Both sides promised a joint statement within {n} days.",
    "{a} accused {b} on {day} of breaking a {topic} accord reached in {city}. "
    "A spokesman said {n} complaints had been filed.",
    "Police in {city} arrested {n} protesters on {day} outside the embassy of {a}, "
    "who denounced the {topic} policy of {b}.",
    "{a} recalled its ambassador from {b} on {day} after talks on {topic} collapsed in {city}, "
    "the ministry said in a statement.",
    "{a} pledged {m} million dollars in aid to {b} on {day} for {topic}, "
    "the president announced during a visit to {city}.",
    "The government of {a} imposed sanctions on {n} officials from {b} on {day} over "
    "{topic}, a decision announced in {city}.",
    "Negotiators from {a} and {b} resumed talks on {topic} in {city} on {day}, "
    "the first round in {n} months.",
)


@dataclass(frozen=True)
class GoodArticle:
    """One article that every run must read and store."""

    id: str
    title: str
    text: str
    published: str  # YYYY-MM-DD


class GoodArticles:
    """Yields distinct articles; the same seed gives the same sequence."""

    def __init__(self, rng: random.Random, prefix: str = "good") -> None:
        self._rng = rng
        self._prefix = prefix
        self._seen: set[str] = set()
        self._count = 0

    def __iter__(self) -> Iterator[GoodArticle]:
        return self

    def __next__(self) -> GoodArticle:
        while True:
            text = self._compose()
            if text not in self._seen:
                self._seen.add(text)
                self._count += 1
                return self._article(text)

    def _compose(self) -> str:
        rng = self._rng
        first, second = rng.sample(COUNTRIES, 2)
        return rng.choice(TEMPLATES).format(
            a=first, b=second, city=rng.choice(CITIES), day=rng.choice(WEEKDAYS),
            topic=rng.choice(TOPICS), n=rng.randint(2, 900), m=rng.randint(2, 950),
        )

    def _article(self, text: str) -> GoodArticle:
        rng = self._rng
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = text.split(",")[0][:80]
        return GoodArticle(f"{self._prefix}-{self._count:06d}", title, text, published)


def first_sentence(article: GoodArticle) -> str:
    """A sentence of the article that any reader of its format keeps verbatim."""
    return article.text.split(". ")[0]
