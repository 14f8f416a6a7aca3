"""Hostile inputs: each bad item fails or is repaired alone, nothing hangs or fills memory."""

import gzip
import io
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from polex.ingest import read_inputs
from polex.ingest.jsonl import numbered_binary_lines
from polex.ingest.limits import ReadLimits
from polex.ingest.media import looks_like_feed
from polex.schema import Article, IngestFailure, IngestNotice

STORY = (
    "Kenya and Tanzania agreed on Tuesday to reopen the Namanga border post, "
    "officials in Nairobi said after talks between the two trade ministers."
)
SECOND_STORY = (
    "Uganda recalled its ambassador to Rwanda on Wednesday after a dispute over "
    "cross-border trade, the foreign ministry in Kampala said."
)
RECORD = {"id": "nation-2207", "text": STORY, "published": "2024-05-07", "title": "Border"}
LATER_RECORD = {"id": "nation-2208", "text": SECOND_STORY, "published": "2024-05-08"}

FEED_ITEM = """<item><title>Talks on the border</title>
<link>https://observer.example.net/2024/05/border-talks</link>
<description>{description}</description></item>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
{doctype}<rss version="2.0"><channel><title>The Lakes Observer</title>
<link>https://observer.example.net/</link><description>East Africa</description>
{items}</channel></rss>
"""

Item = Article | IngestFailure | IngestNotice


def _jsonl(tmp_path: Path, lines: list[str], name: str = "wire.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _feed(description: str, doctype: str = "") -> str:
    return FEED.format(doctype=doctype, items=FEED_ITEM.format(description=description))


def _read_within(paths: list[str], seconds: float = 20) -> list[Item]:
    """The items read, failing the test (not hanging it) if reading does not finish."""
    found: list[Item] = []
    reader = threading.Thread(target=lambda: found.extend(read_inputs(paths)), daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), "reading did not finish"
    return found


def _kinds(items: list[Item]) -> list[str]:
    return [type(item).__name__ for item in items]


def _encodes(item: Item) -> bool:
    values = [value for value in vars(item).values() if isinstance(value, str)]
    return all(value.encode("utf-8") for value in values)


def test_ingest_hostile_lone_surrogate_in_jsonl_fields_is_replaced_and_reported(
    tmp_path: Path,
) -> None:
    broken = {"id": "nation-\ud800", "text": STORY + " \ud800", "title": "Border \udfff",
              "url": "https://nation.example.ke/\ud83d", "source": "Nation \ud800"}
    path = _jsonl(tmp_path, [json.dumps(RECORD), json.dumps(broken), json.dumps(LATER_RECORD)])
    items = list(read_inputs([str(path)]))
    assert _kinds(items) == ["Article", "IngestNotice", "Article", "Article"]
    notice, article = items[1], items[2]
    assert notice == IngestNotice(f"{path}:2", "invalid characters replaced in id, text, title, "
                                              "url, source")
    assert isinstance(article, Article) and article.text.endswith("\ufffd")
    assert all(_encodes(item) for item in items) and article.content_hash


def test_ingest_hostile_lone_surrogate_in_jsonl_html_is_replaced_before_extraction(
    tmp_path: Path,
) -> None:
    html = f"<html><body><article><p>\ud800{STORY}</p></article></body></html>"
    path = _jsonl(tmp_path, [json.dumps({"id": "nation-2209", "html": html})])
    notice, article = read_inputs([str(path)])
    assert notice == IngestNotice(f"{path}:1", "invalid characters replaced in html")
    assert isinstance(article, Article) and article.text == f"\ufffd{STORY}"


def test_ingest_hostile_lone_surrogate_on_a_text_stream_is_replaced(tmp_path: Path) -> None:
    stream = io.StringIO(f"<html><body><article><p>\udce9{STORY}</p></article></body></html>")
    notice, article = read_inputs(["-"], stdin=stream)
    assert isinstance(notice, IngestNotice) and notice.origin == "<stdin>"
    assert isinstance(article, Article) and article.text == f"\ufffd{STORY}"


def test_ingest_hostile_non_utf8_file_name_is_escaped_in_origin_and_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-talks.txt")
    (tmp_path / name).write_text(STORY, "utf-8")
    notice, article = read_inputs([str(tmp_path)])
    assert isinstance(article, Article)
    assert article.origin == str(tmp_path / "caf\\xe9-talks.txt")
    assert article.id == "caf\\xe9-talks"
    assert notice == IngestNotice(article.origin, "invalid characters replaced in id")
    assert _encodes(article) and _encodes(notice)


def test_ingest_hostile_non_utf8_file_name_in_a_failure_is_escaped(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text("", "utf-8")
    (failure,) = read_inputs([str(tmp_path)])
    assert failure == IngestFailure(str(tmp_path / "r\\xe9sum\\xe9.txt"), "empty file")


def test_ingest_hostile_deeply_nested_jsonl_line_fails_alone(tmp_path: Path) -> None:
    nested = '{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}"
    path = _jsonl(tmp_path, [json.dumps(RECORD), nested, json.dumps(LATER_RECORD)])
    first, failure, last = read_inputs([str(path)])
    assert failure == IngestFailure(f"{path}:2", "invalid JSON: nested too deep")
    assert isinstance(first, Article) and isinstance(last, Article)


def test_ingest_hostile_jsonl_line_of_binary_junk_fails_alone(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps(RECORD), "\x00\x01\x02\x1b", json.dumps(LATER_RECORD)])
    first, failure, last = read_inputs([str(path)])
    assert isinstance(failure, IngestFailure) and failure.origin == f"{path}:2"
    assert isinstance(first, Article) and isinstance(last, Article)


def test_ingest_hostile_control_characters_in_feed_content_are_read(tmp_path: Path) -> None:
    content = f"<![CDATA[<p>{STORY}\x0b</p><p>Trade\x01 resumed\x1b on Wednesday.</p>]]>"
    feed = tmp_path / "lakes.rss"
    feed.write_text(_feed(content), "utf-8")
    (article,) = read_inputs([str(feed)])
    assert isinstance(article, Article)
    assert article.text == f"{STORY}\n\nTrade resumed on Wednesday."


def test_ingest_hostile_feed_with_internal_doctype_subset_is_a_feed(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE rss [ <!ENTITY publisher "Lakes Observer"> ]>\n'
    body = _feed(STORY, doctype).encode("utf-8")
    feed = tmp_path / "latest.php"
    feed.write_bytes(body)
    (article,) = read_inputs([str(feed)])
    assert looks_like_feed(body)
    assert isinstance(article, Article) and article.text == STORY


def test_ingest_hostile_feed_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("ministry-password-1234", "utf-8")
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    doctype = (f'<!DOCTYPE rss [ <!ENTITY lol0 "lol"> {laughs} '
               f'<!ENTITY leak SYSTEM "file://{secret}"> ]>\n')
    feed = tmp_path / "lakes.xml"
    feed.write_text(_feed(f"{STORY} &lol9; &leak;", doctype), "utf-8")
    (article,) = _read_within([str(feed)])
    assert isinstance(article, Article) and article.text.startswith(STORY)
    assert "lollol" not in article.text and "password" not in article.text


def test_ingest_hostile_long_jsonl_line_is_skipped_with_its_line_number(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": "Nairobi " * 6_000})
    path = _jsonl(tmp_path, [json.dumps(RECORD), huge, json.dumps(LATER_RECORD)])
    items = list(read_inputs([str(path)], limits=ReadLimits(max_line_bytes=1000)))
    assert items[1] == IngestFailure(f"{path}:2", "line 2 longer than 1 KB (max_line_bytes)")
    assert [getattr(item, "id", None) for item in items] == ["nation-2207", None, "nation-2208"]


class _RecordingReader(io.BytesIO):
    """A file that remembers the longest piece any read handed out."""

    longest = 0

    def readline(self, size: int | None = -1) -> bytes:
        piece = super().readline(size)
        self.longest = max(self.longest, len(piece))
        return piece


def test_ingest_hostile_long_jsonl_line_is_never_held_whole() -> None:
    data = (json.dumps(RECORD) + "\n" + "x" * 50_000 + "\n" + json.dumps(RECORD) + "\n").encode()
    handle = _RecordingReader(data)
    lines = list(numbered_binary_lines(handle, max_bytes=1000))
    assert [number for number, _ in lines] == [1, 2, 3]
    assert handle.longest <= 1001


def test_ingest_hostile_gzipped_jsonl_line_over_the_cap_is_skipped(tmp_path: Path) -> None:
    huge = json.dumps({"id": "bomb", "text": " " * 300_000})
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(f"{huge}\n{json.dumps(RECORD)}\n".encode()))
    failure, article = read_inputs([str(path)], limits=ReadLimits(max_line_bytes=10_000))
    assert failure == IngestFailure(f"{path}:1", "line 1 longer than 10 KB (max_line_bytes)")
    assert isinstance(article, Article) and article.id == "nation-2207"


def test_ingest_hostile_gzipped_page_over_the_decompressed_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "talks.html.gz"
    path.write_bytes(gzip.compress(f"<p>{STORY}</p>".encode() + b" " * 300_000))
    items = list(read_inputs([str(path)], limits=ReadLimits(max_document_bytes=100_000)))
    reason = "document larger than 100 KB (max_document_bytes)"
    assert items == [IngestFailure(str(path), reason)]


class _ByteStream(io.TextIOWrapper):
    """Standard input as a program sees it: text over a binary buffer."""


def test_ingest_hostile_stdin_over_the_cap_is_refused_without_reading_it_all() -> None:
    raw = io.BytesIO(((STORY + "\n\n") * 1000).encode("utf-8"))
    stream = _ByteStream(raw, encoding="utf-8")
    items = list(read_inputs(["-"], stdin=stream, limits=ReadLimits(max_stdin_bytes=5000)))
    reason = "standard input larger than 5 KB (max_stdin_bytes)"
    assert items == [IngestFailure("<stdin>", reason)]
    assert raw.tell() < 100_000


def test_ingest_hostile_long_article_is_cut_at_a_paragraph_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "transcript.txt"
    full = "\n\n".join([STORY, SECOND_STORY] * 20)
    path.write_text(full, "utf-8")
    notice, article = read_inputs([str(path)], limits=ReadLimits(max_article_chars=1000))
    assert isinstance(article, Article)
    assert len(article.text) <= 1000 and full.startswith(article.text + "\n\n")
    message = f"text cut at {len(article.text)} of {len(full)} characters (max_article_chars)"
    assert notice == IngestNotice(str(path), message)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ingest_hostile_fifo_in_a_folder_is_a_failure_and_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "a-talks.txt").write_text(STORY, "utf-8")
    os.mkfifo(tmp_path / "b-live.jsonl")
    article, failure = _read_within([str(tmp_path)])
    assert isinstance(article, Article) and article.text == STORY
    assert failure == IngestFailure(str(tmp_path / "b-live.jsonl"), "not a regular file (fifo)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ingest_hostile_fifo_named_directly_is_a_failure(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.xml"
    os.mkfifo(pipe)
    assert _read_within([str(pipe)]) == [IngestFailure(str(pipe), "not a regular file (fifo)")]


def _symlinked_news(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    (news / "2024").mkdir(parents=True)
    (news / "2024" / "talks.html").write_text(f"<p>{STORY}</p>", "utf-8")
    (news / "2024" / "back").symlink_to(news, target_is_directory=True)
    (news / "root").symlink_to(tmp_path, target_is_directory=True)
    return news


def test_ingest_hostile_double_star_does_not_follow_symlinks_to_parents(tmp_path: Path) -> None:
    news = _symlinked_news(tmp_path)
    items = _read_within([str(news / "**" / "*.html")])
    assert [item.origin for item in items] == [str(news / "2024" / "talks.html")]


def test_ingest_hostile_star_matching_a_symlink_to_a_parent_reads_nothing_twice(
    tmp_path: Path,
) -> None:
    news = _symlinked_news(tmp_path)
    (news / "brief.txt").write_text(SECOND_STORY, "utf-8")
    items = _read_within([str(news / "*")])
    assert [item.origin for item in items] == [str(news / "2024" / "talks.html"),
                                               str(news / "brief.txt")]


def test_ingest_hostile_relative_double_star_keeps_relative_origins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _symlinked_news(tmp_path)
    (tmp_path / "top.html").write_text(f"<p>{SECOND_STORY}</p>", "utf-8")
    monkeypatch.chdir(tmp_path)
    origins = [item.origin for item in _read_within(["**/*.html"])]
    assert origins == [os.path.join("news", "2024", "talks.html"), "top.html"]


def _failing_on(marker: str, real: Callable[..., object]) -> Callable[..., object]:
    def reader(text: str, *args: object, **kwargs: object) -> object:
        if marker in text:
            raise RuntimeError("parser state corrupted")
        return real(text, *args, **kwargs)

    return reader


def test_ingest_hostile_unexpected_error_in_one_file_fails_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polex.ingest.readers as readers

    monkeypatch.setattr(readers, "read_text_article",
                        _failing_on("Uganda", readers.read_text_article))
    (tmp_path / "a.txt").write_text(SECOND_STORY, "utf-8")
    (tmp_path / "b.txt").write_text(STORY, "utf-8")
    failure, article = read_inputs([str(tmp_path)])
    reason = "unexpected error: RuntimeError: parser state corrupted"
    assert failure == IngestFailure(str(tmp_path / "a.txt"), reason)
    assert isinstance(article, Article) and article.origin == str(tmp_path / "b.txt")


def test_ingest_hostile_unexpected_error_in_one_jsonl_line_fails_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polex.ingest.jsonl as jsonl

    monkeypatch.setattr(jsonl, "normalize_paragraphs",
                        _failing_on("Uganda", jsonl.normalize_paragraphs))
    path = _jsonl(tmp_path, [json.dumps(LATER_RECORD), json.dumps(RECORD)])
    failure, article = read_inputs([str(path)])
    reason = "unexpected error: RuntimeError: parser state corrupted"
    assert failure == IngestFailure(f"{path}:1", reason)
    assert isinstance(article, Article) and article.id == "nation-2207"
