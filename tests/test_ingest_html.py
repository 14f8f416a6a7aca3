from datetime import date
from pathlib import Path

from polex.ingest import read_html_article, read_inputs
from polex.schema import Article, IngestFailure

NAVIGATION = """
<header><a href="/" class="logo">The Southern Courier</a></header>
<nav class="menu">
  <a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
  <span class="promo">Subscribe today for full access to our reporting from Latin America.</span>
</nav>
"""

FOOTER = """
<footer>
  <p>Copyright 2021 The Southern Courier. All rights reserved.</p>
  <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact us</a></li></ul>
</footer>
"""

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Chilean president visits Buenos Aires | The Southern Courier</title>
  <meta property="og:title" content="Chilean president visits Buenos Aires">
  <meta property="article:published_time" content="2024-03-05T09:30:00Z">
  <link rel="canonical" href="https://courier.example.org/2024/03/05/boric-milei-visit">
</head>
<body>
{NAVIGATION}
<main><article>
  <h1>Chilean president visits Buenos Aires</h1>
  <p>Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires
  on Monday, the first official visit by a Chilean head of state since Milei took office.</p>
  <p>The two leaders signed an agreement on lithium exploration along their shared border
  and pledged to reopen talks on a stalled gas pipeline, officials from both sides said.</p>
  <p>Boric's predecessor, Sebastián Piñera, travelled to Argentina in 2019 for a similar
  summit that ended without a deal.</p>
</article></main>
{FOOTER}
</body>
</html>
"""

# A section front: menus and an "about us" footer, no article.
NAV_ONLY_PAGE = """<!DOCTYPE html>
<html><head><title>World news | The Southern Courier</title></head>
<body>
<nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<span class="promo">Subscribe today for full access to our reporting from Latin America.</span>
</nav>
<footer>The Southern Courier is an independent newspaper founded in Valparaíso in 1998.</footer>
</body></html>
"""

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html><head><title>404 Not Found</title></head>
<body><h1>Not Found</h1>
<p>The requested URL was not found on this server.</p></body></html>
"""


def _read_one(path: Path, published: date | None = None) -> Article | IngestFailure:
    items = list(read_inputs([str(path)], published=published))
    assert len(items) == 1
    return items[0]


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_ingest_html_keeps_article_text_without_boilerplate(tmp_path: Path) -> None:
    article = _read_one(_write(tmp_path, "boric-visit.html", ARTICLE_PAGE))
    assert isinstance(article, Article)
    assert article.id == "boric-visit"
    assert article.text.startswith("Chilean President Gabriel Boric met")
    assert "Sebastián Piñera" in article.text
    for boilerplate in ("Home", "Subscribe", "Privacy policy", "All rights reserved"):
        assert boilerplate not in article.text


def test_ingest_html_separates_paragraphs_with_blank_lines(tmp_path: Path) -> None:
    article = _read_one(_write(tmp_path, "boric-visit.htm", ARTICLE_PAGE))
    assert isinstance(article, Article)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("The two leaders signed")
    assert "\n" not in paragraphs[0]


def test_ingest_html_reads_title_url_and_published_time(tmp_path: Path) -> None:
    article = _read_one(_write(tmp_path, "boric-visit.html", ARTICLE_PAGE))
    assert isinstance(article, Article)
    assert article.title == "Chilean president visits Buenos Aires"
    assert article.url == "https://courier.example.org/2024/03/05/boric-milei-visit"
    assert article.published == date(2024, 3, 5)


def test_ingest_html_explicit_published_overrides_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path, "boric-visit.html", ARTICLE_PAGE)
    article = _read_one(path, published=date(2024, 3, 4))
    assert isinstance(article, Article)
    assert article.published == date(2024, 3, 4)


def test_ingest_html_copyright_year_is_not_a_publication_date() -> None:
    page = ARTICLE_PAGE.replace(
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">', ""
    ).replace('<link rel="canonical" href="https://courier.example.org/2024/03/05/', "<link ")
    article = read_html_article(page, "boric-visit", None, "test")
    assert isinstance(article, Article)
    assert article.published is None


def test_ingest_html_navigation_only_page_is_a_failure(tmp_path: Path) -> None:
    path = _write(tmp_path, "world.html", NAV_ONLY_PAGE)
    assert _read_one(path) == IngestFailure(str(path), "no article text found in HTML")


def test_ingest_html_error_page_is_a_failure(tmp_path: Path) -> None:
    path = _write(tmp_path, "missing.html", NOT_FOUND_PAGE)
    assert _read_one(path) == IngestFailure(str(path), "no article text found in HTML")
