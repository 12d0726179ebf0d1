#!/usr/bin/env bash
# Installs what omero-sessions needs to build, test and run its local OMERO test server:
# npm packages (Deno included), the Debian packages of the test server, and PyYAML, which the
# tests use to parse the GitHub workflows. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(python3-zeroc-ice zeroc-glacier2 zeroc-ice-slice openssl python3 python3-yaml)
missing=()
command -v glacier2router >/dev/null 2>&1 || missing+=(zeroc-glacier2)
[ -d /usr/share/ice/slice/Glacier2 ] || missing+=(zeroc-ice-slice)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 -c 'import Ice' >/dev/null 2>&1 || missing+=(python3-zeroc-ice)
  /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
else
  missing+=(python3 python3-zeroc-ice python3-yaml)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${debs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${debs[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (${missing[*]}); run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${debs[*]}" >&2
    exit 1
  fi
fi

if [ ! -x node_modules/.bin/deno ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
