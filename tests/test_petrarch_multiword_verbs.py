from tests.petrarch_samples import converted, rows

DICTIONARY = """\
---  HALT   [---]  ---
+CALL_OFF [164]
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [103]
+KILLED_AND
"""


def test_petrarch_multiword_verb_becomes_lemma_with_particle_or_preposition():
    conversion = converted(DICTIONARY)
    assert rows(conversion) == [
        ("call", "prt=off", "SANCTION", "withdraw"),
        ("ask", "prep=for", "REQUEST", "assist"),
    ]
    assert [(s.origin, s.reason) for s in conversion.skipped] == [
        ("verbs.txt:4", "multi-word verb with an auxiliary or conjunction"),
    ]
