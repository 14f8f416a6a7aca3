from datetime import date
from pathlib import Path

from polex.ingest import read_inputs, read_text_article
from polex.schema import Article, IngestFailure

BODY = (
    "Kenya recalled its ambassador to Uganda on Tuesday after a dispute over fishing\n"
    "rights on Lake Victoria, the foreign ministry in Nairobi said.\n"
    "\n"
    "Uganda's foreign minister said his government regretted the decision and would\n"
    "seek talks through the East African Community.\n"
)

HEADER = (
    "Title: Kenya recalls envoy to Uganda\n"
    "Published: 2024-03-05\n"
    "Source: The Lakeside Herald\n"
    "URL: https://herald.example.org/kenya-uganda-envoy\n"
    "\n"
)


def _only(path: Path, published: date | None = None) -> Article | IngestFailure:
    items = list(read_inputs([str(path)], published=published))
    assert len(items) == 1
    return items[0]


def test_ingest_text_header_block_fills_metadata(tmp_path: Path) -> None:
    path = tmp_path / "kenya-uganda.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    article = _only(path)
    assert isinstance(article, Article)
    assert article.id == "kenya-uganda"
    assert article.title == "Kenya recalls envoy to Uganda"
    assert article.published == date(2024, 3, 5)
    assert article.source == "The Lakeside Herald"
    assert article.url == "https://herald.example.org/kenya-uganda-envoy"
    assert article.text.startswith("Kenya recalled its ambassador")
    assert article.origin == str(path)


def test_ingest_text_header_keys_are_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("TITLE: Kenya recalls envoy\npublished: 2024-03-05\n\n" + BODY, "utf-8")
    article = _only(path)
    assert isinstance(article, Article)
    assert (article.title, article.published) == ("Kenya recalls envoy", date(2024, 3, 5))


def test_ingest_text_without_header_uses_published_argument(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    article = _only(path, published=date(2024, 3, 6))
    assert isinstance(article, Article)
    assert article.published == date(2024, 3, 6)
    assert article.title is None
    assert article.text.startswith("Kenya recalled")


def test_ingest_text_header_date_wins_over_published_argument(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    article = _only(path, published=date(2024, 3, 9))
    assert isinstance(article, Article)
    assert article.published == date(2024, 3, 5)


def test_ingest_text_unparseable_header_date_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Title: Kenya recalls envoy\nPublished: last Tuesday\n\n" + BODY, "utf-8")
    failure = _only(path, published=date(2024, 3, 6))
    assert isinstance(failure, IngestFailure)
    assert failure.origin == str(path)
    assert failure.reason.startswith("unparseable publication date 'last Tuesday'")


def test_ingest_text_colon_in_first_line_is_not_a_header() -> None:
    text = "Breaking: Kenya recalls its ambassador to Uganda.\n\n" + BODY
    article = read_text_article(text, "breaking", None, "api")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text.startswith("Breaking: Kenya recalls")


def test_ingest_text_paragraph_breaks_become_one_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    windows_text = "\n\n" + BODY.replace("\n\n", "\n  \n\n\n") + "\n\n"
    path.write_bytes(windows_text.replace("\n", "\r\n").encode("utf-8"))
    article = _only(path)
    assert isinstance(article, Article)
    first, second = article.text.split("\n\n")
    assert first.startswith("Kenya recalled") and first.endswith("Nairobi said.")
    assert second.startswith("Uganda's foreign minister")
    assert "\r" not in article.text


def test_ingest_text_legacy_encoding_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "chile.txt"
    text = "Sebastián Piñera visitó Buenos Aires el lunes y firmó un acuerdo con Argentina."
    path.write_bytes(text.encode("latin-1"))
    article = _only(path)
    assert isinstance(article, Article)
    assert article.text == text


def test_ingest_text_binary_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    failure = _only(path)
    assert failure == IngestFailure(str(path), "binary file, not text")


def test_ingest_text_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    assert _only(path) == IngestFailure(str(path), "empty file")


def test_ingest_text_header_without_body_is_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "stub.txt"
    path.write_text(HEADER, encoding="utf-8")
    assert _only(path) == IngestFailure(str(path), "empty text")
