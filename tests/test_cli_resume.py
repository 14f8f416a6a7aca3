"""`polex ingest` killed partway and run again stores what one clean run stores."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BOILERPLATE = "\n\nCopyright 2024 Coast Daily. All rights reserved. Reprinted with permission."


def _corpus(folder: Path) -> Path:
    """About 30 files: sample articles, wire stories, reposts, copies and bad files."""
    folder.mkdir()
    for article in sorted((EXAMPLES / "articles").glob("*.*")):
        if article.suffix != ".jsonl":
            shutil.copy(article, folder / article.name)
    for line in (EXAMPLES / "articles" / "wires.jsonl").read_text(encoding="utf-8").splitlines():
        wire = json.loads(line)
        (folder / f"{wire['id']}.txt").write_text(
            f"Title: {wire['title']}\nPublished: {wire['published']}\n\n{wire['text']}\n",
            encoding="utf-8")
    for name in sorted(p.name for p in folder.glob("*.txt"))[:5]:
        head, body = (folder / name).read_text(encoding="utf-8").split("\n\n", 1)
        (folder / f"repost_{name}").write_text(f"{head}\n\n{body.strip()}{BOILERPLATE}\n",
                                               encoding="utf-8")
    for name in sorted(p.name for p in folder.glob("*.html"))[:2]:
        shutil.copy(folder / name, folder / f"copy_{name}")
    for bad in ("empty.txt", "nav_only.html"):
        shutil.copy(EXAMPLES / "bad" / bad, folder / bad)
    return folder


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "polex.cli", "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _kill_partway(process: subprocess.Popen[bytes], db: Path) -> None:
    deadline = time.monotonic() + 120
    while not db.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2.0)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()


def _contents(db: Path) -> dict[str, Any]:
    queries = {
        "articles": "SELECT content_hash, id, origin, n_events, minhash FROM articles",
        "events": "SELECT id, content_hash, record FROM events",
        "entities": "SELECT * FROM event_entities",
        "failures": "SELECT origin, reason FROM failures",
        "duplicates": "SELECT content_hash, id, origin, duplicate_of, similarity FROM duplicates",
        "bands": "SELECT band_key, content_hash FROM article_bands",
    }
    with duckdb.connect(str(db), read_only=True) as conn:
        return {name: sorted(conn.execute(sql).fetchall(), key=repr)
                for name, sql in queries.items()}


def test_cli_resume_after_kill_equals_one_clean_run(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "news")
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    _kill_partway(_ingest(folder, killed_db), killed_db)
    rerun, clean = _ingest(folder, killed_db), _ingest(folder, clean_db)
    assert rerun.wait(timeout=600) == clean.wait(timeout=600) == 3  # some inputs failed
    resumed, expected = _contents(killed_db), _contents(clean_db)
    assert resumed == expected
    assert len(expected["articles"]) > 15 and expected["duplicates"]
    assert len({row[0] for row in expected["articles"]}) == len(expected["articles"])
