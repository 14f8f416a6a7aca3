"""polex.store.layouts: GDELT, ICEWS and POLECAT columns filled from polex records."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from polex import __version__
from polex.schema import Location
from polex.store import EventStore, write_records
from polex.store.layouts import ArticleMeta, cited_article, dyads, get_layout
from tests.export_samples import HEADERS, KENYA_SOURCE, KENYA_URL, Records, build_export_store

Exported = tuple[Path, Records]
Rows = list[dict[str, str]]


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Exported]:
    path = tmp_path / "events.duckdb"
    yield path, build_export_store(path)


def exported(store_path: Path, layout: str, out: Path) -> Rows:
    with EventStore(store_path, read_only=True) as store:
        store.export("csv", out, layout=layout)
    with out.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def rows_of(rows: Rows, id_column: str, record: dict[str, Any]) -> Rows:
    return [row for row in rows if row[id_column] == record["id"]]


def filled(row: dict[str, str]) -> dict[str, str]:
    return {column: value for column, value in row.items() if value != ""}


@pytest.mark.parametrize("layout", ["gdelt", "icews", "polecat"])
def test_store_export_layouts_csv_header_is_the_datasets(
        store_path: Exported, tmp_path: Path, layout: str) -> None:
    path, _ = store_path
    out = tmp_path / f"{layout}.csv"
    exported(path, layout, out)
    with out.open(encoding="utf-8", newline="") as stream:
        assert tuple(next(csv.reader(stream))) == HEADERS[layout]


@pytest.mark.parametrize("layout", ["gdelt", "icews", "polecat"])
def test_store_export_layouts_parquet_has_the_datasets_columns(
        store_path: Exported, tmp_path: Path, layout: str) -> None:
    path, records = store_path
    out = tmp_path / f"{layout}.parquet"
    with EventStore(path, read_only=True) as store:
        assert store.export("parquet", out, layout=layout) == len(records)
    assert tuple(pq.read_table(out).column_names) == HEADERS[layout]


def test_store_export_layouts_gdelt_row_of_the_arrest(store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [arrest] = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                       records["arrest"])
    added = filled(arrest).pop("DATEADDED")
    assert re.fullmatch(r"2\d{13}", added)
    assert {k: v for k, v in filled(arrest).items() if k != "DATEADDED"} == {
        "GLOBALEVENTID": records["arrest"]["id"], "SQLDATE": "20240625",
        "MonthYear": "202406", "Year": "2024", "FractionDate": "2024.4795",
        "Actor1Code": "KENCOP", "Actor1Name": "Kenyan police", "Actor1CountryCode": "KEN",
        "Actor1Type1Code": "COP", "Actor2Code": "KENCVL", "Actor2Name": "protesters",
        "Actor2CountryCode": "KEN", "Actor2Type1Code": "CVL", "EventCode": "173",
        "EventBaseCode": "173", "EventRootCode": "17", "QuadClass": "4",
        "GoldsteinScale": "-5.0", "NumMentions": "1", "NumArticles": "1",
        "ActionGeo_FullName": "Nairobi, Nairobi County, Kenya", "ActionGeo_Lat": "-1.2864",
        "ActionGeo_Long": "36.8172", "SOURCEURL": KENYA_URL,
    }


def test_store_export_layouts_gdelt_dateadded_is_when_the_article_was_stored(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [arrest] = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                       records["arrest"])
    with duckdb.connect(str(path), read_only=True) as conn:
        row = conn.execute("SELECT ingested_at FROM articles WHERE id = ?",
                           [records["arrest"]["article_id"]]).fetchone()
    assert row is not None
    assert arrest["DATEADDED"] == row[0].strftime("%Y%m%d%H%M%S")


def test_store_export_layouts_icews_row_of_the_arrest(store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [arrest] = rows_of(exported(path, "icews", tmp_path / "i.csv"), "Event ID",
                       records["arrest"])
    assert filled(arrest) == {
        "Event ID": records["arrest"]["id"], "Event Date": "2024-06-25",
        "Source Name": "Kenyan police", "Source Sectors": "COP", "Source Country": "Kenya",
        "Event Text": "Arrest, detain, or charge with legal action", "CAMEO Code": "173",
        "Intensity": "-5.0", "Target Name": "protesters", "Target Sectors": "CVL",
        "Target Country": "Kenya", "Story ID": records["arrest"]["article_id"],
        "Sentence Number": "0", "Publisher": KENYA_SOURCE, "Province": "Nairobi County",
        "Country": "Kenya", "Latitude": "-1.2864", "Longitude": "36.8172",
    }


def test_store_export_layouts_polecat_row_of_the_arrest(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [arrest] = rows_of(exported(path, "polecat", tmp_path / "p.csv"), "Event ID",
                       records["arrest"])
    assert filled(arrest) == {
        "Event ID": records["arrest"]["id"], "Event Date": "2024-06-25",
        "Event Type": "COERCE", "Event Mode": "arrest", "Event Intensity": "-7.0",
        "Quad Code": "4", "Contexts": "repression", "Actor Name": "Kenyan police",
        "Actor Country": "KEN", "Primary Actor Sector": "COP", "Actor Sectors": "COP",
        "Actor Name Raw": "Kenyan police", "Recipient Name": "protesters",
        "Recipient Country": "KEN", "Primary Recipient Sector": "CVL",
        "Recipient Sectors": "CVL", "Recipient Name Raw": "protesters",
        "Placename": "Nairobi", "State": "Nairobi County", "Country": "KEN",
        "Latitude": "-1.2864", "Longitude": "36.8172", "GeoNames ID": "184745",
        "Raw Placename": "Nairobi", "Source": KENYA_SOURCE, "Publication Date": "2024-06-25",
        "Language": "en", "Version": f"polex {__version__}",
    }


def test_store_export_layouts_polecat_names_the_person_and_title(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [met] = rows_of(exported(path, "polecat", tmp_path / "p.csv"), "Event ID", records["met"])
    assert (met["Actor Name"], met["Actor Title"], met["Actor Name Raw"]) == (
        "Gabriel Boric", "President of Chile", "Chilean President Gabriel Boric")
    assert met["Wikipedia Actor ID"] == ""  # polex holds Wikidata QIDs, not Wikipedia ids


def test_store_export_layouts_give_one_row_per_actor_recipient_pair(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    rows = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                   records["agree"])
    assert [(row["Actor1Name"], row["Actor2Name"]) for row in rows] == [
        ("Gabriel Boric", ""), ("Alberto Fernández", "")]


def test_store_export_layouts_gdelt_month_date_fills_only_month_and_year(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    row = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                  records["agree"])[0]
    assert [row[c] for c in ("SQLDATE", "MonthYear", "Year", "FractionDate")] == [
        "", "202303", "2023", ""]


@pytest.mark.parametrize("layout", ["icews", "polecat"])
def test_store_export_layouts_leave_a_month_date_empty(
        store_path: Exported, tmp_path: Path, layout: str) -> None:
    path, records = store_path
    rows = rows_of(exported(path, layout, tmp_path / "x.csv"), "Event ID", records["agree"])
    assert {row["Event Date"] for row in rows} == {""}


def test_store_export_layouts_gdelt_writes_cameos_country_codes(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [urge] = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                     records["urge"])
    assert (urge["Actor1Code"], urge["Actor1CountryCode"]) == ("ROUGOV", "ROU")
    assert (urge["Actor2Code"], urge["Actor2CountryCode"]) == ("KSVGOV", "KSV")


def test_store_export_layouts_gdelt_codes_an_international_actor_without_a_country(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [loan] = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                     records["loan"])
    assert (loan["Actor1Code"], loan["Actor1CountryCode"], loan["Actor1Name"]) == (
        "IGO", "", "The World Bank")
    assert (loan["SQLDATE"], loan["Year"], loan["SOURCEURL"]) == ("", "", "")


def test_store_export_layouts_leave_a_division_known_only_by_code_empty(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [met] = rows_of(exported(path, "icews", tmp_path / "i.csv"), "Event ID", records["met"])
    assert (met["Province"], met["Country"], met["Latitude"]) == ("", "Chile", "-33.4569")


def test_store_export_layouts_gdelt_sourceurl_falls_back_to_the_outlet(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    [met] = rows_of(exported(path, "gdelt", tmp_path / "g.csv"), "GLOBALEVENTID",
                    records["met"])
    assert met["SOURCEURL"] == "Example Diario"


UNFILLED = {
    "gdelt": ("Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
              "Actor1Type2Code", "IsRootEvent", "NumSources", "AvgTone", "Actor1Geo_Type",
              "Actor1Geo_Lat", "Actor2Geo_FullName", "ActionGeo_Type",
              "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_FeatureID"),
    "icews": ("City", "District"),
    "polecat": ("Actor COW", "Recipient COW", "Wikipedia Actor ID", "City", "Feature Type",
                "Story People", "Story Organizations", "Story Locations"),
}


@pytest.mark.parametrize("layout", ["gdelt", "icews", "polecat"])
def test_store_export_layouts_leave_what_polex_cannot_fill_empty(
        store_path: Exported, tmp_path: Path, layout: str) -> None:
    path, _ = store_path
    rows = exported(path, layout, tmp_path / f"{layout}.csv")
    assert {row[column] for row in rows for column in UNFILLED[layout]} == {""}


def sparse_records() -> list[dict[str, Any]]:
    """Records with few fields, as a hand-made JSON lines file may hold."""
    located = {"id": "polex-x", "cameo": "0874", "actor": [], "recipient": [],
               "event_loc": Location("Goma", None, "COD").to_dict(),
               "cite_info": {"language": "fr"}}
    return [located, {"id": "polex-y"}]


@pytest.mark.parametrize("name", ["gdelt", "icews", "polecat"])
def test_store_export_layouts_cells_name_only_the_layouts_columns(
        store_path: Exported, name: str) -> None:
    _, stored = store_path
    layout = get_layout(name)
    records = [*stored.values(), *sparse_records()]
    cells = [layout.cells(dyad) for record in records
             for dyad in dyads(record, cited_article(record, ArticleMeta()))]
    assert set().union(*cells) <= set(layout.columns)


def test_store_export_layouts_rejects_an_unknown_layout(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with pytest.raises(ValueError, match="unknown export layout 'acled'"):
        write_records([{"id": "polex-1"}], "csv", out, layout="acled")
    assert not out.exists()


def test_store_export_layouts_refuse_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with pytest.raises(ValueError, match="jsonl holds PLOVER records"):
        write_records([{"id": "polex-1"}], "jsonl", out, layout="gdelt")
    assert not out.exists()


def test_store_export_layouts_gdelt_csv_read_by_pandas(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    out = tmp_path / "gdelt.csv"
    exported(path, "gdelt", out)
    frame = pd.read_csv(out, dtype={"EventCode": str, "EventBaseCode": str,
                                    "EventRootCode": str})
    arrest = frame[frame["GLOBALEVENTID"] == records["arrest"]["id"]].iloc[0]
    assert (arrest["SQLDATE"], arrest["EventRootCode"], arrest["GoldsteinScale"]) == (
        20240625, "17", -5.0)
    assert len(frame) == 7  # six events, the agreement twice (two actors)
