#!/usr/bin/env python3
"""Scores Vigil's entity recognition (vigil-index entities --jsonl) against the shared gold data.

    entities_score.py --index BIN --shared DIR [--min FILE] [--json FILE] [--errors N]

Sets (paths under DIR/data and DIR/eval):
  seed      eval/seed-article/gold.json: every required organisation, place and date of the
            article this project started from, and nothing from its not_places list.
  conll     ner/conll2003/eng.testa.gz (development set): mentions, exact span and type
            (conlleval style), LOC against our places (demonym mentions left out: CoNLL marks
            them MISC) and ORG against our organisations.
  reuters   news_corpus/articles.jsonl.gz, dataset reuters21578: document-level places, our
            countries (a city or region counts as its country) against gold.places, mapped to
            Reuters' codes here (the product knows nothing of them); documents with gold places.
            Also document-level organisations against gold.orgs (codes such as ec, imf, opec),
            on the documents with gold orgs: our organisations are mapped to codes by
            REUTERS_ORG_CODES, and those without a code are left out (of precision too).
  meantime  ner/meantime/meantime_en.dev.jsonl.gz: mentions, exact span and type, in character
            offsets (the file's start/end index characters of `text`, which is fed whole, with
            `published` = dct). Gold: LOC and ORG mentions whose syntactic_type is NAM or PRE.NAM
            (named mentions, nested ones included); ours as in conll. MEANTIME annotated only
            the first six lines of each text (title, date line, four sentences), so our mentions
            after them are left out.
  re3d      ner/re3d/re3d.dev.jsonl.gz: the same, on the whole text; gold: every Location (LOC)
            and Organisation (ORG) entity, whatever its confidence (confidence-0 entities are
            mostly nested or second readings: "Security Council" inside "The Members of the
            Security Council", "Iraq" as a Location where the same span is an Organisation).
  meantime.doc, re3d.doc
            news_corpus/articles.jsonl.gz, datasets meantime_wikinews and re3d (every document):
            our places and organisations (demonym-only places included) against the names in
            gold.places and gold.orgs. MEANTIME annotated the title, so its documents are fed as
            title and body (as reuters is), and only our entities with a mention in the
            annotated lines count; re3d annotated the whole body and not the title: the body
            alone is fed. Names are compared after normalise_name(); a gold name "A (B)" also
            matches as "A" and as "B"; one of our entities matches a gold name that equals its
            label or one of its mentions' texts. Precision: share of our entities matching a
            gold name; recall: share of the gold names (distinct after normalising) some entity
            matches; both summed over the documents. The gold names are the canonical names of
            the annotated entities (MEANTIME: "United States of America", "Paris, France"),
            re3d's also common nouns and pronouns ("the camp", "We"), so neither figure can
            reach 1. --errors N prints the N most frequent false positives and negatives of
            each to stderr.
Prints one table. --min FILE: lines "name value" (e.g. "conll.loc.f1 0.70"); exits 1 when a
figure is below its floor. Exit 2 for bad usage or missing data. Standard library only.
"""

import argparse
import collections
import functools
import gzip
import json
import os
import re
import subprocess
import sys

from floors import finish

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

# MEANTIME annotated only the first lines of each article: the title, the date line and four
# sentences (sentences 0-5 of the CAT files; the JSONL has one sentence per line).
MEANTIME_ANNOTATED_LINES = 6

# Our organisation ids (schemas/organisations.tsv) -> Reuters-21578 ORGS codes. Only these count
# in reuters.orgs. 1987: "ec" is the European Community, which any EU institution falls under;
# the UN's main organs carry "un"; GATT was the WTO's predecessor.
REUTERS_ORG_CODES = {
    "eu": "ec", "ec": "ec", "consilium": "ec", "euco": "ec", "ep": "ec",
    "un": "un", "unsc": "un", "unga": "un", "unsg": "un",
    "imf": "imf", "worldbank": "worldbank", "oecd": "oecd", "wto": "gatt", "fao": "fao",
    "iaea": "iaea", "ilo": "ilo", "who": "who", "gcc": "gcc", "asean": "asean",
    "adb": "adb-asia", "afdb": "adb-africa",
}


def fail(message, code=2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


def read_jsonl(path):
    """The records of a (gzipped) JSON Lines file; exits 2 when it is missing."""
    if not os.path.exists(path):
        fail(f"{path} not found")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@functools.lru_cache(maxsize=1)
def news_corpus(shared):
    """The rows of news_corpus/articles.jsonl.gz, read once."""
    return read_jsonl(os.path.join(shared, "data", "news_corpus", "articles.jsonl.gz"))


def news_rows(shared, dataset):
    """The rows of news_corpus/articles.jsonl.gz from one dataset."""
    return [r for r in news_corpus(shared) if r.get("dataset") == dataset]


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


def ratio_prf(ours_matched, ours, gold_matched, gold):
    """P, R, F1 when precision and recall count different things (document-level names)."""
    p = ours_matched / ours if ours else 0.0
    r = gold_matched / gold if gold else 0.0
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
        count_spans(counts, gold, our_spans(results.get(str(n), {})))
    return {k: prf(*v) for k, v in counts.items()}, len(docs)


def our_spans(result, to_char=None):
    """Our mentions as (start, end, "LOC" | "ORG"): places (demonym mentions left out: CoNLL
    marks them MISC, MEANTIME and re3d do not make them LOC) and organisations. Offsets are
    bytes, or characters when to_char (from char_offsets) is given."""
    def at(offset):
        return offset if to_char is None else to_char[offset]
    spans = set()
    for place in result.get("places", []):
        spans.update((at(m["start"]), at(m["end"]), "LOC") for m in place["mentions"]
                     if not m.get("demonym"))
    for org in result.get("organisations", []):
        spans.update((at(m["start"]), at(m["end"]), "ORG") for m in org["mentions"])
    return spans


def count_spans(counts, gold, ours):
    """Adds one document's exact-span tp, fp, fn to counts {type: [tp, fp, fn]}."""
    for kind in counts:
        g = {x for x in gold if x[2] == kind}
        o = {x for x in ours if x[2] == kind}
        counts[kind][0] += len(g & o)
        counts[kind][1] += len(o - g)
        counts[kind][2] += len(g - o)


def char_offsets(text):
    """UTF-8 byte offset of each character boundary of text -> its character offset."""
    offsets, position = {}, 0
    for n, char in enumerate(text):
        offsets[position] = n
        position += len(char.encode("utf-8"))
    offsets[position] = len(text)
    return offsets


def score_spans(binary, docs):
    """docs: [({"id","text","published"}, {(start, end, type)} in characters, annotated)]:
    exact-span P, R, F1 of LOC and ORG. Only the first `annotated` characters of a text were
    annotated (None: all of it); our mentions that start later are left out."""
    results = run_entities(binary, [d for d, _, _ in docs])
    counts = {k: [0, 0, 0] for k in ("LOC", "ORG")}
    for doc, gold, annotated in docs:
        ours = our_spans(results.get(doc["id"], {}), char_offsets(doc["text"]))
        if annotated is not None:
            ours = {s for s in ours if s[0] < annotated}
        count_spans(counts, gold, ours)
    return {k: prf(*v) for k, v in counts.items()}


def meantime_annotated(lines):
    """The text MEANTIME annotated (sentences 0-5 of its CAT files), given its text's lines."""
    return "\n".join(lines[:MEANTIME_ANNOTATED_LINES])


def score_meantime(binary, shared):
    """MEANTIME mentions: named (NAM, PRE.NAM) LOC and ORG, in the annotated lines."""
    docs = []
    for r in read_jsonl(os.path.join(shared, "data", "ner", "meantime",
                                     "meantime_en.dev.jsonl.gz")):
        gold = {(m["start"], m["end"], m["type"]) for m in r["entity_mentions"]
                if m["type"] in ("LOC", "ORG") and m["syntactic_type"] in ("NAM", "PRE.NAM")}
        doc = {"id": r["id"], "text": r["text"], "published": r.get("dct") or ""}
        docs.append((doc, gold, len(meantime_annotated(r["text"].split("\n")))))
    return score_spans(binary, docs), len(docs)


def score_re3d(binary, shared):
    """re3d mentions: Location as LOC, Organisation as ORG, every confidence."""
    kinds = {"Location": "LOC", "Organisation": "ORG"}
    docs = []
    for r in read_jsonl(os.path.join(shared, "data", "ner", "re3d", "re3d.dev.jsonl.gz")):
        gold = {(e["start"], e["end"], kinds[e["type"]]) for e in r["entities"]
                if e["type"] in kinds}
        docs.append(({"id": r["id"], "text": r["text"], "published": ""}, gold, None))
    return score_spans(binary, docs), len(docs)


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


def news_text(row):
    """A news_corpus row as it is indexed: the title, a blank line, the body."""
    return ((row.get("title") or "") + "\n\n" + (row.get("body") or "")).strip()


def reuters_place_codes(result, labels):
    """The Reuters codes of the countries of our places (a city counts as its country)."""
    codes = set()
    for place in result.get("places", []):
        chain = [place["id"]] + place.get("within", [])
        country = next((c for c in chain if c in labels), None)
        if country:
            codes.add(reuters_code(country, labels))
    return codes


def reuters_org_codes(result):
    """The Reuters codes of our organisations that have one."""
    return {REUTERS_ORG_CODES[o["id"]] for o in result.get("organisations", [])
            if o["id"] in REUTERS_ORG_CODES}


def score_reuters(binary, shared):
    """{"places" | "orgs": ((P, R, F1), documents)}: each kind on the documents (with a body)
    that have gold labels of that kind."""
    labels = country_labels(binary)
    rows = [r for r in news_rows(shared, "reuters21578") if r.get("body")]
    golds = {kind: {r["id"]: set(r["gold"][kind]) for r in rows
                    if (r.get("gold") or {}).get(kind)} for kind in ("places", "orgs")}
    docs = [{"id": r["id"], "text": news_text(r), "published": (r.get("date") or "")[:10]}
            for r in rows if r["id"] in golds["places"] or r["id"] in golds["orgs"]]
    results = run_entities(binary, docs)
    codes = {"places": lambda result: reuters_place_codes(result, labels),
             "orgs": reuters_org_codes}
    report = {}
    for kind, gold_codes in golds.items():
        tp = fp = fn = 0
        for doc_id, gold in gold_codes.items():
            ours = codes[kind](results.get(doc_id, {}))
            tp += len(ours & gold)
            fp += len(ours - gold)
            fn += len(gold - ours)
        report[kind] = (prf(tp, fp, fn), len(gold_codes))
    return report


NAME_DROPPED = re.compile(r"[.'’]")
NAME_BREAKS = re.compile(r"[\W_]+")
PARENTHESISED = re.compile(r"\(([^()]*)\)")


def normalise_name(name):
    """Case-folded; full stops and apostrophes dropped ("U.S." = "US"), every other run of
    punctuation and white space made one space; a leading "the " removed."""
    name = NAME_BREAKS.sub(" ", NAME_DROPPED.sub("", name.casefold())).strip()
    return name[4:] if name.startswith("the ") else name


def gold_forms(name):
    """The normalised forms a gold name matches by: the whole name; for "Royal Air Force
    (RAF)", also the part outside the parentheses and the part inside; for MEANTIME's
    "City, Country" names ("London, UK", "San Jose, California"), also the part before the
    comma."""
    forms = {normalise_name(name)}
    if PARENTHESISED.search(name):
        forms.add(normalise_name(PARENTHESISED.sub(" ", name)))
        forms.update(normalise_name(inside) for inside in PARENTHESISED.findall(name))
    if "," in name:
        forms.add(normalise_name(name.split(",", 1)[0]))
    return forms - {""}


def entity_names(binary):
    """Every name our places and organisations answer to, by id: the names column of
    places.tsv and the label and aliases of organisations.tsv beside the binary's build
    (build/schemas), so that a gold "United States of America" matches our "United States"."""
    schemas = os.path.join(os.path.dirname(os.path.abspath(binary)), "..", "schemas")
    names = collections.defaultdict(set)
    for file, id_column, name_columns in (("places.tsv", 0, (2, 6)),
                                          ("organisations.tsv", 0, (1, 3))):
        with open(os.path.join(schemas, file), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                for column in name_columns:
                    if column < len(fields):
                        names[fields[id_column]].update(
                            normalise_name(n) for n in fields[column].split("|") if n)
    return names


def entity_forms(entity, names):
    """The normalised label of one of our entities, the texts of its mentions and the other
    names of its id (entity_names)."""
    return ({normalise_name(entity["label"])} | {normalise_name(m["text"])
                                                 for m in entity["mentions"]}
            | names.get(entity["id"], set()))


class NameScore:
    """Document-level name matching of one kind (places or orgs), summed over documents, with
    the false positives (by "label [id]") and false negatives (by gold name) counted."""

    def __init__(self, names):
        self.names = names  # entity_names()
        self.ours = self.ours_matched = self.gold = self.gold_matched = 0
        self.false_positives = collections.Counter()
        self.false_negatives = collections.Counter()
        self.examples = {}  # error -> the first document it occurs in
        self.said = collections.defaultdict(collections.Counter)  # false positive -> texts

    def add(self, doc_id, gold_names, entities):
        """One document: gold_names as given, entities our places or organisations."""
        gold = {}
        for name in gold_names:
            if normalise_name(name):
                gold.setdefault(normalise_name(name), (name.strip(), gold_forms(name)))
        found = set()
        for entity in entities:
            ours = entity_forms(entity, self.names)
            hits = {key for key, (_, forms) in gold.items() if ours & forms}
            found |= hits
            if hits:
                self.ours_matched += 1
            else:
                key = f"{entity['label']} [{entity['id']}]"
                self.note(self.false_positives, key, doc_id)
                self.said[key].update({m["text"] for m in entity["mentions"]}
                                      - {entity["label"]})
        for key, (name, _) in gold.items():
            if key not in found:
                self.note(self.false_negatives, name, doc_id)
        self.ours += len(entities)
        self.gold += len(gold)
        self.gold_matched += len(found)

    def note(self, counter, name, doc_id):
        counter[name] += 1
        self.examples.setdefault(name, doc_id)

    def prf(self):
        return ratio_prf(self.ours_matched, self.ours, self.gold_matched, self.gold)


def meantime_input(row):
    """A meantime_wikinews row: (title and body, the UTF-8 length of its annotated part). The
    row's body leaves out the title and the date line, so four of its lines were annotated."""
    title = (row.get("title") or "") + "\n\n"
    body = row.get("body") or ""
    annotated = title + meantime_annotated(body.split("\n"))
    return title + body, len(annotated.encode("utf-8"))


def re3d_input(row):
    """A re3d row: (body, None). The body is what re3d annotated, all of it; not the title."""
    return row.get("body") or "", None


def score_names(binary, shared, dataset, make_input):
    """Document-level places and organisations of one news_corpus dataset against its gold
    names: ({"places": NameScore, "orgs": NameScore}, documents). make_input(row) gives the
    text to feed and the byte offset where its annotated part ends (None: the end); our
    entities are those with a mention that starts in the annotated part."""
    rows = news_rows(shared, dataset)
    if not rows:
        fail(f"no {dataset} documents in news_corpus/articles.jsonl.gz")
    inputs = {r["id"]: make_input(r) for r in rows}
    results = run_entities(binary, [{"id": r["id"], "text": inputs[r["id"]][0],
                                     "published": (r.get("date") or "")[:10]} for r in rows])
    names = entity_names(binary)
    scores = {"places": NameScore(names), "orgs": NameScore(names)}
    for r in rows:
        result = results.get(r["id"], {})
        annotated = inputs[r["id"]][1]
        for kind, ours_kind in (("places", "places"), ("orgs", "organisations")):
            entities = [e for e in result.get(ours_kind, [])
                        if any(annotated is None or m["start"] < annotated
                               for m in e["mentions"])]
            scores[kind].add(r["id"], (r.get("gold") or {}).get(kind) or [], entities)
    return scores, len(rows)


def print_errors(name, score, limit):
    """The limit most frequent false positives and negatives of a NameScore, to stderr."""
    for title, counter in (("false positives", score.false_positives),
                           ("false negatives", score.false_negatives)):
        print(f"{name}: {title}, {min(limit, len(counter))} of {len(counter)} distinct "
              f"({sum(counter.values())} in all), most frequent first", file=sys.stderr)
        for item, count in counter.most_common(limit):
            texts = score.said.get(item)
            said = (" as " + ", ".join(repr(t) for t, _ in texts.most_common(3))) if texts else ""
            print(f"  {count:3}  {item}{said}   e.g. {score.examples[item]}", file=sys.stderr)


def add_figures(figures, prefix, p, r, f):
    figures.update({f"{prefix}.precision": p, f"{prefix}.recall": r, f"{prefix}.f1": f})


def main():
    ap = argparse.ArgumentParser(prog=PROG)
    ap.add_argument("--index", required=True, help="the vigil-index binary")
    ap.add_argument("--shared", required=True, help="the shared folder")
    ap.add_argument("--min", help="floors: lines 'name value'")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N most frequent document-level errors of MEANTIME and re3d")
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
    for name, scorer, part in (("MEANTIME", score_meantime, ", their annotated lines"),
                               ("re3d", score_re3d, "")):
        spans, n_docs = scorer(args.index, args.shared)
        print(f"\n{name} ({n_docs} documents{part}), mentions, exact span")
        print("  type     P      R      F1")
        for kind in ("LOC", "ORG"):
            add_figures(figures, f"{name.lower()}.{kind.lower()}", *spans[kind])
            print(f"  {kind}   {spans[kind][0]:.3f}  {spans[kind][1]:.3f}  {spans[kind][2]:.3f}")
    reuters = score_reuters(args.index, args.shared)
    (p, r, f), n_docs = reuters["places"]
    add_figures(figures, "reuters.places", p, r, f)
    print(f"\nReuters-21578 ({n_docs} documents with gold places), document-level places")
    print(f"  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (targets: P >= 0.92, R >= 0.85)")
    (p, r, f), n_docs = reuters["orgs"]
    add_figures(figures, "reuters.orgs", p, r, f)
    print(f"Reuters-21578 ({n_docs} documents with gold orgs), document-level organisations "
          f"with a Reuters code")
    print(f"  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print("\nDocument level, names (news_corpus gold.places, gold.orgs)")
    print("  set                P      R      F1     our entities  gold names")
    errors = []
    for name, dataset, make_input in (("meantime", "meantime_wikinews", meantime_input),
                                      ("re3d", "re3d", re3d_input)):
        scores, n_docs = score_names(args.index, args.shared, dataset, make_input)
        for kind in ("places", "orgs"):
            score = scores[kind]
            p, r, f = score.prf()
            add_figures(figures, f"{name}.doc.{kind}", p, r, f)
            print(f"  {name + ' ' + kind:17} {p:.3f}  {r:.3f}  {f:.3f}   {score.ours:6}"
                  f"        {score.gold:6}   ({n_docs} documents)")
            errors.append((f"{name}.doc.{kind}", score))
    if args.errors > 0:
        sys.stdout.flush()
        for name, score in errors:
            print_errors(name, score, args.errors)
    return finish(figures, args.json, args.min, PROG)


if __name__ == "__main__":
    sys.exit(main())
