#!/usr/bin/env bash
# npm's prepare script: builds the bundle the package ships. npm runs it before `npm pack` and
# `npm publish`, in the clone it makes for `npm install <git URL>` (its only hook there), and after
# `npm ci` in a checkout. On a fresh clone, `npm pack` first installs Deno from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/deno ]; then
  # Not as part of a global install (npm passes --global on to the scripts it runs).
  npm_config_global=false npm ci --no-audit --no-fund --loglevel=error >&2
fi
exec node_modules/.bin/deno run -A scripts/bundle.ts
