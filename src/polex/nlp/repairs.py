"""Repairs of systematic errors of the small English model: lemmas, and one parse error.

The rule lemmatizer turns some verb forms into other words ("staged" -> "stag", "raped"
-> "rap", "fined" -> "fin"): ``fix_lemmas`` sets the right lemma from
``data/lemma_exceptions.json``. The tokenizer splits hyphenated words at the hyphen, so
that "a sit-in" or "gang-raped" could never match a trigger: ``keep_hyphenated_words``
keeps the event words of ``data/hyphenated_words.json`` whole.

News often fronts a date without a comma: "On 8 July Abiy flew to Asmara", "In March
2014 Riyadh, Abu Dhabi and Manama withdrew their ambassadors", "On Tuesday crowds of
protesters attacked...". The parser then reads the subject as part of the date phrase
(the object of "On"), the verb is left without a subject, and the event without an
actor; the entity recognizer often swallows the name into the DATE as well. The repair
hangs the words after the date on the verb as its subject, the date words back on the
preposition, and cuts the DATE entity at the end of the date.

A second verb that shares the subject of the first is often hung on the first verb's
infinitive or participle instead: "X called on the OPCW to investigate the incident and
urged Russia to stop", "shelled towns, killing civilians, and fired rockets". The verb
then seems said by the OPCW, or embedded in what X asked for. A finite verb cannot be
coordinated with an infinitive or a participle ("stood on an overpass, flanked by soldiers,
and called on the army"), nor share the modal of a reported clause ("said the law would
damage rights and criticised the speed"): ``repair_stranded_conjuncts`` hangs it on the
finite verb of the same tense that governs them. A rare name that opens the
sentence is sometimes read as an adverb of the verb ("Nauru severed diplomatic ties with
Taiwan"): ``repair_name_subjects`` makes a named entity there the verb's subject when the
verb has none. What a speaker said "in a statement that ..." is often read as a relative
clause of the statement, which cuts the act said off from the date of its saying:
``repair_said_in_clauses`` makes it the complement of the verb of saying. A clause before
a semicolon is often read as the complement of the verb after it ("X received a call from
Y; they discussed trade"), so that it seems a thing discussed: ``repair_semicolon_clauses``
makes it a clause beside that verb. A past verb with a direct object right after a
sentence's opening noun phrase is sometimes read as a participle of that phrase
("Aircraft of the coalition bombed hideouts, officials said"), which leaves the act with
no subject: ``repair_misread_participles`` makes it the phrase's verb. A name right
after the noun that introduces it ("a convoy of the charity World Central Kitchen was
struck") is sometimes read as a second subject of the verb: ``repair_second_subjects``
hangs it on that noun. A verb after "and" is sometimes left unlabelled ("blasted the
vessels and, a day later, rammed a boat"): ``repair_unlabelled_conjuncts`` makes it
the conjunct it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from polex.data import read_json
from polex.time.lexicon import time_words

FRONTING_PREPOSITIONS = frozenset({"on", "in", "by", "at", "since", "late", "early"})
CLAUSE_OPENERS = frozenset({":", ";", "—", "–", "-", '"', "\u201c"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# finite verb tags by tense; an infinitive ("to investigate") or a participle ("killing")
FINITE_TENSES = {"VBD": "past", "VBZ": "present", "VBP": "present"}
NON_FINITE_TAGS = frozenset({"VB", "VBG"})
OPEN_CLAUSE_DEPS = frozenset({"xcomp", "advcl"})
NAME_ENTITIES = frozenset({"GPE", "ORG", "PERSON", "NORP"})
# "said in a televised speech that his forces had withdrawn": what was said, not a
# relative clause of the speech
SAYING_VERBS = frozenset({"say", "announce", "claim", "insist", "warn", "declare", "write",
                          "tell", "state", "confirm", "deny", "add", "argue", "admit",
                          "acknowledge", "allege", "pledge", "promise", "vow"})
SAYING_NOUNS = frozenset({"statement", "speech", "address", "interview", "message", "post",
                          "letter", "broadcast", "briefing", "communique", "communiqué",
                          "conference", "video", "tweet", "remark", "remarks", "note"})
DATE_FILLERS = frozenset({
    "the", "of", "a", "last", "next", "this", "that", "early", "late", "mid", "middle",
    "beginning", "end", "hours", "day", "week", "month", "year", "spring", "summer",
    "autumn", "fall", "winter",
})
NUMBER = re.compile(r"(\d+(st|nd|rd|th)?|\d{4}s?|'\d\d)")


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    words = time_words()
    return frozenset({*words.months, *words.weekdays, *words.time_of_day, *DATE_FILLERS})


def is_date_word(token: Token) -> bool:
    word = token.text.lower().rstrip(".")
    return word in _date_words() or bool(NUMBER.fullmatch(word))


@lru_cache(maxsize=1)
def _lemma_exceptions() -> dict[str, dict[str, str]]:
    raw: dict[str, dict[str, str]] = read_json("lemma_exceptions.json")
    return {pos.upper(): forms for pos, forms in raw.items() if not pos.startswith("_")}


@lru_cache(maxsize=1)
def hyphenated_words() -> dict[str, str]:
    """Each hyphenated event word form kept whole, with its lemma."""
    raw: dict[str, dict[str, list[str]]] = read_json("hyphenated_words.json")
    return {form: lemma for lemma, forms in raw["words"].items() for form in forms}


def keep_hyphenated_words(nlp: Language) -> None:
    """Tokenize the hyphenated event words as one token each ("a sit-in", "gang-raped")."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    for form in hyphenated_words():
        for variant in {form, form.capitalize()}:
            tokenizer.add_special_case(variant, [{ORTH: variant}])


def fix_lemmas(doc: Doc) -> Doc:
    """The right lemma for the forms the lemmatizer turns into other words, and for the
    hyphenated words kept whole."""
    exceptions = _lemma_exceptions()
    hyphenated = hyphenated_words()
    for token in doc:
        lemma = hyphenated.get(token.text.lower()) if "-" in token.text else None
        forms = exceptions.get(token.pos_)
        if lemma is None and forms is not None:
            lemma = forms.get(token.text.lower())
        if lemma is not None:
            token.lemma_ = lemma
    return doc


def repair_fronted_dates(doc: Doc) -> Doc:
    """Give back their subject to verbs whose fronted date phrase took it, and end
    DATE entities where the date ends."""
    if doc.has_annotation("ENT_IOB"):
        trim_date_entities(doc)
    if not doc.has_annotation("DEP"):
        return doc
    for sentence in doc.sents:
        for first in sentence:
            if _opens_clause(first, sentence.start):
                split = _fronted_date_split(first, sentence.end)
                if split is not None:
                    _reattach(first, *split)
    return doc


def repair_stranded_conjuncts(doc: Doc) -> Doc:
    """Coordinate a finite verb the parser hung on an infinitive or a participle with
    the finite verb that governs them."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
        return doc
    for verb in doc:
        governor = _stranded_from(verb)
        if governor is not None:
            coordinator = next((c for c in verb.head.children
                                if c.dep_ == "cc" and verb.head.i < c.i < verb.i), None)
            verb.head = governor
            if coordinator is not None:
                coordinator.head = governor
    return doc


def repair_name_subjects(doc: Doc) -> Doc:
    """Make a name the parser read as an adverb before a subjectless finite verb its
    subject."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("ENT_IOB"):
        return doc
    for token in doc:
        verb = token.head
        if (token.dep_ in {"advmod", "npadvmod"} and token.pos_ == "PROPN"
                and token.ent_type_ in NAME_ENTITIES and token.i < verb.i
                and verb.tag_ in FINITE_TENSES
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
            token.dep_ = "nsubj"
    return doc


def repair_said_in_clauses(doc: Doc) -> Doc:
    """Hang what was said "in a statement that ..." on the verb of saying as its
    complement, where the parser read it as a relative clause of the statement."""
    if not doc.has_annotation("DEP"):
        return doc
    for clause in doc:
        opener = _content_opener(clause)
        if opener is not None:
            clause.head = clause.head.head.head  # statement -> in -> said
            clause.dep_ = "ccomp"
            opener.dep_ = "mark"
    return doc


def repair_semicolon_clauses(doc: Doc) -> Doc:
    """Make a clause that ends at a semicolon a clause of its own beside the one after
    it, where the parser made it the later verb's complement ("Modi received a call from
    Trump on Monday; they discussed trade": what they discussed is not the call)."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
        return doc
    if doc.vocab.strings.add(";") not in doc.to_array(ORTH):
        return doc  # most documents have no semicolon: no token need be looked at
    for verb in doc:
        if _before_a_semicolon(verb):
            verb.dep_ = "parataxis"
    return doc


def repair_misread_participles(doc: Doc) -> Doc:
    """Make a past verb with a direct object that the parser hung on the sentence's
    opening noun phrase as a participle the verb of that phrase: a participle of the
    passive takes no direct object, so "Aircraft of the coalition bombed hideouts,
    officials said" tells what the aircraft did."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
        return doc
    for verb in doc:
        subject = _misread_subject(verb)
        if subject is None:
            continue
        if subject.dep_ == "ROOT":
            verb.head, verb.dep_ = verb, "ROOT"
        else:  # the phrase hung on the verb of saying after it
            verb.head, verb.dep_ = subject.head, "ccomp"
        subject.head, subject.dep_ = verb, "nsubj"
        verb.tag_ = "VBD"
    return doc


def repair_unlabelled_conjuncts(doc: Doc) -> Doc:
    """Label "conj" a verb with no subject that the parser left as "dep" of the verb
    before it, when an "and" or "or" that coordinates nothing else stands between them."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in doc:
        head = verb.head
        if (verb.dep_ == "dep" and verb.pos_ == "VERB" and head.pos_ == "VERB"
                and head.i < verb.i
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
                and any(_dangling_coordinator(t) for t in doc[head.i + 1 : verb.i])):
            verb.dep_ = "conj"
    return doc


def _dangling_coordinator(token: Token) -> bool:
    """An "and" or "or" whose head has no conjunct after it."""
    return token.dep_ == "cc" and not any(
        c.dep_ == "conj" and c.i > token.i for c in token.head.children)


def repair_second_subjects(doc: Doc) -> Doc:
    """Hang a name that the parser made a verb's second subject, right after the first
    subject's last noun, on that noun ("a convoy of the charity World Central Kitchen
    was struck": the charity is named, it is not struck beside the convoy)."""
    if not doc.has_annotation("DEP"):
        return doc
    subjects_of: dict[int, list[Token]] = {}  # a head's subjects before it, in text order
    for token in doc:
        if token.dep_ in SUBJECT_DEPS and token.i < token.head.i:
            subjects_of.setdefault(token.head.i, []).append(token)
    for subjects in subjects_of.values():
        for first, second in zip(subjects, subjects[1:], strict=False):
            noun = doc[first.right_edge.i]
            if (second.pos_ == "PROPN" and noun.pos_ == "NOUN"
                    and second.left_edge.i == noun.i + 1):
                second.head, second.dep_ = noun, "appos"
    return doc


def _misread_subject(verb: Token) -> Token | None:
    """The noun phrase that opens the sentence, when ``verb`` is a past form with a
    direct object the parser read as its participle, and the phrase has no role but
    the root's or an adverb's of a later verb of saying; None otherwise."""
    if (verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"}
            or not any(c.dep_ == "dobj" for c in verb.children)
            or any(c.dep_ in {"aux", "auxpass"} for c in verb.children)):
        return None
    top = verb.head
    while top.dep_ in {"pobj", "prep"} and top.head.i < top.i:
        top = top.head
    if top.left_edge.i != top.sent.start or top.pos_ not in {"NOUN", "PROPN"}:
        return None
    if top.dep_ == "ROOT":
        return top
    saying = top.head
    if (top.dep_ in {"npadvmod", "dep"} and saying.i > verb.i
            and saying.lemma_.lower() in SAYING_VERBS):
        return top
    return None


def _before_a_semicolon(verb: Token) -> bool:
    """A finite verb with its own subject, read as the complement of a verb that follows
    a semicolon after it."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i <= verb.i or verb.tag_ not in FINITE_TENSES:
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    return any(c.text == ";" and verb.i < c.i < head.i for c in head.children)


def _content_opener(clause: Token) -> Token | None:
    """The "that" of a clause told "in a speech" that the parser made a relative clause:
    one with a subject of its own, right after the noun of a verb of saying."""
    noun = clause.head
    if (clause.dep_ != "relcl" or noun.lemma_.lower() not in SAYING_NOUNS
            or noun.dep_ != "pobj" or noun.head.text.lower() != "in"
            or noun.head.head.lemma_.lower() not in SAYING_VERBS):
        return None
    opener = next((c for c in clause.children
                   if c.text.lower() == "that" and c.i == noun.i + 1), None)
    has_subject = any(c.dep_ in SUBJECT_DEPS and c != opener for c in clause.children)
    return opener if has_subject else None


def _stranded_from(verb: Token) -> Token | None:
    """The finite verb a misattached finite conjunct belongs to, or None."""
    tense = FINITE_TENSES.get(verb.tag_)
    clause = verb.head
    if (tense is None or verb.dep_ != "conj" or not _is_non_finite(clause)
            or any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
        return None
    current = clause
    for _ in range(4):
        if current.head == current or current.dep_ not in OPEN_CLAUSE_DEPS and not (
                current.dep_ == "ccomp" and _has_modal(current)):
            # "said the law would damage rights and criticised the speed": a past verb
            # shares no modal; it goes on from the verb of saying
            return None
        current = current.head
        if current.tag_ in FINITE_TENSES:
            return current if FINITE_TENSES[current.tag_] == tense else None
    return None


def _has_modal(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _is_non_finite(clause: Token) -> bool:
    """An infinitive or a participle: "to investigate", "killing", "flanked by soldiers"
    (a participle clause, with no auxiliary of its own)."""
    if clause.tag_ in NON_FINITE_TAGS:
        return True
    return (clause.tag_ == "VBN" and clause.dep_ == "advcl"
            and not any(c.dep_ in {"aux", "auxpass"} for c in clause.children))


def _opens_clause(token: Token, sentence_start: int) -> bool:
    """A preposition at the start of the sentence or of a clause ("...: on 20
    December Barbara Leaf met", "..., and on Monday the two leaders signed")."""
    if token.text.lower() not in FRONTING_PREPOSITIONS or token.dep_ != "prep":
        return False
    if token.i == sentence_start:
        return True
    before = token.doc[token.i - 1]
    return before.text in CLAUSE_OPENERS or before.dep_ == "cc"


def _fronted_date_split(first: Token, sentence_end: int) -> tuple[Token, int, int] | None:
    """(verb, first subject token, end of the phrase) when the preposition's object is a
    date followed, with no comma, by the words that should be the subject of a verb
    that has none; None otherwise."""
    verb = first.head
    if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    phrase_end = first.right_edge.i + 1
    if phrase_end > verb.i or phrase_end >= sentence_end or verb.i < first.i:
        return None
    index = first.i + 1
    doc = first.doc
    while index < phrase_end and is_date_word(doc[index]):
        index += 1
    if index == first.i + 1 or index >= phrase_end:
        return None
    names_a_date = any(is_date_word(t) and t.text.lower() not in DATE_FILLERS
                       for t in doc[first.i + 1 : index])
    if not doc[index].text.isalpha() or not names_a_date:
        return None
    return verb, index, phrase_end


def _reattach(preposition: Token, verb: Token, subject_start: int, phrase_end: int) -> None:
    doc = preposition.doc
    date_part = range(preposition.i + 1, subject_start)
    subject_part = range(subject_start, phrase_end)
    date_head = doc[subject_start - 1]
    subject_head = next((doc[i] for i in subject_part if doc[i].head.i not in subject_part),
                        doc[subject_start])
    for i in date_part:
        if doc[i].head.i not in date_part and i != date_head.i:
            doc[i].head = date_head
    date_head.head = preposition
    date_head.dep_ = "pobj"
    subject_head.head = verb
    subject_head.dep_ = "nsubj"


def trim_date_entities(doc: Doc) -> None:
    """A DATE entity that runs on into a name ("20 December Barbara Leaf") ends where
    the date does."""
    entities = []
    changed = False
    for entity in doc.ents:
        end = _date_end(entity) if entity.label_ == "DATE" else entity.end
        if end < entity.end:
            entities.append(Span(doc, entity.start, end, label="DATE"))
            changed = True
        else:
            entities.append(entity)
    if changed:
        doc.set_ents(entities, default="outside")


def _date_end(entity: Span) -> int:
    dated = False
    for token in entity:
        if is_date_word(token):
            dated = dated or token.text.lower() not in DATE_FILLERS
        elif dated and token.text.isalpha() and token.text.istitle():
            return token.i
    return entity.end
