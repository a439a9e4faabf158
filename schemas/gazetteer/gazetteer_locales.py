"""Place names in the main languages of the corpus, for build_places.py: Unicode CLDR's localised
territory names (common/main/<locale>.xml) and subdivision names (common/subdivisions/<locale>.xml),
from Debian's unicode-cldr-core.

Country names come from every locale of LOCALES. Subdivision names come only from the locales in
another script than Latin: a French or Spanish subdivision name is mostly the English one, or an
ordinary word of the language ("Nord", "Centre", "Littoral"), which this matcher, with its English
word lists, could not tell from prose. A subdivision name also gives its short form, without the
generic word (SHORT_FORMS: "新疆维吾尔自治区" -> "新疆", "광둥 성" -> "광둥", "ولاية كاشين" ->
"كاشين"). Refused:
- one-letter names and names with a one-letter word outside Korean (Uyghur "ئا ق ش");
- Latin-script names that are words of the English word lists (French "Maurice" for Mauritius,
  German "Island" for Iceland; most are the English name anyway) or abbreviations in capitals
  (Portuguese "EUA", Turkish "ABD": English acronyms too);
- for subdivisions (keep_region_name): every name of a subdivision whose English name is made of
  ordinary English words ("Centre", "Far North": 中央, 極北), kana or Hangul names shorter than
  three letters (イカ, ゴム, 신장), and HAN_WORDS, Han names that are ordinary words (玻璃, 首都).
"""

import os
import re
import xml.etree.ElementTree as ET

import gazetteer_common as common

# The main languages of the corpus (issue 12): Chinese (simplified, traditional), Japanese,
# Korean, Arabic, Persian, Uyghur, Russian, Ukrainian, Spanish, French, German, Portuguese,
# Turkish.
LOCALES = ("zh", "zh_Hant", "ja", "ko", "ar", "fa", "ug", "ru", "uk", "es", "fr", "de", "pt",
           "tr")

WORD_LISTS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")

# Arabic-script marks (harakat, superscript alef, hamza above) that news text leaves out:
# "عُمان" is written "عمان", "کرهٔ شمالی" also "کره شمالی".
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")

_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANGUL_ONLY = re.compile("^[\uac00-\ud7a3]+$")
_KANA_ONLY = re.compile("^[\u3040-\u30ff]+$")
# Subdivision names in Chinese characters that are ordinary words, whatever the English name of
# the place (Perlis 玻璃 "glass", Independencia 獨立, Collines 丘陵, Estuaire 河口): a short list,
# found by reading the two-character names the generator produced.
HAN_WORDS = frozenset("""
    玻璃 獨立 独立 丘陵 峽谷 峡谷 河口 西山 绿洲 綠洲 聖母 圣母 首都 赤道 盆地 高原 河流 湖泊 沿岸
    滨海 濱海 三角 山谷 海灣 海湾 湾岸 東方 东方 中央 中部 万博 內地 内地 極北 北方 南方 西方
    东北 東北 北東 北部 南部 東部 西部 東南 西北 北西 南東 南西 中南 北県 南県 西県 ハ県 湖區
    白馬 菩萨 大城 三重
""".split())

# Generic words of subdivision names, removed for a short form: a suffix in Chinese and Japanese
# (with the people of an autonomous region: 新疆维吾尔自治区, 新疆ウイグル自治区), a last word in
# Korean, a first word in Arabic and Persian, "-X-ский автономный район" in Russian and Ukrainian.
SHORT_FORMS = (
    re.compile("^(?P<name>.{2,}?)(?:维吾尔|ウイグル|[\u4e00-\u9fff]族)?"
               "(?:自治区|特别行政区|省|市|県|府|都|州)$"),
    re.compile("^(?P<name>.+?)(?: 위구르)? (?:자치구|성|주|시|도|특별시|광역시)$"),
    re.compile("^(?:محافظة|ولاية|منطقة|إقليم|استان|ایالت|منطقه) (?P<name>[^ ]+(?: [^ ]+)?)$"),
    re.compile("^(?P<name>[^ -]{4,})-[^ ]+ (?:автономный|автономний) район$"),
)


class EnglishWords:
    """Debian's English word lists (wamerican, wbritish): every word case-folded (`all`), and the
    ordinary words, those the lists write in lower case (`common`)."""

    def __init__(self, lists=WORD_LISTS):
        self.all = set()
        self.common = set()
        for path in lists:
            if not os.path.isfile(path):
                raise common.InputError(f"missing input: {path} (from Debian wamerican and "
                                        "wbritish)", "run sh scripts/setup.sh to install it")
            with open(path, encoding="utf-8") as f:
                for line in f:
                    word = line.strip()
                    if word and "'" not in word:
                        self.all.add(word.casefold())
                        if word.islower():
                            self.common.add(word)

    def generic(self, label):
        """Whether an English place name is made of ordinary words only ("Centre", "Far North",
        "Eastern Province", "Red Sea"): other languages translate such names into their own
        ordinary words (中央, 東部, 红海), which are no evidence of the place."""
        words = re.findall(r"[^\W\d_]+", label.casefold())
        return bool(words) and all(w in self.common for w in words)


def variants(name):
    """A name and its form without Arabic-script marks."""
    bare = _ARABIC_MARKS.sub("", name)
    return [name] if bare == name else [name, bare]


def keep(name, english, latin_ok):
    """Whether a localised name may be matched in text (see the module comment)."""
    if len(name) < 2 or (not _HANGUL.search(name) and any(len(w) < 2 for w in name.split())):
        return False
    if common.is_latin(name):
        # Abbreviations in capitals ("EUA", "ABD", "EE. UU.") are English acronyms as often.
        return latin_ok and name.casefold() not in english.all and name != name.upper()
    return True


def keep_region_name(name, english):
    """keep() for subdivision names, stricter for the short names of Japanese and Korean, which
    are ordinary words as often as not (イカ, ゴム, 신장), and Han calques of common words."""
    if not keep(name, english, latin_ok=False) or name in HAN_WORDS:
        return False
    return not ((_KANA_ONLY.match(name) or _HANGUL_ONLY.match(name)) and len(name) < 3)


def territory_names(cldr, locale):
    """CLDR main/<locale>.xml: alpha-2 code -> [names] (with the short and variant forms)."""
    names = {}
    path = os.path.join(cldr, "main", locale + ".xml")
    for node in ET.parse(path).getroot().iter("territory"):
        code = node.get("type", "")
        if len(code) == 2 and code.isalpha() and node.text:
            names.setdefault(code, []).append(common.clean(node.text))
    return names


def subdivision_names(cldr, locale):
    """CLDR subdivisions/<locale>.xml: ISO 3166-2 code -> name; {} when the locale has none."""
    path = os.path.join(cldr, "subdivisions", locale + ".xml")
    if not os.path.isfile(path):
        return {}
    names = {}
    for node in ET.parse(path).getroot().iter("subdivision"):
        code = node.get("type", "")
        if len(code) > 2 and node.text:
            names[f"{code[:2].upper()}-{code[2:].upper()}"] = common.clean(node.text)
    return names


def short_form(name):
    """The name without its generic word ("四川省" -> "四川"), or None."""
    for pattern in SHORT_FORMS:
        found = pattern.match(name)
        if found:
            return found.group("name")
    return None


def add_country_names(places, cldr, english):
    """Adds the localised names of LOCALES to the countries of `places` (before the generator
    drops names shared by two countries). Returns the number of names added."""
    added = 0
    for locale in LOCALES:
        for code, names in territory_names(cldr, locale).items():
            place = places.get(code.lower())
            if place is None or place.kind != "country":
                continue
            for name in (v for raw in names for v in variants(raw)):
                if keep(name, english, latin_ok=True):
                    place.names.append(name)
                    added += 1
    return added


def add_subdivision_names(places, regions_by_code, cldr, english):
    """Adds the localised subdivision names of LOCALES (non-Latin scripts) and their short forms
    to the regions they were matched to (regions_by_code: ISO 3166-2 code -> region id); a name
    that is also a country's is left out. Returns the number of names added."""
    added = 0
    country_names = {n.casefold() for p in places.values() if p.kind == "country"
                     for n in p.names}
    for locale in LOCALES:
        for code, raw in subdivision_names(cldr, locale).items():
            region = places.get(regions_by_code.get(code, ""))
            if region is None or common.is_latin(raw):
                continue
            if english.generic(region.label):
                continue
            forms = [raw] + [f for f in (short_form(raw),) if f]
            if _HANGUL.search(raw):  # Korean writes these names with and without spaces
                forms += [f.replace(" ", "") for f in forms if " " in f]
            for name in (v for form in forms for v in variants(form)):
                if name.casefold() not in country_names and keep_region_name(name, english):
                    region.names.append(name)
                    added += 1
    return added
