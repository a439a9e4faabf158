#!/bin/sh
# Read replicas and shard servers end to end on 127.0.0.1, with Xapian's stock tools driven by
# scripts/replica.sh and scripts/shard-server.sh: builds a small index with vigil-index add,
# serves it for replication, pulls a replica (a full copy), and checks that the replica holds the
# same database (UUID, revision, documents, every term with its frequency); serves the index and
# the replica with xapian-tcpsrv and queries both through `remote` stub files (quest, and
# xapian-delve for the UUID a new connection sees) and the replica directly with vigil-search,
# getting the same results; then adds documents with XAPIAN_MAX_CHANGESETS (the pull applies a
# changeset) and without (a full copy), compacts the index twice (each new generation reaches the
# replica as a full copy, and both servers' new connections see it), and checks the replica
# after each step. Also: a pull of an unknown index fails and leaves nothing behind, a pull into
# the index itself is refused, a busy port is reported; the servers stop cleanly.
#   tests/ops/replication_test.sh SOURCE_DIR VIGIL_INDEX VIGIL_SEARCH
# Exit codes: 0 all pass, 1 a check failed (each failure is printed with the outputs involved),
# 2 usage error, 77 skipped (xapian-tools is not installed; under CI=true that fails with 1).
set -eu
[ $# -eq 3 ] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
source_dir=$(cd "$1" && pwd)
index_bin=$2
search_bin=$3
replica_sh="$source_dir/scripts/replica.sh"
shard_sh="$source_dir/scripts/shard-server.sh"

missing=""
for tool in xapian-tcpsrv xapian-replicate xapian-replicate-server xapian-delve quest; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "skipped: missing:$missing (apt-get install xapian-tools)" >&2
  [ "${CI:-}" != "true" ] || exit 1
  exit 77
fi

work=$(mktemp -d)
replication_pid=""
cleanup() {
  for name in master replica; do
    [ ! -f "$work/$name.pid" ] || sh "$shard_sh" stop --pid-file "$work/$name.pid" 2>/dev/null || true
  done
  [ -z "$replication_pid" ] || kill "$replication_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
started=$(date +%s)
failures=0
checks=0

check() {  # check DESCRIPTION COMMAND...: counts a failure unless COMMAND succeeds
  description=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    failures=$((failures + 1))
    echo "FAIL: $description" >&2
    [ ! -s "$work/err" ] || sed 's/^/  stderr: /' "$work/err" >&2
  fi
}
same() {  # same FILE1 FILE2: equal and not empty (else the difference is printed)
  [ -s "$1" ] && cmp -s "$1" "$2" && return 0
  echo "  expected ($1) / got ($2):" >&2
  diff "$1" "$2" | sed 's/^/  /' >&2 || true
  return 1
}
has() { grep -q -e "$2" "$1"; }
lacks() { ! grep -q -e "$2" "$1"; }

# describe DB OUT: what must be equal between an index and its replica: the database's summary
# (UUID, revision, documents, lengths) and every term with its frequency.
describe() {
  { xapian-delve "$1" 2>&1 || true; } | grep -v 'currently open for writing' >"$2" || true
  xapian-delve -a -1 -v "$1" >>"$2" 2>&1 || true
}
uuid() { xapian-delve "$1" 2>/dev/null | sed -n 's/^UUID = //p'; }
documents() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

# --- a small index --------------------------------------------------------------------------------
mkdir "$work/master" "$work/replicas"
master=$work/master/shard-1
replica=$work/replicas/shard-1
cat >"$work/batch1.jsonl" <<'EOF'
{"id": "doc-1", "title": "Journalists detained in Minsk", "date": "2021-06-03", "source": "test", "body": "Police detained three journalists covering the protest in Minsk on Tuesday, the press association said. Lawyers for the journalists were not allowed to see them."}
{"id": "doc-2", "title": "Flood relief reaches Sindh", "date": "2022-09-01", "source": "test", "body": "Aid convoys reached flooded districts of Sindh province after roads reopened, the relief agency said, as families sheltered in schools."}
{"id": "doc-3", "title": "Court hears detention appeal", "date": "2023-01-15", "source": "test", "body": "The court heard an appeal against the administrative detention of a human rights lawyer held without charge since March."}
{"id": "doc-4", "title": "Refugees stranded at the border", "date": "2023-03-01", "source": "test", "body": "Hundreds of refugees were stranded at the border crossing after officials closed it without notice, aid workers said."}
EOF
cat >"$work/batch2.jsonl" <<'EOF'
{"id": "doc-5", "title": "Hunger strike enters third week", "date": "2023-02-01", "source": "test", "body": "Detainees in the camp continued their hunger strike, lawyers said, as the court delayed a hearing on their detention."}
{"id": "doc-6", "title": "Monitors document forced evictions", "date": "2023-04-11", "source": "test", "body": "Human rights monitors documented forced evictions of families from the riverside settlement, with no compensation offered."}
EOF
cat >"$work/batch3.jsonl" <<'EOF'
{"id": "doc-7", "title": "Activist released on bail", "date": "2023-05-20", "source": "test", "body": "An activist held for criticising the dam project was released on bail after five months in detention, her lawyer said."}
EOF
"$index_bin" add -q --db "$master" "$work/batch1.jsonl" 2>"$work/err"
check "vigil-index add builds the index" [ "$(documents "$master")" = 4 ]

# --- servers on free ports ------------------------------------------------------------------------
port=$((20000 + $$ % 20000))
# next_port: the next candidate port in $port.
next_port() { port=$((port + 1)); }

# serve NAME DB: a shard server for DB in the background (pid file $work/NAME.pid) on the next
# free port, which it leaves in $port, with a stub file $work/NAME.stub naming it.
serve() {
  tries=0
  while :; do
    next_port
    code=0
    sh "$shard_sh" start --db "$2" --port "$port" --pid-file "$work/$1.pid" 2>"$work/err" ||
      code=$?
    [ "$code" -eq 0 ] && break
    tries=$((tries + 1))
    if ! grep -q 'is in use' "$work/err" || [ "$tries" -ge 20 ]; then
      cat "$work/err" >&2
      echo "replication_test.sh: error: the shard server for $2 did not start" >&2
      exit 1
    fi
  done
  printf 'remote 127.0.0.1:%s\n' "$port" >"$work/$1.stub"
}

# The replication server, in the foreground of a background job; it prints "serving" once it
# listens, or exits with a message naming the busy port.
tries=0
while :; do
  next_port
  sh "$replica_sh" server --db "$master" --port "$port" 2>"$work/replication.log" &
  replication_pid=$!
  i=0
  while kill -0 "$replication_pid" 2>/dev/null && ! has "$work/replication.log" 'serving' &&
    [ "$i" -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  has "$work/replication.log" 'serving' && break
  kill "$replication_pid" 2>/dev/null || true
  wait "$replication_pid" 2>/dev/null || true
  replication_pid=""
  tries=$((tries + 1))
  if ! has "$work/replication.log" 'is in use' || [ "$tries" -ge 20 ]; then
    cat "$work/replication.log" >&2
    echo "replication_test.sh: error: the replication server did not start" >&2
    exit 1
  fi
done
replication_port=$port
check "the replication server notes that the index holds no changesets yet" \
  has "$work/replication.log" 'holds no changesets'

# pull: one pull of shard-1 into the replica; its messages in $work/pull, its exit code in $code.
pull() {
  code=0
  sh "$replica_sh" pull --master "127.0.0.1:$replication_port" --into "$replica" \
    >"$work/out" 2>"$work/pull" || code=$?
  cp "$work/pull" "$work/err"
}

# follows WHAT: the replica is the same database as the index.
follows() {
  describe "$master" "$work/master.txt"
  describe "$replica" "$work/replica.txt"
  check "$1: the replica has the index's UUID, revision, documents and terms" \
    same "$work/master.txt" "$work/replica.txt"
}

# same_answers WHAT QUERY...: quest through both servers (new connections) gives the same MSet,
# with matches. quest -s none: Vigil's stems carry their language ("detent@en", README:
# Languages), which quest's own English stemmer does not write; the words as written match.
same_answers() {
  what=$1
  shift
  for query in "$@"; do
    quest -s none -d "$work/master.stub" "$query" >"$work/quest-master.txt" 2>"$work/err" || true
    quest -s none -d "$work/replica.stub" "$query" >"$work/quest-replica.txt" 2>>"$work/err" || true
    check "$what: '$query' through both servers, same results" \
      same "$work/quest-master.txt" "$work/quest-replica.txt"
    check "$what: '$query' matches" lacks "$work/quest-replica.txt" '^Exactly 0 matches'
  done
}

# --- the first pull: a full copy ------------------------------------------------------------------
pull
check "first pull: exit 0" [ "$code" -eq 0 ]
check "first pull: a full copy" has "$work/pull" 'updated from shard-1 .*: 1 copies, 0 changesets'
check "the replica is a stub naming replica_0 or replica_1" has "$replica/XAPIANDB" '^auto replica_[01]$'
follows "first pull"
pull
check "a pull with nothing new: exit 0, up to date" has "$work/pull" 'is up to date with shard-1'

serve master "$master"
serve replica "$replica"
replica_port=$port
same_answers "first pull" detention refugees 'court OR flood'
xapian-delve "$work/master.stub" 2>"$work/err" | sed -n 's/^UUID = //p' >"$work/uuid-master.txt"
check "the master's server: a remote connection sees the index's UUID" \
  [ "$(cat "$work/uuid-master.txt")" = "$(uuid "$master")" ]

"$search_bin" --db "$master" --format json detention 2>"$work/err" |
  sed 's/"took_ms":[0-9.]*//' >"$work/search-master.txt" || true
"$search_bin" --db "$replica" --format json detention 2>"$work/err" |
  sed 's/"took_ms":[0-9.]*//' >"$work/search-replica.txt" || true
check "vigil-search --db REPLICA answers as on the index" \
  same "$work/search-master.txt" "$work/search-replica.txt"
check "vigil-search --db REPLICA finds the appeal" \
  has "$work/search-replica.txt" 'Court hears detention appeal'

# --- updates: a changeset, then a full copy when none was written -----------------------------
XAPIAN_MAX_CHANGESETS=10 "$index_bin" add -q --no-entities --db "$master" "$work/batch2.jsonl" \
  2>"$work/err"
live=$(sed -n 's/^auto //p' "$master/XAPIANDB")
check "XAPIAN_MAX_CHANGESETS: vigil-index wrote a changeset in the live generation" \
  [ -n "$(find "$master/$live" -name 'changes[0-9]*')" ]
pull
check "pull after an update with changesets: exit 0" [ "$code" -eq 0 ]
check "pull after an update with changesets: one changeset, no copy" \
  has "$work/pull" ': 0 copies, 1 changesets'
follows "update with changesets"
check "update with changesets: 6 documents on the replica" [ "$(documents "$replica")" = 6 ]
same_answers "update with changesets" 'hunger strike' evictions

"$index_bin" add -q --no-entities --db "$master" "$work/batch3.jsonl" 2>"$work/err"
pull
check "pull after an update without changesets: a full copy" has "$work/pull" ': 1 copies'
follows "update without changesets"
same_answers "update without changesets" bail

# --- compaction: a new generation ---------------------------------------------------------------
old_uuid=$(uuid "$master")
"$index_bin" compact --db "$master" >"$work/out" 2>"$work/err"
check "compact published a new generation" has "$master/XAPIANDB" 'gen-000002'
check "the new generation is a new database (UUID)" [ "$(uuid "$master")" != "$old_uuid" ]
pull
check "pull after compact: a full copy" has "$work/pull" ': 1 copies'
follows "compact"
check "compact: the replica has the new UUID" [ "$(uuid "$replica")" != "$old_uuid" ]
same_answers "compact" detention bail
for name in master replica; do
  xapian-delve "$work/$name.stub" 2>"$work/err" | sed -n 's/^UUID = //p' >"$work/uuid.txt"
  check "compact: a new connection to the $name's server sees the new generation" \
    [ "$(cat "$work/uuid.txt")" = "$(uuid "$master")" ]
done
"$index_bin" compact --db "$master" >"$work/out" 2>"$work/err"
check "a second compact removes the first generation" [ ! -e "$master/gen-000001" ]
pull
follows "second compact"
same_answers "second compact" detention

# --- errors ---------------------------------------------------------------------------------------
code=0
sh "$replica_sh" pull --master "127.0.0.1:$replication_port" --name shard-9 \
  --into "$work/replicas/shard-9" >"$work/out" 2>"$work/err" || code=$?
check "pull of an unknown index: exit 3" [ "$code" -eq 3 ]
check "pull of an unknown index: the message names it, with a hint" \
  has "$work/err" "^hint: the master has no index 'shard-9'"
check "pull of an unknown index: nothing left behind" [ ! -e "$work/replicas/shard-9" ]
cp "$master/XAPIANDB" "$work/stub-before"
code=0
sh "$replica_sh" pull --master "127.0.0.1:$replication_port" --name shard-1 --into "$master" \
  >"$work/out" 2>"$work/err" || code=$?
check "pull into the index itself: refused with exit 2" [ "$code" -eq 2 ]
check "pull into the index itself: its stub is untouched" same "$work/stub-before" "$master/XAPIANDB"
code=0
sh "$shard_sh" start --db "$replica" --port "$replica_port" --pid-file "$work/third.pid" \
  >"$work/out" 2>"$work/err" || code=$?
check "a shard server on a busy port: exit 3, naming the port" [ "$code" -eq 3 ]
check "a shard server on a busy port: exit 3, naming the port" has "$work/err" "port $replica_port .* is in use"
rm -f "$work/err"

# --- stop ---------------------------------------------------------------------------------------
for name in master replica; do
  code=0
  sh "$shard_sh" stop --pid-file "$work/$name.pid" >"$work/out" 2>"$work/err" || code=$?
  check "the $name's shard server stops: exit 0" [ "$code" -eq 0 ]
  check "the $name's shard server stops: pid file removed" [ ! -e "$work/$name.pid" ]
done
code=0
quest -d "$work/replica.stub" detention >"$work/out" 2>"$work/err" || code=$?
check "a stopped server refuses connections (quest prints its error on stdout)" \
  has "$work/out" 'Connection refused'
rm -f "$work/err"
kill "$replication_pid"
code=0
wait "$replication_pid" || code=$?
replication_pid=""
check "the replication server stops on SIGTERM with exit 0" [ "$code" -eq 0 ]

echo "replication_test.sh: $((checks - failures)) of $checks checks passed in $(($(date +%s) - started)) s"
[ "$failures" -eq 0 ]
