"""Near-duplicate articles: MinHash signatures of word shingles, found through LSH bands.

The same wire story re-published with another headline, a dateline, a copyright
line or one paragraph rewritten shares most of its 3-word shingles with the
original (Jaccard 0.7-0.95 on real pairs), while two outlets' own reports of one
event share almost none (below 0.1). A signature of 60 minimum hashes estimates
that Jaccard similarity; texts estimated at MIN_SIMILARITY or more are
near-duplicates. To find candidates without comparing against every stored
article, the signature is cut into 20 bands of 3 hashes: two texts become
candidates when one band is equal, which happens for 99% of pairs at Jaccard 0.6
and 2% at 0.1. SimHash was measured too: re-published copies landed 7-9 bits
apart, beyond the 3 bits its cheap band lookup can guarantee.

Texts under MIN_WORDS words get no signature and are only ever matched exactly.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

MIN_WORDS = 50
SHINGLE_WORDS = 3
NUM_HASHES = 60
BAND_ROWS = 3
MIN_SIMILARITY = 0.5
_HASH_MASK = 0xFFFFFFFF
# Fixed seed: signatures must be identical across runs and processes.
_SEEDER = random.Random(20240613)
_SEEDS = tuple(_SEEDER.getrandbits(64) for _ in range(NUM_HASHES))
_SEED_ARRAY = np.array(_SEEDS, dtype=np.uint64)
_WORD = re.compile(r"\w+")
UPGRADE_CHUNK = 1000
BAND_SCHEMA = pa.schema([("band_key", pa.int64()), ("content_hash", pa.string())])

Signature = tuple[int, ...]


@dataclass(frozen=True)
class NearMatch:
    """A stored (or pending) article whose text is nearly the same as the one checked."""

    duplicate_of: str  # content hash of the article kept
    similarity: float  # estimated Jaccard similarity of the two texts' shingles


def words(text: str) -> list[str]:
    """The words of the text, lower-cased after NFKC normalization."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def shingles(text_words: Sequence[str]) -> set[str]:
    """The distinct runs of SHINGLE_WORDS consecutive words."""
    last = len(text_words) - SHINGLE_WORDS + 1
    return {" ".join(text_words[i : i + SHINGLE_WORDS]) for i in range(last)}


def signature(text: str) -> Signature | None:
    """The MinHash signature of the text, or None when it is too short to compare loosely."""
    text_words = words(text)
    if len(text_words) < MIN_WORDS:
        return None
    digests = b"".join(_digest(shingle) for shingle in shingles(text_words))
    hashes = np.frombuffer(digests, dtype="<u8")
    # XOR with a random mask permutes the 64-bit hash values; the minimum is one min-hash.
    minimums = (_SEED_ARRAY[:, None] ^ hashes[None, :]).min(axis=1) & _HASH_MASK
    return tuple(int(value) for value in minimums)


def similarity(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of positions where the min-hashes agree."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def band_keys(sig: Sequence[int]) -> list[int]:
    """One signed 64-bit key per band (its index and BAND_ROWS min-hashes)."""
    keys: list[int] = []
    for band in range(len(sig) // BAND_ROWS):
        rows = sig[band * BAND_ROWS : (band + 1) * BAND_ROWS]
        data = band.to_bytes(2, "little") + b"".join(v.to_bytes(4, "little") for v in rows)
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little",
                                   signed=True))
    return keys


def _digest(shingle: str) -> bytes:
    """The shingle's 64-bit hash, as 8 little-endian bytes."""
    return hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()


class NearDuplicateIndex:
    """Looks up near-duplicates among the stored articles and those held pending.

    An article that passed the check is held until it is stored or dropped
    (``release``), so the articles of one run are compared with each other
    before any of them reaches the store.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn
        self._pending: dict[str, Signature] = {}
        self._pending_bands: defaultdict[int, set[str]] = defaultdict(set)

    def check(self, content_hash: str, text: str) -> NearMatch | None:
        """The closest near-duplicate of the text; without one, the text is held pending."""
        return self.check_many([(content_hash, text)])[0]

    def check_many(self, texts: Sequence[tuple[str, str]]) -> list[NearMatch | None]:
        """``check`` for (content hash, text) pairs in order, with one lookup in the store."""
        signed = [(h, None if h in self._pending else signature(text)) for h, text in texts]
        keyed = [(h, sig, band_keys(sig) if sig else []) for h, sig in signed]
        stored = self._stored_candidates([key for _, _, keys in keyed for key in keys])
        matches: list[NearMatch | None] = []
        for content_hash, sig, keys in keyed:
            match = None
            if sig is not None:
                candidates = {h for key in keys for h in stored.by_key.get(key, ())}
                pairs = [(h, stored.signatures[h]) for h in candidates if h in stored.signatures]
                match = _closest(content_hash, sig, pairs + self._pending_candidates(keys))
                if match is None:
                    self._hold(content_hash, sig, keys)
            matches.append(match)
        return matches

    def _hold(self, content_hash: str, sig: Signature, keys: list[int]) -> None:
        self._pending[content_hash] = sig
        for key in keys:
            self._pending_bands[key].add(content_hash)

    def pending_signature(self, content_hash: str) -> Signature | None:
        return self._pending.get(content_hash)

    def release(self, content_hash: str) -> None:
        """Stop holding the article: it is in the store now, or it was dropped."""
        sig = self._pending.pop(content_hash, None)
        if sig is None:
            return
        for key in band_keys(sig):
            holders = self._pending_bands[key]
            holders.discard(content_hash)
            if not holders:
                del self._pending_bands[key]

    def _stored_candidates(self, keys: list[int]) -> _Candidates:
        found = _Candidates()
        if not keys:
            return found
        # The band index finds the few candidates, then their signatures are read.
        for key, content_hash in self._conn.execute(
            "SELECT band_key, content_hash FROM article_bands"
            " WHERE band_key IN (SELECT unnest(?::BIGINT[]))", [sorted(set(keys))]
        ).fetchall():
            found.by_key[key].add(str(content_hash))
        hashes = sorted({h for held in found.by_key.values() for h in held})
        if hashes:
            for content_hash, sig in self._conn.execute(
                "SELECT content_hash, minhash FROM articles"
                " WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [hashes]
            ).fetchall():
                if sig:
                    found.signatures[str(content_hash)] = tuple(sig)
        return found

    def _pending_candidates(self, keys: list[int]) -> list[tuple[str, Signature]]:
        hashes = {h for key in keys for h in self._pending_bands.get(key, ())}
        return [(h, self._pending[h]) for h in hashes]


@dataclass
class _Candidates:
    """Stored articles sharing a band with the texts checked, and their signatures."""

    by_key: defaultdict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    signatures: dict[str, Signature] = field(default_factory=dict)


def _closest(own_hash: str, sig: Signature, candidates: list[tuple[str, Signature]]
             ) -> NearMatch | None:
    scored = [
        (similarity(sig, other), content_hash)
        for content_hash, other in candidates
        if content_hash != own_hash
    ]
    scored = [pair for pair in scored if pair[0] >= MIN_SIMILARITY]
    if not scored:
        return None
    # Highest similarity; among equals the smallest hash, so the choice is reproducible.
    best, content_hash = min(scored, key=lambda pair: (-pair[0], pair[1]))
    return NearMatch(content_hash, best)


def band_table(signatures: Sequence[tuple[str, Signature | None]]) -> pa.Table:
    """The article_bands rows of the articles that have a signature."""
    rows = [(key, h) for h, sig in signatures if sig is not None for key in band_keys(sig)]
    keys, hashes = (list(column) for column in zip(*rows, strict=True)) if rows else ([], [])
    return pa.table([pa.array(keys, pa.int64()), pa.array(hashes, pa.string())],
                    schema=BAND_SCHEMA)


def fingerprint_stored_articles(conn: duckdb.DuckDBPyConnection) -> None:
    """Sign every stored article that has no signature yet (upgrading an older store)."""
    last = ""
    while rows := conn.execute(
        "SELECT content_hash, text FROM articles WHERE content_hash > ? AND minhash IS NULL"
        " ORDER BY content_hash LIMIT ?",
        [last, UPGRADE_CHUNK],
    ).fetchall():
        last = rows[-1][0]
        signed = [(str(h), signature(str(text))) for h, text in rows]
        _store_signatures(conn, signed)


def _store_signatures(conn: duckdb.DuckDBPyConnection,
                      signed: list[tuple[str, Signature | None]]) -> None:
    present = [(h, list(sig)) for h, sig in signed if sig is not None]
    if not present:
        return
    hashes, sigs = (list(column) for column in zip(*present, strict=True))
    signatures = pa.table({"content_hash": pa.array(hashes, pa.string()),
                           "minhash": pa.array(sigs, pa.list_(pa.uint32()))})
    bands = band_table(signed)
    conn.register("polex_upgrade_signatures", signatures)
    conn.register("polex_upgrade_bands", bands)
    try:
        conn.execute("UPDATE articles SET minhash = s.minhash FROM polex_upgrade_signatures s"
                     " WHERE articles.content_hash = s.content_hash")
        conn.execute("INSERT INTO article_bands SELECT band_key, content_hash"
                     " FROM polex_upgrade_bands")
    finally:
        conn.unregister("polex_upgrade_signatures")
        conn.unregister("polex_upgrade_bands")
