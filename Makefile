# Two commands from a fresh clone: `make run` and `make test` (see README.md).
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= true

.PHONY: run test bench install system-packages messages migrate demo lint check-deploy

# The development server and, beside it, the worker that runs the background jobs
# (manage.py db_worker), stopped with the server. The worker is not reloaded on code changes (a
# reload would cut a job short): restart `make run` after changing a job.
run: install messages migrate demo
	@$(BIN)/python manage.py demo_logins
	@echo "Public site: http://127.0.0.1:$(PORT)/en/   Admin: http://127.0.0.1:$(PORT)/admin/   API: http://127.0.0.1:$(PORT)/api/"
	@echo "Background jobs: a database worker runs beside the server; e-mail is written to var/mail/."
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM HUP; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install messages
	$(BIN)/pytest

bench: install messages
	DEBUG=false $(BIN)/python scripts/bench.py
	DEBUG=false $(BIN)/python scripts/bench_statements.py

install: system-packages $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

system-packages:
	@sh scripts/system-packages.sh

messages:
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate:
	$(BIN)/python manage.py migrate --noinput -v0

demo:
	$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .
