#!/usr/bin/env bash
# npm's prepack script: builds the bundle the package ships, before `npm pack` and `npm publish`;
# on a fresh clone it first installs Deno from npm. (Not `prepare`: npm 11 flags a package with a
# prepare script at every install of its tarball; docs/distribution.md.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/deno ]; then
  # npm hands its own options (`npm pack --dry-run`, `--pack-destination …`) to the scripts it
  # runs as npm_config_* variables; this install is the clone's own.
  for variable in $(compgen -e | grep '^npm_config_' || true); do unset "$variable"; done
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
exec node_modules/.bin/deno run -A scripts/bundle.ts
