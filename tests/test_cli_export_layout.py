"""polex export --layout: dataset columns from the command line, end to end."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from typer.testing import CliRunner

from polex.cli import app
from tests.api_samples import build_store
from tests.export_samples import HEADERS, build_export_store

runner = CliRunner()


def test_cli_export_layout_gdelt_csv_has_a_header_and_the_events(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "gdelt.csv"
    records = build_export_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv",
                                 "--layout", "gdelt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {len(records)} events" in result.output
    frame = pd.read_csv(out, dtype={"EventCode": str})
    assert tuple(frame.columns) == HEADERS["gdelt"]
    assert set(frame["GLOBALEVENTID"]) == {record["id"] for record in records.values()}
    arrest = frame[frame["GLOBALEVENTID"] == records["arrest"]["id"]].iloc[0]
    assert (arrest["EventCode"], arrest["Actor1Code"]) == ("173", "KENCOP")


def test_cli_export_layout_icews_parquet_has_its_columns(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "icews.parquet"
    records = build_export_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet",
                                 "--layout", "icews", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert tuple(table.column_names) == HEADERS["icews"]
    urge = next(row for row in table.to_pylist() if row["Event ID"] == records["urge"]["id"])
    assert (urge["Source Country"], urge["Target Country"], urge["Intensity"]) == (
        "Romania", "Kosovo", -5.0)


def test_cli_export_layout_with_jsonl_is_a_usage_error(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "events.jsonl"
    build_export_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl",
                                 "--layout", "polecat", "--out", str(out)])
    assert result.exit_code == 2
    assert "--layout" in result.output and "PLOVER records" in result.output
    assert not out.exists()


def test_cli_export_layout_unknown_name_is_a_usage_error(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "events.csv"
    build_export_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv",
                                 "--layout", "acled", "--out", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_cli_export_layout_clustered_counts_the_articles(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "gdelt.csv"
    records = build_store(db)  # the Nairobi arrest is reported by two articles
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--layout",
                                 "gdelt", "--clustered", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as stream:
        rows = {row["GLOBALEVENTID"]: row for row in csv.DictReader(stream)}
    # the more confident wire report stands for the cluster, with its own article
    assert records["arrest"]["id"] not in rows
    arrest = rows[records["wire_arrest"]["id"]]
    assert (arrest["NumArticles"], arrest["NumMentions"]) == ("2", "2")
    assert arrest["SOURCEURL"] == "https://wire.example.com/kenya-arrests"


def test_cli_export_flat_csv_joins_the_article(tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "events.csv"
    records = build_export_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype={"cameo": str}).set_index("id")
    urge = frame.loc[records["urge"]["id"]]
    assert (urge["source"], urge["published"], urge["cameo"]) == (
        "Example Balkan Wire", "2024-02-02", "100")
