#!/bin/sh
# Times vigil-index crawl against synthetic news sites on 127.0.0.1 (scripts/bench/crawl_server.py,
# one site per port, each a robots.txt, an index page and P articles of 5-10 KB).
#   scripts/bench/crawl.sh [--quick] [--sites H] [--pages P] [--polite-sites H] [--polite-pages P]
#                          [--delay SECONDS]
# Run 0, crawl-only: as run 1 with --dry-run (fetch, robots.txt, extraction, scheduling; no index
# written): the crawler's own cost.
# Run 1, throughput: H sites (default 50), P articles each (40), --delay 0: pages per second, the
# crawler's CPU time (user + sys) per page, peak memory, and the server's share of a core.
# Run 2, politeness: H sites (20), P articles each (60), --delay d (0.5 s): requests per second
# (robots.txt and index pages included) against the bound of H/d, and, from the server's clock,
# the shortest time between two requests to one host and the most requests one host had at once.
# Each run takes under a minute by default; --quick makes both a few seconds. The same settings
# can come from CRAWL_SITES, CRAWL_PAGES, CRAWL_POLITE_SITES, CRAWL_POLITE_PAGES and CRAWL_DELAY.
# Builds Release first (scripts/build.sh), unless VIGIL_INDEX names a vigil-index to use as is.
# Prints one table and the targets (>= 90% of H/d; under 1 ms of crawler CPU per page, so that
# the crawler is not the limit below 1,000 pages/s), which are informational. Exit code 1 when a
# run fails: the crawl's exit code, an index without every article, or a host contacted sooner
# than the delay allows (or by more than one request at once); 2 for a usage error.
set -eu
cd "$(dirname "$0")/../.."
usage="usage: scripts/bench/crawl.sh [--quick] [--sites H] [--pages P] [--polite-sites H]
                              [--polite-pages P] [--delay SECONDS]"
command_line="sh scripts/bench/crawl.sh${*:+ $*}"
fail() { echo "crawl.sh: error: $*" >&2; exit 1; }
usage_error() { echo "crawl.sh: error: $*" >&2; echo "$usage" >&2; exit 2; }

sites=${CRAWL_SITES:-50}
pages=${CRAWL_PAGES:-40}
polite_sites=${CRAWL_POLITE_SITES:-20}
polite_pages=${CRAWL_POLITE_PAGES:-60}
delay=${CRAWL_DELAY:-0.5}
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sites=10; pages=10; polite_sites=10; polite_pages=20; delay=0.2; shift ;;
    --sites | --pages | --polite-sites | --polite-pages | --delay)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --sites) sites=$2 ;;
        --pages) pages=$2 ;;
        --polite-sites) polite_sites=$2 ;;
        --polite-pages) polite_pages=$2 ;;
        --delay) delay=$2 ;;
      esac
      shift 2 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
for value in "$sites" "$pages" "$polite_sites" "$polite_pages"; do
  case "$value" in
    '' | *[!0-9]* | 0) usage_error "invalid count '$value': expected a whole number >= 1" ;;
  esac
done
case "$delay" in
  '' | *[!0-9.]* | *.*.* | .) usage_error "invalid --delay '$delay': expected seconds > 0, e.g. 0.5" ;;
esac
awk -v d="$delay" 'BEGIN { exit !(d > 0) }' || usage_error "invalid --delay '$delay': expected seconds > 0"
command -v /usr/bin/time >/dev/null || usage_error "/usr/bin/time missing; run scripts/setup.sh"
command -v python3 >/dev/null || usage_error "python3 missing; run scripts/setup.sh"

if [ -n "${VIGIL_INDEX:-}" ]; then
  indexer=$VIGIL_INDEX
else
  sh scripts/build.sh >/dev/null
  indexer=build/indexer/vigil-index
fi
[ -x "$indexer" ] || usage_error "'$indexer' is not an executable"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two processes share the machine: the crawler on the last core (core 0 also takes interrupts and
# housekeeping; see extract.sh), the server on core 0, so that neither takes CPU from the other
# and the crawler's CPU per page is its own. Pinning both to one core would time the pair, not the
# crawler. With one core, or no taskset, nothing is pinned.
crawler_pin=""
server_pin=""
last=$(($(nproc 2>/dev/null || echo 1) - 1))
if [ "$last" -ge 1 ] && command -v taskset >/dev/null && taskset -c "$last" true 2>/dev/null &&
  taskset -c 0 true 2>/dev/null; then
  crawler_pin="taskset -c $last"
  server_pin="taskset -c 0"
fi

# A figure the server wrote when it stopped (see crawl_server.py).
server_stat() { awk -v key="$1" '$1 == key { print $2 }' "$run/stats"; }
# A count from the crawl's summary line: the number after TEXT.
count() { sed -n "s/.*$1\([0-9][0-9]*\).*/\1/p" "$run/summary"; }

# crawl LABEL SITES PAGES DELAY [EXTRA]: one server, one crawl into a fresh index (EXTRA: more
# options, e.g. --dry-run). Leaves in $run the server's figures (stats), the crawl's summary line
# (summary), /usr/bin/time's (time) and the command line (command).
crawl() {
  label=$1 hosts=$2 articles=$3 wait_s=$4 extra=${5:-}
  run="$work/$label"
  mkdir "$run"
  $server_pin python3 scripts/bench/crawl_server.py --sites "$hosts" --pages "$articles" \
    --ports-file "$run/ports" --log "$run/requests" --stats "$run/stats" &
  server=$!
  waited=0
  until [ -s "$run/ports" ]; do
    kill -0 "$server" 2>/dev/null || fail "the server did not start"
    [ $waited -lt 600 ] || fail "the server did not listen within 60 s"
    sleep 0.1
    waited=$((waited + 1))
  done
  set --
  while IFS= read -r port; do
    set -- "$@" --seed "http://127.0.0.1:$port/"
  done <"$run/ports"
  # Every site is a robots.txt, an index page and P articles; the index page counts as a page.
  options="-q --contact http://127.0.0.1/vigil-crawl-bench --max-depth 2"
  options="$options --max-pages $((hosts * (articles + 1))) --concurrency $hosts --per-host 1"
  options="$options --delay $wait_s $extra"
  echo "$indexer crawl $options --db DIR --seed http://127.0.0.1:PORT/" \
    "(one for each of the $hosts ports)" >"$run/command"
  status=0
  # shellcheck disable=SC2086  # $crawler_pin and $options are word lists
  $crawler_pin /usr/bin/time -f '%e %U %S %M' -o "$run/time" \
    "$indexer" crawl $options --db "$run/index" "$@" 2>"$run/log" || status=$?
  kill -TERM "$server"
  wait "$server" || fail "the server failed"
  server=""
  grep 'vigil-index: fetched' "$run/log" | tail -1 >"$run/summary" || true
  if [ "$status" -ne 0 ] || [ ! -s "$run/summary" ]; then
    tail -5 "$run/log" >&2
    fail "$label crawl exited with code $status"
  fi
  if [ -n "$extra" ]; then  # a dry run writes nothing: count the articles it found
    documents=$(sed -n 's/.*, articles \([0-9][0-9]*\) (added.*/\1/p' "$run/summary")
  else
    documents=$(sed -n 's/.*; \([0-9][0-9]*\) documents in index.*/\1/p' "$run/summary")
  fi
  if [ "$documents" != $((hosts * articles)) ] || [ "$(count 'failed ')" != 0 ]; then
    cat "$run/summary" >&2
    fail "$label crawl indexed $documents documents, expected $((hosts * articles))"
  fi
}

# measure LABEL SITES DELAY: appends the figures of the run just made to $work/figures, one line:
# label hosts delay pages requests wall cpu rss_kb server_cpu span min_gap mean_gap in_flight.
# Pages are what the crawler fetched but robots.txt (index pages and articles); requests are what
# the server answered, robots.txt included.
measure() {
  read -r wall user sys rss_kb <"$run/time"
  echo "$1 $2 $3 $(($(count 'fetched ') - $2)) $(server_stat requests) $wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss_kb" \
    "$(server_stat server_cpu_s) $(server_stat span_s) $(server_stat min_gap_ms)" \
    "$(server_stat mean_gap_ms) $(server_stat max_in_flight_per_site)" >>"$work/figures"
}

# The crawl alone (fetch, robots.txt, extraction, scheduling) without writing the index.
crawl crawl-only "$sites" "$pages" 0 --dry-run
measure crawl-only "$sites" 0
cp "$run/command" "$work/crawl-only.command"
crawl throughput "$sites" "$pages" 0
measure throughput "$sites" 0
cp "$run/command" "$work/throughput.command"
article_kb=$(server_stat article_kb)
article_gzip_kb=$(server_stat article_gzip_kb)
connections="throughput $(server_stat connections) for $(server_stat requests) requests"
crawl politeness "$polite_sites" "$polite_pages" "$delay"
measure politeness "$polite_sites" "$delay"
connections="$connections, politeness $(server_stat connections) for $(server_stat requests)"

# "of H/d" compares (reqs - H) / wall with H/d: a host's N requests need N - 1 delays, so its first
# request comes free and a perfect crawler scores at most 100% however short the run (reqs / wall
# would allow 100 * N / (N - 1)%). Start-up and the final commit count against it.
awk 'BEGIN {
  printf "%-11s %5s %5s %6s %6s %7s %7s %7s %6s %7s %6s %7s %7s %8s %8s\n", "run", "hosts",
    "delay", "pages", "reqs", "wall s", "pages/s", "req/s", "CPU s", "ms/page", "MiB", "server",
    "H/d", "of H/d", "min gap" }
{
  bound = $3 > 0 ? sprintf("%.1f", $2 / $3) : "-"
  share = $3 > 0 ? sprintf("%.1f%%", 100 * ($5 - $2) / $6 / ($2 / $3)) : "-"
  gap = $3 > 0 ? sprintf("%.1f", $11) : "-"
  printf "%-11s %5d %5s %6d %6d %7.2f %7.0f %7.1f %6.2f %7.3f %6.0f %6.0f%% %7s %8s %8s\n",
    $1, $2, $3, $4, $5, $6, $4 / $6, $5 / $6, $7, 1000 * $7 / $4, $8 / 1024,
    ($10 > 0 ? 100 * $9 / $10 : 0), bound, share, gap }' "$work/figures"
echo "columns: pages = index pages + articles; reqs = requests the server answered (robots.txt too);"
echo "  CPU s = vigil-index user + sys (start-up and commit included); ms/page = its CPU per page;"
echo "  MiB = its peak RSS; server = the server's CPU over the time it was answering; H/d = the"
echo "  politeness bound in requests/s; of H/d = (reqs - H) / wall s against H/d (a host's first"
echo "  request needs no delay); min gap = shortest ms between two requests to one host."
echo "articles: $article_kb KB of HTML on average, $article_gzip_kb KB gzip-compressed as served"
echo "TCP connections: $connections (one per host when keep-alive connections are reused)"
echo "command: $command_line"
echo "crawl-only: $(cat "$work/crawl-only.command")"
echo "throughput: $(cat "$work/throughput.command")"
echo "politeness: $(cat "$run/command")"
if [ -n "$crawler_pin" ]; then
  echo "pinning: crawler on core $last, server on core 0"
else
  echo "pinning: none (one core, or no taskset)"
fi
awk '$1 == "crawl-only" {
  ms = 1000 * $7 / $4
  printf "target: crawler CPU < 1 ms per page (not the limit below 1,000 pages/s): %s",
    (ms < 1 ? "met" : "NOT met")
  printf " (%.3f ms/page for the crawl alone; busy %.0f%% of the wall time, the server %.0f%% of a core)\n",
    ms, 100 * $7 / $6, ($10 > 0 ? 100 * $9 / $10 : 0) }
$1 == "throughput" {
  printf "with indexing: %.3f ms/page (writing the Xapian index is the rest)\n", 1000 * $7 / $4 }
$1 == "politeness" {
  share = 100 * ($5 - $2) / $6 / ($2 / $3)
  printf "target: >= 90%% of the politeness bound H/d = %d/%s s: %s", $2, $3,
    (share >= 90 ? "met" : "NOT met")
  printf " (%.1f%%; mean gap between requests to one host %.1f ms)\n", share, $12 }' "$work/figures"

# The politeness guarantee, from the server's clock: no host sees two requests less than the delay
# apart, nor two at once (--per-host 1).
min_gap=$(awk '$1 == "politeness" { print $11 }' "$work/figures")
in_flight=$(awk '$1 == "politeness" { print $13 }' "$work/figures")
if awk -v g="$min_gap" -v d="$delay" 'BEGIN { exit !(g < 1000 * d) }' || [ "$in_flight" -gt 1 ]; then
  fail "politeness broken: two requests to one host $min_gap ms apart (--delay $delay)," \
    "at most $in_flight at once"
fi
echo "politeness: kept (shortest gap $min_gap ms >= $delay s;" \
  "at most $in_flight request at once per host)"
