#!/bin/sh
# Times a file of queries against an index: median and p95 per query, in-process (the Searcher
# library: parse, match, snippets) and as a whole vigil-search process (start-up, open, render).
#   scripts/bench/query.sh [DB] [QUERIES] [REPEAT]
# Default DB: a fresh index of the shared news corpus (built here); QUERIES: scripts/bench/queries.txt.
set -eu
cd "$(dirname "$0")/../.."
queries=${2:-scripts/bench/queries.txt}
repeat=${3:-20}
sh scripts/build.sh >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${1:-}
if [ -z "$db" ]; then
  db="$work/index"
  build/indexer/vigil-index add -q --db "$db" "${VIGIL_SHARED_DIR:-../shared}/data/news_corpus/articles.jsonl.gz" 2>/dev/null
fi

build/tests/bench/vigil-query-bench --db "$db" --queries "$queries" --repeat "$repeat" >"$work/inproc"

# Whole process: fork + exec + open + search + render to /dev/null, timed per run in ms.
grep -v '^#' "$queries" | grep -v '^$' | while IFS= read -r query; do
  i=0
  : >"$work/one"
  while [ $i -lt "$repeat" ]; do
    start=$(date +%s%N)
    build/searcher/vigil-search --db "$db" --format json "$query" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000)) >>"$work/one"
    i=$((i + 1))
  done
  sort -n "$work/one" | awk -v q="$query" '{ v[NR] = $1 } END {
    m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.5)]; if (p == "") p = v[NR];
    printf "%.3f\t%.3f\t%s\n", m / 1000, p / 1000, q }'
  cat "$work/one" >>"$work/allproc"
done >"$work/proc"

printf "%-30s %12s %12s %12s %12s %8s\n" "query" "inproc med" "inproc p95" "process med" "process p95" "hits"
grep -v "	all$" "$work/inproc" | while IFS="	" read -r med p95 hits query; do
  line=$(grep -F "	$query" "$work/proc" | awk -F'\t' -v q="$query" '$3 == q { print $1, $2; exit }')
  set -- $line
  printf "%-30.30s %10.2fms %10.2fms %10.2fms %10.2fms %8s\n" "$query" "$med" "$p95" "$1" "$2" "$hits"
done
all_in=$(grep "	all$" "$work/inproc")
all_proc=$(sort -n "$work/allproc" | awk '{ v[NR] = $1 } END {
  printf "%.3f %.3f", v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.95 + 0.5)] / 1000 }')
set -- $all_in
in_med=$1
in_p95=$2
set -- $all_proc
printf "%-30s %10.2fms %10.2fms %10.2fms %10.2fms\n" "ALL ($repeat runs each)" "$in_med" "$in_p95" "$1" "$2"
