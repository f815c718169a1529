# newsweave: `make run` sets up .venv and runs the demo; `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed

# The browser tests drive Debian's Chromium (no browser download).
CHROMIUM ?= /usr/bin/chromium
APT_GET ?= apt-get

.PHONY: run test install bench clean-demo attribution-model story-model events-cv chromium

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[web,parquet,spark,dev]'
	@touch $(STAMP)

install: $(STAMP)

# The main job on the bundled (fictional) demo articles: ingest, process, print the digest.
run: $(STAMP)
	$(VENV)/bin/newsweave --db demo.db run examples/demo.jsonl

test: $(STAMP) chromium
	$(PY) -m pytest

# `make test` installs Chromium where it can (root, with apt) and otherwise stops, naming the command to
# run: the browser tests fail without it rather than the suite passing with them skipped.
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null 2>&1; then \
	    echo "installing Chromium for the browser tests: $(APT_GET) install -y chromium" >&2; \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) update -q && \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q chromium; \
	  else \
	    echo "make test: the browser tests need Chromium ($(CHROMIUM)); install it with:" >&2; \
	    echo "    sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; }

bench: $(STAMP)
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

# Retrain the attribution model (newsweave.attribution.model.v1) from PolNeAR train (../shared):
# the cue lexicon and cue model first, then the span model over the rules' attributions.
attribution-model: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) scripts/train_attribution.py
	OMP_NUM_THREADS=1 $(PY) scripts/train_attribution_model.py

# Refit the learned story similarity (newsweave.stories.learned.v1) on ECB+ train (../shared):
# writes src/newsweave/data/story_model.json with its cross-validated figures.
story-model: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) benchmarks/train_story_model.py

# Cross-validate a learned PLOVER type classifier against the event rules on the GSR dev records
# (../shared): out-of-fold figures only; nothing is written (no model ships, see benchmarks/results/events.md).
events-cv: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) benchmarks/events_cv.py --features struct --manual

clean-demo:
	rm -f demo.db demo.db-wal demo.db-shm demo.db.process-lock
