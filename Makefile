# newsweave: `make run` sets up .venv and runs the demo; `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: run test install bench clean-demo

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[web,parquet,spark,dev]'
	@touch $(STAMP)

install: $(STAMP)

# The main job on the bundled (fictional) demo articles: ingest, process, print the digest.
run: $(STAMP)
	$(VENV)/bin/newsweave --db demo.db run examples/demo.jsonl

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean-demo:
	rm -f demo.db demo.db-wal demo.db-shm demo.db.process-lock
