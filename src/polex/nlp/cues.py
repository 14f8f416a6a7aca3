"""The words that can make a sentence hold an event, found without a parse.

A sentence can only yield an event when one of its words is, or inflects from, a lemma
the trigger lexicon has an event rule for (and, for rules keyed on other words, "impose
*sanctions*", those words are in the sentence too), or a lemma the statistical trigger
classifier leans towards. Which lemmas a word may have is read from the pipeline's own
rule lemmatizer tables, for every part of speech at once, so the test stays a superset
of what the tagger and lemmatizer would later decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from polex.events.classifier import NO_EVENT, default_classifier
from polex.events.lexicon import NOT_AN_EVENT, Lexicon, TriggerRule, default_lexicon
from polex.time.lexicon import time_words

# Constraint kinds that name words; the others (entity types, relations) are not lexical.
LEXICAL_KINDS = frozenset({"obj", "prt", "prep", "pobj", "mod", "head", "sent"})
LEMMA_POS = ("noun", "verb", "adj", "adv")
# How far a lemma's own weights must favour some event over none for the classifier's
# lemma to count as a cue. Most of the model's evidence is in the encoder's vectors, and
# trained on synthetic stories it gives common words ("capital", "weekend") a lean that
# alone never makes an event: only strong leans are cues; the rule tables give the rest.
CLASSIFIER_MARGIN = 1.5
# Never cues for the classifier: auxiliaries, and time units, which stand in dates the
# extractor does not ask it about ("last year").
AUXILIARIES = frozenset({"be", "have", "do"})
FORMS_CACHE = 200_000  # distinct words whose possible lemmas are kept

Requirement = tuple[frozenset[str], ...]  # for one rule: each lexical constraint's values


@dataclass(frozen=True)
class LemmaTables:
    """The rule lemmatizer's tables: suffix rules, exceptions, known lemmas, by POS."""

    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    index: frozenset[str] = frozenset()  # the dictionary's lemmas, every POS together

    @classmethod
    def of(cls, nlp: Language) -> LemmaTables:
        if "lemmatizer" not in nlp.component_names:
            return cls({}, {})
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_rules"):
            return cls({}, {})
        rules_table = lookups.get_table("lemma_rules")
        exc_table = lookups.get_table("lemma_exc", {})
        index_table = lookups.get_table("lemma_index", {})
        rules = {pos: [tuple(r) for r in rules_table.get(pos, [])] for pos in LEMMA_POS}
        exceptions = {pos: dict(exc_table.get(pos, {})) for pos in LEMMA_POS}
        index = frozenset(w for pos in LEMMA_POS for w in index_table.get(pos, ()))
        return cls(rules, exceptions, index)

    def forms(self, word: str) -> frozenset[str]:
        """Every lemma the lemmatizer could give the word, whatever its tag, and the word."""
        lower = word.lower()
        found = {lower}
        for pos, rules in self.rules.items():
            for old, new in rules:
                if lower.endswith(old):
                    found.add(lower[: len(lower) - len(old)] + new)
            found.update(self.exceptions[pos].get(lower, ()))
        return frozenset(found)


class CueWords:
    """Decides from the words alone whether a sentence may hold an event."""

    def __init__(self, tables: LemmaTables, rules: Sequence[TriggerRule],
                 extra_lemmas: Iterable[str] = ()) -> None:
        """``extra_lemmas`` (the classifier's) count only where the table has no rule
        for the lemma: the extractor consults the classifier about no other word."""
        self.tables = tables
        self.requirements: dict[str, list[Requirement]] = defaultdict(list)
        for rule in rules:
            if rule.event != NOT_AN_EVENT:
                self.requirements[rule.lemma].append(_requirement(rule))
        known = {rule.lemma for rule in rules}
        for lemma in set(extra_lemmas) - known:
            self.requirements[lemma].append(())
        # lemmas with a rule that needs no other word are cues alone; the others' rules
        # are kept once per distinct requirement (PETRARCH repeats them across patterns)
        self.alone = frozenset(lemma for lemma, needs in self.requirements.items()
                               if () in needs)
        for lemma, needs in self.requirements.items():
            self.requirements[lemma] = [] if lemma in self.alone else list(dict.fromkeys(needs))
        self._forms: dict[str, frozenset[str]] = {}

    @classmethod
    def for_pipeline(cls, nlp: Language, lexicon: Lexicon | None = None,
                     with_classifier: bool = True) -> CueWords:
        extra = classifier_lemmas() if with_classifier else frozenset()
        return cls(LemmaTables.of(nlp), (lexicon or default_lexicon()).rules, extra)

    def forms(self, word: str) -> frozenset[str]:
        found = self._forms.get(word)
        if found is None:
            if len(self._forms) >= FORMS_CACHE:
                self._forms.clear()  # a long run meets ever new words: memory stays flat
            found = self._forms[word] = self.tables.forms(word)
        return found

    def triggers(self, words: Iterable[str]) -> list[str]:
        """The words that may be event triggers here, their other required words present."""
        forms = [self.forms(w) for w in words]
        present = frozenset().union(*forms) if forms else frozenset()
        return [word for word, lemmas in zip(words, forms, strict=False)
                if self._may_trigger(lemmas, present)]

    def may_hold_event(self, words: list[str]) -> bool:
        forms = [self.forms(w) for w in words]
        present = frozenset().union(*forms) if forms else frozenset()
        return any(self._may_trigger(lemmas, present) for lemmas in forms)

    def _may_trigger(self, lemmas: frozenset[str], present: frozenset[str]) -> bool:
        if not lemmas.isdisjoint(self.alone):
            return True
        return any(_met(requirement, present) for lemma in lemmas
                   for requirement in self.requirements.get(lemma, ()))

    def is_dictionary_word(self, word: str) -> bool:
        """Whether the word or one of its possible lemmas is a common English word (so a
        capitalized one opening a sentence is not taken for a name)."""
        return bool(self.forms(word) & self.tables.index)


def _requirement(rule: TriggerRule) -> Requirement:
    return tuple(c.values for c in rule.constraints if c.kind in LEXICAL_KINDS)


def _met(requirement: Requirement, present: frozenset[str]) -> bool:
    return all(any(_admits(value, present) for value in values) for values in requirement)


def _admits(value: str, present: frozenset[str]) -> bool:
    if value.endswith("*"):
        return any(word.startswith(value[:-1]) for word in present)
    return value in present


@lru_cache(maxsize=1)
def classifier_lemmas() -> frozenset[str]:
    """Lemmas whose own weights in the trigger classifier favour an event over none."""
    try:
        model = default_classifier()
    except (FileNotFoundError, ValueError):
        return frozenset()
    if NO_EVENT not in model.labels:
        return frozenset()
    none = model.labels.index(NO_EVENT)
    lemmas = set()
    for feature, row in model.weights.items():
        if not feature.startswith("L="):
            continue
        best = max(w for i, w in enumerate(row) if i != none)
        if best - row[none] > CLASSIFIER_MARGIN:
            lemmas.add(feature[2:])
    return frozenset(lemmas - AUXILIARIES - set(time_words().units))
