#!/usr/bin/env python3
"""Scores Vigil's date tagger against the TimeBank + AQUAINT gold time expressions (TempEval-3).

    python3 scripts/eval/dates_score.py --ours FILE [--shared DIR] [--gold FILE]
        [--min-relaxed-f1 X] [--min-value X] [--errors FILE] [--json FILE]

Gold: data/temporal/tempeval3/tbaq_timexes.jsonl.gz under the shared folder (256 documents,
1,822 TIMEX3 of types DATE, TIME, DURATION and SET); `start`/`end` are code-point offsets into
`text`. Ours (--ours): JSON Lines from vigil-dates-eval, {"id", "timexes": [{"start", "end",
"type", "value"}]} with code-point offsets into the same text. A document missing from ours
counts as one where nothing was found.

Metric (TempEval-3 Task A, UzZaman et al. 2013), over all documents together:
- strict extent: a timex matches when start and end are identical;
- relaxed extent: a timex matches when it overlaps one of the other side; precision is the
  share of our timexes overlapping a gold one, recall the share of gold timexes overlapping one
  of ours; F1 = 2PR/(P+R);
- attributes: gold and our timexes are paired one to one by overlap (largest overlap first);
  value accuracy is the share of pairs with the same value (exact string), type accuracy the
  same for the type; value F1 = relaxed F1 x value accuracy, as TempEval-3 defines it.

The published figures printed next to ours are from the TempEval-3 platinum test set, a
different (unseen) set of 20 documents: they place our figures, they do not compare like with
like.

Exit codes: 0 ok; 1 relaxed F1 below --min-relaxed-f1 or value accuracy below --min-value;
2 bad usage or unreadable input.
"""

import argparse
import gzip
import json
import os
import sys
from collections import Counter, defaultdict

PROG = "dates_score.py"
GOLD = os.path.join("data", "temporal", "tempeval3", "tbaq_timexes.jsonl.gz")

# TempEval-3 platinum test set, Task A (UzZaman et al. 2013, Table 3):
# relaxed F1, strict F1, value F1 (in percent).
PUBLISHED = [
    ("HeidelTime-t", 90.30, 81.34, 77.61),
    ("HeidelTime 1.2", 86.99, 78.07, 72.12),
    ("NavyTime", 90.32, 79.57, 70.97),
    ("SUTime", 90.32, 79.57, 67.38),
    ("ClearTK", 90.23, 82.71, 64.66),
]


class InputError(Exception):
    pass


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "rt", encoding="utf-8")


def read_jsonl(path):
    try:
        with open_text(path) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except ValueError as e:
                    raise InputError(f"{path}:{number}: invalid JSON: {e}") from e
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}") from e


def load_gold(path):
    docs = {}
    for doc in read_jsonl(path):
        docs[doc["id"]] = doc
    if not docs:
        raise InputError(f"{path}: no documents")
    return docs


def load_ours(path, gold):
    ours = {}
    for record in read_jsonl(path):
        doc_id = record.get("id")
        if doc_id not in gold:
            print(f"{PROG}: warning: {path}: unknown id {doc_id!r}, ignored", file=sys.stderr)
            continue
        ours[doc_id] = record.get("timexes") or []
    return ours


def overlap(a, b):
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def pair_up(gold, ours):
    """One-to-one pairs (gold index, our index) of overlapping timexes, largest overlap first."""
    candidates = []
    for g, gt in enumerate(gold):
        for o, ot in enumerate(ours):
            size = overlap(gt, ot)
            if size > 0:
                candidates.append((-size, g, o))
    candidates.sort()
    used_gold, used_ours, pairs = set(), set(), []
    for _, g, o in candidates:
        if g not in used_gold and o not in used_ours:
            used_gold.add(g)
            used_ours.add(o)
            pairs.append((g, o))
    return pairs


class Tally:
    def __init__(self):
        self.n = Counter()

    def f1(self, kind):
        p = self.n[kind + "_sys_hit"] / self.n["sys"] if self.n["sys"] else 0.0
        r = self.n[kind + "_gold_hit"] / self.n["gold"] if self.n["gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def accuracy(self, kind):
        return self.n[kind + "_ok"] / self.n["pairs"] if self.n["pairs"] else 0.0


def score(gold_docs, ours, errors):
    total = Tally()
    by_type = defaultdict(Counter)
    by_subset = defaultdict(Tally)
    for doc_id, doc in gold_docs.items():
        gold = doc["timexes"]
        mine = ours.get(doc_id, [])
        subset = by_subset[doc.get("subset") or "all"]
        for tally in (total, subset):
            tally.n["gold"] += len(gold)
            tally.n["sys"] += len(mine)
        strict_spans = {(t["start"], t["end"]) for t in gold}
        mine_spans = {(t["start"], t["end"]) for t in mine}
        for tally in (total, subset):
            tally.n["strict_sys_hit"] += sum(1 for t in mine if (t["start"], t["end"]) in strict_spans)
            tally.n["strict_gold_hit"] += sum(1 for t in gold if (t["start"], t["end"]) in mine_spans)
            tally.n["relaxed_sys_hit"] += sum(1 for t in mine if any(overlap(t, g) > 0 for g in gold))
            tally.n["relaxed_gold_hit"] += sum(1 for t in gold if any(overlap(t, o) > 0 for o in mine))
        pairs = pair_up(gold, mine)
        paired_gold = {g for g, _ in pairs}
        paired_ours = {o for _, o in pairs}
        for g, o in pairs:
            gt, ot = gold[g], mine[o]
            value_ok = gt["value"] == ot.get("value")
            type_ok = gt["type"] == ot.get("type")
            for tally in (total, subset):
                tally.n["pairs"] += 1
                tally.n["value_ok"] += value_ok
                tally.n["type_ok"] += type_ok
            by_type[gt["type"]]["pairs"] += 1
            by_type[gt["type"]]["value_ok"] += value_ok
            extent = "exact" if (gt["start"], gt["end"]) == (ot["start"], ot["end"]) else "overlap"
            if not value_ok or extent != "exact":
                errors.append(("value" if not value_ok else "extent", doc, gt, ot))
        for g, gt in enumerate(gold):
            by_type[gt["type"]]["gold"] += 1
            if g not in paired_gold:
                errors.append(("missed", doc, gt, None))
        for o, ot in enumerate(mine):
            if o not in paired_ours:
                errors.append(("spurious", doc, None, ot))
    return total, by_type, by_subset


def context(doc, timex, width=60):
    text = doc["text"]
    left = text[max(0, timex["start"] - width):timex["start"]]
    right = text[timex["end"]:timex["end"] + width]
    snippet = left + "[" + text[timex["start"]:timex["end"]] + "]" + right
    return " ".join(snippet.split())


def write_errors(path, errors):
    with open(path, "w", encoding="utf-8") as f:
        f.write("kind\tid\tdct\tgold_text\tgold_type\tgold_value\tour_text\tour_type\tour_value"
                "\tcontext\n")
        for kind, doc, gt, ot in errors:
            anchor = gt or ot
            gold_part = [gt["text"], gt["type"], gt["value"]] if gt else ["", "", ""]
            our_part = ([doc["text"][ot["start"]:ot["end"]], ot.get("type", ""),
                         ot.get("value", "")] if ot else ["", "", ""])
            f.write("\t".join([kind, doc["id"], doc.get("dct") or ""] + gold_part + our_part +
                              [context(doc, anchor)]) + "\n")


def print_report(total, by_type, by_subset, docs, label):
    n = total.n
    print(f"Time expressions, {label}: {docs} documents, "
          f"{n['gold']:,} gold timexes, {n['sys']:,} ours")
    print()
    print(f"{'':18}{'P':>8}{'R':>8}{'F1':>8}")
    for kind in ("strict", "relaxed"):
        p, r, f1 = total.f1(kind)
        print(f"{kind + ' extent':18}{p:8.3f}{r:8.3f}{f1:8.3f}")
    value_acc = total.accuracy("value")
    relaxed_f1 = total.f1("relaxed")[2]
    print(f"value accuracy {value_acc:.3f} (on {n['pairs']:,} relaxed pairs)   "
          f"value F1 {relaxed_f1 * value_acc:.3f}   type accuracy {total.accuracy('type'):.3f}")
    print()
    print("By gold type: timexes, recall (relaxed, one-to-one), value accuracy")
    for kind in ("DATE", "TIME", "DURATION", "SET"):
        c = by_type.get(kind, Counter())
        if not c["gold"]:
            continue
        recall = c["pairs"] / c["gold"]
        acc = c["value_ok"] / c["pairs"] if c["pairs"] else 0.0
        print(f"  {kind:9}{c['gold']:6,}   recall {recall:.3f}   value {acc:.3f}")
    print("By subset: strict F1, relaxed F1, value accuracy")
    for name in sorted(by_subset):
        t = by_subset[name]
        print(f"  {name:9}strict {t.f1('strict')[2]:.3f}   relaxed {t.f1('relaxed')[2]:.3f}   "
              f"value {t.accuracy('value'):.3f}")
    print()
    print("Published, TempEval-3 platinum test set (another, unseen test set; for orientation):")
    print(f"  {'system':16}{'relaxed F1':>11}{'strict F1':>11}{'value F1':>10}")
    for name, relaxed, strict, value in PUBLISHED:
        print(f"  {name:16}{relaxed:11.2f}{strict:11.2f}{value:10.2f}")
    print(f"> {'vigil (TBAQ)':16}{relaxed_f1 * 100:11.2f}{total.f1('strict')[2] * 100:11.2f}"
          f"{relaxed_f1 * value_acc * 100:10.2f}")


def main(argv):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--ours", required=True, help="our JSON Lines (vigil-dates-eval output)")
    parser.add_argument("--shared", default=os.environ.get("VIGIL_SHARED_DIR", "../shared"),
                        help="the shared folder (default: $VIGIL_SHARED_DIR or ../shared)")
    parser.add_argument("--gold", help="gold JSON Lines (default: <shared>/" + GOLD + ")")
    parser.add_argument("--min-relaxed-f1", type=float, metavar="X",
                        help="exit 1 when the relaxed extent F1 is below X")
    parser.add_argument("--min-value", type=float, metavar="X",
                        help="exit 1 when the value accuracy is below X")
    parser.add_argument("--errors", metavar="FILE",
                        help="write a TSV of missed, spurious, wrong-value and wrong-extent timexes")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    try:
        gold = load_gold(args.gold or os.path.join(args.shared, GOLD))
        ours = load_ours(args.ours, gold)
    except InputError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    errors = []
    total, by_type, by_subset = score(gold, ours, errors)
    label = ("TimeBank + AQUAINT (TempEval-3 gold)" if not args.gold
             else os.path.basename(args.gold))
    print_report(total, by_type, by_subset, len(gold), label)
    if args.errors:
        write_errors(args.errors, errors)
    relaxed_f1 = total.f1("relaxed")[2]
    value_acc = total.accuracy("value")
    if args.json:
        figures = {kind: dict(zip(("precision", "recall", "f1"), total.f1(kind)))
                   for kind in ("strict", "relaxed")}
        figures.update(value_accuracy=value_acc, value_f1=relaxed_f1 * value_acc,
                       type_accuracy=total.accuracy("type"), gold=total.n["gold"],
                       ours=total.n["sys"], pairs=total.n["pairs"])
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
    failed = False
    if args.min_relaxed_f1 is not None and relaxed_f1 < args.min_relaxed_f1:
        print(f"{PROG}: relaxed F1 {relaxed_f1:.3f} is below --min-relaxed-f1 "
              f"{args.min_relaxed_f1}", file=sys.stderr)
        failed = True
    if args.min_value is not None and value_acc < args.min_value:
        print(f"{PROG}: value accuracy {value_acc:.3f} is below --min-value {args.min_value}",
              file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # stdout closed early (| head): not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
