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
GOVERNED_DEPS = CHILD_DEPS | {"prep", "pobj"}  # the governed words of the dense view
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# The bound on a word's probabilities sums the encoder's part in another order than
# ``predict`` does; this margin covers the rounding, so the bound stays a bound.
BOUND_SLACK = 1e-4
PROJECTION_CACHE = 100_000  # distinct words whose projected vectors are kept
SLOT_SET_CACHE = 10_000  # distinct sets of governed-word slots whose bounds are kept


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
    word, head, governed, context = dense_words(token, sentence_words)
    return np.concatenate([encoder.word(word[0]), encoder.mean(head), encoder.mean(governed),
                           encoder.mean(context)])


def dense_words(token: Token, sentence_words: Sequence[tuple[int, str]] | None = None
                ) -> tuple[list[str], list[str], list[str], list[str]]:
    """The words whose mean vectors make the four parts of ``dense_features``."""
    children = [(c, c.dep_) for c in token.children]
    governed = [c.text for c, dep in children if dep in GOVERNED_DEPS]
    governed += [g.text for c, dep in children if dep == "prep" for g in c.children]
    if sentence_words is None:
        sentence_words = context_words(token.sent)
    context = [text for i, text in sentence_words if i != token.i]
    head = [token.head.text] if token.head.i != token.i else []
    return [token.text], head, governed, context


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
        self._last_context: tuple[list[tuple[int, str]], np.ndarray, dict[int, str]] | None = None
        self._slot_bounds: dict[tuple[str, ...], np.ndarray] = {}
        self._slot_set_bounds: dict[tuple[tuple[str, ...], ...], np.ndarray] = {}
        self._entity_index: dict[str, dict[str, int]] | None = None
        self._projections: dict[str, np.ndarray] = {}
        self._last_proposable: tuple[Doc, int, int, frozenset[int]] | None = None

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
        shares = _softmax(self._scores(features, vectors))
        return {label: float(p) for label, p in zip(self.labels, shares, strict=True)}

    def predict(self, token: Token, rule_event: str | None = None) -> Prediction:
        """The most likely label, given the type an outside rule proposes (if any)."""
        scores = self._scores(token_features(token) + rule_features(rule_event), None)
        if self.encoder is not None and self.dense.size:
            scores = scores + self._projected_dense_scores(token)
        shares = _softmax(scores)
        best = int(np.argmax(shares))
        return Prediction(self.labels[best], float(shares[best]))

    def _sentence_words(self, token: Token) -> list[tuple[int, str]]:
        """The context words of the token's sentence, kept for the sentence's other
        words: the extractor asks about a sentence's words one after another."""
        last = self._last_sentence
        if last is not None and last[0] is token.doc and last[1] <= token.i < last[2]:
            return last[3]  # sentences do not overlap: the token's is the one kept
        sentence = token.sent
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

    def could_propose(self, token: Token) -> bool:
        """Whether ``proposes`` might code the word once the entity recognizer has run,
        judged from the parse alone (see ``highest_probabilities``)."""
        return is_candidate(token) and token.i in self.proposable(token.sent)

    def proposable(self, sentence: Span) -> frozenset[int]:
        """The positions of the sentence's words ``proposes`` might code, whatever
        entities the recognizer gives or has given: the bounds of ``highest_probabilities``
        for all its candidate words at once. Kept for the sentence, which the extractor
        reads word after word."""
        last = self._last_proposable
        if last is not None and last[0] is sentence.doc and last[1] == sentence.start \
                and last[2] == sentence.end:
            return last[3]
        words = [token for token in sentence if is_candidate(token)]
        found: frozenset[int] = frozenset()
        if words:
            best = self._highest_probabilities_of(words) + BOUND_SLACK
            thresholds = [np.inf if label == NO_EVENT else self.threshold_for(label)
                          for label in self.labels]
            reached = np.flatnonzero((best >= np.array(thresholds)).any(axis=1))
            found = frozenset(words[int(n)].i for n in reached)
        self._last_proposable = (sentence.doc, sentence.start, sentence.end, found)
        return found

    def could_confirm(self, token: Token, rule_event: str) -> bool:
        """Whether ``confirms`` might keep the rule's event once entities are known."""
        if rule_event not in self.labels:
            return False
        best = self.highest_probabilities(token, rule_event) + BOUND_SLACK
        return bool(best[self.labels.index(rule_event)] >= self.rule_threshold)

    def highest_probabilities(self, token: Token, rule_event: str | None = None
                              ) -> np.ndarray:
        """For each label, a bound on the probability the model can give the word, read
        from a parse that has no entities yet: the words the word governs may still get
        any entity type, or none. The bound holds for every such labelling, so a word
        below a threshold here stays below it once the recognizer has run."""
        scores = self._scores(token_features(token) + rule_features(rule_event), None)
        if self.encoder is not None and self.dense.size:
            scores = scores + self._projected_dense_scores(token)
        return _bounded_probabilities(scores[None, :], self._slots_bound(token)[None])[0]

    def _highest_probabilities_of(self, words: list[Token]) -> np.ndarray:
        """``highest_probabilities`` (no rule) of several words of one sentence, a row each."""
        scores = np.stack([self._scores(token_features(token), None) for token in words])
        if self.encoder is not None and self.dense.size:
            scores += np.stack([self._projected_dense_scores(token) for token in words])
        return _bounded_probabilities(scores, np.stack([self._slots_bound(t) for t in words]))

    def _slots_bound(self, token: Token) -> np.ndarray:
        """The least the entity types of the words the token governs add to score k
        against score c, summed over those words (zero for none)."""
        slots = tuple(_entity_slots(token))
        bound = self._slot_set_bounds.get(slots)
        if bound is None:
            width = len(self.labels)
            bound = np.zeros((width, width))
            for prefixes in slots:
                bound = bound + self._entity_slot_bound(prefixes)
            if len(self._slot_set_bounds) >= SLOT_SET_CACHE:
                self._slot_set_bounds.clear()
            self._slot_set_bounds[slots] = bound
        return bound

    def _projected_dense_scores(self, token: Token) -> np.ndarray:
        """The encoder's part of the scores, from each word's vector projected once onto
        the weights: equal to ``dense_features(...) @ dense`` up to rounding. The
        sentence's context is summed once for all its words, each word's own vector
        taken out of the sum."""
        total, position = self._context_of(token)
        word, head, governed, _ = dense_words(token, ())
        scores = self._projection(word[0])[0].copy()
        if head:
            scores += self._projection(head[0])[1]
        if governed:
            scores += sum(self._projection(text)[2] for text in governed) / len(governed)
        own = position.get(token.i)
        count = len(position) - (own is not None)
        if count:
            scores += (total - self._projection(own)[3] if own is not None else total) / count
        return scores

    def _context_of(self, token: Token) -> tuple[np.ndarray, dict[int, str]]:
        """The projected context vectors of the token's sentence summed, and its context
        words by position; kept for the sentence's other words."""
        sentence_words = self._sentence_words(token)
        last = self._last_context
        if last is not None and last[0] is sentence_words:
            return last[1], last[2]
        position = dict(sentence_words)
        total = sum((self._projection(text)[3] for text in position.values()),
                    np.zeros(len(self.labels)))
        self._last_context = (sentence_words, total, position)
        return total, position

    def _projection(self, word: str) -> np.ndarray:
        """The word's vector times each of the four blocks of dense weights."""
        key = word.lower()
        found = self._projections.get(key)
        if found is None:
            assert self.encoder is not None
            blocks = self.dense.reshape(4, self.encoder.dims, len(self.labels))
            found = (self.encoder.word(key) @ blocks).astype(np.float64)
            if len(self._projections) >= PROJECTION_CACHE:
                self._projections.clear()
            self._projections[key] = found
        return found

    def _scores(self, features: list[str], vectors: np.ndarray | None) -> np.ndarray:
        rows = [self._rows[f] for f in set(features) if f in self._rows]
        scores = self._bias + self._matrix[rows].sum(axis=0)
        if vectors is not None and self.dense.size:
            scores = scores + vectors @ self.dense
        return scores

    def _entity_slot_bound(self, prefixes: tuple[str, ...]) -> np.ndarray:
        """The least the features one governed word's entity type can add to score k
        against score c (a matrix over c, k): over every type, or none (zero). Each
        feature's part counts only where negative, so that a feature two words share
        (counted once by ``probabilities``) cannot make the bound too high."""
        bound = self._slot_bounds.get(prefixes)
        if bound is None:
            width = len(self.labels)
            bound = np.zeros((width, width))
            for rows in self._entity_rows(prefixes):
                total = np.zeros((width, width))
                for row in rows:
                    weights = self._matrix[row]
                    total += np.minimum(0.0, weights[None, :] - weights[:, None])
                bound = np.minimum(bound, total)
            self._slot_bounds[prefixes] = bound
        return bound

    def _entity_rows(self, prefixes: tuple[str, ...]) -> list[list[int]]:
        """For each entity type the model has weights for after these prefixes, the rows
        of the features that type would add."""
        if self._entity_index is None:
            self._entity_index = _entity_feature_index(self._rows)
        by_type: dict[str, list[int]] = {}
        for prefix in prefixes:
            for entity_type, row in self._entity_index.get(prefix, {}).items():
                by_type.setdefault(entity_type, []).append(row)
        return list(by_type.values())


def _softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max())
    return exps / exps.sum()


def _bounded_probabilities(scores: np.ndarray, slot_bounds: np.ndarray) -> np.ndarray:
    """For each row of scores (one word), a bound on each label's probability, given the
    least (``slot_bounds``, a matrix per word) entity types can add to score k against c."""
    # gaps[w, c, k]: a lower bound on score k minus score c over every entity labelling
    gaps = scores[:, None, :] - scores[:, :, None] + slot_bounds
    diagonal = np.arange(scores.shape[1])
    gaps[:, diagonal, diagonal] = -np.inf
    return 1.0 / (1.0 + np.exp(np.minimum(gaps, 700.0)).sum(axis=2))


def _entity_feature_index(rows: dict[str, int]) -> dict[str, dict[str, int]]:
    """The entity features' rows by prefix ("Edobj=", "SUBJ=", "PPE=with|") and type."""
    index: dict[str, dict[str, int]] = {}
    for feature, row in rows.items():
        if feature.startswith("PPE="):
            prefix, _, entity_type = feature.rpartition("|")
            prefix += "|"
        elif feature.startswith(("E", "SUBJ=")):
            prefix, _, entity_type = feature.partition("=")
            prefix += "="
        else:
            continue
        index.setdefault(prefix, {})[entity_type] = row
    return index


def _entity_slots(token: Token) -> list[tuple[str, ...]]:
    """The prefixes of the entity features ``token_features`` would add for each word the
    token governs, were that word an entity."""
    slots: list[tuple[str, ...]] = []
    for child in token.children:
        dep = child.dep_
        prefixes = ((f"E{dep}=",) if dep in CHILD_DEPS else ()) + \
            (("SUBJ=",) if dep in SUBJECT_DEPS else ())
        if prefixes:
            slots.append(prefixes)
        if dep == "prep":
            slots += [(f"PPE={child.text.lower()}|",) for pobj in child.children
                      if pobj.dep_ == "pobj"]
    return slots


def rule_features(rule_event: str | None) -> list[str]:
    return [f"RULE={rule_event}"] if rule_event else []


@lru_cache(maxsize=1)
def default_classifier() -> TriggerClassifier:
    return TriggerClassifier.from_dict(read_json(*MODEL_FILE))
