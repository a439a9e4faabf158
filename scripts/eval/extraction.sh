#!/bin/sh
# Scores the article extractor (vigil-index extract) on the AEB pages (90) and the Mozilla
# Readability test pages (91) of the shared data, next to the published extractors.
#   scripts/eval/extraction.sh [SCORER OPTION...]     e.g. --min-f1 0.93 --per-page worst.tsv
# Builds Release first (unless VIGIL_INDEX names the binary to use as is), runs `vigil-index extract --url URL FILE` once per page, keeps our outputs
# in build/eval/ (ours-aeb.jsonl, ours-rd.jsonl, extract-errors.log) and runs
# scripts/eval/extraction_score.py on them; extra arguments go to the scorer, whose exit code
# this script returns. Data: ../shared, or VIGIL_SHARED_DIR. The binary: VIGIL_INDEX, if set.
set -eu
cd "$(dirname "$0")/../.."
shared=${VIGIL_SHARED_DIR:-../shared}
aeb=$shared/data/article_extraction/scrapinghub_aeb
rd=$shared/data/article_extraction/readability_test_pages
for path in "$aeb/ground-truth.dev.json" "$aeb/html" "$rd/test-pages.dev.tar.gz"; do
  [ -e "$path" ] || { echo "extraction.sh: error: '$path' not found (set VIGIL_SHARED_DIR)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "extraction.sh: error: python3 missing" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${VIGIL_INDEX:-}" ]; then
  echo "extraction.sh: building (Release) ..." >&2
  if ! sh scripts/build.sh >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "extraction.sh: error: build failed" >&2
    exit 2
  fi
fi
vigil=${VIGIL_INDEX:-build/indexer/vigil-index}  # VIGIL_INDEX: another binary, e.g. a debug build
out=build/eval
mkdir -p "$out" "$work/aeb" "$work/rd" "$work/json"
: >"$out/extract-errors.log"

# AEB pages, with their URL from the ground truth (one "id<TAB>url" line per page).
python3 -c '
import json, sys
for page_id, page in sorted(json.load(open(sys.argv[1], encoding="utf-8")).items()):
    print(page_id + "\t" + (page.get("url") or "https://example.org/" + page_id))
' "$aeb/ground-truth.dev.json" >"$work/aeb.list"
while IFS="	" read -r id url; do
  gzip -dc "$aeb/html/$id.html.gz" >"$work/aeb/$id.html"
done <"$work/aeb.list"

# Readability pages: no URL in expected-metadata.json, so a stand-in per page.
tar xzf "$rd/test-pages.dev.tar.gz" -C "$work/rd"
for dir in "$work/rd/test-pages"/*/; do
  name=$(basename "$dir")
  printf '%s\thttps://example.org/%s/\n' "$name" "$name"
done >"$work/rd.list"

failures=0
extract_set() {  # extract_set SET LIST DIR SUFFIX: runs on DIR/<id>SUFFIX, output to $work/json/
  set_name=$1
  while IFS="	" read -r id url; do
    file=$3/$id$4
    rc=0
    timeout 120 "$vigil" extract --url "$url" "$file" >"$work/json/$set_name.$id.json" \
      2>"$work/stderr" </dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then
      failures=$((failures + 1))
      rm -f "$work/json/$set_name.$id.json"
      printf '%s %s: exit %s: %s\n' "$set_name" "$id" "$rc" \
        "$(head -c 300 "$work/stderr" | tr '\n' ' ')" >>"$out/extract-errors.log"
    fi
  done <"$2"
}
extract_set aeb "$work/aeb.list" "$work/aeb" .html
extract_set rd "$work/rd.list" "$work/rd/test-pages" /source.html

# One JSON Lines file per set; "id" added to each object. A page that printed no JSON object
# counts as failed, like a non-zero exit; both become empty extractions in the scorer.
bad=$(python3 -c '
import json, os, sys
work, out = sys.argv[1], sys.argv[2]
bad = 0
for set_name in ("aeb", "rd"):
    ids = [line.split("\t")[0] for line in open(os.path.join(work, set_name + ".list"), encoding="utf-8")]
    with open(os.path.join(out, "ours-" + set_name + ".jsonl"), "w", encoding="utf-8") as f, \
         open(os.path.join(out, "extract-errors.log"), "a", encoding="utf-8") as log:
        for page_id in ids:
            path = os.path.join(work, "json", set_name + "." + page_id + ".json")
            if not os.path.exists(path):
                continue
            try:
                with open(path, encoding="utf-8") as g:
                    record = json.load(g)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
            except ValueError as e:
                bad += 1
                log.write(f"{set_name} {page_id}: exit 0 but no JSON object on stdout: {e}\n")
                continue
            record["id"] = page_id
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
print(bad)
' "$work" "$out")
failures=$((failures + bad))
pages=$(($(wc -l <"$work/aeb.list") + $(wc -l <"$work/rd.list")))
echo "Extraction failed on $failures of $pages pages (scored as empty; details in $out/extract-errors.log)"
if [ "$failures" -gt 0 ]; then
  head -n 5 "$out/extract-errors.log"
fi
echo

rc=0
python3 scripts/eval/extraction_score.py --shared "$shared" \
  --ours-aeb "$out/ours-aeb.jsonl" --ours-rd "$out/ours-rd.jsonl" "$@" || rc=$?
exit "$rc"
