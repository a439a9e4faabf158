#!/bin/sh
# Times article extraction (vigil::extract::read_html) over the shared HTML pages, held in memory,
# on one thread pinned to one core: MB/s and pages/s of the best of 5 rounds, median and p95 ms
# per page.
#   scripts/bench/extract.sh
# Pages: scrapinghub_aeb/html/*.html.gz and each readability test page's source.html. Builds
# Release first. Prints one table and the target line; the target is informational (exit 0 when
# it is missed). The slowest pages go to stderr.
set -eu
cd "$(dirname "$0")/../.."
[ $# -eq 0 ] || { echo "usage: scripts/bench/extract.sh" >&2; exit 2; }
shared=${VIGIL_SHARED_DIR:-../shared}
aeb="$shared/data/article_extraction/scrapinghub_aeb/html"
tarball="$shared/data/article_extraction/readability_test_pages/test-pages.dev.tar.gz"
for input in "$aeb" "$tarball"; do
  [ -e "$input" ] || {
    echo "extract.sh: error: '$input' not found (set VIGIL_SHARED_DIR)" >&2
    exit 2
  }
done
sh scripts/build.sh >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pages"
tar -xzf "$tarball" -C "$work/pages"
find "$work/pages" -type f -name source.html | sort >"$work/list"
set -- "$aeb"/*.html.gz
while IFS= read -r page; do
  set -- "$@" "$page"
done <"$work/list"

# One core, when taskset exists and may use it: the last one, since core 0 also takes the
# machine's interrupts and housekeeping (on a 2-core VM here: 35-38 MB/s on core 0, 70 on core 1).
pin=""
core=$(($(nproc 2>/dev/null || echo 1) - 1))
if command -v taskset >/dev/null && taskset -c "$core" true 2>/dev/null; then
  pin="taskset -c $core"
fi
$pin build/tests/bench/vigil-extract-bench --repeat 5 "$@" >"$work/out"

get() { awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$work/out"; }
mb_per_s=$(get mb_per_s)
printf "%7s %9s %9s %9s %11s %11s %7s\n" "pages" "MB" "MB/s" "pages/s" "median ms" "p95 ms" "errors"
printf "%7s %9.1f %9.1f %9.0f %11.2f %11.2f %7s\n" "$(get pages)" "$(get mb)" "$mb_per_s" \
  "$(get pages_per_s)" "$(get median_ms)" "$(get p95_ms)" "$(get errors)"
met=$(awk -v r="$mb_per_s" 'BEGIN { print (r >= 30 ? "met" : "NOT met") }')
echo "target: >= 30 MB/s of HTML on one core: $met (${pin:-one thread; no taskset})"
awk -F'\t' -v work="$work/pages/" '$1 == "slowest" {
  path = index($4, work) == 1 ? substr($4, length(work) + 1) : $4
  printf "slowest: %8.2f ms %6d KB  %s\n", $2, $3, path }' "$work/out" >&2
