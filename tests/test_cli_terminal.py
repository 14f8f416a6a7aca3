"""The output-safety helpers every terminal rendering and every export goes through."""

from __future__ import annotations

import json

from polex.terminal import escape_controls, json_line, markup_safe, neutralize_formula


def test_terminal_escape_controls_shows_escape_sequences() -> None:
    shown = escape_controls("Nairobi\x1b[2J\x1b]52;c;ZXZpbA==\x07 police\x9b\x7f\tarrests\n")
    assert shown == "Nairobi\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07 police\\x9b\\x7f\tarrests\n"


def test_terminal_markup_safe_keeps_one_line_and_markup_literal() -> None:
    shown = markup_safe("wires[/red].jsonl:3\nforged line")
    assert shown == "wires\\[/red].jsonl:3\\x0aforged line"


def test_terminal_json_line_is_lossless() -> None:
    record = {"text": "Fernández\x1b[2J met\x85Boric\u2028in Santiago"}
    line = json_line(record)
    assert "Fernández" in line and "\x85" not in line and "\x1b" not in line
    assert json.loads(line) == record


def test_terminal_neutralize_formula_leaves_numbers_and_plain_text() -> None:
    assert neutralize_formula(-3.5) == -3.5
    assert neutralize_formula("2024-06-25") == "2024-06-25"
    assert neutralize_formula("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
