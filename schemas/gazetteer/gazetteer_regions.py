"""Regions for build_places.py: GeoNames first-level divisions, named also by ISO 3166-2 and CLDR.

GeoNames' admin1 codes ("CN.13") are not ISO 3166-2 codes ("CN-XJ"), so the ISO and CLDR names of a
subdivision reach a GeoNames region by name: both sides are normalised (accents, case, punctuation,
and generic words such as "Province", "Oblast", "Zizhiqu" removed) and a subdivision whose ISO, CLDR
or English iso-codes name equals the name of exactly one region of its country gives that region
all its names ("Xinjiang Uygur Zizhiqu" reaches cn.13 through CLDR's "Xinjiang").
schemas/subdivision_map.tsv forces or blocks a match where names do not agree.
"""

import gettext
import json
import re
import unicodedata

import gazetteer_common as common

_GENERIC = """
    province provincia provincie provinsi provinz region regione regiao state estado etat
    oblast oblasti oblys oblysy oblisi kray krai kraj okrug governorate muhafazat muhafazah
    wilayat wilaya vilayeti autonomous autonomy republic respublika zizhiqu zizhizhou sheng shi
    municipality municipio city district departement department departamento county prefecture
    special administrative sar territory capital federal union of the and de del la le das do
    da dos uygur uyghur zhuangzu huizu division voivodeship parish emirate canton kanton land
    tinh thanh pho lan novads zupanija apskritis
"""
ARTICLES = frozenset("al el ar as ash ad an az at".split())
# What may follow a shared stem when one name is a prefix of the other: Russian and Ukrainian
# adjective and region endings (Leningrad/Leningradskaya, Buryat/Buryatiya, Kharkiv/Kharkivska,
# Zhytomyr/Zhytomyrshchyna), Estonian -maa, Korean -si, Swedish and Latvian genitive -s.
STEM_SUFFIXES = frozenset("""
    a ia iya ya aya ska skaya skiy iy sk s si maa shchyna schyna chchyna gwangyeoksi teukbyeolsi
""".split())
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
_SPELLINGS = (("\u0111", "d"), ("kh", "h"), ("j", "y"), ("northern", "north"),
              ("southern", "south"), ("eastern", "east"), ("western", "west"))


def _spell(text):
    for old, new in _SPELLINGS:
        text = text.replace(old, new)
    return text


GENERIC_WORDS = frozenset(_spell(word) for word in _GENERIC.split())


def normalise(name):
    """A matching key: "Xinjiang Uygur Zizhiqu" and "Xinjiang" give "xinjiang".

    Besides accents, case, punctuation and generic words, it evens out spellings that differ
    between the sources: Russian "ja"/"ya" and "kh"/"h", "Northern Darfur"/"North Darfur".
    """
    text = unicodedata.normalize("NFKD", _BRACKETS.sub("", name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "").replace("'", "").replace("\u02bc", "")
    text = _spell(text)
    tokens = [t for t in _NON_ALNUM.sub(" ", text).split()
              if t not in GENERIC_WORDS and t not in ARTICLES]
    return "".join(tokens)


def subdivision_names(paths):
    """Yields (ISO 3166-2 code, [names], top level?) per source: CLDR's English names, then
    iso-codes' names (the ISO name and its English form). The two are matched apart because their
    codes disagree for some countries (CLDR 41 keeps Iran's codes from before ISO renumbered
    them)."""
    cldr = common.cldr_subdivisions(paths["cldr_sub"])
    with open(paths["iso_mo"], "rb") as f:
        english = gettext.GNUTranslations(f)
    with open(paths["iso2"], encoding="utf-8") as f:
        entries = json.load(f)["3166-2"]
    iso = {entry["code"]: entry["name"] for entry in entries}
    lower = {entry["code"] for entry in entries if "parent" in entry}
    for code in sorted(cldr):
        yield code, [cldr[code]], code in iso and code not in lower
    for code in sorted(iso):
        yield code, common.dedupe([english.gettext(iso[code]), iso[code]]), code not in lower


def find_region(keys, country, names, top_level):
    """The one region of the country that the names match: exactly, else (for a top-level
    subdivision) when one name is the other plus an ending of STEM_SUFFIXES ("Arkhangelsk" and
    "Arkhangelskaya"). None when none or several match."""
    regions = keys.get(country, {})
    found = {r for n in names for r in regions.get(normalise(n), [])}
    if not found and top_level:
        for key in (normalise(n) for n in names):
            for other, ids in regions.items():
                short, long = sorted((key, other), key=len)
                if len(short) >= 4 and long.startswith(short) and \
                        long[len(short):] in STEM_SUFFIXES:
                    found.update(ids)
    return found.pop() if len(found) == 1 else None


def add_regions(places, admin1, paths, curated):
    """Adds a region row per GeoNames admin1 division and gives it the ISO/CLDR names it matches.

    Returns counts for the report (subdivisions in total, matched, matched by the curated map,
    top-level subdivisions and those matched) and, under "regions", the region id of each matched
    ISO 3166-2 code (for the localised names of gazetteer_locales.py).
    """
    keys = {}  # country -> normalised name -> [region id]
    for code in sorted(admin1):
        country = code.split(".", 1)[0].lower()
        if country not in places:
            raise common.InputError(f"admin1.json: unknown country in '{code}'",
                                    "add the country to schemas/places_extra.tsv")
        label = admin1[code]
        region_id = code.lower()
        places[region_id] = common.Place(region_id, "region", label, country, country, 0,
                                         [label])
        keys.setdefault(country, {}).setdefault(normalise(label), []).append(region_id)
    for code, target in curated.subdivision_map.items():
        if target != "-" and (target not in places or places[target].kind != "region"):
            raise common.InputError(f"'{code}' maps to unknown region '{target}'",
                                    where=curated.subdivision_where[code])
    stats = {"total": set(), "matched": set(), "forced": set(), "top": set()}
    found = {}       # code -> region id matched by one of its sources
    unmatched = []   # (code, names) of sources that matched nothing
    for code, names, top_level in subdivision_names(paths):
        stats["total"].add(code)
        if top_level:
            stats["top"].add(code)
        target = curated.subdivision_map.get(code)
        if target == "-":
            continue
        if target is not None:
            stats["forced"].add(code)
        else:
            target = find_region(keys, code.split("-", 1)[0].lower(), names, top_level)
        if target is None:
            unmatched.append((code, names))
            continue
        stats["matched"].add(code)
        found.setdefault(code, target)
        places[target].names += names
    # A source that matched nothing follows the other source of the same code: ISO's "Xizang
    # Zizhiqu" has no GeoNames counterpart, but CLDR's "Tibet" (also CN-XZ) does.
    for code, names in unmatched:
        if code in found:
            places[found[code]].names += names
    counts = {key: len(codes) for key, codes in stats.items()}
    counts["top_matched"] = len(stats["top"] & stats["matched"])
    counts["regions"] = found
    return counts
