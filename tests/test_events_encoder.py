"""The static vectors distilled from all-MiniLM-L6-v2, as the event classifier reads them."""

import numpy as np

from polex.events.encoder import default_encoder


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_events_encoder_places_related_words_near_each_other():
    encoder = default_encoder()
    shelled, bombarded = encoder.word("shelled"), encoder.word("bombarded")
    assert _cosine(shelled, bombarded) > _cosine(shelled, encoder.word("recipe"))


def test_events_encoder_reads_words_it_splits_into_pieces():
    encoder = default_encoder()
    vector = encoder.word("Tshisekedi")  # not one piece of the encoder's vocabulary
    assert vector.shape == (encoder.dims,) and np.linalg.norm(vector) > 0


def test_events_encoder_mean_of_no_words_is_zero():
    encoder = default_encoder()
    assert not encoder.mean(()).any()
