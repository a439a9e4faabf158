#!/bin/sh
# Scores entity recognition (vigil-index entities) on the shared gold data: the seed article;
# mentions (LOC, ORG) of the CoNLL-2003, MEANTIME and re3d development sets; document-level
# places and organisations of Reuters-21578, MEANTIME and re3d; see
# scripts/eval/entities_score.py and scripts/eval/README.md.
#   scripts/eval/entities.sh [--min FILE] [--json FILE] [--errors N]
# Builds Release first (scripts/build.sh) unless VIGIL_INDEX names a vigil-index to use as is.
# Data: ../shared, or VIGIL_SHARED_DIR. Exit codes: 0 ok, 1 a figure below its --min floor,
# 2 bad usage, missing data or a failed build.
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}
[ -f "$shared/eval/seed-article/gold.json" ] ||
  { echo "entities.sh: error: '$shared/eval/seed-article/gold.json' not found (set VIGIL_SHARED_DIR)" >&2; exit 2; }
if [ -z "${VIGIL_INDEX:-}" ]; then
  echo "entities.sh: building (Release) ..." >&2
  log=$(mktemp)
  if ! sh scripts/build.sh >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "entities.sh: error: build failed" >&2
    exit 2
  fi
  rm -f "$log"
fi
exec python3 -B scripts/eval/entities_score.py --index "${VIGIL_INDEX:-build/indexer/vigil-index}" \
  --shared "$shared" "$@"
