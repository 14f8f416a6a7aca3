"""Snippets in the formats of PETRARCH2's verb dictionary and the CAMEO-to-PLOVER table,
written for the tests."""

from __future__ import annotations

from polex.events.petrarch import CameoToPlover, Conversion, convert, read_cameo_plover

CAMEO_PLOVER = """\
# CAMEO to PLOVER conversion table (excerpt)
04: CONSULT
040: CONSULT, ,  # Consult
042: CONSULT, visit,   # Make a visit
07: AID
070: AID,   ,  # Provide aid
073: AID,   ,   humanitarian # Provide humanitarian aid
10: REQUEST
103: REQUEST, assist,  # Demand aid
1033: REQUEST, assist, humanitarian # Demand humanitarian aid
11: ACCUSE
111: ACCUSE, disapprove,    # Criticize or denounce
12: REJECT
120: REJECT,  ,    # Reject
16: SANCTION
160: SANCTION,   ,  # Reduce relations
164: SANCTION, withdraw,   diplomatic # Halt negotiations
"""


def table() -> CameoToPlover:
    return read_cameo_plover(CAMEO_PLOVER, "CAMEO2PLOVER.txt")


def converted(dictionary: str, label: str = "verbs.txt") -> Conversion:
    return convert([(label, dictionary)], table(), "CAMEO2PLOVER.txt")


def rows(conversion: Conversion) -> list[tuple[str, str, str, str]]:
    """(lemma, constraints, event, mode) of each rule, in the table's order."""
    return [(cells[0], cells[2], cells[3], cells[4])
            for cells in (rule.row().split("\t") for rule in conversion.rules)]
