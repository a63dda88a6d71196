#!/bin/sh
# Run a script with Node >= 22.12, so `npm run build` and `npm test` work on a machine whose own Node
# is older: the npm scripts call this instead of `node`. The chosen Node is first on PATH for children.
set -eu
BIN="$(sh "$(dirname "$0")/ensure-node.sh")"
PATH="$BIN:$PATH"
export PATH
# npm may point nodedir at the system Node's headers; native addons must build against this one.
[ -d "$BIN/../include/node" ] && export npm_config_nodedir="$(cd "$BIN/.." && pwd)"
exec "$BIN/node" "$@"
