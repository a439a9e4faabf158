#!/bin/sh
# Vigil against the engines a user might pick instead, on one corpus, in one table.
#   scripts/bench/compare.sh [--pages N] [--work DIR] [--queries FILE] [--groups LIST]
#                            [--repeat N] [--process-repeat N] [--json FILE]
# 1. Corpus: --pages (default 20000) article pages of the shared news corpus as a static HTML site
#    (scripts/bench/update_site.py build: realistic template, plus a home page, 8 section pages,
#    robots.txt and a sitemap), and the text each article page was built from (url, title, text)
#    as JSON Lines: the input of the engines that take extracted text.
# 2. Indexing into fresh directories, each run under /usr/bin/time (wall, peak RSS):
#    vigil      `vigil-index add -q` on the site: extraction, entities, index;
#    omindex    Omega's `omindex --url /` on the site (it indexes every page it can read, the list
#               pages too, and the whole text of a page: navigation, related links, footer);
#    fts5       the sqlite3 CLI loading the text (CSV written from the JSON Lines beforehand, not
#               timed) into an fts5 table (url UNINDEXED, title, body), tokenizer porter unicode61;
#    minimal    vigil-min-index (tests/bench/min_index.cc): Xapian's TermGenerator on the text,
#               as omindex indexes a page, one commit: the engine's own bound.
#    MB/s counts the input: the .html files' bytes, or the JSON Lines' bytes for fts5 and minimal.
#    Bytes per document: the index directory's (or file's) bytes over its documents.
# 3. Queries: the groups --groups (default "words,several words,phrases,boolean": what every engine
#    can run; Omega and FTS5 know nothing of Vigil's fields and facets) of --queries (default
#    scripts/bench/queries.txt), every engine with its default operator AND. In-process: Vigil's
#    Searcher (vigil-query-bench: parse, match, exact facet counts, snippets) and FTS5
#    (scripts/bench/fts5_query.py: bm25, snippet(), top 10; queries translated to FTS5's syntax,
#    the untranslatable ones dropped and counted), --repeat (default 10) runs per query. As a
#    bare CGI process (scripts/bench/cgi_process.py): vigil-search and Omega's omega (default
#    `query` template), --process-repeat (default 3) runs per query, in alternating passes over
#    the queries (Vigil, Omega, Vigil, ...) so that the machine's changes of speed fall on both.
#    Median and p95 over all runs.
# 4. Prints one table and the targets' ratios with PASS/FAIL; --json FILE writes them as JSON too.
# The work directory (--work DIR; default a temporary one, removed at the end) holds the site and
# the indexes; compare.sh replaces only what it writes there. Builds Release first (sh
# scripts/build.sh); VIGIL_BUILD=DIR uses the binaries of an existing build tree instead (if it
# lacks vigil-min-index, that one is compiled into the work directory with c++). Reads the shared
# data from ../shared or $VIGIL_SHARED_DIR. Installs xapian-omega, xapian-tools and sqlite3 when
# missing and run as root. Takes minutes (about 5 on an idle 2-core machine).
# Exit codes: 0 done, every target met; 1 done, a target missed or some CGI runs failed; 2 usage
# error; 3 a step failed (build, a missing tool, site, indexing, queries).
set -eu
cd "$(dirname "$0")/../.."

usage() {
  sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

usage_error() {
  echo "compare.sh: error: $1 (see --help)" >&2
  exit 2
}

fail() {
  echo "compare.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

say() { echo "compare.sh: $*" >&2; }

shared=${VIGIL_SHARED_DIR:-../shared}
pages=20000
work=""
queries=scripts/bench/queries.txt
groups="words,several words,phrases,boolean"
repeat=10
process_repeat=3
json=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pages | --work | --queries | --groups | --repeat | --process-repeat | --json)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --pages) pages=$2 ;;
        --work) work=$2 ;;
        --queries) queries=$2 ;;
        --groups) groups=$2 ;;
        --repeat) repeat=$2 ;;
        --process-repeat) process_repeat=$2 ;;
        --json) json=$2 ;;
      esac
      shift 2
      ;;
    --help | -h) usage ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
for n in "$pages" "$repeat" "$process_repeat"; do
  case "$n" in
    '' | *[!0-9]* | 0) usage_error "'$n' is not a positive count" ;;
  esac
done
[ -r "$queries" ] || usage_error "no query file '$queries'"
[ -d "$shared/data/news_corpus" ] || fail "no shared data at '$shared'" \
  "set VIGIL_SHARED_DIR to the shared folder"

# The peers: installed here when missing and run as root, else a hint.
missing=""
if [ ! -x /usr/lib/cgi-bin/omega/omega ] || ! command -v omindex >/dev/null 2>&1; then
  missing="$missing xapian-omega"
fi
command -v xapian-delve >/dev/null 2>&1 || missing="$missing xapian-tools"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing$missing"
    # shellcheck disable=SC2086  # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null ||
      fail "apt-get install$missing failed" "run apt-get update first"
  else
    fail "missing:$missing" "sudo apt-get install$missing (or run sh scripts/setup.sh)"
  fi
fi
python3 -c 'import sqlite3' 2>/dev/null || fail "Python has no sqlite3 module" \
  "install Debian's python3 (its sqlite3 module uses the system libsqlite3)"

if [ -n "${VIGIL_BUILD:-}" ]; then
  build=$VIGIL_BUILD
else
  sh scripts/build.sh >/dev/null || fail "the Release build failed" "run sh scripts/build.sh"
  build=build
fi
build=$(cd "$build" && pwd) || fail "no build tree at '$build'"
for bin in indexer/vigil-index searcher/vigil-search tests/bench/vigil-query-bench; do
  [ -x "$build/$bin" ] || fail "no binary at '$build/$bin'" "run sh scripts/build.sh"
done

if [ -n "$work" ]; then
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  tmp=""
else
  tmp=$(mktemp -d)
  work=$tmp
fi
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT
rm -rf "$work/site" "$work/site-state.json" "$work/text.jsonl" "$work/text.csv" \
  "$work/vigil" "$work/omega" "$work/minimal" "$work/fts5.db" "$work/fts5.db-journal" \
  "$work/results"
min_index="$build/tests/bench/vigil-min-index"
if [ ! -x "$min_index" ]; then
  min_index="$work/vigil-min-index"
  say "no vigil-min-index in $build: compiling tests/bench/min_index.cc into $work"
  # shellcheck disable=SC2046  # pkg-config's words are the flags
  c++ -std=c++20 -O3 -DNDEBUG tests/bench/min_index.cc $(pkg-config --cflags --libs xapian-core) \
    -lsimdjson -o "$min_index" || fail "compiling vigil-min-index failed" \
    "install libxapian-dev and libsimdjson-dev (sh scripts/setup.sh)"
fi

# "key value" lines, the source of the table and of --json.
result() { echo "$1 $2" >>"$work/results"; }
value() { sed -n "s/^$1 //p" "$work/results" | tail -1; }
load_before=$(uptime | sed 's/.*load average: //')
result date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result load_before "$load_before"

say "writing $pages pages into $work/site"
python3 -B scripts/bench/update_site.py build --shared "$shared" --site "$work/site" \
  --base-url http://127.0.0.1:8080 --pages "$pages" --reserve 0 --text "$work/text.jsonl" \
  >"$work/site.log" || fail "building the site failed (see $work/site.log)"
html_bytes=$(find "$work/site" -name '*.html' -type f -printf '%s\n' |
  awk '{ s += $1 } END { print s }')
text_bytes=$(wc -c <"$work/text.jsonl")
result html_bytes "$html_bytes"
result text_bytes "$text_bytes"

# timed NAME COMMAND...: runs COMMAND under /usr/bin/time (stdout and stderr to $work/NAME.log)
# and records NAME's peak RSS (KiB), wall, user and system seconds. The command's exit code is
# returned.
timed() {
  name=$1
  shift
  code=0
  /usr/bin/time -f '%M %e %U %S' -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || code=$?
  read -r rss wall user system <"$work/$name.time" ||
    fail "no timing for $name (see $work/$name.time)"
  result "${name}_rss_kib" "$rss"
  result "${name}_wall_s" "$wall"
  result "${name}_cpu_s" "$(echo "$user $system" | awk '{ print $1 + $2 }')"
  return "$code"
}

# documents NAME COUNT: records NAME's document count, which must be positive.
documents() {
  case "$2" in
    '' | *[!0-9]* | 0) fail "the $1 index holds no documents (see $work/$1.log)" ;;
  esac
  result "$1_docs" "$2"
}

delve_docs() { xapian-delve -1 "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

say "indexing with vigil-index (extraction, entities, index)"
timed vigil "$build/indexer/vigil-index" add -q --db "$work/vigil" "$work/site" || [ $? -eq 1 ] ||
  fail "vigil-index failed (see $work/vigil.log)"
documents vigil "$(delve_docs "$work/vigil")"
result vigil_bytes "$(du -sb "$work/vigil" | cut -f1)"
result vigil_input "$html_bytes"

say "indexing with omindex"
timed omega omindex --db "$work/omega" --url / "$work/site" ||
  fail "omindex failed (see $work/omega.log)"
documents omega "$(delve_docs "$work/omega")"
result omega_bytes "$(du -sb "$work/omega" | cut -f1)"
result omega_input "$html_bytes"

say "loading the text into SQLite FTS5"
python3 - "$work/text.jsonl" "$work/text.csv" <<'EOF' || fail "writing the CSV failed"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", newline="",
                                                       encoding="utf-8") as out:
    writer = csv.writer(out)
    for line in f:
        a = json.loads(line)
        writer.writerow([a["url"], a["title"], a["text"]])
EOF
cat >"$work/fts5.sql" <<'EOF'
CREATE VIRTUAL TABLE docs USING fts5(url UNINDEXED, title, body, tokenize = 'porter unicode61');
.import --csv text.csv docs
EOF
(cd "$work" && timed fts5 sqlite3 -bail fts5.db ".read fts5.sql") ||
  fail "the FTS5 load failed (see $work/fts5.log)"
documents fts5 "$(sqlite3 "$work/fts5.db" 'SELECT count(*) FROM docs')"
result fts5_bytes "$(wc -c <"$work/fts5.db")"
result fts5_input "$text_bytes"

say "indexing with vigil-min-index"
timed minimal "$min_index" --db "$work/minimal" "$work/text.jsonl" || [ $? -eq 1 ] ||
  fail "vigil-min-index failed (see $work/minimal.log)"
documents minimal "$(delve_docs "$work/minimal")"
result minimal_bytes "$(du -sb "$work/minimal" | cut -f1)"
result minimal_input "$text_bytes"

# The query groups asked for, in file order.
echo "$groups" | tr ',' '\n' >"$work/groups"
awk 'NR == FNR { want[$0]; next }
     /^#/ { kind = substr($0, 2); sub(/^ +/, "", kind); next }
     /^$/ { next }
     kind in want' "$work/groups" "$queries" >"$work/queries.txt"
count=$(wc -l <"$work/queries.txt")
[ "$count" -gt 0 ] || usage_error "no queries of the groups '$groups' in '$queries'"
result queries "$count"

say "timing $count queries: Vigil in-process"
"$build/tests/bench/vigil-query-bench" --db "$work/vigil" --queries "$work/queries.txt" \
  --repeat "$repeat" >"$work/vigil-inproc.txt" || fail "vigil-query-bench failed"
# shellcheck disable=SC2046  # the fields become $1...
set -- $(grep "	all$" "$work/vigil-inproc.txt")
result vigil_inproc_median_ms "$1"
result vigil_inproc_p95_ms "$2"

say "timing $count queries: SQLite FTS5 in-process"
python3 -B scripts/bench/fts5_query.py "$work/fts5.db" "$work/queries.txt" "$repeat" \
  >"$work/fts5-inproc.txt" || fail "timing FTS5 failed"
fts() { sed -n "s/^$1 //p" "$work/fts5-inproc.txt"; }
result fts5_inproc_median_ms "$(fts wall_median_ms)"
result fts5_inproc_p95_ms "$(fts wall_p95_ms)"
result fts5_dropped "$(fts dropped)"

# The two CGI programs are timed in alternating passes over the queries (one run of each query
# per pass, Vigil then Omega), so that a slower spell of the shared machine slows both.
say "timing $count queries: vigil-search and Omega's omega as CGI processes, $process_repeat" \
  "alternating passes"
echo "db = $work/vigil" >"$work/vigil-search.conf"
mkdir -p "$work/omega-log"
printf 'database_dir %s\ntemplate_dir %s\nlog_dir %s\n' "$work" \
  /usr/share/xapian-omega/templates "$work/omega-log" >"$work/omega.conf"
: >"$work/vigil.samples"
: >"$work/omega.samples"
pass=1
while [ "$pass" -le "$process_repeat" ]; do
  python3 -B scripts/bench/cgi_process.py --samples "$work/vigil.samples" \
    "$build/searcher/vigil-search" "$work/vigil-search.conf" "$work/queries.txt" 1 \
    >"$work/vigil-cgi-pass$pass.txt" || fail "timing vigil-search failed"
  python3 -B scripts/bench/cgi_process.py --samples "$work/omega.samples" --param P \
    --env "OMEGA_CONFIG_FILE=$work/omega.conf" /usr/lib/cgi-bin/omega/omega "" \
    "$work/queries.txt" 1 DB=omega >"$work/omega-cgi-pass$pass.txt" || fail "timing omega failed"
  pass=$((pass + 1))
done
python3 -B scripts/bench/cgi_process.py --summarise "$work/vigil.samples" >"$work/vigil-cgi.txt"
python3 -B scripts/bench/cgi_process.py --summarise "$work/omega.samples" >"$work/omega-cgi.txt"
cgi() { sed -n "s/^$2 //p" "$work/$1-cgi.txt"; }
for engine in vigil omega; do
  result "${engine}_cgi_median_ms" "$(cgi "$engine" wall_median_ms)"
  result "${engine}_cgi_p95_ms" "$(cgi "$engine" wall_p95_ms)"
  result "${engine}_cgi_cpu_median_ms" "$(cgi "$engine" cpu_median_ms)"
  result "${engine}_cgi_errors" "$(cgi "$engine" errors)"
done
result load_after "$(uptime | sed 's/.*load average: //')"

python_sqlite=$(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')
cli_sqlite=$(sqlite3 --version | cut -d' ' -f1)
echo "Vigil against Omega, SQLite FTS5 and a minimal Xapian indexer, $(value date); $(nproc)" \
  "cores, load average $load_before (before), $(value load_after) (after)"
echo "corpus: $pages article pages, $(value html_bytes) bytes of HTML ($(find "$work/site" \
  -name '*.html' | wc -l) .html files); their text as JSON Lines, $text_bytes bytes"
echo "versions: $("$build/indexer/vigil-index" --version 2>/dev/null | head -1); omega" \
  "$(dpkg-query -W -f='${Version}' xapian-omega 2>/dev/null || echo '?'); sqlite $cli_sqlite" \
  "(CLI), $python_sqlite (Python module); Xapian" \
  "$(pkg-config --modversion xapian-core 2>/dev/null || echo '?')"
[ "$python_sqlite" = "$cli_sqlite" ] ||
  echo "note: Python's sqlite3 module is not the CLI's library: FTS5 loads and queries differ"
echo "queries: $count ($groups) from $queries; in-process $repeat runs, CGI $process_repeat" \
  "runs per query; FTS5 dropped $(value fts5_dropped); CGI runs failed: Vigil" \
  "$(value vigil_cgi_errors), Omega $(value omega_cgi_errors)"
echo
# wall and CPU (user + sys) seconds of the indexing run; query times in ms.
printf "%-21s %6s %6s %6s %6s %6s %6s %9s %7s %6s %7s %6s\n" "engine / run" "docs" "wall s" \
  "cpu s" "docs/s" "MB/s" "MiB" "bytes/doc" "inproc" "p95" "CGI" "p95"
row() {  # row LABEL NAME: one engine's line; "-" where a figure does not apply
  awk -v label="$1" -v docs="$(value "$2_docs")" -v wall="$(value "$2_wall_s")" \
    -v cpu="$(value "$2_cpu_s")" -v input="$(value "$2_input")" -v rss="$(value "$2_rss_kib")" \
    -v bytes="$(value "$2_bytes")" -v im="$(value "$2_inproc_median_ms")" \
    -v ip="$(value "$2_inproc_p95_ms")" -v cm="$(value "$2_cgi_median_ms")" \
    -v cp="$(value "$2_cgi_p95_ms")" '
    function ms(v) { return v == "" ? "-" : sprintf("%.2f", v) }
    BEGIN {
      if (wall <= 0) wall = 0.01  # /usr/bin/time counts hundredths
      printf "%-21s %6d %6.1f %6.1f %6.0f %6.2f %6.0f %9.0f %7s %6s %7s %6s\n", label, docs, wall,
        cpu, docs / wall, input / 1048576 / wall, rss / 1024, bytes / docs, ms(im), ms(ip), ms(cm),
        ms(cp) }'
}
row "Vigil (HTML)" vigil
row "Omega omindex (HTML)" omega
row "SQLite FTS5 (text)" fts5
row "minimal Xapian (text)" minimal
echo "(MiB: peak RSS while indexing; inproc and CGI: query median and p95 in ms; CGI CPU median:" \
  "Vigil $(value vigil_cgi_cpu_median_ms) ms, Omega $(value omega_cgi_cpu_median_ms) ms)"
# target LABEL A B C D OP LIMIT: the figure (A / B) / (C / D) against its target.
target() { echo "$2 $3 $4 $5 $6 $7 $1"; }
{
  target "Vigil docs/s / omindex docs/s" "$(value vigil_docs)" "$(value vigil_wall_s)" \
    "$(value omega_docs)" "$(value omega_wall_s)" ">=" 1.2
  target "Vigil docs/s / minimal docs/s" "$(value vigil_docs)" "$(value vigil_wall_s)" \
    "$(value minimal_docs)" "$(value minimal_wall_s)" ">=" 0.6
  target "Vigil bytes/doc / Omega bytes/doc" "$(value vigil_bytes)" "$(value vigil_docs)" \
    "$(value omega_bytes)" "$(value omega_docs)" "<=" 1.3
  target "Vigil CGI median / Omega CGI median" "$(value vigil_cgi_median_ms)" 1 \
    "$(value omega_cgi_median_ms)" 1 "<=" 1
  target "Vigil CGI median, ms" "$(value vigil_cgi_median_ms)" 1 1 1 "<=" 15
  target "Vigil in-process median, ms" "$(value vigil_inproc_median_ms)" 1 1 1 "<=" 5
} | awk -v tsv="$work/targets.tsv" '{
  label = $7; for (i = 8; i <= NF; ++i) label = label " " $i
  for (i = 1; i <= 4; ++i) if ($i <= 0) $i = 0.01  # below the 0.01 s /usr/bin/time resolves
  v = ($1 / $2) / ($3 / $4)
  pass = ($5 == ">=") ? v >= $6 : v <= $6
  printf "%-38s %8.2f  target %s %-4s %s\n", label, v, $5, $6, pass ? "PASS" : "FAIL"
  print label "\t" v "\t" $5 "\t" $6 "\t" (pass ? "PASS" : "FAIL") > tsv
}'

if [ -n "$json" ]; then
  python3 - "$work/results" "$work/targets.tsv" >"$json" <<'EOF' || fail "writing '$json' failed"
import json, sys
results = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        key, _, value = line.rstrip("\n").partition(" ")
        try:
            results[key] = float(value) if "." in value else int(value)
        except ValueError:
            results[key] = value
targets = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        label, value, op, target, verdict = line.rstrip("\n").split("\t")
        targets.append({"ratio": label, "value": float(value), "op": op, "target": float(target),
                        "verdict": verdict})
print(json.dumps({"results": results, "targets": targets}, indent=2))
EOF
fi
if grep -q "FAIL$" "$work/targets.tsv" || [ "$(value vigil_cgi_errors)" -gt 0 ] ||
  [ "$(value omega_cgi_errors)" -gt 0 ]; then
  exit 1
fi
