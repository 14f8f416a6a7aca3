"""Score the case tables of ``corpus/cases/``: one event per passage, one question each.

- ``dating.jsonl``: is the trigger's event dated right at the case's precision (the date
  stage alone, over the real parse)?
- ``participants.jsonl``: does the coder find an event at the trigger, and are its actor
  and recipient codes the case's (the whole pipeline)?

``python -m polex.evaluate_cases corpus/cases`` prints the share right per table and per
shape; ``tests/test_cases_tables.py`` holds the shares to ``corpus/cases/floor.json``.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from polex.evaluate import date_at_gold_precision
from polex.pipeline import Pipeline
from polex.schema import Article, Event
from polex.time import EventDater

Case = dict[str, Any]


@dataclass
class TableScore:
    """Cases right overall and per shape."""

    right: int = 0
    total: int = 0
    shapes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[str] = field(default_factory=list)

    def add(self, case: Case, ok: bool, why: str = "") -> None:
        self.total += 1
        self.right += ok
        counts = self.shapes[str(case.get("shape", ""))]
        counts[0] += ok
        counts[1] += 1
        if not ok:
            self.failures.append(f"{case['id']}: {why}")

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def read_cases(path: Path) -> list[Case]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def trigger_span(doc: Doc, case: Case) -> Span:
    start = case["text"].index(case["trigger"])
    span = doc.char_span(start, start + len(case["trigger"]), alignment_mode="expand")
    if span is None:
        raise ValueError(f"{case['id']}: trigger {case['trigger']!r} does not align")
    return span


def score_dating(pipeline: Pipeline, cases: Iterable[Case]) -> TableScore:
    score = TableScore()
    for case in cases:
        published = date.fromisoformat(case["published"])
        doc = pipeline.nlp(case["text"])
        dated = EventDater(doc, published).date_for(trigger_span(doc, case).root)
        predicted = {"date": dated.time.value if dated.time else None}
        ok = date_at_gold_precision(predicted, case)
        score.add(case, ok, f"gold {case['date']}, got {predicted['date']} ({dated.source})")
    return score


def score_participants(pipeline: Pipeline, cases: Iterable[Case]) -> TableScore:
    score = TableScore()
    cases = list(cases)
    articles = [
        Article(id=c["id"], text=c["text"], published=date.fromisoformat(c["published"]))
        for c in cases
    ]
    for case, result in zip(cases, pipeline.process(articles), strict=True):
        event = _event_at_trigger(result.events, case)
        if event is None:
            score.add(case, False, "no event at the trigger")
            continue
        got = (_codes(e.code for e in event.actor), _codes(e.code for e in event.recipient))
        want = (
            _codes(e["code"] for e in case["actor"]),
            _codes(e["code"] for e in case["recipient"]),
        )
        score.add(case, got == want, f"gold {want}, got {got}")
    return score


def _codes(codes: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({c for c in codes if c}))


def _event_at_trigger(events: list[Event], case: Case) -> Event | None:
    start = case["text"].index(case["trigger"])
    end = start + len(case["trigger"])
    overlapping = [e for e in events if e.trigger_start < end and start < e.trigger_end]
    same_type = [e for e in overlapping if e.event == case["event"]]
    found = same_type or overlapping
    return found[0] if found else None


def main(folder: str) -> None:
    pipeline = Pipeline()
    root = Path(folder)
    for name, scorer in (("dating", score_dating), ("participants", score_participants)):
        score = scorer(pipeline, read_cases(root / f"{name}.jsonl"))
        print(f"{name}: {score.right}/{score.total} right ({score.share:.3f})")
        for shape, (right, total) in sorted(score.shapes.items()):
            print(f"  {shape:36} {right:3}/{total:3}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1] if len(sys.argv) > 1 else "corpus/cases")
