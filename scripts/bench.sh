#!/usr/bin/env bash
# `npm run bench`: the local WordPress, a fresh build and zip, then scripts/bench.js prints the
# figures the README reports (it adds 10 000 posts and users to `plain` for the scale rows, then
# removes them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
scripts/wordpress.sh up >/dev/null
npm run --silent build
scripts/build-zip.sh >/dev/null 2>&1 || echo "(the zip build failed: its size will be missing)" >&2
exec scripts/node22.sh scripts/bench.js "$@"
