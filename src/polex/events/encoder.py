"""Static word vectors distilled from a pretrained sentence encoder (all-MiniLM-L6-v2).

``training/distill_static.py`` passes each of the encoder's word pieces through the full
transformer and keeps the pooled vector (PCA-reduced, float16): package data
``data/models/minilm-static-v1.npz`` with the encoder's tokenizer beside it, both under
the encoder's Apache-2.0 licence. A word's vector is the mean of its pieces' vectors and
a phrase's the mean of its words': look-ups and sums, no transformer and no torch at run
time. They give the event classifier a view of English learned from far more text than
polex's corpora, so words it never saw in training land near words it did.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from tokenizers import Tokenizer

from polex.data import read_text

NAME = "polex.encoders.minilm_static.v1"
VECTORS_FILE = ("models", "minilm-static-v1.npz")
TOKENIZER_FILE = ("models", "minilm-tokenizer.json")
WORD_CACHE = 100_000  # distinct word forms kept; bounded so long runs stay flat


@dataclass
class StaticEncoder:
    vectors: np.ndarray  # pieces x dims, unit length, float32
    tokenizer: Tokenizer
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    name = NAME

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def word(self, text: str) -> np.ndarray:
        """The vector of one word (lower-cased, as the encoder's vocabulary is)."""
        key = text.lower()
        found = self._cache.get(key)
        if found is None:
            ids = self.tokenizer.encode(key, add_special_tokens=False).ids
            found = self.vectors[ids].mean(0) if ids else np.zeros(self.dims, np.float32)
            if len(self._cache) >= WORD_CACHE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def mean(self, words: Iterable[str]) -> np.ndarray:
        """The mean vector of some words; zeros for none."""
        vectors = [self.word(w) for w in words]
        return np.mean(vectors, axis=0) if vectors else np.zeros(self.dims, np.float32)


@lru_cache(maxsize=1)
def default_encoder() -> StaticEncoder:
    raw = resources.files("polex.data").joinpath(*VECTORS_FILE).read_bytes()
    with np.load(io.BytesIO(raw)) as stored:
        vectors = stored["vectors"].astype(np.float32)
    tokenizer = Tokenizer.from_str(read_text(*TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return StaticEncoder(vectors, tokenizer)
