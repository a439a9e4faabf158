#!/bin/sh
# Times a file of queries against an index, facets on: median and p95 per query, in-process (the
# Searcher library: parse, match, exact facet counts, snippets) and as a whole vigil-search process
# (start-up, open, search, JSON rendering, which counts facets too).
#
#   scripts/bench/query.sh [DB] [QUERIES] [REPEAT]
#       One index, one line per query. Default DB: a fresh index of the shared news corpus (built
#       here, then deleted); QUERIES: scripts/bench/queries.txt; REPEAT (default 20) runs per query,
#       both in-process and per process.
#   scripts/bench/query.sh --sizes N[,N...] [--work DIR] [--corpus FILE] [--queries FILE]
#                          [--repeat N] [--process-repeat N] [--verbose]
#       Indexes at each size and prints one summary table: documents, index MB, in-process (wall
#       and CPU time) and whole-process median and p95 over every run of every query, the median per
#       query kind (the '# kind' groups of the query file) and the slowest queries at the largest
#       size. A size other than the corpus's own is made by scripts/bench/replicate.py (copies of
#       every article with distinct keys and lightly varied text). Indexes are kept in the work
#       directory (--work, else $VIGIL_BENCH_WORK, else build/bench-query) and reused while the
#       corpus, the size and the vigil-index binary are unchanged. --repeat (default 20) counts
#       in-process runs per query, --process-repeat (default 5) vigil-search runs per query;
#       --verbose adds one line per query and size.
#
# The target (issue: query latency) applies to the in-process numbers on 100,000 documents:
# median <= 5 ms and p95 <= 50 ms. Builds Release first. Not part of scripts/test.sh (minutes).
# Exit codes: 0 done, 2 usage error, 3 a step failed (build, replication, indexing, search).
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}

usage() {
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "query.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

# Reads numbers (one a line) on stdin; prints the nearest-rank percentiles P... (0..1) like
# tests/bench/percentile.h, scaled by SCALE.
percentiles() {  # percentiles SCALE P...
  scale=$1
  shift
  sort -n | awk -v scale="$scale" -v ps="$*" '{ v[NR] = $1 } END {
    n = split(ps, p, " ")
    for (i = 1; i <= n; ++i) {
      k = int(p[i] * (NR - 1) + 0.5) + 1
      printf "%s%.3f", (i > 1 ? " " : ""), (NR ? v[k] : 0) * scale
    }
    printf "\n" }'
}

# Non-comment, non-empty lines of the query file, in the order vigil-query-bench reads them.
query_lines() { grep -v '^#' "$1" | grep -v '^$' || true; }

# One "kind<TAB>query" line per query: the kind is the last '#' line above it ('-' if none).
query_kinds() {
  awk '/^#/ { kind = substr($0, 2); sub(/^ +/, "", kind); next }
       /^$/ { next }
       { printf "%s\t%s\n", (kind == "" ? "-" : kind), $0 }' "$1"
}

# Runs every query REPEAT times as a whole vigil-search process. Writes "median<TAB>p95" in ms per
# query (in file order) to OUT and every run's microseconds to OUT.runs.
process_times() {  # process_times DB QUERIES REPEAT OUT
  : >"$4.runs"
  query_lines "$2" | while IFS= read -r query; do
    i=0
    : >"$4.one"
    while [ "$i" -lt "$3" ]; do
      start=$(date +%s%N)
      build/searcher/vigil-search --db "$1" --format json "$query" </dev/null >/dev/null ||
        fail "vigil-search failed on query '$query'"
      end=$(date +%s%N)
      echo $(((end - start) / 1000)) >>"$4.one"
      i=$((i + 1))
    done
    percentiles 0.001 0.5 0.95 <"$4.one" | tr ' ' '\t'
    cat "$4.one" >>"$4.runs"
  done >"$4"
  rm -f "$4.one"
}

inproc_times() {  # inproc_times DB QUERIES REPEAT OUT: vigil-query-bench's lines
  build/tests/bench/vigil-query-bench --db "$1" --queries "$2" --repeat "$3" >"$4" ||
    fail "vigil-query-bench failed on '$1'"
}

single_index() {
  queries=${2:-scripts/bench/queries.txt}
  repeat=${3:-20}
  [ -r "$queries" ] || { echo "query.sh: error: no query file '$queries'" >&2; exit 2; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  db=${1:-}
  if [ -z "$db" ]; then
    db="$work/index"
    build/indexer/vigil-index add -q --db "$db" "$shared/data/news_corpus/articles.jsonl.gz" \
      2>/dev/null || [ $? -eq 1 ] || fail "indexing the shared news corpus failed"
  fi
  inproc_times "$db" "$queries" "$repeat" "$work/inproc"
  process_times "$db" "$queries" "$repeat" "$work/proc"

  printf "%-30s %12s %12s %12s %12s %12s %8s\n" "query" "inproc med" "inproc p95" "cpu med" \
    "process med" "process p95" "hits"
  grep -v "	all$" "$work/inproc" | paste - "$work/proc" |
    while IFS="	" read -r med p95 hits cpu_med _ query pmed pp95; do
      printf "%-30.30s %10.2fms %10.2fms %10.2fms %10.2fms %10.2fms %8s\n" "$query" "$med" "$p95" \
        "$cpu_med" "$pmed" "$pp95" "$hits"
    done
  # shellcheck disable=SC2046  # the fields become $1...
  set -- $(grep "	all$" "$work/inproc") $(percentiles 0.001 0.5 0.95 <"$work/proc.runs")
  printf "%-30s %10.2fms %10.2fms %10.2fms %10.2fms %10.2fms\n" "ALL ($repeat runs each)" "$1" \
    "$2" "$4" "$7" "$8"
}

# Builds (or reuses) the index of SIZE documents in $work/index-SIZE; sets db and docs.
index_at_size() {  # index_at_size SIZE
  db="$work/index-$1"
  key="corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus") $(wc -c <"$corpus") bytes"
  key="$key $(date -r "$corpus" +%s) size=$1 $(cksum <build/indexer/vigil-index)"
  if [ -d "$db" ] && [ -f "$db.stamp" ] && [ "$(head -1 "$db.stamp")" = "$key" ]; then
    docs=$(sed -n 2p "$db.stamp")
    echo "query.sh: reusing $db ($docs documents)" >&2
    return
  fi
  rm -rf "$db" "$db.stamp"
  echo "query.sh: building $db ($1 documents; minutes for 100,000)" >&2
  python3 scripts/bench/replicate.py "$corpus" "$work/corpus-$1.jsonl.gz" --docs "$1" ||
    fail "replicating '$corpus' to $1 documents failed"
  build/indexer/vigil-index add -q --db "$db" "$work/corpus-$1.jsonl.gz" 2>"$work/index-$1.log" ||
    [ $? -eq 1 ] || fail "indexing $1 documents failed (see $work/index-$1.log)"
  rm -f "$work/corpus-$1.jsonl.gz"
  docs=$(sed -n 's/.*; \([0-9]*\) documents in index.*/\1/p' "$work/index-$1.log" | tail -1)
  [ -n "$docs" ] || fail "vigil-index gave no summary line (see $work/index-$1.log)"
  printf "%s\n%s\n" "$key" "$docs" >"$db.stamp"
}

sizes_mode() {
  sizes=""
  work=${VIGIL_BENCH_WORK:-build/bench-query}
  corpus="$shared/data/news_corpus/articles.jsonl.gz"
  queries=scripts/bench/queries.txt
  repeat=20
  process_repeat=5
  verbose=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --sizes | --work | --corpus | --queries | --repeat | --process-repeat)
        [ $# -ge 2 ] || { echo "query.sh: error: $1 needs a value (see --help)" >&2; exit 2; }
        case "$1" in
          --sizes) sizes=$2 ;;
          --work) work=$2 ;;
          --corpus) corpus=$2 ;;
          --queries) queries=$2 ;;
          --repeat) repeat=$2 ;;
          --process-repeat) process_repeat=$2 ;;
        esac
        shift 2
        ;;
      --verbose) verbose=1; shift ;;
      --help | -h) usage ;;
      *) echo "query.sh: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
  done
  sizes=$(echo "$sizes" | tr ',' ' ')
  for n in $sizes "$repeat" "$process_repeat"; do
    case "$n" in
      '' | *[!0-9]* | 0) echo "query.sh: error: '$n' is not a positive count (see --help)" >&2; exit 2 ;;
    esac
  done
  [ -n "$sizes" ] || { echo "query.sh: error: --sizes needs a list such as 20253,100000" >&2; exit 2; }
  [ -r "$corpus" ] || fail "no corpus at '$corpus'" "set VIGIL_SHARED_DIR or pass --corpus FILE"
  [ -r "$queries" ] || { echo "query.sh: error: no query file '$queries'" >&2; exit 2; }
  mkdir -p "$work"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  query_kinds "$queries" >"$tmp/kinds"
  load_before=$(uptime | sed 's/.*load average: //')

  for size in $sizes; do
    index_at_size "$size"
    echo "query.sh: timing $(wc -l <"$tmp/kinds") queries on $docs documents" >&2
    inproc_times "$db" "$queries" "$repeat" "$tmp/inproc-$size"
    process_times "$db" "$queries" "$process_repeat" "$tmp/proc-$size"
    mb=$(du -sk "$db" | awk '{ printf "%.1f", $1 / 1024 }')
    # shellcheck disable=SC2046  # the fields become $1...
    set -- $(grep "	all$" "$tmp/inproc-$size") $(percentiles 0.001 0.5 0.95 <"$tmp/proc-$size.runs")
    echo "$size $docs $mb $1 $2 $4 $5 $7 $8" >>"$tmp/summary"
    # size, kind, in-process median, p95, hits, process median, p95, query, CPU median, p95
    grep -v "	all$" "$tmp/inproc-$size" | paste "$tmp/kinds" - "$tmp/proc-$size" |
      awk -F'\t' -v size="$size" -v OFS='\t' '{ print size, $1, $3, $4, $5, $9, $10, $2, $6, $7 }' \
      >>"$tmp/perquery"
  done

  echo "query benchmark: $(wc -l <"$tmp/kinds") queries from $queries, facets on; $repeat" \
    "in-process and $process_repeat vigil-search runs per query; load average $load_before" \
    "(before), $(uptime | sed 's/.*load average: //') (after)"
  echo "median and p95 over every run of every query, in ms; in-process wall time (the target's),"
  echo "in-process CPU time (the same runs, without a busy machine's waits), whole vigil-search runs"
  printf "%8s %8s %9s %11s %11s %11s %11s %12s %12s\n" "size" "docs" "index MB" "inproc med" \
    "inproc p95" "cpu med" "cpu p95" "process med" "process p95"
  awk '{ printf "%8s %8s %9s %11.2f %11.2f %11.2f %11.2f %12.2f %12.2f\n", $1, $2, $3, $4, $5, $6,
    $7, $8, $9 }' "$tmp/summary"
  echo "target (in-process, 100,000 documents): median <= 5 ms, p95 <= 50 ms"

  echo
  echo "in-process median by kind, in ms (median of the kind's per-query medians): wall, CPU"
  awk -F'\t' -v sizes="$sizes" '
    function median(key, field,    m, a, b, x) {
      m = n[key]
      for (a = 1; a <= m; ++a) v[a] = t[key, a, field] + 0
      for (a = 2; a <= m; ++a) for (b = a; b > 1 && v[b - 1] > v[b]; --b) { x = v[b]; v[b] = v[b - 1]; v[b - 1] = x }
      return m ? v[int((m - 1) * 0.5 + 0.5) + 1] : 0
    }
    { key = $2 SUBSEP $1; n[key]++; t[key, n[key], 3] = $3; t[key, n[key], 9] = $9
      if (!($2 in seen)) { seen[$2]; order[++kinds] = $2 }
      if ($1 == first_size || first_size == "") { first_size = $1; count[$2]++ } }
    END {
      ns = split(sizes, s, " ")
      printf "%-14s %7s", "kind", "queries"
      for (j = 1; j <= ns; ++j) printf " %8s %8s", s[j], "cpu"
      printf "\n"
      for (i = 1; i <= kinds; ++i) {
        printf "%-14s %7d", order[i], count[order[i]]
        for (j = 1; j <= ns; ++j) printf " %8.2f %8.2f", median(order[i] SUBSEP s[j], 3), median(order[i] SUBSEP s[j], 9)
        printf "\n"
      } }' "$tmp/perquery"

  largest=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)
  echo
  echo "slowest 10 queries at $largest documents (in-process median and p95, CPU median, ms; hits)"
  awk -F'\t' -v size="$largest" '$1 == size' "$tmp/perquery" | sort -t'	' -k3,3gr | head -10 |
    awk -F'\t' '{ printf "%9.2f %9.2f %9.2f %8s  %-14s %s\n", $3, $4, $9, $5, $2, $8 }'

  if [ "$verbose" -eq 1 ]; then
    echo
    echo "per query (ms): size, in-process median, p95 and CPU median, process median and p95," \
      "hits, kind, query"
    awk -F'\t' '{ printf "%8s %9.2f %9.2f %9.2f %9.2f %9.2f %8s  %-14s %s\n", $1, $3, $4, $9, $6,
      $7, $5, $2, $8 }' "$tmp/perquery"
  fi
}

case "${1:-}" in
  --help | -h) usage ;;
  --*) mode=sizes ;;
  *) mode=single ;;
esac
sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
if [ "$mode" = sizes ]; then
  sizes_mode "$@"
else
  single_index "$@"
fi
