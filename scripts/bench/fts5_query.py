#!/usr/bin/env python3
"""Times a query file against an SQLite FTS5 table in-process, for scripts/bench/compare.sh
(standard library only; Python's sqlite3 module, which on Debian uses the system libsqlite3, the
library of the sqlite3 CLI too: compare.sh checks that both report the same version).

    fts5_query.py DB QUERY_FILE REPEAT [--show]

DB holds `docs`, an fts5 table (url UNINDEXED, title, body). Each query of QUERY_FILE (one a line,
'#' lines and blank lines skipped, in Vigil's query language) is translated to FTS5's syntax:
"phrases" stay; AND, OR, NOT and parentheses stay; an implicit AND is spelt out (FTS5 allows
none next to a parenthesised group); +word becomes word; -word becomes NOT word (FTS5's NOT is
binary: a query that starts with -word is dropped); word* stays a prefix query; a word with
characters FTS5 does not allow bare (e.g. 'ill-treatment') is quoted as a phrase. A translation
FTS5 still refuses is dropped too. Each query that remains is
then run REPEAT times as

    SELECT url, title, snippet(docs, 2, '<b>', '</b>', '...', 24) FROM docs
      WHERE docs MATCH ? ORDER BY rank LIMIT 10

(rank: bm25), each run timed from execute() to the end of fetchall() with a monotonic clock
(the sqlite3 CLI's `.timer on` prints wall time in whole milliseconds only, too coarse here).
Prints "key value" lines: queries, dropped, runs, wall and CPU (this process's) median and p95
in ms (nearest rank, as cgi_process.py), then "dropped_query QUERY" per dropped one. --show prints
"translation ORIGINAL<TAB>FTS5" lines too.

Exit codes: 0 done, 2 usage error, 3 the database cannot be opened or has no table docs.
"""
import re
import sqlite3
import sys
import time

SQL = ("SELECT url, title, snippet(docs, 2, '<b>', '</b>', '...', 24) FROM docs "
       "WHERE docs MATCH ? ORDER BY rank LIMIT 10")
TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
BAREWORD = re.compile(r"^[A-Za-z0-9_\x1a\x80-\U0010ffff]+\*?$")


def percentile(values, p):
    """Nearest rank, as scripts/bench/cgi_process.py."""
    ordered = sorted(values)
    return ordered[int(p * (len(ordered) - 1) + 0.5)] if ordered else 0.0


def translate(query):
    """The FTS5 form of a query, or None when it cannot be said in FTS5."""
    out = []
    operators = ("AND", "OR", "NOT")

    def push(token):
        # FTS5 joins words and phrases side by side with AND, but not a parenthesised group:
        # say AND wherever the query leaves it implicit.
        if out and out[-1] not in operators + ("(",) and token not in operators + (")",):
            out.append("AND")
        out.append(token)

    for token in TOKEN.findall(query):
        if token in ("(", ")") + operators or token.startswith('"'):
            push(token)
            continue
        negate = token.startswith("-")
        word = token.lstrip("+-")
        if not word:
            return None
        if negate:
            if not out or out[-1] in ("(",) + operators:
                return None  # FTS5's NOT needs a left operand
            out.append("NOT")
        if BAREWORD.match(word):
            push(word)
        elif word.endswith("*"):
            return None  # a prefix of a word FTS5 would split
        else:
            push('"' + word.replace('"', "") + '"')
    return " ".join(out) if out else None


def main():
    args = [a for a in sys.argv[1:] if a != "--show"]
    show = len(args) != len(sys.argv) - 1
    if len(args) != 3 or not args[2].isdigit() or int(args[2]) < 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    db_path, query_file, repeat = args[0], args[1], int(args[2])
    try:
        db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
        db.execute("SELECT count(*) FROM docs").fetchone()
    except sqlite3.Error as e:
        print("fts5_query.py: error: cannot open table docs in '%s': %s" % (db_path, e),
              file=sys.stderr)
        return 3
    with open(query_file, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    kept, dropped, wall, cpu = [], [], [], []
    for query in queries:
        fts = translate(query)
        for run in range(repeat if fts is not None else 0):
            start, cpu_start = time.perf_counter(), time.process_time()
            try:
                db.execute(SQL, (fts,)).fetchall()
            except sqlite3.Error:
                fts = None  # FTS5 refuses it: seen on the first run
                break
            cpu.append((time.process_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        if show:
            print("translation %s\t%s" % (query, fts if fts is not None else "(dropped)"))
        (kept if fts is not None else dropped).append(query)
    print("queries %d" % len(kept))
    print("dropped %d" % len(dropped))
    print("runs %d" % len(wall))
    for name, values in (("wall", wall), ("cpu", cpu)):
        print("%s_median_ms %.3f" % (name, percentile(values, 0.5)))
        print("%s_p95_ms %.3f" % (name, percentile(values, 0.95)))
    for query in dropped:
        print("dropped_query %s" % query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
