#!/bin/sh
# Keeps read replicas of Vigil indexes in step with Xapian's own replication (Debian package
# xapian-tools): `server` runs xapian-replicate-server on the indexing machine, `pull` runs
# xapian-replicate on a replica machine, once or every N seconds. Installed as
# /usr/local/bin/vigil-replica by `cmake --install`; run under systemd by
# scripts/deploy/vigil-replicate-server.service and vigil-replica@.service.
#   replica.sh server --db DIR [--db DIR]... --port PORT [--interface ADDR]
#   replica.sh pull --master HOST:PORT --into PATH [--name NAME] [--every SECONDS]
#                   [--reader-time SECONDS] [--timeout SECONDS] [--force-copy] [-q | -v]
# server serves the index directories DIR (as vigil-index writes them: DIR/XAPIANDB names the live
# generation) in the foreground until SIGTERM or SIGINT. Each is pulled by its name, the last part
# of its path; they must share one parent folder, which xapian-replicate-server serves whole: any
# Xapian database under it can be pulled by name by anyone who can connect, so keep the indexes in
# a folder of their own and listen on a private network.
#   --db DIR           VIGIL_REPLICATE_DB (several: separated by spaces): the indexes
#   --port PORT        VIGIL_REPLICATE_PORT: the TCP port (no default)
#   --interface ADDR   VIGIL_REPLICATE_INTERFACE: the address to listen on (default 127.0.0.1),
#                      or any
# pull brings the replica at PATH up to date with index NAME of the master, then exits (or, with
# --every, waits and pulls again until SIGTERM or SIGINT). PATH is created when absent; it must be
# a replica made by pull, a new or an empty directory (never a Vigil index: xapian-replicate would
# repoint its XAPIANDB). A replica is a directory holding a XAPIANDB stub and replica_0/ or
# replica_1/, which shard-server.sh serves and vigil-search --db PATH searches as it is. A first
# pull that fails leaves nothing behind at PATH.
#   --master HOST:PORT     VIGIL_REPLICA_MASTER: where `replica.sh server` runs
#   --into PATH            VIGIL_REPLICA_DB: the local replica directory
#   --name NAME            VIGIL_REPLICA_NAME: the index's name on the master (default: the last
#                          part of PATH)
#   --every SECONDS        VIGIL_REPLICA_EVERY: pull again SECONDS after each pull (default 0:
#                          once). A pull that cannot reach the master is reported and retried.
#   --reader-time SECONDS  VIGIL_REPLICA_READER_TIME: when one pull applies several changesets,
#                          the pause between two, so that searches open on the replica finish
#                          before their revision is overwritten (default 30, Xapian's)
#   --timeout SECONDS      VIGIL_REPLICA_TIMEOUT: network timeout of each read and write (default
#                          300; 0: none), so that a master that stops answering cannot hang a pull
#   --force-copy           copy the whole index even when changesets would do
#   -q, --quiet            only errors; -v, --verbose: also pulls that changed nothing
# What is sent: the changesets since the replica's revision when the master's live generation
# holds them (only when vigil-index ran with XAPIAN_MAX_CHANGESETS=N in its environment, which
# keeps the last N; scripts/nightly.sh sets it from VIGIL_MAX_CHANGESETS), otherwise a full copy
# of the live generation. After `vigil-index compact` or `reindex` publishes a new generation
# (a new database UUID) the next pull is a full copy. A full copy is written beside the live
# replica and switched in by renaming the stub: the replica needs room for two copies.
# Programs: VIGIL_REPLICATE_SERVER, VIGIL_REPLICATE (default: xapian-replicate-server and
# xapian-replicate in PATH).
# Exit codes:
#   0  server: stopped by a signal; pull: the replica is up to date; pull --every: stopped by a
#      signal
#   2  usage or configuration error: a bad option, no index at DIR, PATH is not a replica, a
#      program missing
#   3  runtime failure: server: the port is in use or the server ended with an error; pull: the
#      master could not be reached or has no index NAME, the replica could not be written, a
#      signal interrupted it (the replica is as of its last complete pull). With --every only a
#      local failure ends the loop: network failures are retried at the next pull.
set -eu

me=replica.sh

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

whole_number() {  # whole_number NAME VALUE: fails unless VALUE is a whole number
  case "$2" in
    '' | *[!0-9]*) fail 2 "invalid $1 '$2': expected a whole number" ;;
  esac
}

check_port() {  # check_port PORT
  case "$1" in
    '' | *[!0-9]*) fail 2 "invalid port '$1': expected a number from 1 to 65535" ;;
  esac
  if [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
    fail 2 "invalid port '$1': expected a number from 1 to 65535"
  fi
}

program() {  # program NAME: fails unless NAME is a program in PATH
  command -v "$1" >/dev/null 2>&1 ||
    fail 2 "no $1 in PATH" "install it (apt-get install xapian-tools), or name it with $2"
}

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

# The running child (xapian-replicate-server, xapian-replicate or sleep); a signal to this script
# ends it (its process group for the server, which forks one process per connection).
child=""
child_group=0
stopping=0
on_signal() {
  stopping=1
  [ -n "$child" ] || return 0
  if [ "$child_group" -eq 1 ]; then kill -TERM -- "-$child" 2>/dev/null || true; fi
  kill -TERM "$child" 2>/dev/null || true
}
trap on_signal TERM INT HUP

# wait_child: waits until $child has ended, across signals; its exit code in $code. (wait's
# stderr is dropped: dash reports there a child ended by our SIGTERM as "Terminated".)
wait_child() {
  code=0
  wait "$child" 2>/dev/null || code=$?
  while kill -0 "$child" 2>/dev/null; do
    code=0
    wait "$child" 2>/dev/null || code=$?
  done
  child=""
}

command=${1:-}
case "$command" in
  server | pull) shift ;;
  -h | --help) usage ;;
  '') fail 2 "no command: expected server or pull (see --help)" ;;
  *) fail 2 "unknown command '$command': expected server or pull (see --help)" ;;
esac

dbs=""
port=${VIGIL_REPLICATE_PORT:-}
interface=${VIGIL_REPLICATE_INTERFACE:-127.0.0.1}
master=${VIGIL_REPLICA_MASTER:-}
into=${VIGIL_REPLICA_DB:-}
name=${VIGIL_REPLICA_NAME:-}
every=${VIGIL_REPLICA_EVERY:-0}
reader_time=${VIGIL_REPLICA_READER_TIME:-30}
timeout=${VIGIL_REPLICA_TIMEOUT:-300}
force_copy=0
verbosity=1

set_option() {  # set_option NAME VALUE: an option valid for $command
  case "$command $1" in
    "server --db") dbs="$dbs $2" ;;
    "server --port") port=$2 ;;
    "server --interface") interface=$2 ;;
    "pull --master") master=$2 ;;
    "pull --into") into=$2 ;;
    "pull --name") name=$2 ;;
    "pull --every") every=$2 ;;
    "pull --reader-time") reader_time=$2 ;;
    "pull --timeout") timeout=$2 ;;
    *) fail 2 "unknown option '$1' for $command (see --help)" ;;
  esac
}
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage ;;
    -q | --quiet) verbosity=0; shift ;;
    -v | --verbose) verbosity=2; shift ;;
    --force-copy) force_copy=1; shift ;;
    --*=*) set_option "${1%%=*}" "${1#*=}"; shift ;;
    --db | --port | --interface | --master | --into | --name | --every | --reader-time | --timeout)
      [ $# -ge 2 ] || fail 2 "$1 needs a value (see --help)"
      set_option "$1" "$2"
      shift 2
      ;;
    *) fail 2 "unknown argument '$1' (see --help)" ;;
  esac
done

# --- server ------------------------------------------------------------------------------------
# changesets_note DIR: a note when the live database of DIR holds no changesets, so that every
# change will reach the replicas as a full copy.
changesets_note() {
  live=$1
  if [ -f "$1/XAPIANDB" ]; then
    live=$1/$(sed -n 's/^auto[[:space:]]\{1,\}//p' "$1/XAPIANDB" | head -n 1)
  fi
  for file in "$live"/changes[0-9]*; do
    [ ! -e "$file" ] || return 0
  done
  say "note: $1: the live database holds no changesets (yet): each change reaches the replicas" \
    "as a full copy until vigil-index commits with XAPIAN_MAX_CHANGESETS set (see --help)"
}

serve() {
  [ -n "$dbs" ] || dbs=${VIGIL_REPLICATE_DB:-}
  [ -n "$(echo "$dbs" | tr -d ' ')" ] || fail 2 "no index given: --db DIR or VIGIL_REPLICATE_DB (see --help)"
  [ -n "$port" ] || fail 2 "no port given: --port PORT or VIGIL_REPLICATE_PORT (see --help)"
  check_port "$port"
  [ -n "$interface" ] || fail 2 "empty --interface: expected an address of this machine, or any"
  server=${VIGIL_REPLICATE_SERVER:-xapian-replicate-server}
  program "$server" VIGIL_REPLICATE_SERVER
  parent=""
  names=""
  for db in $dbs; do
    [ -e "$db" ] || fail 2 "no index at '$db'" "build it with vigil-index add|crawl --db $db"
    [ -d "$db" ] || fail 2 "'$db' is not a directory" "--db names an index directory (holding XAPIANDB)"
    if [ ! -e "$db/XAPIANDB" ] && [ ! -e "$db/iamglass" ]; then
      fail 2 "'$db' holds no index (neither a XAPIANDB stub file nor a glass database)" \
        "--db names the directory that vigil-index --db wrote"
    fi
    db=$(cd "$db" && pwd)
    [ "$db" != / ] || fail 2 "cannot serve / as an index"
    if [ -z "$parent" ]; then
      parent=$(dirname "$db")
    elif [ "$(dirname "$db")" != "$parent" ]; then
      fail 2 "'$db' is not in $parent like the first --db" \
        "the indexes one server hands out must share a parent folder; run one server per folder"
    fi
    names="$names $(basename "$db")"
    changesets_note "$db"
  done
  set -- --port "$port"
  where=$interface
  if [ "$interface" = any ]; then
    where="every interface"
  else
    set -- "$@" --interface "$interface"
  fi
  # A process group of its own: a signal to this script ends the server and its connections.
  setsid "$server" "$@" "$parent" </dev/null &
  child=$!
  child_group=1
  # Until it listens (at most 10 s; without /proc/net, as under systemd's ProcSubset=pid, until
  # it has lived a second).
  i=0
  while kill -0 "$child" 2>/dev/null && [ "$i" -lt 100 ]; do
    if [ -r /proc/net/tcp ]; then
      ! listening "$child" "$port" || break
    elif [ "$i" -ge 10 ]; then
      break
    fi
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$child" 2>/dev/null && [ "$stopping" -eq 0 ]; then
    say "serving$names (in $parent) for replication on $where:$port (pid $child);" \
      "replicas: $me pull --master HOST:$port --name NAME --into PATH"
  fi
  wait_child
  [ "$stopping" -eq 0 ] || { say "stopped"; exit 0; }
  if [ "$code" -eq 69 ]; then  # EX_UNAVAILABLE: the address is in use
    fail 3 "cannot serve$names for replication: port $port on $where is in use" \
      "another server listens there (ss -ltnp 'sport = :$port'); choose another --port, or stop it"
  fi
  fail 3 "xapian-replicate-server serving$names on $where:$port ended (exit code $code; its message is above)" \
    "check --interface (an address of this machine, or any)"
}

# --- pull --------------------------------------------------------------------------------------
# replica_kind PATH: new (absent, or an empty directory), replica, or a reason it is neither.
replica_kind() {
  if [ ! -e "$1" ]; then
    echo new
  elif [ ! -d "$1" ]; then
    echo "is not a directory"
  elif [ -f "$1/XAPIANDB" ]; then
    if head -n 1 "$1/XAPIANDB" | grep -q '^# Automatically generated by Xapian::DatabaseReplica'; then
      echo replica
    else
      echo "is an index (its XAPIANDB was not written by replication), not a replica"
    fi
  elif [ -z "$(ls -A "$1")" ]; then
    echo new
  else
    echo "holds files but no replica"
  fi
}

# forget_new_replica: after a failed first pull, removes what xapian-replicate created at $into
# (an empty database in replica_0 and the stub naming it), so that nothing serves it.
forget_new_replica() {
  rm -rf "$into/replica_0" "$into/replica_1" "$into/XAPIANDB" "$into/XAPIANDB.tmp"
  [ "$created" -eq 0 ] || rmdir "$into" 2>/dev/null || true
}

# pull_once: one pull into $into; 0 when up to date, 1 after a network failure (master
# unreachable, no index NAME there, connection lost), 2 after any other failure (local), 3 when a
# signal ended it. Prints what it did (according to the verbosity) or the error and a hint.
pull_once() {
  set -- -h "$host" -p "$master_port" -m "$name" -o -v -r "$reader_time" -t "$timeout"
  [ "$force_copy" -eq 0 ] || set -- "$@" -f
  "$replicate" "$@" "$into" >"$output" 2>&1 &
  child=$!
  child_group=0
  wait_child
  if [ "$stopping" -eq 1 ]; then
    [ "$fresh" -eq 0 ] || forget_new_replica
    return 3
  fi
  if [ "$code" -eq 0 ] && [ ! -f "$into/XAPIANDB" ]; then
    echo "$me: error: $replicate exited 0 but left no replica at $into (no XAPIANDB)" >&2
    echo "hint: check that VIGIL_REPLICATE names xapian-replicate" >&2
    [ "$fresh" -eq 0 ] || forget_new_replica
    return 2
  fi
  if [ "$code" -eq 0 ]; then
    fresh=0
    done=$(sed -n 's/^Update complete: //p' "$output" | tail -n 1)
    case "$done" in
      *"no changes"*)
        # A single pull says so (unless -q); a pull every N seconds only with -v.
        if [ "$verbosity" -eq 2 ] || { [ "$verbosity" -eq 1 ] && [ "$every" -eq 0 ]; }; then
          say "$into is up to date with $name on $master"
        fi
        ;;
      *) [ "$verbosity" -eq 0 ] || say "$into updated from $name on $master: ${done:-done}" ;;
    esac
    return 0
  fi
  [ "$fresh" -eq 0 ] || forget_new_replica
  message=$(grep -v -e '^Connecting to ' -e '^Getting update for ' "$output" | tail -n 3)
  kind=1
  case "$message" in
    *"Can't open database"* | *"Couldn't stat"*)
      hint="the master has no index '$name': check --name (the index folder's name there) and the --db of replica.sh server" ;;
    *"Couldn't resolve host"*) hint="check the host name in --master" ;;
    *"Couldn't connect"* | *"Connection refused"*)
      hint="is replica.sh server (vigil-replicate-server.service) running on $master, and the port open to this machine?" ;;
    *Timeout* | *"timed out"*)
      hint="the master stopped answering: check it and the network, or raise --timeout" ;;
    *NetworkError*) hint="the connection to $master failed; the next pull retries" ;;
    *DatabaseLockError*)
      hint="another pull is writing to $into (is vigil-replica@ running for it?); only one may" ;;
    *)
      kind=2
      hint="check that $into is writable, has free space for a full copy of the index, and is not corrupt (xapian-check $into)" ;;
  esac
  echo "$me: error: cannot pull $name from $master into $into:" >&2
  echo "$message" | sed 's/^/  /' >&2
  echo "hint: $hint" >&2
  return "$kind"
}

pull() {
  [ -n "$master" ] || fail 2 "no master given: --master HOST:PORT or VIGIL_REPLICA_MASTER (see --help)"
  case "$master" in
    *:*) host=${master%:*}; master_port=${master##*:} ;;
    *) fail 2 "invalid --master '$master': expected HOST:PORT" ;;
  esac
  host=${host#\[}
  host=${host%\]}
  [ -n "$host" ] || fail 2 "invalid --master '$master': expected HOST:PORT"
  check_port "$master_port"
  [ -n "$into" ] || fail 2 "no replica path given: --into PATH or VIGIL_REPLICA_DB (see --help)"
  into=${into%/}
  [ -n "$into" ] || fail 2 "cannot replicate into /"
  [ -n "$name" ] || name=$(basename "$into")
  case "/$name/" in
    //* | */../* | */./*)
      fail 2 "invalid --name '$name': expected the index's path under the folder the master serves (no leading /, no . or ..)" ;;
  esac
  whole_number "--every" "$every"
  whole_number "--reader-time" "$reader_time"
  whole_number "--timeout" "$timeout"
  replicate=${VIGIL_REPLICATE:-xapian-replicate}
  program "$replicate" VIGIL_REPLICATE
  kind=$(replica_kind "$into")
  case "$kind" in
    new | replica) ;;
    *) fail 2 "'$into' $kind" \
      "pull into a directory of its own (new or empty); a replica is never written by vigil-index" ;;
  esac
  created=0
  fresh=0
  if [ "$kind" = new ]; then
    fresh=1
    if [ ! -e "$into" ]; then
      parent=$(dirname "$into")
      [ -d "$parent" ] || fail 2 "cannot create '$into': there is no directory '$parent'" \
        "create it first (install -d -o vigil -g vigil $parent)"
      [ -w "$parent" ] || fail 2 "cannot create '$into': '$parent' is not writable by $(id -un 2>/dev/null || echo this user)" \
        "run the pull as the user owning $parent, or make it writable"
      created=1
    fi
  fi
  output=$(mktemp)
  trap 'rm -f "$output"' EXIT
  while :; do
    status=0
    pull_once || status=$?
    if [ "$status" -eq 3 ] && [ "$every" -eq 0 ]; then
      fail 3 "interrupted: $into is as of its last complete pull"
    fi
    [ "$stopping" -eq 0 ] || { say "stopped"; exit 0; }
    if [ "$every" -eq 0 ]; then
      [ "$status" -eq 0 ] || exit 3
      exit 0
    fi
    [ "$status" -ne 2 ] || exit 3
    sleep "$every" &
    child=$!
    child_group=0
    wait_child
    [ "$stopping" -eq 0 ] || { say "stopped"; exit 0; }
  done
}

if [ "$command" = server ]; then serve; else pull; fi
