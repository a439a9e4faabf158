#!/bin/sh
# Measures ranking quality (nDCG@10, MAP) on the Reuters-21578 topics of the shared news corpus,
# next to SQLite FTS5's bm25 on the same judgements; see scripts/eval/relevance_score.py and
# scripts/eval/README.md.
#   scripts/eval/relevance.sh [--min FILE] [--json FILE] [--verbose] [--tune] [SCORER OPTION...]
# Builds Release first (scripts/build.sh) unless VIGIL_INDEX and VIGIL_SEARCH name the binaries to
# use as is. Data: ../shared, or VIGIL_SHARED_DIR; without it the script says so and exits 0.
# Exit codes: 0 ok (or skipped), 1 a figure below its --min floor, 2 bad usage, unreadable data or
# a failed build.
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}
corpus=$shared/data/news_corpus/articles.jsonl.gz
if [ ! -f "$corpus" ]; then
  echo "relevance.sh: skipped: '$corpus' not found (set VIGIL_SHARED_DIR)" >&2
  exit 0
fi
command -v python3 >/dev/null || { echo "relevance.sh: error: python3 missing" >&2; exit 2; }
if [ -z "${VIGIL_INDEX:-}" ] || [ -z "${VIGIL_SEARCH:-}" ]; then
  echo "relevance.sh: building (Release) ..." >&2
  log=$(mktemp)
  if ! sh scripts/build.sh >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "relevance.sh: error: build failed" >&2
    exit 2
  fi
  rm -f "$log"
fi
exec python3 -B scripts/eval/relevance_score.py --index "${VIGIL_INDEX:-build/indexer/vigil-index}" \
  --search "${VIGIL_SEARCH:-build/searcher/vigil-search}" --shared "$shared" "$@"
