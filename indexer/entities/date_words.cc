#include "entities/date_words.h"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <unordered_map>

namespace vigil::entities::date_internal {
namespace {

using Table = std::unordered_map<std::string_view, WordInfo>;

void add_cue(Table& table, std::initializer_list<std::string_view> words, Cue cue) {
  for (std::string_view word : words) table[word].cue = cue;
}

void add_tense(Table& table, std::initializer_list<std::string_view> words, Tense tense) {
  for (std::string_view word : words) table[word].tense = tense;
}

void add_units(Table& table) {
  struct Entry {
    std::string_view singular, plural;
    Unit unit;
  };
  static constexpr std::array<Entry, 13> kUnits = {{
      {"second", "seconds", Unit::kSecond},
      {"minute", "minutes", Unit::kMinute},
      {"hour", "hours", Unit::kHour},
      {"day", "days", Unit::kDay},
      {"week", "weeks", Unit::kWeek},
      {"weekend", "weekends", Unit::kWeekend},
      {"fortnight", "fortnights", Unit::kFortnight},
      {"month", "months", Unit::kMonth},
      {"quarter", "quarters", Unit::kQuarter},
      {"year", "years", Unit::kYear},
      {"decade", "decades", Unit::kDecade},
      {"century", "centuries", Unit::kCentury},
      {"millennium", "millennia", Unit::kMillennium},
  }};
  for (const Entry& e : kUnits) {
    table[e.singular].unit = e.unit;
    table[e.plural].unit = e.unit;
    table[e.plural].plural = true;
  }
}

void add_calendar_names(Table& table) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::array<std::string_view, 12> kMonthAbbreviations = {
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  static constexpr std::array<int, 12> kAbbreviatedMonth = {1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    table[kMonths[i]].month = static_cast<std::int16_t>(i + 1);
  }
  for (std::size_t i = 0; i < kMonthAbbreviations.size(); ++i) {
    WordInfo& info = table[kMonthAbbreviations[i]];
    info.month = static_cast<std::int16_t>(kAbbreviatedMonth[i]);
    info.abbreviation = true;
  }
  static constexpr std::array<std::string_view, 7> kWeekdays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  static constexpr std::array<std::string_view, 7> kWeekdayPlurals = {
      "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"};
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    table[kWeekdays[i]].weekday = static_cast<std::int16_t>(i + 1);
    table[kWeekdayPlurals[i]].weekday = static_cast<std::int16_t>(i + 1);
    table[kWeekdayPlurals[i]].plural = true;
  }
}

void add_numbers(Table& table) {
  static constexpr std::array<std::string_view, 19> kOnes = {
      "one",     "two",     "three",     "four",     "five",    "six",      "seven",
      "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 19> kOrdinals = {
      "first",     "second",      "third",      "fourth",     "fifth",
      "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
      "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
      "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
  for (std::size_t i = 0; i < kOnes.size(); ++i) {
    table[kOnes[i]].number = static_cast<std::int16_t>(i + 1);
    table[kOrdinals[i]].ordinal = static_cast<std::int16_t>(i + 1);
  }
  static constexpr std::array<std::string_view, 8> kTens = {
      "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  static constexpr std::array<std::string_view, 8> kTenths = {
      "twentieth", "thirtieth",  "fortieth",  "fiftieth",
      "sixtieth",  "seventieth", "eightieth", "ninetieth"};
  static constexpr std::array<std::string_view, 8> kDecades = {
      "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"};
  for (std::size_t i = 0; i < kTens.size(); ++i) {
    const auto value = static_cast<std::int16_t>(20 + 10 * i);
    table[kTens[i]].number = value;
    table[kTenths[i]].ordinal = value;
    table[kDecades[i]].decade = value;
  }
  table["hundred"].number = 100;
  table["thousand"].number = 1000;
  table["once"].number = 1;
  table["twice"].number = 2;
}

void add_cues(Table& table) {
  add_cue(table, {"the"}, Cue::kThe);
  add_cue(table, {"a", "an"}, Cue::kA);
  add_cue(table, {"of"}, Cue::kOf);
  add_cue(table, {"and", "or"}, Cue::kAnd);
  add_cue(table, {"at"}, Cue::kAt);
  add_cue(table, {"on"}, Cue::kOn);
  add_cue(table, {"in"}, Cue::kIn);
  add_cue(table, {"for"}, Cue::kFor);
  add_cue(table, {"from"}, Cue::kFrom);
  add_cue(table, {"to"}, Cue::kTo);
  add_cue(table, {"per"}, Cue::kPer);
  add_cue(table, {"every", "each"}, Cue::kEvery);
  add_cue(table, {"fiscal"}, Cue::kFiscal);
  add_cue(table, {"this"}, Cue::kThis);
  add_cue(table, {"last"}, Cue::kLast);
  add_cue(table, {"next"}, Cue::kNext);
  add_cue(table, {"past", "previous", "preceding", "prior"}, Cue::kPast);
  add_cue(table, {"coming", "upcoming", "following"}, Cue::kComing);
  add_cue(table, {"current"}, Cue::kCurrent);
  add_cue(table, {"recent"}, Cue::kRecent);
  add_cue(table, {"early"}, Cue::kEarly);
  add_cue(table, {"mid"}, Cue::kMid);
  add_cue(table, {"late"}, Cue::kLate);
  add_cue(table, {"beginning", "start"}, Cue::kBeginning);
  add_cue(table, {"middle"}, Cue::kMiddle);
  add_cue(table, {"end", "close"}, Cue::kEnd);
  add_cue(table, {"today"}, Cue::kToday);
  add_cue(table, {"yesterday"}, Cue::kYesterday);
  add_cue(table, {"tomorrow"}, Cue::kTomorrow);
  add_cue(table, {"tonight"}, Cue::kTonight);
  add_cue(table, {"morning"}, Cue::kMorning);
  add_cue(table, {"afternoon"}, Cue::kAfternoon);
  add_cue(table, {"evening"}, Cue::kEvening);
  add_cue(table, {"night"}, Cue::kNight);
  add_cue(table, {"noon", "midday"}, Cue::kNoon);
  add_cue(table, {"midnight"}, Cue::kMidnight);
  add_cue(table, {"spring"}, Cue::kSpring);
  add_cue(table, {"summer"}, Cue::kSummer);
  add_cue(table, {"fall", "autumn"}, Cue::kFall);
  add_cue(table, {"winter"}, Cue::kWinter);
  add_cue(table, {"now"}, Cue::kNow);
  add_cue(table, {"currently", "presently", "nowadays"}, Cue::kCurrently);
  add_cue(table, {"recently", "lately"}, Cue::kRecently);
  add_cue(table, {"future"}, Cue::kFuture);
  add_cue(table, {"present"}, Cue::kPresent);
  add_cue(table, {"ago"}, Cue::kAgo);
  add_cue(table, {"earlier"}, Cue::kEarlier);
  add_cue(table, {"later"}, Cue::kLater);
  add_cue(table, {"hence"}, Cue::kHence);
  add_cue(table, {"few", "several", "many", "numerous"}, Cue::kFew);
  add_cue(table, {"couple"}, Cue::kCouple);
  add_cue(table, {"dozen", "dozens"}, Cue::kDozen);
  add_cue(table, {"half"}, Cue::kHalf);
  add_cue(table, {"about", "around", "approximately", "roughly", "some", "circa"}, Cue::kApprox);
  add_cue(table, {"nearly", "almost"}, Cue::kNearly);
  add_cue(table, {"more"}, Cue::kMore);
  add_cue(table, {"less", "fewer"}, Cue::kLess);
  add_cue(table, {"than"}, Cue::kThan);
  add_cue(table, {"least"}, Cue::kLeast);
  add_cue(table, {"most"}, Cue::kMost);
  add_cue(table, {"up"}, Cue::kUp);
  add_cue(table, {"once", "twice"}, Cue::kOnce);
  add_cue(table, {"times"}, Cue::kTimes);
  add_cue(table, {"am"}, Cue::kAm);
  add_cue(table, {"pm"}, Cue::kPm);
  add_cue(table, {"before"}, Cue::kBefore);
  add_cue(table, {"after"}, Cue::kAfter);
  add_cue(
      table,
      {"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "bst", "cet"},
      Cue::kZone);
  add_cue(table, {"people",    "persons",    "men",        "women",        "children",  "troops",
                  "soldiers",  "votes",      "deaths",     "cases",        "refugees",  "workers",
                  "jobs",      "shares",     "barrels",    "tons",         "tonnes",    "acres",
                  "miles",     "kilometers", "kilometres", "meters",       "metres",    "feet",
                  "dollars",   "pounds",     "euros",      "yen",          "points",    "members",
                  "copies",    "cars",       "homes",      "houses",       "families",  "students",
                  "delegates", "seats",      "employees",  "residents",    "prisoners", "detainees",
                  "civilians", "victims",    "officers",   "protesters",   "units",     "vehicles",
                  "pages",     "words",      "signatures", "participants", "calories",  "hectares"},
          Cue::kCountNoun);
  add_cue(table,
          {"page", "no", "number", "flight", "room", "route", "section", "article", "chapter",
           "resolution", "highway", "gate", "suite", "box", "paragraph"},
          Cue::kNoYear);
  // Set adverbs carry the unit they repeat.
  struct Repeat {
    std::string_view word;
    Unit unit;
  };
  static constexpr std::array<Repeat, 7> kRepeats = {{{"hourly", Unit::kHour},
                                                      {"daily", Unit::kDay},
                                                      {"weekly", Unit::kWeek},
                                                      {"monthly", Unit::kMonth},
                                                      {"quarterly", Unit::kQuarter},
                                                      {"annually", Unit::kYear},
                                                      {"yearly", Unit::kYear}}};
  for (const Repeat& r : kRepeats) {
    table[r.word].cue = Cue::kDaily;
    table[r.word].unit = r.unit;
  }
}

void add_tenses(Table& table) {
  add_tense(table, {"will",    "shall",    "ll",        "would",  "might",    "may",      "should",
                    "going",   "gonna",    "plans",     "plan",   "planning", "intends",  "intend",
                    "expects", "expected", "scheduled", "slated", "due",      "upcoming", "next",
                    "coming",  "tomorrow", "soon",      "hopes",  "aims",     "wants",    "expect"},
            Tense::kFuture);
  add_tense(
      table,
      {"was",       "were",    "had",        "did",        "said",   "told",  "ago",    "last",
       "yesterday", "earlier", "previously", "recently",   "has",    "have",  "began",  "became",
       "brought",   "bought",  "came",       "caught",     "chose",  "drew",  "drove",  "fell",
       "felt",      "fought",  "found",      "flew",       "forgot", "froze", "gave",   "went",
       "grew",      "heard",   "held",       "kept",       "knew",   "led",   "left",   "lost",
       "made",      "meant",   "met",        "paid",       "ran",    "rose",  "sold",   "sent",
       "shook",     "shot",    "sat",        "spoke",      "spent",  "stood", "struck", "took",
       "taught",    "thought", "threw",      "understood", "won",    "wrote", "sought", "withdrew",
       "underwent", "former",  "saw",        "got",        "ended",  "hit",   "quit",   "split",
       "spread",    "upheld",  "overthrew",  "broke"},
      Tense::kPast);
  for (std::string_view word :
       {"need",          "speed",         "indeed",      "proceed",    "exceed",   "succeed",
        "hundred",       "red",           "bed",         "shed",       "seed",     "feed",
        "breed",         "greed",         "creed",       "naked",      "sacred",   "wicked",
        "kindred",       "ragged",        "rugged",      "beloved",    "aged",     "based",
        "called",        "limited",       "united",      "advanced",   "detailed", "alleged",
        "armed",         "displaced",     "concerned",   "interested", "related",  "proposed",
        "unprecedented", "unidentified",  "unnamed",     "embed",      "skilled",  "qualified",
        "dedicated",     "sophisticated", "complicated", "registered", "licensed", "talented",
        "supposed",      "used",          "reed",        "weed",       "bleed",    "tweed"}) {
    table[word].no_tense = true;
  }
}

void add_abbreviations_and_prepositions(Table& table) {
  for (std::string_view word : {"mr",  "mrs",  "ms",  "dr",   "gen", "sen", "rep", "gov", "st",
                                "jr",  "sr",   "co",  "corp", "inc", "ltd", "lt",  "col", "capt",
                                "sgt", "prof", "rev", "vs",   "no",  "mt",  "ft",  "u",   "s"}) {
    table[word].abbreviation = true;
  }
  for (std::string_view word :
       {"in",    "since", "until",   "till",       "by",      "during", "before", "after",
        "from",  "to",    "through", "throughout", "between", "of",     "around", "circa",
        "into",  "for",   "early",   "mid",        "late",    "last",   "next",   "this",
        "every", "each",  "past",    "until",      "about"}) {
    table[word].temporal_prep = true;
  }
}

void add_named_days(Table& table) {
  for (std::string_view word :
       {"new", "international", "valentine", "human", "world", "christmas", "boxing", "halloween",
        "may", "thanksgiving", "labor", "memorial", "easter", "good"}) {
    table[word].names_day = true;
  }
}

Table build_table() {
  Table table;
  add_units(table);
  add_calendar_names(table);
  add_numbers(table);
  add_cues(table);
  add_tenses(table);
  add_abbreviations_and_prepositions(table);
  add_named_days(table);
  return table;
}

}  // namespace

const WordInfo* lookup_word(std::string_view word) {
  static const Table kTable = build_table();
  constexpr std::size_t kMaxLength = 20;
  if (word.empty() || word.size() > kMaxLength) return nullptr;
  std::array<char, kMaxLength> lower{};
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const auto found = kTable.find(std::string_view(lower.data(), word.size()));
  return found == kTable.end() ? nullptr : &found->second;
}

const char* part_of_day(Cue c) {
  switch (c) {
    case Cue::kMorning:
      return "MO";
    case Cue::kAfternoon:
      return "AF";
    case Cue::kEvening:
      return "EV";
    case Cue::kNight:
      return "NI";
    default:
      return nullptr;
  }
}

}  // namespace vigil::entities::date_internal
