# Two commands on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint pytest bench screenshots clean

run: $(VENV)/.stamp-app
	@sh tools/system-deps.sh gui
	$(BIN)/consult-app $(ARGS)

test: lint pytest

# The same checks run before each commit (.pre-commit-config.yaml); keep the two lists alike.
lint: $(VENV)/.stamp-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict consult_app tests

pytest: $(VENV)/.stamp-test
	@sh tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

bench: $(VENV)/.stamp-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/run.py

screenshots: $(VENV)/.stamp-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-app: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.stamp-app

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
