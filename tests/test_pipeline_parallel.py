"""Coding in several processes gives the same events as coding in one."""

from datetime import date

from polex.config import Settings
from polex.pipeline import Pipeline, process_in_parallel
from polex.schema import Article

TEXTS = [
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
    "Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires "
    "on Monday.",
    "The European Union imposed new sanctions on Iran on Monday.",
    "Russia launched missiles at Kyiv overnight, Ukrainian officials said.",
    "Lithium prices have fallen by a third since January.",
]


def _articles():
    return [Article(id=f"a{i}", text=t, published=date(2024, 6, 7)) for i, t in enumerate(TEXTS)]


def test_pipeline_parallel_matches_one_process_in_order():
    serial = list(Pipeline().process(_articles()))
    parallel = list(process_in_parallel(_articles(), Settings.resolve(), workers=2, chunk_size=2))
    assert [r.article.id for r in parallel] == [r.article.id for r in serial]
    event_ids = [[e.id for e in r.events] for r in serial]
    assert [[e.id for e in r.events] for r in parallel] == event_ids
    assert all(r.error is None for r in parallel)
