#!/bin/sh
# Checks the operations files without running them:
# - every shell script under scripts/ and tests/: `sh -n` (or `bash -n` for a bash shebang) and
#   ShellCheck (its shell taken from the shebang);
# - the systemd units of scripts/deploy/ (vigil-update, vigil-shard@, vigil-replicate-server,
#   vigil-replica@): `systemd-analyze verify` and, offline, `systemd-analyze security` (exposure
#   at most 2.0, "OK"). verify refuses a unit whose ExecStart= program does not exist, and
#   /usr/local/bin/vigil-* are not installed here, so both check copies whose ExecStart= names
#   this checkout's script (the program the unit runs, under its installed name: vigil-nightly is
#   scripts/nightly.sh, vigil-shard-server scripts/shard-server.sh, vigil-replica
#   scripts/replica.sh, as scripts/CMakeLists.txt installs them); that is the only line changed,
#   and the check makes sure of it. The timer's service must be beside it.
# - the crontab of scripts/deploy/vigil-update.cron: each line a comment, NAME=VALUE, or five
#   time fields (numbers, ranges, lists, steps and names within each field's bounds, or an
#   @daily-style nickname) and a command with an absolute path and no unescaped % (cron turns it
#   into a newline).
#   tests/ops/check_scripts.sh [SOURCE_DIR]
# Exit codes: 0 all pass, 1 a check failed (each failure is printed), 77 shellcheck is not
# installed (the other checks still ran; ctest: skipped). systemd-analyze missing only skips the
# unit checks. Under CI=true a missing tool fails instead.
set -eu
source_dir=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
cd "$source_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
skipped=""

problem() {
  echo "check_scripts.sh: error: $*" >&2
  failed=1
}

missing() {  # missing TOOL WHAT
  echo "check_scripts.sh: $1 is not installed: $2 not checked (scripts/setup.sh installs it)" >&2
  skipped="$skipped $1"
}

# --- shell scripts -------------------------------------------------------------------------------
have_shellcheck=0
command -v shellcheck >/dev/null 2>&1 && have_shellcheck=1
[ "$have_shellcheck" -eq 1 ] || missing shellcheck "shell scripts are"
find scripts tests -name '*.sh' -type f | LC_ALL=C sort >"$work/scripts"
[ -s "$work/scripts" ] || problem "no shell scripts found under $source_dir/scripts"
count=0
while IFS= read -r script; do
  count=$((count + 1))
  case "$(head -n 1 "$script")" in
    '#!'*bash*) shell="bash" ;;
    *) shell="sh" ;;
  esac
  "$shell" -n "$script" 2>"$work/syntax" || { cat "$work/syntax" >&2; problem "$script: $shell -n fails"; }
  if [ "$have_shellcheck" -eq 1 ]; then
    shellcheck --shell="$shell" "$script" >"$work/lint" 2>&1 || {
      cat "$work/lint" >&2
      problem "$script: shellcheck finds problems (above)"
    }
  fi
done <"$work/scripts"
echo "check_scripts.sh: $count shell scripts checked"

# --- systemd units -------------------------------------------------------------------------------
deploy=scripts/deploy
# Each service, the program its ExecStart= runs (its installed name) and that program in this
# checkout (scripts/CMakeLists.txt installs it under that name).
services="vigil-update.service:vigil-nightly:nightly.sh
vigil-shard@.service:vigil-shard-server:shard-server.sh
vigil-replicate-server.service:vigil-replica:replica.sh
vigil-replica@.service:vigil-replica:replica.sh"
units="vigil-update.timer"
for entry in $services; do
  units="$units ${entry%%:*}"
done
present=1
for unit in $units; do
  [ -f "$deploy/$unit" ] || { problem "$deploy/$unit is missing"; present=0; }
done
for entry in $services; do
  program=${entry#*:}
  script=${program#*:}
  program=${program%%:*}
  [ -x "scripts/$script" ] || problem "scripts/$script is not executable (git mode 100755)"
  grep -q "install(PROGRAMS $script DESTINATION bin RENAME $program)" scripts/CMakeLists.txt ||
    problem "scripts/CMakeLists.txt does not install scripts/$script as $program"
done
if ! command -v systemd-analyze >/dev/null 2>&1; then
  missing systemd-analyze "the systemd units are"
elif [ "$present" -eq 1 ]; then
  mkdir "$work/units"
  cp "$deploy/vigil-update.timer" "$work/units/"
  for entry in $services; do
    unit=${entry%%:*}
    program=${entry#*:}
    script=${program#*:}
    program=${program%%:*}
    sed -e "s|^ExecStart=/usr/local/bin/$program\$|ExecStart=$source_dir/scripts/$script|" \
      -e "s|^ExecStart=/usr/local/bin/$program |ExecStart=$source_dir/scripts/$script |" \
      "$deploy/$unit" >"$work/units/$unit"
    changed=$(diff "$deploy/$unit" "$work/units/$unit" | grep -c '^>' || true)
    [ "$changed" -eq 1 ] || problem "$deploy/$unit: expected one line ExecStart=/usr/local/bin/$program"
  done
  # verify exits 0 on mere warnings (an unknown key, a bad value ignored): any output fails.
  # Templates (NAME@.service) are verified as an instance, NAME@i.service.
  status=0
  # shellcheck disable=SC2086  # $units: file names without blanks
  (cd "$work/units" && set -- && for unit in $units; do set -- "$@" "./$unit"; done &&
    systemd-analyze verify --man=no "$@") >"$work/verify" 2>&1 || status=$?
  if [ "$status" -ne 0 ] || [ -s "$work/verify" ]; then
    cat "$work/verify" >&2
    problem "systemd-analyze verify rejects the units (exit code $status; messages above)"
  fi
  for entry in $services; do
    unit=${entry%%:*}
    status=0
    systemd-analyze security --offline=yes --threshold=20 "$work/units/$unit" \
      >"$work/security" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
      grep -e '✗' -e 'exposure' "$work/security" >&2 || cat "$work/security" >&2
      problem "$unit: systemd-analyze security finds an exposure above 2.0 (above)"
    fi
    echo "check_scripts.sh: $unit checked: $(grep 'exposure level' "$work/security" | sed 's/.*: //' || true)"
  done
fi
grep -q '^Persistent=true$' "$deploy/vigil-update.timer" ||
  problem "$deploy/vigil-update.timer: Persistent=true is missing"

# --- crontab -------------------------------------------------------------------------------------
cron=$deploy/vigil-update.cron
if [ ! -f "$cron" ]; then
  problem "$cron is missing"
else
  awk -v file="$cron" '
    function fail(why) { printf "%s:%d: error: %s\n", file, NR, why; bad = 1 }
    # A value of one field: a number or (months, weekdays) a name, within [low, high].
    function value(v, low, high, names,   n) {
      if (v ~ /^[0-9]+$/) return v + 0 >= low && v + 0 <= high
      return names != "" && index(" " names " ", " " tolower(v) " ") > 0
    }
    # One time field: * or lists of a value or a range, each with an optional /step.
    function field(f, low, high, names,   parts, n, i, item, step, range) {
      n = split(f, parts, ",")
      for (i = 1; i <= n; i++) {
        item = parts[i]
        if (item ~ /\//) {
          step = substr(item, index(item, "/") + 1)
          item = substr(item, 1, index(item, "/") - 1)
          if (step !~ /^[0-9]+$/ || step + 0 < 1) return 0
        }
        if (item == "*") continue
        if (split(item, range, "-") == 2) {
          if (!value(range[1], low, high, names) || !value(range[2], low, high, names)) return 0
        } else if (!value(item, low, high, names)) return 0
      }
      return n > 0
    }
    /^[ \t]*(#|$)/ { next }
    /^[A-Za-z_][A-Za-z0-9_]*[ \t]*=/ { next }
    {
      jobs++
      if ($1 ~ /^@/) {
        if ($1 !~ /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/)
          fail("unknown nickname " $1)
        first = 2
      } else {
        if (NF < 6) { fail("expected 5 time fields and a command"); next }
        months = "jan feb mar apr may jun jul aug sep oct nov dec"
        days = "sun mon tue wed thu fri sat"
        if (!field($1, 0, 59, "")) fail("bad minute field \"" $1 "\"")
        if (!field($2, 0, 23, "")) fail("bad hour field \"" $2 "\"")
        if (!field($3, 1, 31, "")) fail("bad day-of-month field \"" $3 "\"")
        if (!field($4, 1, 12, months)) fail("bad month field \"" $4 "\"")
        if (!field($5, 0, 7, days)) fail("bad day-of-week field \"" $5 "\"")
        first = 6
      }
      if ($first !~ /^\//) fail("the command \"" $first "\" is not an absolute path (cron'"'"'s PATH is short)")
      line = $0
      gsub(/\\%/, "", line)
      if (line ~ /%/) fail("an unescaped % (cron makes it a newline; write \\%)")
    }
    END {
      if (jobs == 0) { printf "%s: error: no job line\n", file; bad = 1 }
      exit bad
    }' "$cron" >&2 || problem "$cron: not a valid crontab (above)"
  echo "check_scripts.sh: $cron checked"
fi

# --- the deployment files name the documented defaults, not a machine's paths -------------------
for file in $(for unit in $units; do echo "$deploy/$unit"; done) "$cron"; do
  [ -f "$file" ] || continue
  if grep -n -e '/home/' -e '/root/' -e '/tmp/' -e '/work/' "$file" >&2; then
    problem "$file names a machine-specific path (above)"
  fi
done

if [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ -n "$skipped" ]; then
  [ "${CI:-}" != "true" ] || { echo "check_scripts.sh: error: CI=true and missing:$skipped" >&2; exit 1; }
  case "$skipped" in *shellcheck*) exit 77 ;; esac
fi
echo "check_scripts.sh: all passed"
