from tests.petrarch_samples import converted, rows

DICTIONARY = """\
&FOOD
+FOOD
+RICE
+WHEAT
+MEDICINES

---  SEND   [---]  ---
SEND
DISPATCH
- * &FOOD (TO)                                        [073]         # SEND
"""


def test_petrarch_synonym_set_expands_into_alternatives_for_every_verb_of_the_block():
    assert rows(converted(DICTIONARY)) == [
        ("send", "obj=food|rice|wheat|medicines|medicine,prep=to", "AID", ""),
        ("dispatch", "obj=food|rice|wheat|medicines|medicine,prep=to", "AID", ""),
    ]
