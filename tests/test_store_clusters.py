from polex.store.clusters import cluster_events, group_clusters


def _record(article, date, actor="RUS", recipient="UKR", event="ASSAULT", confidence=0.8):
    return {
        "id": f"{article}-{date}-{event}",
        "article_id": article,
        "event": event,
        "status": "occurred",
        "date": date,
        "actor": [{"code": actor}],
        "recipient": [{"code": recipient}],
        "confidence": confidence,
    }


def test_store_clusters_same_strike_reported_twice_is_one_record():
    clusters = cluster_events([
        _record("kyiv_independent", "2024-08-26", confidence=0.7),
        _record("reuters_wire", "2024-08-27", confidence=0.9),
    ])
    assert len(clusters) == 1
    assert clusters[0]["num_articles"] == 2
    assert clusters[0]["article_ids"] == ["kyiv_independent", "reuters_wire"]
    assert clusters[0]["id"] == "reuters_wire-2024-08-27-ASSAULT"  # the most confident


def test_store_clusters_dates_outside_the_window_stay_apart():
    clusters = cluster_events([_record("a", "2024-08-26"), _record("b", "2024-09-10")])
    assert [c["num_articles"] for c in clusters] == [1, 1]


def test_store_clusters_other_dyads_and_types_stay_apart():
    clusters = cluster_events([
        _record("a", "2024-08-26"),
        _record("b", "2024-08-26", actor="UKR", recipient="RUS"),
        _record("c", "2024-08-26", event="ACCUSE"),
    ])
    assert len(clusters) == 3


def test_store_clusters_two_events_of_one_article_are_not_merged():
    clusters = cluster_events([_record("a", "2024-08-26"), _record("a", "2024-08-27")])
    assert len(clusters) == 2


def test_store_clusters_month_dates_cluster_only_with_the_same_month():
    clusters = cluster_events([_record("a", "2023-04"), _record("b", "2023-04"),
                               _record("c", "2023-05")])
    assert [c["num_articles"] for c in clusters] == [2, 1]


def test_store_clusters_groups_keep_every_member_record():
    groups = group_clusters([_record("a", "2024-08-26"), _record("b", "2024-08-27"),
                             _record("c", "2024-08-26", event="ACCUSE")])
    assert [[r["article_id"] for r in group] for group in groups] == [["a", "b"], ["c"]]
