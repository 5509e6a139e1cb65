#!/usr/bin/env bash
# Builds build/build.zip (what Zapier runs) from a staging folder that holds only the compiled app
# and its production dependencies: building in the project folder would pull dev tools into the
# zip, and the CLI's own copy of the project (node_modules included) runs out of file handles.
#   scripts/build-zip.sh          build/build.zip and build/source.zip
#   scripts/build-zip.sh push     the same, then `zapier-platform push` of that build
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
npm run --silent build
stage=$(mktemp -d "${TMPDIR:-/tmp}/wpjz-build-XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -r dist package-lock.json .zapierapprc .gitignore "$stage/"
# The app's package.json without scripts (nothing left to compile) or dev dependencies.
node -e '
  const p = require("./package.json");
  delete p.scripts; delete p.devDependencies;
  require("fs").writeFileSync(process.argv[1], JSON.stringify(p, null, 2));
' "$stage/package.json"
(cd "$stage" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null)
if [ "${1:-}" = push ]; then
  (cd "$stage" && "$here/scripts/zapier.sh" push --skip-dep-install)
else
  (cd "$stage" && "$here/scripts/zapier.sh" build --skip-dep-install --skip-validation >/dev/null)
fi
mkdir -p build
cp "$stage/build/build.zip" "$stage/build/source.zip" build/
ls -l build/build.zip
