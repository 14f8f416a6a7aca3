"""RSS and Atom feed files: entries become Articles without any network access."""

from datetime import date
from pathlib import Path

from polex.ingest import article_id_for_url, fragment_text, read_inputs
from polex.ingest.feeds import NO_ENTRIES_REASON, NO_ENTRY_TEXT_REASON, NOT_A_FEED_REASON
from polex.schema import Article, IngestFailure

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Danube Observer</title>
  <link>https://observer.example.net/</link>
  <description>News from Central Europe</description>
  <item>
    <title>Hungary blocks EU aid package for Ukraine</title>
    <link>https://observer.example.net/2023/12/hungary-veto</link>
    <guid isPermaLink="false">observer-88231</guid>
    <pubDate>Thu, 14 Dec 2023 23:40:00 -0500</pubDate>
    <description>Hungary vetoed the package late on Thursday.</description>
    <content:encoded><![CDATA[
      <p>Hungary blocked a 50 billion euro EU aid package for Ukraine on Thursday,
      hours after the other leaders agreed to open membership talks with Kyiv.</p>
      <script>trackRead("88231");</script>
      <p>Prime Minister Viktor Orban said Budapest would <b>not</b> change its position.</p>
    ]]></content:encoded>
  </item>
  <item>
    <title>Slovakia recalls ambassador</title>
    <link>https://observer.example.net/2023/12/slovakia-envoy</link>
    <pubDate>Wed, 13 Dec 2023 09:15:00 +0100</pubDate>
    <description>&lt;p&gt;Slovakia recalled its ambassador to Prague for consultations.&lt;/p&gt;
    </description>
  </item>
  <item>
    <title>Photo gallery: winter in Vienna</title>
    <link>https://observer.example.net/2023/12/gallery</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Baltic Wire</title>
  <id>urn:uuid:7a1b6c1e-0000-4000-8000-000000000001</id>
  <updated>2024-01-20T12:00:00Z</updated>
  <entry>
    <title>Estonia expels Russian diplomat</title>
    <id>urn:uuid:7a1b6c1e-0000-4000-8000-000000000002</id>
    <updated>2024-01-19T17:30:00+02:00</updated>
    <summary>Estonia expelled a Russian diplomat on Friday over interference.</summary>
  </entry>
</feed>
"""

UNDATED_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Notes</title><link>https://notes.example.net/</link>
<description>d</description>
<item><title>Talks</title><link>https://notes.example.net/talks</link>
<description>Poland and Lithuania held talks on border security.</description></item>
</channel></rss>
"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://observer.example.net/2023/12/hungary-veto</loc></url>
</urlset>
"""

EMPTY_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quiet</title><link>https://q.example.net/</link>
<description>Nothing yet</description></channel></rss>
"""


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    return path


def _article(item: Article | IngestFailure) -> Article:
    assert isinstance(item, Article), item
    return item


def test_ingest_feeds_rss_entries_become_articles(tmp_path: Path) -> None:
    feed = _write(tmp_path, "observer.rss", RSS)
    veto = _article(next(iter(read_inputs([str(feed)]))))
    assert veto.id == article_id_for_url("https://observer.example.net/2023/12/hungary-veto")
    assert veto.url == "https://observer.example.net/2023/12/hungary-veto"
    assert veto.title == "Hungary blocks EU aid package for Ukraine"
    assert veto.source == "The Danube Observer"
    assert veto.origin == f"{feed}#1"


def test_ingest_feeds_full_content_wins_over_summary_and_is_cleaned(tmp_path: Path) -> None:
    feed = _write(tmp_path, "observer.xml", RSS)
    veto = _article(next(iter(read_inputs([str(feed)]))))
    assert veto.text == (
        "Hungary blocked a 50 billion euro EU aid package for Ukraine on Thursday, "
        "hours after the other leaders agreed to open membership talks with Kyiv.\n\n"
        "Prime Minister Viktor Orban said Budapest would not change its position."
    )


def test_ingest_feeds_entry_date_is_kept_as_written(tmp_path: Path) -> None:
    feed = _write(tmp_path, "observer.rss", RSS)
    veto, envoy, _ = read_inputs([str(feed)])
    assert _article(veto).published == date(2023, 12, 14)
    assert _article(envoy).published == date(2023, 12, 13)


def test_ingest_feeds_html_summary_is_used_without_content(tmp_path: Path) -> None:
    feed = _write(tmp_path, "observer.rss", RSS)
    _, envoy, _ = read_inputs([str(feed)])
    assert _article(envoy).text == "Slovakia recalled its ambassador to Prague for consultations."


def test_ingest_feeds_entry_without_text_is_a_failure(tmp_path: Path) -> None:
    feed = _write(tmp_path, "observer.rss", RSS)
    *_, gallery = read_inputs([str(feed)])
    assert gallery == IngestFailure(f"{feed}#3", NO_ENTRY_TEXT_REASON)


def test_ingest_feeds_atom_entry_without_link_gets_a_stable_id(tmp_path: Path) -> None:
    first = _write(tmp_path, "wire.atom", ATOM)
    second = _write(tmp_path, "copy.atom", ATOM)
    entry = _article(next(iter(read_inputs([str(first)]))))
    again = _article(next(iter(read_inputs([str(second)]))))
    assert entry.text == "Estonia expelled a Russian diplomat on Friday over interference."
    assert entry.published == date(2024, 1, 19)
    assert entry.id == again.id and entry.id.startswith("feed-")


def test_ingest_feeds_undated_entry_takes_the_given_date(tmp_path: Path) -> None:
    feed = _write(tmp_path, "notes.rss", UNDATED_RSS)
    (item,) = read_inputs([str(feed)], published=date(2024, 3, 1))
    assert _article(item).published == date(2024, 3, 1)


def test_ingest_feeds_xml_that_is_not_a_feed_is_a_failure(tmp_path: Path) -> None:
    sitemap = _write(tmp_path, "sitemap.xml", SITEMAP)
    (item,) = read_inputs([str(sitemap)])
    assert isinstance(item, IngestFailure)
    assert item.origin == str(sitemap)
    assert item.reason.startswith(NOT_A_FEED_REASON)


def test_ingest_feeds_feed_without_entries_is_reported(tmp_path: Path) -> None:
    feed = _write(tmp_path, "quiet.rss", EMPTY_RSS)
    assert list(read_inputs([str(feed)])) == [IngestFailure(str(feed), NO_ENTRIES_REASON)]


def test_ingest_feeds_feed_under_another_extension_is_sniffed(tmp_path: Path) -> None:
    feed = _write(tmp_path, "feed.php", UNDATED_RSS)
    (item,) = read_inputs([str(feed)])
    assert _article(item).url == "https://notes.example.net/talks"


def test_ingest_feeds_folder_reads_feed_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.rss", UNDATED_RSS)
    _write(tmp_path, "b.atom", ATOM)
    origins = [item.origin for item in read_inputs([str(tmp_path)])]
    assert origins == [f"{tmp_path / 'a.rss'}#1", f"{tmp_path / 'b.atom'}#1"]


def test_ingest_feeds_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = (
        "Lead sentence.<p>First <i>paragraph</i>\n spans lines.</p>"
        "<script>var x = 1;</script><ul><li>One</li><li>Two</li></ul>Tail<br>after break"
    )
    assert fragment_text(html) == (
        "Lead sentence.\n\nFirst paragraph spans lines.\n\nOne\n\nTwo\n\nTail\n\nafter break"
    )
