#!/bin/sh
# Load benchmark of the search box: vigil-search as a CGI program behind lighttpd (on 127.0.0.1,
# configured by scripts/deploy/lighttpd.conf through scripts/serve-demo.sh), loaded by wrk with
# the queries of a query file in turn (scripts/bench/cgi.lua), then the same binary run as a bare
# CGI process, without a server (scripts/bench/cgi_process.py).
#   scripts/bench/cgi.sh [--db DIR] [--duration SECONDS] [--timeout SECONDS] [--connections N]
#                        [--threads N] [--queries FILE] [--repeat N] [--bin FILE] [--json]
# --db: the index (default: the 100,000-document index of `scripts/bench/query.sh --sizes
#   100000`, index-100000 in its work directory, $VIGIL_BENCH_WORK or build/bench-query; build it
#   with that command first). It is only read.
# --duration (default 30) seconds of load from --connections (default 16) connections on
#   --threads (default 2) wrk threads; an answer slower than --timeout (default 10, the CGI's
#   request-timeout) seconds counts as an error; --queries (default scripts/bench/queries.txt);
#   --repeat (default 3) bare runs per query; --bin (default build/searcher/vigil-search, built
#   in Release first; a binary given is used as it is); --json asks for format=json instead of
#   the HTML page.
# Prints requests/s, errors (every answer that is not 2xx, and socket errors and timeouts),
# latency median, p90, p99 and max under load, then the bare process's median and p95 wall and
# CPU time per request, and its mean CPU time (with the cores, a bound on requests/s). A 2-core machine shared with other work gives noisy figures: the load
# average is printed before and after.
# Exit codes: 0 done, 1 some requests failed (counted above), 2 usage error, 3 a step failed
# (build, no index, wrk or lighttpd missing, the server did not start).
set -eu
cd "$(dirname "$0")/../.."

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "cgi.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

db=""
duration=30
connections=16
timeout=10
threads=2
queries=scripts/bench/queries.txt
repeat=3
bin=""
extra=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db | --duration | --timeout | --connections | --threads | --queries | --repeat | --bin)
      [ $# -ge 2 ] || { echo "cgi.sh: error: $1 needs a value (see --help)" >&2; exit 2; }
      case "$1" in
        --db) db=$2 ;;
        --duration) duration=$2 ;;
        --timeout) timeout=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --queries) queries=$2 ;;
        --repeat) repeat=$2 ;;
        --bin) bin=$2 ;;
      esac
      shift 2
      ;;
    --json) extra=format=json; shift ;;
    --help | -h) usage ;;
    *) echo "cgi.sh: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$timeout" "$connections" "$threads" "$repeat"; do
  case "$n" in
    '' | *[!0-9]* | 0) echo "cgi.sh: error: '$n' is not a positive count (see --help)" >&2; exit 2 ;;
  esac
done
[ -r "$queries" ] || { echo "cgi.sh: error: no query file '$queries'" >&2; exit 2; }
[ -n "$db" ] || db=${VIGIL_BENCH_WORK:-build/bench-query}/index-100000
[ -d "$db" ] || fail "no index at '$db'" \
  "build it with sh scripts/bench/query.sh --sizes 100000, or pass --db DIR"
command -v wrk >/dev/null 2>&1 || fail "wrk is not installed" "run sh scripts/setup.sh"
if [ -z "$bin" ]; then
  sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
  bin=build/searcher/vigil-search
fi
[ -x "$bin" ] || fail "no binary at '$bin'"

work=$(mktemp -d)
serve() { sh scripts/serve-demo.sh --state "$work/server" --quiet "$@"; }
trap 'serve --stop; rm -rf "$work"' EXIT
url=$(serve --bin "$bin" --db "$db") || fail "the server did not start"
docs=$(xapian-delve -1 "$db" 2>/dev/null | sed -n 's/^number of documents = //p' || true)
count=$(grep -v '^#' "$queries" | grep -c -v '^$' || true)
load_before=$(uptime | sed 's/.*load average: //')

echo "cgi.sh: $duration s of wrk, $connections connections, $threads threads, $count queries" \
  "from $queries, on $url (index $db${docs:+, $docs documents})" >&2
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout "${timeout}s" --latency -s scripts/bench/cgi.lua \
  "$url" -- "$queries" "$extra" >"$work/wrk.txt" 2>&1 || {
  cat "$work/wrk.txt" >&2
  fail "wrk failed"
}
load_middle=$(uptime | sed 's/.*load average: //')
value() { sed -n "s/^$1 //p" "$work/wrk.txt"; }
errors=$(($(value non2xx) + $(value socket_errors)))

echo "cgi.sh: $repeat bare runs of each query (no server)" >&2
python3 -B scripts/bench/cgi_process.py "$bin" "$work/server/search.conf" "$queries" "$repeat" \
  "$extra" >"$work/bare.txt" || fail "timing the bare process failed"
bare() { sed -n "s/^$1 //p" "$work/bare.txt"; }

echo "CGI benchmark: vigil-search behind lighttpd $(lighttpd -v 2>/dev/null | sed -n \
  's|^lighttpd/\([^ ]*\).*|\1|p'), ${extra:-HTML pages}; $count queries; load average" \
  "$load_before (before), $load_middle (after wrk)"
printf "under load (wrk, %s s, %s connections):\n" "$duration" "$connections"
printf "  requests/s        %10.1f   (%s requests)\n" "$(value rps)" "$(value requests)"
printf "  errors            %10s   (not 2xx: %s%s; socket errors %s, timeouts %s)\n" "$errors" \
  "$(value non2xx)" "$(sed -n 's/^status_\([0-9]*\) \([0-9]*\)/, \1: \2/p' "$work/wrk.txt" | tr -d '\n')" \
  "$(value socket_errors)" "$(value timeouts)"
printf "  latency median    %10.1f ms\n" "$(value latency_median_ms)"
printf "  latency p90       %10.1f ms\n" "$(value latency_p90_ms)"
printf "  latency p99       %10.1f ms\n" "$(value latency_p99_ms)"
printf "  latency max       %10.1f ms\n" "$(value latency_max_ms)"
printf "bare CGI process (%s runs, %s failed), per request:\n" "$(bare runs)" "$(bare errors)"
printf "  wall median       %10.1f ms   p95 %.1f ms\n" "$(bare wall_median_ms)" "$(bare wall_p95_ms)"
printf "  CPU median        %10.1f ms   p95 %.1f ms\n" "$(bare cpu_median_ms)" "$(bare cpu_p95_ms)"
cores=$(nproc 2>/dev/null || echo 1)
bound=$(echo "$cores $(bare cpu_mean_ms)" | awk '{ print ($2 > 0 ? $1 * 1000 / $2 : 0) }')
printf "  CPU mean          %10.1f ms   (so at most %.0f requests/s on %s idle cores)\n" \
  "$(bare cpu_mean_ms)" "$bound" "$cores"
first_error=$(bare first_error)
[ -z "$first_error" ] || echo "first failed bare run: $first_error"
if [ "$errors" -gt 0 ] || [ "$(bare errors)" -gt 0 ]; then
  echo "cgi.sh: some requests failed; the server's log (the CGI's messages), last lines:" >&2
  tail -10 "$work/server/error.log" >&2 || true
  exit 1
fi
