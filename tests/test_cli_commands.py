"""The command line end to end, on articles written into a temporary folder."""

import json

import pytest
from typer.testing import CliRunner

from polex.cli import EXIT_SOME_FAILED, app
from polex.schema import validation_errors

runner = CliRunner()

VISIT = """Title: Boric in Buenos Aires
Published: 2024-06-05
Source: Andes Wire

Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires on Monday.

The two governments signed a memorandum on lithium exploration, officials said.
"""

PROTEST = """Title: Arrests in Nairobi
Published: 2024-06-26

Kenyan police arrested dozens of protesters in Nairobi on Tuesday.
"""


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "boric_visit.txt").write_text(VISIT, encoding="utf-8")
    (folder / "nairobi_arrests.txt").write_text(PROTEST, encoding="utf-8")
    return folder


def _plover_lines(output):
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_cli_extract_writes_valid_plover_lines(corpus):
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    records = _plover_lines(result.stdout)
    assert records
    assert all(validation_errors(r) == [] for r in records)
    assert {r["article_id"] for r in records} == {"boric_visit", "nairobi_arrests"}


def test_cli_extract_codes_the_visit_with_its_own_date(corpus):
    records = _plover_lines(runner.invoke(app, ["extract", str(corpus)]).stdout)
    consult = [r for r in records if r["event"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2024-06-03"
    assert {e["code"] for e in consult[0]["actor"] + consult[0]["recipient"]} == {"CHL", "ARG"}


def test_cli_extract_reports_bad_input_and_keeps_going(corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == EXIT_SOME_FAILED
    assert "empty.txt" in result.stderr
    assert _plover_lines(result.stdout)


def test_cli_ingest_twice_adds_nothing(corpus, tmp_path):
    db = str(tmp_path / "events.duckdb")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    before = _plover_lines(runner.invoke(app, ["events", "--db", db, "--format", "plover"]).stdout)
    second = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    after = _plover_lines(runner.invoke(app, ["events", "--db", db, "--format", "plover"]).stdout)
    assert second.exit_code == 0
    assert "skipped as duplicates" in second.stderr
    assert [r["id"] for r in after] == [r["id"] for r in before]


def test_cli_events_filters_by_actor(corpus, tmp_path):
    db = str(tmp_path / "events.duckdb")
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, ["events", "--db", db, "--actor", "KEN", "--format", "plover"])
    records = _plover_lines(result.stdout)
    assert records and all(any(a["code"] == "KEN" for a in r["actor"]) for r in records)


def test_cli_export_parquet_round_trips(corpus, tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "events.duckdb")
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    stored = _plover_lines(runner.invoke(app, ["events", "--db", db, "--format", "plover"]).stdout)
    assert pq.read_table(out).num_rows == len(stored)


def test_cli_eval_prints_scores(tmp_path):
    record = {"article_id": "a1", "event": "CONSULT", "actor": [{"code": "CHL"}],
              "recipient": [], "date": "2024-06-03", "text": "Boric met Milei."}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(gold), "--json"])
    scores = json.loads(result.stdout)
    assert scores["overall"]["event"]["f1"] == 1.0


def test_cli_events_clustered_merges_one_event_from_two_outlets(tmp_path):
    folder = tmp_path / "wires"
    folder.mkdir()
    first = "Title: Arrests\nPublished: 2024-06-26\n\n" + PROTEST.split("\n\n", 1)[1]
    second = (
        "Title: Nairobi crackdown\nPublished: 2024-06-26\nSource: Coast Daily\n\n"
        "Kenyan police arrested scores of protesters in Nairobi on Tuesday, witnesses said.\n"
    )
    (folder / "wire_one.txt").write_text(first, encoding="utf-8")
    (folder / "wire_two.txt").write_text(second, encoding="utf-8")
    db = str(tmp_path / "events.duckdb")
    runner.invoke(app, ["ingest", str(folder), "--db", db])
    plain = _plover_lines(runner.invoke(app, ["events", "--db", db, "--format", "plover"]).stdout)
    result = runner.invoke(app, ["events", "--db", db, "--format", "plover", "--clustered"])
    clustered = _plover_lines(result.stdout)
    arrests = [r for r in clustered if r["event"] == "COERCE"]
    assert len([r for r in plain if r["event"] == "COERCE"]) == 2
    assert len(arrests) == 1 and arrests[0]["num_articles"] == 2
    assert arrests[0]["article_ids"] == ["wire_one", "wire_two"]
