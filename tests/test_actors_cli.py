import re

import pytest
from typer.testing import CliRunner

from polex import kb_cli
from polex.kb_cli import kb_app

runner = CliRunner()

# Written for these tests in the CAMEO actor-dictionary syntax (names and dates are real).
DICTIONARY = """\
CELSO_AMORIM_
+AMORIM_
\t[BRAGOV 930721-950101]
\t[BRAGOV 030101-101231]
\t[BRAELI]
FUERZAS_ARMADAS_REVOLUCIONARIAS_DE_COLOMBIA_(FARC)_ [COLREB]
PETROBRAS_ [BRABUS]
PARTIDO_DOS_TRABALHADORES_
\t[BRAPTY 0301-]
"""


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    monkeypatch.setattr(kb_cli.out, "width", 200)
    monkeypatch.setattr(kb_cli.err, "width", 200)


@pytest.fixture()
def dictionary(tmp_path):
    path = tmp_path / "brazil.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def _count(output: str, label: str) -> int:
    match = re.search(rf"{re.escape(label)}\s*│\s*(\d+)", output)
    assert match, f"{label!r} not in output:\n{output}"
    return int(match.group(1))


def test_actors_cli_import_cameo_writes_a_kb_file_and_prints_counts(tmp_path, dictionary):
    out_file = tmp_path / "brazil.tsv"
    result = runner.invoke(kb_app, ["import-cameo", str(dictionary), "--out", str(out_file)])
    assert result.exit_code == 0, result.output
    assert _count(result.output, "entries") == 3
    assert _count(result.output, "dated roles") == 2
    assert _count(result.output, "person rows written") == 5  # two terms, three gaps
    assert _count(result.output, "skipped lines") == 2
    assert "bad date" in result.output
    assert "brazil.actors.txt:9" in result.output
    assert out_file.read_text(encoding="utf-8").count("\n") > 5


def test_actors_cli_import_cameo_leaves_out_names_the_kb_has(tmp_path):
    path = tmp_path / "known.actors.txt"
    path.write_text("GABRIEL_BORIC_\n\t[CHLGOV >220311]\n", encoding="utf-8")
    out_file = tmp_path / "known.tsv"
    result = runner.invoke(kb_app, ["import-cameo", str(path), "--out", str(out_file)])
    assert _count(result.output, "left out: already in the built-in knowledge base") == 1
    forced = runner.invoke(
        kb_app, ["import-cameo", str(path), "--out", str(out_file), "--include-known"]
    )
    assert _count(forced.output, "person rows written") == 1


def test_actors_cli_import_cameo_without_readable_input_fails(tmp_path):
    result = runner.invoke(
        kb_app, ["import-cameo", str(tmp_path / "none.txt"), "--out", str(tmp_path / "x.tsv")]
    )
    assert result.exit_code == 1
    assert "nothing imported" in result.output
    assert not (tmp_path / "x.tsv").exists()


def test_actors_cli_imported_file_is_used_by_lookup(tmp_path, dictionary):
    out_file = tmp_path / "brazil.tsv"
    runner.invoke(kb_app, ["import-cameo", str(dictionary), "--out", str(out_file)])
    result = runner.invoke(
        kb_app, ["lookup", "Amorim", "--date", "2007-05-01", "--kb", str(out_file)]
    )
    assert result.exit_code == 0, result.output
    assert "Celso Amorim" in result.output
    assert "BRA" in result.output and "GOV" in result.output


def test_actors_cli_lookup_shows_the_office_at_the_date():
    result = runner.invoke(kb_app, ["lookup", "Boric", "--date", "2023-06-01"])
    assert result.exit_code == 0, result.output
    assert "Gabriel Boric" in result.output
    assert "President" in result.output and "CHL" in result.output
    assert "Resolved as an actor mention" in result.output


def test_actors_cli_lookup_former_holder_is_eli():
    result = runner.invoke(kb_app, ["lookup", "Merkel", "--date", "2023-01-01"])
    assert result.exit_code == 0, result.output
    assert "ELI" in result.output and "former Chancellor" in result.output


def test_actors_cli_lookup_phrase_resolves_through_the_resolver():
    result = runner.invoke(kb_app, ["lookup", "Kenyan police"])
    assert result.exit_code == 0, result.output
    assert "No knowledge base entry" in result.output
    assert re.search(r"KEN\s*│\s*COP", result.output)


def test_actors_cli_lookup_unknown_name_exits_with_one():
    result = runner.invoke(kb_app, ["lookup", "Zzyzx Qwertyuiop"])
    assert result.exit_code == 1
    assert "Not resolved" in result.output


def test_actors_cli_lookup_rejects_a_bad_date():
    result = runner.invoke(kb_app, ["lookup", "Boric", "--date", "June 2023"])
    assert result.exit_code == 2


def test_actors_cli_stats_reports_coverage():
    result = runner.invoke(kb_app, ["stats", "--today", "2024-12-31"])
    assert result.exit_code == 0, result.output
    assert _count(result.output, "countries and territories (PLOVER codes)") >= 195
    assert _count(result.output, "persons") > 400
    assert re.search(r"UNO\s*│\s*\d+", result.output)
    assert re.search(r"Prime Minister\s*│\s*\d+", result.output)
    assert "│ 2000 │" in result.output and "│ 2024 │" in result.output
    assert "│ 2025 │" not in result.output


def test_actors_cli_stats_counts_a_user_file_and_reports_its_bad_lines(tmp_path):
    user = tmp_path / "people.tsv"
    user.write_text(
        "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked\n"
        "Ana Example\t\tPER\tForeign Minister\tGOV\t2018-04\t2020-10\t\ttest\n"
        "Bad Row\t\tPeru\tForeign Minister\tGOV\t2018\t\t\ttest\n",
        encoding="utf-8",
    )
    plain = runner.invoke(kb_app, ["stats"])
    extended = runner.invoke(kb_app, ["stats", "--kb", str(user)])
    assert extended.exit_code == 0, extended.output
    assert _count(extended.output, "persons") == _count(plain.output, "persons") + 1
    assert f"{user}:3" in extended.output
