# One entry per job. `make report` and `make test` set everything up from scratch:
# a virtual environment in .venv, the package with its dependencies, a Jupyter kernel.
# Both are idempotent: a second run reuses the environment.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KERNEL := ai-capex
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup data report test bench lab clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (ai-capex)" >/dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv, install the package and register the Jupyter kernel

data: setup ## Validate data/raw and build data/processed (only what changed)
	$(PY) -m analysis.data build

report: data ## Run the report suite with papermill and publish HTML under reports/
	$(PY) -m analysis run

test: data ## Run the whole test suite (unit, data, notebooks)
	$(PY) -m pytest

bench: data ## Benchmarks: Monte Carlo speed and memory, report suite cold vs warm
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

lab: setup ## Open JupyterLab with the project kernel
	$(VENV)/bin/jupyter lab notebooks/

clean: ## Remove generated files (processed data, reports); keeps .venv
	rm -rf data/processed/*.parquet reports/runs reports/latest
