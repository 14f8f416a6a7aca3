"""WARC archives built in the test with warcio's writer."""

import gzip
import io
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from polex.ingest import article_id_for_url, read_inputs, read_warc_file
from polex.ingest.warc import NOT_WARC_REASON, TRAILING_DATA_REASON, TRUNCATED_RECORD_REASON
from polex.schema import Article, IngestFailure

SITE = "https://courier.example.org"

DATED_STORY = (
    "Brazil and Argentina agreed on Monday to resume talks on a common currency, "
    "the finance ministers said after meeting in Brasilia."
)
UNDATED_STORY = (
    "Chile recalled its ambassador to Peru on Friday after a dispute over fishing "
    "rights in the Pacific, the foreign ministry in Santiago said."
)

DATED_PAGE = f"""<html><head><title>Currency talks resume</title>
<meta property="article:published_time" content="2024-02-12T09:00:00Z"></head>
<body><article><p>{DATED_STORY}</p></article></body></html>"""

UNDATED_PAGE = f"""<html><head><title>Chile recalls envoy</title></head>
<body><article><p>{UNDATED_STORY}</p></article></body></html>"""

MENU_PAGE = """<html><head><title>Sections</title></head><body>
<nav><a href="/world">World</a><a href="/sport">Sport</a></nav>
<ul><li><a href="/a">Politics</a></li><li><a href="/b">Business</a></li></ul></body></html>"""

NOT_FOUND_PAGE = "<html><head><title>Page not found</title></head><body>Sorry.</body></html>"

CAPTURED_ON = "2024-02-14T22:10:00Z"


def _response(
    writer: WARCWriter,
    path: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra_headers: list[tuple[str, str]] | None = None,
) -> None:
    headers = [("Content-Type", content_type), *(extra_headers or [])]
    record = writer.create_warc_record(
        SITE + path,
        "response",
        payload=io.BytesIO(body),
        http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": CAPTURED_ON},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, path: str) -> None:
    headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", "courier.example.org")],
                               is_http_request=True)
    record = writer.create_warc_record(SITE + path, "request", payload=io.BytesIO(b""),
                                       http_headers=headers)
    writer.write_record(record)


def _crawl(path: Path, *, gzip: bool = True) -> Path:
    """A small crawl of a news site: articles among the usual other captures."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))
        _request(writer, "/robots.txt")
        _response(writer, "/robots.txt", b"User-agent: *\nDisallow: /admin/\n",
                  content_type="text/plain")
        _request(writer, "/2024/02/currency-talks")
        _response(writer, "/2024/02/currency-talks", DATED_PAGE.encode())
        _response(writer, "/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), content_type="image/png")
        _response(writer, "/old-link", b"", status="301 Moved Permanently",
                  extra_headers=[("Location", SITE + "/2024/02/currency-talks")])
        _response(writer, "/2024/02/chile-envoy", UNDATED_PAGE.encode())
        _response(writer, "/sections", MENU_PAGE.encode())
        _response(writer, "/gone", NOT_FOUND_PAGE.encode(), status="404 Not Found")
    return path


def _articles(items: list[Article | IngestFailure]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _outcome(item: Article | IngestFailure) -> str:
    return item.reason if isinstance(item, IngestFailure) else item.text


def _failures(items: list[Article | IngestFailure]) -> list[IngestFailure]:
    return [item for item in items if isinstance(item, IngestFailure)]


def test_ingest_warc_article_pages_become_articles_identified_by_uri(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    dated, undated = _articles(list(read_inputs([str(warc)])))
    assert dated.url == SITE + "/2024/02/currency-talks"
    assert dated.id == article_id_for_url(SITE + "/2024/02/currency-talks")
    assert (dated.title, dated.text) == ("Currency talks resume", DATED_STORY)
    assert (undated.title, undated.text) == ("Chile recalls envoy", UNDATED_STORY)


def test_ingest_warc_page_date_wins_over_capture_date(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    dated, _ = _articles(list(read_warc_file(str(warc))))
    assert dated.published == date(2024, 2, 12)


def test_ingest_warc_capture_date_applies_when_the_page_has_none(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    _, undated = _articles(list(read_warc_file(str(warc), published=date(2020, 1, 1))))
    assert undated.published == date(2024, 2, 14)


def test_ingest_warc_other_captures_are_reported_with_their_offsets(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    items = list(read_warc_file(str(warc)))
    reasons = [failure.reason for failure in _failures(items)]
    assert reasons == [
        "no article text found in plain text",
        "not an article: content-type image/png",
        f"not an article: redirect (HTTP 301) to {SITE}/2024/02/currency-talks",
        "no article text found in HTML",
        "not an article: HTTP 404 response",
    ]
    offsets = [int(item.origin.rsplit("#", 1)[1]) for item in items]
    assert all(item.origin.startswith(f"{warc}#") for item in items)
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_ingest_warc_origin_offset_points_at_the_record(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc", gzip=False)
    items = list(read_warc_file(str(warc)))
    data = warc.read_bytes()
    for item in items:
        offset = int(item.origin.rsplit("#", 1)[1])
        assert data[offset:].startswith(b"WARC/1.")


def test_ingest_warc_request_and_warcinfo_records_are_skipped(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    assert len(list(read_warc_file(str(warc)))) == 7


def test_ingest_warc_oversized_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    warc = _crawl(tmp_path / "crawl.warc.gz")
    limit = len(UNDATED_PAGE.encode()) + 10
    items = list(read_warc_file(str(warc), max_bytes=limit))
    dated_page_item = items[1]
    assert isinstance(dated_page_item, IngestFailure)
    assert dated_page_item.reason.startswith("record larger than ")
    assert [article.text for article in _articles(items)] == [UNDATED_STORY]


def test_ingest_warc_uncompressed_archive_reads_like_the_gzipped_one(tmp_path: Path) -> None:
    plain = _crawl(tmp_path / "crawl.warc", gzip=False)
    packed = _crawl(tmp_path / "crawl.warc.gz")

    def summary(path: Path) -> list[tuple[object, ...]]:
        articles = _articles(list(read_inputs([str(path)])))
        return [(a.id, a.url, a.title, a.published, a.text) for a in articles]

    assert summary(plain) == summary(packed)
    assert len(summary(plain)) == 2


def test_ingest_warc_archive_gzipped_as_one_block_is_read(tmp_path: Path) -> None:
    plain = _crawl(tmp_path / "crawl.warc", gzip=False)
    packed = tmp_path / "crawl.warc.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    items = list(read_warc_file(str(packed)))
    assert [_outcome(item) for item in items] == [_outcome(r) for r in read_warc_file(str(plain))]
    assert [item.origin.replace(str(packed), "") for item in items] == [
        r.origin.replace(str(plain), "") for r in read_warc_file(str(plain))
    ]


def test_ingest_warc_truncated_one_block_gzip_is_reported(tmp_path: Path) -> None:
    plain = _crawl(tmp_path / "crawl.warc", gzip=False)
    packed = tmp_path / "crawl.warc.gz"
    whole = gzip.compress(plain.read_bytes())
    packed.write_bytes(whole[: len(whole) - 100])
    items = list(read_warc_file(str(packed)))
    assert isinstance(items[-1], IngestFailure)
    assert items[-1].reason == TRAILING_DATA_REASON


def test_ingest_warc_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    whole_path = _crawl(tmp_path / "whole.warc.gz")
    whole = whole_path.read_bytes()
    # cut in the middle of the record after the first article (the image), wherever the
    # random record ids put the record boundaries
    offsets = [int(i.origin.rsplit("#", 1)[1]) for i in read_warc_file(str(whole_path))]
    image_at, redirect_at = offsets[2], offsets[3]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: (image_at + redirect_at) // 2])
    items = list(read_warc_file(str(cut)))
    assert [article.text for article in _articles(items)] == [DATED_STORY]
    last = items[-1]
    assert isinstance(last, IngestFailure)
    assert "truncated" in last.reason
    assert int(last.origin.rsplit("#", 1)[1]) > int(items[-2].origin.rsplit("#", 1)[1])


def test_ingest_warc_damaged_gzip_reports_where_reading_stopped(tmp_path: Path) -> None:
    whole = _crawl(tmp_path / "whole.warc.gz").read_bytes()
    first_records = list(read_warc_file(str(tmp_path / "whole.warc.gz")))
    damage_at = int(first_records[2].origin.rsplit("#", 1)[1])
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(whole[:damage_at] + b"\x00garbage" * 20 + whole[damage_at:])
    items = list(read_warc_file(str(damaged)))
    assert [_outcome(item) for item in items[:2]] == [_outcome(r) for r in first_records[:2]]
    assert items[2] == IngestFailure(f"{damaged}#{damage_at}", items[2].reason)
    assert items[2].reason.startswith("corrupt or truncated WARC: ")
    assert len(items) == 3


def test_ingest_warc_record_cut_inside_its_payload_is_reported(tmp_path: Path) -> None:
    whole = _crawl(tmp_path / "whole.warc", gzip=False).read_bytes()
    end_of_story = whole.index(UNDATED_STORY.encode()) + 20
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[:end_of_story])
    items = list(read_warc_file(str(cut)))
    assert [a.text for a in _articles(items)] == [DATED_STORY]
    assert items[-1] == IngestFailure(items[-1].origin, TRUNCATED_RECORD_REASON)


def test_ingest_warc_file_that_is_not_a_warc_is_a_failure(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("These are my notes about the crawl.\n", "utf-8")
    (failure,) = read_warc_file(str(fake))
    assert isinstance(failure, IngestFailure)
    assert failure.origin == f"{fake}#0"
    assert failure.reason == NOT_WARC_REASON


def test_ingest_warc_empty_file_is_a_failure(tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert list(read_warc_file(str(empty))) == [IngestFailure(str(empty), "empty file")]


def test_ingest_warc_folder_reads_warc_files(tmp_path: Path) -> None:
    _crawl(tmp_path / "crawl.warc.gz")
    (tmp_path / "notes.txt").write_text(DATED_STORY, "utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert len(_articles(items)) == 3
    assert items[-1].origin == str(tmp_path / "notes.txt")
