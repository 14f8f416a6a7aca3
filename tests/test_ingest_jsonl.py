import io
import json
from datetime import date
from pathlib import Path

from polex.ingest import read_inputs
from polex.schema import Article, IngestFailure

GOOD_FIRST = {
    "id": "afp-0412",
    "text": "France suspended budget aid to Niger on Thursday after the army seized power.\n\n"
    "The foreign ministry in Paris said the suspension would last until order returned.",
    "published": "2023-07-29",
    "url": "https://wire.example.com/afp-0412",
    "title": "France suspends aid to Niger",
    "source": "Wire Example",
}

GOOD_SECOND = {
    "id": "afp-0413",
    "text": "Germany said it would halt development payments to Niger.",
    "published": "2023-07-30T08:15:00Z",
}


def _write_lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_jsonl_bad_lines_fail_alone_with_line_numbers(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path,
        [
            json.dumps(GOOD_FIRST),
            '{"id": "afp-0414", "text": "Mali closed its border with',
            "",
            json.dumps({"text": "Burkina Faso recalled its ambassador."}),
            json.dumps({"id": "afp-0416", "text": "Ghana hosted talks.", "published": "July 31"}),
            json.dumps(GOOD_SECOND),
        ],
    )
    items = list(read_inputs([str(path)]))
    articles = [item for item in items if isinstance(item, Article)]
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert [a.id for a in articles] == ["afp-0412", "afp-0413"]
    assert [f.origin for f in failures] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert failures[0].reason.startswith("invalid JSON: ")
    assert failures[1].reason == "missing 'id'"
    assert failures[2].reason.startswith("unparseable published date 'July 31'")


def test_ingest_jsonl_keeps_fields_and_date_of_datetime(tmp_path: Path) -> None:
    path = _write_lines(tmp_path, [json.dumps(GOOD_FIRST), json.dumps(GOOD_SECOND)])
    first, second = read_inputs([str(path)])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "France suspends aid to Niger"
    assert first.url == "https://wire.example.com/afp-0412"
    assert first.source == "Wire Example"
    assert first.origin == f"{path}:1"
    assert first.text.count("\n\n") == 1
    assert second.published == date(2023, 7, 30)


def test_ingest_jsonl_line_without_date_takes_published_argument(tmp_path: Path) -> None:
    record = {"id": "rtr-77", "text": "Nigeria closed its border with Niger on Monday."}
    path = _write_lines(tmp_path, [json.dumps(record)])
    (article,) = read_inputs([str(path)], published=date(2023, 7, 31))
    assert isinstance(article, Article)
    assert article.published == date(2023, 7, 31)


def test_ingest_jsonl_html_field_is_cleaned_like_a_page(tmp_path: Path) -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a><a href='/africa'>Africa</a></nav>"
        "<article><p>The African Union suspended Niger from all its activities on Tuesday, "
        "its Peace and Security Council said.</p></article>"
        "<footer><p>Contact us for licensing.</p></footer></body></html>"
    )
    record = {"id": "au-niger", "html": html, "published": "2023-08-22"}
    path = _write_lines(tmp_path, [json.dumps(record)])
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.text == (
        "The African Union suspended Niger from all its activities on Tuesday, "
        "its Peace and Security Council said."
    )


def test_ingest_jsonl_blank_text_is_empty_text(tmp_path: Path) -> None:
    path = _write_lines(tmp_path, [json.dumps({"id": "x-1", "text": "  \n "})])
    assert list(read_inputs([str(path)])) == [IngestFailure(f"{path}:1", "empty text")]


def test_ingest_jsonl_line_separator_inside_a_string_does_not_split_the_line() -> None:
    record = {"id": "ap-9", "text": "Chile and Peru met.\u2028Talks went on for hours."}
    stream = io.StringIO(json.dumps(record, ensure_ascii=False) + "\r\n")
    (article,) = read_inputs(["-"], stdin=stream)
    assert isinstance(article, Article)
    assert article.id == "ap-9"
