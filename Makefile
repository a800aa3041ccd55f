# OmniStream: `make run` serves the API on the embedded default; `make test` runs the suite
# (SQLite leg always; PostgreSQL + Redis leg too when DATABASE_URL / REDIS_URL are set).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run serve worker migrate seed simulate test test-sqlite test-real lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "OmniStream needs Python 3.11+"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/omnistream migrate
	$(BIN)/omnistream seed
	$(BIN)/omnistream serve

serve: install
	$(BIN)/omnistream serve

worker: install
	$(BIN)/omnistream worker

migrate: install
	$(BIN)/omnistream migrate

seed: install
	$(BIN)/omnistream seed

simulate: install
	$(BIN)/omnistream simulate

test: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python -m pytest -q
	@if [ -n "$$DATABASE_URL$$REDIS_URL" ]; then \
		echo "--- PostgreSQL / Redis leg (DATABASE_URL=$$DATABASE_URL REDIS_URL=$$REDIS_URL)"; \
		$(BIN)/python -m pytest -q; \
	fi

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) var .pytest_cache
