#!/bin/sh
# Scale run: how indexing time, index size, peak memory and query latency grow with the corpus.
#   scripts/bench/scale.sh [--sizes N[,N...]] [--work DIR] [--corpus FILE] [--queries FILE]
#                          [--repeat N] [--process-repeat N] [--interval SECONDS] [--keep]
#                          [--clean] [--fresh]
# For each size (--sizes, default 10000,100000,1000000): scripts/bench/replicate.py writes a
# corpus of that many documents from --corpus (default: the shared news corpus, ../shared or
# $VIGIL_SHARED_DIR; copies of every article with distinct keys and lightly varied text, gzip
# level 1), `vigil-index add -q` indexes it into a new index under /usr/bin/time (wall, user and
# system time, peak RSS) while the indexer's VmRSS is sampled every --interval (default 1)
# seconds, then the queries of --queries (default scripts/bench/queries.txt; facets on) are timed
# in-process (vigil-query-bench, --repeat runs per query, default 5) and as whole vigil-search
# CGI processes answering format=json (scripts/bench/cgi_process.py, --process-repeat runs per
# query, default 3). Prints one table (index wall and CPU seconds, docs/s, peak RSS, index size
# and bytes per document, median and p95 over every run of every query), the RSS at 25, 50, 75 and
# 100% of each indexing run, the ratio of peak RSS at the largest size to the smallest, and PASS or
# FAIL for the target "peak RSS while indexing 1,000,000 documents <= 1 GiB" at the largest size.
# Work directory: --work, else $VIGIL_BENCH_WORK, else build/bench-scale. Each index is kept there
# (index-N, with its indexing measurements in index-N.stamp, .time and .rss) and reused, with
# those measurements, while the corpus, replicate.py, the size and the vigil-index binary are
# unchanged; --fresh rebuilds it anyway. A generated corpus (corpus-N.jsonl.gz) is deleted once
# indexed unless --keep, which keeps it for reuse under the same conditions (without the binary).
# --clean deletes this run's corpora and indexes from the work directory at the end.
# Binaries: built in Release first (scripts/build.sh) into build/, unless VIGIL_BUILD names a
# build directory to use as it is (vigil-index, vigil-search and vigil-query-bench from it).
# About 6 minutes for 100,000 documents on 2 cores; an hour or more for 1,000,000 (about 50 copies:
# some 0.6 GB of corpus, 7 GB of index). Not part of scripts/test.sh. Needs /usr/bin/time
# (scripts/setup.sh) and Linux /proc.
# Exit codes: 0 done (a FAIL is printed, not an exit code), 2 usage error, 3 a step failed (build,
# replication, indexing, search).
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

usage_error() {
  echo "scale.sh: error: $1 (see --help)" >&2
  exit 2
}

fail() {
  echo "scale.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

say() { echo "scale.sh: $*" >&2; }

absolute() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }

# Waits up to a minute for an executable that is briefly missing (being relinked).
need_binary() {  # need_binary PATH
  i=0
  while [ ! -x "$1" ]; do
    [ "$i" -lt 30 ] || fail "no binary at '$1'" \
      "run sh scripts/build.sh, or set VIGIL_BUILD to a build directory holding it"
    [ "$i" -gt 0 ] || say "waiting for $1"
    sleep 2
    i=$((i + 1))
  done
}

# Writes "MILLISECONDS RSS_KIB" lines to OUT, one every $interval seconds, while process PID lives.
sample_rss() {  # sample_rss PID OUT
  start=$(date +%s%N)
  while [ -r "/proc/$1/status" ]; do
    rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$1/status" 2>/dev/null || true)
    [ -z "$rss" ] || echo "$((($(date +%s%N) - start) / 1000000)) $rss"
    sleep "$interval"
  done >"$2"
}

# The pid of the only child of PID (the indexer under /usr/bin/time), once it has started.
child_of() {  # child_of PID
  i=0
  while [ "$i" -lt 200 ]; do
    child=$(cat "/proc/$1/task/$1/children" 2>/dev/null || true)
    child=${child%% *}
    if [ -n "$child" ]; then
      echo "$child"
      return
    fi
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.05
    i=$((i + 1))
  done
}

# Makes (or reuses, with --keep) corpus-SIZE.jsonl.gz in the work directory.
corpus_at_size() {  # corpus_at_size SIZE; sets generated
  generated="$work/corpus-$1.jsonl.gz"
  ckey="$corpus_key size=$1"
  if [ -f "$generated" ] && [ -f "$generated.stamp" ] && [ "$(cat "$generated.stamp")" = "$ckey" ]
  then
    say "reusing $generated"
    return
  fi
  rm -f "$generated" "$generated.stamp"
  say "replicating the corpus to $1 documents"
  start=$(date +%s%N)
  python3 -B scripts/bench/replicate.py "$corpus" "$generated" --docs "$1" ||
    fail "replicating '$corpus' to $1 documents failed"
  end=$(date +%s%N)
  say "wrote $generated: $(du -m "$generated" | cut -f1) MiB in" \
    "$(awk -v t=$((end - start)) 'BEGIN { printf "%.1f", t / 1e9 }') s"
  echo "$ckey" >"$generated.stamp"
}

# Builds (or reuses) the index of SIZE documents in $work/index-SIZE with its measurements:
# index-SIZE.time ("peak_kib wall user system"), .rss (the samples), .stamp (key, documents).
index_at_size() {  # index_at_size SIZE; sets db and docs
  db="$work/index-$1"
  key="$corpus_key size=$1 $(cksum <"$indexer")"
  if [ "$fresh" = false ] && [ -d "$db" ] && [ -f "$db.stamp" ] && [ -s "$db.time" ] &&
    [ "$(head -1 "$db.stamp")" = "$key" ]; then
    docs=$(sed -n 2p "$db.stamp")
    say "reusing $db ($docs documents) and its indexing measurements"
    return
  fi
  rm -rf "$db" "$db.stamp" "$db.time" "$db.rss" "$db.log"
  corpus_at_size "$1"
  say "indexing $1 documents into $db"
  /usr/bin/time -f '%M %e %U %S' -o "$db.time" "$indexer" add -q --db "$db" "$generated" \
    2>"$db.log" &
  timer=$!
  pid=$(child_of "$timer")
  sampler=""
  if [ -n "$pid" ]; then
    sample_rss "$pid" "$db.rss" &
    sampler=$!
  fi
  status=0
  wait "$timer" || status=$?
  [ -z "$sampler" ] || wait "$sampler" || true
  [ "$status" -eq 0 ] || [ "$status" -eq 1 ] ||
    fail "indexing $1 documents failed (exit code $status; see $db.log)"
  [ -f "$db.rss" ] || : >"$db.rss"
  [ "$keep" = true ] || rm -f "$generated" "$generated.stamp"
  docs=$(sed -n 's/.*; \([0-9]*\) documents in index.*/\1/p' "$db.log" | tail -1)
  [ -n "$docs" ] || fail "vigil-index gave no summary line (see $db.log)"
  printf "%s\n%s\n" "$key" "$docs" >"$db.stamp"
}

# Times the queries on index DB; appends "inproc_med inproc_p95 proc_med proc_p95" to OUT.
time_queries() {  # time_queries DB OUT
  out=$2
  say "timing $(grep -v '^#' "$queries" | grep -c -v '^$') queries on $docs documents" \
    "($repeat in-process and $process_repeat whole-process runs each)"
  "$bench" --db "$1" --queries "$queries" --repeat "$repeat" >"$tmp/inproc" ||
    fail "vigil-query-bench failed on '$1'"
  echo "db = $(absolute "$1")" >"$tmp/search.conf"
  python3 -B scripts/bench/cgi_process.py "$search" "$tmp/search.conf" "$queries" \
    "$process_repeat" format=json >"$tmp/proc" || fail "timing vigil-search processes failed"
  errors=$(sed -n 's/^errors //p' "$tmp/proc")
  [ "$errors" = 0 ] || fail "vigil-search failed $errors times on '$1'; first: $(sed -n \
    's/^first_error //p' "$tmp/proc")"
  # shellcheck disable=SC2046  # the fields become $1...
  set -- $(grep "	all$" "$tmp/inproc")
  echo "$1 $2 $(sed -n 's/^wall_median_ms //p' "$tmp/proc") $(sed -n 's/^wall_p95_ms //p' \
    "$tmp/proc")" >>"$out"
}

sizes=10000,100000,1000000
work=${VIGIL_BENCH_WORK:-build/bench-scale}
corpus="$shared/data/news_corpus/articles.jsonl.gz"
queries=scripts/bench/queries.txt
repeat=5
process_repeat=3
interval=1
keep=false
clean=false
fresh=false
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes | --work | --corpus | --queries | --repeat | --process-repeat | --interval)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --sizes) sizes=$2 ;;
        --work) work=$2 ;;
        --corpus) corpus=$2 ;;
        --queries) queries=$2 ;;
        --repeat) repeat=$2 ;;
        --process-repeat) process_repeat=$2 ;;
        --interval) interval=$2 ;;
      esac
      shift 2
      ;;
    --keep) keep=true; shift ;;
    --clean) clean=true; shift ;;
    --fresh) fresh=true; shift ;;
    --help | -h) usage ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
sizes=$(echo "$sizes" | tr ',' ' ')
[ -n "$sizes" ] || usage_error "--sizes needs a list such as 10000,100000"
for n in $sizes "$repeat" "$process_repeat"; do
  case "$n" in
    '' | *[!0-9]* | 0*) usage_error "'$n' is not a positive count" ;;
  esac
done
case "$interval" in
  '' | *[!0-9.]* | *.*.* | .) usage_error "--interval takes seconds such as 1 or 0.5" ;;
esac
awk -v s="$interval" 'BEGIN { exit !(s > 0) }' || usage_error "--interval must be above 0"
[ -r "$queries" ] || usage_error "no query file '$queries'"
[ -r "$corpus" ] || fail "no corpus at '$corpus'" "set VIGIL_SHARED_DIR or pass --corpus FILE"
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing" "run sh scripts/setup.sh"
[ -r /proc/self/status ] || fail "no /proc to sample memory from" "run on Linux"

if [ -n "${VIGIL_BUILD:-}" ]; then
  build=$VIGIL_BUILD
else
  sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
  build=build
fi
indexer="$build/indexer/vigil-index"
search="$build/searcher/vigil-search"
bench="$build/tests/bench/vigil-query-bench"
for binary in "$indexer" "$search" "$bench"; do need_binary "$binary"; done
search=$(absolute "$search")

mkdir -p "$work" || fail "cannot create the work directory '$work'"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus_key="corpus=$(absolute "$corpus") $(wc -c <"$corpus") bytes $(date -r "$corpus" +%s)"
corpus_key="$corpus_key replicate=$(cksum <scripts/bench/replicate.py | cut -d' ' -f1)"
load_before=$(uptime | sed 's/.*load average: //')

for size in $sizes; do
  index_at_size "$size"
  time_queries "$db" "$tmp/queries-$size"
  bytes=$(du -sb "$db" | cut -f1)
  # The last line: /usr/bin/time puts "Command exited with non-zero status 1" first for an exit 1.
  read -r peak wall user system <<EOF
$(tail -n 1 "$db.time")
EOF
  read -r inproc_med inproc_p95 proc_med proc_p95 <"$tmp/queries-$size"
  echo "$size $docs $wall $user $system $peak $bytes $inproc_med $inproc_p95 $proc_med $proc_p95" \
    >>"$tmp/summary"
  # RSS at 25, 50, 75 and 100% of the run: the last sample at or before that share of its time.
  awk -v size="$size" -v peak="$peak" '{ t[NR] = $1; r[NR] = $2; if ($2 > max) max = $2 }
    END {
      printf "%8s  peak %7.1f MiB (sampled %.1f);", size, peak / 1024, max / 1024
      for (q = 1; q <= 4; ++q) {
        k = 0
        for (i = 1; i <= NR; ++i) if (t[i] <= t[NR] * q / 4) k = i
        printf " %d%% %s", q * 25, (k ? sprintf("%.1f", r[k] / 1024) : "-")
      }
      printf "  (%d samples over %.1f s)\n", NR, t[NR] / 1000 }' "$db.rss" >>"$tmp/rss"
done

echo "scale run: $(grep -v '^#' "$queries" | grep -c -v '^$') queries from $queries, facets on;" \
  "$repeat in-process and $process_repeat vigil-search (CGI, JSON) runs per query; load average" \
  "$load_before (before), $(uptime | sed 's/.*load average: //') (after)"
echo "indexing: vigil-index add -q into a new index (CPU = user + system); queries: median and p95"
echo "over every run of every query, in ms, in-process (vigil-query-bench) and whole process"
printf "%8s %8s %8s %8s %7s %8s %9s %9s %8s %8s %8s %8s\n" "size" "docs" "wall s" "CPU s" \
  "docs/s" "peak MiB" "index MiB" "bytes/doc" "in med" "in p95" "proc med" "proc p95"
awk '{ printf "%8s %8s %8.1f %8.1f %7.0f %8.1f %9.1f %9.0f %8.2f %8.2f %8.2f %8.2f\n", $1, $2,
  $3, $4 + $5, ($3 > 0 ? $2 / $3 : 0), $6 / 1024, $7 / 1048576, ($2 > 0 ? $7 / $2 : 0), $8, $9,
  $10, $11 }' "$tmp/summary"
echo
echo "indexer RSS over time, MiB (peak from /usr/bin/time; VmRSS sampled while indexing):"
cat "$tmp/rss"
echo
sort -n -k1,1 "$tmp/summary" | awk 'NR == 1 { small = $1; small_peak = $6 }
  { large = $1; large_peak = $6 }
  END {
    if (large != small)
      printf "peak RSS at %d documents / at %d: %.2fx (%.1f / %.1f MiB; flat is about 1)\n",
        large, small, large_peak / small_peak, large_peak / 1024, small_peak / 1024
    verdict = large_peak <= 1048576 ? "PASS" : "FAIL"
    note = large < 1000000 ? "; the target is for 1,000,000, not run here" : ""
    printf "target: peak RSS while indexing 1,000,000 documents <= 1 GiB: %s at %d", verdict, large
    printf " documents (%.1f MiB)%s\n", large_peak / 1024, note }'

if [ "$clean" = true ]; then
  for size in $sizes; do
    rm -rf "$work/index-$size" "$work/index-$size".* "$work/corpus-$size.jsonl.gz" \
      "$work/corpus-$size.jsonl.gz.stamp"
  done
  rmdir "$work" 2>/dev/null || true
  say "removed this run's corpora and indexes from $work"
fi
