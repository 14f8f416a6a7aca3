"""The pipeline's matrix products run on numpy's BLAS, one thread, with the same results."""

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, TAG
from threadpoolctl import threadpool_info

from polex.config import DEFAULT_MODEL
from polex.nlp.pipeline import _load_on_numpy_blas

TEXTS = [
    "Ethiopian federal forces shelled positions held by Tigrayan fighters near Mekelle on "
    "Sunday, the regional government said, a day after talks in Pretoria stalled.",
    "KYIV, March 3 (Reuters) - Ukraine's foreign minister Dmytro Kuleba accused Moscow of "
    "blocking grain exports and urged the United Nations to act.",
    "Hundreds of demonstrators marched through central Dhaka on Friday demanding the release "
    "of opposition leaders arrested after the January 7 election.",
]
ATTRS = [TAG, POS, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


def test_nlp_pipeline_models_multiply_on_numpy_blas():
    nlp = _load_on_numpy_blas(DEFAULT_MODEL)
    for name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model.ops, "use_blis"):
            assert not model.ops.use_blis, name


def test_nlp_pipeline_limits_blas_to_one_thread():
    _load_on_numpy_blas(DEFAULT_MODEL)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_nlp_pipeline_annotates_as_the_shipped_pipeline():
    shipped = spacy.load(DEFAULT_MODEL)
    on_numpy = _load_on_numpy_blas(DEFAULT_MODEL)
    assert shipped.get_pipe("tok2vec").model.ops.use_blis
    for text in TEXTS:
        expected, got = shipped(text), on_numpy(text)
        assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all(), text
