#!/bin/sh
# Times importing a corpus with vigil-index: documents per second, peak memory, index size.
#   scripts/bench/index.sh [CORPUS...]     default: the shared news corpus
# Builds Release first. Imports twice into a fresh index: a cold import, then a re-run in which
# every document is unchanged; then once more into a fresh index with --no-entities, to show what
# entity recognition costs (wall time: it runs on a second thread; CPU time: its real work).
# Prints one table and the entity-recognition share.
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}
if [ $# -eq 0 ]; then
  set -- "$shared/data/news_corpus/articles.jsonl.gz"
fi
for corpus in "$@"; do
  [ -e "$corpus" ] || { echo "index.sh: error: corpus '$corpus' not found" >&2; exit 2; }
done
command -v /usr/bin/time >/dev/null || { echo "index.sh: error: /usr/bin/time missing; run scripts/setup.sh" >&2; exit 2; }
sh scripts/build.sh >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/index"

# Uncompressed bytes of the input (MB/s counts text read, not gzip bytes on disk).
input_bytes() {
  for path in "$@"; do
    find "$path" -type f | while IFS= read -r file; do
      case "$file" in
        *.gz) gzip -dc "$file" | wc -c ;;
        *) wc -c <"$file" ;;
      esac
    done >>"$work/sizes"
  done
  awk '{ s += $1 } END { print s }' "$work/sizes"
}

run() {  # run LABEL: one import, then one table row
  /usr/bin/time -f '%M %e %U %S' -o "$work/time" build/indexer/vigil-index add -q --db "$db" "$@" \
    2>"$work/log" || [ $? -eq 1 ]
  summary=$(grep 'vigil-index: added' "$work/log" | tail -1)
  read -r rss_kb seconds user system <"$work/time"
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  echo "$seconds $cpu" >"$work/last"
  docs=$(echo "$summary" | sed -n 's/.*; \([0-9]*\) documents in index.*/\1/p')
  read_count=$(echo "$summary" | awk -F'[ ,;]+' '{print $3+$5+$7}')
  bytes=$(du -sb "$db" | cut -f1)
  awk -v label="$label" -v n="$read_count" -v s="$seconds" -v rss="$rss_kb" -v b="$bytes" \
      -v d="$docs" -v mb="$input_mb" -v cpu="$cpu" 'BEGIN {
    printf "%-24s %9d %8.2f %8.2f %9.0f %8.2f %10.0f %12.0f\n", label, n, s, cpu, n / s, mb / s,
      rss / 1024, b / d }'
}

input_mb=$(input_bytes "$@" | awk '{ printf "%.1f", $1 / 1048576 }')
printf "%-24s %9s %8s %8s %9s %8s %10s %12s\n" "run" "docs" "seconds" "cpu s" "docs/s" "MB/s" \
  "peak MiB" "bytes/doc"
label="import (new index)"; run "$@"
read -r with_wall with_cpu <"$work/last"
label="re-run (unchanged)"; run "$@"
rm -rf "$db"
label="import, --no-entities"; run --no-entities "$@"
read -r without_wall without_cpu <"$work/last"
awk -v w="$with_wall" -v c="$with_cpu" -v w0="$without_wall" -v c0="$without_cpu" 'BEGIN {
  printf "entity recognition adds %.0f%% to wall time and %.0f%% to CPU time per import\n",
    100 * (w - w0) / w0, 100 * (c - c0) / c0 }'
echo "input: $* ($input_mb MB uncompressed)" >&2
