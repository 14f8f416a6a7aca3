"""``polex kb``: inspect the actor knowledge base and import CAMEO dictionaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from polex.actors import ActorResolver, KBEntry, KnowledgeBase, default_kb
from polex.actors.cameo import CameoImport, KBRows, Skipped, kb_rows, read_cameo
from polex.ontology import entity_codes
from polex.terminal import escape_controls, markup_safe, plain

kb_app = typer.Typer(
    help="Inspect the actor knowledge base and import CAMEO actor dictionaries.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

FIRST_STATS_YEAR = 2000
SHOWN_PROBLEMS = 10

KbFiles = Annotated[
    list[Path] | None, typer.Option("--kb", help="Extra knowledge-base file (repeatable).")
]


def _load(files: list[Path] | None) -> KnowledgeBase:
    kb = KnowledgeBase.load(files) if files else default_kb()
    for problem in kb.problems:
        err.print(f"[yellow]skipped[/yellow] {markup_safe(problem)}", highlight=False)
    for warning in kb.warnings:
        err.print(f"[yellow]override[/yellow] {markup_safe(warning)}", highlight=False)
    return kb


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a YYYY-MM-DD date", param_hint="--date"
        ) from exc


# -- import-cameo -------------------------------------------------------------------------


@kb_app.command("import-cameo")
def import_cameo(
    files: Annotated[list[Path], typer.Argument(help="CAMEO / PETRARCH dictionary files.")],
    out_file: Annotated[Path, typer.Option("--out", help="polex KB file to write.")],
    include_known: Annotated[
        bool,
        typer.Option(
            "--include-known",
            help="Also write entries whose names the built-in knowledge base already has "
            "(they then override it).",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option(help="List every skipped line.")] = False,
) -> None:
    """Convert CAMEO actor and agent dictionaries into a polex KB file (use it with --kb)."""
    result = read_cameo(files)
    if not result.entries and not result.agents:
        err.print("[red]nothing imported[/red]: no entries could be read", highlight=False)
        _print_skipped(result.skipped, verbose=True)
        raise typer.Exit(1)
    known = None if include_known else default_kb().knows
    rows = kb_rows(result, known)
    out_file.write_text(rows.text([f.name for f in files]), encoding="utf-8")
    _print_import_counts(result, rows, out_file)
    _print_skipped(result.skipped + rows.no_country, verbose)


def _print_import_counts(result: CameoImport, rows: KBRows, out_file: Path) -> None:
    table = Table(title=plain(f"CAMEO import → {out_file}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("entries", len(result.entries)),
        ("synonyms", result.synonyms),
        ("dated roles", result.dated_roles),
        ("agent nouns (with plurals)", len(result.agents)),
        ("person rows written", len(rows.persons)),
        ("organization rows written", len(rows.organizations)),
        ("sector noun rows written", len(rows.sector_nouns)),
        ("left out: already in the built-in knowledge base", rows.known),
        ("skipped lines", len(result.skipped)),
    ):
        table.add_row(label, str(value))
    out.print(table)


def _print_skipped(skipped: list[Skipped], verbose: bool) -> None:
    if not skipped:
        return
    reasons = Counter(s.reason for s in skipped)
    table = Table(title="Skipped")
    table.add_column("reason")
    table.add_column("lines", justify="right")
    table.add_column("first at")
    for reason, count in reasons.most_common():
        first = next(s for s in skipped if s.reason == reason)
        table.add_row(plain(reason), str(count), plain(f"{first.origin} {first.detail}".strip()))
    out.print(table)
    shown = skipped if verbose else skipped[:SHOWN_PROBLEMS]
    for item in shown:
        err.print(f"skipped {escape_controls(str(item), one_line=True)}", highlight=False,
                  markup=False)
    if len(shown) < len(skipped):
        err.print(f"... and {len(skipped) - len(shown)} more (--verbose lists them all)")


# -- lookup -------------------------------------------------------------------------------


@kb_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A name, title or phrase as written in news.")],
    when: Annotated[
        str | None, typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")
    ] = None,
    kb_files: KbFiles = None,
) -> None:
    """What polex knows about a name, and how a mention of it resolves, at a date."""
    on = _parse_date(when)
    kb = _load(kb_files)
    entries = kb.lookup(name, on)
    if entries:
        out.print(_entries_table(f"Knowledge base entries for {name!r}", entries, on))
    else:
        out.print(plain(f"No knowledge base entry is named {name!r}" + (f" on {on}" if on else "")))
    resolved = ActorResolver(kb).resolve_text(name, on)
    table = Table(title="Resolved as an actor mention")
    for column in ("code", "sector", "office", "identifier", "wikidata", "text"):
        table.add_column(column)
    for entity in resolved:
        table.add_row(*(plain(value or "") for value in (
            entity.code, entity.sector, entity.office, entity.identifier_text,
            entity.identifier_id, entity.entity_text,
        )))
    if resolved:
        out.print(table)
    else:
        out.print("Not resolved as an actor mention.")
    if not entries and not resolved:
        raise typer.Exit(1)


def _entries_table(title: str, entries: Iterable[KBEntry], on: date | None) -> Table:
    table = Table(title=plain(title + (f" on {on}" if on else "")))
    for column in ("kind", "code", "sector", "office", "identifier", "wikidata", "from", "to"):
        table.add_column(column)
    for entry in entries:
        table.add_row(*(plain(value or "") for value in (
            entry.kind,
            entry.code,
            entry.sector,
            entry.office,
            entry.identifier_text,
            entry.identifier_id,
            entry.start.isoformat() if entry.start else "",
            entry.end.isoformat() if entry.end else "",
        )))
    return table


# -- stats --------------------------------------------------------------------------------


@kb_app.command()
def stats(
    kb_files: KbFiles = None,
    today: Annotated[
        str | None, typer.Option(help="Last year counted is this date's (default: today).")
    ] = None,
    gaps: Annotated[
        bool, typer.Option("--gaps", help="List each state and year without a head on file.")
    ] = False,
) -> None:
    """Coverage: countries, organizations, sector nouns, persons, office holders by year,
    and heads of state and government on 1 July of each year against the UN members."""
    kb = _load(kb_files)
    last_day = _parse_date(today) or date.today()
    coverage = KBCoverage.of(kb, last_day)
    out.print(coverage.summary_table())
    out.print(coverage.organizations_table())
    out.print(coverage.offices_table())
    out.print(coverage.years_table())
    heads = [HeadsCoverage.on(kb, date(year, 7, 1)) for year in _stats_years(last_day)]
    out.print(heads_table(heads))
    if gaps:
        for year_heads in heads:
            for code, post in year_heads.missing:
                out.print(f"{year_heads.day.year}\t{code}\t{post}", highlight=False, markup=False)
            for code in year_heads.without_government:
                out.print(f"{year_heads.day.year}\t{code}\tno government (recorded)",
                          highlight=False, markup=False)


def _stats_years(last_day: date) -> range:
    """Years whose 1 July is on or before ``last_day``."""
    last_year = last_day.year if last_day >= date(last_day.year, 7, 1) else last_day.year - 1
    return range(FIRST_STATS_YEAR, last_year + 1)


@dataclass
class HeadsCoverage:
    """Heads of state and government on file for the states in being on one day."""

    day: date
    members: int = 0  # UN member states the heads table lists for the day
    with_head_of_state: int = 0
    with_head_of_government: int = 0
    with_both: int = 0
    others_with_both: list[str] = field(default_factory=list)  # Kosovo, Palestine, Taiwan
    missing: list[tuple[str, str]] = field(default_factory=list)  # (code, post)
    # states the heads table records as having no government that day (Somalia, 2000)
    without_government: list[str] = field(default_factory=list)

    @classmethod
    def on(cls, kb: KnowledgeBase, day: date) -> HeadsCoverage:
        coverage = cls(day)
        for posts in sorted(kb.head_posts(day), key=lambda p: p.code):
            if not posts.head_of_state and not posts.head_of_government:
                coverage.without_government.append(posts.code)
                coverage.members += posts.member == "UN"
                continue
            state = any(kb.holder(posts.code, o, day) for o in posts.head_of_state)
            government = any(kb.holder(posts.code, o, day) for o in posts.head_of_government)
            coverage.missing += [
                (posts.code, post)
                for post, filled in (("head of state", state), ("head of government", government))
                if not filled
            ]
            if posts.member != "UN":
                if state and government:
                    coverage.others_with_both.append(posts.code)
                continue
            coverage.members += 1
            coverage.with_head_of_state += state
            coverage.with_head_of_government += government
            coverage.with_both += state and government
        return coverage


def heads_table(years: list[HeadsCoverage]) -> Table:
    table = Table(title="Heads of state and government on file on 1 July")
    for column in ("year", "UN members", "head of state", "head of government", "both"):
        table.add_column(column, justify="right")
    table.add_column("no government")
    table.add_column("others with both")
    for c in years:
        table.add_row(
            str(c.day.year),
            str(c.members),
            str(c.with_head_of_state),
            str(c.with_head_of_government),
            str(c.with_both),
            " ".join(c.without_government),
            " ".join(c.others_with_both),
        )
    return table


class KBCoverage:
    """Counts over a loaded knowledge base."""

    def __init__(self, entries: list[KBEntry], today: date) -> None:
        self.today = today
        self.entries = entries
        persons = [e for e in entries if e.kind == "person"]
        self.terms = {
            (e.identifier_text or e.name, e.code, e.office, e.start, e.end): e for e in persons
        }
        self.persons = {(e.identifier_text or e.name, e.code) for e in persons}

    @classmethod
    def of(cls, kb: KnowledgeBase, today: date) -> KBCoverage:
        return cls(list(kb.entries()), today)

    def count(self, kind: str) -> int:
        """Distinct things of a kind (by identifier), not their spellings."""
        return len({(e.identifier_text or e.name, e.code) for e in self.entries if e.kind == kind})

    def countries(self) -> set[str]:
        return {e.code for e in self.entries if e.kind == "country"}

    def organizations_by_code(self) -> Counter[str]:
        international = set(entity_codes()) - {"KOS"}
        organizations = {
            (e.identifier_text or e.name, e.code) for e in self.entries if e.kind == "organization"
        }
        return Counter(
            code if code in international else "domestic" for _name, code in organizations
        )

    def sector_nouns(self) -> int:
        return len({e.name.casefold() for e in self.entries if e.kind == "sector_noun"})

    def holders_by_office(self) -> Counter[str]:
        """Distinct persons who held each office (for any country)."""
        holders = {(office, person, code) for person, code, office, _s, _e in self.terms if office}
        return Counter(office for office, _person, _code in holders)

    def holders_in_year(self, year: int) -> tuple[int, int]:
        """Persons holding a dated office at some time in ``year``, and the posts they fill."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        serving = [
            (person, code, office)
            for person, code, office, start, end in self.terms
            if office and (start is None or start <= last) and (end is None or end >= first)
        ]
        return len({(p, c) for p, c, _o in serving}), len({(c, o) for _p, c, o in serving})

    def summary_table(self) -> Table:
        table = Table(title="Knowledge base coverage", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for label, value in (
            ("countries and territories (PLOVER codes)", len(self.countries())),
            ("country names, demonyms, capitals and seats", self._names_of_places()),
            ("organizations", self.count("organization")),
            ("sector nouns and phrases", self.sector_nouns()),
            ("persons", len(self.persons)),
            ("office terms", sum(1 for key in self.terms if key[2])),
        ):
            table.add_row(label, str(value))
        return table

    def _names_of_places(self) -> int:
        kinds = ("country", "demonym", "capital", "seat")
        return len({(e.name.casefold(), e.code) for e in self.entries if e.kind in kinds})

    def organizations_table(self) -> Table:
        table = Table(title="Organizations by code")
        table.add_column("code")
        table.add_column("organizations", justify="right")
        for code, count in sorted(self.organizations_by_code().items()):
            table.add_row(code, str(count))
        return table

    def offices_table(self) -> Table:
        table = Table(title="Office holders by office")
        table.add_column("office")
        table.add_column("holders", justify="right")
        for office, count in self.holders_by_office().most_common():
            table.add_row(office, str(count))
        return table

    def years_table(self) -> Table:
        table = Table(title="Office holders by year")
        table.add_column("year")
        table.add_column("holders", justify="right")
        table.add_column("posts filled", justify="right")
        for year in range(FIRST_STATS_YEAR, self.today.year + 1):
            holders, posts = self.holders_in_year(year)
            table.add_row(str(year), str(holders), str(posts))
        return table
