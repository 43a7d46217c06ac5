# Two commands matter: `make demo` runs sla on the bundled example, and
# `make test` runs every check CI runs. The rest are for maintainers.
GO ?= go
BIN := bin/sla
FUZZTIME ?= 60s

.PHONY: all build demo demo-data test fmt-check vet tidy-check lint unit ci-local fuzz bench golden clean test-browser \
	test-action release-check release-snapshot release FORCE

all: build

build:
	$(GO) build -o $(BIN) ./cmd/sla

DEMO_SNAPSHOT := internal/demodata/example.json.gz
DEMO_AT := 2026-11-27T09:00:00Z

## demo: validate the example organisation in agreements/, then measure it against the example issue data,
## and count the votes of its check-ins, and recognise what went well
demo: build
	./$(BIN) validate agreements
	./$(BIN) check agreements --snapshot $(DEMO_SNAPSHOT) --at $(DEMO_AT)
	./$(BIN) checkin results agreements --snapshot $(DEMO_SNAPSHOT) --at $(DEMO_AT)
	./$(BIN) kudos agreements --snapshot $(DEMO_SNAPSHOT) --at $(DEMO_AT)

## demo-data: regenerate the example issue data (deterministic)
demo-data:
	$(GO) run ./internal/demodata/gen agreements $(DEMO_SNAPSHOT)

## test: formatting, vet, a tidy go.mod, lint, and every test (with the fuzz seeds) under the race detector
test: fmt-check vet tidy-check lint unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## tidy-check: go.mod and go.sum are as go mod tidy writes them
tidy-check:
	@$(GO) mod tidy -diff || { echo 'go.mod or go.sum is not tidy: run go mod tidy and commit the result'; exit 1; }

## lint: actionlint over the workflows and the workflows of docs/ci.md (with shellcheck on
## their scripts when it is installed), and shellcheck over the action's script. actionlint
## is pinned here and built by the Go toolchain: it is not a dependency of the module.
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
lint:
	@rm -rf bin/lint && mkdir -p bin/lint
	@awk '/^```yaml/ { n++; f = sprintf("bin/lint/ci-md-%02d.yml", n); next } /^```/ { f = ""; next } f != "" { print > f }' docs/ci.md
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml $$(grep -l '^jobs:' bin/lint/*.yml 2>/dev/null)
	@if command -v shellcheck >/dev/null 2>&1; then \
		echo "shellcheck .github/actions/sla/*.sh"; shellcheck .github/actions/sla/*.sh; \
	else \
		echo "lint: shellcheck is not installed: the shell of the workflows and of .github/actions/sla was not checked"; \
	fi

unit:
	$(GO) test -race -count=1 ./...

## test-action: the action's download of a released sla (checked against the release's
## checksums.txt) and its choice between that and a build from source, offline on file:// URLs
test-action:
	bash .github/actions/sla/sla_test.sh

## test-browser: headless Chromium loads the example `sla report` page: every chart drawn at a real
## size, no error, a screenshot in colour, a PDF when printed (needs the Debian package chromium,
## or CHROMIUM=path). `make test-browser SCREENSHOT=docs/report.png` also rewrites the README's picture.
test-browser:
	$(GO) test -tags browser -count=1 -run '^TestBrowser' ./internal/report $(if $(SCREENSHOT),-args -screenshot=$(abspath $(SCREENSHOT)))

## ci-local: run the commands of the workflows here, in order, against a fake GitHub on loopback
## serving the example data: validate, diff HEAD~1, describe, fetch (--update when bin/ci has a
## snapshot, as compliance.yml restores one), check. The step summary is bin/ci/step-summary.md.
CI_DIR := bin/ci
CI_TOKEN := ci-local-token
ci-local: export GITHUB_STEP_SUMMARY := $(abspath $(CI_DIR)/step-summary.md)
ci-local: build
	@mkdir -p $(CI_DIR) && : > $(CI_DIR)/step-summary.md
	$(GO) build -o $(CI_DIR)/fakegithub ./internal/github/githubtest/serve
	@echo '--- agreements-pr.yml: validate, diff, describe'
	./$(BIN) validate -o github agreements
	@if ! command -v jq >/dev/null 2>&1; then \
		echo 'ci-local: jq is not installed: sla diff and describe skipped (the workflow has jq)'; \
	elif git rev-parse -q --verify 'HEAD~1^{commit}' >/dev/null; then \
		echo './$(BIN) diff HEAD~1 agreements -o markdown >> "$$GITHUB_STEP_SUMMARY"'; \
		./$(BIN) diff HEAD~1 agreements -o markdown >> "$$GITHUB_STEP_SUMMARY" && \
		./$(BIN) diff HEAD~1 agreements -o json \
			| jq -r '[.changes[] | select(.kind != "agreement-removed") | .agreement] | unique | .[]' \
			| while read -r name; do \
				echo "./$(BIN) describe agreements --agreement $$name >> \"\$$GITHUB_STEP_SUMMARY\""; \
				./$(BIN) describe agreements --agreement "$$name" >> "$$GITHUB_STEP_SUMMARY" || exit 1; \
			done; \
	else \
		echo 'ci-local: no HEAD~1 (a repository with one commit, or a shallow clone): sla diff and describe skipped'; \
	fi
	@echo '--- compliance.yml: fetch from the fake GitHub, then check'
	@set -e; rm -f $(CI_DIR)/github-url; \
	$(CI_DIR)/fakegithub -token $(CI_TOKEN) -url-file $(CI_DIR)/github-url & fake=$$!; \
	trap 'kill $$fake 2>/dev/null; wait $$fake 2>/dev/null || true' EXIT; \
	for i in $$(seq 100); do [ -s $(CI_DIR)/github-url ] && break; sleep 0.1; done; \
	[ -s $(CI_DIR)/github-url ] || { echo 'ci-local: the fake GitHub did not start' >&2; exit 1; }; \
	url=$$(cat $(CI_DIR)/github-url); \
	if [ -f $(CI_DIR)/issues.json.gz ]; then fetch="--update $(CI_DIR)/issues.json.gz"; \
	else fetch="--out $(CI_DIR)/issues.json.gz"; fi; \
	echo "GH_TOKEN=… ./$(BIN) fetch agreements --github-url $$url $$fetch"; \
	GH_TOKEN=$(CI_TOKEN) ./$(BIN) fetch agreements --github-url "$$url" $$fetch
	@echo >> "$$GITHUB_STEP_SUMMARY" # a step of its own in the workflow
	./$(BIN) check agreements --snapshot $(CI_DIR)/issues.json.gz -o markdown >> "$$GITHUB_STEP_SUMMARY"
	./$(BIN) check agreements --snapshot $(CI_DIR)/issues.json.gz -o json > $(CI_DIR)/compliance.json
	@echo "ci-local: passed; the step summary is $(CI_DIR)/step-summary.md ($$(wc -c < $(CI_DIR)/step-summary.md) bytes), the JSON report $(CI_DIR)/compliance.json"

## fuzz: run each fuzz target for FUZZTIME (default 60s); FuzzDifferential compares sla check with
## internal/oracle on the history generated from each seed it tries
fuzz:
	$(GO) test ./internal/agreement -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/agreement -run '^$$' -fuzz '^FuzzDuration$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/calendar -run '^$$' -fuzz '^FuzzParseRange$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/snapshot -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/snapshot -run '^$$' -fuzz '^FuzzDecoders$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/snapshot -run '^$$' -fuzz '^FuzzParts$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/codeowners -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/codeowners -run '^$$' -fuzz '^FuzzEntryRoundTrip$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cli -run '^$$' -fuzz '^FuzzParseIssueRef$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cli -run '^$$' -fuzz '^FuzzParseShard$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cli -run '^$$' -fuzz '^FuzzParseAt$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cli -run '^$$' -fuzz '^FuzzParseSince$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/compliance -run '^$$' -fuzz '^FuzzDifferential$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/text -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/report -run '^$$' -fuzz '^FuzzIndent$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/report -run '^$$' -fuzz '^FuzzJSONString$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/github -run '^$$' -fuzz '^FuzzNextLink$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/text -run '^$$' -fuzz '^FuzzMarkdown$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/checkinmark -run '^$$' -fuzz '^FuzzMarkers$$' -fuzztime $(FUZZTIME)

## bench: benchmarks, then the wall time, CPU time and peak memory of whole commands (needs
## /usr/bin/time): sla validate on 1,000 files, the floor of sla check (reading the snapshot
## alone) and sla check, 5 runs of each alternated, with their medians, on 100,000 issues,
## 400,000 comments and 200,000 events; with
## BENCH_1M=1, the same at a million issues too (generating them takes about half a minute).
## docs/performance.md says what the figures were and how to compare two builds.
TIME := /usr/bin/time -f '%e s wall, %U s user, %S s system, %M KiB peak'
bench: build
	$(GO) test ./internal/... -run '^$$' -bench . -skip '^BenchmarkFetch$$' -benchmem
	$(GO) test ./internal/github -run '^$$' -bench '^BenchmarkFetch$$' -benchtime 1x
	$(GO) run ./internal/demodata/gen -files bin/bench/files -n 1000
	@echo 'sla validate, 1,000 files:'
	@$(TIME) ./$(BIN) validate bin/bench/files > /dev/null
	$(GO) test -c -o bin/bench/snapshot.test ./internal/snapshot
	@for n in 100000 $(if $(BENCH_1M),1000000); do \
		$(GO) run ./internal/demodata/gen -scale bin/bench/scale-$$n -issues $$n || exit 1; \
		rm -f bin/bench/floor.time bin/bench/check.time; \
		for i in 1 2 3 4 5; do \
			$(TIME) -a -o bin/bench/floor.time bin/bench/snapshot.test -test.run '^$$' -test.bench '^BenchmarkReadFile$$' \
				-test.benchtime 1x -snapshot bin/bench/scale-$$n/scale.json.gz > /dev/null || exit 1; \
			$(TIME) -a -o bin/bench/check.time ./$(BIN) check bin/bench/scale-$$n/org.yaml \
				--snapshot bin/bench/scale-$$n/scale.json.gz -o json > /dev/null || exit 1; \
		done; \
		echo "floor: reading the snapshot of $$n issues alone, 5 runs:"; cat bin/bench/floor.time; \
		echo "sla check, $$n issues, 20 objectives, 5 runs alternated with the floor's:"; cat bin/bench/check.time; \
		floor=$$(sort -n bin/bench/floor.time | sed -n 3p | cut -d' ' -f1); \
		check=$$(sort -n bin/bench/check.time | sed -n 3p | cut -d' ' -f1); \
		awk -v f=$$floor -v c=$$check 'BEGIN { printf "median wall: the check %.2f s, its floor %.2f s: %.2f times (target: 1.3 at most)\n", c, f, c / f }'; \
	done

clean:
	rm -rf bin dist

## release-check: GoReleaser checks .goreleaser.yaml. release-snapshot: it builds every archive
## (linux, darwin, windows × amd64, arm64) and checksums.txt into dist/, publishing nothing.
## release: it publishes the tag at HEAD (the release workflow runs it, with GITHUB_TOKEN).
## GoReleaser is pinned in tools/goreleaser, a module of its own, so its dependencies never
## enter sla's; its first build takes minutes, later ones come from Go's build cache.
GORELEASER := bin/goreleaser
$(GORELEASER): FORCE
	$(GO) -C tools/goreleaser build -o $(abspath $(GORELEASER)) github.com/goreleaser/goreleaser/v2

release-check: $(GORELEASER)
	./$(GORELEASER) check

release-snapshot: $(GORELEASER)
	./$(GORELEASER) release --snapshot --clean

release: $(GORELEASER)
	./$(GORELEASER) release --clean

FORCE:

## golden: rewrite the golden files of output tests (SLA_UPDATE_GOLDEN=1, which
## internal/golden reads); review the diff before committing
golden:
	SLA_UPDATE_GOLDEN=1 $(GO) test -count=1 ./...
