#!/usr/bin/env bash
# The steps of the sla action (action.yml), kept here rather than inline so
# that `make lint` checks them with shellcheck:
#
#   sla.sh locate   find sla's source (three folders above this one) and the
#                   path of its binary; say whether this job built it already
#   sla.sh build    build it (Go is set up by the step before)
#   sla.sh run      run `sla COMMAND PATHS ARGS` and set the exit-code output
#
# Inputs arrive as environment variables, never as text in a script.
set -euo pipefail

# digest prints a short hash of standard input.
digest() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -c1-16
}

locate() {
  local source workspace key dir exe in_workspace=false
  source=$(cd "$GITHUB_ACTION_PATH/../../.." && pwd -P)
  workspace=$(cd "${GITHUB_WORKSPACE:-.}" && pwd -P)
  case "$source/" in "$workspace"/*) in_workspace=true ;; esac
  # The binary is keyed by the source it is built from, so a job that uses
  # the action again reuses it, and a cache can keep it between runs.
  key=$(cd "$source" &&
    find go.mod go.sum cmd internal schema -type f ! -name '*_test.go' ! -path '*/testdata/*' -print0 |
    LC_ALL=C sort -z | xargs -0 cat | digest)
  dir="${RUNNER_TEMP:?}/sla-action/$key"
  exe=sla
  if [ "${RUNNER_OS:-}" = Windows ]; then exe=sla.exe; fi
  {
    echo "source=$source"
    echo "in-workspace=$in_workspace"
    echo "key=$key"
    echo "dir=$dir"
    echo "path=$dir/$exe"
    if [ -x "$dir/$exe" ]; then echo "built=true"; else echo "built=false"; fi
  } >>"$GITHUB_OUTPUT"
}

build() {
  : "${SLA_SOURCE:?}" "${SLA_BIN:?}"
  go version
  go build -C "$SLA_SOURCE" -trimpath -o "$SLA_BIN" ./cmd/sla
  "$SLA_BIN" --version
}

# GitHub shows at most 1 MiB of a step's summary.
summary_limit=$((1024 * 1024))

run() {
  : "${SLA_BIN:?}"
  local command=${SLA_COMMAND:-} summary=${SLA_SUMMARY:-false} output_file=${SLA_OUTPUT_FILE:-}
  if [ -z "$command" ]; then
    echo "::error title=sla action::the input command is empty: say validate, check, fetch, describe, diff, explain or codeowners"
    exit 2
  fi
  case "$summary" in
  true | false) ;;
  *)
    echo "::error title=sla action::the input summary must be true or false"
    exit 2
    ;;
  esac
  if [ -z "${GH_TOKEN:-}" ]; then
    unset GH_TOKEN # an empty secret: let sla look further, or read public data
  fi

  # Split paths and args on whitespace, without expanding globs or variables:
  # `--at 2026-11-27T09:00:00Z -o json` is four words. (No quoting: a word
  # cannot hold a space.)
  local -a paths=() args=() cmd=("$SLA_BIN" "$command")
  read -r -d '' -a paths <<<"${SLA_PATHS:-}" || true
  read -r -d '' -a args <<<"${SLA_ARGS:-}" || true
  case "$command" in
  diff | explain)
    # Their first argument (BASE, or OWNER/REPO#N) comes before the paths.
    if [ ${#args[@]} -gt 0 ]; then
      cmd+=("${args[0]}")
      args=("${args[@]:1}")
    fi
    ;;
  esac
  cmd+=(${paths[@]+"${paths[@]}"} ${args[@]+"${args[@]}"})

  local out code=0
  out=$(mktemp "${RUNNER_TEMP:-/tmp}/sla-output.XXXXXX")
  trap 'rm -f "$out"' EXIT
  echo "sla ${cmd[*]:1}" >&2
  "${cmd[@]}" >"$out" || code=$?
  echo "exit-code=$code" >>"$GITHUB_OUTPUT"

  local size
  size=$(($(wc -c <"$out")))
  if [ -n "$output_file" ]; then
    mkdir -p "$(dirname "$output_file")"
    cat "$out" >"$output_file"
    echo "sla: wrote the output ($size bytes) to $output_file" >&2
  elif [ "$command" = validate ]; then
    cat "$out" # with -o github, the annotations: workflow commands, escaped by sla
  else
    # Reports quote issue titles, which anyone can write: the runner must not
    # take a line of them for a workflow command.
    local stop
    stop=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    echo "::stop-commands::$stop"
    cat "$out"
    echo "::$stop::"
  fi
  if [ "$summary" = true ]; then
    local used=0
    if [ -f "$GITHUB_STEP_SUMMARY" ]; then used=$(($(wc -c <"$GITHUB_STEP_SUMMARY"))); fi
    if [ $((used + size)) -le "$summary_limit" ]; then
      cat "$out" >>"$GITHUB_STEP_SUMMARY"
    else
      echo "::warning title=sla action::the output ($size bytes) is too large for the step summary, which GitHub caps at 1 MiB"
      printf '%s\n' "The output of \`sla $command\` ($size bytes) is too large for a step summary (at most 1 MiB): see the job's log or its artifacts." >>"$GITHUB_STEP_SUMMARY"
    fi
  fi
  exit "$code"
}

case "${1:-}" in
locate) locate ;;
build) build ;;
run) run ;;
*)
  echo "usage: sla.sh locate|build|run" >&2
  exit 2
  ;;
esac
