from tests.petrarch_samples import converted, rows

DICTIONARY = """\
&WEAPON
+GUN

---  DEMAND   [---]  ---
DEMAND
- * (TO {BANNED PARTIES}) $                           [103]         # DEMAND
- * &MISSILE                                          [103]         # DEMAND
- * (BEFORE COURT)                                    [:111]        # DEMAND
- * SIT-IN                                            [103]         # DEMAND
- * &WEAPON                                           [103]         # DEMAND
~ a (a b ATTACK) SAY = a b 015
"""


def test_petrarch_lines_that_cannot_be_expressed_are_reported_with_file_line_and_reason():
    conversion = converted(DICTIONARY, label="mine.verbs.txt")
    assert rows(conversion) == [("demand", "obj=gun", "REQUEST", "assist")]
    assert [(s.origin, s.reason) for s in conversion.skipped] == [
        ("mine.verbs.txt:5",
         "verb without an event sense of its own (only its patterns make rules)"),
        ("mine.verbs.txt:6", "source ($) after the verb: roles reversed"),
        ("mine.verbs.txt:7", "unknown synonym set"),
        ("mine.verbs.txt:8", "reverse-direction code only (target acts on source)"),
        ("mine.verbs.txt:9", "hyphenated word (the parse splits it)"),
        ("mine.verbs.txt:11", "transformation rule (not a verb pattern)"),
    ]
