#!/usr/bin/env bash
# npm's prepack (`npm pack`, `npm publish`, `npm install -g <git URL>`): builds the bundle the
# package ships, first installing Deno from npm when this is a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/deno ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
exec node_modules/.bin/deno run -A scripts/bundle.ts
