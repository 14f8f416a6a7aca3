"""spaCy components polex adds to any English pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from polex.nlp.repairs import (
    fix_lemmas,
    repair_fronted_dates,
    repair_misread_participles,
    repair_name_subjects,
    repair_said_in_clauses,
    repair_second_subjects,
    repair_semicolon_clauses,
    repair_stranded_conjuncts,
    repair_unlabelled_conjuncts,
)
from polex.nlp.sentences import set_sentences

SENTENCES = "polex_sentences"
FRONTED_DATES = "polex_fronted_dates"
PARSE_REPAIRS = "polex_parse_repairs"
LEMMAS = "polex_lemmas"


@Language.component(SENTENCES)
def sentences(doc: Doc) -> Doc:
    """Fix every sentence boundary before the parser, which respects them: after each
    line break (cleaned articles keep headlines, bylines, datelines and paragraphs on
    lines of their own) and after final punctuation (see :mod:`polex.nlp.sentences`), so
    that they do not depend on the parse."""
    return set_sentences(doc)


@Language.component(FRONTED_DATES)
def fronted_dates(doc: Doc) -> Doc:
    """Give back their subject to verbs whose fronted date took it ("On 8 July Abiy
    flew to Asmara"; see :mod:`polex.nlp.repairs`)."""
    return repair_fronted_dates(doc)


@Language.component(PARSE_REPAIRS)
def parse_repairs(doc: Doc) -> Doc:
    """Repair what the small model misparses (see :mod:`polex.nlp.repairs`): label the
    unlabelled verb after "and" a conjunct; make a past verb with an object, read as a
    participle of the opening noun phrase, that phrase's verb; hang a name read as a
    second subject on the noun before it; coordinate a second verb with the verb whose
    subject it shares ("called on the OPCW to investigate and urged Russia to stop");
    give a subjectless verb the name the parser read as its adverb ("Nauru severed
    ties"); hang what was said "in a statement that ..." on the verb of saying; and free
    a clause before a semicolon from the verb after it."""
    repaired = repair_second_subjects(repair_misread_participles(repair_unlabelled_conjuncts(doc)))
    repaired = repair_name_subjects(repair_stranded_conjuncts(repaired))
    return repair_semicolon_clauses(repair_said_in_clauses(repaired))


@Language.component(LEMMAS)
def lemmas(doc: Doc) -> Doc:
    """Right the lemmas the rule lemmatizer gets wrong for event verbs ("staged" is not
    "stag"; ``data/lemma_exceptions.json``)."""
    return fix_lemmas(doc)
