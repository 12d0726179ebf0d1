#!/usr/bin/env bash
# First set-up command of the README: installs what is missing, then runs omero-sessions against
# the bundled local OMERO test server (started on free loopback ports, stopped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node_modules/.bin/deno run -A scripts/try.ts
