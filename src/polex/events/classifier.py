"""The statistical event classifier: which PLOVER type, if any, a word signals in context.

A multinomial logistic regression over two views of a word:
- the dependency parse (the word, its relation, its head, its objects, particles and
  prepositions, the entity types around it) and the type an outside rule table proposes;
- static vectors distilled from a pretrained sentence encoder (all-MiniLM-L6-v2, see
  ``polex.events.encoder``) for the word, its head, the words it governs and its
  sentence, which carry what the encoder learned from far more English than polex's
  corpora, so unseen phrasings land near seen ones.

``training/train_triggers.py`` trains it on the project's development corpora, real news
passages (RAMS), synthetic stories (NGEC) and event-free news sentences. Its weights are
package data (``data/models/<name>.json``), read once per process; nothing is fetched at
run time.

The extractor uses it as a second vote: it decides whether a rule from an outside table
(PETRARCH's CAMEO verb patterns) stands, and adds events for words no table has a rule
for when it is sure enough. The project's own lexicon stays the precise first word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span, Token

from polex.data import read_json
from polex.events.encoder import StaticEncoder, default_encoder
from polex.events.factuality import cues

NAME = "polex.events.triggers.minilm_static.v2"
MODEL_FILE = ("models", "triggers-minilm-static-v2.json")
NO_EVENT = "NONE"
CANDIDATE_POS = {"VERB", "NOUN"}
CHILD_DEPS = {
    "dobj", "prt", "agent", "nsubj", "nsubjpass", "attr", "xcomp", "compound", "amod",
    "advmod", "neg", "dative", "ccomp", "acomp",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@lru_cache(maxsize=1)
def function_verbs() -> frozenset[str]:
    """Verbs that report, hedge, plan or negate another act ("is expected to visit",
    "began returning"): they carry the factuality of an event, never an event of their
    own, so the model is not asked about them."""
    cue = cues()
    lists = (cue.reporting_verbs, cue.planning_verbs, cue.commitment_verbs,
             cue.hedging_verbs, cue.negating_verbs)
    return frozenset(word for words in lists for word in words if " " not in word)


def is_candidate(token: Token) -> bool:
    """Only content verbs and common nouns can be triggers the model proposes."""
    if token.pos_ not in CANDIDATE_POS or not token.text.isalpha() or len(token) < 3:
        return False
    if token.lemma_.lower() in function_verbs():
        return False
    return not any(child.dep_ in {"xcomp", "ccomp"} for child in token.children)


def token_features(token: Token) -> list[str]:
    """What the classifier sees of a word: its own form, its place in the parse and the
    words and entity types it governs."""
    lemma = token.lemma_.lower()
    head = token.head
    features = [
        f"L={lemma}", f"P={token.pos_}", f"D={token.dep_}", f"LD={lemma}|{token.dep_}",
        f"S3={lemma[-3:]}", f"H={head.lemma_.lower()}", f"HD={head.lemma_.lower()}|{token.dep_}",
        f"HP={head.pos_}|{token.dep_}",
    ]
    for child in token.children:
        dep = child.dep_
        if dep in CHILD_DEPS:
            features.append(f"C{dep}={child.lemma_.lower()}")
            if child.ent_type_:
                features.append(f"E{dep}={child.ent_type_}")
        elif dep == "prep":
            features += _prepositional_features(child)
        if dep in SUBJECT_DEPS and child.ent_type_:
            features.append(f"SUBJ={child.ent_type_}")
        if dep == "auxpass":
            features.append("PASSIVE")
    if token.dep_ == "pobj" and head.dep_ == "prep":
        features.append(f"UNDER={head.text.lower()}|{head.head.lemma_.lower()}")
    return features


def dense_features(token: Token, encoder: StaticEncoder,
                   sentence_words: Sequence[tuple[int, str]] | None = None) -> np.ndarray:
    """The pretrained view of the word in its sentence: the static vectors of the word, of
    its syntactic head, of the words it governs, and of the rest of its sentence.
    ``sentence_words`` are the sentence's ``context_words`` when known already."""
    governed = [c.text for c in token.children if c.dep_ in CHILD_DEPS | {"prep", "pobj"}]
    governed += [g.text for c in token.children if c.dep_ == "prep" for g in c.children]
    if sentence_words is None:
        sentence_words = context_words(token.sent)
    context = [text for i, text in sentence_words if i != token.i]
    return np.concatenate([
        encoder.word(token.text),
        encoder.word(token.head.text) if token.head.i != token.i else encoder.mean(()),
        encoder.mean(governed),
        encoder.mean(context),
    ])


def context_words(sentence: Span) -> list[tuple[int, str]]:
    """The sentence's content words (alphabetic, not stop words) with their positions."""
    return [(t.i, t.text) for t in sentence if t.is_alpha and not t.is_stop]


def _prepositional_features(prep: Token) -> list[str]:
    features = [f"PREP={prep.text.lower()}"]
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            features.append(f"PP={prep.text.lower()}|{pobj.lemma_.lower()}")
            if pobj.ent_type_:
                features.append(f"PPE={prep.text.lower()}|{pobj.ent_type_}")
    return features


@dataclass(frozen=True)
class Prediction:
    event: str  # a PLOVER type or NO_EVENT
    probability: float


@dataclass
class TriggerClassifier:
    """Softmax over the labels from the stored weights: ``weights[feature][label]`` for the
    parse and rule features, ``dense[dimension][label]`` for the encoder's vectors.

    ``thresholds`` (per type, else ``threshold``) say how sure the model must be to add
    an event no rule proposed; ``rule_threshold`` how sure it must be of the type a rule
    from an outside table (PETRARCH's) proposed for that rule's event to be kept."""

    labels: list[str]
    weights: dict[str, list[float]]
    bias: list[float]
    threshold: float
    thresholds: dict[str, float] = field(default_factory=dict)
    rule_threshold: float = 0.5
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    encoder: StaticEncoder | None = None

    name = NAME

    def __post_init__(self) -> None:
        # one matrix row per parse feature, so a word's score is a sum of a few rows
        self._rows = {feature: i for i, feature in enumerate(self.weights)}
        width = len(self.labels)
        self._matrix = np.array(list(self.weights.values()), dtype=np.float64).reshape(-1, width)
        self._bias = np.array(self.bias, dtype=np.float64)
        self._last_sentence: tuple[Doc, int, int, list[tuple[int, str]]] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, object], encoder: StaticEncoder | None = None
                  ) -> TriggerClassifier:
        dense = data.get("dense") or {}
        assert isinstance(dense, dict)
        weights = np.array(dense.get("weights", np.zeros((0, 0))), dtype=np.float32)
        return cls(
            labels=list(data["labels"]),  # type: ignore[call-overload]
            weights=dict(data["weights"]),  # type: ignore[call-overload]
            bias=list(data["bias"]),  # type: ignore[call-overload]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            thresholds=dict(data.get("thresholds") or {}),  # type: ignore[call-overload]
            rule_threshold=float(data.get("rule_threshold", 0.5)),  # type: ignore[arg-type]
            dense=weights,
            encoder=(encoder or default_encoder()) if weights.size else None,
        )

    def probabilities(self, features: list[str], vectors: np.ndarray | None = None
                      ) -> dict[str, float]:
        rows = [self._rows[f] for f in set(features) if f in self._rows]
        scores = self._bias + self._matrix[rows].sum(axis=0)
        if vectors is not None and self.dense.size:
            scores = scores + vectors @ self.dense
        exps = np.exp(scores - scores.max())
        shares = exps / exps.sum()
        return {label: float(p) for label, p in zip(self.labels, shares, strict=True)}

    def predict(self, token: Token, rule_event: str | None = None) -> Prediction:
        """The most likely label, given the type an outside rule proposes (if any)."""
        features = token_features(token) + rule_features(rule_event)
        vectors = None
        if self.encoder is not None:
            vectors = dense_features(token, self.encoder, self._sentence_words(token))
        probabilities = self.probabilities(features, vectors)
        event = max(probabilities, key=probabilities.__getitem__)
        return Prediction(event, probabilities[event])

    def _sentence_words(self, token: Token) -> list[tuple[int, str]]:
        """The context words of the token's sentence, kept for the sentence's other
        words: the extractor asks about a sentence's words one after another."""
        sentence = token.sent
        last = self._last_sentence
        if last is not None and last[0] is token.doc and last[1] == sentence.start \
                and last[2] == sentence.end:
            return last[3]
        words = context_words(sentence)
        self._last_sentence = (token.doc, sentence.start, sentence.end, words)
        return words

    def threshold_for(self, event: str) -> float:
        return self.thresholds.get(event, self.threshold)

    def proposes(self, token: Token) -> Prediction | None:
        """The event type the word signals, when no rule spoke and the model is sure."""
        if not is_candidate(token):
            return None
        prediction = self.predict(token)
        if prediction.event == NO_EVENT:
            return None
        return prediction if prediction.probability >= self.threshold_for(prediction.event) \
            else None

    def confirms(self, token: Token, rule_event: str) -> Prediction | None:
        """Whether an outside rule's event stands: the model agrees with its type and is
        sure enough of it. Returns the model's view of the type when it does."""
        prediction = self.predict(token, rule_event)
        if prediction.event == rule_event and prediction.probability >= self.rule_threshold:
            return prediction
        return None


def rule_features(rule_event: str | None) -> list[str]:
    return [f"RULE={rule_event}"] if rule_event else []


@lru_cache(maxsize=1)
def default_classifier() -> TriggerClassifier:
    return TriggerClassifier.from_dict(read_json(*MODEL_FILE))
