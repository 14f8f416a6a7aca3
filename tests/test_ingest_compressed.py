"""Gzip-compressed inputs, read by the extension inside the ".gz"."""

import gzip
import json
from pathlib import Path

import pytest

from polex.ingest import read_inputs
from polex.ingest.compressed import TooLarge, read_document_bytes
from polex.schema import Article, IngestFailure

STORY = (
    "Morocco and Spain agreed on Wednesday to reopen the land border at Ceuta, "
    "the interior ministers said after talks in Rabat."
)

PAGE = (
    "<html><head><title>Border to reopen</title></head><body>"
    f"<article><p>{STORY}</p></article></body></html>"
)


def _wire_lines(count: int) -> bytes:
    records = (
        {"id": f"wire-{n}", "text": f"{STORY} Update {n}.", "published": "2024-05-08"}
        for n in range(1, count + 1)
    )
    return "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")


def test_ingest_compressed_jsonl_gz_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(_wire_lines(2) + b"{broken\n"))
    items = list(read_inputs([str(path)]))
    assert [getattr(item, "id", None) for item in items[:2]] == ["wire-1", "wire-2"]
    assert isinstance(items[2], IngestFailure) and items[2].origin == f"{path}:3"


def test_ingest_compressed_html_gz_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "ceuta.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Article)
    assert (item.id, item.title, item.text) == ("ceuta", "Border to reopen", STORY)


def test_ingest_compressed_txt_gz_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "ceuta.txt.gz"
    path.write_bytes(gzip.compress(f"Title: Border to reopen\n\n{STORY}\n".encode()))
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Article)
    assert (item.id, item.title, item.text) == ("ceuta", "Border to reopen", STORY)


def test_ingest_compressed_truncated_jsonl_gz_keeps_lines_before_the_cut(tmp_path: Path) -> None:
    whole = gzip.compress(_wire_lines(400), compresslevel=1)
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_inputs([str(path)]))
    articles = [item for item in items if isinstance(item, Article)]
    assert articles, "the lines before the cut are kept"
    assert [a.id for a in articles] == [f"wire-{n}" for n in range(1, len(articles) + 1)]
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert failures[-1].origin == str(path)
    assert failures[-1].reason.startswith("corrupt or truncated gzip file: ")


def test_ingest_compressed_file_that_is_not_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "ceuta.txt.gz"
    path.write_text(STORY, "utf-8")
    (item,) = read_inputs([str(path)])
    assert isinstance(item, IngestFailure)
    assert item.reason.startswith("corrupt or truncated gzip file: Not a gzipped file")


def test_ingest_compressed_folder_reads_known_inner_kinds_only(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(_wire_lines(1)))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "backup.tar.gz").write_bytes(gzip.compress(b"\x00" * 512))
    (tmp_path / "c.txt").write_text(STORY, "utf-8")
    origins = [item.origin for item in read_inputs([str(tmp_path)])]
    assert origins == [f"{tmp_path / 'a.jsonl.gz'}:1", str(tmp_path / "b.html.gz"),
                       str(tmp_path / "c.txt")]


def test_ingest_compressed_decompression_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b" " * 2_000_000))
    with pytest.raises(TooLarge):
        read_document_bytes(str(path), limit=1_000_000)
