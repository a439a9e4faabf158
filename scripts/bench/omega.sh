#!/bin/sh
# For comparison with scripts/bench/cgi.sh: Xapian Omega's CGI program (Debian package
# xapian-omega, not installed by scripts/setup.sh) under the same load. The corpus (JSON Lines,
# default the shared news corpus) is indexed with Omega's scriptindex (title, text and URL, English
# stemming, as omindex would; no entities, no facets), served by lighttpd on 127.0.0.1 and loaded
# by wrk with the same queries (?P=QUERY&DB=bench, Omega's default `query` template: ten hits
# with title, URL and snippet). Omega parses field queries (place:, date:) as plain words.
#   scripts/bench/omega.sh [--corpus FILE] [--work DIR] [--duration SECONDS] [--timeout SECONDS]
#                          [--connections N] [--threads N] [--queries FILE] [--repeat N]
# The Omega index is kept in --work (default $VIGIL_BENCH_WORK, else build/bench-query) as
# omega-NAME (NAME: the corpus file's name) and reused while the corpus is unchanged. Defaults as
# cgi.sh: 30 s, 10 s timeout, 16 connections, 2 threads, scripts/bench/queries.txt, 3 bare runs of each
# query (the omega binary run as a bare CGI process, as cgi.sh times vigil-search). Compare with
# `sh scripts/bench/cgi.sh --db DIR` on a Vigil index of the same corpus.
# Exit codes: 0 done, 1 some requests failed, 2 usage error, 3 a step failed (xapian-omega,
# lighttpd or wrk missing, indexing failed, the server did not start).
set -eu
cd "$(dirname "$0")/../.."

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "omega.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

shared=${VIGIL_SHARED_DIR:-../shared}
corpus="$shared/data/news_corpus/articles.jsonl.gz"
work=${VIGIL_BENCH_WORK:-build/bench-query}
duration=30
connections=16
timeout=10
threads=2
repeat=3
queries=scripts/bench/queries.txt
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus | --work | --duration | --timeout | --connections | --threads | --queries | --repeat)
      [ $# -ge 2 ] || { echo "omega.sh: error: $1 needs a value (see --help)" >&2; exit 2; }
      case "$1" in
        --corpus) corpus=$2 ;;
        --repeat) repeat=$2 ;;
        --work) work=$2 ;;
        --duration) duration=$2 ;;
        --timeout) timeout=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --queries) queries=$2 ;;
      esac
      shift 2
      ;;
    --help | -h) usage ;;
    *) echo "omega.sh: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$timeout" "$connections" "$threads" "$repeat"; do
  case "$n" in
    '' | *[!0-9]* | 0) echo "omega.sh: error: '$n' is not a positive count (see --help)" >&2; exit 2 ;;
  esac
done
[ -r "$queries" ] || { echo "omega.sh: error: no query file '$queries'" >&2; exit 2; }
[ -r "$corpus" ] || fail "no corpus at '$corpus'" "set VIGIL_SHARED_DIR or pass --corpus FILE"
omega=/usr/lib/cgi-bin/omega/omega
if [ ! -x "$omega" ] || ! command -v scriptindex >/dev/null 2>&1; then
  fail "Xapian Omega is not installed" "apt-get install xapian-omega"
fi
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
[ -x "$lighttpd" ] || fail "lighttpd is not installed" "run sh scripts/setup.sh"
command -v wrk >/dev/null 2>&1 || fail "wrk is not installed" "run sh scripts/setup.sh"

mkdir -p "$work"
work=$(cd "$work" && pwd)
name=$(basename "$corpus" | sed 's/\.gz$//; s/\.jsonl$//; s/[^A-Za-z0-9_-]/_/g')
dbs="$work/omega-$name"
key="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus") $(wc -c <"$corpus") $(date -r "$corpus" +%s)"
if [ -d "$dbs/bench" ] && [ "$(cat "$dbs/stamp" 2>/dev/null)" = "$key" ]; then
  echo "omega.sh: reusing $dbs/bench" >&2
else
  rm -rf "$dbs"
  mkdir -p "$dbs"
  echo "omega.sh: indexing $corpus with scriptindex into $dbs/bench" >&2
  # One record per article in scriptindex's input format (field=value lines, a blank line after
  # each record); line breaks in a value become spaces.
  cat >"$dbs/index.script" <<'EOF'
key : unique=Q boolean=Q
url : field=url
title : field=caption index=S index
text : index truncate=300 field=sample
EOF
  python3 - "$corpus" >"$dbs/records.txt" <<'EOF' || fail "reading '$corpus' failed"
import gzip, json, sys
opener = gzip.open if sys.argv[1].endswith(".gz") else open
with opener(sys.argv[1], "rt", encoding="utf-8") as f:
    for line in f:
        try:
            a = json.loads(line)
        except ValueError:
            continue
        key = str(a.get("url") or a.get("id") or "")
        if not key or not isinstance(a.get("title"), str) or not isinstance(a.get("body"), str):
            continue
        one = lambda s: " ".join(str(s).split())
        print(f"key={one(key)}\nurl={one(a.get('url') or '')}\ntitle={one(a['title'])}\n"
              f"text={one(a['body'])}\n")
EOF
  scriptindex "$dbs/bench" "$dbs/index.script" "$dbs/records.txt" >"$dbs/index.log" 2>&1 ||
    fail "scriptindex failed (see $dbs/index.log)"
  rm -f "$dbs/records.txt"
  echo "$key" >"$dbs/stamp"
fi

state=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$state"' EXIT
mkdir -p "$state/htdocs" "$state/log"
cat >"$state/omega.conf" <<EOF
database_dir $dbs
template_dir /usr/share/xapian-omega/templates
log_dir $state/log
EOF
started=""
for port in $(seq 8180 8199); do
  cat >"$state/lighttpd.conf" <<EOF
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$state/htdocs"
server.pid-file = "$state/lighttpd.pid"
server.errorlog = "$state/error.log"
server.modules = ( "mod_alias", "mod_cgi", "mod_setenv" )
\$HTTP["url"] =~ "^/omega(/|\$)" {
  alias.url = ( "/omega" => "$omega" )
  cgi.assign = ( "" => "" )
  setenv.add-environment = ( "OMEGA_CONFIG_FILE" => "$state/omega.conf" )
}
EOF
  if "$lighttpd" -f "$state/lighttpd.conf" 2>"$state/start.log"; then
    started=$port
    break
  fi
  grep -q "Address already in use" "$state/start.log" || { cat "$state/start.log" >&2; fail "lighttpd did not start"; }
done
[ -n "$started" ] || fail "no free port among 8180-8199"
pid=$(cat "$state/lighttpd.pid")
url="http://127.0.0.1:$started/omega"
status=$(curl -s -o "$state/probe.html" -w '%{http_code}' "$url?DB=bench&P=refugees" || true)
if [ "$status" != 200 ] || ! grep -q "refugee" "$state/probe.html"; then
  fail "Omega answered HTTP $status without results (see $state/error.log)"
fi

count=$(grep -v '^#' "$queries" | grep -c -v '^$' || true)
docs=$(xapian-delve -1 "$dbs/bench" 2>/dev/null | sed -n 's/^number of documents = //p' || true)
load_before=$(uptime | sed 's/.*load average: //')
echo "omega.sh: $duration s of wrk, $connections connections, on $url ($docs documents)" >&2
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout "${timeout}s" \
  -s scripts/bench/cgi.lua "$url" -- \
  "$queries" "DB=bench" "P" >"$state/wrk.txt" 2>&1 || { cat "$state/wrk.txt" >&2; fail "wrk failed"; }
value() { sed -n "s/^$1 //p" "$state/wrk.txt"; }
errors=$(($(value non2xx) + $(value socket_errors)))
echo "Omega benchmark: omega $(dpkg-query -W -f='${Version}' xapian-omega 2>/dev/null) behind" \
  "lighttpd, default query template; $docs documents; $count queries; load average $load_before" \
  "(before), $(uptime | sed 's/.*load average: //') (after)"
printf "under load (wrk, %s s, %s connections):\n" "$duration" "$connections"
printf "  requests/s        %10.1f   (%s requests)\n" "$(value rps)" "$(value requests)"
printf "  errors            %10s   (not 2xx: %s; socket errors %s, timeouts %s)\n" "$errors" \
  "$(value non2xx)" "$(value socket_errors)" "$(value timeouts)"
printf "  latency median    %10.1f ms\n" "$(value latency_median_ms)"
printf "  latency p90       %10.1f ms\n" "$(value latency_p90_ms)"
printf "  latency p99       %10.1f ms\n" "$(value latency_p99_ms)"
printf "  latency max       %10.1f ms\n" "$(value latency_max_ms)"
# The bare CGI process, as cgi.sh times vigil-search's: every query --repeat times.
python3 -B scripts/bench/cgi_process.py --param P --env "OMEGA_CONFIG_FILE=$state/omega.conf" \
  "$omega" "" "$queries" "$repeat" "DB=bench" >"$state/bare.txt" || fail "timing the bare process failed"
bare() { sed -n "s/^$1 //p" "$state/bare.txt"; }
printf "bare CGI process (%s runs, %s failed), per request:\n" "$(bare runs)" "$(bare errors)"
printf "  wall median       %10.1f ms   p95 %.1f ms\n" "$(bare wall_median_ms)" "$(bare wall_p95_ms)"
printf "  CPU median        %10.1f ms   p95 %.1f ms\n" "$(bare cpu_median_ms)" "$(bare cpu_p95_ms)"
printf "  CPU mean          %10.1f ms\n" "$(bare cpu_mean_ms)"
[ "$errors" -eq 0 ] || exit 1
