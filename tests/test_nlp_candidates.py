"""Only the sentences that may hold an event are parsed; the article's Doc stays whole."""

import json
from dataclasses import replace
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc
from typer.testing import CliRunner

from polex.cli import app
from polex.config import Settings
from polex.nlp import parse_article
from polex.nlp.candidates import CUT_ATTRS, CandidateFilter, Layout, _sub_doc
from polex.nlp.cues import CueWords, LemmaTables
from polex.nlp.sentences import sentence_starts
from polex.pipeline import Pipeline
from polex.schema import Article

ARTICLE = (
    "Polish minister accuses Russia over border incidents\n\n"
    "WARSAW, June 5 (Meridian Wire) - The statement was read out by Polish Foreign "
    "Minister Adam Kowalski. Heavy rain is forecast for the weekend in the capital.\n\n"
    "Inflation rose to 4.1 percent in May, the statistics office said. Economists expect "
    "prices to ease later in the year.\n\n"
    "Kowalski accused Russia of violating Polish airspace on Tuesday. Kenyan police "
    "arrested dozens of protesters in Nairobi on Wednesday.\n\n"
    '"We will not be intimidated," a government spokesperson told reporters.\n'
)
NO_CUE = "Heavy rain is forecast for the weekend in the capital."
TRIGGER = "Kowalski accused Russia of violating Polish airspace on Tuesday."
INTRODUCTION = "The statement was read out by Polish Foreign Minister Adam Kowalski."
BACKGROUND = "Inflation rose to 4.1 percent in May, the statistics office said."


@pytest.fixture(scope="module")
def filtered() -> Pipeline:
    # the project's own lexicon as the cue source: these tests are about the filter, and
    # PETRARCH's table makes cues of far more verbs ("forecast" among them)
    return Pipeline(Settings(candidate_filter=True, rule_sources=("builtin",)))


@pytest.fixture(scope="module")
def full() -> Pipeline:
    return Pipeline(Settings(candidate_filter=False, rule_sources=("builtin",)))


def _article(text: str = ARTICLE) -> Article:
    return Article(id="warsaw-1", text=text, published=date(2024, 6, 5))


def _sentence(doc, text):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


def _words(sentence: str) -> list[str]:
    return sentence.split()


def _is_parsed(span) -> bool:
    return all(t.pos_ and t.dep_ for t in span if not t.is_space)


def test_nlp_candidates_doc_has_the_article_text_and_offsets(filtered):
    doc = parse_article(filtered.nlp, ARTICLE, filtered.candidates)
    tokens = filtered.nlp.make_doc(ARTICLE)
    assert doc.text == ARTICLE
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in tokens]


def test_nlp_candidates_sentence_without_cue_is_not_parsed(filtered):
    doc = parse_article(filtered.nlp, ARTICLE, filtered.candidates)
    sentence = _sentence(doc, NO_CUE)
    assert not any(t.pos_ or t.dep_ or t.lemma_ or t.ent_type_ for t in sentence)
    assert not _is_parsed(_sentence(doc, BACKGROUND))


def test_nlp_candidates_sentence_with_trigger_is_parsed(filtered):
    doc = parse_article(filtered.nlp, ARTICLE, filtered.candidates)
    sentence = _sentence(doc, TRIGGER)
    assert _is_parsed(sentence)
    assert {t.lemma_ for t in sentence} >= {"accuse"}
    assert "GPE" in {e.label_ for e in sentence.ents}


def test_nlp_candidates_inflected_form_of_a_trigger_lemma_is_a_cue(filtered):
    cues = filtered.candidates.cues
    assert cues.triggers(_words("Biden met Xi in Woodside .")) == ["met"]
    assert cues.triggers(_words("Troops were deployed along the frontier .")) == ["deployed"]


def test_nlp_candidates_rule_keyed_on_an_object_needs_that_word(filtered):
    cues = filtered.candidates.cues
    assert not cues.may_hold_event(_words("Stocks closed higher in Frankfurt on Friday ."))
    assert cues.may_hold_event(_words("Turkey closed its border with Syria on Friday ."))


def test_nlp_candidates_sentence_introducing_a_named_person_is_parsed(filtered):
    doc = parse_article(filtered.nlp, ARTICLE, filtered.candidates)
    assert _is_parsed(_sentence(doc, INTRODUCTION))


def test_nlp_candidates_sentence_before_a_he_names_the_person_and_is_parsed(filtered):
    text = ("Abiy Ahmed became prime minister in April 2018. Six days later he flew to "
            "Mogadishu, where President Farmaajo received him for talks.")
    doc = parse_article(filtered.nlp, text, filtered.candidates)
    introduction = _sentence(doc, "Abiy Ahmed became prime minister in April 2018.")
    assert _is_parsed(introduction)
    assert ("Abiy Ahmed", "PERSON") in [(e.text, e.label_) for e in introduction.ents]


def test_nlp_candidates_states_in_unparsed_sentences_are_still_labelled(filtered):
    text = "Brazil exports coffee and soy. Nigerian officials arrested a journalist in Lagos."
    doc = parse_article(filtered.nlp, text, filtered.candidates)
    assert [(e.text, e.label_) for e in _sentence(doc, "Brazil exports coffee and soy.").ents] \
        == [("Brazil", "GPE")]


def test_nlp_candidates_sentences_are_those_of_a_full_parse(filtered, full):
    doc = parse_article(filtered.nlp, ARTICLE, filtered.candidates)
    reference = parse_article(full.nlp, ARTICLE)
    assert [s.start for s in doc.sents] == [s.start for s in reference.sents]
    assert [s.start for s in doc.sents] == sentence_starts(doc)


def test_nlp_candidates_events_are_those_of_a_full_parse(filtered, full):
    kept = filtered.code(_article())
    reference = full.code(_article())
    assert kept.error is None and reference.error is None
    assert [e.id for e in kept.events] == [e.id for e in reference.events]
    assert {e.event for e in kept.events} >= {"ACCUSE", "COERCE"}


def test_nlp_candidates_filter_off_parses_every_sentence(full):
    doc = parse_article(full.nlp, ARTICLE, full.candidates)
    assert full.candidates is None
    assert _is_parsed(_sentence(doc, NO_CUE))


def test_nlp_candidates_environment_turns_the_filter_off(monkeypatch):
    monkeypatch.setenv("POLEX_CANDIDATE_FILTER", "0")
    assert Settings.resolve().candidate_filter is False
    monkeypatch.setenv("POLEX_CANDIDATE_FILTER", "1")
    assert Settings.resolve().candidate_filter is True
    assert Settings.resolve(full_parse=True).candidate_filter is False


def test_nlp_candidates_cli_full_parse_codes_the_same_events(tmp_path):
    article = tmp_path / "warsaw.txt"
    article.write_text(f"Published: 2024-06-05\n\n{ARTICLE}", encoding="utf-8")
    runner = CliRunner()
    filtered = runner.invoke(app, ["extract", str(article)])
    full = runner.invoke(app, ["extract", str(article), "--full-parse"])
    assert filtered.exit_code == 0 and full.exit_code == 0, full.output
    ids = [json.loads(line)["id"] for line in filtered.stdout.splitlines()]
    assert len(ids) >= 2
    assert ids == [json.loads(line)["id"] for line in full.stdout.splitlines()]


def test_nlp_candidates_empty_article_gives_an_empty_doc(filtered):
    assert filtered.code(_article("")).events == []
    assert parse_article(filtered.nlp, "", filtered.candidates).text == ""


def test_nlp_candidates_cue_the_parse_rules_out_gets_no_entity_recognizer(filtered):
    text = "Kowalski will hold a briefing with reporters after the exercise."
    words = [t.text for t in filtered.nlp.make_doc(text)]
    assert filtered.candidates.cues.may_hold_event(words)  # "hold ... exercise ... with"
    unscreened = replace(filtered.candidates, screen=None)
    assert _is_parsed(parse_article(filtered.nlp, text, unscreened)[:])
    # parsed, "exercise" is not what is held: no rule can match, so the sentence is dropped
    doc = parse_article(filtered.nlp, text, filtered.candidates)
    assert not any(t.pos_ or t.dep_ or t.ent_type_ for t in doc)


def test_nlp_candidates_screen_keeps_first_use_and_full_name_of_a_kept_sentences_names():
    nlp = spacy.blank("en")
    doc = nlp.make_doc(
        "Karimov's rule ended in 2016. Heavy rain fell on Tashkent. "
        "President Islam Karimov kept the economy closed. Karimov warned Tajikistan in 2012."
    )
    candidates = CandidateFilter(CueWords(LemmaTables({}, {}), []))
    layout = Layout.of(doc)
    kept = [False, False, False, True]
    assert candidates._with_names(layout, list(kept)) == [True, False, False, True]
    assert candidates._with_names(layout, list(kept), known_names=True) \
        == [True, False, True, True]


def test_nlp_candidates_cut_sentences_are_as_docs_of_the_parsed_region(filtered):
    nlp = filtered.nlp
    region = nlp("Kowalski accused Russia of violating Polish airspace on Tuesday. Kenyan "
                 "police arrested dozens of protesters in Nairobi. Talks were held.",
                 disable=["ner"])
    second = list(region.sents)[1]
    got = _sub_doc(region, second.start, second.end, region.to_array(CUT_ATTRS))
    expected = second.as_doc()
    everything = list(Doc._get_array_attrs())
    assert got.text == expected.text
    assert (got.to_array(everything) == expected.to_array(everything)).all()
    assert (got.tensor == expected.tensor).all()
