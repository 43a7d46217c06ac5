#!/usr/bin/env bash
# The steps of the sla action (action.yml), kept here rather than inline so
# that `make lint` checks them with shellcheck:
#
#   sla.sh locate    find sla's source (three folders above this one) and the
#                    path of its binary; say whether this job has it already,
#                    and which release to download when the action is a
#                    released version
#   sla.sh download  download that release's archive for this runner, check
#                    it against the release's checksums.txt, and unpack sla
#   sla.sh build     build it from source (Go is set up by the step before)
#   sla.sh run       run `sla COMMAND PATHS ARGS` and set the exit-code output
#
# Inputs arrive as environment variables, never as text in a script.
set -euo pipefail

# A release's tag: v1.2.3, v1.2.3-rc.1.
version_re='^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'

# Seconds that listing the action repository's tags may take.
tags_timeout=30

# sha256 prints the SHA-256 of standard input, or with -c checks the
# "digest  file" lines of standard input.
sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# digest prints a short hash of standard input.
digest() {
  sha256 | cut -c1-16
}

# action_origin prints the repository (owner/name) and the ref a workflow
# named this action by (uses: OWNER/NAME/.github/actions/sla@REF), or
# nothing for a local action (uses: ./.github/actions/sla). The runner
# checks the action out to .../_actions/OWNER/NAME/REF/.github/actions/sla;
# github.action_repository and github.action_ref, which the runner does not
# always set inside a composite action, are asked only when the path does
# not say.
action_origin() {
  local path=${GITHUB_ACTION_PATH:-} ref name owner
  path=${path%/}
  path=${path%/.github/actions/sla}
  case "$path" in
  */_actions/*/*/*)
    ref=${path##*/}
    path=${path%/*}
    name=${path##*/}
    path=${path%/*}
    owner=${path##*/}
    echo "$owner/$name $ref"
    ;;
  *)
    if [ -n "${SLA_ACTION_REPOSITORY:-}" ] && [ -n "${SLA_ACTION_REF:-}" ]; then
      echo "$SLA_ACTION_REPOSITORY $SLA_ACTION_REF"
    fi
    ;;
  esac
}

# release_tag prints the release whose binary this action uses: its ref
# when the action is named by a tag v*, the tag v* on its commit when it is
# named by a commit SHA (as docs/ci.md advises); nothing for a local action,
# a branch or a commit without a release tag, which build from source.
release_tag() {
  local repo="" ref="" tags
  read -r repo ref <<<"$(action_origin)" || true
  if [ -z "$repo" ] || [ -z "$ref" ]; then return 0; fi
  if [[ $ref =~ $version_re ]]; then
    echo "$ref"
    return 0
  fi
  if ! [[ $ref =~ ^[0-9a-f]{40}$ ]]; then return 0; fi
  if ! tags=$(bounded "$tags_timeout" git ls-remote --tags "${GITHUB_SERVER_URL:-https://github.com}/$repo.git" 'v*'); then
    echo "sla action: could not list the tags of $repo within ${tags_timeout} s: sla is built from source" >&2
    return 0
  fi
  # An annotated tag's commit is on its peeled line, refs/tags/v1.2.3^{}.
  awk -v sha="$ref" '$1 == sha { t = $2; sub(/^refs\/tags\//, "", t); sub(/\^\{\}$/, "", t); print t }' <<<"$tags" |
    grep -E "$version_re" | head -n 1 || true
}

# bounded runs a command for at most $1 seconds where timeout(1) exists;
# elsewhere (macOS) git still gives up on a transfer stalled that long.
bounded() {
  local seconds=$1
  shift
  if command -v timeout >/dev/null 2>&1; then
    GIT_TERMINAL_PROMPT=0 timeout "$seconds" "$@"
  else
    GIT_TERMINAL_PROMPT=0 GIT_HTTP_LOW_SPEED_LIMIT=1 GIT_HTTP_LOW_SPEED_TIME="$seconds" "$@"
  fi
}

locate() {
  local source workspace key dir exe in_workspace=false release
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
  release=$(release_tag)
  {
    echo "source=$source"
    echo "in-workspace=$in_workspace"
    echo "key=$key"
    echo "dir=$dir"
    echo "path=$dir/$exe"
    echo "repository=$(action_origin | cut -d' ' -f1)"
    echo "release=$release"
    if [ -x "$dir/$exe" ]; then echo "built=true"; else echo "built=false"; fi
  } >>"$GITHUB_OUTPUT"
}

# Seconds that downloading one file of a release may take.
download_timeout=120

# download fetches the archive of release SLA_RELEASE of SLA_REPOSITORY for
# this runner and its checksums.txt, checks the archive's SHA-256 and puts
# sla at SLA_BIN. A release that cannot be downloaded (not published yet, no
# archive for this runner) leaves downloaded=false, and the action builds
# from source; an archive that does not match its checksum stops the job.
download() {
  : "${SLA_RELEASE:?}" "${SLA_REPOSITORY:?}" "${SLA_BIN:?}"
  local os arch ext archive url exe sum version
  case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) os="" ;;
  esac
  case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) arch="" ;;
  esac
  if [ -z "$os" ] || [ -z "$arch" ]; then
    echo "sla action: sla $SLA_RELEASE has no archive for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?} runners: building it from source"
    echo "downloaded=false" >>"$GITHUB_OUTPUT"
    return 0
  fi
  ext=tar.gz
  if [ "$os" = windows ]; then ext=zip; fi
  archive="sla_${SLA_RELEASE#v}_${os}_${arch}.$ext"
  url="${GITHUB_SERVER_URL:-https://github.com}/$SLA_REPOSITORY/releases/download/$SLA_RELEASE"
  # Global, not local: the trap runs after download has returned.
  tmp=$(mktemp -d "${RUNNER_TEMP:-/tmp}/sla-download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "sla action: downloading $url/$archive"
  if ! fetch "$url/checksums.txt" "$tmp/checksums.txt" || ! fetch "$url/$archive" "$tmp/$archive"; then
    echo "::warning title=sla action::could not download $archive and checksums.txt of sla $SLA_RELEASE (each within ${download_timeout} s): building sla from source instead"
    echo "downloaded=false" >>"$GITHUB_OUTPUT"
    return 0
  fi
  sum=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 "  " f }' "$tmp/checksums.txt")
  if [ -z "$sum" ]; then
    echo "::error title=sla action::the checksums.txt of sla $SLA_RELEASE does not list $archive: not using it"
    exit 2
  fi
  if ! (cd "$tmp" && sha256 -c - <<<"$sum"); then
    echo "::error title=sla action::$archive does not match its SHA-256 in the checksums.txt of sla $SLA_RELEASE: not using it"
    exit 2
  fi
  exe=$(basename "$SLA_BIN")
  if [ "$ext" = zip ]; then
    unzip -q -o "$tmp/$archive" "$exe" -d "$tmp"
  else
    tar -xzf "$tmp/$archive" -C "$tmp" "$exe"
  fi
  mkdir -p "$(dirname "$SLA_BIN")"
  mv "$tmp/$exe" "$SLA_BIN"
  chmod +x "$SLA_BIN"
  version=$("$SLA_BIN" --version)
  if [ "$version" != "sla $SLA_RELEASE" ]; then
    rm -f "$SLA_BIN"
    echo "::error title=sla action::$archive of sla $SLA_RELEASE says it is \"$version\": not using it"
    exit 2
  fi
  echo "$version"
  echo "downloaded=true" >>"$GITHUB_OUTPUT"
}

# fetch downloads URL $1 to file $2, retrying briefly, within
# download_timeout seconds an attempt.
fetch() {
  curl -fsSL --proto-redir '=https' --retry 2 --connect-timeout 10 --max-time "$download_timeout" -o "$2" "$1"
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
    echo "::error title=sla action::the input command is empty: say validate, check, fetch, describe, diff, explain, due, report, codeowners or baseline"
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
  baseline)
    # Its repositories are in args; it reads agreement files only for a
    # calendar or a team of theirs, and refuses paths it would not read.
    local reads_files=false word
    for word in ${args[@]+"${args[@]}"}; do
      case "$word" in --calendar | --calendar=* | --team | --team=*) reads_files=true ;; esac
    done
    if [ "$reads_files" = false ]; then paths=(); fi
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
download) download ;;
build) build ;;
run) run ;;
*)
  echo "usage: sla.sh locate|download|build|run" >&2
  exit 2
  ;;
esac
