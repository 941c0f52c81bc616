#!/usr/bin/env bash
# `npm test`: everything, in the order a failure is cheapest to find.
# Installs Debian's Chromium if it is missing and starts the local PostgreSQL if it is stopped;
# in CI (CI=true) either one missing is an error, never a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log" "$log.raw"' EXIT
passed=0
failed=0

step() {
  local name=$1; shift
  echo
  echo "=== $name: $*"
  "$@" 2>&1 | grep -v 'Unknown user config "nodedir"' | tee "$log.raw"
  local status=${PIPESTATUS[0]}
  sed 's/\x1b\[[0-9;]*m//g' "$log.raw" > "$log"
  # Count what the runners report (vitest: "Tests  N passed", playwright: "N passed").
  local p f
  p=$(grep -Eo '(Tests +)?[0-9]+ passed' "$log" | tail -1 | grep -Eo '[0-9]+' | tail -1)
  f=$(grep -Eo '[0-9]+ failed' "$log" | tail -1 | grep -Eo '[0-9]+')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$status" -ne 0 ]; then
    echo "=== $name FAILED (exit $status)"
    echo "npm test: $passed passed, $((failed > 0 ? failed : 1)) failed"
    exit "$status"
  fi
}

bash scripts/ensure-services.sh || exit 1

step typecheck npx tsc --noEmit
step lint npx eslint --max-warnings 0 .
step format npx prettier --check .
step unit npx vitest run --project unit
step content npx tsx scripts/content-check.ts
step database npx vitest run --project db
step build npx remix vite:build
# SIGKILL in the middle of writes, 10 times on each dialect (npm run crash-test: 100 each).
step crash node scripts/crash-test.mjs --runs 10
step browser npx playwright test

echo
echo "npm test: $passed passed, $failed failed"
