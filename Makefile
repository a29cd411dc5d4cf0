# Hello Matrix — build, run and test.
#   make run    build the guide and serve it on http://127.0.0.1:$(PORT) with a
#               local practice homeserver (Dendrite) on 127.0.0.1:$(SANDBOX_PORT)
#   make test   everything: Go tests, real Dendrite, real headless Chromium
# Both install what they need on a fresh Debian machine (apt, Go proxy, npm).

GO           ?= go
PORT         ?= 8000
SANDBOX_PORT ?= 8008
BASE         ?=
# Builds and the sandbox's data live outside the repo.
export HELLO_MATRIX_CACHE ?= $(HOME)/.cache/hello-matrix

WASM_TAGS := goolm

.PHONY: all deps apt-deps dendrite synapse js-deps generate wasm build run static test test-go check-wasm originality clean fuzz load bench

all: wasm

## deps: system packages (Chromium, brotli, Node), the cached Dendrite build
## and the cached Synapse install
deps: apt-deps dendrite synapse

apt-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v brotli   >/dev/null || missing="$$missing brotli"; \
	command -v node     >/dev/null || missing="$$missing nodejs"; \
	command -v npm      >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

dendrite:
	@$(GO) run ./internal/dendrite/cmd/dendrite-ensure >/dev/null

## synapse: the pinned matrix-synapse (internal/synapse/requirements.txt) in a
## venv in the cache, and its migrated template database (needs python3 with venv and pip)
synapse:
	@$(GO) run ./internal/synapse/cmd/synapse-ensure >/dev/null

## js-deps: the pinned matrix-js-sdk the interop and browser tests share.
## Installed once here, so test packages running in parallel never race to
## install it themselves.
js-deps: apt-deps
	@cd matrix/testdata/interop && \
	want=$$(node -p 'require("./package-lock.json").packages["node_modules/matrix-js-sdk"].version') && \
	have=$$(node -p 'require("./node_modules/matrix-js-sdk/package.json").version' 2>/dev/null || true) && \
	if [ "$$want" != "$$have" ]; then echo "installing matrix-js-sdk $$want"; npm ci --no-audit --no-fund --loglevel=error; fi

## generate: render the Markdown chapters into pages/chapters.gen.go (and directory.json into directory.gen.go), with pages/gen
generate:
	$(GO) generate ./pages

## wasm: the client, plus precompressed copies and the toolchain's wasm_exec.js
## (internal/wasmbuild: GOOS=js GOARCH=wasm, tags goolm,hmfetch, -trimpath -s -w,
## against a mautrix whose requests go straight to fetch; see internal/wasmbuild/patch.go)
wasm: apt-deps
	$(GO) run ./internal/wasmbuild/cmd/wasm-build

## run: serve the guide on loopback with the practice homeserver
run: wasm dendrite
	$(GO) run ./app serve -addr 127.0.0.1:$(PORT) -sandbox 127.0.0.1:$(SANDBOX_PORT)

## static: a self-contained dist/ for any static host (BASE=/sub/path for a sub-path)
static: wasm
	$(GO) run ./app static -out dist $(if $(BASE),-base $(BASE))

## test: everything, browser and homeserver included (the originality check
## is its own target: its tool is not part of the repository)
test: deps js-deps wasm check-wasm test-go directory-report

## directory-report: open_servers_signup_in_page: N of M, the open directory
## servers whose sign-up the live client completes in the page, by the rule
## the directory's table shows (pages.SignupFacts.Way), from its data
.PHONY: directory-report
directory-report:
	@$(GO) run ./internal/directoryreport

## check-wasm: js/wasm both ways: plain (mautrix as it is, what gopls and go vet
## see) and as the WASM is built (hmfetch, against the patched copies of
## mautrix and the rest, internal/wasmbuild/patch.go). The second leaves out
## app/site, the server side: never in the WASM, and go-app's copy has no
## HTTP handler for it
check-wasm:
	GOOS=js GOARCH=wasm $(GO) build -tags $(WASM_TAGS) ./...
	GOOS=js GOARCH=wasm $(GO) vet -tags $(WASM_TAGS) ./matrix/... ./app/...
	GOOS=js GOARCH=wasm $(GO) build -tags $(WASM_TAGS),hmfetch -modfile $$($(GO) run ./internal/wasmbuild/cmd/wasm-build -modfile) $$($(GO) list ./app/... ./matrix/... ./pages/... | grep -v '/app/site')
	$(GO) vet ./...
	$(GO) vet -tags $(WASM_TAGS) ./matrix/...

## test-go: every package but the browser tests in parallel, then the
## browser tests on their own: Chromium measuring layout shifts and timing
## the app's start shares 2 cores badly with two homeservers under load
## (with goolm, as the WASM: the encryption tests need mautrix's pure-Go
## olm; a plain `go test ./...` builds the core without encryption).
## go test hides a passing package's output, so the browser tests write
## their headline figures (interactions_to_first_message) to FIGURES_OUT,
## printed afterwards.
test-go:
	$(GO) test -tags $(WASM_TAGS) -count=1 -timeout 20m $$($(GO) list ./... | grep -v '/browsertest$$')
	@figures=$$(mktemp); status=0; \
	echo "$(GO) test -tags $(WASM_TAGS) -count=1 -timeout 30m ./browsertest"; \
	FIGURES_OUT=$$figures $(GO) test -tags $(WASM_TAGS) -count=1 -timeout 30m ./browsertest || status=1; \
	cat $$figures; rm -f $$figures; exit $$status

## journey: the newcomer's journey in Chromium, printing
## interactions_to_first_message (landing page to a sent first message)
.PHONY: journey
journey: deps js-deps wasm
	@figures=$$(mktemp); status=0; \
	FIGURES_OUT=$$figures $(GO) test -count=1 -tags $(WASM_TAGS) -run '^TestLiveNewcomerJourney$$' ./browsertest || status=1; \
	cat $$figures; rm -f $$figures; exit $$status

## originality: no run of eight words copied from the seeds; the tool lives in
## ../shared beside the project's own checkout, not in a clone
ORIGINALITY ?= ../shared/tools/originality
originality:
	@if [ ! -x $(ORIGINALITY) ]; then \
	  echo "originality: $(ORIGINALITY) is not here: the tool sits beside the project's own checkout, not in the repository, so a clone cannot run this check" >&2; \
	  exit 1; \
	fi
	$(ORIGINALITY) pages app README.md BENCHMARKS.md

## fuzz: each fuzz target for FUZZTIME (make test runs only their seeds)
FUZZTIME     ?= 20s
FUZZ_TARGETS := matrix:FuzzParseServerInput matrix:FuzzParseRoomAddress matrix:FuzzCheckUsername matrix:FuzzCheckUserID pages/render:FuzzRenderChapter
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t#*:}; echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  $(GO) test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s || exit 1; \
	done

## load: a bounded loopback load at every route of `go run ./app serve`
LOAD_REQUESTS    ?= 2000
LOAD_CONCURRENCY ?= 16
load: wasm
	$(GO) run ./internal/loadtest/cmd/load -requests $(LOAD_REQUESTS) -concurrency $(LOAD_CONCURRENCY)

clean:
	rm -rf dist web/app.wasm web/app.wasm.br web/app.wasm.gz web/wasm_exec.js

## bench: the Speed figures (see BENCHMARKS.md); BENCH_FLAGS="-runs 9" for more runs
BENCH_FLAGS ?=
bench: wasm dendrite js-deps
	$(GO) run ./internal/bench $(BENCH_FLAGS)

## robustness: fault, bad-input, hostile-content and CSP tests, then their figures
ROBUSTNESS_MATRIX  := TestDeliveryUnderFaults|TestOutboxResumeUnderFaults|TestSendRateLimited|TestDiscoverBadInput|TestDiscoverBadWellKnown|TestParseServerInput|TestLoginErrors|TestRegisterLocalUsernameChecks|TestSendRejectsEmptyAndOversized|TestDiscoverUnreachable|TestDiscoverNotMatrix|TestRegisterServerRefusals|TestRegisterClosedServer|TestLoginRateLimited|TestLogoutInvalidatesToken|TestWhoAmIExpiredToken
ROBUSTNESS_BROWSER := TestHostile|TestCSP|TestLiveClientErrors|TestLiveServerWithoutCORS|TestLiveSendsThroughFaults
.PHONY: robustness
robustness: deps js-deps wasm
	@log=$$(mktemp); bad=$$(mktemp); status=0; \
	BAD_INPUTS_OUT=$$bad $(GO) test -count=1 -v -run '$(ROBUSTNESS_MATRIX)' ./matrix >$$log 2>&1 || status=1; \
	BAD_INPUTS_OUT=$$bad BROWSER_SEND_COUNT=100 $(GO) test -count=1 -v -run '$(ROBUSTNESS_BROWSER)' ./browsertest >>$$log 2>&1 || status=1; \
	if [ $$status != 0 ]; then cat $$log; fi; \
	grep -E '^((synapse|dendrite)_)?(sent|delivered|duplicates|lost|ratelimit_[a-z0-9]+|browser_sent|browser_delivered|browser_duplicates|browser_lost|hostile_payloads|hostile_executed|csp_violations): ' $$log; \
	echo "bad_inputs_tested: $$(sort -u $$bad | grep -c .)"; \
	rm -f $$log $$bad; exit $$status
