#!/usr/bin/env python3
"""Measures Vigil's ranking on the Reuters-21578 topic codes, next to SQLite FTS5's bm25.

    relevance_score.py --index BIN --search BIN --shared DIR [--schema FILE] [--queries SETS]
                       [--min-docs N] [--k1 K1 --b B] [--jobs N] [--verbose]
                       [--tune [--grid-k1 K1,...] [--grid-b B,...]] [--min FILE] [--json FILE]

Judgements: the Reuters rows of DIR/data/news_corpus/articles.jsonl.gz (dataset reuters21578)
are indexed alone, in a temporary folder (vigil-index add --no-entities; a missing title or body
becomes ""). Every topic code (gold.topics) carried by at least --min-docs documents (default
20) is one query; the documents carrying it are relevant, every other one is not.
Query sets (--queries, default codes,names):
  codes     the code with '-' as a space: "money fx", "nat gas", "acq". Reuters' own names for
            the topics, what the issue asks for; some are abbreviations that news text seldom
            uses (acq, earn, bop, cpi, dlr, stg).
  names     the descriptive name from cat-descriptions_120396.txt in the raw tarball
            (news_corpus/raw/reuters21578_sgml_dev.tar.gz): "Mergers/Acquisitions (ACQ)" gives
            "mergers acquisitions". Commodity codes have no descriptive name and keep the code.
            Names are lower-cased (a capitalised word would not be stemmed, and AND/OR would be
            operators), '.' and "'" are dropped ("U.S." -> "us") and other punctuation is a space.
Both engines get the same words, all required (our default operator is AND; FTS5 "w1" "w2").
Systems:
  vigil     vigil-search --format json --per-page 100, pages 1-10 (depth 1000), with the BM25
            parameters given (--k1, --b; default: the searcher's defaults). Title weighting is
            what the index was built with (schemas/fields.schema, embedded at build time).
  fts5      python's sqlite3, an FTS5 table (title, body) with tokenize='porter unicode61',
            ranked by bm25(table, T, 1) where T is the title weight read from --schema, so both
            weigh the title alike. FTS5's bm25 has k1 1.2 and b 0.75, fixed.
Metrics, macro-averaged over the topics: nDCG@10 with binary gains, and MAP (average precision
of the top 1000, divided by all the topic's relevant documents). A topic with no hit scores 0.
Prints one table; --verbose adds one line per topic and query set. --tune runs a grid of k1
(--grid-k1) and b (--grid-b) on vigil and prints the cell with the best MAP averaged over the
query sets (not the default run: it takes minutes). --min FILE: lines "name value" (e.g.
"codes.vigil.ndcg10 0.30"); exits 1 when a figure is below its floor. Exit 2 for bad usage or
missing data. Standard library only.
"""

import argparse
import collections
import concurrent.futures
import gzip
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time

from floors import finish

PROG = "relevance_score.py"
PER_PAGE = 100  # the searcher's cap
DEPTH = 1000
TUNE_K1 = (0.6, 0.9, 1.2, 1.5, 2.0)
TUNE_B = (0.3, 0.5, 0.75, 0.9)
QUERY_SETS = ("codes", "names")


def fail(message, code=2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


def reuters_rows(shared):
    """The reuters21578 rows of news_corpus/articles.jsonl.gz."""
    path = os.path.join(shared, "data", "news_corpus", "articles.jsonl.gz")
    if not os.path.exists(path):
        fail(f"{path} not found")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("dataset") == "reuters21578":
                rows.append(row)
    if not rows:
        fail(f"no reuters21578 rows in {path}")
    return rows


def topic_names(shared):
    """Topic code -> descriptive name, from the lines "Name (CODE)" of cat-descriptions."""
    path = os.path.join(shared, "data", "news_corpus", "raw", "reuters21578_sgml_dev.tar.gz")
    if not os.path.exists(path):
        fail(f"{path} not found")
    with tarfile.open(path, "r:gz") as tar:
        member = next((m for m in tar.getmembers()
                       if m.name.endswith("cat-descriptions_120396.txt")), None)
        if member is None:
            fail(f"no cat-descriptions_120396.txt in {path}")
        text = tar.extractfile(member).read().decode("latin-1")
    names = {}
    for line in text.splitlines():
        match = re.match(r"\s*(.+?)\s*\(([A-Z0-9-]+)\)\s*(@\*)?\s*$", line)
        if match:
            names.setdefault(match.group(2).lower(), match.group(1))
    return names


def query_words(text):
    """The words of a query, lower case, punctuation dropped ("U.S. Dollar" -> us, dollar)."""
    text = re.sub(r"[.']", "", text.lower())
    return re.sub(r"[^0-9a-z]+", " ", text).split()


def topics_and_queries(rows, names, min_docs, sets):
    """[(code, relevant ids)] of the topics with min_docs documents or more, most documents
    first, and {set: {code: [words]}}."""
    relevant = collections.defaultdict(set)
    for row in rows:
        for code in (row.get("gold") or {}).get("topics") or []:
            relevant[code].add(row["id"])
    topics = sorted(((c, ids) for c, ids in relevant.items() if len(ids) >= min_docs),
                    key=lambda t: (-len(t[1]), t[0]))
    queries = {}
    for name in sets:
        if name == "codes":
            queries[name] = {c: query_words(c.replace("-", " ")) for c, _ in topics}
        else:
            queries[name] = {c: query_words(names.get(c, c.replace("-", " "))) for c, _ in topics}
    return topics, queries


def build_index(binary, rows, work):
    """Indexes the rows (title and body only) into work/db; returns its path."""
    source = os.path.join(work, "reuters.jsonl.gz")
    with gzip.open(source, "wt", encoding="utf-8") as out:
        for row in rows:
            record = {"id": row["id"], "title": row.get("title") or "",
                      "body": row.get("body") or "", "date": row.get("date"),
                      "source": row.get("source"), "lang": row.get("lang")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = os.path.join(work, "db")
    proc = subprocess.run([binary, "add", "-q", "--no-entities", "--db", db, source],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        fail(f"{binary} add failed with code {proc.returncode}: "
             f"{proc.stderr.decode(errors='replace')[-500:]}")
    return db


def vigil_parameters(binary, db, k1, b):
    """The k1 and b vigil-search runs with: those given, else its defaults (--print-config)."""
    if k1 is not None:
        return f"{k1:g}", f"{b:g}"
    proc = subprocess.run([binary, "--db", db, "--print-config"], capture_output=True,
                          check=False, text=True)
    config = dict(line.split(" = ", 1) for line in proc.stdout.splitlines() if " = " in line)
    return config.get("bm25-k1", "?"), config.get("bm25-b", "?")


def vigil_ranking(binary, db, words, k1, b):
    """Our ranked ids for the query, to DEPTH."""
    ids = []
    for page in range(1, DEPTH // PER_PAGE + 1):
        # Every story is judged on its own, so copies are not collapsed into one hit (a hidden
        # copy of a relevant story would count as a relevant story missed).
        command = [binary, "--db", db, "--format", "json", "--per-page", str(PER_PAGE),
                   "--page", str(page), "--no-collapse"]
        if k1 is not None:
            command += ["--bm25-k1", str(k1), "--bm25-b", str(b)]
        proc = subprocess.run(command + [" ".join(words)], capture_output=True,
                              check=False)
        if proc.returncode != 0:
            fail(f"{binary} failed with code {proc.returncode} on {' '.join(words)!r}: "
                 f"{proc.stderr.decode(errors='replace')[-500:]}")
        results = json.loads(proc.stdout)["results"]
        ids += [r["id"] for r in results]
        if len(results) < PER_PAGE:
            break
    return ids


def vigil_rankings(binary, db, queries, k1, b, jobs):
    """{code: ranked ids} for every query of one set."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {code: pool.submit(vigil_ranking, binary, db, words, k1, b)
                   for code, words in queries.items()}
        return {code: future.result() for code, future in futures.items()}


class Fts5:
    """The rows in an in-memory FTS5 table (title, body), ranked by bm25 with the title weighed
    title_weight times the body."""

    def __init__(self, rows, title_weight):
        self.db = sqlite3.connect(":memory:")
        try:
            self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, "
                            "tokenize='porter unicode61')")
        except sqlite3.OperationalError as error:
            fail(f"python's sqlite3 has no FTS5 ({error})")
        self.ids = [row["id"] for row in rows]
        self.db.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                            ((n, row.get("title") or "", row.get("body") or "")
                             for n, row in enumerate(rows)))
        self.title_weight = title_weight

    def ranking(self, words):
        match = " ".join('"' + w + '"' for w in words)
        cursor = self.db.execute("SELECT rowid FROM docs WHERE docs MATCH ? "
                                 "ORDER BY bm25(docs, ?, 1.0) LIMIT ?",
                                 (match, self.title_weight, DEPTH))
        return [self.ids[rowid] for (rowid,) in cursor]


def title_weight(schema):
    """The weight of the title field in a fields.schema file."""
    for line in open(schema, encoding="utf-8"):
        parts = line.split("#")[0].split()
        if parts and parts[0] == "title":
            return float(parts[-1])
    fail(f"{schema}: no title field")
    return None


def ndcg10(ranking, relevant):
    dcg = sum(1 / math.log2(n + 2) for n, doc in enumerate(ranking[:10]) if doc in relevant)
    ideal = sum(1 / math.log2(n + 2) for n in range(min(10, len(relevant))))
    return dcg / ideal


def average_precision(ranking, relevant):
    found, total = 0, 0.0
    for n, doc in enumerate(ranking[:DEPTH]):
        if doc in relevant:
            found += 1
            total += found / (n + 1)
    return total / len(relevant)


def score(rankings, topics):
    """(mean nDCG@10, MAP, {code: (nDCG@10, AP, hits)}) over the topics."""
    per_topic = {}
    for code, relevant in topics:
        ranking = rankings[code]
        per_topic[code] = (ndcg10(ranking, relevant), average_precision(ranking, relevant),
                           len(ranking))
    n = len(topics)
    return (sum(v[0] for v in per_topic.values()) / n,
            sum(v[1] for v in per_topic.values()) / n, per_topic)


def print_topics(name, topics, queries, ours, fts5):
    print(f"\nPer topic, {name} (hits to depth {DEPTH}; nDCG@10 and AP: vigil / FTS5)")
    print("  topic            docs  query                              hits          "
          "nDCG@10        AP")
    for code, relevant in topics:
        o, f = ours[2][code], fts5[2][code]
        query = " ".join(queries[code])
        print(f"  {code:15} {len(relevant):5}  {query[:33]:33} {o[2]:5} / {f[2]:<5}  "
              f"{o[0]:.3f} / {f[0]:.3f}  {o[1]:.3f} / {f[1]:.3f}")


def tune(args, db, topics, queries):
    """Prints the k1 x b grid of vigil's nDCG@10 and MAP for every query set, and the cell with
    the best MAP averaged over the sets."""
    grid = collections.defaultdict(list)  # (k1, b) -> [(nDCG@10, MAP) per set]
    for name, set_queries in queries.items():
        print(f"\nTuning on {name}: nDCG@10 / MAP of vigil by BM25 k1 (rows) and b (columns)")
        print("  k1  " + "".join(f"   b {b:<13g}" for b in args.grid_b))
        for k1 in args.grid_k1:
            cells = []
            for b in args.grid_b:
                rankings = vigil_rankings(args.search, db, set_queries, k1, b, args.jobs)
                n, m, _ = score(rankings, topics)
                grid[(k1, b)].append((n, m))
                cells.append(f"  {n:.3f} / {m:.3f}  ")
            print(f"  {k1:<3g} " + "".join(cells))

    def mean(cell, index):
        return sum(v[index] for v in grid[cell]) / len(grid[cell])

    best = max(grid, key=lambda cell: (mean(cell, 1), mean(cell, 0)))
    print(f"\nBest MAP over {', '.join(queries)}: k1 {best[0]:g} b {best[1]:g} (mean nDCG@10 "
          f"{mean(best, 0):.3f}, MAP {mean(best, 1):.3f})")


def numbers(text):
    """A comma-separated list of numbers, for argparse."""
    try:
        return tuple(float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas: '{text}'")


def listed(values):
    return ",".join(f"{x:g}" for x in values)


def main():
    ap = argparse.ArgumentParser(prog=PROG)
    ap.add_argument("--index", required=True, help="the vigil-index binary")
    ap.add_argument("--search", required=True, help="the vigil-search binary")
    ap.add_argument("--shared", required=True, help="the shared folder")
    ap.add_argument("--schema", default="schemas/fields.schema",
                    help="the fields.schema the binaries were built with (for FTS5's title "
                         "weight)")
    ap.add_argument("--queries", default=",".join(QUERY_SETS),
                    help="query sets, comma-separated: codes, names")
    ap.add_argument("--min-docs", type=int, default=20, help="the fewest documents of a topic")
    ap.add_argument("--k1", type=float, help="vigil's BM25 k1 (default: the searcher's)")
    ap.add_argument("--b", type=float, help="vigil's BM25 b (default: the searcher's)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                    help="searches run at once")
    ap.add_argument("--verbose", action="store_true", help="also print one line per topic")
    ap.add_argument("--tune", action="store_true", help="also run the k1 x b grid (minutes)")
    ap.add_argument("--grid-k1", type=numbers, default=TUNE_K1, metavar="K1,...",
                    help=f"--tune: the k1 values (default {listed(TUNE_K1)})")
    ap.add_argument("--grid-b", type=numbers, default=TUNE_B, metavar="B,...",
                    help=f"--tune: the b values (default {listed(TUNE_B)})")
    ap.add_argument("--min", help="floors: lines 'name value'")
    ap.add_argument("--json", help="write every figure to this file")
    args = ap.parse_args()
    sets = [s for s in args.queries.split(",") if s]
    if not sets or any(s not in QUERY_SETS for s in sets):
        fail(f"invalid --queries '{args.queries}': expected one or more of "
             f"{', '.join(QUERY_SETS)}")
    if (args.k1 is None) != (args.b is None):
        fail("give both --k1 and --b, or neither")
    started = time.monotonic()
    rows = reuters_rows(args.shared)
    topics, queries = topics_and_queries(rows, topic_names(args.shared), args.min_docs, sets)
    weight = title_weight(args.schema)
    with tempfile.TemporaryDirectory(prefix="vigil-relevance-") as work:
        db = build_index(args.index, rows, work)
        fts5 = Fts5(rows, weight)
        k1, b = vigil_parameters(args.search, db, args.k1, args.b)
        print(f"Reuters-21578 topics as judgements: {len(topics)} topics with >= "
              f"{args.min_docs} documents, {len(rows):,} documents")
        print(f"vigil: BM25 k1 {k1}, b {b}, title weight {weight:g} (index); "
              f"FTS5: bm25 k1 1.2, b 0.75, title column weight {weight:g}")
        print("\n  queries  system   nDCG@10  MAP     topics with hits")
        figures, results = {}, {}
        for name in sets:
            ours = score(vigil_rankings(args.search, db, queries[name], args.k1, args.b,
                                        args.jobs), topics)
            theirs = score({c: fts5.ranking(w) for c, w in queries[name].items()}, topics)
            results[name] = (ours, theirs)
            for system, (n, m, per_topic) in (("vigil", ours), ("fts5", theirs)):
                figures[f"{name}.{system}.ndcg10"] = n
                figures[f"{name}.{system}.map"] = m
                answered = sum(1 for v in per_topic.values() if v[2])
                print(f"  {name:8} {system:7}  {n:.3f}    {m:.3f}   {answered} of {len(topics)}")
        if args.verbose:
            for name in sets:
                print_topics(name, topics, queries[name], *results[name])
        if args.tune:
            tune(args, db, topics, queries)
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return finish(figures, args.json, args.min, PROG)


if __name__ == "__main__":
    sys.exit(main())
