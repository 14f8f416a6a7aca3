"""Calibrated confidence: the probability that a coded event's type is right.

A logistic regression over what the extractor knows when it codes an event (the rule's
weight or the model's probability, the type, the status, whether the roles PLOVER asks
for were found), fitted by ``training/calibrate_confidence.py`` on the development
corpus against its gold events. Events the statistical trigger model proposed take the
precision its cross-validation measured at their probability, so a model guess never
claims more than it has earned. The weights are package data, read once per process.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from polex import ontology
from polex.data import read_json
from polex.schema import Entity

NAME = "polex.events.confidence.logreg.v1"
MODEL_FILE = ("models", "confidence-logreg-v1.json")
STATUSES = ("occurred", "planned", "possible", "negated")


@dataclass(frozen=True)
class EventEvidence:
    """What the extractor knew when it coded the event."""

    event: str
    weight: float  # the lexicon rule's weight, or the model's probability
    from_model: bool
    status: str
    actors: tuple[Entity, ...]
    recipients: tuple[Entity, ...]
    dated_in_text: bool
    noun_trigger: bool
    trigger_start: int = 0  # where the trigger is, to pair evidence with its event


def features(evidence: EventEvidence) -> dict[str, float]:
    """The calibration model's inputs, by name."""
    return {
        "weight": evidence.weight,
        f"type={evidence.event}": 1.0,
        f"status={evidence.status}": 1.0,
        "recipient_missing": float(
            ontology.requires_recipient(evidence.event) and not evidence.recipients
        ),
        "has_recipient": float(bool(evidence.recipients)),
        "actor_without_sector": float(any(a.sector is None for a in evidence.actors)),
        "actor_is_person": float(any(a.office for a in evidence.actors)),
        "several_actors": float(len(evidence.actors) > 1),
        "dated_in_text": float(evidence.dated_in_text),
        "noun_trigger": float(evidence.noun_trigger),
    }


@dataclass(frozen=True)
class ConfidenceModel:
    coefficients: dict[str, float]
    intercept: float
    model_curve: tuple[tuple[float, float], ...]  # (probability, cross-validated precision)

    name = NAME

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ConfidenceModel:
        curve = data.get("model_curve") or []
        assert isinstance(curve, list)
        return cls(
            coefficients={str(k): float(v) for k, v in dict(data["coefficients"]).items()},  # type: ignore[call-overload]
            intercept=float(data["intercept"]),  # type: ignore[arg-type]
            model_curve=tuple(sorted((float(p), float(q)) for p, q in curve)),
        )

    def score(self, evidence: EventEvidence) -> float:
        if evidence.from_model:
            return self._model_precision(evidence.weight)
        total = self.intercept + sum(
            self.coefficients.get(name, 0.0) * value
            for name, value in features(evidence).items()
        )
        return 1.0 / (1.0 + math.exp(-total))

    def _model_precision(self, probability: float) -> float:
        """The cross-validated precision of model proposals at least this probable."""
        if not self.model_curve:
            return min(probability, 0.5)
        thresholds = [p for p, _ in self.model_curve]
        index = max(bisect_right(thresholds, probability) - 1, 0)
        return self.model_curve[index][1]


@lru_cache(maxsize=1)
def default_confidence_model() -> ConfidenceModel:
    return ConfidenceModel.from_dict(read_json(*MODEL_FILE))
