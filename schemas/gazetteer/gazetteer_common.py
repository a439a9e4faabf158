"""Shared pieces of build_places.py: the Place row, source readers, name cleaning, curated files."""

import os
import re
import unicodedata
import xml.etree.ElementTree as ET


class InputError(Exception):
    """A missing input or a malformed curated file: the generator prints it and exits 2."""

    def __init__(self, message, hint="", where=""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where  # "file:line" of a curated file, printed as "file:line: error: ..."


class Place:
    """One row of places.tsv."""

    KINDS = ("country", "region", "city")

    def __init__(self, place_id, kind, label, parent, country, population, names):
        self.id = place_id
        self.kind = kind
        self.label = label
        self.parent = parent
        self.country = country
        self.population = population
        self.names = list(names)


# --- names -------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_LATIN_CODE = re.compile(r"^[A-Z]{1,3}$")        # IATA/ICAO-style codes: URC, IEV, BJS
_ASCII_ARTEFACT = re.compile(r"\b(AE|OE|UE|GJ)[a-z]")  # GeoNames' ASCII Ä/Ö/Ü/Đ: UEruemqi


def clean(name):
    """Trims and collapses spaces; '' for names that cannot go into a '|'-separated cell."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    return "" if "|" in name or "\t" in name else name


def is_latin(name):
    return all(ord(c) < 0x250 or unicodedata.category(c).startswith(("M", "P", "Z"))
               for c in name)


def plausible(name):
    """Whether a GeoNames name is plausible in news text (see geonames_alternates)."""
    if len(name) < 2 or _DIGIT.search(name) or "http" in name or ".wiki" in name:
        return False
    if is_latin(name):
        return not (_LATIN_CODE.match(name) or _ASCII_ARTEFACT.search(name)
                    or name == name.lower())
    return True


def geonames_alternates(field):
    """GeoNames alternate names plausible in news text.

    Dropped: codes (all-caps Latin tokens of up to 3 letters: airport and postal codes), anything
    with a digit, URLs and wiki links, one-character names, GeoNames' ASCII transliterations of
    letters such as Ü and Đ (UEruemqi, Gia GJinh), and Latin-script names without a capital
    letter: those are machine transliterations of other scripts (wu lu mu qi, akeossu si), never
    written so in English news. Names in other scripts are kept.
    """
    return [name for name in (clean(raw) for raw in field.split(",")) if plausible(name)]


def dedupe(names):
    """Cleans names and drops empties and repeats ignoring case, keeping the first of each."""
    seen = set()
    kept = []
    for name in names:
        name = clean(name)
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def iso_name_forms(name):
    """An iso-codes name and, for the inverted forms, the natural order.

    "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands, U.S." -> "U.S. Virgin Islands";
    "Burma, Socialist Republic of the Union of" -> "Burma", "Socialist Republic of the Union of
    Burma". A comma that separates a list ("Bonaire, Sint Eustatius and Saba") is kept as is.
    """
    name = clean(name)
    if name.startswith("the "):
        name = name[4:]
    if ", " not in name:
        return [name] if name else []
    head, tail = name.split(", ", 1)
    if tail.lower().endswith((" of", " of the")) and "(" not in tail:
        inverted = f"{tail} {head}"
        return [head, inverted[4:] if inverted.startswith("The ") else inverted]
    if " " not in tail:
        return [f"{tail} {head}"]
    return [name]


def cldr_name_forms(forms, all_forms):
    """CLDR territory names, and "Myanmar" for "Myanmar (Burma)" when no other territory has it."""
    names = []
    for form in forms:
        names.append(form)
        if " (" in form:
            head = form.split(" (", 1)[0]
            others = sum(1 for fs in all_forms.values() for f in fs
                         if f.split(" (", 1)[0] == head)
            if others == 1:
                names.append(head)
    return names


# --- sources ------------------------------------------------------------------------------------

def cldr_territory_names(path):
    """CLDR en.xml: alpha-2 code -> [name, short and variant forms]."""
    names = {}
    for node in ET.parse(path).getroot().iter("territory"):
        code = node.get("type", "")
        if len(code) == 2 and code.isalpha() and node.text:
            names.setdefault(code, []).append(node.text.replace("\u2019", "'"))
    return names


def cldr_populations(path):
    populations = {}
    for info in ET.parse(path).getroot().iter("territoryInfo"):
        for node in info.iter("territory"):
            populations[node.get("type")] = int(float(node.get("population", "0")))
    return populations


def cldr_subdivisions(path):
    """CLDR subdivisions/en.xml: ISO 3166-2 code ("CN-XJ") -> English name ("Xinjiang")."""
    names = {}
    for node in ET.parse(path).getroot().iter("subdivision"):
        code = node.get("type", "")
        if len(code) > 2 and node.text:
            names[f"{code[:2].upper()}-{code[2:].upper()}"] = node.text
    return names


# --- curated files ------------------------------------------------------------------------------

class Curated:
    """The curated files in schemas/, read and checked for shape (ids are checked later)."""

    def __init__(self):
        self.aliases = []          # (alias, place_id, kind, where)
        self.extras = []           # (Place, where)
        self.editorial = []        # (place_id, label, parent, where)
        self.keep_names = {}       # scope id -> {casefolded name}
        self.keep_path = ""
        self.subdivision_map = {}  # ISO 3166-2 code -> region id, or "-" to block a match
        self.subdivision_where = {}  # ISO 3166-2 code -> "file:line"
        self.referenced_ids = set()


def read_rows(path, min_columns, max_columns):
    """Yields (fields, "path:line") for each data line of a tab-separated curated file."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            where = f"{path}:{number}"
            if not min_columns <= len(fields) <= max_columns:
                expected = (f"{min_columns}" if min_columns == max_columns
                            else f"{min_columns} to {max_columns}")
                raise InputError(f"expected {expected} tab-separated columns, found "
                                 f"{len(fields)}", where=where)
            yield [field.strip() for field in fields], where


def read_curated(schemas):
    curated = Curated()
    path = os.path.join(schemas, "place_aliases.tsv")
    for fields, where in read_rows(path, 3, 4):
        if fields[2] not in ("alias", "demonym", "reject"):
            raise InputError(f"unknown kind '{fields[2]}': expected one of "
                             "alias, demonym, reject", where=where)
        curated.aliases.append((fields[0], fields[1], fields[2], where))
    path = os.path.join(schemas, "places_extra.tsv")
    for fields, where in read_rows(path, 7, 7):
        if fields[1] not in Place.KINDS:
            raise InputError(f"unknown kind '{fields[1]}'", where=where)
        if fields[5] and not fields[5].isdigit():
            raise InputError(f"population '{fields[5]}' is not a number", where=where)
        names = [fields[2]] + fields[6].split("|")
        place = Place(fields[0], fields[1], fields[2], fields[3], fields[4],
                      int(fields[5] or 0), names)
        curated.extras.append((place, where))
    path = os.path.join(schemas, "places_editorial.tsv")
    for fields, where in read_rows(path, 4, 4):
        curated.editorial.append((fields[0], fields[1], fields[2], where))
    curated.keep_path = os.path.join(schemas, "places_keep.tsv")
    for fields, where in read_rows(curated.keep_path, 3, 3):
        curated.keep_names.setdefault(fields[0], set()).add(fields[1].casefold())
    path = os.path.join(schemas, "subdivision_map.tsv")
    for fields, where in read_rows(path, 3, 3):
        if not re.match(r"^[A-Z]{2}-[0-9A-Z]+$", fields[0]):
            raise InputError(f"'{fields[0]}' is not an ISO 3166-2 code", where=where)
        curated.subdivision_map[fields[0]] = fields[1]
        curated.subdivision_where[fields[0]] = where
    ids = [a[1] for a in curated.aliases] + [e[0] for e in curated.editorial]
    ids += [e[2] for e in curated.editorial] + [p.parent for p, _ in curated.extras]
    curated.referenced_ids = {i for i in ids if i.startswith("g")}
    return curated


def add_extras(places, curated):
    for place, where in curated.extras:
        if place.id in places:
            raise InputError(f"duplicate id '{place.id}'", where=where)
        places[place.id] = place


def apply_curated(places, curated):
    """Adds the aliases, removes the rejected names, applies the editorial labels and parents."""
    for alias, place_id, kind, where in curated.aliases:
        place = places.get(place_id)
        if place is None:
            raise InputError(f"unknown place id '{place_id}'", where=where)
        if kind == "alias":
            place.names.append(alias)
        elif kind == "reject":
            kept = [n for n in place.names if n.casefold() != alias.casefold()]
            if len(kept) == len(place.names):
                raise InputError(f"'{place_id}' has no name '{alias}' to reject", where=where)
            place.names = kept
    for place_id, label, parent, where in curated.editorial:
        place = places.get(place_id)
        if place is None:
            raise InputError(f"unknown place id '{place_id}'", where=where)
        if parent != "-":
            if parent and parent not in places:
                raise InputError(f"unknown parent id '{parent}'", where=where)
            place.parent = parent
        if label != "-":
            place.names.insert(0, label)
            place.label = label
    set_countries(places)


def set_countries(places):
    """Sets each place's country to the country at the top of its parent chain."""
    for place in places.values():
        seen = [place.id]
        node = place
        while node.kind != "country":
            node = places.get(node.parent)
            if node is None:
                raise InputError(f"'{place.id}': parent chain {' > '.join(seen)} reaches "
                                 "no country")
            if node.id in seen:
                raise InputError(f"'{place.id}': cycle in parent chain {' > '.join(seen)}")
            seen.append(node.id)
        place.country = node.id


def write_places(path, header, places):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        for place_id in sorted(places):
            p = places[place_id]
            names = dedupe([p.label] + p.names)
            population = str(p.population) if p.population > 0 else ""
            out.write("\t".join((p.id, p.kind, p.label, p.parent, p.country, population,
                                 "|".join(names))) + "\n")
    os.replace(tmp, path)
