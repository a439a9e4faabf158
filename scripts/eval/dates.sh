#!/bin/sh
# Scores the date tagger (vigil::entities::find_time_expressions) on the TimeBank + AQUAINT gold
# time expressions of the shared data (TempEval-3 style), next to published systems.
#   scripts/eval/dates.sh [--speed] [SCORER OPTION...]   e.g. --min-relaxed-f1 0.88 --min-value 0.85
# Builds the driver vigil-dates-eval (Release) in build/, or in VIGIL_BUILD_DIR; VIGIL_DATES_EVAL
# names another binary and skips the build. Each document goes in with its creation date; our
# output is kept in <build>/eval/dates-ours.jsonl and scored by scripts/eval/dates_score.py,
# which gets the remaining arguments and whose exit code this script returns.
# --speed: first times the tagger on the bodies of the news corpus (news_corpus/articles.jsonl.gz)
# and prints milliseconds per 1,000 words.
# Data: ../shared, or VIGIL_SHARED_DIR. Exit codes: those of the scorer (0 ok, 1 below a floor,
# 2 bad usage or input); 2 also when the build or the driver fails.
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}
gold=$shared/data/temporal/tempeval3/tbaq_timexes.jsonl.gz
news=$shared/data/news_corpus/articles.jsonl.gz
speed=0
if [ "${1:-}" = "--speed" ]; then
  speed=1
  shift
fi
[ -e "$gold" ] || { echo "dates.sh: error: '$gold' not found (set VIGIL_SHARED_DIR)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "dates.sh: error: python3 missing" >&2; exit 2; }

build=${VIGIL_BUILD_DIR:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${VIGIL_DATES_EVAL:-}" ]; then
  echo "dates.sh: building vigil-dates-eval (Release) in $build ..." >&2
  if ! { cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
           -DVIGIL_SHARED_DIR="$shared" >"$work/build.log" 2>&1 &&
         cmake --build "$build" --target vigil-dates-eval >>"$work/build.log" 2>&1; }; then
    cat "$work/build.log" >&2
    echo "dates.sh: error: build failed" >&2
    exit 2
  fi
fi
driver=${VIGIL_DATES_EVAL:-$build/tests/eval/vigil-dates-eval}
out=$build/eval
mkdir -p "$out"

# {"id", "text", "dct"} per document, from the gold file (or the news corpus for --speed).
to_input() {  # to_input FILE TEXT_FIELD DATE_FIELD
  python3 -c '
import gzip, json, sys
path, text_key, date_key = sys.argv[1:4]
with gzip.open(path, "rt", encoding="utf-8") as f:
    for line in f:
        doc = json.loads(line)
        print(json.dumps({"id": doc["id"], "text": doc.get(text_key) or "", "dct": doc.get(date_key)}))
' "$1" "$2" "$3"
}

if [ "$speed" -eq 1 ]; then
  [ -e "$news" ] || { echo "dates.sh: error: '$news' not found" >&2; exit 2; }
  to_input "$news" body date >"$work/news.jsonl"
  echo "Speed on the news corpus (tagging only, one thread):"
  "$driver" --time <"$work/news.jsonl" 2>&1 >/dev/null | sed 's/^/  /'
  echo
fi

to_input "$gold" text dct >"$work/tbaq.jsonl"
if ! "$driver" <"$work/tbaq.jsonl" >"$out/dates-ours.jsonl"; then
  echo "dates.sh: error: $driver failed" >&2
  exit 2
fi
rc=0
python3 scripts/eval/dates_score.py --shared "$shared" --ours "$out/dates-ours.jsonl" "$@" || rc=$?
exit "$rc"
