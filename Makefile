# Propagate: the two commands a newcomer types are `make run` and `make test`.
#
#   make run     build the page into dist/ and serve it on $(ADDR) (no
#                precompression: not worth the wait on loopback)
#   make test    everything CI checks: format, vet, import boundary, the wasm
#                build, unit tests, engine tests under GOOS=js, browser tests,
#                the same numbers on amd64 v1/v3, arm64 (qemu) and wasm
#   make dist    the static bundle only (deploy dist/ to any static host)
#   make bench   engine benchmarks (TFP_NN=…/src/nn.ts: beside TF Playground)
#   make measure sizes, time to first frame and Go CPU per frame in headless
#                Chromium, beside a bare Ebitengine page
#   make size    main.wasm beside a bare Ebitengine page, and by package
#   make fuzz    each fuzz target for $(FUZZTIME) (new failures land in
#                testdata/fuzz, which `make test` then replays)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:

GO     ?= go
ADDR   ?= 127.0.0.1:8080
DIST   := dist
GOROOT := $(shell $(GO) env GOROOT)

# Go 1.24 moved wasm_exec.js from misc/wasm to lib/wasm.
WASM_EXEC := $(firstword $(wildcard $(GOROOT)/lib/wasm/wasm_exec.js $(GOROOT)/misc/wasm/wasm_exec.js))

GO_SOURCES := $(shell find . -name '*.go' -not -path './.git/*' -not -path './$(DIST)/*' -not -path './out/*') go.mod go.sum
ASSETS     := $(shell find assets -type f 2>/dev/null)
STATIC     := $(wildcard web/static/*)

# Ebitengine's native init opens an X display, even in tests; without a
# desktop session the tests run under a virtual one.
XRUN := $(if $(DISPLAY),,xvfb-run -a)

.PHONY: run bundle dist bare size test test-wasm test-cross fmt-check vet boundary unit bench bench-go measure fuzz deps deps-run clean

# A built binary rather than go run, so Ctrl-C reaches the server alone and
# its clean shutdown is the exit status.
run: deps-run bundle
	$(GO) build -o build/serve ./web/cmd/serve
	exec build/serve -dir $(DIST) -addr $(ADDR)

bundle: $(DIST)/main.wasm $(DIST)/wasm_exec.js $(STATIC:web/static/%=$(DIST)/%)

dist: bundle $(DIST)/main.wasm.gz $(DIST)/main.wasm.br

$(DIST)/main.wasm: $(GO_SOURCES) $(ASSETS)
	@mkdir -p $(DIST)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ ./wasm

$(DIST)/main.wasm.gz $(DIST)/main.wasm.br &: $(DIST)/main.wasm
	$(GO) run ./web/cmd/compress $<

# Copied from the toolchain at build time, so it always matches the Go that
# built main.wasm; never committed.
$(DIST)/wasm_exec.js: $(WASM_EXEC)
	@test -n "$<" || { echo "wasm_exec.js not found under $(GOROOT)"; exit 1; }
	@mkdir -p $(DIST)
	cp $< $@

$(DIST)/%: web/static/%
	@mkdir -p $(DIST)
	cp $< $@

test: deps fmt-check vet boundary dist unit test-wasm test-cross

fmt-check:
	@files=$$(gofmt -l $(filter %.go,$(GO_SOURCES))); \
	if [[ -n $$files ]]; then echo "gofmt -w needed on:"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./scenes/... ./engine/...

# The engine never knows it is drawn: no Ebitengine and no syscall/js in its
# dependencies, natively or in the wasm build. scenes/anim needs no screen,
# and only the bridge in wasm/ touches the DOM.
boundary:
	@bad=$$( { $(GO) list -deps ./engine/...; \
	  GOOS=js GOARCH=wasm $(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}} {{join .Imports " "}}{{end}}' ./engine/...; } \
	  | grep -E 'hajimehoshi/ebiten|syscall/js' || true); \
	if [[ -n $$bad ]]; then echo "engine/ must not depend on Ebitengine or syscall/js:"; echo "$$bad"; exit 1; fi
	@bad=$$($(GO) list -deps ./scenes/anim/... | grep -E 'hajimehoshi/ebiten|syscall/js' || true); \
	if [[ -n $$bad ]]; then echo "scenes/anim must not depend on Ebitengine or syscall/js (its tests run without a display):"; echo "$$bad"; exit 1; fi
	@bad=$$(GOOS=js GOARCH=wasm $(GO) list -f '{{.ImportPath}}: {{join .Imports " "}}' ./wasm/app/... ./scenes/... | grep -E 'syscall/js' || true); \
	if [[ -n $$bad ]]; then echo "only wasm/ (the bridge) may import syscall/js:"; echo "$$bad"; exit 1; fi
	@bad=$$(GOOS=js GOARCH=wasm $(GO) list -deps ./wasm | grep -E '^gonum.org/v1/gonum/(mat|lapack|blas/gonum|blas/blas64)$$' || true); \
	if [[ -n $$bad ]]; then echo "the page must not link gonum's mat, LAPACK or full BLAS (2.6 MB of wasm; the engine computes through engine/dense.go):"; echo "$$bad"; exit 1; fi

# go test ./..., with the browser tests run apart and never from the test
# cache: their real inputs (the bundle, the browser) are invisible to it.
# PROPAGATE_E2E=1: they fail, not skip, when the bundle or Chromium is missing.
unit: dist
	$(XRUN) $(GO) test -timeout 20m $$($(GO) list ./... | grep -v '/web/e2e$$')
	PROPAGATE_BUNDLE=$(abspath $(DIST)) PROPAGATE_E2E=1 $(GO) test -count=1 -timeout 20m ./web/e2e

test-wasm:
	PATH="$$PATH:$(GOROOT)/lib/wasm" GOOS=js GOARCH=wasm $(GO) test -timeout 20m ./engine/...

# learn built for amd64 v1 and v3 (FMA), arm64 (under qemu-aarch64-static)
# and wasm (under node) prints byte-identical JSON for links of every rule.
test-cross:
	PROPAGATE_CROSS=1 $(GO) test -count=1 -timeout 20m -run '^TestSameNumbersOnEveryCPU$$' ./engine/cmd/learn

# The engine natively and in wasm under Node.js, beside convnetjs and
# TensorFlow.js (installed into bench/node_modules on first use): a Markdown
# summary on stdout. TFP_NN=path/to/playground/src/nn.ts times TF Playground's
# own engine in the same run (it is not shipped here). bench-go is the quick
# native run alone.
bench:
	@TFP_NN="$(TFP_NN)" bash bench/run.sh

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...

# The yardstick for size and start-up: a bare Ebitengine page (a game that
# fills the screen), built and compressed as the page is.
BARE := build/bare
bare: $(BARE)/main.wasm.gz $(BARE)/wasm_exec.js $(BARE)/index.html $(BARE)/bare.js

$(BARE)/main.wasm: web/e2e/testdata/bare/main.go go.mod go.sum
	@mkdir -p $(BARE)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ ./web/e2e/testdata/bare

$(BARE)/main.wasm.gz $(BARE)/main.wasm.br &: $(BARE)/main.wasm
	$(GO) run ./web/cmd/compress $<

$(BARE)/wasm_exec.js: $(WASM_EXEC)
	@mkdir -p $(BARE)
	cp $< $@

$(BARE)/%: web/e2e/testdata/bare/%
	@mkdir -p $(BARE)
	cp $< $@

size: dist bare
	@bash scripts/wasmsize.sh $(DIST) $(BARE)

# The numbers the README reports. Timings are noisy on a shared machine;
# run it twice before believing one.
measure: deps dist bare
	@bash scripts/wasmsize.sh $(DIST) $(BARE) 0
	@PROPAGATE_BUNDLE=$(abspath $(DIST)) PROPAGATE_BARE=$(abspath $(BARE)) PROPAGATE_E2E=1 \
	  $(GO) test -count=1 -v -run '^(TestFirstFrameVsBare|TestFrameCPU)$$' ./web/e2e | grep -E '^\s+perf_test'

# Every Fuzz… function in the repository, one at a time (go test -fuzz takes
# one target per run).
FUZZTIME ?= 3m
fuzz:
	@for pkg in $$($(GO) list ./... | grep -v '/web/e2e$$'); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz: $$pkg $$target ($(FUZZTIME))"; \
	    $(XRUN) $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

deps:
	@bash scripts/deps.sh test

deps-run:
	@bash scripts/deps.sh run

clean:
	rm -rf $(DIST) build out
