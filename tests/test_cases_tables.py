"""The case tables of corpus/cases hold their recorded share of right answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polex.evaluate_cases import read_cases, score_dating, score_participants
from polex.pipeline import Pipeline

CASES = Path(__file__).resolve().parent.parent / "corpus" / "cases"
FLOOR = json.loads((CASES / "floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_cases_tables_are_large_enough_and_well_formed() -> None:
    for name in ("dating", "participants"):
        cases = read_cases(CASES / f"{name}.jsonl")
        assert len(cases) >= 150
        assert len({c["id"] for c in cases}) == len(cases)
        assert all(c["text"].count(c["trigger"]) == 1 for c in cases)


def test_cases_tables_dating_share_right_holds(pipeline: Pipeline) -> None:
    score = score_dating(pipeline, read_cases(CASES / "dating.jsonl"))
    assert score.share + 1e-9 >= FLOOR["dating"], score.failures


def test_cases_tables_participants_share_right_holds(pipeline: Pipeline) -> None:
    score = score_participants(pipeline, read_cases(CASES / "participants.jsonl"))
    assert score.share + 1e-9 >= FLOOR["participants"], score.failures
