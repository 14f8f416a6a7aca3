"""Calibrated confidence: what lowers it, and how model proposals are scored."""

from polex.events.confidence import (
    ConfidenceModel,
    EventEvidence,
    default_confidence_model,
    features,
)
from polex.schema import Entity

RUSSIA = Entity("RUS", "GOV", "Russia")
UKRAINE = Entity("UKR", "GOV", "Ukraine")


def _evidence(**changes: object) -> EventEvidence:
    values: dict[str, object] = {
        "event": "SANCTION", "weight": 0.9, "from_model": False, "status": "occurred",
        "actors": (RUSSIA,), "recipients": (UKRAINE,), "dated_in_text": True,
        "noun_trigger": False,
    }
    values.update(changes)
    return EventEvidence(**values)  # type: ignore[arg-type]


def test_events_confidence_missing_required_recipient_is_a_feature():
    assert features(_evidence(recipients=()))["recipient_missing"] == 1.0
    assert features(_evidence())["recipient_missing"] == 0.0


def test_events_confidence_follows_the_fitted_coefficients():
    model = ConfidenceModel({"weight": 2.0, "recipient_missing": -1.5}, -1.0, ())
    assert model.score(_evidence(recipients=())) < model.score(_evidence())


def test_events_confidence_model_proposals_take_the_measured_precision():
    model = ConfidenceModel({"weight": 10.0}, 0.0, ((0.7, 0.58), (0.8, 0.62), (0.9, 1.0)))
    assert model.score(_evidence(from_model=True, weight=0.85)) == 0.62
    assert model.score(_evidence(from_model=True, weight=0.72)) == 0.58


def test_events_confidence_shipped_model_prefers_stronger_rules():
    model = default_confidence_model()
    assert model.score(_evidence(weight=0.95)) > model.score(_evidence(weight=0.55))
    assert 0.0 < model.score(_evidence(from_model=True, weight=0.75)) < 0.8
