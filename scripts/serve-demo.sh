#!/bin/sh
# Serves an index on 127.0.0.1 through lighttpd, with vigil-search as its CGI program, configured
# by scripts/deploy/lighttpd.conf: the search page, for a browser.
#   scripts/serve-demo.sh [PORT]        the demo index, .cache/udhr-index (built by scripts/demo.sh)
#   scripts/serve-demo.sh [--db DIR]... [--port PORT] [--bin FILE] [--state DIR]
#                         [--set NAME=VALUE]... [--quiet]
#   scripts/serve-demo.sh --stop [--state DIR]
# Writes lighttpd's configuration, the VIGIL_CONFIG file (db = DIR lines, then each --set as
# `NAME = VALUE`), the pid file and the logs (error.log holds the CGI's stderr) under the state
# directory (default .cache/serve-demo), starts lighttpd in the background, waits until the page
# answers and prints its URL, http://127.0.0.1:PORT/search, on stdout. Without a port: 8080 or
# the next free one up to 8099; a port given must be free. Running it again with the same state
# directory restarts the server. --bin defaults to build/searcher/vigil-search; --quiet prints
# only the URL. Needs lighttpd and curl (scripts/setup.sh installs them).
# Exit codes: 0 serving (or stopped), 2 usage error, 3 failure (lighttpd missing, no binary or
# index, the server did not start or the page did not answer 200).
set -eu
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "serve-demo.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

say() { [ "$quiet" -eq 1 ] || echo "serve-demo.sh: $*" >&2; }

# An absolute path for an existing file or directory.
absolute() {
  if [ -d "$1" ]; then (cd "$1" && pwd); else echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; fi
}

# Stops the lighttpd whose pid file is in the state directory, if it is still ours.
stop_server() {
  pid_file="$state/lighttpd.pid"
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  if [ -n "$pid" ] && grep -q "$state/lighttpd.conf" "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    say "stopped the server (pid $pid)"
  fi
  rm -f "$pid_file"
}

dbs=""
port=""
bin=build/searcher/vigil-search
state=.cache/serve-demo
sets=""
stop=0
quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db | --port | --bin | --state | --set)
      [ $# -ge 2 ] || { echo "serve-demo.sh: error: $1 needs a value (see --help)" >&2; exit 2; }
      case "$1" in
        --db) dbs="$dbs
$2" ;;
        --port) port=$2 ;;
        --bin) bin=$2 ;;
        --state) state=$2 ;;
        --set) sets="$sets
$2" ;;
      esac
      shift 2
      ;;
    --stop) stop=1; shift ;;
    --quiet) quiet=1; shift ;;
    --help | -h) usage ;;
    -*) echo "serve-demo.sh: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) port=$1; shift ;;
  esac
done
case "$port" in
  '') ;;
  *[!0-9]* | 0*) echo "serve-demo.sh: error: invalid port '$port': expected 1-65535" >&2; exit 2 ;;
esac

mkdir -p "$state"
state=$(absolute "$state")
case "$state" in
  *[\"\|\\]*) echo "serve-demo.sh: error: the state directory's path may not hold \" | or \\" >&2; exit 2 ;;
esac
stop_server
[ "$stop" -eq 0 ] || exit 0

lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
[ -x "$lighttpd" ] || fail "lighttpd is not installed" "run sh scripts/setup.sh"
command -v curl >/dev/null 2>&1 || fail "curl is not installed" "run sh scripts/setup.sh"
[ -x "$bin" ] || fail "no vigil-search binary at '$bin'" "run sh scripts/build.sh, or pass --bin FILE"
bin=$(absolute "$bin")
[ -n "$dbs" ] || dbs=.cache/udhr-index

# The server-side configuration the CGI reads (VIGIL_CONFIG).
{
  echo "# written by scripts/serve-demo.sh"
  echo "$dbs" | while IFS= read -r db; do
    [ -n "$db" ] || continue
    [ -d "$db" ] || fail "no index at '$db'" "build one with sh scripts/demo.sh, or pass --db DIR"
    echo "db = $(absolute "$db")"
  done
  echo "$sets" | while IFS= read -r set; do
    [ -n "$set" ] || continue
    case "$set" in
      *=*) echo "${set%%=*} = ${set#*=}" ;;
      *) echo "serve-demo.sh: error: invalid --set '$set': expected NAME=VALUE" >&2; exit 2 ;;
    esac
  done
} >"$state/search.conf"
mkdir -p "$state/htdocs"

# Writes lighttpd.conf for port $1: a server of its own on 127.0.0.1, then the deployment snippet
# with the binary's and the configuration's paths.
write_config() {
  cat >"$state/lighttpd.conf" <<EOF
# written by scripts/serve-demo.sh
server.bind = "127.0.0.1"
server.port = $1
server.document-root = "$state/htdocs"
server.pid-file = "$state/lighttpd.pid"
server.errorlog = "$state/error.log"
server.modules = ( "mod_redirect", "mod_accesslog" )
accesslog.filename = "$state/access.log"
# The last field is the time taken, in microseconds.
accesslog.format = "%h %t \"%r\" %>s %b %D"
url.redirect = ( "^/$" => "/search" )
EOF
  sed -e "s|/usr/local/bin/vigil-search|$bin|" -e "s|/etc/vigil/search.conf|$state/search.conf|" \
    scripts/deploy/lighttpd.conf >>"$state/lighttpd.conf"
}

if [ -n "$port" ]; then ports=$port; else ports=$(seq 8080 8099); fi
# lighttpd runs with -D in a session of its own, detached from this shell and its terminal,
# rather than daemonising itself: CGI programs inherit its stderr, which a daemon points at
# /dev/null, and this way it is error.log. It either exits at once (a busy port: try the next) or
# logs "server started".
started=""
for p in $ports; do
  write_config "$p"
  : >"$state/error.log"  # this run's messages only
  setsid "$lighttpd" -D -f "$state/lighttpd.conf" </dev/null >/dev/null 2>>"$state/error.log" &
  pid=$!
  i=0
  while kill -0 "$pid" 2>/dev/null && ! grep -q "server started" "$state/error.log" &&
    [ "$i" -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    started=$p
    break
  fi
  grep -q "Address already in use" "$state/error.log" || {
    cat "$state/error.log" >&2
    fail "lighttpd did not start (configuration: $state/lighttpd.conf)"
  }
  say "port $p is busy"
done
[ -n "$started" ] || fail "no free port among: $(echo "$ports" | tr '\n' ' ')" "pass --port PORT"

url="http://127.0.0.1:$started/search"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
if [ "$status" != 200 ]; then
  stop_server
  tail -5 "$state/error.log" >&2 || true
  fail "$url answered HTTP $status, not 200 (the server's log, with the CGI's messages, is above: $state/error.log)"
fi
stop_command="sh scripts/serve-demo.sh --stop"
[ "$state" = "$(pwd)/.cache/serve-demo" ] || stop_command="$stop_command --state $state"
say "serving $(sed -n 's/^db = //p' "$state/search.conf" | tr '\n' ' ')at $url (stop: $stop_command)"
echo "$url"
