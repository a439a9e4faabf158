#!/bin/sh
# Serves one Vigil index (a shard, or a replica of one) to search nodes over TCP with Xapian's
# stock remote-backend server, xapian-tcpsrv (Debian package xapian-tools). Searchers reach it as
# `vigil-search --db tcp:HOST:PORT`, or through a Xapian stub file holding `remote HOST:PORT`.
# Installed as /usr/local/bin/vigil-shard-server by `cmake --install`; run under systemd by
# scripts/deploy/vigil-shard@.service.
#   shard-server.sh [run] --db DIR --port PORT [--interface ADDR] [--idle-timeout MS]
#                   [--active-timeout MS] [-v]
#   shard-server.sh start (the options of run) --pid-file FILE [--log FILE]
#   shard-server.sh stop --pid-file FILE
#   shard-server.sh status --pid-file FILE
# run serves in the foreground until SIGTERM or SIGINT; start serves in the background (a session
# of its own, output appended to --log, default the pid file's name with .log) and returns once
# the port listens; stop ends that server and the connections it is serving.
# Settings (options win over the environment):
#   --db DIR               VIGIL_SHARD_DB: the index directory, as vigil-index writes it (DIR/XAPIANDB
#                          naming the live generation) or as replica.sh pull writes a replica
#   --port PORT            VIGIL_SHARD_PORT: the TCP port (1-65535; no default)
#   --interface ADDR       VIGIL_SHARD_INTERFACE: the address to listen on (default 127.0.0.1), or
#                          `any` for every interface. The server has no authentication: anyone who
#                          can connect can read the whole index, so listen on a private network.
#   --idle-timeout MS      VIGIL_SHARD_IDLE_TIMEOUT: the server closes a connection that sends no
#                          request for this long (default 60000; 0: never)
#   --active-timeout MS    VIGIL_SHARD_ACTIVE_TIMEOUT: the server drops a client that stalls this
#                          long in the middle of a request or while taking a reply (default
#                          15000; 0: never). Neither timeout limits how long a search runs; the
#                          client's own timeout does (Xapian's default: 10 s).
#   -v, --verbose          xapian-tcpsrv logs every connection (default: only errors)
#   VIGIL_TCPSRV           the xapian-tcpsrv program (default: the one in PATH)
# xapian-tcpsrv forks one process per connection, which opens the index anew: a new connection
# sees the last commit of `vigil-index update` and the generation that `compact` or `reindex`
# published last. A connection kept open keeps the revision it opened until the client calls
# reopen(), and the generation it opened for good: reopen() does not follow a new generation and
# fails once that generation is removed (at the publish after next), so a long-running client
# reconnects on DatabaseModifiedError or DatabaseNotFoundError. (--one-shot, one connection and
# exit, is for debugging only; --writable is never used: indexes are written by vigil-index.)
# Exit codes:
#   0  run: stopped by a signal; start: serving; stop: stopped, or was not running;
#      status: running
#   2  usage or configuration error: a bad option, no index at DIR, no xapian-tcpsrv
#   3  runtime failure: the port is in use, the server did not start or ended with an error;
#      status: not running; stop: the server did not end
set -eu

me=shard-server.sh

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

say() { echo "$me: $*" >&2; }

# listening PID PORT: true once process PID holds a socket listening on TCP port PORT (Linux
# /proc: the socket inodes of its descriptors, looked up in the kernel's TCP tables).
listening() {
  inodes=" "
  for fd in /proc/"$1"/fd/*; do
    link=$(readlink "$fd" 2>/dev/null) || continue
    case "$link" in socket:\[*\]) inodes="$inodes${link#socket:\[}" ;; esac
  done
  inodes=$(echo "$inodes" | tr ']' ' ')
  awk -v port="$(printf ':%04X' "$2")" -v inodes="$inodes" '
    $4 == "0A" && substr($2, length($2) - 4) == port && index(inodes, " " $10 " ") { found = 1 }
    END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# wait_started PID: waits up to 10 s until PID listens on $port; returns 1 as soon as PID has
# ended (its exit code is then collected by `wait`), 2 when it neither listens nor ends in time.
wait_started() {
  i=0
  while kill -0 "$1" 2>/dev/null; do
    if [ -r /proc/net/tcp ]; then
      listening "$1" "$port" && return 0
    elif [ "$i" -ge 10 ]; then
      return 0  # no /proc/net (systemd's ProcSubset=pid): alive after a second will do
    fi
    [ "$i" -lt 100 ] || return 2
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# failed_to_start CODE [LOG FROM]: the error for xapian-tcpsrv's exit code CODE, after what it
# wrote into LOG from line FROM on.
failed_to_start() {
  [ $# -lt 3 ] || tail -n "+$3" "$2" | tail -n 5 | sed 's/^/  /' >&2
  if [ "$1" -eq 69 ]; then  # EX_UNAVAILABLE: xapian-tcpsrv's code for an address in use
    fail 3 "cannot serve '$db': port $port on $where is in use" \
      "another server listens there (ss -ltnp 'sport = :$port'); choose another --port, or stop it"
  fi
  fail 3 "xapian-tcpsrv could not serve '$db' on $where:$port (exit code $1; its message is above)" \
    "check --interface (an address of this machine, or any) and that the index opens: xapian-delve $db"
}

# ours PID: true when PID runs $tcpsrv (a pid file may outlive its process).
ours() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -F "$(basename "$tcpsrv")"
}

# run: the server in the foreground, as a child in a process group of its own, so that a signal
# to this script ends it and every connection it is serving.
child=""
stopping=0
# shellcheck disable=SC2317  # run by the trap that `run` sets
on_signal() {
  stopping=1
  [ -z "$child" ] || kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null || true
}

command=run
case "${1:-}" in run | start | stop | status) command=$1; shift ;; esac
db=${VIGIL_SHARD_DB:-}
port=${VIGIL_SHARD_PORT:-}
interface=${VIGIL_SHARD_INTERFACE:-127.0.0.1}
idle_timeout=${VIGIL_SHARD_IDLE_TIMEOUT:-60000}
active_timeout=${VIGIL_SHARD_ACTIVE_TIMEOUT:-15000}
tcpsrv=${VIGIL_TCPSRV:-xapian-tcpsrv}
verbose=0
pid_file=""
log=""

set_option() {  # set_option NAME VALUE
  case "$1" in
    --db) db=$2 ;;
    --port) port=$2 ;;
    --interface) interface=$2 ;;
    --idle-timeout) idle_timeout=$2 ;;
    --active-timeout) active_timeout=$2 ;;
    --pid-file) pid_file=$2 ;;
    --log) log=$2 ;;
    *) fail 2 "unknown option '$1' (see --help)" ;;
  esac
}
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage ;;
    -v | --verbose) verbose=1; shift ;;
    --*=*) set_option "${1%%=*}" "${1#*=}"; shift ;;
    --db | --port | --interface | --idle-timeout | --active-timeout | --pid-file | --log)
      [ $# -ge 2 ] || fail 2 "$1 needs a value (see --help)"
      set_option "$1" "$2"
      shift 2
      ;;
    *) fail 2 "unknown argument '$1' (see --help)" ;;
  esac
done

if [ "$command" != run ]; then
  [ -n "$pid_file" ] || fail 2 "$command needs --pid-file FILE (see --help)"
fi
if [ "$command" = stop ] || [ "$command" = status ]; then
  pid=""
  [ ! -f "$pid_file" ] || pid=$(cat "$pid_file")
  if ! ours "$pid"; then
    if [ "$command" = status ]; then
      say "not running (pid file $pid_file)"
      exit 3
    fi
    [ ! -f "$pid_file" ] || rm -f "$pid_file"
    say "not running (pid file $pid_file${pid:+: process $pid is gone; file removed})"
    exit 0
  fi
  if [ "$command" = status ]; then
    say "running: pid $pid, $(tr '\0' ' ' <"/proc/$pid/cmdline")"
    exit 0
  fi
  # start made the server the leader of a process group of its own, which holds the processes
  # serving its connections too.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  i=0
  while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$pid" 2>/dev/null && fail 3 "the server (pid $pid) did not end within 10 s of SIGTERM" \
    "end it with kill -KILL -- -$pid"
  rm -f "$pid_file"
  say "stopped the server (pid $pid)"
  exit 0
fi

# --- run, start: check the settings ----------------------------------------------------------
[ -n "$db" ] || fail 2 "no index given: --db DIR or VIGIL_SHARD_DB (see --help)"
case "$port" in
  '') fail 2 "no port given: --port PORT or VIGIL_SHARD_PORT (see --help)" ;;
  *[!0-9]*) fail 2 "invalid port '$port': expected a number from 1 to 65535" ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  fail 2 "invalid port '$port': expected a number from 1 to 65535"
fi
for timeout in "$idle_timeout" "$active_timeout"; do
  case "$timeout" in
    '' | *[!0-9]*) fail 2 "invalid timeout '$timeout': expected whole milliseconds (0: none)" ;;
  esac
done
[ -n "$interface" ] || fail 2 "empty --interface: expected an address of this machine, or any"
if ! command -v "$tcpsrv" >/dev/null 2>&1; then
  fail 2 "no xapian-tcpsrv ('$tcpsrv' is not a program in PATH)" \
    "install it (apt-get install xapian-tools), or name it with VIGIL_TCPSRV"
fi
[ -e "$db" ] || fail 2 "no index at '$db'" \
  "build one with vigil-index add|crawl --db $db, or pull a replica with replica.sh pull --into $db"
[ -d "$db" ] || fail 2 "'$db' is not a directory" "--db names an index directory (holding XAPIANDB)"
if [ ! -e "$db/XAPIANDB" ] && [ ! -e "$db/iamglass" ]; then
  fail 2 "'$db' holds no index (neither a XAPIANDB stub file nor a glass database)" \
    "--db names the directory vigil-index --db or replica.sh pull --into wrote"
fi
for file in "$db/XAPIANDB" "$db/iamglass"; do
  if [ -e "$file" ] && [ ! -r "$file" ]; then
    fail 2 "cannot read '$file' as $(id -un 2>/dev/null || echo this user)" \
      "the index must be readable by the user running the server"
  fi
done
db=$(cd "$db" && pwd)

set -- --port "$port" --idle-timeout "$idle_timeout" --active-timeout "$active_timeout"
where=$interface
if [ "$interface" = any ]; then
  where="every interface"
else
  set -- "$@" --interface "$interface"
fi
[ "$verbose" -eq 1 ] || set -- "$@" --quiet
set -- "$@" "$db"

if [ "$command" = start ]; then
  old=""
  [ ! -f "$pid_file" ] || old=$(cat "$pid_file")
  ours "$old" && fail 3 "a server already runs with pid file $pid_file (pid $old)" \
    "stop it first: $me stop --pid-file $pid_file"
  [ -n "$log" ] || log=${pid_file%.pid}.log
  : >>"$log" || fail 2 "cannot write the log '$log'" "pass --log FILE in a writable folder"
  from=$(($(wc -l <"$log") + 1))
  # A session of its own: detached from this shell's terminal, and `stop` ends the group.
  setsid "$tcpsrv" "$@" </dev/null >>"$log" 2>&1 &
  pid=$!
  status=0
  wait_started "$pid" || status=$?
  if [ "$status" -eq 1 ]; then
    code=0
    wait "$pid" || code=$?
    failed_to_start "$code" "$log" "$from"
  elif [ "$status" -eq 2 ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    fail 3 "xapian-tcpsrv (pid $pid) did not listen on $where:$port within 10 s; stopped it" \
      "see its log, $log"
  fi
  if ! { echo "$pid" >"$pid_file.tmp" && mv "$pid_file.tmp" "$pid_file"; }; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    fail 3 "cannot write the pid file '$pid_file'; stopped the server" "pass --pid-file in a writable folder"
  fi
  say "serving $db on $where:$port (pid $pid, log $log; stop: $me stop --pid-file $pid_file)"
  exit 0
fi

# --- run: in the foreground, until a signal (under systemd the whole unit is signalled anyway) --
trap on_signal TERM INT HUP
setsid "$tcpsrv" "$@" </dev/null &
child=$!
status=0
wait_started "$child" || status=$?
if [ "$stopping" -eq 0 ] && [ "$status" -eq 0 ]; then
  say "serving $db on $where:$port (pid $child; idle timeout $idle_timeout ms, active timeout $active_timeout ms)"
elif [ "$stopping" -eq 0 ] && [ "$status" -eq 2 ]; then
  say "warning: xapian-tcpsrv (pid $child) does not listen on $where:$port after 10 s; still waiting"
fi
# A signal interrupts wait; wait again until the server has really ended. (wait's stderr is
# dropped: dash reports there a child ended by our SIGTERM as "Terminated".)
code=0
wait "$child" 2>/dev/null || code=$?
while kill -0 "$child" 2>/dev/null; do
  code=0
  wait "$child" 2>/dev/null || code=$?
done
[ "$stopping" -eq 0 ] || { say "stopped"; exit 0; }
[ "$status" -ne 1 ] || failed_to_start "$code"
fail 3 "xapian-tcpsrv serving '$db' on $where:$port ended (exit code $code)" \
  "its messages are above; restart it once the cause is fixed"
