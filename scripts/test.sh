#!/usr/bin/env bash
# The whole test suite, as the README promises and CI runs it: types, lint, the companion plugin's PHP
# checks, unit tests, the local WordPress,
# end-to-end tests against it (required: a WordPress that does not come up fails the run), and the
# Zapier CLI's own validation of the app definition.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -d node_modules ] || npm ci

echo "== types and lint"
npx tsc -p tsconfig.json --noEmit
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo "== companion WordPress plugin (php -l, phpcs, phpunit)"
scripts/plugin-checks.sh

echo "== WordPress bench"
scripts/wordpress.sh up

echo "== unit and end-to-end tests"
# One WordPress serves every e2e file: in band, so one file's posts never race another's polls.
scripts/node22.sh node_modules/jest/bin/jest.js --ci --runInBand "$@"

echo "== zapier-platform validate"
npm run --silent validate
