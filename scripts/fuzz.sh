#!/bin/sh
# Runs every fuzz target (tests/fuzz: one per parser of outside input) with libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer, sharing SECONDS (default 600) between them.
#   scripts/fuzz.sh [SECONDS] [--only NAME[,NAME...]]
# The first run configures and builds the tree $VIGIL_FUZZ_BUILD (default build-fuzz; clang,
# -DVIGIL_FUZZ=ON); a tree configured otherwise is refused. Each target starts from its seeds
# (tests/fuzz/seeds, the inputs of past findings in tests/fuzz/regressions, and real pages and
# texts from ../shared or $VIGIL_SHARED_DIR when present) and keeps what it learns in
# $VIGIL_FUZZ_BUILD/fuzz-corpus/NAME, so that later runs go deeper.
# Prints, per target: seconds, executions, executions/s, coverage (edges and features, as
# libFuzzer counts them), corpus size, peak RSS, findings. A finding (crash, sanitizer report,
# broken contract, timeout over 10 s, or over 2 GiB of memory) is saved under
# $VIGIL_FUZZ_BUILD/fuzz-findings/ and its log shown.
# Exit codes: 0 nothing found, 1 findings, 2 usage error, 3 a step failed (build, no clang).
set -eu
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "fuzz.sh: error: $1" >&2
  [ $# -lt 2 ] || echo "hint: $2" >&2
  exit 3
}

seconds=600
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || usage; only=$2; shift 2 ;;
    -h | --help) usage ;;
    *[!0-9]* | "") echo "fuzz.sh: error: '$1' is not a number of seconds" >&2; usage ;;
    *) seconds=$1; shift ;;
  esac
done

targets="html charset jsonl robots sitemap feed url warc dates query cgi"
if [ -n "$only" ]; then
  for name in $(echo "$only" | tr ',' ' '); do
    case " $targets " in
      *" $name "*) ;;
      *) echo "fuzz.sh: error: no fuzz target '$name' (targets: $targets)" >&2; exit 2 ;;
    esac
  done
  targets=$(echo "$only" | tr ',' ' ')
fi
count=$(echo "$targets" | wc -w)
each=$((seconds / count))
[ "$each" -ge 1 ] || each=1

build=${VIGIL_FUZZ_BUILD:-build-fuzz}
shared=${VIGIL_SHARED_DIR:-$(pwd)/../shared}
command -v clang++ >/dev/null 2>&1 || fail "clang++ was not found" "run scripts/setup.sh (Debian package clang)"
if [ -f "$build/CMakeCache.txt" ]; then
  grep -q '^VIGIL_FUZZ:BOOL=ON' "$build/CMakeCache.txt" ||
    fail "$build is not a fuzzing tree (VIGIL_FUZZ is off)" "remove it, or set VIGIL_FUZZ_BUILD"
else
  echo "== configuring $build (clang, libFuzzer, ASan+UBSan)" >&2
  CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DVIGIL_FUZZ=ON -DVIGIL_SANITIZE=address,undefined \
    -DVIGIL_SHARED_DIR="$shared" >/dev/null || fail "cmake could not configure $build"
fi
echo "== building the fuzz targets in $build" >&2
cmake --build "$build" --target fuzz_targets >/dev/null || fail "the fuzz targets did not build"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seeds from the shared data: real pages (with an empty Content-Type line first), JSON Lines
# records and texts with time expressions. Read here, never copied into the repository.
shared_seeds() {
  name=$1
  dir=$2
  [ -f "$shared/data/README.md" ] || return 0
  python3 -B - "$shared/data" "$name" "$dir" <<'EOF'
import gzip, json, pathlib, sys, tarfile
data, name, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
def pages():
    for path in sorted((data / "article_extraction/scrapinghub_aeb/html").glob("*.html.gz"))[:40]:
        yield path.stem, gzip.decompress(path.read_bytes())
    tar = data / "article_extraction/readability_test_pages/test-pages.dev.tar.gz"
    with tarfile.open(tar) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith("/source.html")]
        for member in members[:40]:
            yield member.name.split("/")[-2], archive.extractfile(member).read()
def records():
    with gzip.open(data / "news_corpus/articles.jsonl.gz", "rb") as lines:
        for number, line in enumerate(lines):
            if number % 500 == 0:
                yield line
            if number > 20000:
                break
if name in ("html", "charset"):
    for stem, page in pages():
        (out / f"shared-{stem}.html").write_bytes(b"\n" + page[:65536])
elif name == "jsonl":
    batch = list(records())
    for i in range(0, len(batch), 4):
        (out / f"shared-{i}.jsonl").write_bytes(b"".join(batch[i:i + 4]))
elif name == "dates":
    for i, line in enumerate(records()):
        record = json.loads(line)
        date = (record.get("date") or "")[:10]
        (out / f"shared-{i}.txt").write_text(date + "\n" + record["body"][:4000])
EOF
}

# How many files a directory holds.
files() { find "$1" -type f | wc -l; }
# The last value libFuzzer printed for a final statistic (-print_final_stats) in the log $log.
final() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }

mkdir -p "$build/fuzz-corpus" "$build/fuzz-findings"
found=0
printf '%-8s %5s %10s %8s %6s %7s %7s %6s %s\n' target s execs exec/s cov ft corpus MiB findings >"$work/table"
for name in $targets; do
  corpus="$build/fuzz-corpus/$name"
  seeds="$work/seeds-$name"
  mkdir -p "$corpus" "$seeds"
  cp tests/fuzz/seeds/"$name"/* "$seeds"/
  if [ -d "tests/fuzz/regressions/$name" ]; then cp tests/fuzz/regressions/"$name"/* "$seeds"/; fi
  shared_seeds "$name" "$seeds"
  case "$name" in
    html | charset | jsonl | warc | dates) max_len=65536 ;;
    *) max_len=4096 ;;
  esac
  log="$work/$name.log"
  echo "== fuzzing $name for ${each}s ($(files "$seeds") seeds, $(files "$corpus") in its corpus)" >&2
  status=0
  ASAN_OPTIONS=detect_leaks=1 "$build/tests/fuzz/${name}_fuzz" -max_total_time="$each" \
    -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-findings/$name-" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -n 1)
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  findings=0
  if [ "$status" -ne 0 ]; then
    findings=1
    found=1
    echo "fuzz.sh: $name found a problem (exit $status); its log:" >&2
    tail -n 60 "$log" >&2
  fi
  printf '%-8s %5s %10s %8s %6s %7s %7s %6s %s\n' "$name" "$each" "$(final number_of_executed_units)" \
    "$(final average_exec_per_sec)" "${cov:--}" "${ft:--}" "$(files "$corpus")" \
    "$(final peak_rss_mb)" "$findings" >>"$work/table"
done
cat "$work/table"
if [ "$found" -ne 0 ]; then
  echo "fuzz.sh: findings are in $build/fuzz-findings/ (crash-*, leak-*, timeout-*, oom-*)" >&2
  echo "hint: reproduce with $build/tests/fuzz/NAME_fuzz FILE; once fixed, add the file to" \
    "tests/fuzz/regressions/NAME/ so that ctest replays it" >&2
  exit 1
fi
echo "fuzz.sh: nothing found" >&2
