"""Articles grouped into partitions whose names come from their content."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from polex.schema import Article

KEY_LENGTH = 20


@dataclass(frozen=True)
class Partition:
    """A slice of the input articles, named by a hash of their content hashes.

    The same articles in the same order always give the same key, so a partition
    coded again (a retry, a second run) overwrites its own files.
    """

    key: str
    articles: tuple[Article, ...]


def partition_key(content_hashes: Iterable[str]) -> str:
    digest = hashlib.sha256("\n".join(content_hashes).encode("ascii")).hexdigest()
    return digest[:KEY_LENGTH]


def make_partition(articles: Iterable[Article]) -> Partition:
    kept = tuple(articles)
    return Partition(partition_key(a.content_hash for a in kept), kept)


def split_partitions(articles: Iterable[Article], size: int) -> Iterator[Partition]:
    """Consecutive partitions of at most ``size`` articles, in input order."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield make_partition(batch)
