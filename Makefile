# Two commands do all set-up on a fresh machine with Python 3.11+ and pip:
#   make run    processes the bundled sample articles and publishes a release under output/
#   make test   runs the linters, the type checker and the whole test suite
# Both install uv (with pip) when it is missing, then the locked environment (uv.lock).

PYTHON ?= python3
UV ?= $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(PYTHON) -m uv
endif
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
RUN := $(UV) run --frozen --no-sync

.PHONY: run test bench bench-scale env uv

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv 2>/dev/null \
	  || $(PYTHON) -m pip install --quiet uv 2>/dev/null \
	  || $(PYTHON) -m pip install --quiet --user --break-system-packages uv

.venv/.synced: uv.lock pyproject.toml
	$(MAKE) --no-print-directory uv
	$(UV) sync --frozen --quiet
	@touch $@

env: .venv/.synced

run: env
	$(RUN) diplodata run $(ARGS)

test: env
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy
	$(RUN) pytest $(ARGS)

bench: env
	$(RUN) python -m diplodata.bench.throughput $(ARGS)

# builds distinct corpora of 1k and 10k articles under /tmp; SIZES="100000" for the large one
SIZES ?= 1000 10000
bench-scale: env
	$(RUN) python -m diplodata.bench.scale --sizes $(SIZES) $(ARGS)
