#!/usr/bin/env python3
"""Scores Vigil's article extractor against two public test sets.

    python3 scripts/eval/extraction_score.py [--shared DIR] [--ours-aeb FILE] [--ours-rd FILE]
        [--min-f1 X] [--json FILE] [--per-page FILE]

1. Self-check: recomputes the published outputs of the Scrapinghub Article Extraction
   Benchmark (AEB, 90 pages) and stops with exit 3 unless they give the published figures.
2. AEB table: main-text F1 / precision / recall / accuracy of "vigil" (--ours-aeb) among the
   14 published systems, best F1 first.
3. Mozilla Readability test pages (RD, 91 pages, --ours-rd): main text (same metric), title,
   byline and publication date.

Our output is JSON Lines, one object per page: {"id", "title", "authors", "published",
"main_text", ...}; other fields are ignored and a missing page counts as an empty extraction.

The main-text metric is the AEB one (scrapinghub/article-extraction-benchmark, evaluate.py):
- tokens: every match of the regular expression \\w+ (Python, Unicode), case kept;
- shingles: every run of 4 consecutive tokens; a text of 1-3 tokens is one shorter shingle,
  a text without tokens has none;
- per page: multiset overlap of the shingles, tp / fp / fn divided by tp+fp+fn;
- precision is averaged over the pages with tp+fp > 0 (an empty extraction is left out of
  precision, not counted as 0), recall over the pages with tp+fn > 0; F1 = 2PR/(P+R);
- accuracy: share of pages whose token sequences are identical.

Exit codes: 0 ok; 1 our AEB F1 is below --min-f1; 2 bad usage or unreadable input;
3 the self-check failed (the scorer no longer reproduces the published figures).
"""

import argparse
import datetime
import gzip
import json
import math
import os
import re
import sys
from collections import Counter

PROG = "extraction_score.py"
NGRAM = 4
TOKEN_RE = re.compile(r"\w+")  # str pattern: Unicode \w, as in the benchmark

# Published figures on the 90 AEB pages (F1, P, R, accuracy), by system name in the outputs.
PUBLISHED = {
    "trafilatura": (0.955, 0.940, 0.970, 0.222),
    "readability_js": (0.948, 0.914, 0.985, 0.144),
    "readability": (0.926, 0.912, 0.940, 0.356),
    "newspaper": (0.961, 0.975, 0.948, 0.344),
    "goose3": (0.863, 0.922, 0.812, 0.233),
    "justext": (0.804, 0.840, 0.771, 0.067),
    "html-text": (0.664, 0.498, 0.995, 0.000),
}
PUBLISHED_TOLERANCE = 0.0015
OURS = "vigil"


class InputError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Main-text metric


def tokenize(text):
    return TOKEN_RE.findall(text or "")


def shingles(tokens):
    if not tokens:
        return Counter()
    if len(tokens) < NGRAM:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + NGRAM]) for i in range(len(tokens) - NGRAM + 1))


def score_page(true_text, pred_text):
    """Returns a dict with the normalised tp/fp/fn, page P/R/F1 and exact-match flag."""
    true_tokens = tokenize(true_text)
    pred_tokens = tokenize(pred_text)
    truth = shingles(true_tokens)
    pred = shingles(pred_tokens)
    tp = sum((truth & pred).values())
    fp = sum((pred - truth).values())
    fn = sum((truth - pred).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    # Page precision is undefined (None) for an empty extraction, recall for an empty truth.
    precision = None if tp + fp == 0 else (1.0 if fp == 0 else tp / (tp + fp))
    recall = None if tp + fn == 0 else (1.0 if fn == 0 else tp / (tp + fn))
    p, r = precision or 0.0, recall or 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn,
        "precision": precision, "recall": recall,
        "f1": 2 * p * r / (p + r) if p + r > 0 else (1.0 if total == 0 else 0.0),
        "exact": true_tokens == pred_tokens,
        "true_tokens": len(true_tokens), "pred_tokens": len(pred_tokens),
    }


def mean(values):
    return math.fsum(values) / len(values) if values else 0.0


def aggregate(pages):
    """pages: list of score_page results -> F1, precision, recall, accuracy, counts."""
    precision = mean([p["precision"] for p in pages if p["precision"] is not None])
    recall = mean([p["recall"] for p in pages if p["recall"] is not None])
    return {
        "f1": 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0,
        "precision": precision,
        "recall": recall,
        "accuracy": mean([1.0 if p["exact"] else 0.0 for p in pages]),
        "pages": len(pages),
        "empty": sum(1 for p in pages if p["pred_tokens"] == 0),
    }


def score_texts(truth_by_id, pred_by_id):
    per_page = {k: score_page(truth_by_id[k], pred_by_id.get(k) or "") for k in truth_by_id}
    return aggregate(list(per_page.values())), per_page


# ---------------------------------------------------------------------------------------------
# Loading


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "rt", encoding="utf-8")


def load_json(path):
    try:
        with open_text(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read {path}: {e}") from e


def load_ours(path, known_ids, label):
    """Reads our JSON Lines output -> {id: record}. Warns about unknown or repeated ids."""
    records = {}
    try:
        with open_text(path) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as e:
                    raise InputError(f"{path}:{number}: not JSON: {e}") from e
                if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                    raise InputError(f"{path}:{number}: expected an object with a string \"id\"")
                if record["id"] in records:
                    warn(f"{path}:{number}: page {record['id']} given twice; the last one counts")
                records[record["id"]] = record
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}") from e
    unknown = sorted(set(records) - set(known_ids))
    if unknown:
        warn(f"{path}: {len(unknown)} id(s) not in the {label} pages, ignored: "
             + ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else ""))
    missing = len(set(known_ids) - set(records))
    if missing:
        warn(f"{path}: {missing} of the {len(known_ids)} {label} pages missing; "
             "they count as empty extractions")
    return records


def text_field(record, field):
    value = (record or {}).get(field)
    return value if isinstance(value, str) else ""


def warn(message):
    print(f"{PROG}: warning: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# AEB


def load_published(aeb_dir):
    out_dir = os.path.join(aeb_dir, "published_outputs_dev")
    try:
        names = sorted(n for n in os.listdir(out_dir) if n.endswith(".json.gz"))
    except OSError as e:
        raise InputError(f"cannot list {out_dir}: {e}") from e
    systems = {}
    for name in names:
        data = load_json(os.path.join(out_dir, name))
        system = data.get("system") or name[:-len(".json.gz")]
        systems[system] = (str(data.get("version") or ""), data.get("output") or {})
    return systems


def self_check(results):
    """Compares recomputed figures to the published ones -> list of problems."""
    problems = []
    for system, expected in PUBLISHED.items():
        if system not in results:
            problems.append(f"{system}: published output missing")
            continue
        got = results[system]
        for key, want in zip(("f1", "precision", "recall", "accuracy"), expected):
            if abs(got[key] - want) > PUBLISHED_TOLERANCE:
                problems.append(f"{system} {key}: computed {got[key]:.4f}, published {want:.3f}")
    return problems


def print_aeb_table(results, versions, out):
    header = ("system", "version", "F1", "precision", "recall", "accuracy", "empty")
    rows = []
    for system, m in sorted(results.items(), key=lambda kv: (-kv[1]["f1"], kv[0])):
        name = f"{system} *" if system in PUBLISHED else system
        if system == OURS:
            name = f"> {system}"
        rows.append((name, versions.get(system, ""), f"{m['f1']:.3f}", f"{m['precision']:.3f}",
                     f"{m['recall']:.3f}", f"{m['accuracy']:.3f}", f"{m['empty']}/{m['pages']}"))
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    def line(cells):
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    print(line(header), file=out)
    print(line(tuple("-" * w for w in widths)), file=out)
    for row in rows:
        print(line(row), file=out)


# ---------------------------------------------------------------------------------------------
# Readability test pages: metadata


def norm_ws(text):
    return " ".join((text or "").split())


DATE_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$", re.IGNORECASE)


def parse_date(value):
    """ISO-like date or timestamp -> (date as written, UTC date, has_time), or None."""
    if not isinstance(value, str):
        return None
    m = DATE_RE.match(value)
    if not m:
        return None
    year, month, day, hour, minute, second, _, zone = m.groups()
    try:
        written = datetime.date(int(year), int(month), int(day))
        if hour is None:
            return written, written, False
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute),
                                   int(second or 0))
    except ValueError:
        return None
    if zone and zone.upper() != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        moment -= sign * offset  # to UTC; a timestamp without a zone is taken as UTC
    return written, moment.date(), True


def dates_match(ours, expected):
    """Calendar day in UTC when both carry a time; the dates as written when either is a bare
    date (a bare date has no zone to convert from)."""
    if ours is None or expected is None:
        return False
    if ours[2] and expected[2]:
        return ours[1] == expected[1]
    return ours[0] == expected[0]


def authors_text(record):
    authors = (record or {}).get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        return []
    return [norm_ws(a) for a in authors if isinstance(a, str) and norm_ws(a)]


TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: ", " \u00bb ")


def same_but_site_name(a, b):
    """Whether titles a and b differ at most by one site-name segment at either end of one of
    them ("Flood warning | eHow" vs "Flood warning"). The expected titles of the Readability pages
    keep the site name on some pages and drop it on others."""
    if a == b:
        return True
    for longer, shorter in ((a, b), (b, a)):
        for sep in TITLE_SEPARATORS:
            if longer.endswith(sep + longer.split(sep)[-1]) and longer.rsplit(sep, 1)[0] == shorter:
                return True
            if longer.split(sep, 1)[-1] == shorter and sep in longer:
                return True
    return False


def score_metadata(expected_by_id, ours):
    title = {"pages": 0, "exact": 0, "casefold": 0, "site_name": 0, "given": 0}
    byline = {"pages": 0, "exact": 0, "contains": 0, "given": 0}
    date = {"pages": 0, "correct": 0, "given": 0, "unparsed": 0,
            "given_where_none_expected": 0}
    details = {}
    for page_id, meta in expected_by_id.items():
        record = ours.get(page_id)
        detail = details.setdefault(page_id, {})
        want = norm_ws(meta.get("title"))
        if want:
            got = norm_ws(text_field(record, "title"))
            title["pages"] += 1
            title["given"] += bool(got)
            title["exact"] += got == want
            title["casefold"] += got.casefold() == want.casefold()
            title["site_name"] += same_but_site_name(got.casefold(), want.casefold())
            detail["title_ok"] = got.casefold() == want.casefold()
        want = norm_ws(meta.get("byline")).casefold()
        if want:
            authors = [a.casefold() for a in authors_text(record)]
            byline["pages"] += 1
            byline["given"] += bool(authors)
            byline["exact"] += ", ".join(authors) == want
            # "contains": every author we give appears in the expected byline.
            ok = bool(authors) and all(a in want for a in authors)
            byline["contains"] += ok
            detail["byline_ok"] = ok
        expected_date = parse_date(meta.get("publishedTime"))
        ours_value = (record or {}).get("published")
        ours_date = parse_date(ours_value)
        if ours_value and ours_date is None:
            date["unparsed"] += 1
        if expected_date:
            date["pages"] += 1
            date["given"] += bool(ours_value)
            ok = dates_match(ours_date, expected_date)
            date["correct"] += ok
            detail["date_ok"] = ok
        elif ours_value:
            date["given_where_none_expected"] += 1
    for block, hits in ((title, ("exact", "casefold", "site_name")), (byline, ("exact", "contains")),
                        (date, ("correct",))):
        for key in hits:
            block[key + "_rate"] = block[key] / block["pages"] if block["pages"] else 0.0
    return {"title": title, "byline": byline, "date": date}, details


def load_rd(rd_dir):
    path = os.path.join(rd_dir, "expected.dev.jsonl.gz")
    pages = {}
    try:
        with open_text(path) as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    pages[row["id"]] = row
    except (OSError, ValueError, KeyError) as e:
        raise InputError(f"cannot read {path}: {e}") from e
    return pages


# ---------------------------------------------------------------------------------------------


def fmt(value):
    return "-" if value is None else f"{value:.3f}"


def write_per_page(path, rows):
    rows.sort(key=lambda r: (r[2]["f1"], r[0], r[1]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("set\tid\tF1\tprecision\trecall\ttp\tfp\tfn\ttrue_tokens\tpred_tokens\texact\t"
                "url_or_note\n")
        for set_name, page_id, p, note in rows:
            f.write("\t".join([set_name, page_id, fmt(p["f1"]), fmt(p["precision"]),
                               fmt(p["recall"]), fmt(p["tp"]), fmt(p["fp"]), fmt(p["fn"]),
                               str(p["true_tokens"]), str(p["pred_tokens"]),
                               "1" if p["exact"] else "0", note]) + "\n")


def main(argv=None):
    repo_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(
        prog=PROG, description="Scores Vigil's article extractor (see the module docstring).")
    parser.add_argument("--shared", default=os.path.join(repo_root, "..", "shared"),
                        help="the shared folder holding data/ (default: ../shared next to the repo)")
    parser.add_argument("--ours-aeb", metavar="FILE", help="our JSON Lines output on the AEB pages")
    parser.add_argument("--ours-rd", metavar="FILE",
                        help="our JSON Lines output on the Readability test pages")
    parser.add_argument("--min-f1", type=float, metavar="X",
                        help="exit 1 when our AEB main-text F1 is below X")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--per-page", metavar="FILE",
                        help="write our per-page scores as TSV, worst first")
    args = parser.parse_args(argv)
    if args.min_f1 is not None and not args.ours_aeb:
        parser.error("--min-f1 needs --ours-aeb")

    data_dir = os.path.join(args.shared, "data", "article_extraction")
    aeb_dir = os.path.join(data_dir, "scrapinghub_aeb")
    rd_dir = os.path.join(data_dir, "readability_test_pages")
    try:
        ground_truth = load_json(os.path.join(aeb_dir, "ground-truth.dev.json"))
        truth = {k: v.get("articleBody") or "" for k, v in ground_truth.items()}
        published = load_published(aeb_dir)
        ours_aeb = load_ours(args.ours_aeb, truth, "AEB") if args.ours_aeb else None
        rd_pages = load_rd(rd_dir) if args.ours_rd else None
        ours_rd = load_ours(args.ours_rd, rd_pages, "Readability") if args.ours_rd else None
    except InputError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2

    # 1. Self-check against the published outputs.
    results, versions = {}, {}
    for system, (version, output) in published.items():
        if set(output) != set(truth):
            print(f"{PROG}: error: the published output of {system} does not cover the same "
                  "pages as the ground truth", file=sys.stderr)
            return 3
        preds = {k: (v or {}).get("articleBody") for k, v in output.items()}
        results[system], _ = score_texts(truth, preds)
        versions[system] = version
    problems = self_check(results)
    if problems:
        print(f"{PROG}: error: self-check failed, the scorer does not reproduce the published "
              "AEB figures (tolerance 0.0015):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 3

    report = {"aeb": {"pages": len(truth), "systems": results, "versions": versions,
                      "self_check": "passed", "published": PUBLISHED}}
    per_page_rows = []

    # 2. AEB table.
    print(f"Main text on the {len(truth)} AEB pages (scrapinghub/article-extraction-benchmark "
          "metric; * = figures checked against the published ones, empty = pages with no text)")
    if ours_aeb is not None:
        preds = {k: text_field(r, "main_text") for k, r in ours_aeb.items()}
        results[OURS], pages = score_texts(truth, preds)
        versions[OURS] = ""
        for page_id, p in pages.items():
            per_page_rows.append(("aeb", page_id, p, ground_truth[page_id].get("url") or ""))
    print_aeb_table(results, versions, sys.stdout)

    # 3. Readability test pages.
    if ours_rd is not None:
        expected_text = {k: v.get("expected_text") or "" for k, v in rd_pages.items()}
        preds = {k: text_field(r, "main_text") for k, r in ours_rd.items()}
        rd_text, pages = score_texts(expected_text, preds)
        meta, details = score_metadata({k: v.get("expected_metadata") or {}
                                        for k, v in rd_pages.items()}, ours_rd)
        for page_id, p in pages.items():
            d = details.get(page_id, {})
            note = " ".join(f"{k[:-3]}={'ok' if v else 'wrong'}" for k, v in sorted(d.items()))
            per_page_rows.append(("rd", page_id, p, note))
        report["rd"] = {"pages": len(rd_pages), "main_text": rd_text, **meta}
        t, b, d = meta["title"], meta["byline"], meta["date"]
        print()
        print(f"Readability test pages ({len(rd_pages)} pages)")
        print(f"  main text  F1 {rd_text['f1']:.3f}  precision {rd_text['precision']:.3f}  "
              f"recall {rd_text['recall']:.3f}  accuracy {rd_text['accuracy']:.3f}  "
              f"empty {rd_text['empty']}/{rd_text['pages']}")
        print(f"  title      exact {t['exact_rate']:.3f}  case-insensitive {t['casefold_rate']:.3f}"
              f"  ({t['exact']}, {t['casefold']} of {t['pages']} pages with a title; "
              f"ours given on {t['given']})")
        print(f"             up to a site-name segment {t['site_name_rate']:.3f} "
              f"({t['site_name']} of {t['pages']})")
        print(f"  byline     exact {b['exact_rate']:.3f}  contains {b['contains_rate']:.3f}"
              f"  ({b['exact']}, {b['contains']} of {b['pages']} pages with a byline; "
              f"ours given on {b['given']}; case-insensitive)")
        print(f"  date       day {d['correct_rate']:.3f}  ({d['correct']} of {d['pages']} pages "
              f"with publishedTime; ours given on {d['given']}; "
              f"ours given on {d['given_where_none_expected']} pages without one; "
              f"unparseable {d['unparsed']})")

    if args.per_page:
        try:
            write_per_page(args.per_page, per_page_rows)
        except OSError as e:
            print(f"{PROG}: error: cannot write {args.per_page}: {e}", file=sys.stderr)
            return 2
    if args.json:
        report["min_f1"] = args.min_f1
        try:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=2, sort_keys=True)
                f.write("\n")
        except OSError as e:
            print(f"{PROG}: error: cannot write {args.json}: {e}", file=sys.stderr)
            return 2

    sys.stdout.flush()
    if args.min_f1 is not None:
        f1 = results[OURS]["f1"]
        if f1 < args.min_f1:
            print(f"{PROG}: FAIL: our AEB main-text F1 {f1:.4f} is below the floor "
                  f"--min-f1 {args.min_f1}", file=sys.stderr)
            return 1
        print(f"{PROG}: our AEB main-text F1 {f1:.4f} meets the floor --min-f1 {args.min_f1}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
