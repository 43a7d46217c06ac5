# Two commands matter: `make demo` runs sla on the bundled example, and
# `make test` runs every check CI runs. The rest are for maintainers.
GO ?= go
BIN := bin/sla
FUZZTIME ?= 60s

.PHONY: all build demo demo-data test fmt-check vet unit fuzz bench golden clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/sla

DEMO_SNAPSHOT := internal/demodata/example.json.gz
DEMO_AT := 2026-11-27T09:00:00Z

## demo: validate the example organisation in agreements/, then measure it against the example issue data
demo: build
	./$(BIN) validate agreements
	./$(BIN) check agreements --snapshot $(DEMO_SNAPSHOT) --at $(DEMO_AT)

## demo-data: regenerate the example issue data (deterministic)
demo-data:
	$(GO) run ./internal/demodata/gen agreements $(DEMO_SNAPSHOT)

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
	$(GO) test ./internal/snapshot -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)

## bench: benchmarks, then wall time and peak memory of whole commands (needs /usr/bin/time)
bench: build
	$(GO) test ./internal/... -run '^$$' -bench . -skip '^BenchmarkFetch$$' -benchmem
	$(GO) test ./internal/github -run '^$$' -bench '^BenchmarkFetch$$' -benchtime 1x
	$(GO) test -c -o bin/validate.test ./internal/validate
	/usr/bin/time -f 'validate 1000 files: %e s wall, %M KiB peak' \
		bin/validate.test -test.run '^$$' -test.bench '^BenchmarkValidate1000Files$$' -test.benchtime 1x
	$(GO) run ./internal/demodata/gen -scale bin/scale
	/usr/bin/time -f 'check 100,000 issues, 20 objectives: %e s wall, %M KiB peak' \
		./$(BIN) check bin/scale/org.yaml --snapshot bin/scale/scale.json.gz -o json > /dev/null

clean:
	rm -rf bin

## golden: rewrite the golden files of output tests; review the diff before committing
golden:
	$(GO) test $$(grep -rl 'internal/golden"' --include='*_test.go' . | xargs -n1 dirname | sort -u) -update
