#!/bin/sh
# The nightly job: brings a Vigil index up to date (vigil-index update), keeps its run reports,
# and compacts the index once a week. Run by cron or a systemd timer (scripts/deploy/); installed
# as /usr/local/bin/vigil-nightly by `cmake --install`.
#   nightly.sh [--config FILE] [--print-config] [--help]
# Settings (environment variables, or NAME=VALUE lines in the configuration file; the environment
# wins):
#   VIGIL_DB               the index (default /var/lib/vigil/index), made by `vigil-index crawl`,
#                          which stores the crawl's configuration in it
#   VIGIL_REPORT_DIR       where the run reports go (default /var/log/vigil; created if missing)
#   VIGIL_KEEP_REPORTS     how many update reports to keep, the newest (default 60)
#   VIGIL_WAIT_LOCK        seconds to wait for another indexer's lock on the index (default
#                          3600; 0: fail at once, and no --wait-lock option is passed)
#   VIGIL_COMPACT_WEEKDAY  the day to compact after the update: mon ... sun or 1 ... 7 (ISO,
#                          Monday 1), or never (default sun)
#   VIGIL_BIN_DIR          the folder holding vigil-index (default /usr/local/bin)
#   VIGIL_UPDATE_OPTIONS   more options for vigil-index update, e.g. "--revisit-max 14" (default
#                          none)
#   VIGIL_MAX_CHANGESETS   on an index that read replicas copy (scripts/replica.sh): N, passed to
#                          vigil-index as XAPIAN_MAX_CHANGESETS=N, so that each commit also writes
#                          a changeset (the index blocks it rewrote) and the last N are kept;
#                          replicas then fetch the changesets instead of a full copy. 0: none.
#                          Default: unset (XAPIAN_MAX_CHANGESETS as in the environment)
# The configuration file is --config FILE, else $VIGIL_NIGHTLY_CONFIG, else
# /etc/vigil/nightly.conf when it exists: NAME=VALUE lines (the value optionally in single or
# double quotes, no expansion), '#' comments.
# Each run writes $VIGIL_REPORT_DIR/update-YYYYMMDD-HHMMSS.json (UTC), the report of
# vigil-index update, and beside it update-...log when the update printed anything; on compaction
# days, compact-YYYYMMDD-HHMMSS.log. Older ones beyond VIGIL_KEEP_REPORTS are deleted.
# Nothing is printed when all went well (cron mails any output); otherwise, on stderr:
# Exit codes:
#   0  the index is up to date; nothing printed
#   1  the update finished but some pages failed: one line naming the report
#   2  usage or configuration error (a bad setting, no vigil-index, no index): the message
#   3  the update or the compaction failed (index locked past VIGIL_WAIT_LOCK, disk full, ...):
#      vigil-index's messages and a hint; the index is as of its last commit
set -eu

me=nightly.sh

usage() {  # the comment above, up to the first line that is not one
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
}

# fail CODE MESSAGE [HINT]: the message (and hint) on stderr, then exit with CODE.
fail() {
  echo "$me: error: $2" >&2
  [ $# -lt 3 ] || echo "hint: $3" >&2
  exit "$1"
}

config=${VIGIL_NIGHTLY_CONFIG:-}
print_config=0
while [ $# -gt 0 ]; do
  case "$1" in
    --config)
      [ $# -ge 2 ] || fail 2 "--config needs a file (see --help)"
      config=$2
      shift 2
      ;;
    --config=*) config=${1#--config=}; shift ;;
    --print-config) print_config=1; shift ;;
    --help | -h) usage ;;
    *) fail 2 "unknown argument '$1' (see --help)" ;;
  esac
done

settings="VIGIL_DB VIGIL_REPORT_DIR VIGIL_KEEP_REPORTS VIGIL_WAIT_LOCK VIGIL_COMPACT_WEEKDAY
VIGIL_BIN_DIR VIGIL_UPDATE_OPTIONS VIGIL_MAX_CHANGESETS"

# read_config FILE: sets each NAME=VALUE of the file that the environment does not set.
read_config() {
  line_number=0
  while IFS= read -r line || [ -n "$line" ]; do
    line_number=$((line_number + 1))
    # Leading blanks, blank lines and comments are ignored.
    line=$(printf '%s' "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    case "$line" in '' | '#'*) continue ;; esac
    name=${line%%=*}
    value=${line#*=}
    case "$line" in
      *=*) ;;
      *) fail 2 "$1:$line_number: expected NAME=VALUE, got '$line'" ;;
    esac
    case " $(echo "$settings" | tr '\n' ' ') " in
      *" $name "*) ;;
      *) fail 2 "$1:$line_number: unknown setting '$name'" \
        "expected one of $(echo "$settings" | tr '\n' ' ' | sed 's/ $//; s/ /, /g')" ;;
    esac
    case "$value" in
      \"*\") value=${value#\"}; value=${value%\"} ;;
      \'*\') value=${value#\'}; value=${value%\'} ;;
    esac
    # The environment wins: only names unset or empty there take the file's value.
    if eval "[ -z \"\${$name:-}\" ]"; then
      eval "$name=\$value"
    fi
  done <"$1"
}

if [ -z "$config" ] && [ -f /etc/vigil/nightly.conf ]; then
  config=/etc/vigil/nightly.conf
fi
if [ -n "$config" ]; then
  [ -r "$config" ] || fail 2 "cannot read the configuration file '$config'" \
    "check its path and permissions, or leave out --config / VIGIL_NIGHTLY_CONFIG"
  read_config "$config"
fi

db=${VIGIL_DB:-/var/lib/vigil/index}
report_dir=${VIGIL_REPORT_DIR:-/var/log/vigil}
keep=${VIGIL_KEEP_REPORTS:-60}
wait_lock=${VIGIL_WAIT_LOCK:-3600}
weekday=${VIGIL_COMPACT_WEEKDAY:-sun}
bin_dir=${VIGIL_BIN_DIR:-/usr/local/bin}
update_options=${VIGIL_UPDATE_OPTIONS:-}
max_changesets=${VIGIL_MAX_CHANGESETS:-}

case "$keep" in
  '' | *[!0-9]* | 0) fail 2 "invalid VIGIL_KEEP_REPORTS '$keep': expected a whole number >= 1" ;;
esac
case "$wait_lock" in
  '' | *[!0-9]*) fail 2 "invalid VIGIL_WAIT_LOCK '$wait_lock': expected whole seconds >= 0" ;;
esac
case "$max_changesets" in
  *[!0-9]*) fail 2 "invalid VIGIL_MAX_CHANGESETS '$max_changesets': expected a whole number >= 0" ;;
esac
# The compaction day as date +%u numbers it (Monday 1 ... Sunday 7), or 0 for never.
case "$(echo "$weekday" | tr '[:upper:]' '[:lower:]')" in
  1 | mon | monday) compact_day=1 ;;
  2 | tue | tuesday) compact_day=2 ;;
  3 | wed | wednesday) compact_day=3 ;;
  4 | thu | thursday) compact_day=4 ;;
  5 | fri | friday) compact_day=5 ;;
  6 | sat | saturday) compact_day=6 ;;
  7 | 0 | sun | sunday) compact_day=7 ;;
  never | none) compact_day=0 ;;
  *) fail 2 "invalid VIGIL_COMPACT_WEEKDAY '$weekday': expected mon ... sun, 1 ... 7 or never" ;;
esac

if [ "$print_config" -eq 1 ]; then
  echo "# $me${config:+ (configuration file $config)}"
  echo "VIGIL_DB=$db"
  echo "VIGIL_REPORT_DIR=$report_dir"
  echo "VIGIL_KEEP_REPORTS=$keep"
  echo "VIGIL_WAIT_LOCK=$wait_lock"
  echo "VIGIL_COMPACT_WEEKDAY=$weekday"
  echo "VIGIL_BIN_DIR=$bin_dir"
  echo "VIGIL_UPDATE_OPTIONS=$update_options"
  echo "VIGIL_MAX_CHANGESETS=$max_changesets"
  exit 0
fi

indexer=$bin_dir/vigil-index
[ -x "$indexer" ] || fail 2 "no vigil-index in '$bin_dir'" \
  "install it (cmake --install build) or set VIGIL_BIN_DIR in ${config:-/etc/vigil/nightly.conf}"
[ -d "$db" ] || fail 2 "no index at '$db'" \
  "make it first with vigil-index crawl --db $db ..., or set VIGIL_DB"
if ! mkdir -p "$report_dir" 2>/dev/null || [ ! -w "$report_dir" ]; then
  fail 3 "cannot write reports into '$report_dir'" \
    "create it, writable by $(id -un 2>/dev/null || echo this user), or set VIGIL_REPORT_DIR"
fi

# update-YYYYMMDD-HHMMSS in UTC: names sort by time, and no daylight-saving hour repeats.
stamp=$(date -u +%Y%m%d-%H%M%S)
today=$(date +%u)
run=update-$stamp
[ ! -e "$report_dir/$run.json" ] || run=$run-$$
report=$report_dir/$run.json
log=$report_dir/$run.log

# messages LOG: the last lines vigil-index printed, indented, on stderr.
messages() {
  [ -s "$1" ] || return 0
  tail -n 40 "$1" | sed 's/^/  /' >&2
}

# rotate PREFIX: keeps the newest $keep PREFIX-*.json reports (and their .log), or for compact,
# the newest $keep compact-*.log files. Names sort by time.
rotate() {
  if [ "$1" = compact ]; then set -- "$report_dir"/compact-*.log; else set -- "$report_dir"/"$1"-*.json; fi
  [ -e "$1" ] || return 0
  excess=$(($# - keep))
  while [ "$excess" -gt 0 ]; do
    rm -f -- "$1" "${1%.json}.log"
    shift
    excess=$((excess - 1))
  done
}

# Xapian reads XAPIAN_MAX_CHANGESETS at each commit of the writer (vigil-index).
if [ -n "$max_changesets" ]; then
  XAPIAN_MAX_CHANGESETS=$max_changesets
  export XAPIAN_MAX_CHANGESETS
fi

# Without a wait, no option: vigil-index fails at once when the index is locked.
lock_options=""
[ "$wait_lock" -eq 0 ] || lock_options="--wait-lock $wait_lock"
status=0
# shellcheck disable=SC2086  # $lock_options and VIGIL_UPDATE_OPTIONS are lists of options
"$indexer" update --db "$db" --quiet --report "$report" $lock_options \
  $update_options >"$log" 2>&1 || status=$?
[ -s "$log" ] || rm -f "$log"
rotate update

case "$status" in
  0) ;;
  1)
    failed=$(sed -n 's/.*"failed": *\([0-9][0-9]*\).*/\1/p' "$report" 2>/dev/null | head -n 1)
    checked=$(sed -n 's/.*"checked": *\([0-9][0-9]*\).*/\1/p' "$report" 2>/dev/null | head -n 1)
    also=""
    [ ! -e "$log" ] || also=" and $log"
    echo "$me: warning: the update of $db finished, but ${failed:-some} of ${checked:-the}" \
      "pages checked failed: see $report$also" >&2
    ;;
  2)
    messages "$log"
    fail 2 "vigil-index update refused its configuration (exit code 2; messages above)" \
      "check VIGIL_UPDATE_OPTIONS, and that $indexer has the update command (vigil-index update --help)"
    ;;
  *)
    messages "$log"
    fail 3 "vigil-index update failed (exit code $status; messages above, also in $log); the index is as of its last commit" \
      "if another indexer held the lock, raise VIGIL_WAIT_LOCK or find it; if the disk is full, free space; then run $me again"
    ;;
esac

if [ "$compact_day" -eq "$today" ]; then
  compact_log=$report_dir/compact-$stamp.log
  compact_status=0
  # shellcheck disable=SC2086  # $lock_options is a list of options
  "$indexer" compact --db "$db" $lock_options >"$compact_log" 2>&1 ||
    compact_status=$?
  rotate compact
  if [ "$compact_status" -ne 0 ]; then
    messages "$compact_log"
    fail 3 "vigil-index compact failed (exit code $compact_status; messages above, also in $compact_log); the index is unchanged" \
      "compaction writes a whole new copy of the index beside it: check free disk space"
  fi
fi
exit "$status"
