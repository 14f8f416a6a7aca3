from typer.testing import CliRunner

from polex.cli import app
from polex.events.lexicon import Lexicon
from tests.petrarch_samples import CAMEO_PLOVER

DICTIONARY = """\
---  CRITICIZE   [111]  ---
CRITICIZE
DENOUNCE
- * (BEFORE COURT)                                    [:111]        # CRITICIZE
"""


def test_lexicon_cli_import_petrarch_writes_an_attributed_rule_table(tmp_path):
    verbs = tmp_path / "my.verbs.txt"
    verbs.write_text(DICTIONARY, encoding="utf-8")
    table = tmp_path / "CAMEO2PLOVER.txt"
    table.write_text(CAMEO_PLOVER, encoding="utf-8")
    out = tmp_path / "rules" / "mine.tsv"
    result = CliRunner().invoke(app, [
        "lexicon", "import-petrarch", str(verbs), "--out", str(out),
        "--cameo-plover", str(table), "--verbose",
    ])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# Sources: my.verbs.txt" in text and "The MIT License" in text
    assert "Open Event Data" in text and "converter version" in text
    lexicon = Lexicon.from_text(text, source=out.name)
    assert [(r.lemma, r.event, r.mode, r.weight) for r in lexicon.rules] == [
        ("criticize", "ACCUSE", "disapprove", 0.5), ("denounce", "ACCUSE", "disapprove", 0.5),
    ]
    assert "my.verbs.txt:4: reverse-direction code only" in result.output
