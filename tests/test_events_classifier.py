"""The statistical trigger classifier: features, scoring and when it may propose."""


from polex.events.classifier import (
    NO_EVENT,
    TriggerClassifier,
    context_words,
    default_classifier,
    dense_features,
    is_candidate,
    token_features,
)
from polex.events.extractor import EventExtractor
from tests.handmade import (
    CHIDED,
    CHIDED_ENTS,
    EXCHANGED_FIRE,
    EXCHANGED_VIEWS,
    OWN_EXCHANGE_RULES,
    make_doc,
)

# "Rebels torched the village near Goma."
TORCHED = [
    ("Rebels", "rebel", "NOUN", 1, "nsubj"),
    ("torched", "torch", "VERB", 1, "ROOT"),
    ("the", "the", "DET", 3, "det"),
    ("village", "village", "NOUN", 1, "dobj"),
    ("near", "near", "ADP", 3, "prep"),
    ("Goma", "Goma", "PROPN", 4, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "Officials expected to torch the files."
EXPECTED = [
    ("Officials", "official", "NOUN", 1, "nsubj"),
    ("expected", "expect", "VERB", 1, "ROOT"),
    ("to", "to", "PART", 3, "aux"),
    ("torch", "torch", "VERB", 1, "xcomp"),
    ("the", "the", "DET", 5, "det"),
    ("files", "file", "NOUN", 3, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def _torch_model(threshold: float = 0.6) -> TriggerClassifier:
    return TriggerClassifier(
        labels=[NO_EVENT, "ASSAULT"],
        weights={"L=torch": [0.0, 3.0], "Cdobj=village": [0.0, 1.0]},
        bias=[1.0, 0.0],
        threshold=threshold,
    )


def test_events_classifier_features_name_the_object_and_the_place_preposition():
    doc = make_doc(TORCHED, ents=[(5, 6, "GPE")])
    features = token_features(doc[1])
    assert {"L=torch", "Cdobj=village", "Cnsubj=rebel"} <= set(features)
    village = token_features(doc[3])
    assert "PP=near|goma" in village and "PPE=near|GPE" in village


def test_events_classifier_proposes_a_type_above_its_threshold():
    doc = make_doc(TORCHED)
    prediction = _torch_model().proposes(doc[1])
    assert prediction is not None and prediction.event == "ASSAULT"
    assert prediction.probability > 0.9


def test_events_classifier_stays_silent_below_its_threshold():
    doc = make_doc(TORCHED)
    assert _torch_model(threshold=0.999).proposes(doc[1]) is None


def test_events_classifier_never_asks_about_verbs_that_embed_another_act():
    doc = make_doc(EXPECTED)
    assert not is_candidate(doc[1])  # "expected to torch": factuality, not an event


def test_events_classifier_confirms_an_outside_rule_only_when_it_agrees():
    doc = make_doc(TORCHED)
    model = _torch_model()
    model.rule_threshold = 0.6
    assert model.confirms(doc[1], "ASSAULT") is not None
    assert model.confirms(doc[1], "PROTEST") is None  # the model's type is not the rule's


def test_events_classifier_reads_the_outside_rule_as_a_feature():
    doc = make_doc(TORCHED)
    model = TriggerClassifier(
        labels=[NO_EVENT, "ASSAULT"], weights={"RULE=ASSAULT": [0.0, 4.0]},
        bias=[1.0, 0.0], threshold=0.5,
    )
    assert model.predict(doc[1]).event == NO_EVENT
    assert model.predict(doc[1], "ASSAULT").event == "ASSAULT"


def test_events_classifier_uses_per_type_thresholds():
    doc = make_doc(TORCHED)
    model = _torch_model(threshold=0.5)
    model.thresholds = {"ASSAULT": 0.999}
    assert model.proposes(doc[1]) is None


def test_events_classifier_shipped_model_covers_all_plover_types():
    model = default_classifier()
    assert set(model.labels) >= {NO_EVENT, "ASSAULT", "CONSULT", "PROTEST", "CONCEDE"}
    assert len(model.labels) == 17 and model.encoder is not None
    assert model.dense.shape == (4 * model.encoder.dims, 17)
    assert 0.3 <= model.threshold < 1.0 and 0.0 < model.rule_threshold < 1.0


def test_events_classifier_is_not_consulted_for_words_the_lexicon_knows(nlp):
    extractor = EventExtractor.__new__(EventExtractor)
    from polex.events.lexicon import default_lexicon

    extractor.lexicon = default_lexicon()
    extractor.classifier = TriggerClassifier([NO_EVENT, "AID"], {}, [0.0, 5.0], 0.5)
    doc = nlp("The government said it met the demands of the strikers.")
    said = next(t for t in doc if t.lemma_ == "say")
    met = next(t for t in doc if t.lemma_ == "meet")
    assert extractor._match(said) is None or extractor._match(said).rule.event != "AID"
    match = extractor._match(met)
    assert match is None or match.rule.line > 0


def _extractor_with(lexicon_text: str, always: str) -> EventExtractor:
    from polex.events.lexicon import Lexicon

    extractor = EventExtractor.__new__(EventExtractor)
    extractor.lexicon = Lexicon.from_text(lexicon_text)
    extractor.classifier = TriggerClassifier([NO_EVENT, always], {}, [0.0, 5.0], 0.5)
    return extractor


def test_events_classifier_proposes_for_a_use_the_own_lexicon_has_no_rule_for():
    extractor = _extractor_with(OWN_EXCHANGE_RULES, "ASSAULT")
    match = extractor._match(make_doc(EXCHANGED_FIRE)[1])
    assert match is not None and match.rule.event == "ASSAULT" and match.rule.line == 0


def test_events_classifier_never_overrides_the_own_lexicons_non_event_sense():
    extractor = _extractor_with(OWN_EXCHANGE_RULES, "ASSAULT")
    assert extractor._match(make_doc(EXCHANGED_VIEWS)[1]) is None


def _chide_model() -> TriggerClassifier:
    # entity features that pull both ways: a state as object makes an accusation likelier,
    # a person as subject less likely
    return TriggerClassifier(
        labels=[NO_EVENT, "ACCUSE", "CONSULT"],
        weights={"L=chide": [0.0, 1.0, 0.0], "Edobj=GPE": [0.0, 2.5, -1.0],
                 "Edobj=PERSON": [0.0, -2.0, 1.5], "SUBJ=GPE": [0.0, 1.0, 0.5],
                 "Ensubj=PERSON": [1.0, -1.0, 0.0], "SUBJ=PERSON": [0.5, 0.0, 0.0]},
        bias=[1.0, 0.0, 0.0],
        threshold=0.7,
    )


def test_events_classifier_bound_holds_for_every_entity_labelling():
    model = _chide_model()
    best = model.highest_probabilities(make_doc(CHIDED)[1])
    for subject in (None, "GPE", "PERSON"):
        for target in (None, "GPE", "PERSON"):
            ents = [(0, 1, subject)] * bool(subject) + [(2, 3, target)] * bool(target)
            doc = make_doc(CHIDED, ents=ents)
            probabilities = model.probabilities(token_features(doc[1]))
            for i, label in enumerate(model.labels):
                assert probabilities[label] <= best[i] + 1e-9, (subject, target, label)


def test_events_classifier_could_propose_what_entities_may_still_make_likely():
    model = _chide_model()
    unlabelled = make_doc(CHIDED)[1]
    assert model.proposes(unlabelled) is None  # without entities, not sure enough
    assert model.could_propose(unlabelled)
    assert model.proposes(make_doc(CHIDED, ents=CHIDED_ENTS)[1]) is not None


def test_events_classifier_could_not_propose_what_no_entity_can_make_likely():
    model = _torch_model(threshold=0.99)
    assert not model.could_propose(make_doc(TORCHED)[1])
    assert not model.could_confirm(make_doc(TORCHED)[1], "PROTEST")


def test_events_classifier_sentence_bounds_are_each_words_bound():
    model = default_classifier()
    for rows in (TORCHED, EXPECTED, CHIDED, EXCHANGED_FIRE):
        doc = make_doc(rows)
        together = model._highest_probabilities_of([t for t in doc if is_candidate(t)])
        alone = [model.highest_probabilities(t) for t in doc if is_candidate(t)]
        assert len(together) == len(alone)
        for row, expected in zip(together, alone, strict=True):
            assert abs(row - expected).max() < 1e-9


def test_events_classifier_prediction_from_projections_equals_the_encoder_view():
    model = default_classifier()
    assert model.encoder is not None
    token = make_doc(TORCHED)[1]
    view = model.probabilities(token_features(token),
                               dense_features(token, model.encoder, context_words(token.sent)))
    prediction = model.predict(token)
    assert prediction.event == max(view, key=view.__getitem__)
    assert abs(prediction.probability - view[prediction.event]) < 1e-6
