from tests.petrarch_samples import converted, rows

DICTIONARY = """\
---  CONSULT   [040]  ---
CONFER {CONFERS CONFERRED CONFERRING }
SPEAK {SPEAKS SPOKE SPOKEN SPEAKING } [040]
"""


def test_petrarch_irregular_forms_are_left_to_the_lemmatizer_and_the_lemma_keys_the_rule():
    conversion = converted(DICTIONARY)
    assert rows(conversion) == [("confer", "", "CONSULT", ""), ("speak", "", "CONSULT", "")]
    assert conversion.skipped == []
