# Two entry points on a fresh machine with python3 (3.11) and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= corpus
OUT ?= outputs
GOLD ?= ../shared/eval/dev/gold.jsonl
# The texts of a gold set sit in docs/ beside its gold.jsonl (make evaluate GOLD=../shared/eval/dev2/gold.jsonl).
EVAL_CORPUS ?= $(dir $(GOLD))docs

.PHONY: install run test lint evaluate bench lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: install
	$(BIN)/python -m pipeline run $(CORPUS) --out $(OUT)

lint: install
	$(BIN)/ruff check pipeline tests $(wildcard benchmarks)
	$(BIN)/ruff format --check pipeline tests $(wildcard benchmarks)
	$(BIN)/mypy pipeline

test: lint
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/python -m pipeline --quiet run $(EVAL_CORPUS) --out $(OUT)
	$(BIN)/python -m pipeline evaluate $(GOLD) --out $(OUT)

bench: install
	$(BIN)/python benchmarks/bench.py

# Re-pin every dependency (needs uv: `pip install uv`).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
	find $(OUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
