"""polex.store.goldstein: Goldstein weights of CAMEO event codes, with the parent fallback."""

from __future__ import annotations

import pytest

from polex.data import read_rows
from polex.store.goldstein import goldstein, goldstein_table


@pytest.mark.parametrize(("code", "weight"), [
    ("190", -10.0),  # use conventional military force
    ("036", 4.0),  # express intent to meet or negotiate
    ("051", 3.4),  # praise or endorse
    ("0871", 9.0),  # declare truce, ceasefire
    ("173", -5.0),  # arrest, detain, or charge with legal action
    ("14", -6.5),  # the root of protest codes
])
def test_store_goldstein_gives_a_listed_codes_own_weight(code: str, weight: float) -> None:
    assert goldstein(code) == weight


def test_store_goldstein_takes_the_parent_weight_for_an_unlisted_subcode() -> None:
    assert "0875" not in goldstein_table()
    assert goldstein("0875") == goldstein("087") == 9.0


def test_store_goldstein_trims_to_the_root_when_the_parent_is_unlisted() -> None:
    assert "099" not in goldstein_table() and "0995" not in goldstein_table()
    assert goldstein("0995") == goldstein("09") == -2.0


@pytest.mark.parametrize("code", [None, "", "1", "19x", "19005", "2100", "ASSAULT", "١٩٠"])
def test_store_goldstein_has_no_weight_for_a_code_it_cannot_read(code: str | None) -> None:
    assert goldstein(code) is None


def test_store_goldstein_ignores_surrounding_space() -> None:
    assert goldstein(" 0874 ") == 10.0


def test_store_goldstein_weights_every_cameo_code_polex_assigns() -> None:
    assigned = {row[2] for row in read_rows("cameo.tsv")}
    assert assigned - set(goldstein_table()) == set()


def test_store_goldstein_table_lies_on_the_scale_with_every_root() -> None:
    table = goldstein_table()
    assert all(-10.0 <= weight <= 10.0 for weight in table.values())
    assert all(code.isdigit() and 2 <= len(code) <= 4 for code in table)
    assert {f"{root:02d}" for root in range(1, 21)} <= set(table)
