"""Output safety: what polex shows or writes never acts on the terminal or a spreadsheet.

Text from articles, file names and URLs is shown through rich, which would read
``[red]`` or ``[/x]`` in it as markup, and written to terminals, which act on
escape sequences (clear the screen, move the cursor, set the title, write the
clipboard). Every user string shown goes through :func:`markup_safe` (inside a
message with markup) or :func:`plain` (a ``Text``, e.g. a table cell): control
characters become visible escapes such as ``\\x1b`` and markup is never read.

JSON lines keep their data exactly: JSON already escapes C0 characters, and
:func:`json_line` also escapes the C1 range (``\\x9b`` is a CSI in some
terminals) and lone surrogates as ``\\uXXXX``, which every JSON reader decodes
to the same string.

A CSV cell that a spreadsheet would evaluate as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``;
numbers are left alone, so a negative number column stays numeric.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.markup import escape
from rich.text import Text

# C0 controls except tab and newline, DEL, the C1 range, and lone surrogates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# The same with newline and tab too: a one-line message stays one line.
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal or an encoder chokes on.
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(value: str, one_line: bool = False) -> str:
    """``value`` with control characters shown as ``\\x1b``-style escapes.

    Newlines and tabs are kept unless ``one_line``.
    """
    pattern = _CONTROLS_AND_BREAKS if one_line else _CONTROLS
    return pattern.sub(_visible, value)


def markup_safe(value: object) -> str:
    """A user string to put inside a rich markup message: one line, no markup, no controls."""
    return escape(escape_controls(str(value), one_line=True))


def item_line(style: str, label: str, origin: object, text: object) -> str:
    """A markup line about one input, "[red]failed[/red] origin: reason", with the
    origin and the text made safe."""
    return f"[{style}]{label}[/{style}] {markup_safe(origin)}: {markup_safe(text)}"


def plain(value: object) -> Text:
    """A user string as a rich Text (never read as markup), controls made visible."""
    return Text(escape_controls(str(value)))


def json_line(record: Any) -> str:
    """One JSON line, readable as UTF-8, with nothing a terminal would act on."""
    encoded = json.dumps(record, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded) + "\n"


def neutralize_formula(value: Any) -> Any:
    """A string cell a spreadsheet would evaluate, prefixed with ``'``; other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralize_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: neutralize_formula(value) for name, value in row.items()}


def escape_row(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row for a terminal: string cells with control characters made visible."""
    return {name: escape_controls(value) if isinstance(value, str) else value
            for name, value in row.items()}
