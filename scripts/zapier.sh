#!/usr/bin/env bash
# zapier-platform CLI under Node >= 22 (see node22.sh).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$here/scripts/node22.sh" "$here/node_modules/zapier-platform-cli/src/bin/run" "$@"
