#!/bin/sh
# Test fixture: indexes the shared news corpus plus the seed article (as an HTML page) into
# OUT/news with the real vigil-index binary. Exit 77 (ctest: skipped) when ../shared is absent,
# except under CI, where it must be present.
#   build_news_index.sh VIGIL_INDEX SHARED_DIR OUT_DIR
set -eu
index_bin=$1
shared=$2
out=$3
if [ ! -f "$shared/data/README.md" ]; then
  echo "skipped: the shared corpora were not found at '$shared' (expected data/README.md);" \
    "put the shared folder beside the repository or configure with -DVIGIL_SHARED_DIR=PATH" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
# The seed article is plain text with one paragraph per line; wrap it in a minimal page.
{
  printf '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
  printf '<title>Seed article</title><meta name="date" content="2021-06-03"></head>\n<body>\n'
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's|^|<p>|' -e 's|$|</p>|' \
    "$shared/eval/seed-article/article.txt"
  printf '</body></html>\n'
} >"$out/seed-article.html"
"$index_bin" add --db "$out/news" "$shared/data/news_corpus/articles.jsonl.gz" \
  "$out/seed-article.html"
