# Two commands matter: `make demo` runs sla on the bundled example, and
# `make test` runs every check CI runs. The rest are for maintainers.
GO ?= go
BIN := bin/sla
FUZZTIME ?= 60s

.PHONY: all build demo test fmt-check vet unit fuzz bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/sla

## demo: validate the example organisation in agreements/
demo: build
	./$(BIN) validate agreements

## test: formatting, vet, and every test (with the fuzz seeds) under the race detector
test: fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

## fuzz: run each fuzz target for FUZZTIME (default 60s)
fuzz:
	$(GO) test ./internal/agreement -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/calendar -run '^$$' -fuzz '^FuzzParseRange$$' -fuzztime $(FUZZTIME)

## bench: benchmarks of validation and business time
bench:
	$(GO) test ./internal/... -run '^$$' -bench . -benchmem

clean:
	rm -rf bin
