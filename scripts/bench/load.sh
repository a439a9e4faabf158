#!/bin/sh
# Load test of the search box while the index is being updated: vigil-search as a CGI program
# behind lighttpd (on 127.0.0.1, through scripts/serve-demo.sh) under wrk, cycling through the
# queries of a query file (scripts/bench/cgi.lua), while a writer adds a small batch of new
# documents to the live index every few seconds, each batch one `vigil-index add` and so one commit.
#   scripts/bench/load.sh [--duration SECONDS] [--connections N] [--threads N] [--timeout SECONDS]
#                         [--commit-every SECONDS] [--batch N] [--docs N] [--no-entities]
#                         [--interval SECONDS] [--tolerance PERCENT] [--cgi-tolerance PERCENT]
#                         [--work DIR] [--corpus FILE] [--queries FILE] [--bin FILE]
#                         [--indexer FILE] [--keep]
# --duration (default 300) seconds of wrk from --connections (default 32) connections on
#   --threads (default 2) threads; an answer slower than --timeout (default 10, the CGI's
#   request-timeout) seconds counts as failed. --queries: default scripts/bench/queries.txt.
# The index: the first --docs (default 10000) articles of --corpus (default the shared news
#   corpus, ../shared or $VIGIL_SHARED_DIR), indexed once into DIR/base-N and reused while the
#   corpus, N, the options and the vigil-index binary are unchanged; each run serves a fresh copy
#   of it (DIR/run/index). --work DIR: default $VIGIL_BENCH_WORK, else build/bench-load.
# The writer: every --commit-every (default 3) seconds, or at once when the previous one ran
#   longer, `vigil-index add -q` of the next --batch (default 20) articles of the corpus (past its
#   end, the articles again under new keys); --no-entities passes that option to every add.
# Sampled every --interval (default 2) seconds, before, during and after the load: lighttpd's
#   VmRSS and open file descriptors, the vigil-search processes alive (and zombies), the highest
#   VmHWM and VmRSS among them, the descriptors they hold on the index, the index's size and
#   files, and the requests served so far (access.log). Verdicts (each PASS or FAIL): no failed
#   request (answers not 2xx, socket errors, timeouts); every commit succeeded and the index
#   holds every document added; lighttpd's RSS grew by at most --tolerance (default 2) percent
#   from the first quarter of the load to the last (the maximum of each; its growth per request,
#   a least-squares slope, is printed too), and the CGI's peak RSS by at most --cgi-tolerance
#   (default 10; sampled from processes caught alive, so noisier); lighttpd's descriptors are
#   back to their count before the load (those of requests in flight come and go); no
#   vigil-search process is left, and there were never more of them than connections; the
#   index's files are the same ones. Logs (wrk's, the writer's, the samples, lighttpd's
#   error.log with the CGI's stderr) stay in DIR/run; --keep also keeps the run's index.
# Binaries: --bin (vigil-search) and --indexer (vigil-index), used as they are; by default
#   build/searcher/vigil-search and build/indexer/vigil-index, built in Release first
#   (scripts/build.sh). A vigil-index outside a build tree needs VIGIL_DATA_DIR naming its
#   gazetteer (e.g. a build's schemas/ directory). Needs wrk, lighttpd and curl
#   (scripts/setup.sh), GNU date and sleep, and Linux /proc.
# Exit codes: 0 every verdict PASS, 1 some requests or commits failed or something grew (FAIL
# above), 2 usage error, 3 a step failed (build, corpus, indexing the base, the server, wrk).
set -eu
here=$(pwd)
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=${VIGIL_SHARED_DIR:-../shared}

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

usage_error() {
  echo "load.sh: error: $1 (see --help)" >&2
  exit 2
}

fail() {
  echo "load.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

say() { echo "load.sh: $*" >&2; }

# A path given on the command line, relative to where the script was started.
given() { case "$1" in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

duration=300
connections=32
threads=2
timeout=10
every=3
batch=20
docs=10000
entities=""
interval=2
tolerance=2
cgi_tolerance=10
work=""
corpus=""
queries=scripts/bench/queries.txt
bin=""
indexer=""
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --duration | --connections | --threads | --timeout | --commit-every | --batch | --docs | \
      --interval | --tolerance | --cgi-tolerance | --work | --corpus | --queries | --bin | --indexer)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --duration) duration=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --timeout) timeout=$2 ;;
        --commit-every) every=$2 ;;
        --batch) batch=$2 ;;
        --docs) docs=$2 ;;
        --interval) interval=$2 ;;
        --tolerance) tolerance=$2 ;;
        --cgi-tolerance) cgi_tolerance=$2 ;;
        --work) work=$(given "$2") ;;
        --corpus) corpus=$(given "$2") ;;
        --queries) queries=$(given "$2") ;;
        --bin) bin=$(given "$2") ;;
        --indexer) indexer=$(given "$2") ;;
      esac
      shift 2
      ;;
    --no-entities) entities=--no-entities; shift ;;
    --keep) keep=true; shift ;;
    --help | -h) usage ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
for n in "$duration" "$connections" "$threads" "$timeout" "$every" "$batch" "$docs" "$interval"; do
  case "$n" in '' | *[!0-9]* | 0) usage_error "'$n' is not a positive count" ;; esac
done
for n in "$tolerance" "$cgi_tolerance"; do
  case "$n" in '' | *[!0-9]*) usage_error "invalid tolerance '$n': expected a whole percentage" ;; esac
done
[ "$connections" -ge "$threads" ] || usage_error "--connections ($connections) is fewer than --threads ($threads)"
[ -r "$queries" ] || usage_error "no query file '$queries'"
[ -n "$corpus" ] || corpus=$shared/data/news_corpus/articles.jsonl.gz
[ -r "$corpus" ] || fail "no corpus at '$corpus'" \
  "set VIGIL_SHARED_DIR to the shared data's parent folder, or pass --corpus FILE"
[ -n "$work" ] || work=$(given "${VIGIL_BENCH_WORK:-build/bench-load}")

command -v wrk >/dev/null 2>&1 || fail "wrk is not installed" "run sh scripts/setup.sh"
command -v lighttpd >/dev/null 2>&1 || [ -x /usr/sbin/lighttpd ] ||
  fail "lighttpd is not installed" "run sh scripts/setup.sh"
command -v curl >/dev/null 2>&1 || fail "curl is not installed" "run sh scripts/setup.sh"
if [ -z "$bin" ] || [ -z "$indexer" ]; then
  if [ ! -x build/searcher/vigil-search ] || [ ! -x build/indexer/vigil-index ]; then
    say "building vigil-index and vigil-search (Release) with scripts/build.sh"
    sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
  fi
  [ -n "$bin" ] || bin=$root/build/searcher/vigil-search
  [ -n "$indexer" ] || indexer=$root/build/indexer/vigil-index
fi
[ -x "$bin" ] || fail "no vigil-search binary at '$bin'" "run sh scripts/build.sh, or pass --bin FILE"
[ -x "$indexer" ] || fail "no vigil-index binary at '$indexer'" \
  "run sh scripts/build.sh, or pass --indexer FILE"

mkdir -p "$work"
run=$work/run
rm -rf "$run"
mkdir -p "$run"
db=$run/index
lpid=""
writer_pid=""
sampler_pid=""
cleanup() {
  : >"$run/stop"
  [ -z "$writer_pid" ] || wait "$writer_pid" 2>/dev/null || true
  : >"$run/sampler.stop"
  [ -z "$sampler_pid" ] || wait "$sampler_pid" 2>/dev/null || true
  sh scripts/serve-demo.sh --stop --state "$run/server" --quiet 2>/dev/null || true
  rm -f "$run/rest.jsonl" "$run/chunk.jsonl"
  [ "$keep" = true ] || rm -rf "$db"
}
trap cleanup EXIT
trap 'exit 3' INT TERM

# The base index: the first $docs articles, indexed once and reused.
base=$work/base-$docs
key="$(cksum <"$corpus") docs=$docs $entities $(cksum <"$indexer")"
if [ -d "$base" ] && [ -f "$base.stamp" ] && [ "$(cat "$base.stamp")" = "$key" ]; then
  say "reusing the base index $base"
else
  rm -rf "$base" "$base.stamp" "$base.log"
  say "indexing the first $docs articles of $corpus into $base"
  gzip -cdf "$corpus" | head -n "$docs" >"$run/base.jsonl" || true
  [ "$(wc -l <"$run/base.jsonl")" -eq "$docs" ] || fail "'$corpus' holds fewer than $docs articles"
  # shellcheck disable=SC2086 # $entities is one option or none
  "$indexer" add -q $entities --db "$base" "$run/base.jsonl" 2>"$base.log" ||
    fail "indexing the base failed (see $base.log)"
  rm -f "$run/base.jsonl"
  echo "$key" >"$base.stamp"
fi
cp -a "$base" "$db"
gzip -cdf "$corpus" | tail -n +"$((docs + 1))" >"$run/rest.jsonl" || true
rest=$(wc -l <"$run/rest.jsonl")
[ "$rest" -ge "$batch" ] || fail "'$corpus' holds fewer than --docs + --batch articles"

url=$(sh scripts/serve-demo.sh --state "$run/server" --quiet --bin "$bin" --db "$db") ||
  fail "the server did not start" "see $run/server/error.log"
lpid=$(cat "$run/server/lighttpd.pid")
count=$(grep -v '^#' "$queries" | grep -c -v '^$' || true)

# Writes batch K (from 1) of the rest of the corpus to FILE; past its end, the articles again
# with their keys prefixed (loadR-, R the round; urls dropped so that the id is the key).
chunk() {  # chunk K FILE
  awk -v off=$((($1 - 1) * batch)) -v n="$batch" -v total="$rest" '
    { d = (NR - 1 - off % total + total) % total
      if (d >= n) next
      r = int((off + d) / total)
      if (r > 0) { sub(/^\{"id": "/, "{\"id\": \"load" r "-"); gsub(/"url": "[^"]*"/, "\"url\": null") }
      print }' "$run/rest.jsonl" >"$2"
}

# One line per commit in writer.log: "K START_MS END_MS EXIT_CODE ADDED REPLACED UNCHANGED
# SKIPPED DOCUMENTS_IN_INDEX"; each add's stderr is appended to writer.err.
writer() {
  start=$(now_ms)
  k=0
  while [ ! -e "$run/stop" ]; do
    k=$((k + 1))
    chunk "$k" "$run/chunk.jsonl"
    t0=$(now_ms)
    status=0
    # shellcheck disable=SC2086
    "$indexer" add -q $entities --db "$db" "$run/chunk.jsonl" 2>"$run/add.err" || status=$?
    t1=$(now_ms)
    cat "$run/add.err" >>"$run/writer.err"
    figures=$(sed -n 's/.*added \([0-9]*\), replaced \([0-9]*\), unchanged \([0-9]*\), skipped \([0-9]*\),.*; \([0-9]*\) documents in index.*/\1 \2 \3 \4 \5/p' \
      "$run/add.err" | tail -1)
    echo "$k $t0 $t1 $status ${figures:-- - - - -}" >>"$run/writer.log"
    wait_ms=$((start + k * every * 1000 - $(now_ms)))
    while [ "$wait_ms" -gt 0 ] && [ ! -e "$run/stop" ]; do
      sleep "$(awk -v m="$wait_ms" 'BEGIN { printf "%.3f", (m > 500 ? 500 : m) / 1000 }')"
      wait_ms=$((start + k * every * 1000 - $(now_ms)))
    done
  done
}

# One line per sample in samples.txt: "MS PHASE LIGHTTPD_RSS_KIB LIGHTTPD_FDS CGI_ALIVE
# CGI_ZOMBIES CGI_MAX_HWM_KIB CGI_MAX_RSS_KIB CGI_INDEX_FDS CGI_MAX_INDEX_FDS INDEX_KIB
# INDEX_FILES LIGHTTPD_INDEX_FDS REQUESTS_SERVED"; PHASE is before, load or after (from the file
# $run/phase).
sample() {
  phase=$(cat "$run/phase" 2>/dev/null || echo before)
  lrss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$lpid/status" 2>/dev/null || true)
  lfds=$(find "/proc/$lpid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  lidx=$(find "/proc/$lpid/fd" -lname "$db/*" 2>/dev/null | wc -l)
  kids=$(cat "/proc/$lpid/task/$lpid/children" 2>/dev/null || true)
  cgi="0 0 0 0"
  idx="0 0"
  if [ -n "$kids" ]; then
    statuses=""
    fds=""
    for c in $kids; do
      statuses="$statuses /proc/$c/status"
      fds="$fds /proc/$c/fd"
    done
    # shellcheck disable=SC2086 # one word per child
    cgi=$(cat $statuses 2>/dev/null | awk '
      function flush() { if (name == "vigil-search") { if (state == "Z") z++; else { a++
          if (hwm > mh) mh = hwm; if (rss > mr) mr = rss } } }
      /^Name:/ { flush(); name = $2; state = ""; hwm = 0; rss = 0 }
      /^State:/ { state = $2 } /^VmHWM:/ { hwm = $2 } /^VmRSS:/ { rss = $2 }
      END { flush(); print a + 0, z + 0, mh + 0, mr + 0 }')
    # shellcheck disable=SC2086
    idx=$(find $fds -lname "$db/*" 2>/dev/null | sed 's|/fd/.*||' | sort | uniq -c |
      awk '{ t += $1; if ($1 > m) m = $1 } END { print t + 0, m + 0 }')
  fi
  size=$(du -sk "$db" 2>/dev/null | cut -f1)
  files=$(find "$db" -type f 2>/dev/null | wc -l)
  served=$(wc -l <"$run/server/access.log" 2>/dev/null || echo 0)
  echo "$(now_ms) $phase ${lrss:-0} $lfds $cgi $idx ${size:-0} $files $lidx $served"
}

sampler() {
  while [ ! -e "$run/sampler.stop" ]; do
    sample
    sleep "$interval"
  done >>"$run/samples.txt"
}

load_before=$(uptime | sed 's/.*load average: //')
docs_before=$(sed -n 's/.*; \([0-9]*\) documents in index.*/\1/p' "$base.log" 2>/dev/null | tail -1)
echo before >"$run/phase"
sample >>"$run/samples.txt"
sampler &
sampler_pid=$!
say "$duration s of wrk, $connections connections, $threads threads, $count queries from" \
  "$queries, on $url; a commit of $batch articles every $every s into $db"
echo load >"$run/phase"
writer &
writer_pid=$!
load_start=$(now_ms)
wrk_status=0
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout "${timeout}s" --latency \
  -s scripts/bench/cgi.lua "$url" -- "$queries" >"$run/wrk.txt" 2>&1 || wrk_status=$?
load_end=$(now_ms)
: >"$run/stop"
echo after >"$run/phase"
wait "$writer_pid" || true
writer_pid=""
load_after=$(uptime | sed 's/.*load average: //')
[ "$wrk_status" -eq 0 ] || { cat "$run/wrk.txt" >&2; fail "wrk failed (exit code $wrk_status)"; }
# After the load: wait up to 10 s for the last CGI processes to end, then one more sample.
i=0
while [ -n "$(cat "/proc/$lpid/task/$lpid/children" 2>/dev/null || true)" ] && [ "$i" -lt 100 ]; do
  sleep 0.1
  i=$((i + 1))
done
: >"$run/sampler.stop"
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
sample >>"$run/samples.txt"
cgi_log=$(grep -c -v 'server started\|server stopped\|graceful shutdown' "$run/server/error.log" || true)
revision=$(xapian-delve "$db" 2>/dev/null | sed -n 's/^revision = //p' || true)

value() { sed -n "s/^$1 //p" "$run/wrk.txt"; }
non2xx=$(value non2xx)
socket_errors=$(value socket_errors)
failed=$((non2xx + socket_errors))
verdicts=0
verdict() {  # verdict OK TEXT
  if [ "$1" -eq 1 ]; then echo "PASS  $2"; else echo "FAIL  $2"; verdicts=$((verdicts + 1)); fi
}

echo "Load test: vigil-search behind lighttpd $(lighttpd -v 2>/dev/null | sed -n \
  's|^lighttpd/\([^ ]*\).*|\1|p') under wrk while the index is updated; $(date -u '+%Y-%m-%d %H:%M') UTC;" \
  "load average $load_before (before), $load_after (after)"
printf "wrk: %s s, %s connections, %s threads, %s queries; index: %s articles, + %s every %s s\n" \
  "$duration" "$connections" "$threads" "$count" "${docs_before:-$docs}" "$batch" "$every"
printf "  requests/s        %10.1f   (%s requests in %.1f s)\n" "$(value rps)" "$(value requests)" "$(value seconds)"
printf "  failed            %10s   (not 2xx: %s%s; socket errors %s, timeouts %s)\n" "$failed" \
  "$non2xx" "$(sed -n 's/^status_\([0-9]*\) \([0-9]*\)/, \1: \2/p' "$run/wrk.txt" | tr -d '\n')" \
  "$socket_errors" "$(value timeouts)"
printf "  latency median    %10.1f ms\n" "$(value latency_median_ms)"
printf "  latency p90       %10.1f ms\n" "$(value latency_p90_ms)"
printf "  latency p99       %10.1f ms\n" "$(value latency_p99_ms)"
printf "  latency max       %10.1f ms\n" "$(value latency_max_ms)"
printf "  CGI stderr        %10s   lines in error.log\n" "$cgi_log"

# The writer's commits.
awk -v batch="$batch" -v base="${docs_before:-$docs}" -v load_ms=$((load_end - load_start)) '
  { n++; took = $3 - $2; sum += took; if (took > max) max = took
    if (n > 1 && $2 - prev > gap) gap = $2 - prev; prev = $2
    if ($4 == 0 && $5 != "-" && $5 + $6 + $7 == batch && $8 == 0) ok++; else bad++
    if ($5 != "-") added += $5; if ($9 != "-") last = $9 }
  END { printf "writer: %d commits (%d failed) of %d articles, %.1f per minute; each add %.2f s mean, %.2f s max; longest gap between starts %.2f s\n",
          n, bad, batch, n * 60000 / load_ms, sum / n / 1000, max / 1000, gap / 1000
        printf "  documents         %10d   (%d + %d added; %s in the index at the end)\n", base + added, base, added, last
        print (bad == 0 && n > 0 && last == base + added ? 1 : 0), n, bad > "/dev/stderr" }' \
  "$run/writer.log" 2>"$run/writer.verdict"
commits=$(cut -d' ' -f2 "$run/writer.verdict")
[ -z "$revision" ] || printf "  index revision    %10s   at the end\n" "$revision"

# Resources: first, last and max during the load, and each quarter's max.
awk -v start="$load_start" -v end="$load_end" -v tol="$tolerance" -v ctol="$cgi_tolerance" '
  function show(label, col, unit, scale) {
    f = (scale == 1 ? "%9d" : "%9.1f")
    printf "  %-22s" f " " f " " f " " f " " f " %s\n", label, b[col] / scale, first[col] / scale,
      last[col] / scale, max[col] / scale, a[col] / scale, unit
  }
  function q(label, col, t) {
    growth = (q1[col] > 0 ? 100 * (q4[col] - q1[col]) / q1[col] : 0)
    printf "grow %s %d %d %.1f %d %d\n", label, q1[col], q4[col], growth, t, (growth <= t ? 1 : 0) > "/dev/stderr"
  }
  $2 == "before" { for (i = 3; i <= NF; i++) b[i] = $i; next }
  $2 == "after" { for (i = 3; i <= NF; i++) a[i] = $i; next }
  $2 == "load" && $1 >= start && $1 <= end {
    n++; quarter = int(4 * ($1 - start) / (end - start + 1))
    if (quarter > 0) { m++; x = $14; y = $3 * 1024; sx += x; sy += y; sxx += x * x; sxy += x * y }
    for (i = 3; i <= NF; i++) {
      if (n == 1) first[i] = $i; last[i] = $i; if ($i > max[i]) max[i] = $i
      if (quarter == 0 && $i > q1[i]) q1[i] = $i; if (quarter == 3 && $i > q4[i]) q4[i] = $i
    } }
  END {
    printf "resources (%d samples during the load):       before     first      last       max     after\n", n
    show("lighttpd RSS", 3, "MiB", 1024); show("lighttpd open fds", 4, "", 1)
    show("lighttpd fds on index", 13, "", 1)
    show("vigil-search alive", 5, "processes", 1); show("vigil-search zombies", 6, "not yet reaped", 1)
    show("CGI peak RSS", 7, "MiB, highest VmHWM of those alive", 1024)
    show("CGI RSS", 8, "MiB, highest VmRSS of those alive", 1024)
    show("CGI fds on index", 9, "all those alive", 1); show("CGI fds on index, max", 10, "per process", 1)
    show("index size", 11, "MiB", 1024); show("index files", 12, "", 1)
    slope = (m * sxx - sx * sx > 0 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0)
    printf "  (lighttpd RSS against requests served after the first quarter: %+.1f bytes per request, least squares)\n", slope
    q("lighttpd_RSS_KiB", 3, tol); q("CGI_peak_RSS_KiB", 7, ctol)
    printf "fds %d %d\n", b[4], a[4] > "/dev/stderr"
    printf "alive %d %d %d\n", max[5], a[5], a[6] > "/dev/stderr"
    printf "files %d %d %d %d\n", b[12], a[12], max[13], b[11] > "/dev/stderr"
    printf "kib %d %d\n", b[11], a[11] > "/dev/stderr"
  }' "$run/samples.txt" 2>"$run/resources.verdict"
added=$(awk '$5 != "-" { s += $5 } END { print s + 0 }' "$run/writer.log")
growth_per_doc=$(awk -v added="$added" '$1 == "kib" { if (added > 0) printf "%.0f", ($3 - $2) * 1024 / added; else print "-" }' \
  "$run/resources.verdict")
echo "  (index growth: $growth_per_doc bytes per added article)"

echo "verdicts:"
verdict "$([ "$failed" -eq 0 ] && echo 1 || echo 0)" "no failed request ($failed of $(value requests))"
verdict "$(cut -d' ' -f1 "$run/writer.verdict")" \
  "every commit succeeded and the index holds every article ($commits commits)"
while read -r what label q1 q4 growth t ok; do
  [ "$what" = grow ] || continue
  verdict "$ok" "$(echo "$label" | tr _ ' '): $q1 -> $q4 (max of the first quarter -> of the last: $growth%, tolerance $t%)"
done <"$run/resources.verdict"
read -r _ fd_before fd_after <<EOF
$(grep '^fds ' "$run/resources.verdict")
EOF
verdict "$([ "$fd_after" -le "$fd_before" ] && echo 1 || echo 0)" \
  "lighttpd's descriptors back to $fd_before after the load ($fd_after)"
read -r _ alive_max alive_after zombies_after <<EOF
$(grep '^alive ' "$run/resources.verdict")
EOF
verdict "$([ "$alive_max" -le "$connections" ] && [ "$alive_after" -eq 0 ] && [ "$zombies_after" -eq 0 ] &&
  echo 1 || echo 0)" \
  "vigil-search processes at most $connections (max $alive_max), none left after ($alive_after, $zombies_after zombies)"
read -r _ files_before files_after lidx_max _ <<EOF
$(grep '^files ' "$run/resources.verdict")
EOF
verdict "$([ "$files_before" -eq "$files_after" ] && [ "$lidx_max" -eq 0 ] && echo 1 || echo 0)" \
  "the index's files the same ($files_before -> $files_after), lighttpd holds none open (max $lidx_max)"
echo "logs: $run (wrk.txt, writer.log, writer.err, samples.txt, server/error.log)"
version=$(lighttpd -v 2>/dev/null | sed -n 's|^lighttpd/1\.4\.\([0-9]*\).*|\1|p')
if grep -q '^grow lighttpd_RSS_KiB .* 0$' "$run/resources.verdict" && [ -n "$version" ] &&
  [ "$version" -ge 60 ] && [ "$version" -le 69 ]; then
  say "lighttpd 1.4.$version's mod_cgi loses a 32-byte record for each CGI request that overlaps" \
    "another (fixed in 1.4.70); see scripts/bench/README.md"
fi
if [ "$cgi_log" -gt 0 ]; then
  say "the CGI wrote to error.log; its last lines:"
  grep -v 'server started' "$run/server/error.log" | tail -5 >&2
fi
[ "$verdicts" -eq 0 ] || exit 1
