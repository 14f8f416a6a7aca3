"""The actor knowledge base: countries, organizations, sector nouns and dated office holders.

Built from the TSV files in ``polex/data/kb/`` plus any user files in the same formats
(recognized by their header row). Every name is compiled into one dictionary keyed by
its normalized form, so a lookup is a single dict access.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from polex.data import read_text
from polex.ontology import sectors as plover_sectors

Kind = Literal["country", "capital", "seat", "demonym", "organization", "sector_noun", "person"]

BUILTIN_FILES = (
    "countries.tsv",
    "organizations.tsv",
    "sectors.tsv",
    "offices.tsv",
    "heads.tsv",
    "grammar.tsv",
)
# Converted outside dictionaries: they fill gaps and never replace a curated row above.
FALLBACK_FILES = ("cameo_agents.tsv",)
# sectors of those who bear arms: forces, police, rebels, gangs, spies
ARMED_SECTORS = frozenset({"REB", "PRM", "MIL", "COP", "UAF", "CRM", "SPY"})
# The converted agents fill gaps for the sectors of political actors only: their business,
# media, education, health and crime nouns ("producer", "telecoms", "robbers") turned
# company and crime news into events.
FALLBACK_SKIPPED_SECTORS = frozenset({"BUS", "JRN", "EDU", "MED", "CRM"})
MEMBERSHIPS = frozenset({"UN", "observer", "none"})
NAMED_KINDS = frozenset({"country", "capital", "seat", "demonym", "organization", "person"})

_CODE = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_FOLD = str.maketrans(
    {
        "đ": "d",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
        "&": " and ",
    }
)
_DROP = re.compile(r"[.'’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lookup key: case, diacritics and punctuation folded; a leading "the" dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _NON_WORD.sub(" ", _DROP.sub("", stripped.translate(_FOLD)))
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and " " not in name.strip() and all(ch.isupper() for ch in letters)


def _acronym_matches(alias: str, query: str) -> bool:
    """All-capital aliases only match text written in capitals ("WHO", not "who")."""
    alias_letters = [ch for ch in alias if ch.isalpha()]
    query_letters = [ch for ch in query if ch.isalpha()]
    if len(alias_letters) <= 3:
        return all(ch.isupper() for ch in query_letters)
    return any(ch.isupper() for ch in query_letters)


# How long before taking office a person is already read as their state's
INCOMING_WINDOW = timedelta(days=92)


@dataclass(frozen=True)
class KBEntry:
    name: str
    code: str  # PLOVER code; "" for a sector noun that names no country
    sector: str | None
    kind: Kind
    identifier_id: str | None
    identifier_text: str | None
    office: str | None
    start: date | None
    end: date | None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class HeadPosts:
    """Which offices are a state's head of state and head of government in one period."""

    code: str
    member: str  # "UN", "observer" (Palestine) or "none" (Kosovo, Taiwan)
    start: date | None  # the period (a state founded later starts on its founding day)
    end: date | None
    head_of_state: tuple[str, ...]
    head_of_government: tuple[str, ...]

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class _Indexed:
    entry: KBEntry
    alias: str  # the name as written in the file
    builtin: bool


@dataclass
class _Row:
    origin: str  # "file:line"
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def many(self, column: str) -> list[str]:
        return [v.strip() for v in self.get(column).split("|") if v.strip()]


class RowError(ValueError):
    pass


def _parse_date(text: str, *, end: bool) -> date | None:
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise RowError(f"bad date {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            if not end:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, month, day)
    except ValueError as exc:
        raise RowError(f"bad date {text!r}: {exc}") from exc


def _check_code(code: str, column: str = "code") -> str:
    if not _CODE.match(code):
        raise RowError(f"{column} {code!r} is not three capital letters")
    return code


def _check_sector(sector: str) -> str | None:
    if not sector:
        return None
    if sector not in _plover_sectors():
        raise RowError(f"unknown PLOVER sector {sector!r}")
    return sector


@lru_cache(maxsize=1)
def _plover_sectors() -> frozenset[str]:
    return frozenset(plover_sectors())


def _required(row: _Row, column: str) -> str:
    value = row.get(column)
    if not value:
        raise RowError(f"missing {column}")
    return value


FileFormat = Literal["countries", "organizations", "sectors", "offices", "heads", "grammar"]


def _detect_format(header: Sequence[str]) -> FileFormat | None:
    columns = set(header)
    if {"code", "member", "head_of_state", "head_of_government"} <= columns:
        return "heads"
    if {"code", "name", "adjectives", "capital"} <= columns:
        return "countries"
    if {"person", "office", "code", "start"} <= columns:
        return "offices"
    if {"phrase", "sector"} <= columns:
        return "sectors"
    if {"name", "code"} <= columns:
        return "organizations"
    if {"word", "role"} <= columns:
        return "grammar"
    return None


_HEADER_CELL = re.compile(r"^[a-z][a-z0-9_]*$")


def _table_header(line: str) -> tuple[list[str], FileFormat] | None:
    """A header row that starts a new table inside a file (imported files hold several)."""
    cells = [c.strip() for c in line.split("\t")]
    if not all(_HEADER_CELL.match(c) for c in cells):
        return None
    file_format = _detect_format(cells)
    return (cells, file_format) if file_format is not None else None


def _read_tables(text: str, label: str) -> Iterator[tuple[FileFormat, _Row] | str]:
    """Rows with their table's format; a str in the stream is a malformed-line problem.

    The first content line is a header; any later line that is a recognized header starts
    a new table, so one file can carry offices, organizations and sector nouns together.
    """
    lines = [(n, line.rstrip("\r\n")) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not content:
        return
    first_number, first_line = content[0]
    table = _table_header(first_line)
    if table is None:
        yield f"{label}:{first_number}: unrecognized header {first_line!r}"
        return
    for number, line in content[1:]:
        next_table = _table_header(line)
        if next_table is not None:
            table = next_table
            continue
        header, file_format = table
        cells = line.split("\t")
        origin = f"{label}:{number}"
        if len(cells) > len(header):
            yield f"{origin}: {len(cells)} columns, the header has {len(header)}"
            continue
        yield file_format, _Row(origin, dict(zip(header, cells, strict=False)))


@dataclass
class _Build:
    """Entries and side tables collected while reading files."""

    entries: list[tuple[_Indexed, str]] = field(default_factory=list)  # (indexed, origin)
    main_countries: dict[str, KBEntry] = field(default_factory=dict)
    noun_roles: dict[str, str] = field(default_factory=dict)
    grammar: dict[str, set[str]] = field(default_factory=dict)
    head_offices: list[str] = field(default_factory=list)
    not_metonym: set[str] = field(default_factory=set)
    country_rows: list[tuple[_Row, bool]] = field(default_factory=list)
    head_posts: list[HeadPosts] = field(default_factory=list)


def _entry(
    name: str,
    kind: Kind,
    code: str,
    sector: str | None,
    *,
    ident: tuple[str, str] = ("", ""),
    office: str = "",
    start: date | None = None,
    end: date | None = None,
) -> KBEntry:
    qid, canonical = ident
    return KBEntry(
        name=name,
        code=code,
        sector=sector,
        kind=kind,
        identifier_id=qid or None,
        identifier_text=canonical or None,
        office=office or None,
        start=start,
        end=end,
    )


def _country_entries(row: _Row, build: _Build, builtin: bool) -> list[_Indexed]:
    name = _required(row, "name")
    code = _check_code(_required(row, "code"))
    iso3 = row.get("iso3")
    if iso3:
        _check_code(iso3, "iso3")
    qid = row.get("wikidata")
    is_main = iso3 in ("", code)
    ident = (qid, name)
    found: list[_Indexed] = []
    for alias in [name, *row.many("alternates")]:
        found.append(_Indexed(_entry(alias, "country", code, "GOV", ident=ident), alias, builtin))
    for alias in row.many("adjectives"):
        found.append(_Indexed(_entry(alias, "demonym", code, None, ident=ident), alias, builtin))
    for alias in row.many("seats"):
        found.append(_Indexed(_entry(alias, "seat", code, "GOV", ident=ident), alias, builtin))
    capital = row.get("capital")
    if capital and is_main and normalize(capital) not in build.not_metonym:
        entry = _entry(capital, "capital", code, "GOV", ident=ident)
        found.append(_Indexed(entry, capital, builtin))
    if is_main:
        build.main_countries[code] = found[0].entry
    return found


def _organization_entries(row: _Row, builtin: bool) -> list[_Indexed]:
    name = _required(row, "name")
    code = _check_code(_required(row, "code"))
    sector = _check_sector(row.get("sector"))
    start = _parse_date(row.get("valid_from"), end=False)
    end = _parse_date(row.get("valid_to"), end=True)
    ident = (row.get("wikidata"), name)
    return [
        _Indexed(
            _entry(alias, "organization", code, sector, start=start, end=end, ident=ident),
            alias,
            builtin,
        )
        for alias in [name, *row.many("aliases")]
    ]


def _sector_entries(row: _Row, build: _Build, builtin: bool) -> list[_Indexed]:
    sector = _check_sector(_required(row, "sector"))
    country = row.get("country")
    if country:
        _check_code(country, "country")
    role = row.get("role")
    if role not in ("", "agent", "armed"):
        raise RowError(f"unknown role {role!r} (expected agent or armed)")
    found = []
    for phrase in _required(row, "phrase").split("|"):
        if role:
            build.noun_roles[normalize(phrase)] = role
        entry = _entry(phrase, "sector_noun", country, sector, office=row.get("office"))
        found.append(_Indexed(entry, phrase, builtin))
    return found


def _office_entries(row: _Row, builtin: bool) -> list[_Indexed]:
    person = _required(row, "person")
    code = _check_code(_required(row, "code"))
    office = row.get("office")  # may be empty: imported dictionaries name no titles
    sector = _check_sector(row.get("sector"))
    start = _parse_date(row.get("start"), end=False)
    end = _parse_date(row.get("end"), end=True)
    if start and end and end < start:
        raise RowError(f"end {end} is before start {start}")
    ident = (row.get("wikidata"), person)
    return [
        _Indexed(
            _entry(alias, "person", code, sector, office=office, start=start, end=end, ident=ident),
            alias,
            builtin,
        )
        for alias in [person, *row.many("aliases")]
    ]


def _head_posts_row(row: _Row, build: _Build) -> None:
    member = _required(row, "member")
    if member not in MEMBERSHIPS:
        raise RowError(f"member {member!r} is not one of {', '.join(sorted(MEMBERSHIPS))}")
    start, end = _parse_date(row.get("from"), end=False), _parse_date(row.get("to"), end=True)
    if start and end and end < start:
        raise RowError(f"period ends ({end}) before it starts ({start})")
    state, government = row.many("head_of_state"), row.many("head_of_government")
    build.head_posts.append(
        HeadPosts(
            _check_code(_required(row, "code")), member, start, end, tuple(state), tuple(government)
        )
    )


def _grammar_row(row: _Row, build: _Build) -> None:
    word, role = _required(row, "word"), _required(row, "role")
    if role == "head_office":
        build.head_offices.append(word)
    elif role == "not_metonym":
        build.not_metonym.add(normalize(word))
    else:
        build.grammar.setdefault(normalize(word), set()).add(role)


class KnowledgeBase:
    """Compiled actor dictionary; build it with :meth:`load`."""

    def __init__(self, build: _Build, warnings: list[str], problems: list[str]) -> None:
        self.warnings = warnings
        self.problems = problems
        self._index: dict[str, list[_Indexed]] = {}
        for indexed, _origin in build.entries:
            self._index.setdefault(normalize(indexed.alias), []).append(indexed)
        self._countries = build.main_countries
        self._noun_roles = build.noun_roles
        self._grammar = {k: frozenset(v) for k, v in build.grammar.items()}
        self._head_rank = {office: rank for rank, office in enumerate(build.head_offices)}
        self._holders: dict[tuple[str, str], list[KBEntry]] = {}
        self._head_posts = tuple(build.head_posts)
        self._max_words: dict[str, int] = {}
        self._name_words: dict[str, set[str]] = {}  # person -> words of all their names
        self._compile_side_tables()

    def _compile_side_tables(self) -> None:
        seen: set[tuple[str, str, str, date | None]] = set()
        for items in self._index.values():
            for item in items:
                entry = item.entry
                if entry.kind == "person" and entry.identifier_text:
                    names = self._name_words.setdefault(entry.identifier_text, set())
                    names.update(normalize(item.alias).split())
                if entry.kind != "person" or not entry.office or not entry.identifier_text:
                    continue
                term = (entry.identifier_text, entry.code, entry.office, entry.start)
                if term not in seen:
                    seen.add(term)
                    self._holders.setdefault((entry.code, entry.office), []).append(entry)
        for name in [*self._index, *self._grammar]:
            words = name.split()
            if words:
                self._max_words[words[0]] = max(self._max_words.get(words[0], 0), len(words))

    # -- loading -------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> KnowledgeBase:
        """Built-in package data plus user files; user rows override built-in ones."""
        build = _Build()
        problems: list[str] = []
        builtin_texts = [(f"kb/{name}", _builtin_text(name)) for name in BUILTIN_FILES]
        # grammar first: it lists capitals that must not become metonyms
        ordered = sorted(builtin_texts, key=lambda item: not item[0].endswith("grammar.tsv"))
        for label, text in ordered:
            _load_text(text, label, build, problems, builtin=True)
        _load_fallbacks(build, problems)
        builtin_entries = len(build.entries)
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot read: {exc}")
                continue
            _load_text(text, str(path), build, problems, builtin=False)
        warnings = _apply_overrides(build, builtin_entries)
        return cls(build, warnings, problems)

    # -- queries -------------------------------------------------------------------------

    def lookup(self, name: str, when: date | None = None) -> list[KBEntry]:
        """Entries named ``name``; dated entries filtered to ``when``.

        Persons: whoever held an office on ``when``, then former holders as ELI.
        Without ``when`` every dated entry is returned, current ones first.
        """
        items = [i for i in self._index.get(normalize(name), ()) if _name_matches(i, name)]
        persons = [i.entry for i in items if i.entry.kind == "person"]
        others = [i.entry for i in items if i.entry.kind != "person"]
        if when is None:
            return _unique(_latest_first(others) + _latest_first(persons))
        dated = [e for e in others if e.covers(when)]
        return _unique(dated + self._persons_on(persons, when))

    def knows(self, name: str) -> bool:
        """Whether any entry has this name (after normalization), whatever the letter case."""
        return normalize(name) in self._index

    def name_words(self, person: KBEntry) -> frozenset[str]:
        """The words of every name the file gives the person ("joe", "joseph", "biden")."""
        words = self._name_words.get(person.identifier_text or "", ())
        return frozenset(words) | frozenset(normalize(person.name).split())

    def country(self, code: str) -> KBEntry | None:
        return self._countries.get(code)

    def holder(self, code: str, office: str, when: date) -> KBEntry | None:
        """The person holding ``office`` for ``code`` on ``when``, if the KB knows them."""
        holders = [e for e in self._holders.get((code, office), ()) if e.covers(when)]
        return max(holders, key=lambda e: e.start or date.min) if holders else None

    def holders(self, code: str, office: str) -> list[KBEntry]:
        """Every known holder of ``office`` for ``code``, earliest term first."""
        return sorted(self._holders.get((code, office), ()), key=lambda e: e.start or date.min)

    def head_posts(self, when: date) -> list[HeadPosts]:
        """Each state's head-of-state and head-of-government offices in force on ``when``."""
        return [posts for posts in self._head_posts if posts.covers(when)]

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """The head words of the offices the sector nouns name: "secretary" for "Secretary
        of State", "minister" for "Foreign Minister" and "Minister for Foreign Affairs"."""
        heads = set()
        for entry in self.entries():
            if entry.kind == "sector_noun" and entry.office:
                words = re.split(r"\b(?:of|for|in)\b", normalize(entry.office))[0].split()
                if words:
                    heads.add(words[-1])
        return frozenset(heads)

    def noun_role(self, phrase: str) -> str | None:
        """The role ("agent" or "armed") of a noun naming an organization's people."""
        return self._noun_roles.get(normalize(phrase))

    def grammar_roles(self, text: str) -> frozenset[str]:
        return self._grammar.get(normalize(text), frozenset())

    def max_words(self, first_word: str) -> int:
        """Longest key, in words, starting with this normalized word (0 if none)."""
        return self._max_words.get(first_word, 0)

    def entries(self) -> Iterable[KBEntry]:
        for items in self._index.values():
            for item in items:
                yield item.entry

    def named_entries(self) -> Iterable[tuple[str, KBEntry]]:
        """Each entry under each of its names, as normalized lookup keys."""
        for key, items in self._index.items():
            for item in items:
                yield key, item.entry

    def _persons_on(self, terms: list[KBEntry], when: date) -> list[KBEntry]:
        by_person: dict[str, list[KBEntry]] = {}
        for term in terms:
            by_person.setdefault(term.identifier_text or term.name, []).append(term)
        current: list[KBEntry] = []
        former: list[KBEntry] = []
        for person_terms in by_person.values():
            serving = [t for t in person_terms if t.covers(when)]
            ended = [t for t in person_terms if t.end is not None and t.end < when]
            if serving:
                current.append(min(serving, key=self._office_rank))
            elif ended:
                last = max(ended, key=lambda t: t.end or date.min)
                office = f"former {last.office}" if last.office else None
                former.append(replace(last, sector="ELI", office=office))
            else:
                # just before taking office (an event dated "July 2000" is read on its
                # first day, before Assad's swearing-in on the 17th; a president-elect)
                first = min(person_terms, key=lambda t: t.start or date.min)
                if first.start is not None and first.start - when <= INCOMING_WINDOW:
                    former.append(replace(first, sector="ELI", office=None))
        return current + former

    def _office_rank(self, term: KBEntry) -> tuple[int, int]:
        rank = self._head_rank.get(term.office or "", len(self._head_rank))
        return rank, -(term.start or date.min).toordinal()


def _name_matches(item: _Indexed, query: str) -> bool:
    return not is_acronym(item.alias) or _acronym_matches(item.alias, query)


def _unique(entries: list[KBEntry]) -> list[KBEntry]:
    """Entries reached through several spellings of one name, kept once."""
    seen: set[tuple[object, ...]] = set()
    unique = []
    for entry in entries:
        key = (entry.code, entry.sector, entry.kind, entry.identifier_id, entry.identifier_text,
               entry.office, entry.start, entry.end)  # every field but the name
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _latest_first(entries: list[KBEntry]) -> list[KBEntry]:
    return sorted(
        entries,
        key=lambda e: (e.end is not None, -(e.start or date.min).toordinal()),
    )


def _builtin_text(name: str) -> str:
    return read_text("kb", name)


def _load_fallbacks(build: _Build, problems: list[str]) -> None:
    """Rows of the converted dictionaries for names the curated files do not have."""
    curated = {_override_key(item) for item, _origin in build.entries}
    for name in FALLBACK_FILES:
        try:
            text = _builtin_text(name)
        except FileNotFoundError:  # 'make lexicon' is rebuilding it
            continue
        start = len(build.entries)
        _load_text(text, f"kb/{name}", build, problems, builtin=True)
        added = build.entries[start:]
        build.entries[start:] = [
            (item, origin) for item, origin in added
            if _override_key(item) not in curated
            and item.entry.sector not in FALLBACK_SKIPPED_SECTORS
        ]


def _load_text(text: str, label: str, build: _Build, problems: list[str], builtin: bool) -> None:
    for item in _read_tables(text, label):
        if isinstance(item, str):
            problems.append(item)
            continue
        file_format, row = item
        try:
            found = _row_entries(file_format, row, build, builtin)
        except RowError as exc:
            problems.append(f"{row.origin}: {exc}")
            continue
        build.entries.extend((item, row.origin) for item in found)


def _row_entries(
    file_format: FileFormat, row: _Row, build: _Build, builtin: bool
) -> list[_Indexed]:
    if file_format == "countries":
        return _country_entries(row, build, builtin)
    if file_format == "organizations":
        return _organization_entries(row, builtin)
    if file_format == "sectors":
        return _sector_entries(row, build, builtin)
    if file_format == "offices":
        return _office_entries(row, builtin)
    if file_format == "heads":
        _head_posts_row(row, build)
    elif file_format == "grammar":
        _grammar_row(row, build)
    return []


def _override_key(item: _Indexed) -> tuple[str, str, str]:
    # a sector noun row for one country leaves the country-neutral row in place
    country = item.entry.code if item.entry.kind == "sector_noun" else ""
    return normalize(item.alias), item.entry.kind, country


def _apply_overrides(build: _Build, builtin_count: int) -> list[str]:
    """Drop built-in entries that a user row names again (same name and kind)."""
    overridden: dict[tuple[str, str, str], str] = {}
    for item, origin in build.entries[builtin_count:]:
        overridden.setdefault(_override_key(item), origin)
    warnings: list[str] = []
    reported: set[tuple[str, str, str]] = set()
    kept: list[tuple[_Indexed, str]] = []
    for item, origin in build.entries[:builtin_count]:
        key = _override_key(item)
        if key not in overridden:
            kept.append((item, origin))
        elif key not in reported:  # each conflict once, however many rows it touches
            reported.add(key)
            warnings.append(
                f"{overridden[key]}: {item.alias!r} ({item.entry.kind}) overrides the "
                f"built-in entry from {origin}"
            )
    build.entries = kept + build.entries[builtin_count:]
    return warnings


@lru_cache(maxsize=1)
def country_code_table() -> dict[str, str]:
    """Every ISO 3166-1 alpha-3 code (and Kosovo's KOS) mapped to its PLOVER country code."""
    table: dict[str, str] = {}
    for item in _read_tables(_builtin_text("countries.tsv"), "kb/countries.tsv"):
        if isinstance(item, str):
            continue
        _file_format, row = item
        code = row.get("code")
        table[row.get("iso3") or code] = code
    return table


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The built-in knowledge base, loaded once per process."""
    return KnowledgeBase.load()
