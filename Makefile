# Two entry points on a fresh machine with python3 (3.11) and make: `make run` and `make test`.
# `make run` installs the runtime lock only (no test or lint tool); `make test` the dev lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
CORPUS ?= corpus
OUT ?= outputs
GOLD ?= ../shared/eval/dev/gold.jsonl
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# The texts of a gold set sit in docs/ beside its gold.jsonl (make evaluate GOLD=../shared/eval/dev2/gold.jsonl).
EVAL_CORPUS ?= $(dir $(GOLD))docs

.PHONY: install install-runtime run test test-portable lint evaluate bench lock clean

# Everything `make test` needs (the dev lock, a superset of the runtime lock with the same pins).
install: $(DEV_STAMP)

# What running the pipeline and its report needs, nothing more.
install-runtime: $(RUNTIME_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) -r requirements.lock
	$(PIP) --no-deps -e .
	touch $@

$(DEV_STAMP): requirements-dev.lock requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) -r requirements-dev.lock
	$(PIP) --no-deps -e .
	touch $(RUNTIME_STAMP) $@

run: install-runtime
	$(BIN)/python -m pipeline run $(CORPUS) --out $(OUT)

lint: install
	$(BIN)/ruff check pipeline tests $(wildcard benchmarks)
	$(BIN)/ruff format --check pipeline tests $(wildcard benchmarks)
	$(BIN)/mypy pipeline

test: lint
	$(BIN)/python -m pytest -q

# The suite again as on Windows (and so macOS): Linux-only calls removed (tests/simulated_os/sitecustomize.py).
test-portable: install
	PYTHONPATH=$(CURDIR)/tests/simulated_os PIPELINE_SIMULATE_OS=windows $(BIN)/python -m pytest -q

evaluate: install-runtime
	$(BIN)/python -m pipeline --quiet run $(EVAL_CORPUS) --out $(OUT)
	$(BIN)/python -m pipeline evaluate $(GOLD) --out $(OUT)

bench: install
	$(BIN)/python benchmarks/bench.py

# Re-pin every dependency (needs uv: `pip install uv`). Existing pins are kept where they still fit
# (uv prefers the versions already in the output file); the runtime lock is the report extra only.
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements-dev.lock
	uv pip compile pyproject.toml --extra report --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
	find $(OUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
