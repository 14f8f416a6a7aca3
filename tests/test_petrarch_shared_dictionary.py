from pathlib import Path

import pytest

from polex.events.lexicon import Lexicon
from polex.events.petrarch import convert, read_cameo_plover

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
VERBS = SHARED / "dictionaries" / "CAMEO.2.0.verbs.txt"
TABLE = SHARED / "ontology" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture(scope="module")
def conversion():
    if not (VERBS.is_file() and TABLE.is_file()):
        pytest.skip("the shared PETRARCH2 dictionary is not available")
    table = read_cameo_plover(TABLE.read_text(encoding="utf-8"), TABLE.name)
    return convert([(VERBS.name, VERBS.read_text(encoding="utf-8"))], table, TABLE.name)


def test_petrarch_shared_dictionary_converts_most_patterns_and_explains_the_rest(conversion):
    counts = conversion.counts()
    # ~400 blocks, ~1,300 verbs, ~4,700 patterns each applying to its block's verbs
    assert 1_000 <= counts["verbs"] <= 2_000
    assert 20_000 <= counts["event rules"] <= 80_000
    assert counts["non-event rules"] < counts["event rules"] / 4
    assert len(conversion.skipped) < 2_500
    assert all(s.reason and s.origin.startswith(f"{VERBS.name}:") for s in conversion.skipped)
    assert all(int(s.origin.rsplit(":", 1)[1]) > 0 for s in conversion.skipped)


def test_petrarch_shared_dictionary_output_loads_as_a_rule_table(conversion):
    lexicon = Lexicon.from_text(conversion.text(), source="cameo2-petrarch.tsv")
    assert len(lexicon) == conversion.counts()["rules"]
    assert {"accuse", "visit", "deploy"} <= lexicon.lemmas()
