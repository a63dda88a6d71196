#!/bin/sh
# npm run lint: Biome (rules, import cycles; extra arguments go to Biome, e.g. --diagnostic-level=error),
# then knip for unused files, exports, types and undeclared dependencies (knip.json).
set -e
biome lint . "$@"
knip --no-progress
