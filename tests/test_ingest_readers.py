import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from polex.ingest import read_file, read_inputs
from polex.schema import Article, IngestFailure

STORY = (
    "Japan and South Korea agreed on Thursday to resume regular security talks, "
    "officials in Tokyo said after a meeting of the two foreign ministers."
)

PAGE = (
    "<!DOCTYPE html><html><head><title>Talks resume</title></head><body>"
    f"<article><p>{STORY}</p></article></body></html>"
)


def test_ingest_readers_missing_path_is_a_failure(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-article.txt")
    assert list(read_inputs([missing])) == [IngestFailure(missing, "no such file or directory")]


def test_ingest_readers_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for relative in ["b.txt", "a/z.txt", "a/b/c.html", "c.htm", "0.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE if relative.endswith(("html", "htm")) else STORY, "utf-8")
    origins = [item.origin for item in read_inputs([str(tmp_path)])]
    expected = ["0.txt", "a/b/c.html", "a/z.txt", "b.txt", "c.htm"]
    assert origins == [str(tmp_path / relative) for relative in expected]


def test_ingest_readers_folder_skips_hidden_and_unknown_files(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(STORY, "utf-8")
    (tmp_path / ".draft.txt").write_text(STORY, "utf-8")
    (tmp_path / "notes.md").write_text(STORY, "utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / "talks.txt").write_text(STORY, "utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [item.origin for item in items] == [str(tmp_path / "talks.txt")]


def test_ingest_readers_dash_reads_text_from_stdin() -> None:
    items = list(read_inputs(["-"], published=date(2024, 5, 2), stdin=io.StringIO(STORY)))
    assert items == [Article(id="stdin", text=STORY, published=date(2024, 5, 2), origin="<stdin>")]


def test_ingest_readers_dash_sniffs_jsonl_on_stdin() -> None:
    lines = "\n".join(json.dumps({"id": f"k-{n}", "text": STORY}) for n in (1, 2)) + "\n{oops\n"
    items = list(read_inputs(["-"], stdin=io.StringIO(lines)))
    assert [getattr(item, "id", None) for item in items[:2]] == ["k-1", "k-2"]
    assert isinstance(items[2], IngestFailure) and items[2].origin == "<stdin>:3"


def test_ingest_readers_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "talks.php"
    page.write_text("\n  " + PAGE, "utf-8")
    plain = tmp_path / "talks.article"
    plain.write_text(STORY, "utf-8")
    page_article, plain_article = read_inputs([str(page), str(plain)])
    assert isinstance(page_article, Article) and isinstance(plain_article, Article)
    assert page_article.title == "Talks resume"
    assert page_article.text == plain_article.text == STORY


def test_ingest_readers_directory_read_as_file_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "misnamed.txt"
    folder.mkdir()
    (failure,) = read_file(str(folder))
    assert isinstance(failure, IngestFailure)
    assert failure.origin == str(folder)
    assert failure.reason.startswith("cannot read file: ")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_ingest_readers_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY, "utf-8")
    path.chmod(0)
    try:
        items = list(read_inputs([str(path)]))
    finally:
        path.chmod(0o600)
    assert items == [IngestFailure(str(path), "cannot read file: Permission denied")]


def test_ingest_readers_bad_items_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    binary = tmp_path / "data.jsonl"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    paths = [str(empty), str(tmp_path / "gone.html"), str(binary), str(good)]
    items = list(read_inputs(paths))
    assert [type(item).__name__ for item in items] == [
        "IngestFailure",
        "IngestFailure",
        "IngestFailure",
        "Article",
    ]
    assert [getattr(item, "reason", None) for item in items[:3]] == [
        "empty file",
        "no such file or directory",
        "binary file, not text",
    ]
