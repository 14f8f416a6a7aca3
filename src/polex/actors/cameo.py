"""Import CAMEO / PETRARCH actor and agent dictionaries into polex's knowledge-base format.

Actor dictionaries hold entries: a name line, ``+`` synonym lines, and codes in brackets,
either on the name line or indented below it::

    HAMID_KARZAI_  # comment
    +KARZAI_
        [AFGELI 750101-000101]
        [AFGGOV >011222]
        [AFGELI]

A bracket holds a CAMEO code and an optional date restriction (``>D`` from D on, ``<D`` until
D, ``D-D`` between; D is YYMMDD, years 00-30 meaning 20YY, or YYYYMMDD). An undated code is
the entry's default, used on dates no dated code covers. Agent dictionaries hold nouns with
``[~CODE]`` codes, ``{PLURAL}`` forms (``{}``: none) and ``!MACRO! = A, B`` substitutions.

The result is written as one polex KB file with up to three tables: persons (entries with
dated codes, one row per period), organizations (entries with undated codes) and sector
nouns (agents). Malformed lines are reported as ``file:line: reason`` and skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from polex.actors.kb import ARMED_SECTORS, country_code_table
from polex.data import read_text
from polex.dictionary_lines import DictionaryLineError, Skipped

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$")
_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_MACRO = re.compile(r"!([A-Z]+)!")
_MACRO_LINE = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")
_PLURALS = re.compile(r"\{([^}]*)\}")


class CameoError(DictionaryLineError):
    """A line that cannot be imported."""


# -- codes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PloverCode:
    code: str | None  # None: the code names no country (a bare agent such as [ELI])
    sector: str | None


class CodeTable:
    """CAMEO code chains to PLOVER code and sector."""

    def __init__(self, countries: dict[str, str], rows: Iterable[tuple[str, str, str]]) -> None:
        self.countries = dict(countries)
        self.international: dict[str, str] = {}
        self.igo_bodies: dict[str, str] = {}
        self.regions: set[str] = set()
        self.sectors: dict[str, str] = {}
        self.religions: set[str] = set()
        self.lower_words: set[str] = set()
        self.prepositions: set[str] = set()
        for cameo, kind, plover in rows:
            if kind == "country":
                self.countries[cameo] = plover
            elif kind == "international":
                self.international[cameo] = plover
            elif kind == "igo_body":
                self.igo_bodies[cameo] = plover
            elif kind == "region":
                self.regions.add(cameo)
            elif kind == "sector":
                self.sectors[cameo] = plover
            elif kind == "religion":
                self.religions.add(cameo)
            elif kind == "lower_word":
                self.lower_words.add(cameo)
            elif kind == "preposition":
                self.prepositions.add(cameo)

    def actor(self, cameo: str) -> PloverCode:
        """The PLOVER code and sector of an actor code such as USAGOVMIL or IGOUNOKID."""
        parts = _parts(cameo)
        first, rest = parts[0], parts[1:]
        sector = self.sector(rest)
        if first in self.countries:
            return PloverCode(self.countries[first], sector)
        if first == "IGO":
            body = next((self.igo_bodies[p] for p in rest if p in self.igo_bodies), "IGO")
            return PloverCode(body, sector)
        if first in self.international:
            return PloverCode(self.international[first], sector)
        if first in self.sectors:
            return PloverCode(None, self.sector(parts))
        grouping = first in self.regions or first in self.religions
        own_sector = self.sector(parts)
        if grouping and own_sector in ARMED_SECTORS:
            return PloverCode("IMG", own_sector)
        if grouping:
            raise CameoError("region or group code with no PLOVER actor", cameo)
        raise CameoError("unknown CAMEO code", cameo)

    def sector(self, parts: list[str]) -> str | None:
        """First agent part with a PLOVER sector; a religion only when nothing else fits."""
        for part in parts:
            if part in self.sectors:
                return self.sectors[part]
        return "REL" if any(p in self.religions for p in parts) else None


def _parts(cameo: str) -> list[str]:
    if not _CODE.match(cameo):
        raise CameoError("malformed CAMEO code", cameo)
    return [cameo[i : i + 3] for i in range(0, len(cameo), 3)]


@lru_cache(maxsize=1)
def default_code_table() -> CodeTable:
    text = read_text("kb", "cameo_codes.tsv")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cameo\t"):
            continue
        cells = (line.split("\t") + ["", "", ""])[:3]
        rows.append((cells[0], cells[1], cells[2]))
    return CodeTable(country_code_table(), rows)


# -- dates --------------------------------------------------------------------------------


def parse_cameo_date(text: str) -> date:
    """YYMMDD (00-30 is 20YY, otherwise 19YY) or YYYYMMDD."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise CameoError("bad date (expected YYMMDD or YYYYMMDD)", text)
    if len(text) == 6:
        short = int(text[:2])
        year = 2000 + short if short <= 30 else 1900 + short
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CameoError("bad date", f"{text} ({exc})") from exc


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    spec = text.replace(" ", "")
    if spec.startswith(">"):
        return parse_cameo_date(spec[1:]), None
    if spec.startswith("<"):
        return None, parse_cameo_date(spec[1:])
    if spec.count("-") == 1:
        first, last = spec.split("-")
        start, end = parse_cameo_date(first), parse_cameo_date(last)
        if end < start:
            raise CameoError("date range ends before it starts", text)
        return start, end
    raise CameoError("bad date restriction (expected >D, <D or D-D)", text)


# -- parsed records -----------------------------------------------------------------------


@dataclass(frozen=True)
class CameoRole:
    cameo: str
    code: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None
    dated: bool = False


@dataclass
class CameoEntry:
    name: str
    origin: str  # "file:line" of the name line
    aliases: list[str] = field(default_factory=list)
    roles: list[CameoRole] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class AgentNoun:
    phrase: str
    sector: str
    cameo: str
    origin: str


@dataclass
class CameoImport:
    """What one or more dictionaries hold, and what could not be read."""

    entries: list[CameoEntry] = field(default_factory=list)
    agents: list[AgentNoun] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entry_lines: int = 0  # entries as written, before skipping those with no usable code
    agent_lines: int = 0

    @property
    def dated_roles(self) -> int:
        return sum(1 for e in self.entries for r in e.roles if r.dated)

    @property
    def synonyms(self) -> int:
        return sum(len(e.aliases) for e in self.entries)

    def skip_reasons(self) -> Counter[str]:
        return Counter(s.reason for s in self.skipped)

    def extend(self, other: CameoImport) -> None:
        self.entries.extend(other.entries)
        self.agents.extend(other.agents)
        self.skipped.extend(other.skipped)
        self.entry_lines += other.entry_lines
        self.agent_lines += other.agent_lines


# -- names --------------------------------------------------------------------------------


def display_name(raw: str, lower_words: frozenset[str] | set[str] = frozenset()) -> str:
    """'MOHAMMAD_ZAHIR_SHAH_' -> 'Mohammad Zahir Shah'; short one-word names stay as written."""
    text = " ".join(raw.replace("_", " ").replace("|", " ").split())
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    letters = [ch for ch in text if ch.isalpha()]
    if " " not in text and len(letters) <= 5:
        return text
    words = [_display_word(word, i, lower_words) for i, word in enumerate(text.split())]
    return " ".join(words)


def _display_word(word: str, position: int, lower_words: frozenset[str] | set[str]) -> str:
    if word.count(".") >= 2:
        return word  # "U.N."
    lowered = word.lower()
    if position > 0 and lowered in lower_words:
        return lowered
    return "-".join(piece[:1].upper() + piece[1:] for piece in lowered.split("-"))


def _names(raw: str, lower_words: set[str]) -> list[str]:
    """A dictionary name and the acronym it carries in parentheses, if any."""
    text = raw.replace("_", " ")
    acronyms = [a.strip() for a in _PARENTHESIS.findall(text) if a.strip().isupper()]
    base = _PARENTHESIS.sub(" ", text)
    names = [display_name(base, lower_words)] if base.strip() else []
    return names + [a for a in acronyms if " " not in a]


# -- actor dictionaries -------------------------------------------------------------------


class _ActorReader:
    def __init__(self, label: str, codes: CodeTable) -> None:
        self.label = label
        self.codes = codes
        self.result = CameoImport()
        self.current: CameoEntry | None = None
        self.null_coded = False

    def read(self, text: str) -> CameoImport:
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if line:
                self._line(line, f"{self.label}:{number}")
        self._finish()
        return self.result

    def _line(self, line: str, origin: str) -> None:
        if line.startswith("["):
            if self.current is None:
                self.result.skipped.append(Skipped(origin, "code line before any entry"))
                return
            self._roles(line, origin)
        elif line.startswith("+"):
            if self.current is None:
                self.result.skipped.append(Skipped(origin, "synonym line before any entry"))
                return
            for synonym in line.split("+"):
                self._alias(synonym, origin)
        else:
            self._finish()
            self._start(line, origin)

    def _start(self, line: str, origin: str) -> None:
        self.result.entry_lines += 1
        name_part, _bracket, _rest = line.partition("[")
        names = _names(name_part, self.codes.lower_words)
        if not names:
            self.result.skipped.append(Skipped(origin, "entry without a name"))
            return
        self.current = CameoEntry(names[0], origin, aliases=names[1:])
        if "[" in line:
            self._roles(line[len(name_part) :], origin)

    def _alias(self, raw: str, origin: str) -> None:
        assert self.current is not None
        name_part = raw.partition("[")[0]
        for name in _names(name_part, self.codes.lower_words):
            if name not in self.current.names:
                self.current.aliases.append(name)
        if "[" in raw:
            self._roles(raw[len(name_part) :], origin)

    def _roles(self, text: str, origin: str) -> None:
        assert self.current is not None
        for inner in _BRACKET.findall(text):
            try:
                role = self._role(inner)
            except CameoError as exc:
                self.result.skipped.append(Skipped(origin, exc.reason, exc.detail))
                continue
            if role is not None:
                self.current.roles.append(role)

    def _role(self, inner: str) -> CameoRole | None:
        pieces = inner.split(None, 1)
        if not pieces:
            raise CameoError("empty code []")
        cameo = pieces[0]
        if cameo.strip("-") == "":
            self.null_coded = True
            return None  # [---]: deliberately not coded
        mapped = self.codes.actor(cameo)
        if len(pieces) == 1:
            return CameoRole(cameo, mapped.code, mapped.sector)
        start, end = parse_date_range(pieces[1])
        return CameoRole(cameo, mapped.code, mapped.sector, start, end, dated=True)

    def _finish(self) -> None:
        entry, self.current = self.current, None
        null_coded, self.null_coded = self.null_coded, False
        if entry is None:
            return
        if not entry.roles:
            reason = "entry coded [---]" if null_coded else "entry without a usable code"
            self.result.skipped.append(Skipped(entry.origin, reason, entry.name))
            return
        self.result.entries.append(entry)


# -- agent dictionaries -------------------------------------------------------------------


class _AgentReader:
    def __init__(self, label: str, codes: CodeTable) -> None:
        self.label = label
        self.codes = codes
        self.macros: dict[str, list[str]] = {}
        self.result = CameoImport()

    def read(self, text: str) -> CameoImport:
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            origin = f"{self.label}:{number}"
            try:
                self._line(line, origin)
            except CameoError as exc:
                self.result.skipped.append(Skipped(origin, exc.reason, exc.detail))
        return self.result

    def _line(self, line: str, origin: str) -> None:
        macro = _MACRO_LINE.match(line)
        if macro:
            forms = [f.strip() for f in macro.group(2).split(",") if f.strip()]
            self.macros[macro.group(1)] = forms
            return
        self.result.agent_lines += 1
        codes = _BRACKET.findall(line)
        if len(codes) != 1:
            raise CameoError("agent line without exactly one [~CODE]", line)
        cameo = codes[0].strip()
        sector = self._sector(cameo)
        phrase_part = _BRACKET.sub(" ", line)
        plurals = _PLURALS.findall(phrase_part)
        written = _PLURALS.sub(" ", phrase_part).strip()
        if not written:
            raise CameoError("agent line without a noun", line)
        for form in self._forms(written, plurals):
            self.result.agents.append(AgentNoun(form, sector, cameo, origin))

    def _sector(self, cameo: str) -> str:
        if "~" not in cameo:
            raise CameoError("agent code without ~", cameo)
        parts = _parts(cameo.replace("~", ""))
        sector = self.codes.sector(parts)
        if sector is None:
            raise CameoError("agent code with no PLOVER sector", cameo)
        return sector

    def _forms(self, written: str, plurals: list[str]) -> list[str]:
        singulars = self._expand(written)
        if plurals:
            extra = [p for group in plurals for p in group.replace(",", " ").split()]
            found = singulars + [f for p in extra for f in self._expand(p)]
        elif _MACRO.search(written):
            found = singulars
        else:
            plurals_made = (_plural(s, self.codes.prepositions) for s in singulars)
            found = singulars + [p for p in plurals_made if p]
        return list(dict.fromkeys(_agent_phrase(f) for f in found if f.strip()))

    def _expand(self, text: str) -> list[str]:
        match = _MACRO.search(text)
        if match is None:
            return [text]
        name = match.group(1)
        if name not in self.macros:
            raise CameoError("unknown macro", f"!{name}!")
        before, after = text[: match.start()], text[match.end() :]
        if before[-1:].isalpha() and after[:1].isalpha():
            raise CameoError("macro inside a word", text)
        return [e for form in self.macros[name] for e in self._expand(before + form + after)]


def _plural(phrase: str, prepositions: set[str]) -> str | None:
    words = phrase.replace("_", " ").split()
    if not words or any(w.lower() in prepositions for w in words):
        return None
    last = words[-1].upper()
    if last.endswith("MAN"):
        plural = last[:-3] + "MEN"
    elif last.endswith("Y") and last[-2:-1] not in ("A", "E", "I", "O", "U"):
        plural = last[:-1] + "IES"
    elif last.endswith(("S", "X", "Z", "CH", "SH")):
        plural = last + "ES"
    else:
        plural = last + "S"
    return " ".join([*words[:-1], plural])


def _agent_phrase(raw: str) -> str:
    text = " ".join(raw.replace("_", " ").split())
    return text if len(text) <= 3 and " " not in text else text.lower()


# -- reading files ------------------------------------------------------------------------


def is_agent_dictionary(text: str) -> bool:
    return bool(re.search(r"\[~|~\]", text))


def read_cameo_text(text: str, label: str, codes: CodeTable | None = None) -> CameoImport:
    """Parse one dictionary's text; ``label`` names it in problem messages."""
    table = codes or default_code_table()
    if is_agent_dictionary(text):
        return _AgentReader(label, table).read(text)
    return _ActorReader(label, table).read(text)


def read_cameo(paths: Iterable[str | Path], codes: CodeTable | None = None) -> CameoImport:
    """Parse dictionary files; an unreadable file is reported, the others still read."""
    result = CameoImport()
    for path in paths:
        label = Path(path).name
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.skipped.append(Skipped(f"{label}:0", "cannot read file", str(exc)))
            continue
        result.extend(read_cameo_text(text, label, codes))
    return result


# -- writing the polex KB file ------------------------------------------------------------

PERSON_HEADER = "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked"
ORGANIZATION_HEADER = "name\taliases\tcode\tsector\twikidata\tvalid_from\tvalid_to\tnote"
SECTOR_HEADER = "phrase\tsector\toffice\tcountry\trole\tnote"


@dataclass
class KBRows:
    persons: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    sector_nouns: list[str] = field(default_factory=list)
    known: int = 0  # entries and nouns left out because the base already names them
    no_country: list[Skipped] = field(default_factory=list)  # codes that name no country

    def text(self, sources: list[str]) -> str:
        lines = [
            "# polex knowledge base imported from CAMEO dictionaries: " + ", ".join(sources),
            "# Rows come from the dictionaries' own codes and date ranges; CAMEO names no",
            "# offices, so the office column is empty. Check before relying on a row.",
        ]
        for header, rows in (
            (PERSON_HEADER, self.persons),
            (ORGANIZATION_HEADER, self.organizations),
            (SECTOR_HEADER, self.sector_nouns),
        ):
            if rows:
                lines += ["", header, *rows]
        return "\n".join(lines) + "\n"


def kb_rows(result: CameoImport, known: Callable[[str], bool] | None = None) -> KBRows:
    """Rows in polex's KB formats; entries with a name ``known`` answers True for are left out."""
    rows = KBRows()
    for entry in result.entries:
        if known is not None and any(known(name) for name in entry.names):
            rows.known += 1
            continue
        if any(role.dated for role in entry.roles):
            written = _person_rows(entry)
            rows.persons.extend(written)
        else:
            written = _organization_rows(entry)
            rows.organizations.extend(written)
        if not written:
            rows.no_country.append(Skipped(entry.origin, "entry names no country", entry.name))
    seen: set[tuple[str, str]] = set()
    for agent in result.agents:
        if (agent.phrase.lower(), agent.sector) in seen:
            continue
        seen.add((agent.phrase.lower(), agent.sector))
        if known is not None and known(agent.phrase):
            rows.known += 1
            continue
        note = f"CAMEO {agent.cameo} from {agent.origin}"
        rows.sector_nouns.append("\t".join([agent.phrase, agent.sector, "", "", "", note]))
    return rows


def _aliases(entry: CameoEntry) -> str:
    return "|".join(a for a in entry.aliases if a.lower() != entry.name.lower())


def _organization_rows(entry: CameoEntry) -> list[str]:
    rows = []
    for role in entry.roles:
        code = role.code or _nearest_code(entry.roles, role)
        if code is None:
            continue
        note = f"CAMEO {role.cameo} from {entry.origin}"
        cells = [entry.name, _aliases(entry), code, role.sector or "", "", "", "", note]
        rows.append("\t".join(cells))
    return rows


def _person_rows(entry: CameoEntry) -> list[str]:
    dated = [r for r in entry.roles if r.dated]
    default = next((r for r in entry.roles if not r.dated), None)
    periods: list[tuple[CameoRole, date | None, date | None]] = [(r, r.start, r.end) for r in dated]
    if default is not None:
        periods += [(default, start, end) for start, end in _gaps(dated)]
    rows = []
    for role, start, end in periods:
        code = role.code or _nearest_code(dated, role, start)
        if code is None:
            continue
        checked = f"CAMEO {role.cameo} from {entry.origin}"
        cells = [
            entry.name,
            _aliases(entry),
            code,
            "",
            role.sector or "",
            start.isoformat() if start else "",
            end.isoformat() if end else "",
            "",
            checked,
        ]
        rows.append("\t".join(cells))
    return rows


def _gaps(dated: list[CameoRole]) -> list[tuple[date | None, date | None]]:
    """Periods no dated role covers, where an entry's undated default applies."""
    spans = sorted(
        ((r.start or date.min, r.end or date.max) for r in dated), key=lambda span: span[0]
    )
    gaps: list[tuple[date | None, date | None]] = []
    cursor = date.min
    for start, end in spans:
        if start > cursor:
            gap_end = start - timedelta(days=1)
            gaps.append((None if cursor == date.min else cursor, gap_end))
        if end == date.max:
            return gaps
        cursor = max(cursor, end + timedelta(days=1))
    gaps.append((None if cursor == date.min else cursor, None))
    return gaps


def _nearest_code(roles: list[CameoRole], role: CameoRole, when: date | None = None) -> str | None:
    """A bare agent code ([ELI]) takes the country of the entry's closest coded role."""
    coded = [r for r in roles if r.code is not None and r is not role]
    if not coded:
        return None
    if when is None:
        return coded[-1].code
    before = [r for r in coded if (r.end or date.max) < when]
    chosen = max(before, key=lambda r: r.end or date.min) if before else coded[0]
    return chosen.code
