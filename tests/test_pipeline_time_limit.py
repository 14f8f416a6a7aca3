"""An article whose coding outlasts the time limit is reported; the batch goes on."""

import signal
import threading
import time
from datetime import date

import pytest

import polex.pipeline
from polex.config import Settings
from polex.deadline import TimeLimitExceeded, time_limit
from polex.pipeline import ArticleResult, Pipeline, process_in_parallel
from polex.schema import Article

SLOW = "Kenyan police arrested dozens of protesters in Nairobi on Tuesday after a long standoff."
TEXTS = [
    "Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires "
    "on Monday.",
    SLOW,
    "The European Union imposed new sanctions on Iran on Monday.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, published=date(2024, 6, 7)) for i, t in enumerate(TEXTS)]


def _spin(seconds: float) -> None:
    """Busy Python work, as a pathological parse or extraction would be."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.fixture()
def slow_parse(monkeypatch):
    real, real_batch = polex.pipeline.parse_article, polex.pipeline.parse_texts

    def parse(nlp, text, *args, **kwargs):
        if text == SLOW:
            _spin(30)
        return real(nlp, text, *args, **kwargs)

    def parse_batch(nlp, texts, *args, **kwargs):
        if SLOW in texts:
            _spin(30)
        return real_batch(nlp, texts, *args, **kwargs)

    monkeypatch.setattr(polex.pipeline, "parse_article", parse)
    monkeypatch.setattr(polex.pipeline, "parse_texts", parse_batch)


def _check(results: list[ArticleResult]) -> None:
    assert [r.article.id for r in results] == ["a0", "a1", "a2"]
    assert results[1].error is not None
    assert "timed out" in results[1].error and "during parsing" in results[1].error
    assert results[0].error is None and results[0].events
    assert results[2].error is None and results[2].events


def test_pipeline_time_limit_reports_the_slow_article_and_goes_on(slow_parse):
    _check(list(Pipeline(Settings(time_limit=0.5)).process(_articles())))


def test_pipeline_time_limit_holds_outside_the_main_thread(slow_parse):
    results: list[ArticleResult] = []
    pipeline = Pipeline(Settings(time_limit=0.5))
    worker = threading.Thread(target=lambda: results.extend(pipeline.process(_articles())))
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    _check(results)


def test_pipeline_time_limit_holds_in_worker_processes(slow_parse):
    results = list(process_in_parallel(_articles(), Settings(time_limit=0.5), workers=2,
                                       chunk_size=1))
    _check(results)


def test_pipeline_time_limit_reports_slow_extraction(monkeypatch):
    pipeline = Pipeline(Settings(time_limit=0.5))
    real = pipeline.extractor.extract

    def extract(doc, article, coded_date=""):
        if article.text == SLOW:
            _spin(30)
        return real(doc, article, coded_date=coded_date)

    monkeypatch.setattr(pipeline.extractor, "extract", extract)
    result = pipeline.code(_articles()[1])
    assert result.error is not None and "during event extraction" in result.error


def test_pipeline_time_limit_gives_back_an_outer_timer():
    def outer(signum, frame):
        raise AssertionError("the outer timer fired")

    previous = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with pytest.raises(TimeLimitExceeded), time_limit(0.1):
            _spin(5)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < remaining <= 100
        assert signal.getsignal(signal.SIGALRM) is outer
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_pipeline_time_limit_zero_means_no_limit():
    with time_limit(0):
        _spin(0.05)
