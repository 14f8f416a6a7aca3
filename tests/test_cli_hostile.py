"""The command line facing hostile text, names and files: no traceback, one clear line,
a documented exit status, nothing acted on by the terminal or a spreadsheet."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from polex import cli
from polex.config import EXIT_OUTPUT, EXIT_SOME_FAILED, EXIT_STORE, EXIT_USAGE
from polex.pipeline import ArticleResult
from polex.schema import Article, IngestFailure, IngestNotice
from polex.store import BulkWriter, EventStore
from tests.store_samples import KENYAN_POLICE, PROTESTERS, kenya_article, make_event
from tests.test_store_safety import build_store, corrupt_an_events_block

runner = CliRunner()
app = cli.app

HOSTILE_TEXT = (
    'Kenyan police arrested [bold]protesters[/red] in Nairobi\x1b[2J\x1b]0;owned\x07 on '
    'Tuesday. =HYPERLINK("http://evil.example","details") said officers\x9b6n at dawn.'
)
TERMINAL_CONTROLS = ("\x1b", "\x9b", "\x07")


def hostile_article() -> Article:
    return replace(kenya_article(), id="nation-hostile", text=HOSTILE_TEXT,
                   origin="news[/x]/kenya\x1b[2J.html")


def hostile_events(article: Article) -> list[Any]:
    return [
        make_event(article, 0, "Kenyan police", "arrested", "COERCE", [KENYAN_POLICE],
                   [PROTESTERS], "2024-06-25", "day", event_scale=-7.0),
        make_event(article, 1, "=HYPERLINK", "said", "ACCUSE", [KENYAN_POLICE], [],
                   "2024-06-25", "day"),
    ]


@pytest.fixture()
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    article = hostile_article()
    with EventStore(db) as store:
        store.add_article(article, hostile_events(article))
    return db


def fake_code(articles: Iterable[Article], *_: Any) -> Iterator[ArticleResult]:
    """Coding without the language model: the hostile article gets its hand-made events."""
    for article in articles:
        events = hostile_events(article) if article.text == HOSTILE_TEXT else []
        yield ArticleResult(article, events)


def good_article(name: str) -> Article:
    return replace(kenya_article(), id=name, origin=f"news/{name}.txt",
                   text=f"Officials in {name} said the talks would go on. " * 3)


def test_cli_events_table_escapes_terminal_sequences(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    assert not any(control in result.stdout for control in TERMINAL_CONTROLS)
    assert "\\x1b[2J" in result.stdout


def test_cli_events_table_shows_markup_literally(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    assert "[bold]protesters[/red]" in result.stdout


def test_cli_events_plover_escapes_c1_and_keeps_the_text(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--format", "plover"])
    assert not any(control in result.stdout for control in TERMINAL_CONTROLS)
    texts = {json.loads(line)["text"] for line in result.stdout.splitlines()}
    assert any("\x9b6n" in text for text in texts)


def test_cli_events_csv_neutralizes_formula_cells(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    said = next(row for row in rows if row["event"] == "ACCUSE")
    assert said["text"].startswith("'=HYPERLINK")
    assert next(row for row in rows if row["event"] == "COERCE")["event_scale"] == "-7.0"


def test_cli_events_csv_raw_keeps_formula_cells(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--format", "csv",
                                 "--csv-raw"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(row["text"].startswith("=HYPERLINK") for row in rows)


def test_cli_export_csv_neutralizes_formula_cells(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", str(hostile_db), "--format", "csv",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as stream:
        texts = [row["text"] for row in csv.DictReader(stream)]
    assert any(text.startswith("'=HYPERLINK") for text in texts)
    assert not any(text.startswith("=") for text in texts)


def test_cli_extract_table_escapes_terminal_sequences(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_code", fake_code)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter([hostile_article()]))
    result = runner.invoke(app, ["extract", "news.jsonl", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert not any(control in result.stdout for control in TERMINAL_CONTROLS)
    assert "[bold]protesters[/red]" in result.stdout


def test_cli_ingest_prints_markup_in_a_failure_literally(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    items = [IngestFailure("wires.jsonl:3", 'unparseable published date "[/red]"'),
             good_article("Nairobi")]
    monkeypatch.setattr(cli, "_code", fake_code)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter(items))
    result = runner.invoke(app, ["ingest", "wires.jsonl", "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert "Traceback" not in result.output
    assert 'date "[/red]"' in result.stderr


def test_cli_ingest_records_failures_before_the_run_ends(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def killed_while_coding(articles: Iterable[Article], *_: Any) -> Iterator[ArticleResult]:
        list(articles)
        raise KeyboardInterrupt  # the run is stopped before it finishes

    items = [good_article("Nairobi"), IngestFailure("news/empty.txt", "empty file")]
    monkeypatch.setattr(cli, "_code", killed_while_coding)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter(items))
    db = tmp_path / "events.duckdb"
    runner.invoke(app, ["ingest", "news", "--db", str(db)])
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT origin, reason FROM failures").fetchall() == [
            ("news/empty.txt", "empty file")]


def test_cli_ingest_one_article_failing_to_store_does_not_end_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add = BulkWriter.add

    def add_or_break(self: BulkWriter, article: Article, events: Any) -> Any:
        if article.id == "Mombasa":
            raise RecursionError("maximum recursion depth exceeded")
        return add(self, article, events)

    items = [good_article("Mombasa"), good_article("Nairobi")]
    monkeypatch.setattr(BulkWriter, "add", add_or_break)
    monkeypatch.setattr(cli, "_code", fake_code)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter(items))
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", "news", "--db", str(db)])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT id FROM articles").fetchall() == [("Nairobi",)]
        assert conn.execute("SELECT origin FROM failures").fetchall() == [("news/Mombasa.txt",)]


def test_cli_ingest_notice_is_shown_recorded_and_not_a_failure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [IngestNotice("news/Nairobi.txt", "text cut at 200000 of 912345 characters"),
             good_article("Nairobi")]
    monkeypatch.setattr(cli, "_code", fake_code)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter(items))
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", "news", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "text cut at 200000" in result.stderr
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM notices").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM failures").fetchone() == (0,)


def one_line_error(result: Any, code: int, words: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("polex: ")]
    assert errors == lines[-1:] and words in errors[0], lines[-3:]


def test_cli_events_refuses_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("minutes of the meeting\n" * 300, encoding="utf-8")
    result = runner.invoke(app, ["events", "--db", str(notes)])
    one_line_error(result, EXIT_STORE, "not a DuckDB database file")


def test_cli_events_and_ingest_refuse_a_corrupt_store(tmp_path: Path) -> None:
    build_store(tmp_path / "good.duckdb", 1500)
    db = tmp_path / "bad.duckdb"
    corrupt_an_events_block(tmp_path / "good.duckdb", db)
    before = db.read_bytes()
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "nairobi.txt").write_text("Police arrested protesters.\n",
                                                   encoding="utf-8")
    one_line_error(runner.invoke(app, ["events", "--db", str(db)]), EXIT_STORE, "corrupt")
    ingest = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", str(db)])
    one_line_error(ingest, EXIT_STORE, "corrupt")
    assert db.read_bytes() == before


def test_cli_ingest_refuses_a_db_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "events.duckdb").mkdir()
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db",
                                 str(tmp_path / "events.duckdb")])
    one_line_error(result, EXIT_STORE, "it is a folder")


def test_cli_ingest_refuses_a_db_whose_folder_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "archive").write_text("not a folder\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db",
                                 str(tmp_path / "archive" / "events.duckdb")])
    one_line_error(result, EXIT_STORE, "cannot open store")


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """A folder no file can be created in, for the superuser too (who ignores permission
    bits: the folder is then also made immutable with chattr where the file system
    allows it); the test is skipped where neither binds."""
    folder.mkdir()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0 and shutil.which("chattr") is not None and subprocess.run(
        ["chattr", "+i", str(folder)], capture_output=True, check=False).returncode == 0
    try:
        if _can_create_in(folder):
            pytest.skip("this file system lets the superuser write in any folder")
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def _can_create_in(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def test_cli_ingest_refuses_a_db_in_a_read_only_folder(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "locked") as locked:
        result = runner.invoke(app, ["ingest", str(tmp_path), "--db",
                                     str(locked / "events.duckdb")])
    one_line_error(result, EXIT_STORE, "not writable")


def test_cli_export_refuses_an_out_in_a_read_only_folder(hostile_db: Path, tmp_path: Path
                                                         ) -> None:
    with read_only_folder(tmp_path / "locked") as locked:
        result = runner.invoke(app, ["export", "--db", str(hostile_db), "--format", "csv",
                                     "--out", str(locked / "events.csv")])
    one_line_error(result, EXIT_OUTPUT, "cannot write")


def test_cli_export_refuses_an_out_in_a_missing_folder(hostile_db: Path, tmp_path: Path
                                                       ) -> None:
    result = runner.invoke(app, ["export", "--db", str(hostile_db), "--format", "csv",
                                 "--out", str(tmp_path / "missing" / "events.csv")])
    one_line_error(result, EXIT_OUTPUT, "cannot write")


def test_cli_events_rejects_a_garbage_since(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--since", "last week"])
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output
    assert "--since" in result.output


def test_cli_events_rejects_an_until_that_is_no_calendar_date(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--until", "2024-13-99"])
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output
    assert "--until" in result.output


def test_cli_events_rejects_a_negative_limit(hostile_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(hostile_db), "--limit", "-1"])
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output
    assert "--limit" in result.output


def test_cli_events_rejects_a_bad_time_limit_setting(hostile_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLEX_TIME_LIMIT", "soon")
    result = runner.invoke(app, ["events", "--db", str(hostile_db)])
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output
    assert "POLEX_TIME_LIMIT" in result.output


def test_cli_load_refuses_a_dataset_file_that_is_not_parquet(tmp_path: Path) -> None:
    articles = tmp_path / "polex.parquet" / "articles"
    articles.mkdir(parents=True)
    (articles / "part-0.parquet").write_text("id,text\n1,hello\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(tmp_path / "polex.parquet"), "--db",
                                 str(tmp_path / "events.duckdb")])
    one_line_error(result, EXIT_USAGE, "is not a readable Parquet file")


def test_cli_load_refuses_a_file_instead_of_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "events.parquet").write_bytes(b"PAR1 not really")
    result = runner.invoke(app, ["load", str(tmp_path / "events.parquet"), "--db",
                                 str(tmp_path / "events.duckdb")])
    one_line_error(result, EXIT_USAGE, "it is a file")


def test_cli_load_refuses_a_folder_that_holds_no_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "junk.parquet"
    folder.mkdir()
    (folder / "part-0.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4)
    result = runner.invoke(app, ["load", str(folder), "--db", str(tmp_path / "events.duckdb")])
    one_line_error(result, EXIT_USAGE, "is not a polex Parquet dataset")


def test_cli_load_refuses_a_dataset_with_a_junk_events_file(tmp_path: Path) -> None:
    events = tmp_path / "run.parquet" / "events"
    events.mkdir(parents=True)
    (events / "part-0.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4)
    result = runner.invoke(app, ["load", str(tmp_path / "run.parquet"), "--db",
                                 str(tmp_path / "events.duckdb")])
    one_line_error(result, EXIT_USAGE, "is not a readable Parquet file")


def test_cli_events_rejects_a_negative_time_limit_setting(hostile_db: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("POLEX_TIME_LIMIT", "-5")
    result = runner.invoke(app, ["events", "--db", str(hostile_db)])
    assert result.exit_code == EXIT_USAGE and "POLEX_TIME_LIMIT" in result.output


def test_cli_allow_hosts_setting_joins_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLEX_ALLOW_HOSTS", "archive.newsroom.internal, 127.0.0.1")
    settings = cli.Settings.resolve()
    fetch = cli._fetch_settings(settings, concurrency=2, timeout=5.0,
                                allow_hosts=["127.0.0.1", "10.0.0.7"])
    assert fetch.allow_hosts == ("archive.newsroom.internal", "127.0.0.1", "10.0.0.7")
