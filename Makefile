# tiktok_study — `make` alone lists the targets.
#
# Environment: an active conda env ($CONDA_PREFIX) or venv ($VIRTUAL_ENV) is used as is; otherwise a .venv is
# created here. Packages come from requirements.lock (exact versions), installed with uv (pinned in the lock).

SHELL := /bin/bash
.DEFAULT_GOAL := help

ifdef VIRTUAL_ENV
ENV_DIR := $(VIRTUAL_ENV)
else ifdef CONDA_PREFIX
ENV_DIR := $(CONDA_PREFIX)
else
ENV_DIR := $(CURDIR)/.venv
endif
PY := $(ENV_DIR)/bin/python
BIN := $(ENV_DIR)/bin
STAMP := $(ENV_DIR)/.tiktok_study-installed
UV_PIN := $(shell grep -E '^uv==' requirements.lock | cut -d' ' -f1)
JOBS ?= 1
BENCH_FLAGS ?=

.PHONY: help install setup report test lint format lab bench lock contract clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(ENV_DIR)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "$(UV_PIN)"
	$(PY) -m uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	$(PY) -m uv pip install --quiet --python $(PY) --no-deps -e .
	@touch $(STAMP)

install: $(STAMP) ## create/refresh the environment from requirements.lock

setup: install ## put NLTK data (offline) and the tiktok-study kernel into the environment
	$(BIN)/tiktok-study setup

report: setup ## the main job: normalize + analyze + render the notebooks into reports/
	$(BIN)/tiktok-study run --jobs $(JOBS)

lint: install ## ruff lint and format check (notebooks included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint ## lint, then the test suite
	$(BIN)/pytest

format: install ## apply ruff's formatter and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: setup ## open JupyterLab with the tiktok-study kernel
	$(BIN)/jupyter lab notebooks/

bench: setup ## the corpus-scale benchmark (results in benchmarks/results/)
	$(PY) benchmarks/bench.py $(BENCH_FLAGS)

lock: install ## re-pin requirements.lock from pyproject.toml (needs the package registry)
	$(PY) -m uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

contract: install ## rewrite docs/contract.md from the code (tables, verbs, API, gold formats)
	$(PY) -m tiktok_study.contract > docs/contract.md

clean: ## remove reports/ and the processed tables (data/raw is never touched)
	rm -rf reports data/processed/*.parquet
