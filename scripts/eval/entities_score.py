#!/usr/bin/env python3
"""Scores Vigil's entity recognition (vigil-index entities --jsonl) against the shared gold data.

    entities_score.py --index BIN --shared DIR [--min FILE] [--json FILE]

Sets (paths under DIR/data and DIR/eval):
  seed      eval/seed-article/gold.json: every required organisation, place and date of the
            article this project started from, and nothing from its not_places list.
  conll     ner/conll2003/eng.testa.gz (development set): mentions, exact span and type
            (conlleval style), LOC against our places (demonym mentions left out: CoNLL marks
            them MISC) and ORG against our organisations.
  reuters   news_corpus/articles.jsonl.gz, dataset reuters21578: document-level places, our
            countries (a city or region counts as its country) against gold.places, mapped to
            Reuters' codes here (the product knows nothing of them); documents with gold places.
Prints one table. --min FILE: lines "name value" (e.g. "conll.loc.f1 0.70"); exits 1 when a
figure is below its floor. Exit 2 for bad usage or missing data. Standard library only.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys

PROG = "entities_score.py"

# Our country ids -> Reuters-21578 place codes, where they differ from the lower-case label with
# spaces as hyphens. 1987 names: Germany was two codes; the USSR was one.
REUTERS_CODES = {
    "us": "usa", "gb": "uk", "de": "west-germany", "ru": "ussr", "kr": "south-korea",
    "kp": "north-korea", "cn": "china", "tw": "taiwan", "ae": "uae", "cd": "zaire",
    "ci": "ivory-coast", "mm": "burma", "sa": "saudi-arabia", "nz": "new-zealand",
    "za": "south-africa", "hk": "hong-kong", "cz": "czechoslovakia", "sk": "czechoslovakia",
    "ir": "iran", "sy": "syria", "la": "laos", "vn": "vietnam", "bo": "bolivia", "ve": "venezuela",
    "tz": "tanzania", "ma": "morocco", "lk": "sri-lanka", "do": "dominican-republic",
    "pg": "papua-new-guinea", "tt": "trinidad-tobago", "cr": "costa-rica", "sv": "el-salvador",
    "pr": "puerto-rico", "ky": "cayman-islands", "an": "netherlands-antilles", "mo": "macau",
    "va": "vatican", "ba": "yugoslavia", "hr": "yugoslavia", "rs": "yugoslavia",
    "si": "yugoslavia", "mk": "yugoslavia", "me": "yugoslavia", "ye": "north-yemen",
    "bs": "bahamas", "gm": "gambia", "bn": "brunei", "fk": "falkland",
}


def fail(message, code=2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


def run_entities(binary, docs):
    """docs: list of {"id","text","published"}; returns {id: result}."""
    payload = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    proc = subprocess.run([binary, "entities", "--jsonl", "-"], input=payload.encode("utf-8"),
                          capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        fail(f"{binary} entities failed with code {proc.returncode}: "
             f"{proc.stderr.decode(errors='replace')[-500:]}")
    results = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        results[record["id"]] = record
    return results


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_seed(binary, shared):
    gold = json.load(open(os.path.join(shared, "eval", "seed-article", "gold.json"),
                          encoding="utf-8"))
    text = open(os.path.join(shared, "eval", "seed-article", "article.txt"),
                encoding="utf-8").read()
    ours = run_entities(binary, [{"id": "seed", "text": text,
                                  "published": gold["publication_date_assumed"]}])["seed"]
    report = {}
    problems = []

    def mentions(entries):
        return [{m["text"] for m in e["mentions"]} | {e["label"]} for e in entries]

    def same(ours_texts, wanted):
        # A gold mention is found when one of ours is it, or is inside it ("Washington" in
        # "Washington-based").
        return any(o == w or (len(o) > 3 and o in w) for o in ours_texts for w in wanted)

    for kind, ours_kind in (("organisations", "organisations"), ("places", "places")):
        found = 0
        our_sets = mentions(ours[ours_kind])
        for g in gold[kind]:
            wanted = set(g["mentions"]) | {g["canonical"]}
            if any(same(s, wanted) for s in our_sets):
                found += 1
            else:
                problems.append(f"{kind}: missing {g['canonical']}")
        report[kind] = (found, len(gold[kind]))
    not_places = [p for p in gold["not_places"]
                  if any(p in s for s in mentions(ours["places"]))]
    problems += [f"places: tagged {p}, which is not a place" for p in not_places]
    report["not_places_tagged"] = len(not_places)
    ours_dates = {d["value"] for d in ours["dates"]}
    found = 0
    for d in gold["dates_mentioned"]:
        if d["value"] in ours_dates:
            found += 1
        else:
            problems.append(f"dates: missing {d['text']!r} = {d['value']}")
    report["dates"] = (found, len(gold["dates_mentioned"]))
    return report, problems


def read_conll(path):
    """Documents of a CoNLL-2003 file: (tokens, [(start_token, end_token, type)])."""
    docs, tokens, spans = [], [], []
    current = None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if tokens:
                    docs.append((tokens, spans))
                tokens, spans, current = [], [], None
                continue
            if not line.strip():
                tokens.append(None)  # sentence break
                current = None
                continue
            parts = line.split()
            word, tag = parts[0], parts[-1]
            index = len(tokens)
            tokens.append(word)
            if tag == "O":
                current = None
                continue
            prefix, kind = tag.split("-", 1)
            if current is not None and current[2] == kind and prefix == "I":
                current[1] = index + 1
            else:
                current = [index, index + 1, kind]
                spans.append(current)
    if tokens:
        docs.append((tokens, spans))
    return docs


def score_conll(binary, shared):
    docs = read_conll(os.path.join(shared, "data", "ner", "conll2003", "eng.testa.gz"))
    inputs, offsets, golds = [], [], []
    for n, (tokens, spans) in enumerate(docs):
        text, starts, ends = "", [], []
        for token in tokens:
            if token is None:
                text += "\n"
                starts.append(None)
                ends.append(None)
                continue
            if text and not text.endswith("\n"):
                text += " "
            starts.append(len(text.encode("utf-8")))
            text += token
            ends.append(len(text.encode("utf-8")))
        inputs.append({"id": str(n), "text": text})
        offsets.append((starts, ends))
        golds.append({(starts[s], ends[e - 1], kind) for s, e, kind in spans})
    results = run_entities(binary, inputs)
    counts = {k: [0, 0, 0] for k in ("LOC", "ORG")}
    for n, gold in enumerate(golds):
        ours = set()
        result = results.get(str(n), {"places": [], "organisations": []})
        for place in result["places"]:
            for m in place["mentions"]:
                if not m.get("demonym"):
                    ours.add((m["start"], m["end"], "LOC"))
        for org in result["organisations"]:
            for m in org["mentions"]:
                ours.add((m["start"], m["end"], "ORG"))
        for kind in counts:
            g = {x for x in gold if x[2] == kind}
            o = {x for x in ours if x[2] == kind}
            counts[kind][0] += len(g & o)
            counts[kind][1] += len(o - g)
            counts[kind][2] += len(g - o)
    return {k: prf(*v) for k, v in counts.items()}, len(docs)


def country_labels(binary):
    """Country id -> label, from the places.tsv beside the binary's build (build/schemas)."""
    path = os.path.join(os.path.dirname(os.path.abspath(binary)), "..", "schemas", "places.tsv")
    labels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3 and fields[1] == "country":
                labels[fields[0]] = fields[2]
    return labels


def reuters_code(country, labels):
    return REUTERS_CODES.get(country, labels.get(country, country).lower().replace(" ", "-"))


def score_reuters(binary, shared):
    labels = country_labels(binary)
    docs, golds = [], {}
    with gzip.open(os.path.join(shared, "data", "news_corpus", "articles.jsonl.gz"), "rt",
                   encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("dataset") != "reuters21578" or not (r.get("gold") or {}).get("places"):
                continue
            text = ((r.get("title") or "") + "\n\n" + (r.get("body") or "")).strip()
            if not r.get("body"):
                continue
            docs.append({"id": r["id"], "text": text, "published": (r.get("date") or "")[:10]})
            golds[r["id"]] = set(r["gold"]["places"])
    results = run_entities(binary, docs)
    tp = fp = fn = 0
    for doc_id, gold in golds.items():
        ours = set()
        for place in results.get(doc_id, {"places": []})["places"]:
            chain = [place["id"]] + place.get("within", [])
            country = next((c for c in chain if c in labels), None)
            if country:
                ours.add(reuters_code(country, labels))
        tp += len(ours & gold)
        fp += len(ours - gold)
        fn += len(gold - ours)
    return prf(tp, fp, fn), len(golds)


def main():
    ap = argparse.ArgumentParser(prog=PROG)
    ap.add_argument("--index", required=True, help="the vigil-index binary")
    ap.add_argument("--shared", required=True, help="the shared folder")
    ap.add_argument("--min", help="floors: lines 'name value'")
    ap.add_argument("--json", help="write every figure to this file")
    args = ap.parse_args()
    figures = {}
    seed, problems = score_seed(args.index, args.shared)
    print("Seed article (eval/seed-article/gold.json)")
    for kind in ("organisations", "places", "dates"):
        found, total = seed[kind]
        figures[f"seed.{kind}.recall"] = found / total
        print(f"  {kind:14} {found} of {total} required found")
    figures["seed.not_places_tagged"] = seed["not_places_tagged"]
    figures["seed.not_places_clean"] = 1.0 if seed["not_places_tagged"] == 0 else 0.0
    print(f"  not places     {seed['not_places_tagged']} of the not_places list tagged")
    for p in problems:
        print(f"    - {p}")
    conll, n_docs = score_conll(args.index, args.shared)
    print(f"\nCoNLL-2003 development set ({n_docs} documents), mentions, exact span")
    print("  type     P      R      F1     reference F1: memorise-the-training-set baseline")
    for kind, ref in (("LOC", 78.9), ("ORG", 59.8)):
        p, r, f = conll[kind]
        figures[f"conll.{kind.lower()}.precision"] = p
        figures[f"conll.{kind.lower()}.recall"] = r
        figures[f"conll.{kind.lower()}.f1"] = f
        print(f"  {kind}   {p:.3f}  {r:.3f}  {f:.3f}   {ref / 100:.3f}")
    (p, r, f), n_docs = score_reuters(args.index, args.shared)
    figures.update({"reuters.places.precision": p, "reuters.places.recall": r,
                    "reuters.places.f1": f})
    print(f"\nReuters-21578 ({n_docs} documents with gold places), document-level places")
    print(f"  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (targets: P >= 0.92, R >= 0.85)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1)
    if args.min:
        below = []
        for line in open(args.min, encoding="utf-8"):
            line = line.split("#")[0].strip()
            if not line:
                continue
            name, value = line.split()
            if figures.get(name, -1) < float(value):
                below.append(f"{name} {figures.get(name)} < {value}")
        for b in below:
            print(f"{PROG}: below the floor: {b}", file=sys.stderr)
        if below:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
