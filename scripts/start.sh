#!/usr/bin/env bash
# The README's first command: bring up the local WordPress and run the app's main job against it
# through Zapier's runtime (connect, poll, create, update), printed readably.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
scripts/wordpress.sh up
npm run --silent build
exec scripts/node22.sh scripts/main-job.js "$@"
