"""Which triggers are only the content of another (polex.events.conventions)."""

from polex.events.conventions import embedded_triggers
from polex.events.lexicon import default_lexicon


def _shot_down_is_embedded(nlp, sentence):
    doc = nlp(sentence)
    matches = [m for t in doc if (m := default_lexicon().match(t)) is not None]
    shot = next(m for m in matches if m.token.lower_ == "shot")
    return shot.token.i in embedded_triggers(matches)


def test_events_conventions_what_is_acknowledged_is_an_act_of_its_own(nlp):
    assert not _shot_down_is_embedded(
        nlp, "Iran acknowledged on Saturday that its air defences had shot down the airliner.")

