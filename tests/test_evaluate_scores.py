from polex.evaluate import evaluate

SENTENCE = "Chilean President Gabriel Boric met Javier Milei in Buenos Aires on Monday."


def _record(event, actors, recipients=(), date="2024-06-03", status="occurred",
            text=SENTENCE, article="chile_visit"):
    return {
        "article_id": article,
        "event": event,
        "actor": [{"code": c} for c in actors],
        "recipient": [{"code": c} for c in recipients],
        "date": date,
        "status": status,
        "text": text,
    }


def test_evaluate_perfect_prediction_scores_one():
    gold = [_record("CONSULT", ["CHL"], ["ARG"])]
    report = evaluate(gold, [dict(gold[0])])
    assert all(s.f1 == 1.0 for s in report.overall.values())


def test_evaluate_wrong_type_counts_as_false_positive_and_miss():
    report = evaluate([_record("CONSULT", ["CHL"])], [_record("AGREE", ["CHL"])])
    event = report.overall["event"]
    assert (event.matched, event.predicted, event.gold) == (0, 1, 1)


def test_evaluate_actor_must_match_as_a_set():
    gold = [_record("CONSULT", ["CHL", "ARG"])]
    report = evaluate(gold, [_record("CONSULT", ["ARG", "CHL"])])
    assert report.overall["actor"].f1 == 1.0
    report = evaluate(gold, [_record("CONSULT", ["CHL"])])
    assert report.overall["actor"].matched == 0 and report.overall["event"].matched == 1


def test_evaluate_date_prefix_accepts_coarser_correct_date():
    gold = [_record("CONSULT", ["CHL"], date="2024-06-03")]
    report = evaluate(gold, [_record("CONSULT", ["CHL"], date="2024-06")])
    assert report.overall["date"].matched == 0
    assert report.overall["date_prefix"].matched == 1


def test_evaluate_events_from_other_sentences_do_not_pair():
    other = "Protesters gathered outside the Congress building in Santiago."
    report = evaluate([_record("CONSULT", ["CHL"])], [_record("CONSULT", ["CHL"], text=other)])
    assert report.overall["event"].matched == 0


def test_evaluate_reports_per_type_and_status_accuracy():
    gold = [_record("CONSULT", ["CHL"]), _record("AGREE", ["CHL"], status="planned")]
    pred = [_record("CONSULT", ["CHL"]), _record("AGREE", ["CHL"], status="occurred")]
    report = evaluate(gold, pred)
    assert report.per_type["AGREE"].f1 == 1.0
    assert report.status_accuracy == 0.5


def test_evaluate_pairs_one_to_one():
    gold = [_record("ASSAULT", ["RUS"])]
    pred = [_record("ASSAULT", ["RUS"]), _record("ASSAULT", ["RUS"])]
    event = evaluate(gold, pred).overall["event"]
    assert (event.matched, event.predicted) == (1, 2)


def test_evaluate_article_coded_without_events_makes_predictions_spurious():
    gold = [_record("CONSULT", ["CHL"]), {"article_id": "weather", "has_event": False}]
    pred = [_record("CONSULT", ["CHL"]),
            _record("PROTEST", ["CHL"], article="weather", text="Rain fell in Santiago.")]
    report = evaluate(gold, pred)
    assert report.overall["event"].predicted == 2 and report.overall["event"].matched == 1
    assert (report.eventless_articles, report.spurious_rate) == (1, 1.0)


def test_evaluate_floor_reports_each_figure_that_dropped():
    from polex.evaluate import below_floor

    report = evaluate([_record("CONSULT", ["CHL"], ["ARG"])], [_record("CONSULT", ["CHL"])])
    drops = below_floor(report, {"event_precision": 0.9, "recipient_f1": 0.5, "actor_f1": 0.5})
    assert drops == ["recipient_f1 0.0000 is below the recorded 0.5000"]


def test_evaluate_reliability_buckets_predictions_by_confidence():
    gold = [_record("CONSULT", ["CHL"], ["ARG"])]
    right = dict(gold[0], confidence=0.91)
    wrong = dict(_record("ASSAULT", ["CHL"]), confidence=0.83)
    report = evaluate(gold, [right, wrong])
    filled = {(b.low, b.predicted, b.right) for b in report.reliability if b.predicted}
    assert filled == {(0.8, 1, 0), (0.9, 1, 1)}
    assert report.confident_precision == 0.5


def test_evaluate_mode_and_context_are_scored_on_type_matched_pairs():
    gold = [dict(_record("PROTEST", ["KEN"]), mode=["demo"], context=["economic", "election"])]
    pred = [dict(_record("PROTEST", ["KEN"]), mode=["riot"], context=["economic"])]
    report = evaluate(gold, pred)
    assert (report.mode_correct, report.mode_total) == (0, 1)
    assert (report.context.matched, report.context.predicted, report.context.gold) == (1, 1, 2)


def test_evaluate_matched_date_is_right_only_at_the_gold_precision_or_finer():
    gold = [_record("CONSULT", ["CHL"], ["ARG"], date="2024-06")]
    finer = evaluate(gold, [_record("CONSULT", ["CHL"], ["ARG"], date="2024-06-03")])
    coarser = evaluate(gold, [_record("CONSULT", ["CHL"], ["ARG"], date="2024")])
    assert finer.arguments.as_dict()["date_accuracy"] == 1.0
    assert coarser.arguments.as_dict()["date_accuracy"] == 0.0


def test_evaluate_matched_arguments_count_actor_and_recipient_per_pair():
    gold = [_record("CONSULT", ["CHL"], ["ARG"])]
    flipped = evaluate(gold, [_record("CONSULT", ["ARG"], ["CHL"])])
    scores = flipped.arguments.as_dict()
    assert (scores["pairs"], scores["actor_accuracy"], scores["recipient_accuracy"]) == (1, 0, 0)


def test_evaluate_past_event_given_the_publication_date_is_counted():
    text = "Boric, who first visited Buenos Aires as president in 2022, returned on Monday."
    gold = [_record("CONSULT", ["CHL"], ["ARG"], date="2022", text=text)]
    stamped = _record("CONSULT", ["CHL"], ["ARG"], date="2024-06-03", text=text)
    stamped["date_source"] = "publication"
    report = evaluate(gold, [stamped])
    assert report.arguments.past_publication_dated == 1
    assert report.arguments.as_dict()["past_dates_kept"] == 0.0
