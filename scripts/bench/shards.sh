#!/bin/sh
# Benchmark of sharding on this machine: one index against three shards of the same corpus.
#   scripts/bench/shards.sh [--corpus FILE] [--work DIR] [--repeat N] [--keep]
# 1. Indexes the corpus (default: the shared news corpus, ../shared or $VIGIL_SHARED_DIR; only
#    read) into one index, then into shards with `vigil-index add --shard I/N`: N = 1 (the same
#    as the one index, for the overhead of reading every input), 2 and 3 indexers running at once.
#    Each run is measured with /usr/bin/time (wall, CPU, peak RSS); the speed-up is the one index's
#    wall time over the wall time of N indexers in parallel (every indexer reads every input and
#    extracts only its own, so inputs are parsed N times).
# 2. Serves the three shards with stock xapian-tcpsrv on 127.0.0.1 (ports chosen free).
# 3. Times scripts/bench/queries.txt in-process (vigil-query-bench: parse, match, exact facet
#    counts, snippets; --repeat runs per query, default 10) against: the one index; the three
#    shards read locally; the three shards remote (loopback); two remote and one local. Prints
#    median and p95 over every run of every query, and the hit totals' agreement.
# The work directory (--work DIR, else a temporary one removed at the end unless --keep) holds the
# indexes. Builds Release first. Not part of scripts/test.sh (minutes).
# Needs xapian-tools and /usr/bin/time (scripts/setup.sh installs them).
# Exit codes: 0 done; 1 the shards' hit totals differ from the one index's; 2 usage error; 3 a step
# failed (build, indexing, a server).
set -eu
cd "$(dirname "$0")/../.."
repo=$(pwd)
shared=${VIGIL_SHARED_DIR:-../shared}
corpus="$shared/data/news_corpus/articles.jsonl.gz"
work=
repeat=10
keep=false

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
}
usage_error() {
  echo "shards.sh: error: $1 (see --help)" >&2
  exit 2
}
fail() {
  echo "shards.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}
say() { echo "shards.sh: $*" >&2; }

while [ $# -gt 0 ]; do
  case $1 in
    --help | -h) usage ;;
    --corpus) [ $# -ge 2 ] || usage_error "--corpus needs a file"; corpus=$2; shift 2 ;;
    --work) [ $# -ge 2 ] || usage_error "--work needs a directory"; work=$2; shift 2 ;;
    --repeat) [ $# -ge 2 ] || usage_error "--repeat needs a number"; repeat=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
case $repeat in '' | *[!0-9]*) usage_error "--repeat takes a whole number" ;; esac
[ -f "$corpus" ] || fail "corpus '$corpus' not found" \
  "put the shared folder beside the repository, set VIGIL_SHARED_DIR or pass --corpus FILE"
command -v xapian-tcpsrv >/dev/null || fail "xapian-tcpsrv is missing" "run scripts/setup.sh"
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing" "run scripts/setup.sh"

sh scripts/build.sh >/dev/null || fail "the build failed" "run sh scripts/build.sh to see why"
index_bin="$repo/build/indexer/vigil-index"
bench_bin="$repo/build/tests/bench/vigil-query-bench"
[ -x "$bench_bin" ] || fail "vigil-query-bench was not built" "build with -DVIGIL_BUILD_TESTS=ON"

if [ -z "$work" ]; then
  work=$(mktemp -d)
  [ "$keep" = true ] || trap 'stop_servers; rm -rf "$work"' EXIT
else
  mkdir -p "$work"
  trap 'stop_servers' EXIT
fi
servers=
stop_servers() {
  for pid in $servers; do kill "$pid" 2>/dev/null || true; done
  servers=
}

# timed NAME COMMAND...: runs it under /usr/bin/time; appends "NAME wall cpu rss_mb" to W/runs.
timed() {
  name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 ||
    fail "$name failed" "see $work/$name.log"
  awk -v n="$name" '{ printf "%s %.1f %.1f %.0f\n", n, $1, $2 + $3, $4 / 1024 }' \
    "$work/$name.time" >>"$work/runs"
}

rm -f "$work/runs"
say "indexing $corpus into one index"
rm -rf "$work/one"
timed one "$index_bin" add --quiet --db "$work/one" "$corpus"
for n in 1 2 3; do
  say "indexing into $n shard(s), $n indexer(s) at once"
  i=1
  pids=
  start=$(date +%s.%N)
  while [ "$i" -le "$n" ]; do
    rm -rf "$work/s$n-$i"
    timed "shard$i-of-$n" "$index_bin" add --quiet --shard "$i/$n" --db "$work/s$n-$i" \
      "$corpus" &
    pids="$pids $!"
    i=$((i + 1))
  done
  for pid in $pids; do wait "$pid" || fail "a shard indexer failed" "see $work/*.log"; done
  end=$(date +%s.%N)
  echo "parallel-$n $(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" >>"$work/runs"
done

free_port() {  # a port nothing listens on now (the kernel's pick for an ephemeral bind)
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
listening() {
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
    "$1" 2>/dev/null
}
serve() {  # serve DB: starts xapian-tcpsrv, prints its port
  port=$(free_port)
  xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" >"$work/tcpsrv-$port.log" 2>&1 &
  servers="$servers $!"
  tries=0
  while ! listening "$port"; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || fail "xapian-tcpsrv did not start for '$1'" "see $work/tcpsrv-$port.log"
    sleep 0.05
  done
  echo "$port"
}
p1=$(serve "$work/s3-1")
p2=$(serve "$work/s3-2")
p3=$(serve "$work/s3-3")

queries=scripts/bench/queries.txt
query_times() {  # query_times NAME --db ...: vigil-query-bench's "all" line, hits per query kept
  name=$1
  shift
  "$bench_bin" "$@" --queries "$queries" --repeat "$repeat" >"$work/q-$name.txt" ||
    fail "vigil-query-bench failed for $name" "see $work/q-$name.txt"
}
say "timing $(grep -cv '^#\|^$' "$queries") queries x $repeat runs per setup"
query_times one --db "$work/one"
query_times local --db "$work/s3-1" --db "$work/s3-2" --db "$work/s3-3"
query_times remote --db "tcp:127.0.0.1:$p1" --db "tcp:127.0.0.1:$p2" --db "tcp:127.0.0.1:$p3"
query_times mixed --db "tcp:127.0.0.1:$p1" --db "tcp:127.0.0.1:$p2" --db "$work/s3-3"
stop_servers

same=0
for name in local remote mixed; do
  # Column 3 holds each query's total hits: every setup must find what the one index finds.
  cut -f3,6 "$work/q-one.txt" >"$work/h-one.txt"
  cut -f3,6 "$work/q-$name.txt" >"$work/h-$name.txt"
  if ! cmp -s "$work/h-one.txt" "$work/h-$name.txt"; then
    say "the hit totals of '$name' differ from the one index's (see $work/q-$name.txt)"
    same=1
  fi
done

docs=$(xapian-delve "$work/one" 2>/dev/null | awk '/number of documents/ { print $NF }')
echo
echo "Corpus: $corpus ($docs documents); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Indexing (wall s, CPU s, peak RSS MB):"
printf '  %-14s %8s %8s %8s\n' run wall cpu rss
grep -v '^parallel' "$work/runs" | while read -r name wall cpu rss; do
  printf '  %-14s %8s %8s %8s\n' "$name" "$wall" "$cpu" "$rss"
done
one_wall=$(awk '$1 == "one" { print $2 }' "$work/runs")
for n in 1 2 3; do
  wall=$(awk -v k="parallel-$n" '$1 == k { printf "%.1f", $2 }' "$work/runs")
  printf '  %d indexer(s) in parallel: %s s wall, speed-up %sx over one index\n' "$n" "$wall" \
    "$(awk -v a="$one_wall" -v b="$wall" 'BEGIN { printf "%.2f", a / b }')"
done
echo
echo "Queries, in-process, median and p95 over every run of every query (ms):"
printf '  %-36s %8s %8s\n' setup median p95
for name in one local remote mixed; do
  case $name in
    one) label="1 local index" ;;
    local) label="3 local shards" ;;
    remote) label="3 remote shards (loopback)" ;;
    mixed) label="2 remote + 1 local shard" ;;
  esac
  awk -F'\t' -v l="$label" '$6 == "all" { printf "  %-36s %8.2f %8.2f\n", l, $1, $2 }' \
    "$work/q-$name.txt"
done
[ "$same" -eq 0 ] && echo "  hit totals: the same in every setup" ||
  echo "  hit totals: DIFFER (see above)"
exit "$same"
