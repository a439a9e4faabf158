#!/bin/sh
# Checks the syntax of the web-server snippets in scripts/deploy/: each is wrapped in a minimal
# server configuration of its own (in a temporary directory; nothing is started, nothing under
# /etc is read or changed but the servers' own bundled files) and given to the server's test mode:
# `lighttpd -tt`, `nginx -t` and `apache2 -t`. lighttpd's test mode passes unknown keys, so
# lighttpd is also started for a moment (in the foreground, on 127.0.0.1, port chosen by the
# system) and any warning it logs fails the check. lighttpd is required (scripts/setup.sh
# installs it); nginx and Apache are checked only when installed.
#   scripts/deploy/check.sh
# Exit codes: 0 every installed server accepts its snippet, 1 one rejects it (its message is
# shown), 77 lighttpd is not installed (ctest: skipped; under CI=true that fails with 1).
set -eu
cd "$(dirname "$0")"
deploy=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# find_server NAME: the server's path, in PATH or /usr/sbin (not in a user's PATH on Debian).
find_server() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true; }

report() {  # report NAME LOG STATUS
  if [ "$3" -eq 0 ]; then
    echo "check.sh: $1: the snippet is accepted"
  else
    sed 's/^/  /' "$2" >&2
    echo "check.sh: error: $1 rejects its snippet (above)" >&2
    failed=1
  fi
}

lighttpd=$(find_server lighttpd)
if [ -z "$lighttpd" ]; then
  echo "skipped: lighttpd is not installed (run sh scripts/setup.sh)" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi
mkdir -p "$work/htdocs"
cat >"$work/lighttpd.conf" <<EOF
server.bind = "127.0.0.1"
server.port = 0
server.document-root = "$work/htdocs"
server.errorlog = "$work/lighttpd.log"
include "$deploy/lighttpd.conf"
EOF
status=0
"$lighttpd" -tt -f "$work/lighttpd.conf" >"$work/lighttpd.log" 2>&1 || status=$?
if [ "$status" -eq 0 ]; then
  "$lighttpd" -D -f "$work/lighttpd.conf" 2>>"$work/lighttpd.log" &
  pid=$!
  i=0
  while ! grep -q "server started" "$work/lighttpd.log" && kill -0 "$pid" 2>/dev/null &&
    [ "$i" -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  sleep 0.3  # unknown keys are reported just after the start
  kill "$pid" 2>/dev/null || true
  wait "$pid" || true
  if ! grep -q "server started" "$work/lighttpd.log" ||
    grep -q -e WARNING -e ERROR -e error "$work/lighttpd.log"; then
    status=1
  fi
fi
report lighttpd "$work/lighttpd.log" "$status"

nginx=$(find_server nginx)
if [ -n "$nginx" ] && [ -f /etc/nginx/fastcgi_params ]; then
  # Relative includes (fastcgi_params) are looked up beside the main file.
  cp /etc/nginx/fastcgi_params "$work/"
  cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:8080;
    include $deploy/nginx.conf;
  }
}
EOF
  status=0
  "$nginx" -t -q -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" \
    >"$work/nginx.log" 2>&1 || status=$?
  report nginx "$work/nginx.log" "$status"
else
  echo "check.sh: nginx is not installed: its snippet is not checked"
fi

apache=$(find_server apache2)
modules=/usr/lib/apache2/modules
if [ -n "$apache" ] && [ -d "$modules" ]; then
  cat >"$work/apache.conf" <<EOF
ServerName 127.0.0.1
Listen 127.0.0.1:8080
PidFile $work/apache.pid
ErrorLog $work/apache-error.log
Mutex file:$work default
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule alias_module $modules/mod_alias.so
LoadModule cgid_module $modules/mod_cgid.so
LoadModule env_module $modules/mod_env.so
ScriptSock $work/cgid.sock
Include $deploy/apache.conf
EOF
  status=0
  "$apache" -t -f "$work/apache.conf" >"$work/apache.log" 2>&1 || status=$?
  report "Apache httpd" "$work/apache.log" "$status"
else
  echo "check.sh: Apache httpd is not installed: its snippet is not checked"
fi
exit "$failed"
