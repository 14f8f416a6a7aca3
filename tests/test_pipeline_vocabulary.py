"""A long run's spaCy string store stays bounded: past the bound the model is reloaded."""

from datetime import date

from polex.config import Settings
from polex.pipeline import Pipeline
from polex.schema import Article

TEXTS = [
    "Zorvanian President Kelto Marrowind met Ugandan President Yoweri Museveni in Kampala "
    "on Monday.",
    "Police in Nairobi arrested 14 protesters from the Quentaro movement on Tuesday.",
    "The European Union imposed new sanctions on Iran on Monday.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, published=date(2024, 6, 7)) for i, t in enumerate(TEXTS)]


def test_pipeline_vocabulary_reloads_the_model_past_the_bound():
    pipeline = Pipeline(Settings(batch_size=2))
    pipeline.max_vocab_strings = len(pipeline.nlp.vocab.strings)  # any new word crosses it
    first = pipeline.nlp
    results = list(pipeline.process(_articles()))
    assert pipeline.nlp is not first
    assert [r.error for r in results] == [None, None, None]
    assert all(r.events for r in results)


def test_pipeline_vocabulary_keeps_the_model_under_the_bound():
    pipeline = Pipeline(Settings(batch_size=2))
    first = pipeline.nlp
    list(pipeline.process(_articles()))
    assert pipeline.nlp is first
