"""The statistical trigger classifier: which PLOVER type, if any, a word signals in context.

A multinomial logistic regression over features of the dependency parse (the word, its
relation, its head, its objects, particles and prepositions, the entity types around it)
and over the spaCy pipeline's contextual token vectors (``doc.tensor``) of the word and
its head, which let it recognize words it never saw in training. It is trained by
``training/train_triggers.py`` on the project's labeled development corpus. Its weights
are package data (``data/models/<name>.json``), read once per process; no model is
fetched at run time.

The extractor asks it only about words the trigger lexicon has no rule for, so it adds
events the rules cannot see, and never overrides a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.tokens import Token

from polex.data import read_json
from polex.events.factuality import cues

NAME = "polex.events.triggers.logreg.v1"
MODEL_FILE = ("models", "triggers-logreg-v1.json")
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


def dense_features(token: Token, width: int) -> np.ndarray | None:
    """The contextual vectors of the word and its head, or None when the pipeline's
    tensor is missing or not as wide as the one the model was trained on."""
    tensor = token.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape != (len(token.doc), width):
        return None
    return np.concatenate([tensor[token.i], tensor[token.head.i]])


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
    parse features, ``dense[dimension][label]`` for the contextual vectors (scaled by
    ``dense_scale``)."""

    labels: list[str]
    weights: dict[str, list[float]]
    bias: list[float]
    threshold: float
    tensor_width: int = 0
    dense_scale: float = 1.0
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    name = NAME

    def __post_init__(self) -> None:
        # one matrix row per parse feature, so a word's score is a sum of a few rows
        self._rows = {feature: i for i, feature in enumerate(self.weights)}
        width = len(self.labels)
        self._matrix = np.array(list(self.weights.values()), dtype=np.float64).reshape(-1, width)
        self._bias = np.array(self.bias, dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> TriggerClassifier:
        dense = data.get("dense") or {}
        assert isinstance(dense, dict)
        return cls(
            labels=list(data["labels"]),  # type: ignore[call-overload]
            weights=dict(data["weights"]),  # type: ignore[call-overload]
            bias=list(data["bias"]),  # type: ignore[call-overload]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            tensor_width=int(dense.get("tensor_width", 0)),
            dense_scale=float(dense.get("scale", 1.0)),
            dense=np.array(dense.get("weights", np.zeros((0, 0))), dtype=np.float32),
        )

    def probabilities(self, features: list[str], vectors: np.ndarray | None = None
                      ) -> dict[str, float]:
        rows = [self._rows[f] for f in set(features) if f in self._rows]
        scores = self._bias + self._matrix[rows].sum(axis=0)
        if vectors is not None and self.dense.size:
            scores = scores + (vectors / self.dense_scale) @ self.dense
        exps = np.exp(scores - scores.max())
        shares = exps / exps.sum()
        return {label: float(p) for label, p in zip(self.labels, shares, strict=True)}

    def predict(self, token: Token) -> Prediction | None:
        """The most likely label, or None when the pipeline gives no usable vectors."""
        vectors = dense_features(token, self.tensor_width) if self.tensor_width else None
        if self.tensor_width and vectors is None:
            return None  # trained with vectors; without them its scores mean nothing
        probabilities = self.probabilities(token_features(token), vectors)
        event = max(probabilities, key=probabilities.__getitem__)
        return Prediction(event, probabilities[event])

    def proposes(self, token: Token) -> Prediction | None:
        """The event type the word signals, when the model is sure enough of one."""
        if not is_candidate(token):
            return None
        prediction = self.predict(token)
        if prediction is None:
            return None
        if prediction.event == NO_EVENT or prediction.probability < self.threshold:
            return None
        return prediction


@lru_cache(maxsize=1)
def default_classifier() -> TriggerClassifier:
    return TriggerClassifier.from_dict(read_json(*MODEL_FILE))
