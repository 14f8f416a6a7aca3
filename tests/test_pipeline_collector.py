"""The objects loaded once per process are kept out of the cyclic collector's passes."""

import gc

from polex.config import Settings
from polex.pipeline import Pipeline


def test_pipeline_collector_sets_the_loaded_model_aside():
    pipeline = Pipeline(Settings())
    nlp, extractor, _ = pipeline.load()
    tracked = {id(o) for o in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(nlp) not in tracked and id(extractor) not in tracked
