# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench bench-smoke setup clean

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dragoman briefings

LINTED := $(wildcard src tests benchmarks)

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit bench-smoke

# The benchmark of docs/performance.md: 1,000 and 10,000 briefings (BENCH_SIZES=1000,10000,50000
# for the opt-in 50,000). Corpora and caches are kept in BENCH_WORK between runs.
BENCH_SIZES ?= 1000,10000
BENCH_WORK ?= $(or $(TMPDIR),/tmp)/dragoman-bench
bench: $(STAMP)
	@command -v rg >/dev/null 2>&1 || ./.ci/install-packages ripgrep
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES) --work $(BENCH_WORK) \
		--json docs/performance.json --markdown docs/performance.md

# The same at a few hundred briefings, so that it cannot rot; no timing is asserted.
bench-smoke: $(STAMP)
	@work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && \
		$(BIN)/python -m benchmarks.run --sizes 300 --quick --work "$$work" --json "$$work/r.json"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
