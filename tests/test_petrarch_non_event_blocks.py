from tests.petrarch_samples import converted, rows

DICTIONARY = """\
---  CRITICIZE   [111]  ---
CRITICIZE
- * DECISION                                          [012]         # CRITICIZE
---  ENDURE   [---]  ---
ENDURE
- * SIEGE                                             [---]         # ENDURE
- * HARDSHIP                                          [012]         # ENDURE
"""


def test_petrarch_non_event_codes_are_kept_only_where_they_block_a_general_sense():
    conversion = converted(DICTIONARY)
    assert rows(conversion) == [
        ("criticize", "obj=decision", "-", ""),
        ("criticize", "", "ACCUSE", "disapprove"),
    ]
    assert {(s.origin, s.reason) for s in conversion.skipped} == {
        ("verbs.txt:5", "verb without an event sense of its own (only its patterns make rules)"),
        ("verbs.txt:6", "not an event ([---]), blocking no event sense"),
        ("verbs.txt:7", "CAMEO code with no PLOVER event (01x, 02x), blocking no event sense"),
    }
