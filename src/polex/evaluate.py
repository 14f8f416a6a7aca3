"""Score predicted PLOVER events against hand-coded gold events.

Events are compared within each article. A predicted and a gold event can pair when
they come from the same sentence (their ``text`` fields overlap); pairs are then made
one-to-one, greedily, under four increasingly strict criteria:

- ``event``: same event type;
- ``actor``: same type and the same set of actor codes;
- ``recipient``: same type and the same set of recipient codes;
- ``date``: same type and the same date string (exact); ``date_prefix`` accepts a
  prediction that agrees with the gold on the gold's precision or a coarser one.

Each criterion gets precision (matched / predicted), recall (matched / gold) and F1,
overall and per gold event type. Status accuracy is reported over type-matched pairs, and
so are mode accuracy (pairs whose gold type has modes; an empty mode list is a value) and
context precision/recall/F1 (each pair's context labels, micro-averaged), and so is how
each type-matched pair's arguments are read: the date right at the gold's precision
(a prediction may be finer, not coarser), the same actor codes, the same recipient codes.
``past_dates_kept`` is the share of type-matched pairs that are not a past event stamped
with the publication date (a prediction dated from publication in a later year than the
gold): whole-article reading keeps it at 1.
The reliability table buckets predictions by their ``confidence`` and gives the share of
each bucket that is right (type-matched): a calibrated coder's 0.8 is right 80% of the time.

A gold line ``{"article_id": "x", "has_event": false}`` (PLOVER's ``has_event``) marks an
article a coder read and found no event in: it is scored, so every prediction for it is
spurious; ``spurious_rate`` is the share of such articles with any prediction.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polex import ontology

Record = dict[str, Any]
CRITERIA = ("event", "actor", "recipient", "date", "date_prefix")
WORD = re.compile(r"\w+")
RELIABILITY_BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
CONFIDENT = 0.8


@dataclass
class Bucket:
    low: float
    high: float
    predicted: int = 0
    right: int = 0
    confidence_sum: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def mean_confidence(self) -> float:
        return self.confidence_sum / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "from": self.low,
            "to": self.high,
            "predicted": self.predicted,
            "right": self.right,
            "accuracy": round(self.accuracy, 4),
            "mean_confidence": round(self.mean_confidence, 4),
        }


def _buckets() -> list[Bucket]:
    edges = RELIABILITY_BUCKETS
    return [Bucket(low, high) for low, high in zip(edges, edges[1:], strict=False)]


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class ArgumentScore:
    """How the arguments of type-matched pairs are read."""

    pairs: int = 0
    date_right: int = 0  # right at the gold's precision
    actor_right: int = 0
    recipient_right: int = 0
    past_publication_dated: int = 0

    def share(self, count: int) -> float:
        return count / self.pairs if self.pairs else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "pairs": self.pairs,
            "date_accuracy": round(self.share(self.date_right), 4),
            "actor_accuracy": round(self.share(self.actor_right), 4),
            "recipient_accuracy": round(self.share(self.recipient_right), 4),
            "past_dates_kept": round(1.0 - self.share(self.past_publication_dated), 4),
            "past_publication_dated": self.past_publication_dated,
        }


@dataclass
class Report:
    overall: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CRITERIA})
    per_type: dict[str, Score] = field(default_factory=dict)
    status_correct: int = 0
    status_total: int = 0
    mode_correct: int = 0
    mode_total: int = 0
    context: Score = field(default_factory=Score)
    articles: int = 0
    problems: list[str] = field(default_factory=list)
    eventless_articles: int = 0  # coded with has_event false
    eventless_with_predictions: int = 0
    missed: list[Record] = field(default_factory=list)  # gold events with no type match
    spurious: list[Record] = field(default_factory=list)  # predictions with no type match
    reliability: list[Bucket] = field(default_factory=_buckets)
    arguments: ArgumentScore = field(default_factory=lambda: ArgumentScore())

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.status_total if self.status_total else 0.0

    @property
    def spurious_rate(self) -> float:
        """Share of articles coded as having no event for which events were predicted."""
        if not self.eventless_articles:
            return 0.0
        return self.eventless_with_predictions / self.eventless_articles

    @property
    def confident_precision(self) -> float:
        """The share right among predictions with confidence of at least 0.8."""
        confident = [b for b in self.reliability if b.low >= CONFIDENT]
        predicted = sum(b.predicted for b in confident)
        return sum(b.right for b in confident) / predicted if predicted else 0.0

    @property
    def macro_f1(self) -> float:
        scores = [s.f1 for s in self.per_type.values() if s.gold or s.predicted]
        return sum(scores) / len(scores) if scores else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": {c: s.as_dict() for c, s in self.overall.items()},
            "per_type": {t: s.as_dict() for t, s in sorted(self.per_type.items())},
            "macro_f1_event_type": round(self.macro_f1, 4),
            "status_accuracy": round(self.status_accuracy, 4),
            "status_pairs": self.status_total,
            "mode_accuracy": round(self.mode_correct / self.mode_total, 4)
            if self.mode_total
            else 0.0,
            "mode_pairs": self.mode_total,
            "context": self.context.as_dict(),
            "matched_arguments": self.arguments.as_dict(),
            "eventless_articles": self.eventless_articles,
            "spurious_rate": round(self.spurious_rate, 4),
            "reliability": [b.as_dict() for b in self.reliability if b.predicted],
            "confident_precision": round(self.confident_precision, 4),
            "problems": self.problems,
        }


def read_records(path: str | Path, problems: list[str] | None = None) -> list[Record]:
    """PLOVER JSON lines; unreadable lines are reported in ``problems`` and skipped."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                if problems is not None:
                    problems.append(f"{path}:{number}: invalid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or "article_id" not in record:
                if problems is not None:
                    problems.append(f"{path}:{number}: not an event record with an article_id")
                continue
            records.append(record)
    return records


def _event_type(record: Record) -> str:
    event = record.get("event")
    if isinstance(event, list):
        return str(event[0]) if event else ""
    return str(event or "")


def _codes(record: Record, role: str) -> frozenset[str]:
    return frozenset(str(e.get("code")) for e in record.get(role) or [] if e.get("code"))


def _words(text: str | None) -> set[str]:
    return set(WORD.findall((text or "").lower()))


def _same_sentence(pred: Record, gold: Record) -> bool:
    gold_words, pred_words = _words(gold.get("text")), _words(pred.get("text"))
    if not gold_words or not pred_words:
        return True  # gold without evidence text pairs on the article alone
    overlap = len(gold_words & pred_words) / min(len(gold_words), len(pred_words))
    return overlap >= 0.6


def _date_prefix(pred: Record, gold: Record) -> bool:
    gold_date, pred_date = str(gold.get("date") or ""), str(pred.get("date") or "")
    if not gold_date or not pred_date:
        return gold_date == pred_date
    shorter = min(len(gold_date), len(pred_date))
    return gold_date[:shorter] == pred_date[:shorter]


def date_at_gold_precision(pred: Record, gold: Record) -> bool:
    """The prediction names the gold's date at least as finely ("2019-05-14" for "2019")."""
    gold_date, pred_date = str(gold.get("date") or ""), str(pred.get("date") or "")
    return len(pred_date) >= len(gold_date) and pred_date[: len(gold_date)] == gold_date


def _past_publication_dated(pred: Record, gold: Record) -> bool:
    gold_year, pred_year = str(gold.get("date") or "")[:4], str(pred.get("date") or "")[:4]
    return (
        pred.get("date_source") == "publication"
        and gold_year.isdigit()
        and pred_year.isdigit()
        and int(gold_year) < int(pred_year)
    )


def same_type(pred: Record, gold: Record) -> bool:
    return _event_type(pred) == _event_type(gold)


def _criteria() -> dict[str, Callable[[Record, Record], bool]]:
    return {
        "event": same_type,
        "actor": lambda p, g: same_type(p, g) and _codes(p, "actor") == _codes(g, "actor"),
        "recipient": lambda p, g: (
            same_type(p, g) and _codes(p, "recipient") == _codes(g, "recipient")
        ),
        "date": lambda p, g: same_type(p, g) and p.get("date") == g.get("date"),
        "date_prefix": lambda p, g: same_type(p, g) and _date_prefix(p, g),
    }


def _pair(
    preds: list[Record], golds: list[Record], accept: Callable[[Record, Record], bool]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing, most word-overlapping sentences first."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if _same_sentence(pred, gold) and accept(pred, gold):
                overlap = len(_words(pred.get("text")) & _words(gold.get("text")))
                candidates.append((-overlap, i, j))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return pairs


def evaluate(gold: Iterable[Record], predicted: Iterable[Record]) -> Report:
    report = Report()
    gold_by_article: dict[str, list[Record]] = defaultdict(list)
    pred_by_article: dict[str, list[Record]] = defaultdict(list)
    for record in gold:
        events = gold_by_article[str(record["article_id"])]  # registers the article
        if record.get("has_event", True) is not False:
            events.append(record)
    for record in predicted:
        pred_by_article[str(record["article_id"])].append(record)
    # Only articles the gold file codes are scored: a gold file covers whole articles.
    report.articles = len(gold_by_article)
    criteria = _criteria()
    for article_id, golds in gold_by_article.items():
        preds = pred_by_article.get(article_id, [])
        if not golds:
            report.eventless_articles += 1
            report.eventless_with_predictions += bool(preds)
        for name, accept in criteria.items():
            score = report.overall[name]
            score.predicted += len(preds)
            score.gold += len(golds)
            pairs = _pair(preds, golds, accept)
            score.matched += len(pairs)
            if name == "event":
                _score_types(report, preds, golds, pairs)
                _score_status(report, preds, golds, pairs)
                _score_mode_and_context(report, preds, golds, pairs)
                _score_arguments(report.arguments, preds, golds, pairs)
                _collect_errors(report, preds, golds, pairs)
                _score_reliability(report, preds, pairs)
    missing = sorted(set(pred_by_article) - set(gold_by_article))
    if missing:
        report.problems.append(
            f"{len(missing)} predicted article(s) have no gold coding and were not scored"
        )
    return report


def _score_types(
    report: Report, preds: list[Record], golds: list[Record], pairs: list[tuple[int, int]]
) -> None:
    for pred in preds:
        report.per_type.setdefault(_event_type(pred), Score()).predicted += 1
    for gold in golds:
        report.per_type.setdefault(_event_type(gold), Score()).gold += 1
    for _, j in pairs:
        report.per_type[_event_type(golds[j])].matched += 1


def _score_mode_and_context(
    report: Report, preds: list[Record], golds: list[Record], pairs: list[tuple[int, int]]
) -> None:
    for i, j in pairs:
        gold, pred = golds[j], preds[i]
        if _has_modes(_event_type(gold)):
            report.mode_total += 1
            report.mode_correct += set(gold.get("mode") or []) == set(pred.get("mode") or [])
        gold_contexts = set(gold.get("context") or [])
        pred_contexts = set(pred.get("context") or [])
        report.context.gold += len(gold_contexts)
        report.context.predicted += len(pred_contexts)
        report.context.matched += len(gold_contexts & pred_contexts)


def _score_arguments(
    score: ArgumentScore, preds: list[Record], golds: list[Record], pairs: list[tuple[int, int]]
) -> None:
    for i, j in pairs:
        pred, gold = preds[i], golds[j]
        score.pairs += 1
        score.date_right += date_at_gold_precision(pred, gold)
        score.actor_right += _codes(pred, "actor") == _codes(gold, "actor")
        score.recipient_right += _codes(pred, "recipient") == _codes(gold, "recipient")
        score.past_publication_dated += _past_publication_dated(pred, gold)


def _has_modes(event_type: str) -> bool:
    try:
        return bool(ontology.modes(event_type))
    except KeyError:
        return False


def _score_status(
    report: Report, preds: list[Record], golds: list[Record], pairs: list[tuple[int, int]]
) -> None:
    for i, j in pairs:
        report.status_total += 1
        if preds[i].get("status", "occurred") == golds[j].get("status", "occurred"):
            report.status_correct += 1


def _score_reliability(report: Report, preds: list[Record], pairs: list[tuple[int, int]]) -> None:
    right = {i for i, _ in pairs}
    for i, pred in enumerate(preds):
        confidence = float(pred.get("confidence") or 0.0)
        bucket = next(
            (b for b in reversed(report.reliability) if confidence >= b.low), report.reliability[0]
        )
        bucket.predicted += 1
        bucket.right += i in right
        bucket.confidence_sum += confidence


def _collect_errors(
    report: Report, preds: list[Record], golds: list[Record], pairs: list[tuple[int, int]]
) -> None:
    paired_preds = {i for i, _ in pairs}
    paired_golds = {j for _, j in pairs}
    report.missed.extend(g for j, g in enumerate(golds) if j not in paired_golds)
    report.spurious.extend(p for i, p in enumerate(preds) if i not in paired_preds)


def gate_metrics(report: Report) -> dict[str, float]:
    """The figures a CI gate holds the coder to (see ``below_floor``)."""
    return {
        "macro_f1_event_type": report.macro_f1,
        "event_precision": report.overall["event"].precision,
        "event_f1": report.overall["event"].f1,
        "actor_f1": report.overall["actor"].f1,
        "recipient_f1": report.overall["recipient"].f1,
        "confident_precision": report.confident_precision,
        "matched_date_accuracy": report.arguments.share(report.arguments.date_right),
        "matched_actor_accuracy": report.arguments.share(report.arguments.actor_right),
        "matched_recipient_accuracy": report.arguments.share(report.arguments.recipient_right),
        "past_dates_kept": 1.0 - report.arguments.share(report.arguments.past_publication_dated),
    }


def below_floor(report: Report, floor: dict[str, float]) -> list[str]:
    """Each recorded figure the report falls below, as a readable line (empty: none)."""
    current = gate_metrics(report)
    return [
        f"{name} {current[name]:.4f} is below the recorded {minimum:.4f}"
        for name, minimum in sorted(floor.items())
        if name in current and current[name] + 1e-9 < minimum
    ]
