import csv
import io
from importlib import resources

import pytest

from polex.places.geonames import default_index, fold


def _supplement_rows():
    text = resources.files("polex.data").joinpath("places.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t",
                               quoting=csv.QUOTE_NONE))


def _only(name, kind=None, country=None):
    found = [c for c in default_index().candidates(name)
             if (kind is None or c.kind == kind) and (country is None or c.country_code == country)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mek'ele", "mekele"),
        ("the Gaza Strip", "gaza strip"),
        ("Rostov-on-Don", "rostov on don"),
        ("Ürümqi", "urumqi"),
        ("Washington, D.C.", "washington dc"),
    ],
)
def test_places_geonames_fold_makes_spelling_variants_meet(name, key):
    assert fold(name) == key


def test_places_geonames_index_is_built_once_per_process():
    assert default_index() is default_index()


def test_places_geonames_every_division_has_a_listed_seat_or_coordinates():
    index = default_index()
    for row in _supplement_rows():
        if row["kind"] != "admin1":
            continue
        division = [c for c in index.candidates(row["name"])
                    if c.kind == "admin1" and c.country_code == row["country"]]
        assert division, row["name"]
        assert division[0].lat is not None, row["name"]


def test_places_geonames_no_two_divisions_claim_one_admin1_code():
    index = default_index()
    owners: dict[str, str] = {}
    for row in _supplement_rows():
        if row["kind"] != "admin1":
            continue
        division = next(c for c in index.candidates(row["name"])
                        if c.kind == "admin1" and c.country_code == row["country"])
        if division.admin1_key:
            assert owners.setdefault(division.admin1_key, row["name"]) == row["name"]


def test_places_geonames_supplement_rows_have_known_kinds_and_countries():
    index = default_index()
    countries = {c.country_code for cs in index.by_key.values() for c in cs if c.kind == "country"}
    for row in _supplement_rows():
        assert row["kind"] in {"admin1", "region", "island", "sea", "town", "site"}, row["name"]
        assert not row["country"] or row["country"] in countries, row["name"]


def test_places_geonames_capital_replaces_its_city_entry():
    moscow = [c for c in default_index().candidates("Moscow") if c.country_code == "RUS"]
    assert [c.kind for c in moscow] == ["capital"]
    assert moscow[0].geonameid == 524901


def test_places_geonames_capital_found_by_former_spelling():
    assert _only("Kiev").name == "Kyiv"


def test_places_geonames_cities_carry_their_division_name_from_the_seat():
    assert _only("Maicao").admin1 == "La Guajira"
    assert _only("Kramatorsk").admin1 == "Donetsk Oblast"


def test_places_geonames_us_cities_carry_their_state_name():
    houston = _only("Houston", country="USA")
    assert (houston.admin1, houston.admin1_key) == ("Texas", "US.TX")


def test_places_geonames_division_without_supplement_row_keeps_its_code():
    khujand = _only("Khujand")
    assert khujand.admin1 == khujand.admin1_key
    assert khujand.admin1 is not None and khujand.admin1.startswith("TJ.")


def test_places_geonames_alternate_names_in_other_scripts_are_not_keys():
    assert default_index().candidates("Москва") == []


def test_places_geonames_seats_of_government_are_sites_in_the_capital():
    kremlin = _only("the Kremlin")
    assert (kremlin.kind, kremlin.country_code, kremlin.name) == ("site", "RUS", "Kremlin")


def test_places_geonames_seat_that_is_a_city_stays_a_city():
    tel_aviv = _only("Tel Aviv", country="ISR")
    assert tel_aviv.kind == "city"


def test_places_geonames_adjective_leads_to_the_capital():
    capital = default_index().capital_of_adjective("Tajik")
    assert capital is not None and capital.name == "Dushanbe"


def test_places_geonames_division_weight_sums_its_cities():
    punjab = _only("Punjab", country="PAK")
    lahore = _only("Lahore")
    assert punjab.population > lahore.population
