#!/usr/bin/env python3
"""Checks the generated places.tsv and the curated entity files (run by CMake after the build).

Checks: the shape of every file; no duplicate ids; every parent and every referenced id exists;
the place hierarchy has no cycles and each place's country is the top of its chain; aliases,
stopwords and organisation countries point to existing places; an organisation alias shared by
two organisations is marked ambiguous in both; and the examples the matcher relies on resolve
(Aksu -> Xinjiang -> China, "Sinkiang" -> Xinjiang, "Kiev" = "Kyiv", "U.N." -> un, ...).

Prints every problem as "file:line: error: ..." on stderr and exits 1 if there is any; on
success prints one summary line and, with --stamp, touches the stamp file. Standard library only.
"""

import argparse
import os
import re
import sys

SCRIPT = "check_data.py"
PLACE_KINDS = {"country": 0, "region": 1, "city": 2}
ORG_KINDS = {"un", "igo", "court", "government", "security", "party", "armed_group", "ngo", "sport",
             "research", "academic", "company", "media"}
ORG_ID = re.compile(r"^[a-z0-9_]+$")
MAX_SHOWN = 50


class Checker:
    def __init__(self):
        self.errors = []

    def error(self, where, message):
        self.errors.append(f"{where}: error: {message}")

    def rows(self, path, columns):
        """(fields, "path:line") of the data lines; wrong column counts are errors."""
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) not in columns:
                    self.error(f"{path}:{number}", f"{len(fields)} columns, expected "
                               f"{' or '.join(map(str, sorted(columns)))}")
                    continue
                yield fields, f"{path}:{number}"


def check_places(c, path):
    places = {}
    for f, where in c.rows(path, {7}):
        pid, kind, label, parent, country, population, names = f
        if pid in places:
            c.error(where, f"duplicate id '{pid}'")
        if kind not in PLACE_KINDS:
            c.error(where, f"unknown kind '{kind}'")
        if (kind == "country") != (parent == ""):
            c.error(where, f"'{pid}': a country has no parent, every other place has one")
        if population and not population.isdigit():
            c.error(where, f"'{pid}': population '{population}' is not a number")
        split = names.split("|")
        if split[0] != label or any(not n for n in split):
            c.error(where, f"'{pid}': names must start with the label and have no empty name")
        if len({n.casefold() for n in split}) != len(split):
            c.error(where, f"'{pid}': a name is repeated (ignoring case)")
        places[pid] = {"kind": kind, "label": label, "parent": parent, "country": country,
                       "population": int(population or 0), "names": split, "where": where}
    for pid, p in places.items():
        chain = [pid]
        node = p
        while node["parent"]:
            if node["parent"] not in places:
                c.error(p["where"], f"'{pid}': unknown parent '{node['parent']}'")
                break
            if node["parent"] in chain:
                if node["parent"] == pid:  # reported once, by each place on the cycle
                    c.error(p["where"], f"'{pid}': cycle {' > '.join(chain + [pid])}")
                break
            chain.append(node["parent"])
            node = places[node["parent"]]
        else:
            if node["kind"] != "country" or p["country"] != chain[-1]:
                c.error(p["where"], f"'{pid}': country '{p['country']}' is not the top of "
                        f"its chain {' > '.join(chain)}")
    return places


def name_index(places):
    index = {}
    for pid, p in places.items():
        for name in p["names"]:
            index.setdefault(name.casefold(), []).append(pid)
    return index


def check_curated(c, schemas, places, index):
    path = os.path.join(schemas, "place_aliases.tsv")
    for f, where in c.rows(path, {3, 4}):
        alias, pid, kind = f[:3]
        if pid not in places:
            c.error(where, f"unknown place id '{pid}'")
        elif kind == "alias" and pid not in index.get(alias.casefold(), []):
            c.error(where, f"alias '{alias}' is not a name of '{pid}' in places.tsv")
        elif kind == "reject" and pid in index.get(alias.casefold(), []):
            c.error(where, f"rejected name '{alias}' is still a name of '{pid}'")
        elif kind not in ("alias", "demonym", "reject"):
            c.error(where, f"unknown kind '{kind}'")
    path = os.path.join(schemas, "place_stopwords.tsv")
    for f, where in c.rows(path, {3}):
        if f[1] not in ("common_word", "person_name"):
            c.error(where, f"unknown reason '{f[1]}': expected common_word or person_name")
        if f[0].casefold() not in index:
            c.error(where, f"'{f[0]}' is not a name in places.tsv")
    path = os.path.join(schemas, "places_extra.tsv")
    for f, where in c.rows(path, {7}):
        if not (f[0].startswith("x.") or (f[1] == "country" and len(f[0]) == 2)):
            c.error(where, f"extra id '{f[0]}' must start with 'x.' (or be a country code)")


def check_organisations(c, path, places):
    orgs = {}
    owners = {}
    for f, where in c.rows(path, {6}):
        oid, label, kind, aliases, ambiguous, country = f
        if not ORG_ID.match(oid):
            c.error(where, f"id '{oid}' is not a lower-case slug")
        if oid in orgs:
            c.error(where, f"duplicate id '{oid}'")
        if kind not in ORG_KINDS:
            c.error(where, f"unknown kind '{kind}': expected one of {', '.join(sorted(ORG_KINDS))}")
        if country and country not in places:
            c.error(where, f"unknown country (place id) '{country}'")
        forms = [label] + [a for a in aliases.split("|") if a]
        amb = [a for a in ambiguous.split("|") if a]
        for a in amb:
            if a not in forms:
                c.error(where, f"ambiguous '{a}' is neither the label nor an alias")
        if "" in aliases.split("|")[1:] or len(set(forms)) != len(forms):
            c.error(where, f"'{oid}': empty or repeated alias")
        orgs[oid] = {"forms": forms, "ambiguous": {a.casefold() for a in amb}, "where": where}
        for form in set(x.casefold() for x in forms):
            owners.setdefault(form, []).append(oid)
    for form, ids in sorted(owners.items()):
        for oid in ids if len(ids) > 1 else []:
            if form not in orgs[oid]["ambiguous"]:
                c.error(orgs[oid]["where"], f"'{form}' is shared by {', '.join(ids)} but not "
                        f"marked ambiguous in '{oid}'")
    return owners


def check_head_nouns(c, path):
    seen = set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            word = line.strip()
            if not word or word.startswith("#"):
                continue
            if " " in word or word in seen:
                c.error(f"{path}:{number}", f"'{word}': one word per line, no repeats")
            seen.add(word)


def resolve(places, index, name, kind=None):
    """The place a bare name selects: the broadest kind first, then the largest population."""
    ids = [i for i in index.get(name.casefold(), []) if kind is None or places[i]["kind"] == kind]
    ids.sort(key=lambda i: (PLACE_KINDS[places[i]["kind"]], -places[i]["population"], i))
    return ids[0] if ids else None


def check_examples(c, places, index, org_owners):
    where = "required examples"

    def expect(got, want, what):
        if got != want:
            c.error(where, f"{what}: expected {want}, got {got}")

    aksu = resolve(places, index, "Aksu", "city")
    region = places[aksu]["parent"] if aksu else None
    expect(region and places[region]["label"], "Xinjiang", "Aksu's region")
    expect(region and places[region]["parent"], "cn", "Aksu's country")
    expect(region, "cn.13", "Aksu's region id")
    for name in ("Xinjiang", "Xinjiang Uygur Autonomous Region", "Sinkiang", "East Turkestan"):
        expect(resolve(places, index, name), "cn.13", f"'{name}'")
    for name, want in (("Britain", "gb"), ("U.S.", "us"), ("United States", "us"),
                       ("Burma", "mm"), ("Ivory Coast", "ci"), ("China", "cn"),
                       ("Tibet", "cn.14"), ("Darfur", "x.sd_darfur")):
        expect(resolve(places, index, name), want, f"'{name}'")
    urumqi = resolve(places, index, "Ürümqi", "city")
    expect(urumqi and places[urumqi]["parent"], "cn.13", "Ürümqi's region")
    for name in ("Urumqi", "Wulumuqi"):
        expect(resolve(places, index, name, "city"), urumqi, f"'{name}' (the Ürümqi city)")
    kyiv = resolve(places, index, "Kyiv", "city")
    expect(kyiv and places[kyiv]["country"], "ua", "Kyiv's country")
    expect(resolve(places, index, "Kiev", "city"), kyiv, "'Kiev' (the Kyiv city)")
    el_fasher = resolve(places, index, "El Fasher", "city")
    expect(el_fasher and places[places[el_fasher]["parent"]]["parent"], "x.sd_darfur",
           "El Fasher's region's parent")
    for name in ("UN", "United Nations", "U.N."):
        expect(org_owners.get(name.casefold()), ["un"], f"organisation '{name}'")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(prog=SCRIPT, description=__doc__.split("\n")[0])
    p.add_argument("--places", required=True, help="the generated places.tsv")
    p.add_argument("--schemas", default=os.path.dirname(here), help="folder of curated files")
    p.add_argument("--stamp", help="file to touch when every check passes")
    args = p.parse_args(argv)
    c = Checker()
    try:
        places = check_places(c, args.places)
        index = name_index(places)
        check_curated(c, args.schemas, places, index)
        owners = check_organisations(c, os.path.join(args.schemas, "organisations.tsv"), places)
        check_head_nouns(c, os.path.join(args.schemas, "org_head_nouns.txt"))
        if not c.errors:
            check_examples(c, places, index, owners)
    except OSError as error:
        c.error(getattr(error, "filename", "") or SCRIPT, f"cannot read: {error.strerror}")
    for message in c.errors[:MAX_SHOWN]:
        print(f"{SCRIPT}: {message}", file=sys.stderr)
    if c.errors:
        print(f"{SCRIPT}: {len(c.errors)} problem(s) in the entity data (first {MAX_SHOWN} shown)"
              if len(c.errors) > MAX_SHOWN else
              f"{SCRIPT}: {len(c.errors)} problem(s) in the entity data", file=sys.stderr)
        return 1
    counts = {k: sum(1 for p in places.values() if p["kind"] == k) for k in PLACE_KINDS}
    print(f"{SCRIPT}: ok: {len(places)} places ({counts['country']} countries, "
          f"{counts['region']} regions, {counts['city']} cities), {len(owners)} organisation "
          f"names", file=sys.stderr)
    if args.stamp:
        with open(args.stamp, "w", encoding="utf-8") as f:
            f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
