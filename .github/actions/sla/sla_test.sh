#!/usr/bin/env bash
# Tests of sla.sh's locate, download and run steps (make test-action),
# offline: a fake release and a fake repository of tags on file:// URLs
# stand for the GitHub server, and shell scripts stand for sla.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../../.." && pwd -P)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
server="$tmp/server"
passed=0 failed=0

fail() {
  echo "--- FAIL: $1" >&2
  failed=$((failed + 1))
}
pass() {
  echo "--- ok: $1"
  passed=$((passed + 1))
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# release TAG SAYS: publish a release TAG whose linux/amd64 sla prints SAYS
# for --version.
release() {
  local tag=$1 says=$2 dir="$server/sla-dev/sla/releases/download/$1" pkg="$tmp/pkg"
  local archive="sla_${tag#v}_linux_amd64.tar.gz"
  mkdir -p "$dir" "$pkg"
  printf '#!/bin/sh\necho "%s"\n' "$says" >"$pkg/sla"
  chmod +x "$pkg/sla"
  tar -czf "$dir/$archive" -C "$pkg" sla
  (cd "$dir" && sha256 "$archive" >checksums.txt)
}

# The repository's tags, as git ls-remote reads them: an untagged commit,
# and a commit with the annotated tag v1.2.3.
repo="$server/sla-dev/sla.git"
git init -q --bare "$repo"
git init -q "$tmp/clone"
commit() { git -C "$tmp/clone" -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m "$1"; }
commit released
git -C "$tmp/clone" -c user.name=t -c user.email=t@example.com tag -a -m v1.2.3 v1.2.3
tagged=$(git -C "$tmp/clone" rev-parse HEAD)
commit later
untagged=$(git -C "$tmp/clone" rev-parse HEAD)
git -C "$tmp/clone" push -q "$repo" HEAD:refs/heads/main v1.2.3

release v1.2.3 "sla v1.2.3"
release v1.3.0 "sla v1.3.0"
release v1.4.0 "sla v1.4.0"
echo "tampered" >>"$server/sla-dev/sla/releases/download/v1.3.0/sla_1.3.0_linux_amd64.tar.gz"
release v1.5.0 "sla v0.0.1"

# action DIR: a copy of the action checked out as the runner does, at DIR
# (…/_actions/OWNER/NAME/REF, or a workspace for a local action).
action() {
  mkdir -p "$1/.github/actions/sla"
  cp "$here/sla.sh" "$1/.github/actions/sla/"
  for f in go.mod go.sum cmd internal schema; do ln -s "$root/$f" "$1/$f"; done
}

# step NAME ARGS…: run sla.sh ARGS with the runner's environment of a Linux
# x64 runner; its outputs land in $out, its exit status in $code.
step() {
  local action_path=$1
  shift
  out="$tmp/output"
  : >"$out"
  code=0
  env GITHUB_ACTION_PATH="$action_path/.github/actions/sla" GITHUB_OUTPUT="$out" \
    GITHUB_SERVER_URL="file://$server" GITHUB_WORKSPACE="$tmp" RUNNER_TEMP="$tmp/runner" \
    RUNNER_OS=Linux RUNNER_ARCH=X64 "$@" bash "$action_path/.github/actions/sla/sla.sh" "${STEP:?}" \
    >"$tmp/log" 2>&1 || code=$?
}

output() { sed -n "s/^$1=//p" "$out"; }

mkdir -p "$tmp/runner"
actions="$tmp/runner/_actions/sla-dev/sla"
for ref in v1.2.3 "$tagged" "$untagged" main; do action "$actions/$ref"; done
action "$tmp/workspace"

# locate: which release, if any, each way of naming the action uses.
STEP=locate
for c in "v1.2.3:v1.2.3" "$tagged:v1.2.3" "$untagged:" "main:"; do
  ref=${c%%:*} want=${c#*:}
  step "$actions/$ref"
  if [ "$code" = 0 ] && [ "$(output release)" = "$want" ] && [ "$(output repository)" = sla-dev/sla ]; then
    pass "locate, the action named by $ref: release \"$want\""
  else
    fail "locate, the action named by $ref: exit $code, release \"$(output release)\", want \"$want\"; $(cat "$tmp/log")"
  fi
done
step "$tmp/workspace"
if [ "$code" = 0 ] && [ -z "$(output release)" ] && [ "$(output in-workspace)" = true ]; then
  pass "locate, a local action: built from source"
else
  fail "locate, a local action: exit $code, release \"$(output release)\"; $(cat "$tmp/log")"
fi
step "$tmp/workspace" SLA_ACTION_REPOSITORY=sla-dev/sla SLA_ACTION_REF=v1.2.3
if [ "$(output release)" = v1.2.3 ]; then
  pass "locate: github.action_ref decides where the path does not"
else
  fail "locate with SLA_ACTION_REF=v1.2.3: release \"$(output release)\"; $(cat "$tmp/log")"
fi

# download: a good release, a tampered one, one not published, one whose
# binary is another version.
STEP=download
bin="$tmp/runner/bin/sla"
dl() { step "$actions/v1.2.3" SLA_REPOSITORY=sla-dev/sla SLA_RELEASE="$1" SLA_BIN="$bin"; }

dl v1.2.3
if [ "$code" = 0 ] && [ "$(output downloaded)" = true ] && [ "$("$bin" --version)" = "sla v1.2.3" ]; then
  pass "download v1.2.3: checked against checksums.txt and unpacked"
else
  fail "download v1.2.3: exit $code, downloaded \"$(output downloaded)\"; $(cat "$tmp/log")"
fi
rm -f "$bin"
dl v1.3.0
if [ "$code" = 2 ] && [ ! -e "$bin" ] && grep -q "does not match its SHA-256" "$tmp/log"; then
  pass "download: an archive that does not match its checksum stops the job"
else
  fail "download of a tampered archive: exit $code, want 2 and no binary; $(cat "$tmp/log")"
fi
dl v9.9.9
if [ "$code" = 0 ] && [ "$(output downloaded)" = false ] && [ ! -e "$bin" ] && grep -q "building sla from source" "$tmp/log"; then
  pass "download: a release not published builds from source"
else
  fail "download of a missing release: exit $code, downloaded \"$(output downloaded)\"; $(cat "$tmp/log")"
fi
dl v1.5.0
if [ "$code" = 2 ] && [ ! -e "$bin" ] && grep -q 'says it is "sla v0.0.1"' "$tmp/log"; then
  pass "download: a binary that is another version is refused"
else
  fail "download of a mislabelled binary: exit $code; $(cat "$tmp/log")"
fi
step "$actions/v1.2.3" SLA_REPOSITORY=sla-dev/sla SLA_RELEASE=v1.2.3 SLA_BIN="$bin" RUNNER_ARCH=X86
if [ "$code" = 0 ] && [ "$(output downloaded)" = false ]; then
  pass "download: a runner without an archive builds from source"
else
  fail "download on an x86 runner: exit $code, downloaded \"$(output downloaded)\"; $(cat "$tmp/log")"
fi

# run: the command line each command gets from the inputs, as an sla that
# prints its arguments shows it.
STEP=run
printf '#!/bin/sh\necho "args: $*"\n' >"$tmp/echo-sla"
chmod +x "$tmp/echo-sla"
for c in "explain|agreements|acme/x#4 --snapshot s.json|args: explain acme/x#4 agreements --snapshot s.json" \
  "baseline|agreements|acme/x --weeks 4|args: baseline acme/x --weeks 4" \
  "baseline|agreements|acme/x --calendar berlin|args: baseline agreements acme/x --calendar berlin" \
  "baseline|agreements|acme/x --team=platform|args: baseline agreements acme/x --team=platform"; do
  IFS='|' read -r command paths args want <<<"$c"
  step "$tmp/workspace" SLA_BIN="$tmp/echo-sla" SLA_COMMAND="$command" SLA_PATHS="$paths" SLA_ARGS="$args"
  if [ "$code" = 0 ] && grep -qxF "$want" "$tmp/log"; then
    pass "run $command with paths \"$paths\" and args \"$args\": $want"
  else
    fail "run $command with paths \"$paths\" and args \"$args\": exit $code, want \"$want\"; $(cat "$tmp/log")"
  fi
done

echo "action: $passed passed, $failed failed"
[ "$failed" = 0 ]
