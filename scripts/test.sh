#!/usr/bin/env bash
# The test command of the README (`npm test`): installs what is missing, runs the whole suite and
# ends with one plain line `N passed, N failed` (deno's own summary is not recognised by CI).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
NO_COLOR=1 node_modules/.bin/deno test -A tests/ "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

summary=$(grep -E '^(ok|FAILED) \| ' "$log" | tail -n 1)
passed=$(sed -nE 's/.*\| ([0-9]+) passed.*/\1/p' <<<"$summary")
failed=$(sed -nE 's/.*\| ([0-9]+) failed.*/\1/p' <<<"$summary")
if [ -z "$summary" ]; then passed=0; failed=1; [ "$rc" -eq 0 ] && rc=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$rc"
