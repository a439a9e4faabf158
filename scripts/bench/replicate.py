#!/usr/bin/env python3
"""Replicates a JSON Lines corpus to a given number of documents, for benchmarks at scale.

    scripts/bench/replicate.py CORPUS.jsonl[.gz] OUT.jsonl.gz [--docs N]   (default N: 100000)

Writes N records: copy 0 of every article (the records as read), then copy 1 of every article,
and so on, stopping at N (N below the corpus size keeps the first N articles). Copy k >= 1 gets
a distinct key for vigil-index, which keys a record by its "url" when that is a non-empty string
and by its "id" otherwise: "id" becomes "<id>-copy<k>" and a "url" gains "copy=<k>" in its query
string. Its body is lightly varied so that copies are not byte-identical: the paragraphs are
shuffled (a fixed seed per id and copy, so every run writes the same file), or, for a body of one
paragraph, one sentence is dropped (a body of one sentence, or an empty one, stays as it is). Titles, dates, sources and languages are kept, so facet and
date distributions scale with the copies. Prints "replicate: N documents (C copies of A
articles at most)" on stderr. Exit codes: 0 done, 2 usage error, 3 unreadable input or output.
"""

import argparse
import gzip
import json
import random
import re
import sys

# Reuters bodies start paragraphs with a newline and an indent; most others use blank lines;
# MEANTIME puts one sentence per line.
PARAGRAPH_SEPARATORS = ("\n\n", "\n    ", "\n")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def split_paragraphs(body):
    """The body's paragraphs and the separator that joins them (None for one paragraph)."""
    for separator in PARAGRAPH_SEPARATORS:
        parts = body.split(separator)
        if len([p for p in parts if p.strip()]) >= 2:
            return parts, separator
    return [body], None


def vary_body(body, seed):
    """A deterministic light variation of `body` (the body itself when it cannot vary)."""
    rng = random.Random(seed)
    parts, separator = split_paragraphs(body)
    if separator is not None:
        shuffled = parts[:]
        rng.shuffle(shuffled)
        if shuffled == parts:
            shuffled = parts[1:] + parts[:1]
        return separator.join(shuffled)
    sentences = SENTENCE_END.split(body)
    if len(sentences) >= 2:
        del sentences[rng.randrange(len(sentences))]
        return " ".join(sentences)
    return body


def with_copy(url, copy):
    return url + ("&" if "?" in url else "?") + "copy=" + str(copy)


def replica(record, copy):
    out = dict(record)
    key = str(record.get("id") or record.get("url") or "")
    out["id"] = key + "-copy" + str(copy)
    if isinstance(record.get("url"), str) and record["url"]:
        out["url"] = with_copy(record["url"], copy)
    if isinstance(record.get("body"), str):
        out["body"] = vary_body(record["body"], key + "#" + str(copy))
    return out


def open_text(path, mode):
    if path.endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", help="input JSON Lines file (.gz or plain)")
    parser.add_argument("out", help="output JSON Lines file (gzip when it ends in .gz)")
    parser.add_argument("--docs", type=int, default=100000, help="documents to write (default 100000)")
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    try:
        with open_text(args.corpus, "r") as source:
            records = [json.loads(line) for line in source if line.strip()]
    except (OSError, ValueError) as error:
        print(f"replicate: error: cannot read '{args.corpus}': {error}", file=sys.stderr)
        return 3
    if not records:
        print(f"replicate: error: '{args.corpus}' holds no records", file=sys.stderr)
        return 3
    written = 0
    copy = 0
    try:
        with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=1) if args.out.endswith(
                ".gz") else open(args.out, "w", encoding="utf-8") as sink:
            while written < args.docs:
                for record in records:
                    if written == args.docs:
                        break
                    out = record if copy == 0 else replica(record, copy)
                    sink.write(json.dumps(out, ensure_ascii=False) + "\n")
                    written += 1
                copy += 1
    except OSError as error:
        print(f"replicate: error: cannot write '{args.out}': {error}", file=sys.stderr)
        return 3
    print(f"replicate: {written} documents ({copy} copies of {len(records)} articles at most)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
