import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from polex.actors import KnowledgeBase, default_kb
from polex.ontology import sectors


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("polex.data").joinpath("kb", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def test_actors_kb_builtin_data_loads_without_problems(kb):
    assert kb.problems == []
    assert kb.warnings == []


def test_actors_kb_has_a_row_for_every_iso_country(kb):
    country_names = {e.identifier_text for e in kb.entries() if e.kind == "country"}
    assert len(country_names) >= 240
    iso_codes = [row[1] for row in _data_rows("countries.tsv") if row[1]]
    assert len(iso_codes) == len(set(iso_codes)) == 249


def test_actors_kb_every_code_is_three_capital_letters(kb):
    codes = {e.code for e in kb.entries() if e.code}
    assert codes
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_actors_kb_every_sector_is_a_plover_sector(kb):
    plover = set(sectors())
    used = {e.sector for e in kb.entries() if e.sector}
    assert used <= plover
    assert {"GOV", "MIL", "COP", "REB", "CVL", "ELI", "PRE"} <= used


def test_actors_kb_dependencies_fold_into_their_controlling_state(kb):
    assert [e.code for e in kb.lookup("Falkland Islands")] == ["GBR"]
    assert [e.code for e in kb.lookup("Puerto Rico")] == ["USA"]
    assert [e.code for e in kb.lookup("Greenland")] == ["DNK"]
    assert [e.code for e in kb.lookup("Hong Kong")] == ["HKG"]
    assert [e.code for e in kb.lookup("Palestine")] == ["PSE"]
    assert [e.code for e in kb.lookup("Kosovo")] == ["KOS"]


def test_actors_kb_country_by_code_is_the_state_not_a_dependency(kb):
    uk = kb.country("GBR")
    assert uk is not None and uk.name == "United Kingdom" and uk.identifier_id == "Q145"
    assert kb.country("FLK") is None


def test_actors_kb_lookup_ignores_case_diacritics_punctuation_and_the(kb):
    elysee = kb.lookup("the Élysée")
    assert [(e.code, e.kind, e.sector) for e in elysee] == [("FRA", "seat", "GOV")]
    assert kb.lookup("Elysee") == elysee
    assert [e.code for e in kb.lookup("U.S.")] == ["USA"]
    erdogan = kb.lookup("Erdogan", date(2020, 1, 1))
    assert [e.identifier_text for e in erdogan] == ["Recep Tayyip Erdoğan"]


def test_actors_kb_capital_stands_for_the_government(kb):
    moscow = kb.lookup("Moscow")
    assert [(e.code, e.sector, e.kind) for e in moscow] == [("RUS", "GOV", "capital")]


def test_actors_kb_capitals_of_dependencies_are_not_metonyms(kb):
    assert kb.lookup("Stanley") == []
    assert kb.lookup("Nuuk") == []


def test_actors_kb_acronyms_only_match_capitals(kb):
    assert kb.lookup("who") == []
    assert kb.lookup("us") == []
    assert [e.code for e in kb.lookup("WHO")] == ["UNO"]
    assert [e.code for e in kb.lookup("Nato")] == ["IGO"]


def test_actors_kb_person_resolves_to_the_office_held_on_the_date(kb):
    [boric] = kb.lookup("Boric", date(2023, 6, 1))
    assert (boric.code, boric.sector, boric.office) == ("CHL", "GOV", "President")
    [netanyahu] = kb.lookup("Netanyahu", date(2023, 6, 1))
    assert (netanyahu.sector, netanyahu.office) == ("GOV", "Prime Minister")


def test_actors_kb_former_holder_is_eli(kb):
    [pinera] = kb.lookup("Piñera", date(2023, 6, 1))
    assert (pinera.code, pinera.sector, pinera.office) == ("CHL", "ELI", "former President")
    [netanyahu] = kb.lookup("Netanyahu", date(2022, 1, 1))
    assert (netanyahu.sector, netanyahu.office) == ("ELI", "former Prime Minister")


def test_actors_kb_future_holder_is_not_returned(kb):
    assert kb.lookup("Milei", date(2019, 1, 1)) == []


def test_actors_kb_namesakes_list_current_holder_first(kb):
    found = kb.lookup("Sharif", date(2023, 1, 1))
    assert [(e.identifier_text, e.sector) for e in found] == [
        ("Shehbaz Sharif", "GOV"),
        ("Nawaz Sharif", "ELI"),
    ]


def test_actors_kb_dated_organization_rows_follow_the_date(kb):
    assert [e.sector for e in kb.lookup("Taliban", date(2019, 5, 1))] == ["REB"]
    assert [e.sector for e in kb.lookup("Taliban", date(2023, 5, 1))] == ["GOV"]
    assert [e.sector for e in kb.lookup("RSF", date(2022, 1, 1))] == ["PRM"]


def test_actors_kb_holder_of_an_office_on_a_date(kb):
    holder = kb.holder("GBR", "Prime Minister", date(2022, 10, 1))
    assert holder is not None and holder.identifier_text == "Liz Truss"
    assert kb.holder("GBR", "Prime Minister", date(1990, 1, 1)) is None


def test_actors_kb_every_office_row_says_where_it_was_checked():
    rows = _data_rows("offices.tsv")
    assert len(rows) > 400
    assert all(len(row) == 9 and row[8].strip() for row in rows)


def test_actors_kb_user_file_overrides_builtin_and_warns_once(tmp_path):
    user = _write(
        tmp_path,
        "orgs.tsv",
        [
            "name\taliases\tcode\tsector\twikidata\tvalid_from\tvalid_to\tnote",
            "Hezbollah\tHizbollah\tLBN\tPTY\t\t\t2020-12-31\tparty",
            "Hezbollah\tHizbollah\tLBN\tREB\t\t2021-01-01\t\tarmed wing",
        ],
    )
    kb = KnowledgeBase.load([user])
    assert [e.sector for e in kb.lookup("Hezbollah", date(2019, 1, 1))] == ["PTY"]
    assert [e.sector for e in kb.lookup("Hezbollah", date(2022, 1, 1))] == ["REB"]
    hezbollah_warnings = [w for w in kb.warnings if "'Hezbollah'" in w]
    assert len(hezbollah_warnings) == 1
    assert hezbollah_warnings[0].startswith(f"{user}:2:")
    assert kb.problems == []


def test_actors_kb_user_person_overrides_every_builtin_term(tmp_path):
    user = _write(
        tmp_path,
        "people.tsv",
        [
            "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked",
            "Netanyahu\t\tISR\tOpposition Leader\tOPP\t2021-06-13\t2022-12-29\t\ttest",
        ],
    )
    kb = KnowledgeBase.load([user])
    assert [e.office for e in kb.lookup("Netanyahu", date(2022, 1, 1))] == ["Opposition Leader"]
    assert [e.sector for e in kb.lookup("Netanyahu", date(2016, 1, 1))] == []
    assert len(kb.warnings) == 1


def test_actors_kb_country_sector_row_keeps_the_neutral_row(tmp_path):
    user = _write(
        tmp_path,
        "nouns.tsv",
        ["phrase\tsector\toffice\tcountry\trole\tnote", "coast guard\tCOP\t\tUSA\t\t"],
    )
    kb = KnowledgeBase.load([user])
    found = {(e.code, e.sector) for e in kb.lookup("coast guard")}
    assert {("USA", "COP"), ("", "MIL"), ("JPN", "COP")} <= found
    assert kb.warnings == []


def test_actors_kb_user_file_adds_a_dated_person(tmp_path):
    user = _write(
        tmp_path,
        "people.tsv",
        [
            "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked",
            "Ana Example\tExample\tPER\tForeign Minister\tGOV\t2018-04\t2020-10\t\ttest row",
        ],
    )
    kb = KnowledgeBase.load([user])
    [current] = kb.lookup("Example", date(2020, 10, 31))
    assert (current.code, current.office, current.start) == (
        "PER",
        "Foreign Minister",
        date(2018, 4, 1),
    )
    [former] = kb.lookup("Example", date(2020, 11, 1))
    assert former.sector == "ELI"
    assert kb.warnings == []


def test_actors_kb_malformed_user_lines_are_reported_and_skipped(tmp_path):
    user = _write(
        tmp_path,
        "bad.tsv",
        [
            "# a comment line",
            "phrase\tsector\toffice\tcountry\trole\tnote",
            "border troops\tMIL\t\t\t\t",
            "tax collectors\tTAX\t\t\t\t",
            "harbour police\tCOP\t\tLebanon\t\t",
            "pilots\tMIL\t\t\t\t\textra",
            "\tGOV\t\t\t\t",
        ],
    )
    kb = KnowledgeBase.load([user])
    assert [p.split(": ")[0] for p in kb.problems] == [
        f"{user}:4",
        f"{user}:5",
        f"{user}:6",
        f"{user}:7",
    ]
    assert "TAX" in kb.problems[0]
    assert [e.sector for e in kb.lookup("border troops")] == ["MIL"]


def test_actors_kb_bad_dates_are_reported(tmp_path):
    user = _write(
        tmp_path,
        "people.tsv",
        [
            "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked",
            "Someone Else\t\tPER\tPresident\tGOV\t2018-13-01\t\t\t",
            "Other Person\t\tPER\tPresident\tGOV\t2020-01-01\t2019-01-01\t\t",
        ],
    )
    kb = KnowledgeBase.load([user])
    assert len(kb.problems) == 2
    assert kb.problems[0].startswith(f"{user}:2: bad date")
    assert kb.problems[1].startswith(f"{user}:3: end")


def test_actors_kb_unrecognized_user_file_is_reported(tmp_path):
    user = _write(tmp_path, "notes.tsv", ["title\tbody", "x\ty"])
    kb = KnowledgeBase.load([user])
    assert kb.problems == [f"{user}:1: unrecognized header 'title\\tbody'"]


def test_actors_kb_default_is_loaded_once():
    assert default_kb() is default_kb()


def test_actors_kb_cameo_agents_fill_gaps_in_the_sector_nouns(kb):
    assert [e.sector for e in kb.lookup("cattle ranchers")] == ["AGR"]
    assert [e.sector for e in kb.lookup("herdsmen")] == ["AGR"]


def test_actors_kb_cameo_agents_never_replace_a_curated_row(monkeypatch):
    import polex.actors.kb as kb_module

    curated = kb_module._builtin_text

    def with_conflicting_agents(name: str) -> str:
        if name == "cameo_agents.tsv":
            return "phrase\tsector\toffice\tcountry\trole\tnote\npolice\tMIL\t\t\t\t\n"
        return curated(name)

    monkeypatch.setattr(kb_module, "_builtin_text", with_conflicting_agents)
    loaded = KnowledgeBase.load()
    assert [e.sector for e in loaded.lookup("police")] == ["COP"]
    assert loaded.problems == []


def test_actors_kb_person_weeks_before_taking_office_is_their_states(kb):
    found = [e for e in kb.lookup("Bashar al-Assad", date(2000, 7, 1)) if e.kind == "person"]
    assert [(e.code, e.sector, e.office) for e in found] == [("SYR", "ELI", None)]


def test_actors_kb_person_long_before_taking_office_is_not_looked_up(kb):
    assert [e for e in kb.lookup("Sonko", date(2023, 6, 1)) if e.kind == "person"] == []


def test_actors_kb_sadr_the_surname_is_no_western_sahara(kb):
    assert kb.lookup("Sadr") == []
    assert {e.code for e in kb.lookup("Sahrawi Arab Democratic Republic")} == {"MAR"}


def test_actors_kb_usaid_is_a_us_government_agency(kb):
    for name in ("USAID", "U.S. Agency for International Development"):
        assert [(e.code, e.sector) for e in kb.lookup(name)] == [("USA", "GOV")]
