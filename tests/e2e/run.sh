#!/bin/sh
# End-to-end test of the search box: serves INDEX through lighttpd on 127.0.0.1 (a free port, its
# own configuration, by scripts/serve-demo.sh with the deployment snippet), with VIGIL_SEARCH as
# the CGI program, and drives the page in headless Chromium (tests/e2e/browser.mjs: searching,
# facets, pages, the date histogram, status codes, headers, JSON, hostile input, axe-core).
# Screenshots go to OUT_DIR/screenshots; the server's files and logs to OUT_DIR/server.
#   run.sh VIGIL_SEARCH INDEX OUT_DIR NPM_DIR
# NPM_DIR is the node_modules folder holding playwright-core and axe-core (scripts/setup.sh puts
# them in .cache/npm/node_modules). VIGIL_CHROMIUM names another Chromium binary.
# Exit codes: 0 passed, 1 a check failed or the server did not start, 2 usage error, 77 skipped
# (node, Chromium, lighttpd, curl, the npm packages or the index are missing; under CI=true that
# fails with 1 instead).
set -eu
[ $# -eq 4 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
search_bin=$1
index=$2
out=$3
npm=$4
here=$(cd "$(dirname "$0")" && pwd)
chromium=${VIGIL_CHROMIUM:-/usr/bin/chromium}

skip() {
  echo "skipped: $1" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "run.sh: error: under CI the end-to-end test may not skip" >&2
    exit 1
  fi
  exit 77
}

missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x "$chromium" ] || missing="$missing chromium"
command -v lighttpd >/dev/null 2>&1 || [ -x /usr/sbin/lighttpd ] || missing="$missing lighttpd"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
[ -f "$npm/playwright-core/index.mjs" ] || missing="$missing playwright-core"
[ -f "$npm/axe-core/axe.min.js" ] || missing="$missing axe-core"
[ -z "$missing" ] || skip "missing:$missing (run sh scripts/setup.sh)"
[ -d "$index" ] || skip "no index at '$index' (the news_index_fixture test builds it from the shared corpora)"

mkdir -p "$out"
state="$out/server"
serve() { sh "$here/../../scripts/serve-demo.sh" --state "$state" "$@"; }
trap 'serve --stop --quiet' EXIT
# Ports from 8080 up are tried in turn, so a demo server or a parallel run is no obstacle.
url=$(serve --quiet --bin "$search_bin" --db "$index") || {
  echo "run.sh: error: the server did not start (see $state/error.log)" >&2
  exit 1
}
echo "run.sh: testing $url" >&2
status=0
VIGIL_NPM_DIR="$npm" VIGIL_CHROMIUM="$chromium" \
  node "$here/browser.mjs" "$url" "$out/screenshots" "$search_bin" || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the server's error log ($state/error.log), last lines:" >&2
  tail -20 "$state/error.log" >&2 || true
  exit 1
fi
