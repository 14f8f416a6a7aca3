from tests.petrarch_samples import converted, rows

DICTIONARY = """\
---  APPEAL   [---]  ---
APPEAL
- * (FOR {HUMANITARIAN AID})                          [1033]        # APPEAL
- * (TO +) (FOR SUPPLIES)                             [103]         # APPEAL
"""


def test_petrarch_prepositional_phrase_becomes_prep_and_pobj():
    assert rows(converted(DICTIONARY)) == [
        ("appeal", "prep=for,pobj=aid,pobj=humanitarian", "REQUEST", "assist"),
        ("appeal", "prep=to,prep=for,pobj=supplies|supply", "REQUEST", "assist"),
    ]
