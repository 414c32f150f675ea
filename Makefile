# TechBureau — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install migrate demo vendor clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo --scale small

run: demo
	@echo "TechBureau: http://127.0.0.1:$(PORT)/"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest -n 2

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/run_all.py

vendor:
	bash scripts/fetch_vendor.sh

clean:
	rm -rf $(VENV) var/techbureau.sqlite3
