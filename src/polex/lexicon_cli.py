"""``polex lexicon``: convert PETRARCH/TABARI verb dictionaries into trigger-rule tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from polex.events.petrarch import Conversion, Skipped, convert, read_cameo_plover
from polex.terminal import escape_controls, markup_safe, plain

# The shared CAMEO-to-PLOVER table (PLOVER manual draft 0.8), relative to the repository.
DEFAULT_CAMEO_PLOVER = Path("../shared/ontology/CAMEO2PLOVER-2021.txt")
SHOWN_PROBLEMS = 10

lexicon_app = typer.Typer(
    help="Trigger-rule tables: convert PETRARCH/TABARI CAMEO verb dictionaries.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


@lexicon_app.command("import-petrarch")
def import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH/TABARI verb dictionaries.")],
    out_file: Annotated[Path, typer.Option("--out", help="Trigger-rule table to write.")],
    cameo_plover: Annotated[
        Path,
        typer.Option(
            "--cameo-plover",
            help="CAMEO-to-PLOVER table (default: the shared "
            "../shared/ontology/CAMEO2PLOVER-2021.txt).",
        ),
    ] = DEFAULT_CAMEO_PLOVER,
    verbose: Annotated[bool, typer.Option(help="List every skipped line.")] = False,
) -> None:
    """Convert CAMEO verb-pattern dictionaries into a polex trigger-rule table (use it
    with --lexicon)."""
    table = read_cameo_plover(_read(cameo_plover), cameo_plover.name)
    if not table.codes:
        err.print(f"[red]no CAMEO codes read[/red] from {markup_safe(cameo_plover)}",
                  highlight=False)
        raise typer.Exit(1)
    result = convert([(f.name, _read(f)) for f in files], table, cameo_plover.name)
    if not result.rules:
        err.print("[red]nothing converted[/red]: no rule could be read", highlight=False)
        _print_skipped(result.skipped, verbose=True)
        raise typer.Exit(1)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(result.text(), encoding="utf-8")
    _print_counts(result, out_file)
    _print_skipped(result.skipped, verbose)
    for note in result.notes if verbose else ():
        err.print(f"note {escape_controls(str(note), one_line=True)}", highlight=False,
                  markup=False)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}") from exc


def _print_counts(result: Conversion, out_file: Path) -> None:
    table = Table(title=plain(f"PETRARCH import → {out_file}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in result.counts().items():
        table.add_row(label, str(value))
    table.add_row("CAMEO table values left out (modes, contexts)", str(len(result.notes)))
    out.print(table)


def _print_skipped(skipped: Sequence[Skipped], verbose: bool) -> None:
    if not skipped:
        return
    reasons: dict[str, list[Skipped]] = {}
    for item in skipped:
        reasons.setdefault(item.reason, []).append(item)
    table = Table(title="Skipped")
    table.add_column("reason")
    table.add_column("lines", justify="right")
    table.add_column("first at")
    for reason, items in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
        table.add_row(plain(reason), str(len(items)),
                      plain(f"{items[0].origin} {items[0].detail}".strip()))
    out.print(table)
    shown = skipped if verbose else skipped[:SHOWN_PROBLEMS]
    for item in shown:
        err.print(f"skipped {escape_controls(str(item), one_line=True)}", highlight=False,
                  markup=False)
    if len(shown) < len(skipped):
        err.print(f"... and {len(skipped) - len(shown)} more (--verbose lists them all)")
