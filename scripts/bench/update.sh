#!/bin/sh
# Benchmark of the nightly update: a 20,000-page news site where 1% changed.
#   scripts/bench/update.sh [SHARED_DIR] [--work DIR] [--pages N] [--changed N] [--added N]
#                           [--removed N] [--delay SECONDS] [--crawl-only] [--keep]
# 1. Builds the site from the shared corpora (SHARED_DIR, else $VIGIL_SHARED, else ../shared
#    beside the repository; only read): one HTML page per article with a news site's template,
#    section and home pages, robots.txt and sitemap.xml (scripts/bench/update_site.py), under the
#    work directory (--work DIR, kept; else a temporary one, removed unless --keep). Nothing is
#    written into the repository.
# 2. Serves it with lighttpd on 127.0.0.1 (its own configuration in the work directory): static
#    files with ETag and Last-Modified, 304 answers to conditional requests, gzip when Debian's
#    lighttpd-mod-deflate is installed, an access log per phase.
# 3. First crawl: vigil-index crawl --db W/index --sitemap http://127.0.0.1:PORT/sitemap.xml
#    --max-pages 25000 --delay D (default 0.002 s; one request at a time to the one host).
# 4. Changes the site: --changed (default 200, 1%) articles edited, --added (20) published and
#    added to the sitemap, --removed (20) deleted (404) and dropped from it.
# 5. vigil-index update --db W/index --report W/report.json --revisit-all --delay D: every known
#    page is revisited (--revisit-min 0 would not do it: a page fetched minutes before keeps the
#    interval of its record, at least a day), as a nightly run does with the pages that are due.
# Each vigil-index run is measured with /usr/bin/time -v (wall time, user + sys CPU, peak RSS);
# requests and bytes sent (headers included) come from lighttpd's access log, by status. Prints
# one table, the politeness floor (requests x delay / 1 request at a time per host: the least
# wall time the delay allows; compare it with the wall time to see whether the delay or the CPU
# bounds the run), and the update's report, checked against the changes made.
# --crawl-only stops after step 3 (for a vigil-index without `update`). Without it, a vigil-index
# without `update` is refused before anything is built.
# Builds Release first (scripts/build.sh) unless VIGIL_INDEX names a vigil-index to use as is.
# Needs python3, lighttpd and /usr/bin/time (scripts/setup.sh installs them).
# Exit codes: 0 done; 1 a run had failed pages, or the update's report does not match the
# changes; 2 usage error; 3 a step failed (no update command, no corpus, the server or a run
# failed).
set -eu
cd "$(dirname "$0")/../.."
repo=$(pwd)

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
}
usage_error() {
  echo "update.sh: error: $1 (see --help)" >&2
  exit 2
}
fail() {
  echo "update.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}
say() { echo "update.sh: $*" >&2; }

shared=${VIGIL_SHARED:-$repo/../shared}
work=""
keep=0
pages=20000
changed=200
added=20
removed=20
delay=0.002
crawl_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --work | --pages | --changed | --added | --removed | --delay)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --work) work=$2 ;;
        --pages) pages=$2 ;;
        --changed) changed=$2 ;;
        --added) added=$2 ;;
        --removed) removed=$2 ;;
        --delay) delay=$2 ;;
      esac
      shift 2
      ;;
    --crawl-only) crawl_only=1; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) usage ;;
    -*) usage_error "unknown option '$1'" ;;
    *) shared=$1; shift ;;
  esac
done
for value in "$pages" "$changed" "$added" "$removed"; do
  case "$value" in
    '' | *[!0-9]*) usage_error "invalid count '$value': expected a whole number" ;;
  esac
done
[ "$pages" -gt 0 ] || usage_error "--pages must be at least 1"
case "$delay" in
  '' | *[!0-9.]* | *.*.* | .) usage_error "invalid --delay '$delay': expected seconds, e.g. 0.002" ;;
esac
[ -f "$shared/data/news_corpus/articles.jsonl.gz" ] ||
  fail "no shared news corpus under '$shared'" \
    "pass the shared folder as the first argument, or set VIGIL_SHARED"
shared=$(cd "$shared" && pwd)
command -v python3 >/dev/null 2>&1 || fail "python3 is not installed" "run sh scripts/setup.sh"
[ -x /usr/bin/time ] || fail "/usr/bin/time is not installed" "run sh scripts/setup.sh"
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
[ -x "$lighttpd" ] || fail "lighttpd is not installed" "run sh scripts/setup.sh"

if [ -n "${VIGIL_INDEX:-}" ]; then
  indexer=$VIGIL_INDEX
else
  sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
  indexer=$repo/build/indexer/vigil-index
fi
[ -x "$indexer" ] || usage_error "'$indexer' is not an executable"

# Does this vigil-index have `update`? One without it printed the general help for
# `vigil-index update --help` (exit 0) and answered `vigil-index update` with "unknown command".
if [ "$crawl_only" -eq 0 ]; then
  if ! "$indexer" update --help >/dev/null 2>&1 ||
    "$indexer" update 2>&1 | grep -q "unknown command"; then
    fail "$indexer has no update command (vigil-index update: unknown command)" \
      "build a vigil-index with update, or pass --crawl-only to time the site, the server and the first crawl"
  fi
fi

if [ -n "$work" ]; then
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  keep=1
  if [ -e "$work/index" ] || [ -e "$work/site" ]; then
    fail "the work directory '$work' already holds a site or an index" "remove them, or pass another --work"
  fi
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-update-bench.XXXXXX")
fi
case "$work" in
  *[\"\\]*) usage_error "the work directory's path may not hold \" or \\" ;;
esac
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$keep" -eq 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
compression=none
[ ! -f /usr/lib/lighttpd/mod_deflate.so ] || compression=gzip

say "building the site ($pages pages from $shared) in $work/site"
python3 -B scripts/bench/update_site.py build --shared "$shared" --site "$work/site" \
  --base-url "$base" --pages "$pages" --reserve "$added" >"$work/site.txt" ||
  fail "building the site failed"
site_bytes=$(sed -n 's/.* bytes \([0-9]*\)$/\1/p' "$work/site.txt")

# start_server PHASE: lighttpd on $port with its access log in $work/PHASE.access.log.
start_server() {
  {
    echo "server.modules = ( \"mod_accesslog\" )"
    echo "server.bind = \"127.0.0.1\""
    echo "server.port = $port"
    echo "server.document-root = \"$work/site\""
    echo "server.errorlog = \"$work/$1.error.log\""
    echo "index-file.names = ( \"index.html\" )"
    echo "mimetype.assign = ( \".html\" => \"text/html; charset=utf-8\", \".xml\" => \"application/xml\","
    echo "  \".txt\" => \"text/plain; charset=utf-8\", \".css\" => \"text/css\" )"
    echo "accesslog.filename = \"$work/$1.access.log\""
    echo "accesslog.format = \"%>s %b %O \\\"%r\\\"\""
    # ETag from inode, mtime and size (lighttpd's default), and 304 for a matching
    # If-None-Match or If-Modified-Since: as a news site's static pages are served.
    echo "static-file.etags = \"enable\""
    if [ "$compression" = gzip ]; then
      echo "server.modules += ( \"mod_deflate\" )"
      echo "deflate.mimetypes = ( \"text/html\", \"application/xml\", \"text/plain\", \"text/css\" )"
      echo "deflate.allowed-encodings = ( \"gzip\" )"
      mkdir -p "$work/deflate"
      echo "deflate.cache-dir = \"$work/deflate\""
    fi
  } >"$work/lighttpd.conf"
  "$lighttpd" -D -f "$work/lighttpd.conf" 2>>"$work/$1.error.log" &
  server=$!
  i=0
  until curl_ok "$base/robots.txt"; do
    kill -0 "$server" 2>/dev/null || { cat "$work/$1.error.log" >&2; fail "lighttpd did not start"; }
    [ "$i" -lt 100 ] || fail "lighttpd did not answer within 10 s"
    sleep 0.1
    i=$((i + 1))
  done
}

# curl_ok URL: true when URL answers 200 (python3, so that curl is not needed).
curl_ok() {
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" \
    >/dev/null 2>&1
}

stop_server() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}

# run PHASE COMMAND...: runs a vigil-index command under /usr/bin/time -v; its stderr in
# $work/PHASE.log, the figures in $work/PHASE.time; its exit code in $status.
run() {
  phase=$1
  shift
  say "$phase: $*"
  status=0
  /usr/bin/time -v -o "$work/$phase.time" "$@" 2>"$work/$phase.log" || status=$?
  if [ "$status" -ge 2 ]; then
    tail -n 20 "$work/$phase.log" >&2
    fail "$phase: vigil-index exited with code $status (messages above, all in $work/$phase.log)"
  fi
}

# figures PHASE: one table row: wall s, CPU s, peak MiB, requests, 200, 304, 404, other, MB, floor.
figures() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + t[i] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%s %.2f %.0f", wall, cpu, rss / 1024 }' "$work/$1.time"
  # The first request of the log is start_server's probe.
  awk -v delay="$delay" 'NR > 1 {
      requests++; bytes += $3
      if ($1 == 200 || $1 == 304 || $1 == 404) count[$1]++; else other++ }
    END { printf " %d %d %d %d %d %.1f %.1f\n", requests, count[200], count[304], count[404], other,
            bytes / 1048576, requests * delay }' "$work/$1.access.log"
}

contact=http://127.0.0.1/vigil-update-bench
start_server crawl
run crawl "$indexer" crawl --db "$work/index" --contact "$contact" \
  --sitemap "$base/sitemap.xml" --max-pages 25000 --delay "$delay" --report "$work/crawl.json"
crawl_status=$status
stop_server
echo "crawl $(figures crawl)" >"$work/figures"

update_status=0
if [ "$crawl_only" -eq 0 ]; then
  say "changing the site: $changed edited, $added added, $removed removed"
  python3 -B scripts/bench/update_site.py change --site "$work/site" --changed "$changed" \
    --added "$added" --removed "$removed" >"$work/change.txt" || fail "changing the site failed"
  start_server update
  run update "$indexer" update --db "$work/index" --report "$work/report.json" --revisit-all \
    --delay "$delay"
  update_status=$status
  stop_server
  echo "update $(figures update)" >>"$work/figures"
fi

echo "Nightly update benchmark: $pages pages ($((site_bytes / 1048576)) MiB of files, compression" \
  "$compression) on lighttpd $("$lighttpd" -v 2>/dev/null | sed -n 's|^lighttpd/\([^ ]*\).*|\1|p')," \
  "127.0.0.1; --delay $delay s, one request at a time to the host; $(nproc 2>/dev/null || echo '?')" \
  "cores, load average $(uptime | sed 's/.*load average: //')"
awk 'BEGIN {
  printf "%-7s %8s %8s %7s %9s %7s %7s %5s %6s %8s %8s %6s\n", "phase", "wall s", "CPU s",
    "MiB", "requests", "200", "304", "404", "other", "MB sent", "floor s", "floor" }
{
  printf "%-7s %8.1f %8.1f %7d %9d %7d %7d %5d %6d %8.1f %8.1f %5.0f%%\n", $1, $2, $3, $4, $5,
    $6, $7, $8, $9, $10, $11, ($2 > 0 ? 100 * $11 / $2 : 0) }' "$work/figures"
echo "columns: CPU s = vigil-index user + sys; MiB = its peak RSS; requests by status from"
echo "  lighttpd's access log; MB sent = bytes the server sent, headers included; floor s ="
echo "  requests x delay / 1 per host, the least wall time the delay allows; floor = its share of"
echo "  the wall time (near 100%: the delay bounds the run; low: the crawler's CPU or the server)"
# summary PHASE: the run's summary line.
summary() { grep -e 'vigil-index: checked' -e 'vigil-index: fetched' "$work/$1.log" | tail -n 1 | sed 's/^.*vigil-index: //'; }
echo "crawl: $(summary crawl)"
if [ "$crawl_only" -eq 1 ]; then
  echo "update: not run (--crawl-only)"
else
  echo "site changes: $(cat "$work/change.txt")"
  echo "update: $(summary update)"
  echo "update report ($work/report.json):"
  python3 -m json.tool "$work/report.json" 2>/dev/null || cat "$work/report.json"
  value() { sed -n "s/.*\"$1\": *\([0-9][0-9]*\).*/\1/p" "$work/report.json" | head -n 1; }
  # A first 404 only marks a page; the next run that sees it again deletes its document.
  gone=$(($(value deleted) + $(value gone_pending)))
  if [ "$(value updated)" -ge "$changed" ] 2>/dev/null && [ "$(value new)" = "$added" ] &&
    [ "$gone" = "$removed" ]; then
    echo "check: the report shows the changes (updated >= $changed, new $added," \
      "deleted + 404 pending $removed)"
  else
    echo "check: NOT as expected: updated $(value updated) (>= $changed), new $(value new)" \
      "($added), deleted + 404 pending $gone ($removed)"
    update_status=1
  fi
fi
[ "$keep" -eq 0 ] || echo "work directory (kept): $work"
if [ "$crawl_status" -ne 0 ] || [ "$update_status" -ne 0 ]; then
  exit 1
fi
