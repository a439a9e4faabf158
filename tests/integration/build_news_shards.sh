#!/bin/sh
# Test fixture: indexes the same inputs as build_news_index.sh (the shared news corpus and the seed
# article page it wrote) into three shards, OUT/shard1 .. OUT/shard3, with `vigil-index add
# --shard I/3`. Exit 77 (ctest: skipped) when ../shared is absent, except under CI.
#   build_news_shards.sh VIGIL_INDEX SHARED_DIR NEWS_OUT_DIR OUT_DIR
set -eu
index_bin=$1
shared=$2
news=$3
out=$4
if [ ! -f "$shared/data/README.md" ]; then
  echo "skipped: the shared corpora were not found at '$shared' (expected data/README.md);" \
    "put the shared folder beside the repository or configure with -DVIGIL_SHARED_DIR=PATH" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
for shard in 1 2 3; do
  "$index_bin" add --quiet --shard "$shard/3" --db "$out/shard$shard" \
    "$shared/data/news_corpus/articles.jsonl.gz" "$news/seed-article.html"
done
