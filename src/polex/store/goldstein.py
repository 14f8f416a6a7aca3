"""Goldstein (1992) conflict-cooperation weights of CAMEO event codes (package data).

The table, ``polex/data/goldstein.tsv``, is read on the first lookup. A code without a
row of its own takes its parent's weight (the code with trailing digits trimmed, down to
the two-digit root).
"""

from __future__ import annotations

import re
from functools import lru_cache

from polex.data import read_rows

CAMEO_EVENT_CODE = re.compile(r"[0-9]{2,4}")
HEADER = "cameo"


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """Every CAMEO code with a weight of its own, mapped to it."""
    return {code: float(weight) for code, weight, *_ in read_rows("goldstein.tsv")
            if code != HEADER}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein weight of a CAMEO event code, its parent's if it has none of its own.

    None for a missing code, for one that is not two to four digits, and for one whose
    root is not in the table.
    """
    if cameo is None:
        return None
    code = cameo.strip()
    if not CAMEO_EVENT_CODE.fullmatch(code):
        return None
    table = goldstein_table()
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None
