"""Cue words: the possible lemmas of the words seen are kept within a bound."""

from polex.nlp import cues
from polex.nlp.cues import CueWords, LemmaTables

WORDS = ["protesters", "marched", "through", "Dhaka", "demanding", "elections", "troops"]


def test_nlp_cues_forms_of_words_stay_within_the_cache_bound(monkeypatch):
    monkeypatch.setattr(cues, "FORMS_CACHE", 3)
    words = CueWords(LemmaTables({"noun": [("s", "")]}, {"noun": {}}), [])
    for word in WORDS:
        assert word.lower() in words.forms(word)
    assert len(words._forms) <= 3
    assert "protester" in words.forms("protesters")
