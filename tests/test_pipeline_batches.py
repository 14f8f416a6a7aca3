"""Articles are parsed a batch at a time; the events are those of one-by-one coding."""

from datetime import date

import pytest

import polex.pipeline
from polex.config import Settings
from polex.pipeline import Pipeline
from polex.schema import Article

TEXTS = [
    "Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires "
    "on Monday.\n\nThe two leaders signed an agreement on lithium mining.",
    "The European Union imposed new sanctions on Iran on Monday.",
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
    "Germany expelled two Russian diplomats on Wednesday, the foreign ministry said.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, published=date(2024, 6, 7)) for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(batch_size=3))


def test_pipeline_batches_give_the_events_of_one_by_one_coding(pipeline: Pipeline):
    batched = [r.events for r in pipeline.process(_articles())]
    alone = [pipeline.code(article, date.today().isoformat()).events for article in _articles()]
    assert [len(e) for e in batched] == [len(e) for e in alone]
    assert [[e.to_plover() for e in events] for events in batched] == \
        [[e.to_plover() for e in events] for events in alone]


def test_pipeline_batches_report_only_the_article_that_fails(pipeline: Pipeline, monkeypatch):
    real = polex.pipeline.parse_article

    def parse(nlp, text, *args, **kwargs):
        if text == TEXTS[1]:
            raise ValueError("a broken parse")
        return real(nlp, text, *args, **kwargs)

    def parse_batch(nlp, texts, *args, **kwargs):
        raise ValueError("a broken parse")

    monkeypatch.setattr(polex.pipeline, "parse_article", parse)
    monkeypatch.setattr(polex.pipeline, "parse_texts", parse_batch)
    results = list(pipeline.process(_articles()))
    assert [r.article.id for r in results] == ["a0", "a1", "a2", "a3"]
    assert [r.error is None for r in results] == [True, False, True, True]
    assert "parsing failed: ValueError: a broken parse" in (results[1].error or "")
