"""Distributed runs on a real LocalCluster with two worker processes.

One cluster serves the whole module: the spaCy model loads once per worker.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import typer
from distributed import LocalCluster
from typer.testing import CliRunner

from polex.distributed import (
    DistributedSummary,
    PartitionOutput,
    PartitionTask,
    code_partition,
    load_parquet,
    run_distributed,
)
from polex.distributed.cli import register
from polex.pipeline import Pipeline
from polex.schema import Article
from polex.store import EventStore

ARTICLES = [
    {
        "id": "chile-argentina-visit",
        "published": "2023-03-07",
        "title": "Boric meets Fernández in Santiago",
        "source": "Andes Wire",
        "url": "https://andes.example.org/2023/03/boric-fernandez",
        "text": "Chilean President Gabriel Boric met Argentine President Alberto Fernández "
        "in Santiago on Monday to discuss border trade. The two leaders signed an agreement "
        "on mining cooperation. Boric had visited Buenos Aires in April 2022.",
    },
    {
        "id": "kenya-protests",
        "published": "2024-06-25",
        "title": "Police arrest protesters in Nairobi",
        "source": "Example Nation",
        "text": "Kenyan police arrested dozens of protesters in Nairobi on Tuesday as "
        "demonstrations against the finance bill spread. Opposition leader Raila Odinga "
        "condemned the arrests and accused the government of brutality.",
    },
    {
        "id": "world-bank-loan",
        "published": "2024-05-14",
        "title": "World Bank approves loan to Kenya",
        "text": "The World Bank approved a $750 million loan to Kenya on Monday to support "
        "its budget. Officials in Nairobi welcomed the decision.",
    },
    {
        "id": "france-germany-talks",
        "published": "2023-11-20",
        "title": "Macron and Scholz hold talks",
        "text": "French President Emmanuel Macron held talks with German Chancellor Olaf "
        "Scholz in Berlin on Sunday. Macron praised Germany for its support of Ukraine.",
    },
    {
        "id": "russia-ukraine-strike",
        "published": "2023-01-15",
        "title": "Missile strike on Dnipro",
        "text": "Russia launched a missile strike on the Ukrainian city of Dnipro on "
        "Saturday, killing dozens of civilians. Ukraine condemned the attack.",
    },
    {
        "id": "un-sanctions",
        "published": "2022-12-09",
        "title": "Council weighs sanctions",
        "text": "The United States imposed sanctions on Iranian officials on Thursday over "
        "the crackdown on protesters. Iran rejected the measures as illegal.",
    },
]
# Carried by the partition that the failing stage refuses.
POISON_ID = "un-sanctions"


def failing_stage(task: PartitionTask) -> PartitionOutput:
    if any(article.id == POISON_ID for article in task.partition.articles):
        raise RuntimeError("worker ran out of memory while coding")
    return code_partition(task)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def articles_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inputs") / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def first_run(cluster: LocalCluster, articles_file: Path,
              tmp_path_factory: pytest.TempPathFactory) -> DistributedSummary:
    out = tmp_path_factory.mktemp("parquet")
    return run_distributed([str(articles_file)], out, scheduler=cluster.scheduler_address,
                           partition_size=2)


def _dataset_event_ids(out_dir: Path) -> set[str]:
    files = sorted((out_dir / "events").glob("month=*/*.parquet"))
    return {i for f in files for i in pq.read_table(f, columns=["id"]).column("id").to_pylist()}


def _relative_files(out_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*.parquet"))


def test_distributed_run_writes_events_by_month_and_articles_by_partition(
        first_run: DistributedSummary) -> None:
    out = first_run.out_dir
    months = {p.name for p in (out / "events").iterdir()}
    article_files = list((out / "articles").glob("part-*.parquet"))
    assert first_run.ok and first_run.partitions_written == 3
    assert len(article_files) == 3
    assert "month=2023-03" in months and all(m.startswith("month=") for m in months)


def test_distributed_run_codes_the_same_events_as_the_local_pipeline(
        first_run: DistributedSummary) -> None:
    articles = [
        Article(a["id"], a["text"], date.fromisoformat(a["published"]), a.get("title"),
                a.get("url"), a.get("source"))
        for a in ARTICLES
    ]
    local_ids = {e.id for r in Pipeline().process(articles) for e in r.events}
    assert local_ids and _dataset_event_ids(first_run.out_dir) == local_ids


def test_distributed_run_again_rewrites_the_same_files(
        first_run: DistributedSummary, cluster: LocalCluster, articles_file: Path) -> None:
    before = _relative_files(first_run.out_dir)
    again = run_distributed([str(articles_file)], first_run.out_dir,
                            scheduler=cluster.scheduler_address, partition_size=2, resume=False)
    assert again.partitions_written == 3
    assert _relative_files(first_run.out_dir) == before


def test_distributed_run_resumed_skips_complete_partitions(
        first_run: DistributedSummary, cluster: LocalCluster, articles_file: Path) -> None:
    again = run_distributed([str(articles_file)], first_run.out_dir,
                            scheduler=cluster.scheduler_address, partition_size=2)
    assert (again.partitions_skipped, again.partitions_written) == (3, 0)


def test_distributed_load_twice_adds_nothing_the_second_time(
        first_run: DistributedSummary, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = load_parquet(first_run.out_dir, db)
    second = load_parquet(first_run.out_dir, db)
    assert first.articles_added == 6 and first.events_added == first_run.events > 0
    assert (second.articles_added, second.events_added) == (0, 0)
    assert second.store_totals == first.store_totals


def test_distributed_load_fills_the_entity_table_of_every_event(
        first_run: DistributedSummary, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    load_parquet(first_run.out_dir, db)
    with duckdb.connect(str(db), read_only=True) as conn:
        missing = conn.execute(
            "SELECT count(*) FROM events e WHERE json_array_length(e.record->'actor') > 0 "
            "AND NOT EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = e.id "
            "AND x.role = 'actor')"
        ).fetchone()
        chile = conn.execute(
            "SELECT count(*) FROM event_entities WHERE code = 'CHL' AND role = 'actor'"
        ).fetchone()
    assert missing == (0,) and chile is not None and chile[0] >= 1


def test_distributed_run_reports_a_failing_partition_and_stores_the_others(
        cluster: LocalCluster, articles_file: Path, tmp_path: Path) -> None:
    summary = run_distributed([str(articles_file)], tmp_path / "out",
                              scheduler=cluster.scheduler_address, partition_size=2,
                              stage=failing_stage)
    [failed] = summary.failed_partitions
    assert "ran out of memory" in failed.reason and len(failed.origins) == 2
    assert summary.partitions_written == 2 and summary.articles_coded == 4
    stored = load_parquet(tmp_path / "out", tmp_path / "events.duckdb")
    assert stored.articles_added == 4 and stored.failures_added == 2


def test_distributed_run_starts_its_own_local_cluster(articles_file: Path,
                                                      tmp_path: Path) -> None:
    summary = run_distributed([str(articles_file)], tmp_path / "out", workers=2,
                              partition_size=3)
    assert summary.partitions_written == 2 and summary.articles_coded == 6


def test_distributed_load_command_merges_the_dataset_into_the_store(
        first_run: DistributedSummary, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps "load" as a subcommand
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["load", str(first_run.out_dir), "--db", str(db)])
    with EventStore(db, read_only=True) as store:
        stored = store.stats()["articles"]
    assert result.exit_code == 0 and stored == 6
