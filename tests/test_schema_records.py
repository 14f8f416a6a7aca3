from polex.schema import Entity, Event, TextInfo, validation_errors

SENTENCE = "Kenyan police arrested 40 protesters in Nairobi on Tuesday."


def _event(**changes):
    fields = dict(
        article_id="kenya_protest_arrests",
        event="COERCE",
        mode=["arrest"],
        actor=[Entity(code="KEN", sector="COP", entity_text="Kenyan police")],
        recipient=[Entity(code="KEN", sector="CVL", entity_text="40 protesters")],
        date="2024-06-25",
        date_precision="day",
        date_source="text",
        status="occurred",
        confidence=0.85,
        text=SENTENCE,
        text_info=TextInfo(sequence=0, start=0, end=len(SENTENCE)),
        event_text="arrested",
        trigger_start=14,
        trigger_end=22,
        quad_code=4,
        event_scale=-7.0,
        coded_date="2026-11-27",
    )
    fields.update(changes)
    return Event(**fields)


def test_schema_records_event_record_validates():
    assert validation_errors(_event().to_plover()) == []


def test_schema_records_unknown_event_type_is_invalid():
    errors = validation_errors(_event(event="GREET").to_plover())
    assert any(e.startswith("event:") for e in errors)


def test_schema_records_date_must_be_iso_at_some_precision():
    assert validation_errors(_event(date="2017", date_precision="year").to_plover()) == []
    assert validation_errors(_event(date="25/06/2024").to_plover())


def test_schema_records_id_is_stable_for_the_same_evidence():
    assert _event().id == _event(confidence=0.5).id
    assert _event().id != _event(trigger_start=30).id


def test_schema_records_carry_a_cameo_code_for_type_and_mode():
    from polex import ontology

    assert ontology.cameo_code("CONSULT", ["visit"]) == "042"
    assert ontology.cameo_code("COERCE", ["arrest"]) == "173"
    assert ontology.cameo_code("AGREE", []) == "030"
    assert validation_errors(_event(cameo="173").to_plover()) == []


def test_schema_records_every_plover_type_has_a_cameo_default():
    from polex import ontology

    assert all(ontology.cameo_code(t) for t in ontology.event_types())
    for event_type in ontology.event_types():
        for mode in ontology.modes(event_type):
            assert ontology.cameo_code(event_type, [mode]), (event_type, mode)
