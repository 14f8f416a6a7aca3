"""Glob patterns among the input paths, expanded in sorted order."""

from pathlib import Path

from polex.ingest import read_inputs
from polex.schema import IngestFailure

STORY = "Ghana and Togo agreed on Monday to patrol their shared border together."
PAGE = f"<html><head><title>Joint patrols</title></head><body><p>{STORY}</p></body></html>"


def _tree(root: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")


def test_ingest_globs_double_star_matches_in_every_folder_sorted(tmp_path: Path) -> None:
    _tree(tmp_path, {"news/b.html": PAGE, "news/2024/05/a.html": PAGE, "news/a.html": PAGE,
                     "news/2024/notes.txt": STORY})
    origins = [item.origin for item in read_inputs([str(tmp_path / "news/**/*.html")])]
    assert origins == [str(tmp_path / p) for p in
                       ("news/2024/05/a.html", "news/a.html", "news/b.html")]


def test_ingest_globs_pattern_without_matches_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "archive/*.jsonl")
    assert list(read_inputs([pattern])) == [IngestFailure(pattern, "no files match the pattern")]


def test_ingest_globs_star_keeps_only_supported_files(tmp_path: Path) -> None:
    _tree(tmp_path, {"in/a.txt": STORY, "in/b.md": STORY, "in/c.html": PAGE})
    origins = [item.origin for item in read_inputs([str(tmp_path / "in/*")])]
    assert origins == [str(tmp_path / "in/a.txt"), str(tmp_path / "in/c.html")]


def test_ingest_globs_named_extension_keeps_every_match(tmp_path: Path) -> None:
    _tree(tmp_path, {"site/x.php": PAGE, "site/y.php": STORY, "site/z.txt": STORY})
    origins = [item.origin for item in read_inputs([str(tmp_path / "site/*.php")])]
    assert origins == [str(tmp_path / "site/x.php"), str(tmp_path / "site/y.php")]


def test_ingest_globs_matching_folders_contribute_their_files(tmp_path: Path) -> None:
    days = {"2024-05-01/a.txt": STORY, "2024-05-02/b.txt": STORY, "2023-12-31/c.txt": STORY}
    _tree(tmp_path, days)
    origins = [item.origin for item in read_inputs([str(tmp_path / "2024-05-*")])]
    assert origins == [str(tmp_path / "2024-05-01/a.txt"), str(tmp_path / "2024-05-02/b.txt")]


def test_ingest_globs_existing_path_with_brackets_is_read_literally(tmp_path: Path) -> None:
    _tree(tmp_path, {"report[1].txt": STORY, "report1.txt": "Another story entirely."})
    (item,) = read_inputs([str(tmp_path / "report[1].txt")])
    assert item.origin == str(tmp_path / "report[1].txt")
