#!/bin/sh
# Behaviour of scripts/nightly.sh with a fake vigil-index: a stub placed in VIGIL_BIN_DIR that
# records its command lines, writes a report for --report and exits with the code it is told
# (STUB_UPDATE_EXIT, STUB_COMPACT_EXIT). Checks: silent on 0; one line naming the report on 1;
# the error and a non-zero exit on 2 and 3; no compaction after a failed update; the newest
# VIGIL_KEEP_REPORTS reports kept; compaction only on its weekday; XAPIAN_MAX_CHANGESETS from
# VIGIL_MAX_CHANGESETS; the configuration file, the environment over it, and bad settings.
#   tests/ops/nightly_test.sh [SOURCE_DIR]
# Exit codes: 0 all pass, 1 a check failed (each failure is printed).
set -eu
source_dir=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
nightly=$source_dir/scripts/nightly.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

mkdir "$work/bin" "$work/index"
cat >"$work/bin/vigil-index" <<'EOF'
#!/bin/sh
# A fake vigil-index for tests/ops/nightly_test.sh.
echo "$*" >>"$STUB_CALLS"
echo "$1 XAPIAN_MAX_CHANGESETS=${XAPIAN_MAX_CHANGESETS-unset}" >>"$STUB_CALLS.env"
command=$1
report=""
while [ $# -gt 0 ]; do
  if [ "$1" = --report ]; then report=$2; fi
  shift
done
case "$command" in
  update)
    code=${STUB_UPDATE_EXIT:-0}
    [ -z "$report" ] || printf '{"checked": 120, "unchanged": 100, "updated": 10, "new": 5, "deleted": 2, "failed": %d, "disallowed": 0, "bytes": 1000, "requests": 125, "seconds": 3.5}\n' \
      "$([ "$code" -eq 1 ] && echo 3 || echo 0)" >"$report"
    case "$code" in
      1) echo "vigil-index: warning: http://127.0.0.1/a: HTTP 503 after 3 tries, skipped" >&2 ;;
      2) echo "vigil-index: error: invalid --revisit-min 'x': expected days" >&2 ;;
      3) echo "vigil-index: error: the index is locked by another indexer (pid 42)" >&2
         echo "hint: wait for it, or pass --wait-lock SECONDS" >&2 ;;
    esac
    exit "$code" ;;
  compact)
    code=${STUB_COMPACT_EXIT:-0}
    [ "$code" -eq 0 ] || echo "vigil-index: error: cannot write the new database: No space left on device" >&2
    exit "$code" ;;
esac
echo "vigil-index: error: unknown command '$command'" >&2
exit 2
EOF
chmod +x "$work/bin/vigil-index"
: >"$work/empty.conf"

today=$(date +%u)
other_day=$((today % 7 + 1))

# nightly [VAR=VALUE...]: runs nightly.sh with a clean environment plus the assignments, and the
# words of $args as its arguments (then cleared); leaves its exit code in $code, its stdout in
# $work/out, stderr in $work/err, the stub's calls in $work/calls. Reports go to $work/reports
# unless VIGIL_REPORT_DIR is given.
args=""
nightly() {
  : >"$work/calls"
  : >"$work/calls.env"
  code=0
  # shellcheck disable=SC2086  # $args: a list of simple options
  env -i PATH="/usr/bin:/bin" STUB_CALLS="$work/calls" VIGIL_NIGHTLY_CONFIG="$work/empty.conf" \
    VIGIL_BIN_DIR="$work/bin" VIGIL_DB="$work/index" VIGIL_REPORT_DIR="$work/reports" \
    VIGIL_COMPACT_WEEKDAY=never "$@" sh "$nightly" $args >"$work/out" 2>"$work/err" || code=$?
  args=""
}

check() {  # check DESCRIPTION COMMAND...: counts a failure (with the run's output) unless it holds
  description=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    failures=$((failures + 1))
    echo "FAIL: $description (exit code $code)" >&2
    sed 's/^/  stdout: /' "$work/out" >&2
    sed 's/^/  stderr: /' "$work/err" >&2
  fi
}

empty() { [ ! -s "$1" ]; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }
has() { grep -q -e "$2" "$1"; }
lacks() { ! grep -q -e "$2" "$1"; }
reports() { find "$work/reports" -name "$1" | wc -l; }

# --- exit codes and output ----------------------------------------------------------------------
nightly STUB_UPDATE_EXIT=0
check "exit 0: nightly.sh exits 0" [ "$code" -eq 0 ]
check "exit 0: nothing on stdout" empty "$work/out"
check "exit 0: nothing on stderr" empty "$work/err"
check "exit 0: one report written" [ "$(reports 'update-*.json')" -eq 1 ]
check "exit 0: no log beside it (the update printed nothing)" [ "$(reports 'update-*.log')" -eq 0 ]
check "the update runs quietly with a report and the lock wait" \
  has "$work/calls" "^update --db $work/index --quiet --report $work/reports/update-[0-9]\{8\}-[0-9]\{6\}[-0-9]*\.json --wait-lock 3600\$"

nightly VIGIL_WAIT_LOCK=0 VIGIL_COMPACT_WEEKDAY="$today"
check "VIGIL_WAIT_LOCK=0: no --wait-lock option" lacks "$work/calls" "wait-lock"

nightly STUB_UPDATE_EXIT=1
check "exit 1: nightly.sh exits 1" [ "$code" -eq 1 ]
check "exit 1: nothing on stdout" empty "$work/out"
check "exit 1: one line on stderr" lines "$work/err" 1
check "exit 1: the line names the report file" has "$work/err" "$work/reports/update-[0-9-]*\.json"
check "exit 1: the line gives the failed count" has "$work/err" "3 of 120 pages checked failed"
check "exit 1: the update's messages are kept in a log" [ "$(reports 'update-*.log')" -eq 1 ]

nightly STUB_UPDATE_EXIT=3 VIGIL_COMPACT_WEEKDAY="$today"
check "exit 3: nightly.sh exits 3" [ "$code" -eq 3 ]
check "exit 3: nothing on stdout" empty "$work/out"
check "exit 3: vigil-index's error is shown" has "$work/err" "the index is locked by another indexer"
check "exit 3: nightly.sh's error and hint follow" has "$work/err" "^hint: .*VIGIL_WAIT_LOCK"
check "exit 3: no compaction after a failed update" lacks "$work/calls" "^compact"

nightly STUB_UPDATE_EXIT=2
check "exit 2: nightly.sh exits 2" [ "$code" -eq 2 ]
check "exit 2: vigil-index's error is shown" has "$work/err" "invalid --revisit-min"

nightly STUB_UPDATE_EXIT=137
check "killed update: nightly.sh exits 3" [ "$code" -eq 3 ]
check "killed update: the exit code is named" has "$work/err" "exit code 137"

# --- compaction ----------------------------------------------------------------------------------
nightly VIGIL_COMPACT_WEEKDAY="$today"
check "compaction day: exit 0, silent" [ "$code" -eq 0 ]
check "compaction day: exit 0, silent" empty "$work/err"
check "compaction day: exit 0, silent" empty "$work/out"
check "compaction day: compact runs after the update" \
  [ "$(sed 's/ .*//' "$work/calls" | tr '\n' ' ')" = "update compact " ]
check "compaction day: compact waits for the lock too" \
  has "$work/calls" "^compact --db $work/index --wait-lock 3600\$"
names="mon tue wed thu fri sat sun"
today_name=$(echo "$names" | cut -d ' ' -f "$today")
nightly VIGIL_COMPACT_WEEKDAY="$(echo "$today_name" | tr '[:lower:]' '[:upper:]')"
check "compaction day by name ($today_name, any case)" has "$work/calls" "^compact"
nightly VIGIL_COMPACT_WEEKDAY="$other_day"
check "another day: no compaction" lacks "$work/calls" "^compact"
nightly VIGIL_COMPACT_WEEKDAY=never
check "never: no compaction" lacks "$work/calls" "^compact"
nightly VIGIL_COMPACT_WEEKDAY="$today" STUB_COMPACT_EXIT=3
check "compaction fails: exit 3" [ "$code" -eq 3 ]
check "compaction fails: its error is shown" has "$work/err" "No space left on device"
nightly VIGIL_COMPACT_WEEKDAY="$today" STUB_UPDATE_EXIT=1
check "pages failed, then compaction: exit 1, one line" [ "$code" -eq 1 ]
check "pages failed, then compaction: exit 1, one line" lines "$work/err" 1
check "pages failed, then compaction: compact runs" has "$work/calls" "^compact"

# --- changesets for replicas -------------------------------------------------------------------
nightly VIGIL_COMPACT_WEEKDAY="$today"
check "no VIGIL_MAX_CHANGESETS: XAPIAN_MAX_CHANGESETS stays unset" \
  [ "$(cat "$work/calls.env")" = "update XAPIAN_MAX_CHANGESETS=unset
compact XAPIAN_MAX_CHANGESETS=unset" ]
nightly VIGIL_MAX_CHANGESETS=40
check "VIGIL_MAX_CHANGESETS=40: vigil-index runs with XAPIAN_MAX_CHANGESETS=40" \
  has "$work/calls.env" "^update XAPIAN_MAX_CHANGESETS=40\$"
nightly XAPIAN_MAX_CHANGESETS=7
check "no VIGIL_MAX_CHANGESETS: XAPIAN_MAX_CHANGESETS of the environment passed on" \
  has "$work/calls.env" "^update XAPIAN_MAX_CHANGESETS=7\$"
nightly VIGIL_MAX_CHANGESETS=many
check "bad VIGIL_MAX_CHANGESETS: exit 2 naming it" [ "$code" -eq 2 ]
check "bad VIGIL_MAX_CHANGESETS: exit 2 naming it" has "$work/err" "VIGIL_MAX_CHANGESETS 'many'"

# --- report rotation -----------------------------------------------------------------------------
rm -rf "$work/reports"
mkdir "$work/reports"
i=10
while [ "$i" -lt 80 ]; do  # 70 old reports, each with a log, from the year 2000
  : >"$work/reports/update-20000101-0000$i.json"
  : >"$work/reports/update-20000101-0000$i.log"
  i=$((i + 1))
done
: >"$work/reports/unrelated.txt"
nightly VIGIL_KEEP_REPORTS=60
check "rotation: silent" [ "$code" -eq 0 ]
check "rotation: silent" empty "$work/err"
check "rotation: 60 reports kept" [ "$(reports 'update-*.json')" -eq 60 ]
check "rotation: the oldest are gone" [ ! -e "$work/reports/update-20000101-000020.json" ]
check "rotation: their logs too" [ ! -e "$work/reports/update-20000101-000020.log" ]
check "rotation: the 59 newest old ones stay" [ -e "$work/reports/update-20000101-000021.json" ]
check "rotation: the new report stays" \
  [ "$(find "$work/reports" -name "update-2[1-9]*.json" -o -name "update-20[1-9]*.json" | wc -l)" -eq 1 ]
check "rotation: other files are left alone" [ -e "$work/reports/unrelated.txt" ]
nightly VIGIL_KEEP_REPORTS=5
check "rotation: down to 5" [ "$(reports 'update-*.json')" -eq 5 ]
check "rotation: logs of deleted reports are gone" [ "$(reports 'update-2000*.log')" -eq 3 ]

# --- configuration -------------------------------------------------------------------------------
mkdir "$work/elsewhere"
cat >"$work/nightly.conf" <<EOF
# a comment
  VIGIL_REPORT_DIR="$work/elsewhere"

VIGIL_WAIT_LOCK=15
VIGIL_UPDATE_OPTIONS='--revisit-max 14'
EOF
nightly VIGIL_NIGHTLY_CONFIG="$work/nightly.conf" VIGIL_REPORT_DIR=
check "configuration file: exit 0" [ "$code" -eq 0 ]
check "configuration file: values used" \
  has "$work/calls" "^update .*--report $work/elsewhere/update-.*--wait-lock 15 --revisit-max 14\$"
nightly VIGIL_NIGHTLY_CONFIG="$work/nightly.conf" VIGIL_WAIT_LOCK=99
check "the environment wins over the file" has "$work/calls" "--wait-lock 99 "
args=--print-config
nightly VIGIL_NIGHTLY_CONFIG="$work/nightly.conf" VIGIL_REPORT_DIR=
check "--print-config: the settings on stdout" has "$work/out" "^VIGIL_WAIT_LOCK=15\$"
check "--print-config: the update does not run" empty "$work/calls"
printf 'VIGIL_DB=/x\nVIGIL_WAITLOCK=5\n' >"$work/bad.conf"
nightly VIGIL_NIGHTLY_CONFIG="$work/bad.conf"
check "unknown setting: exit 2" [ "$code" -eq 2 ]
check "unknown setting: file and line named" has "$work/err" "bad.conf:2: unknown setting 'VIGIL_WAITLOCK'"
nightly VIGIL_COMPACT_WEEKDAY=sundays
check "bad weekday: exit 2 naming it" [ "$code" -eq 2 ]
check "bad weekday: exit 2 naming it" has "$work/err" "'sundays'"
nightly VIGIL_KEEP_REPORTS=0
check "bad VIGIL_KEEP_REPORTS: exit 2" [ "$code" -eq 2 ]
nightly VIGIL_BIN_DIR="$work/nowhere"
check "no vigil-index: exit 2 with a hint" [ "$code" -eq 2 ]
check "no vigil-index: exit 2 with a hint" has "$work/err" "^hint: .*VIGIL_BIN_DIR"
nightly VIGIL_DB="$work/no-index"
check "no index: exit 2" [ "$code" -eq 2 ]
check "no index: exit 2" has "$work/err" "no index at"
args=--frob
nightly
check "unknown argument: exit 2" [ "$code" -eq 2 ]
check "unknown argument: exit 2" has "$work/err" "unknown argument '--frob'"
code=0
sh "$nightly" --help >"$work/out" 2>"$work/err" || code=$?
check "--help: exit 0, the exit codes on stdout" [ "$code" -eq 0 ]
check "--help: exit 0, the exit codes on stdout" has "$work/out" "Exit codes"

echo "nightly_test.sh: $((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
