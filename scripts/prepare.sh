#!/usr/bin/env bash
# npm's prepare script: builds the bundle the package ships. npm runs it before `npm pack` and
# `npm publish`, in the clone it makes for `npm install <git URL>` (its only hook there), and after
# `npm ci` in a checkout. On a fresh clone, `npm pack` first installs Deno from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/deno ]; then
  # npm hands its own options (`npm pack --dry-run`, `--pack-destination …`) to the scripts it
  # runs as npm_config_* variables; this install is the clone's own.
  for variable in $(compgen -e | grep '^npm_config_' || true); do unset "$variable"; done
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
exec node_modules/.bin/deno run -A scripts/bundle.ts
