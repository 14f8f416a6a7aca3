from datetime import date
from pathlib import Path

import pytest

from polex.actors import KnowledgeBase, default_kb
from polex.actors.cameo import (
    CameoError,
    default_code_table,
    display_name,
    kb_rows,
    parse_cameo_date,
    parse_date_range,
    read_cameo,
    read_cameo_text,
)

DICTIONARIES = Path(__file__).resolve().parents[1].parent / "shared" / "dictionaries"

# Written for these tests in the CAMEO actor-dictionary syntax (names and dates are real).
ACTORS = """\
# heads of state, one entry per person
CHILE_  [CHL]
RICARDO_LAGOS_  # comment after the name
+LAGOS_ESCOBAR_
+PRESIDENT_LAGOS_
\t[CHLELI 750101-000310]
\t[CHLGOV 000311-060310]
\t[CHLELI]
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]
UNHCR_\t[IGOUNOREFHCR]
EUROPEAN_COMMISSION_\t[IGOEUREEC]
MEDECINS_SANS_FRONTIERES_(MSF)_\t[NGOHLHMSF]
XANANA_GUSMAO_
\t[TMPGOV 20020520-20070520]
LORD'S_RESISTANCE_ARMY_ [CFRREB]
U.N._
NOWHERE_LIBERATION_FRONT_ [XXXREB]
\t[CHLGOV 2004017-20061201]
\t[CHLGOV 061301-061231]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
POLICE_OFFICER [~COP]
RIOT_POLICE {} [~COP]
FERRY {FERRIES} [~BUS]
FISHER!PERSON! [~AGR]
INFORMATION_MINISTER [~GOVMED]
JOURNALIST [~MED]
NURSE [~HLH]
SECRETARIAT [IGO~]
AD!PERSON!ISTRATOR [~GOV]
MINISTER_OF_STATE [~GOV]
"""


@pytest.fixture(scope="module")
def actors():
    return read_cameo_text(ACTORS, "sample.actors")


@pytest.fixture(scope="module")
def agents():
    return read_cameo_text(AGENTS, "sample.agents")


def _entry(result, name):
    return next(e for e in result.entries if e.name == name)


def _loaded(tmp_path, result, known=None):
    path = tmp_path / "imported.tsv"
    path.write_text(kb_rows(result, known).text(["sample"]), encoding="utf-8")
    return KnowledgeBase.load([path]), path


@pytest.mark.parametrize(
    "cameo, expected",
    [
        ("USAGOV", ("USA", "GOV")),
        ("RUSMIL", ("RUS", "MIL")),
        ("AFGGOVAGR", ("AFG", "GOV")),
        ("IGOUNO", ("UNO", None)),
        ("IGOUNOHLHWHO", ("UNO", "MED")),
        ("IGOEUREEC", ("EUR", None)),
        ("IGOWSTNAT", ("IGO", None)),
        ("NGOHRIAMN", ("NGO", "SOC")),
        ("MNCUSA", ("MNC", None)),
        ("IMGMUSALQ", ("IMG", "REL")),
        ("HTIOPPMED", ("HTI", "OPP")),
        ("KSVGOV", ("KOS", "GOV")),
        ("TMPGOV", ("TLS", "GOV")),
        ("USRMIL", ("RUS", "MIL")),
        ("PRIGOV", ("USA", "GOV")),
        ("SYRINS", ("SYR", "REB")),
        ("USAMED", ("USA", "JRN")),
        ("GBRHLH", ("GBR", "MED")),
        ("WAFREB", ("IMG", "REB")),
        ("ELI", (None, "ELI")),
    ],
)
def test_actors_cameo_codes_map_to_plover_code_and_sector(cameo, expected):
    mapped = default_code_table().actor(cameo)
    assert (mapped.code, mapped.sector) == expected


@pytest.mark.parametrize("cameo", ["KNT", "MEA", "US", "USAGO1X", "HIN"])
def test_actors_cameo_codes_without_plover_actor_are_refused(cameo):
    with pytest.raises(CameoError):
        default_code_table().actor(cameo)


def test_actors_cameo_two_digit_years_follow_the_tabari_rule():
    assert parse_cameo_date("000311") == date(2000, 3, 11)
    assert parse_cameo_date("300101") == date(2030, 1, 1)
    assert parse_cameo_date("750101") == date(1975, 1, 1)
    assert parse_cameo_date("19270101") == date(1927, 1, 1)


def test_actors_cameo_date_restrictions():
    assert parse_date_range(">120101") == (date(2012, 1, 1), None)
    assert parse_date_range("> 140608") == (date(2014, 6, 8), None)
    assert parse_date_range("<990830") == (None, date(1999, 8, 30))
    assert parse_date_range("20020520-20070520") == (date(2002, 5, 20), date(2007, 5, 20))
    with pytest.raises(CameoError):
        parse_date_range("2004017-20061201")


def test_actors_cameo_entry_keeps_synonyms_and_dated_roles(actors):
    lagos = _entry(actors, "Ricardo Lagos")
    assert lagos.origin == "sample.actors:3"
    assert lagos.aliases == ["Lagos Escobar", "President Lagos"]
    dated = [(r.code, r.sector, r.start, r.end) for r in lagos.roles if r.dated]
    assert dated == [
        ("CHL", "ELI", date(1975, 1, 1), date(2000, 3, 10)),
        ("CHL", "GOV", date(2000, 3, 11), date(2006, 3, 10)),
    ]
    assert [(r.code, r.sector) for r in lagos.roles if not r.dated] == [("CHL", "ELI")]


def test_actors_cameo_parenthesized_acronym_becomes_an_alias(actors):
    msf = _entry(actors, "Medecins Sans Frontieres")
    assert msf.aliases == ["MSF"]
    assert [(r.code, r.sector) for r in msf.roles] == [("NGO", "MED")]


def test_actors_cameo_malformed_lines_are_reported_with_file_and_line(actors):
    reported = [str(s) for s in actors.skipped]
    assert reported == [
        "sample.actors:16: entry without a usable code: U.N.",
        "sample.actors:17: unknown CAMEO code: XXXREB",
        "sample.actors:18: bad date (expected YYMMDD or YYYYMMDD): 2004017",
        "sample.actors:19: bad date: 061301 (month must be in 1..12)",
        "sample.actors:17: entry without a usable code: Nowhere Liberation Front",
    ]
    assert actors.entry_lines == 10
    assert len(actors.entries) == 8


def test_actors_cameo_region_coded_armed_group_is_transnational(actors):
    lra = _entry(actors, "Lord's Resistance Army")
    assert [(r.code, r.sector) for r in lra.roles] == [("IMG", "REB")]


def test_actors_cameo_imported_person_follows_dated_roles(tmp_path, actors):
    kb, _path = _loaded(tmp_path, actors)
    assert kb.problems == []
    [in_office] = kb.lookup("Lagos Escobar", date(2003, 5, 1))
    assert (in_office.code, in_office.sector, in_office.kind) == ("CHL", "GOV", "person")
    assert in_office.identifier_text == "Ricardo Lagos"
    [before] = kb.lookup("President Lagos", date(1990, 1, 1))
    assert before.sector == "ELI"
    [after] = kb.lookup("Ricardo Lagos", date(2015, 1, 1))
    assert (after.sector, after.start) == ("ELI", date(2006, 3, 11))


def test_actors_cameo_bare_eli_takes_the_country_of_the_last_role(tmp_path, actors):
    kb, _path = _loaded(tmp_path, actors)
    [annan] = kb.lookup("Kofi Annan", date(2010, 1, 1))
    assert (annan.code, annan.sector) == ("UNO", "ELI")
    [gusmao] = kb.lookup("Xanana Gusmao", date(2005, 1, 1))
    assert (gusmao.code, gusmao.sector) == ("TLS", "GOV")


def test_actors_cameo_undated_entries_become_organizations(tmp_path, actors):
    kb, _path = _loaded(tmp_path, actors)
    [unhcr] = kb.lookup("UNHCR")
    assert (unhcr.kind, unhcr.code, unhcr.sector) == ("organization", "UNO", "REF")
    [commission] = kb.lookup("European Commission")
    assert commission.code == "EUR"


def test_actors_cameo_written_file_holds_three_tables(tmp_path, actors, agents):
    combined = read_cameo_text(ACTORS, "sample.actors")
    combined.extend(agents)
    _kb, path = _loaded(tmp_path, combined)
    headers = [line.split("\t")[0] for line in path.read_text().splitlines() if "\t" in line]
    assert {"person", "name", "phrase"} <= set(headers)


def test_actors_cameo_known_names_are_left_out(tmp_path, actors):
    rows = kb_rows(actors, lambda name: name == "UNHCR")
    assert rows.known == 1
    assert not any(row.startswith("UNHCR\t") for row in rows.organizations)


def test_actors_cameo_agents_expand_macros_and_plurals(agents):
    nouns = {a.phrase: a.sector for a in agents.agents}
    assert nouns["police officer"] == nouns["police officers"] == "COP"
    assert "riot polices" not in nouns
    assert nouns["ferries"] == "BUS" and "ferrys" not in nouns
    assert {"fisherman", "fishermen", "fisherwoman", "fisherwomen"} <= set(nouns)
    assert nouns["information minister"] == "GOV"
    assert nouns["journalist"] == "JRN"
    assert nouns["nurses"] == "MED"
    assert "ministers of state" not in nouns and nouns["minister of state"] == "GOV"


def test_actors_cameo_agent_lines_that_cannot_be_imported_are_reported(agents):
    assert [(s.origin, s.reason) for s in agents.skipped] == [
        ("sample.agents:9", "agent code with no PLOVER sector"),
        ("sample.agents:10", "macro inside a word"),
    ]
    assert agents.agent_lines == 10


def test_actors_cameo_imported_agents_resolve_as_sector_nouns(tmp_path, agents):
    kb, _path = _loaded(tmp_path, agents)
    assert [(e.kind, e.sector) for e in kb.lookup("fishermen")] == [("sector_noun", "AGR")]


def test_actors_cameo_names_are_recased():
    assert display_name("MOHAMMAD_ZAHIR_SHAH_") == "Mohammad Zahir Shah"
    assert display_name("NATO_") == "NATO"
    assert display_name("U.N._SECURITY_COUNCIL") == "U.N. Security Council"
    assert display_name("THE_UNITED_NATIONS_", {"of"}) == "United Nations"
    assert display_name("SECRETARIAT_OF_THE_UN", {"of", "the"}) == "Secretariat of the Un"


def test_actors_cameo_unreadable_file_is_reported(tmp_path):
    result = read_cameo([tmp_path / "missing.actors.txt"])
    assert [s.reason for s in result.skipped] == ["cannot read file"]


# -- the real Phoenix dictionaries (MIT), read in place when present --------------------------

phoenix = pytest.mark.skipif(
    not (DICTIONARIES / "Phoenix.Countries.actors.txt").exists(),
    reason="Phoenix dictionaries not present beside the repository",
)


@pytest.fixture(scope="module")
def countries():
    return read_cameo([DICTIONARIES / "Phoenix.Countries.actors.txt"])


@phoenix
def test_actors_cameo_phoenix_countries_counts(countries):
    assert countries.entry_lines == 18390
    assert len(countries.entries) == 18342
    assert countries.synonyms == 7430
    assert countries.dated_roles == 26088
    assert len(countries.skipped) == 75
    assert countries.skip_reasons()["unknown CAMEO code"] == 19  # the fictional Kinakuta


@phoenix
def test_actors_cameo_phoenix_head_of_state_with_dated_roles(countries):
    putin = _entry(countries, "Vladimir Putin")
    assert "President Putin" in putin.aliases
    dated = {(r.sector, r.start, r.end) for r in putin.roles if r.dated}
    assert ("GOV", date(2008, 5, 8), None) in dated
    assert ("GOV", date(1999, 8, 9), date(2000, 5, 7)) in dated
    assert [(r.code, r.sector) for r in putin.roles if not r.dated] == [("RUS", "ELI")]


@phoenix
def test_actors_cameo_phoenix_former_leader_resolves_by_date(tmp_path, countries):
    rows = kb_rows(countries)
    path = tmp_path / "phoenix.tsv"
    path.write_text(rows.text(["Phoenix.Countries.actors.txt"]), encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.problems == []
    [najibullah] = kb.lookup("Mohammad Najibullah", date(1990, 1, 1))
    assert (najibullah.code, najibullah.sector) == ("AFG", "GOV")
    [later] = kb.lookup("Mohammad Najibullah", date(1995, 1, 1))
    assert (later.code, later.sector) == ("AFG", "ELI")


@phoenix
def test_actors_cameo_phoenix_international_counts_and_entries():
    result = read_cameo([DICTIONARIES / "Phoenix.International.actors.txt"])
    assert (result.entry_lines, len(result.entries), result.dated_roles) == (7841, 7812, 451)
    assert len(result.skipped) == 56
    annan = _entry(result, "Kofi Annan")
    assert [(r.code, r.sector, r.start) for r in annan.roles if r.dated] == [
        ("UNO", None, date(1997, 1, 1))
    ]
    iaea = _entry(result, "International Atomic Energy Agency")
    assert [(r.code, r.sector) for r in iaea.roles] == [("UNO", None)]


@phoenix
def test_actors_cameo_phoenix_armed_groups():
    result = read_cameo([DICTIONARIES / "Phoenix.MilNonState.actors.txt"])
    assert (result.entry_lines, len(result.entries), result.synonyms) == (1021, 1000, 822)
    assert len(result.skipped) == 42
    aum = _entry(result, "Aum Shinrikyo")
    assert [(r.code, r.sector) for r in aum.roles] == [("IMG", "REB")]


@phoenix
def test_actors_cameo_phoenix_agents():
    result = read_cameo([DICTIONARIES / "Phoenix.agents.txt"])
    assert (result.agent_lines, len(result.agents), len(result.skipped)) == (2245, 5000, 20)
    nouns = {(a.phrase, a.sector) for a in result.agents}
    assert {("riot police", "COP"), ("peasants", "AGR"), ("cattlemen", "AGR")} <= nouns
    assert ("ministry of defence", "GOV") in nouns


@phoenix
def test_actors_cameo_phoenix_import_leaves_builtin_entries_alone(tmp_path):
    files = [DICTIONARIES / name for name in ("Phoenix.International.actors.txt",)]
    rows = kb_rows(read_cameo(files), default_kb().knows)
    path = tmp_path / "international.tsv"
    path.write_text(rows.text(["Phoenix.International.actors.txt"]), encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.warnings == [] and kb.problems == []
    assert [e.identifier_text for e in kb.lookup("UN")] == ["United Nations"]
