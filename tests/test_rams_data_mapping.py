"""The AIDA→PLOVER table for RAMS, and the rebuilding of RAMS passages' text."""

from __future__ import annotations

import json

import pytest
from training.rams_data import (
    MAPPING_FILE,
    RAMS_DIR,
    detokenize,
    event_types,
    passage_from_record,
    read_mapping,
)

from polex import ontology


def test_the_mapping_table_parses_with_one_row_per_type() -> None:
    table = read_mapping()
    assert len(table) > 100
    lines = [line for line in MAPPING_FILE.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#") and not line.startswith("aida_type\t")]
    assert len(lines) == len(table)
    assert all(row.note for row in table.values())


def test_every_mapped_type_and_mode_is_plover() -> None:
    types = set(ontology.event_types())
    assert len(types) == 16
    for row in read_mapping().values():
        if row.plover_event is None:
            assert not row.plover_mode, row.aida_type
            continue
        assert row.plover_event in types, row.aida_type
        for mode in row.plover_mode:
            assert mode in ontology.modes(row.plover_event), (row.aida_type, mode)


def test_the_examples_the_mapping_was_asked_for() -> None:
    table = read_mapping()
    assert table["conflict.attack.firearmattack"].plover_event == "ASSAULT"
    assert table["conflict.attack.firearmattack"].plover_mode == ("firearms",)
    assert table["conflict.demonstrate.marchprotestpoliticalgathering"].plover_event == "PROTEST"
    assert table["justice.arrestjaildetain.arrestjaildetain"].plover_mode == ("arrest",)
    assert table["contact.negotiate.meet"].plover_event == "CONSULT"
    assert table["government.vote.castvote"].plover_event is None
    assert table["life.die.nonviolentdeath"].plover_event is None


@pytest.mark.skipif(not RAMS_DIR.is_dir(), reason="RAMS is not in ../shared/training/rams")
def test_every_rams_event_type_has_a_row() -> None:
    table = read_mapping()
    splits = [RAMS_DIR / "dev.jsonlines", RAMS_DIR / "test.jsonlines"]
    annotated = event_types([path for path in splits if path.is_file()])
    meta = {name for name, _roles in json.loads((RAMS_DIR / "meta.json").read_text())}
    assert annotated
    assert sorted((annotated | meta) - set(table)) == []


SENTENCES = [
    ["\"", "We", "do", "n't", "know", ",", "\"", "the", "U.S.", "envoy", "said", "."],
    ["Rebels", "(", "pro", "-", "Russian", ")", "shelled", "Donetsk", "'s", "airport", "on",
     "“", "Monday", "”", ":", "$", "5", "million", "in", "damage", "."],
]


def test_detokenize_joins_punctuation_clitics_and_hyphens() -> None:
    text, spans = detokenize(SENTENCES)
    assert text == ("\"We don't know,\" the U.S. envoy said. Rebels (pro-Russian) shelled "
                    "Donetsk's airport on “Monday”: $5 million in damage.")
    tokens = [token for sentence in SENTENCES for token in sentence]
    assert len(spans) == len(tokens)
    assert [text[start:end] for start, end in spans] == tokens


def test_a_passage_starting_inside_a_quotation_closes_it() -> None:
    text, _ = detokenize([["ashamed", "of", "them", ".", "\""], ["\"", "Sorry", "."]])
    assert text == "ashamed of them.\" \"Sorry."


def test_a_passage_knows_its_trigger_and_sentence() -> None:
    record = {
        "doc_key": "nw_test", "sentences": SENTENCES,
        "evt_triggers": [[18, 18, [["conflict.attack.n/a", 1.0]]]],
    }
    table = read_mapping()
    passage = passage_from_record(record, table, line=7)
    assert passage.trigger_text == "shelled"
    assert passage.plover_event == "ASSAULT"
    assert passage.text[passage.sentence[0]:passage.sentence[1]].startswith("Rebels (pro-")
    assert passage.text[passage.sentence[0]:passage.sentence[1]].endswith("in damage.")
    assert passage.line == 7
