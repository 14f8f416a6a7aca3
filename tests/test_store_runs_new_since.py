"""new_since on the store: the events of the runs that started after a given run.

``build_runs_store`` (also used by the API and command-line tests) stores the sample
articles of tests.api_samples in three runs, as three ingests would: the Kenya, Chile and
World Bank articles, then the wire and Kharkiv reports, then the Odesa report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polex.config import Settings
from polex.store import EventStore
from polex.store.queries import FilterError
from polex.store.runs import Provenance, RunCounts
from tests.api_samples import LABELS, Records, samples

RUN_ARTICLES = (("kenya", "chile", "loan"), ("wire", "kharkiv"), ("odesa",))
SECOND_AND_THIRD_RUNS = {"wire_arrest", "shelling", "accuse", "exchange", "release", "drones"}


def build_runs_store(path: Path) -> tuple[Records, list[str]]:
    """The sample store written by three runs; each event's record by its label, and the
    run ids in the order the runs started."""
    records: Records = {}
    run_ids: list[str] = []
    articles = samples()
    labels = dict(LABELS)
    with EventStore(path) as store:
        for names in RUN_ARTICLES:
            run_id = store.start_run(Provenance.of("ingest", Settings()))
            for name in names:
                article, events = articles[name]
                store.add_article(article, events, run_id=run_id)
                records.update(zip(labels[name], (e.to_plover() for e in events), strict=True))
            stored = sum(len(articles[name][1]) for name in names)
            store.finish_run(run_id, RunCounts(len(names), len(names), 0, 0, 0, stored))
            run_ids.append(run_id)
    return records, run_ids


def labels_of_ids(ids: list[str], records: Records) -> set[str]:
    by_id = {record["id"]: label for label, record in records.items()}
    return {by_id[event_id] for event_id in ids}


@pytest.fixture(scope="module")
def runs_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Records, list[str]]:
    path = Path(tmp_path_factory.mktemp("runs")) / "events.duckdb"
    records, run_ids = build_runs_store(path)
    return path, records, run_ids


def test_store_runs_new_since_keeps_the_events_of_later_runs(
        runs_store: tuple[Path, Records, list[str]]) -> None:
    path, records, (first, _, _) = runs_store
    with EventStore(path, read_only=True) as store:
        ids = [record["id"] for record in store.query_events(new_since=first)]
    assert labels_of_ids(ids, records) == SECOND_AND_THIRD_RUNS


def test_store_runs_new_since_leaves_out_the_run_given(
        runs_store: tuple[Path, Records, list[str]]) -> None:
    path, records, (_, second, _) = runs_store
    with EventStore(path, read_only=True) as store:
        ids = [record["id"] for record in store.query_events(new_since=second)]
    assert labels_of_ids(ids, records) == {"drones"}


def test_store_runs_new_since_the_last_run_gives_nothing(
        runs_store: tuple[Path, Records, list[str]]) -> None:
    path, _, (_, _, last) = runs_store
    with EventStore(path, read_only=True) as store:
        assert store.query_events(new_since=last) == []


def test_store_runs_new_since_combines_with_other_filters(
        runs_store: tuple[Path, Records, list[str]]) -> None:
    path, records, (first, _, _) = runs_store
    with EventStore(path, read_only=True) as store:
        ids = [r["id"] for r in store.query_events(new_since=first, event_type="ASSAULT")]
    assert labels_of_ids(ids, records) == {"shelling", "drones"}


def test_store_runs_new_since_unknown_run_names_the_filter(
        runs_store: tuple[Path, Records, list[str]]) -> None:
    path, _, _ = runs_store
    with EventStore(path, read_only=True) as store, pytest.raises(FilterError) as raised:
        store.query_events(new_since="20240101T000000-abcdef")
    assert raised.value.parameter == "new_since"


def test_store_runs_export_writes_only_the_new_events(
        runs_store: tuple[Path, Records, list[str]], tmp_path: Path) -> None:
    path, records, (_, second, _) = runs_store
    out = tmp_path / "new.jsonl"
    with EventStore(path, read_only=True) as store:
        count = store.export("jsonl", out, new_since=second)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert count == 1 and [json.loads(line) for line in lines] == [records["drones"]]

