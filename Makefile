# The two commands the README gives: `make run` and `make test`.
# Both set up everything themselves: Debian packages, .venv, Python packages.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin

.PHONY: run test package package-test lint typecheck layers pytest audio-content a11y a11y-docs bench screenshots clean system-run system-test

run: system-run $(VENV)/.stamp-run
	@$(PY) -m compileall -q spasmtimer >/dev/null || true
	@$(PY) -m spasmtimer

test: system-test $(VENV)/.stamp-test lint typecheck layers pytest audio-content a11y

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check spasmtimer tests bench tools packaging
	$(BIN)/ruff format --check spasmtimer tests bench tools packaging

typecheck: $(VENV)/.stamp-test
	$(BIN)/mypy

# The layer contracts in pyproject.toml ([tool.importlinter]).
layers: $(VENV)/.stamp-test
	$(BIN)/lint-imports

# Everything under a private PulseAudio server; then the sound tests again
# under a private PipeWire (pipewire-pulse and WirePlumber).
pytest: $(VENV)/.stamp-test
	tools/with-sound-server.sh $(BIN)/pytest
	tools/with-sound-server.sh --pipewire $(BIN)/pytest -q -m sound

# What the user hears, on a 34 s routine through the real app: fails on any
# stale, garbled or missing part (bench/audio_content.py). On PulseAudio with
# the PulseAudio output, on PipeWire with it, and on PipeWire with Qt's.
audio-content: $(VENV)/.stamp-test
	$(PY) bench/audio_content.py --server pulseaudio --backend pulse
	$(PY) bench/audio_content.py --server pipewire --backend pulse
	$(PY) bench/audio_content.py --server pipewire --backend qt

# What a screen reader finds on every screen and dialog, read over the real
# AT-SPI bus with the system Python's pyatspi (tests/a11y/): fails on any
# unnamed control, hidden text, headerless table, Tab trap or event flood.
# The dumps go to build/accessibility/; `make a11y-docs` refreshes the ones
# kept in docs/accessibility/.
a11y: $(VENV)/.stamp-test
	/usr/bin/python3 tests/a11y/check_screen_reader.py --python $(PY)

a11y-docs: $(VENV)/.stamp-test
	/usr/bin/python3 tests/a11y/check_screen_reader.py --python $(PY) --out docs/accessibility

# The .deb and the .tar.gz in dist/ (packaging/build_deb.py), and their proof
# on a clean Debian 12 root (packaging/test_deb.sh; needs root).
package: $(VENV)/.stamp-package
	@tools/system-deps.sh package
	$(PY) packaging/build_deb.py

package-test: $(VENV)/.stamp-test
	@tools/system-deps.sh package-test
	@ls dist/spasmtimer_*_amd64.deb >/dev/null 2>&1 || $(MAKE) package
	packaging/test_deb.sh

bench: $(VENV)/.stamp-test
	for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

system-run:
	@tools/system-deps.sh run

system-test:
	@tools/system-deps.sh test

$(PY):
	tools/make-venv.sh $(PYTHON) $(VENV)

$(VENV)/.stamp-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.stamp-package: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[package]'
	@touch $@ $(VENV)/.stamp-run

$(VENV)/.stamp-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.stamp-run

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache
